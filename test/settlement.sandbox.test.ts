/**
 * Settlements end to end on the sandbox: a week of live payments (refunds,
 * a chargeback) is paid out; Settlement Paid Out fires it with lines that add
 * up; Record Settlement in the Books makes ONE Moneybird statement however
 * often and however concurrently it runs, links every payment to its invoice
 * (a payment recorded before is linked, not paid again), lists what does not
 * fit and books it nowhere; HubSpot deals get their settlement.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { DAY, SANDBOX_ACCESS_TOKEN, SANDBOX_HUBSPOT_TOKEN, SANDBOX_PIPEDRIVE_DOMAIN, SANDBOX_PIPEDRIVE_TOKEN, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { booksOf } from '../sandbox/moneybird/financial';
import { MONEYBIRD_LIMITS } from '../sandbox/moneybird/rateLimit';
import { settlementsOf } from '../sandbox/mollie/settlements';
import { toMinor } from '../money/money';
import { useClock, withDeadline } from '../http/deadline';
import { appMethod } from './helpers/app';

const settlementPaidOut = appMethod('triggers.settlement_paid_out.operation.perform');
const financialAccounts = appMethod('triggers.moneybird_financial_accounts.operation.perform');

type Out = Record<string, unknown> & { lines?: Array<Record<string, string>> };
const appTester = createAppTester(App);
const moneybirdAuth = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live', crm: 'moneybird', crmToken: SANDBOX_MONEYBIRD_TOKEN, moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID };
const hubspotAuth = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live', crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };
const pipedriveAuth = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live', crm: 'pipedrive', crmToken: SANDBOX_PIPEDRIVE_TOKEN, pipedriveCompanyDomain: SANDBOX_PIPEDRIVE_DOMAIN };
const run = <T>(fn: (z: ZObject, bundle: Bundle) => unknown, bundle: Record<string, unknown>) => appTester(fn as never, { inputData: {}, meta: {}, ...bundle } as never) as Promise<T>;

describe('settlements on the sandbox', () => {
  let sb: Sandbox;
  let settlementId: string;
  const invoices: Record<string, string> = {};

  beforeAll(async () => {
    sb = await startSandbox({ seed: 14 });
    Object.assign(process.env, sb.env());
    const { mollie, moneybird } = sb;
    const contact = moneybird.createContact({ company_name: 'Bakkerij de Vries', customer_id: 'CUST-1042' });
    const other = moneybird.createContact({ company_name: 'Fietsen Jansen', customer_id: 'CUST-2077' });
    const start = sb.clock.now().getTime() - 7 * DAY;
    const pay = (n: number, value: string, metadata: object, day: number) => {
      const p = mollie.createPayment({ amount: { currency: 'EUR', value }, description: `Invoice 2026-00${n}`, metadata, mode: 'live', createdAt: new Date(start + day * DAY) });
      mollie.setPaymentStatus(p.id, 'paid', new Date(start + day * DAY + 60_000));
      return p;
    };
    for (const [n, value] of [[41, '121.00'], [42, '60.50'], [43, '35.00'], [44, '250.00'], [45, '80.00']] as const) {
      invoices[n] = moneybird.createInvoice({ contactId: contact.id, number: `2026-00${n}`, total: value }).id;
    }
    moneybird.createInvoice({ contactId: other.id, number: '2026-0046', total: '19.95' });
    const p41 = pay(41, '121.00', { customerId: 'CUST-1042', invoiceNumber: '2026-0041' }, 0);
    pay(42, '60.50', { customerId: 'CUST-1042' }, 1);
    const p43 = pay(43, '35.00', { invoiceNumber: '2026-0043' }, 2);
    const p44 = pay(44, '250.00', { invoiceNumber: '2026-0044' }, 3);
    pay(45, '79.00', { invoiceNumber: '2026-0045' }, 3); // amount differs from the invoice
    pay(46, '19.95', { customerId: 'CUST-1042', invoiceNumber: '2026-0046' }, 4); // another contact's invoice
    pay(47, '12.00', {}, 4); // no invoice at all: "Invoice 2026-0047" exists nowhere
    mollie.createRefund(p43.id, { amount: '10.00' }, new Date(start + 5 * DAY));
    mollie.createChargeback(p44.id, {}, new Date(start + 6 * DAY));
    // Recorded on its invoice before the payout, as a Payment Paid → Create CRM Payment Record Zap does.
    await run(appMethod('creates.create_crm_payment_record.operation.perform'), { authData: moneybirdAuth, inputData: { payment_id: p41.id, invoice_number: '2026-0041' } });
    settlementId = settlementsOf(mollie).payOut().id;
  });
  afterAll(() => sb.close());

  it('fires Settlement Paid Out once per payout, with lines that add up to the payout exactly', async () => {
    const items = await run<Out[]>(settlementPaidOut, { authData: moneybirdAuth });
    expect(items.map((item) => item.id)).toEqual([`${settlementId}:paidout`]);
    const [item] = items;
    const lines = item.lines!;
    expect(lines.filter((line) => line.type === 'payment')).toHaveLength(7);
    expect(lines.filter((line) => line.type === 'refund').map((line) => line.amount)).toEqual(['-10.00']);
    expect(lines.filter((line) => line.type === 'chargeback').map((line) => line.amount)).toEqual(['-250.00']);
    expect(lines.some((line) => line.type === 'difference')).toBe(false);
    const sum = lines.reduce((total, line) => total + toMinor({ currency: 'EUR', value: line.amount }), 0n);
    expect(sum).toBe(toMinor({ currency: 'EUR', value: String(item.amount) }));
    expect(item.lines_add_up).toBe(true);
    expect(lines.find((line) => line.description === 'Invoice 2026-0042')?.invoice_number).toBe('2026-0042');
    expect(lines.find((line) => line.invoice_number === '2026-0041')?.customer_id).toBe('CUST-1042');
    expect(lines.every((line) => line.type === 'cost' || line.fee !== '')).toBe(true);
    const onTurnOn = await run<Out[]>(settlementPaidOut, { authData: moneybirdAuth, meta: { isPopulatingDedupe: true } });
    expect(onTurnOn).toEqual([{ id: `${settlementId}:paidout` }]);
  });

  it('offers the Moneybird financial accounts for the dropdown', async () => {
    const options = await run<Array<{ id: string; name: string }>>(financialAccounts, { authData: moneybirdAuth });
    expect(options.map((option) => option.name)).toEqual(['ING Zakelijk (EUR)', 'Mollie (EUR)']);
  });

  it('imports the settlement as one statement, links every payment, pays none twice, lists what does not fit', async () => {
    const finance = booksOf(sb.moneybird);
    const inputData = { settlement_id: settlementId, financial_account_id: finance.accountNamed('Mollie').id, fee_ledger_account_id: finance.ledgerNamed('Transactiekosten').id };
    const record = () => run<Out>(appMethod('creates.record_settlement.operation.perform'), { authData: moneybirdAuth, inputData });
    // Two runs at once without z.cache's lock (the app tester has none) is the worst case, and every line's payment is placed as the
    // record step places it (recording/: the contact its keys point to), so together they pass Moneybird's 150 requests per 5 minutes.
    // That limit is not what this test is about (a 429 becomes a ThrottledError Zapier retries: test/apiErrors.test.ts); idempotence is.
    sb.moneybird.rateWindow.limits = false;
    const [first, second] = await Promise.all([record(), record()]);
    const third = await record();
    sb.moneybird.rateWindow.limits = MONEYBIRD_LIMITS;
    const statements = [...finance.statements.values()];
    expect(statements).toHaveLength(1);
    expect(new Set([first.id, second.id, third.id])).toEqual(new Set([statements[0].id]));
    expect({ outcome: third.outcome, booked: third.lines_booked, fees: third.fees_booked }).toEqual({ outcome: "unchanged", booked: 0, fees: 0 });
    expect(third.statement_balance).toBe('0.00');

    const payments = (invoice: string) => sb.moneybird.invoices.get(invoice)!.payments;
    // Paid once on its invoice (by Create CRM Payment Record), and that payment is the one linked.
    expect(payments(invoices[41])).toHaveLength(1);
    expect(payments(invoices[41])[0].financial_mutation_id).toBeDefined();
    for (const n of [42, 43, 44]) expect(payments(invoices[n]).every((p) => p.financial_mutation_id)).toBe(true);
    expect(payments(invoices[43]).map((p) => p.cents)).toEqual([3500n, -1000n]);
    expect(payments(invoices[44]).map((p) => p.cents)).toEqual([25000n, -25000n]);
    expect(payments(invoices[45])).toHaveLength(0);

    const reasons = String(third.needs_person);
    expect(third.needs_person_count).toBe(3);
    expect(reasons).toMatch(/amount differs: invoice 2026-0045 has 80\.00 open/);
    expect(reasons).toMatch(/invoice 2026-0046 belongs to another contact/);
    expect(reasons).toMatch(/no sales invoice 2026-0047/);
    const mutations = statements[0].mutationIds.map((id) => finance.mutations.get(id)!);
    const open = mutations.filter((m) => finance.open(m) !== 0n);
    // The three unmatched payments and the payout (linked by the bookkeeper to the bank side) stay open; nothing else.
    expect(open).toHaveLength(4);
    expect(mutations.reduce((sum, m) => sum + m.cents, 0n)).toBe(0n);
    // Three fee lines, each booked once on the fee ledger account although two runs raced to book them.
    expect(mutations.filter((m) => m.bookings.length > 0).map((m) => m.bookings.length)).toEqual([1, 1, 1]);
  });

  it('HubSpot deals of the settled payments get the settlement reference and payout date; a payment without a deal gets one', async () => {
    const out = await run<Out>(appMethod('creates.record_settlement.operation.perform'), { authData: hubspotAuth, inputData: { settlement_id: settlementId } });
    const settlement = settlementsOf(sb.mollie).settlements.get(settlementId)!;
    const deals = sb.hubspot.all('deals');
    expect(deals).toHaveLength(7);
    for (const deal of deals) {
      expect(deal.properties.mollie_settlement_reference).toBe(settlement.reference);
      expect(deal.properties.mollie_payout_date).toBe(settlement.settledAt!.toISOString().slice(0, 10));
      expect(deal.properties.mollie_fee).toMatch(/^\d+\.\d\d$/);
    }
    // Seven payment lines and, since issue 18 item 2, the refund and the chargeback: their deals follow them.
    expect(out.lines_booked).toBe(9);
    const again = await run<Out>(appMethod('creates.record_settlement.operation.perform'), { authData: hubspotAuth, inputData: { settlement_id: settlementId } });
    expect({ booked: again.lines_booked, before: again.lines_already_booked, deals: sb.hubspot.all('deals').length }).toEqual({ booked: 0, before: 9, deals: 7 });
  });

  it('Pipedrive deals get the settlement fields too, once: a replay writes the same deals, creates none', async () => {
    const out = await run<Out>(appMethod('creates.record_settlement.operation.perform'), { authData: pipedriveAuth, inputData: { settlement_id: settlementId } });
    const settlement = settlementsOf(sb.mollie).settlements.get(settlementId)!;
    const key = (name: string) => sb.pipedrive.dealFields.find((field) => field.name === name)!.key;
    const deals = [...sb.pipedrive.deals.values()];
    expect(deals).toHaveLength(7);
    for (const deal of deals) {
      expect(deal.custom_fields[key('Mollie settlement reference')]).toBe(settlement.reference);
      expect(deal.custom_fields[key('Mollie payout date')]).toBe(settlement.settledAt!.toISOString().slice(0, 10));
    }
    expect(out.lines_booked).toBe(9); // seven payments, a refund and a chargeback (as for HubSpot)
    sb.clock.advance(60_000); // Pipedrive's search shows new deals after a moment
    const again = await run<Out>(appMethod('creates.record_settlement.operation.perform'), { authData: pipedriveAuth, inputData: { settlement_id: settlementId } });
    expect({ booked: again.lines_booked, before: again.lines_already_booked, deals: sb.pipedrive.deals.size }).toEqual({ booked: 0, before: 9, deals: 7 });
  });

  it('under the run’s 30 s a long import stops in time, says how far it got, and the retry finishes it: one statement, nothing twice', async () => {
    const { mollie, moneybird } = sb;
    const contact = moneybird.createContact({ company_name: 'Grote Klant', customer_id: 'CUST-9000' });
    for (let n = 0; n < 12; n++) {
      const number = `2026-09${String(n).padStart(2, '0')}`;
      moneybird.createInvoice({ contactId: contact.id, number, total: '10.00' });
      const p = mollie.createPayment({ amount: { currency: 'EUR', value: '10.00' }, description: `Invoice ${number}`, metadata: { customerId: 'CUST-9000' }, mode: 'live' });
      mollie.setPaymentStatus(p.id, 'paid');
    }
    sb.clock.advance(DAY);
    const id = settlementsOf(mollie).payOut().id;
    const finance = booksOf(moneybird);
    const inputData = { settlement_id: id, financial_account_id: finance.accountNamed('Mollie').id };
    // Virtual time: every vendor request costs 1 s, so a run's 25 s cover only part of the lines.
    const requestsSent = () => sb.servers.mollie.requestLog.length + sb.servers.moneybird.requestLog.length;
    let start = 0;
    useClock(() => (requestsSent() - start) * 1_000);
    const outcomes: string[] = [];
    try {
      for (let attempt = 0; attempt < 10 && !outcomes.includes('done'); attempt++) {
        start = requestsSent();
        await withDeadline(() => run<Out>(appMethod('creates.record_settlement.operation.perform'), { authData: moneybirdAuth, inputData })).then(
          () => outcomes.push('done'),
          (error: Error) => outcomes.push(`${error.name}: ${/\d+ lines linked in this run/.exec(error.message)?.[0] ?? error.message}`),
        );
      }
    } finally {
      useClock();
    }
    expect(outcomes.length).toBeGreaterThan(1);
    expect(outcomes.slice(0, -1).every((outcome) => /^ThrottledError: \d+ lines linked in this run$/.test(outcome))).toBe(true);
    expect(outcomes[outcomes.length - 1]).toBe('done');
    const [statement] = [...finance.statements.values()].filter((s) => s.mutationIds.some((m) => finance.mutations.get(m)!.account_servicer_transaction_id?.startsWith(`mollie:${id}:`)));
    expect(finance.statementsWith(statement.reference)).toHaveLength(1);
    const paymentLines = statement.mutationIds.map((m) => finance.mutations.get(m)!).filter((m) => m.account_servicer_transaction_id?.includes(':tr_'));
    expect(paymentLines.map((m) => [m.payments.length, finance.open(m)])).toEqual(paymentLines.map(() => [1, 0n]));
  });
});
