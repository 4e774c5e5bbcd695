/**
 * Issue 18, items 3 and 5, in Moneybird.
 * Once per payout: a payout is in the books once, whatever financial account a
 * later (or parallel) run names; such a run says where it is and writes nothing.
 * Checked before writing: the financial account, the fee ledger and the
 * administration are verified before the statement is made; a bad choice is
 * refused naming the field, with nothing written (no write request at all),
 * and the statement's dates are the administration's own (its time zone).
 * Tests marked `failing` state what today's code does not do yet.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { settlementsOf, type Settlement } from '../sandbox/mollie/settlements';
import { booksOf, type FinancialAccount } from '../sandbox/moneybird/financial';
import { failure } from './helpers/connection';
import { book, invoices, livePayment, mutationOf, requestsDuring, statementsOf, forgetCache } from './helpers/books';

let sb: Sandbox;
let seed = 1860;
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: seed++ });
  Object.assign(process.env, sb.env());
  sb.moneybird.rateWindow.limits = false;
});
afterEach(() => sb.close());

/** A payout of two invoice payments and a refund, with fees. */
const payout = (): Settlement => {
  invoices(sb, { '2026-0701': '100.00', '2026-0702': '45.50' });
  livePayment(sb, '100.00', '2026-0701');
  const second = livePayment(sb, '45.50', '2026-0702');
  sb.mollie.createRefund(second.id, { amount: '5.50' });
  sb.clock.advance(60_000);
  return settlementsOf(sb.mollie).payOut();
};
const finance = () => booksOf(sb.moneybird);
const bookings = () => [...finance().mutations.values()].reduce((sum, mutation) => sum + mutation.bookings.length + mutation.payments.length, 0);
const accountOf = (settlement: Settlement) => statementsOf(sb, settlement).map((statement) => finance().accounts.get(statement.financial_account_id)!.name);

describe('once per payout, whatever the financial account (item 3)', () => {
  test.failing('a second run on another account says where the payout is booked and writes nothing', async () => {
    const settlement = payout();
    const first = await book(sb, 'moneybird', settlement);
    const linked = bookings();
    const { result: second, writes } = await requestsDuring(sb.servers.moneybird, () => book(sb, 'moneybird', settlement, { financial_account_id: finance().accountNamed('ING Zakelijk').id }));
    expect(writes.map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(accountOf(settlement)).toEqual(['Mollie']);
    expect({ id: second.id, url: second.url, outcome: second.outcome, booked: second.lines_booked }).toEqual({ id: first.id, url: first.url, outcome: 'unchanged', booked: 0 });
    expect(JSON.stringify(second)).toMatch(/already[^"]*Mollie|Mollie[^"]*already/i);
    expect(bookings()).toBe(linked);
  });

  test.failing('two runs at once on two accounts leave one statement, its lines booked once', async () => {
    const settlement = payout();
    const other = finance().addAccount({ type: 'FinancialAccount::PaymentServiceProvider', name: 'Mollie webshop', identifier: 'Mollie 2', provider: 'mollie' });
    await Promise.all([book(sb, 'moneybird', settlement), book(sb, 'moneybird', settlement, { financial_account_id: other.id })]);
    const statements = statementsOf(sb, settlement);
    expect(statements).toHaveLength(1);
    const mutations = statements[0].mutationIds.map((id) => finance().mutations.get(id)!);
    expect(mutations.map((m) => m.bookings.length + m.payments.length).filter((n) => n > 1)).toEqual([]);
  });

  it('a replay on the same account writes nothing either', async () => {
    const settlement = payout();
    await book(sb, 'moneybird', settlement);
    const { writes, result } = await requestsDuring(sb.servers.moneybird, () => book(sb, 'moneybird', settlement));
    expect({ writes: writes.length, outcome: result.outcome, booked: result.lines_booked }).toEqual({ writes: 0, outcome: 'unchanged', booked: 0 });
  });
});

describe('checked before writing: a bad choice is refused naming the field, nothing written (item 5)', () => {
  type Case = [string, () => { input?: Record<string, unknown>; auth?: Record<string, string> }, RegExp];
  const account = (input: Partial<FinancialAccount>) => finance().addAccount({ type: 'FinancialAccount::PaymentServiceProvider', name: 'Mollie (oud)', identifier: 'Mollie 2', provider: 'mollie', ...input }).id;
  const refused = async (make: Case[1], message: RegExp) => {
    const settlement = payout();
    const { input, auth } = make();
    const { result: error, writes } = await requestsDuring(sb.servers.moneybird, () => failure(book(sb, 'moneybird', settlement, input, auth)));
    expect(error.message).toMatch(message);
    expect(writes.map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(statementsOf(sb, settlement)).toEqual([]);
    // Corrected, the same payout books once.
    sb.moneybird.administration.period_locked_until = null;
    const out = await book(sb, 'moneybird', settlement);
    expect({ statements: statementsOf(sb, settlement).length, balance: out.statement_balance }).toEqual({ statements: 1, balance: '0.00' });
  };
  const PASSING: Case[] = [
    ['a financial account Moneybird does not have', () => ({ input: { financial_account_id: '496081529999999999' } }), /^Financial account/],
    ['a financial account in another currency', () => ({ input: { financial_account_id: account({ currency: 'USD', name: 'Mollie USD' }) } }), /^Financial account.*USD/],
  ];
  const FAILING: Case[] = [
    ['an archived financial account', () => ({ input: { financial_account_id: account({ active: false }) } }), /^Financial account.*(archived|inactive|not active)/i],
    ['a fee ledger Moneybird does not have', () => ({ input: { fee_ledger_account_id: '496081529999999998' } }), /^Ledger account for Mollie fees/],
    ['a fee ledger that takes no bank lines', () => ({ input: { fee_ledger_account_id: finance().ledgerNamed('Debiteuren').id } }), /^Ledger account for Mollie fees.*Debiteuren/],
    ['an administration the token does not reach', () => ({ auth: { moneybirdAdministrationId: '987654321' } }), /^Moneybird administration ID/],
    [
      'a payout dated in a period the administration has locked',
      () => {
        sb.moneybird.administration.period_locked_until = '2026-12-31';
        return {};
      },
      /locked.*2026-12-31|2026-12-31.*locked/i,
    ],
  ];
  it.each(PASSING)('%s', (_name, make, message) => refused(make, message));
  test.failing.each(FAILING)('%s', (_name, make, message) => refused(make, message));
});

describe('the statement’s dates are the administration’s, in its time zone (item 5: the administration is read first)', () => {
  const dated = async (timeZone: string, paidAt: string, paidOutAt: string, date: string) => {
    sb.moneybird.administration.time_zone = timeZone;
    invoices(sb, { '2026-0801': '30.00' });
    sb.clock.set(paidAt);
    const payment = livePayment(sb, '30.00', '2026-0801');
    sb.clock.set(paidOutAt);
    const settlement = settlementsOf(sb.mollie).payOut();
    await book(sb, 'moneybird', settlement);
    const [statement] = statementsOf(sb, settlement);
    const dates = statement.mutationIds.map((id) => finance().mutations.get(id)!.date);
    expect({ official: statement.official_date, payment: mutationOf(sb, settlement, payment.id).date, all: [...new Set(dates)] }).toEqual({ official: date, payment: date, all: [date] });
  };
  it('Curaçao, late in the evening: the same day as in UTC', () => dated('America/Curacao', '2026-10-31T20:10:00Z', '2026-10-31T20:30:00Z', '2026-10-31'));
  test.failing('Amsterdam, just after midnight: the next day', () => dated('Europe/Amsterdam', '2026-10-31T23:10:00Z', '2026-10-31T23:30:00Z', '2026-11-01'));
  test.failing('Curaçao, just after midnight UTC: still the day before', () => dated('America/Curacao', '2026-11-01T01:10:00Z', '2026-11-01T01:30:00Z', '2026-10-31'));
});
