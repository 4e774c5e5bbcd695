/**
 * Issue 19, item 5: correction lines (refunds, chargebacks) stay single when
 * two runs race without the lock (z.cache unavailable, so neither the
 * connection lock nor anything remembered is there). Create CRM Payment Record
 * for a partly refunded Moneybird payment, and Record Settlement in the Books
 * for a payout of partial payments and refunds, each run twice at once.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import createCrmPaymentRecord from '../creates/createCrmPaymentRecord';
import recordSettlement from '../creates/recordSettlement';
import { startSandbox, type Sandbox } from '../sandbox';
import { settlementsOf, type Settlement } from '../sandbox/mollie/settlements';
import { booksOf } from '../sandbox/moneybird/financial';
import { AUTH, forgetCache, invoices, livePayment, mutationOf, price, run, statementsOf, type Out } from './helpers/books';

let sb: Sandbox;
let seed = 1950;
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: seed++ });
  Object.assign(process.env, sb.env());
  sb.moneybird.rateWindow.limits = false;
});
afterEach(() => sb.close());

/** A step whose z.cache fails as it does where Zapier has none: no lock is taken, nothing is remembered. */
const withoutCache =
  (perform: (z: ZObject, bundle: Bundle) => unknown) =>
  (z: ZObject, bundle: Bundle) => {
    const unavailable = async () => {
      throw new Error('rpc is not available');
    };
    return perform({ ...z, cache: { get: unavailable, set: unavailable, delete: unavailable } } as unknown as ZObject, bundle);
  };
const twice = <T>(step: () => Promise<T>) => Promise.all([step(), step()]);
const amounts = (number: string) => [...sb.moneybird.invoices.values()].find((invoice) => invoice.invoice_id === number)!.payments.map((p) => price(p.cents)).sort();

describe('two runs at once without the lock', () => {
  it.each([
    ['a partial refund', (id: string) => [sb.mollie.createRefund(id, { amount: '30.00' })], ['-30.00', '100.00']],
    ['two partial refunds', (id: string) => [sb.mollie.createRefund(id, { amount: '10.00' }), sb.mollie.createRefund(id, { amount: '15.00' })], ['-25.00', '100.00']],
    ['a partial chargeback', (id: string) => [sb.mollie.createChargeback(id, { amount: '40.00' })], ['-40.00', '100.00']],
  ])('Create CRM Payment Record, %s: one payment and one correction on the invoice', async (_name, correct, expected) => {
    const numbers = ['2026-1301', '2026-1302', '2026-1303'];
    invoices(sb, Object.fromEntries(numbers.map((number) => [number, '100.00'])));
    const payments = numbers.map((number) => livePayment(sb, '100.00', number));
    payments.forEach((payment) => correct(payment.id));
    const record = (payment: (typeof payments)[number], number: string) => () =>
      run<Out>(withoutCache(createCrmPaymentRecord.operation.perform as never), { authData: AUTH.moneybird, inputData: { payment_id: payment.id, invoice_number: number } });
    await Promise.all(payments.map((payment, i) => twice(record(payment, numbers[i]))));
    expect(numbers.map(amounts)).toEqual(numbers.map(() => expected));
  });

  it('Record Settlement in the Books, a payout of partial payments and refunds (and a chargeback) paid out later: one statement, every line booked once', async () => {
    invoices(sb, { '2026-1401': '100.00', '2026-1402': '80.00', '2026-1403': '60.00' });
    const refunded = livePayment(sb, '80.00', '2026-1402');
    const disputed = livePayment(sb, '60.00', '2026-1403');
    sb.clock.advance(60_000);
    const first = settlementsOf(sb.mollie).payOut();
    const parts = [livePayment(sb, '70.00', '2026-1401'), livePayment(sb, '30.00', '2026-1401')];
    const corrections = [sb.mollie.createRefund(refunded.id, { amount: '20.00' }).id, sb.mollie.createRefund(refunded.id, { amount: '5.00' }).id, sb.mollie.createChargeback(disputed.id).id];
    sb.clock.advance(60_000);
    const second = settlementsOf(sb.mollie).payOut();
    const finance = booksOf(sb.moneybird);
    const book = (settlement: Settlement) => () =>
      run<Out>(withoutCache(recordSettlement.operation.perform as never), {
        authData: AUTH.moneybird,
        inputData: { settlement_id: settlement.id, financial_account_id: finance.accountNamed('Mollie').id, fee_ledger_account_id: finance.ledgerNamed('Transactiekosten').id },
      });
    for (const settlement of [first, second]) {
      await twice(book(settlement));
      const replay = await book(settlement)();
      expect({ statements: statementsOf(sb, settlement).length, replay: replay.lines_booked, needsPerson: replay.needs_person }).toEqual({ statements: 1, replay: 0, needsPerson: '' });
    }
    const booked = (id: string) => mutationOf(sb, second, id).payments.map((p) => price(p.cents));
    expect([...parts.map((p) => booked(p.id)), ...corrections.map(booked)]).toEqual([['70.00'], ['30.00'], ['-20.00'], ['-5.00'], ['-60.00']]);
    expect({ split: amounts('2026-1401'), refunded: amounts('2026-1402'), disputed: amounts('2026-1403') }).toEqual({
      split: ['30.00', '70.00'],
      refunded: ['-20.00', '-5.00', '80.00'],
      disputed: ['-60.00', '60.00'],
    });
  });
});
