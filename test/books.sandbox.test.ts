/**
 * Issue 18, item 7: the sandbox models what correct bookkeeping needs, as the
 * vendors' specs describe it (every exchange here is checked against them by
 * test/helpers/setup.ts, and the key answers explicitly below).
 * Mollie: refunds and chargebacks paid out in a later settlement than their
 * payment, captures (one line per capture), payouts of costs only, and
 * seedPayouts to build such histories. Moneybird: credit invoices and their
 * payments, payments registered by hand, the invoice list with its filters
 * and pages, synchronization, statements made with their mutations in one
 * request, partial links, bank_transfer payments, ledger accounts that take
 * no bank lines, locked periods, the administration's time zone.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, validate, type OpenApiSpec } from '../sandbox/contract/openapi';
import { request } from '../sandbox/http';
import { DAY, SANDBOX_ACCESS_TOKEN, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { capturesOf } from '../sandbox/mollie/captures';
import { seedPayouts } from '../sandbox/mollie/payouts';
import { settlementsOf } from '../sandbox/mollie/settlements';
import { booksOf } from '../sandbox/moneybird/financial';
import { toMinor } from '../money/money';
import { invoices, livePayment, paidOutItems, forgetCache } from './helpers/books';

const SPECS = path.resolve(__dirname, '../../shared/specs');
const present = existsSync(path.join(SPECS, 'mollie/specs.yaml')) && existsSync(path.join(SPECS, 'moneybird/openapi.json'));
if (!present) console.warn(`Sandbox bookkeeping contract checks skipped: the vendor specs are absent (${SPECS}).`);

type Body = Record<string, unknown> & { _embedded?: Record<string, Array<Record<string, unknown>>> };
let sb: Sandbox;
let specs: { mollie?: OpenApiSpec; moneybird?: OpenApiSpec } = {};
beforeAll(() => {
  if (present) specs = { mollie: loadSpec(path.join(SPECS, 'mollie/specs.yaml')), moneybird: loadSpec(path.join(SPECS, 'moneybird/openapi.json')) };
});
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: 18 });
  Object.assign(process.env, sb.env());
  sb.moneybird.rateWindow.limits = false;
});
afterEach(() => sb.close());

const call = async (base: string, url: string, token: string, method = 'GET', body?: unknown) => {
  const response = await request(`${base}${url}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (response.text ? JSON.parse(response.text) : null) as Body & Body[] };
};
const mollieGet = (url: string, token = SANDBOX_ACCESS_TOKEN) => call(sb.urls.mollie, url, token);
const adm = `/api/v2/${SANDBOX_MONEYBIRD_ADMINISTRATION_ID}`;
const moneybird = (url: string, method = 'GET', body?: unknown) => call(sb.urls.moneybird, `${adm}${url}`, SANDBOX_MONEYBIRD_TOKEN, method, body);
/** The spec's own verdict on an answer (none when the specs are absent). */
const spec = (vendor: 'mollie' | 'moneybird', method: string, template: string, status: number, body: unknown) => (specs[vendor] ? validate(specs[vendor]!, method, template, status, body) : []);
const embeddedPayment = (item: Record<string, unknown>) => (item._embedded as Record<string, Record<string, unknown>>).payment.id;
const ids = (list: Body, key: string) => (list._embedded?.[key] ?? []).map((item) => item.id);

describe('Mollie: what a payout holds', () => {
  it('a refund or chargeback made after a payout is paid out in the next one, against a payment paid out before', async () => {
    const book = settlementsOf(sb.mollie);
    const payment = livePayment(sb, '100.00', '2026-0001');
    const first = book.payOut();
    const refund = sb.mollie.createRefund(payment.id, { amount: '30.00' });
    const chargeback = sb.mollie.createChargeback(livePayment(sb, '20.00', '2026-0002').id);
    const second = book.payOut();

    expect(ids((await mollieGet(`/v2/settlements/${first.id}/payments`)).body, 'payments')).toEqual([payment.id]);
    expect(ids((await mollieGet(`/v2/settlements/${first.id}/refunds`)).body, 'refunds')).toEqual([]);
    const refunds = await mollieGet(`/v2/settlements/${second.id}/refunds?embed=payment`);
    expect(spec('mollie', 'GET', '/v2/settlements/{settlementId}/refunds', 200, refunds.body)).toEqual([]);
    const [settled] = refunds.body._embedded!.refunds;
    expect({ id: settled.id, settlementAmount: settled.settlementAmount, payment: embeddedPayment(settled) }).toEqual({ id: refund.id, settlementAmount: { currency: 'EUR', value: '-30.00' }, payment: payment.id });
    expect(ids((await mollieGet(`/v2/settlements/${second.id}/chargebacks`)).body, 'chargebacks')).toEqual([chargeback.id]);
    expect(ids((await mollieGet(`/v2/settlements/${second.id}/payments`)).body, 'payments')).toHaveLength(1);
  });

  it('captures: an authorized payment is paid out per capture (a part now, the rest in a later payout), never as a payment', async () => {
    const book = settlementsOf(sb.mollie);
    const payment = capturesOf(sb.mollie).authorize({ amount: { currency: 'EUR', value: '100.00' }, description: 'Invoice 2026-0003', metadata: { invoiceNumber: '2026-0003' }, mode: 'live' });
    expect((await mollieGet(`/v2/payments/${payment.id}`)).body.status).toBe('authorized');
    const part = capturesOf(sb.mollie).capture(payment.id, { amount: '40.00' });
    const first = book.payOut();
    const rest = capturesOf(sb.mollie).capture(payment.id);
    const second = book.payOut();

    expect(rest.amount.minor).toBe(6000);
    expect(ids((await mollieGet(`/v2/settlements/${first.id}/payments`)).body, 'payments')).toEqual([]);
    for (const [settlement, capture, value] of [[first, part, '40.00'], [second, rest, '60.00']] as const) {
      const list = await mollieGet(`/v2/settlements/${settlement.id}/captures?embed=payment`);
      expect(spec('mollie', 'GET', '/v2/settlements/{settlementId}/captures', 200, list.body)).toEqual([]);
      const [item] = list.body._embedded!.captures;
      expect({ id: item.id, paymentId: item.paymentId, settlementAmount: item.settlementAmount, embedded: embeddedPayment(item) }).toEqual({ id: capture.id, paymentId: payment.id, settlementAmount: { currency: 'EUR', value }, embedded: payment.id });
    }
    const listed = await mollieGet(`/v2/payments/${payment.id}/captures`);
    expect(spec('mollie', 'GET', '/v2/payments/{paymentId}/captures', 200, listed.body)).toEqual([]);
    expect(listed.body._embedded!.captures.map((c) => `${c.id} ${c.settlementId}`).sort()).toEqual([`${part.id} ${first.id}`, `${rest.id} ${second.id}`].sort());
    const one = await mollieGet(`/v2/payments/${payment.id}/captures/${part.id}`);
    expect(spec('mollie', 'GET', '/v2/payments/{paymentId}/captures/{captureId}', 200, one.body)).toEqual([]);
    expect((await mollieGet(`/v2/payments/${payment.id}/captures/cpt_unknown`)).status).toBe(404);
    expect(() => capturesOf(sb.mollie).capture(payment.id, { amount: '0.01' })).toThrow(/between 0 and the 0 minor units left/);
  });

  it('a payout of costs only: no payments, a negative amount, its costs in the periods', async () => {
    settlementsOf(sb.mollie).charge({ description: 'Mollie invoice settled from the balance', net: '12.5000' });
    const settlement = settlementsOf(sb.mollie).payOut();
    const { body } = await mollieGet(`/v2/settlements/${settlement.id}`);
    expect(spec('mollie', 'GET', '/v2/settlements/{settlementId}', 200, body)).toEqual([]);
    expect(body.amount).toEqual({ currency: 'EUR', value: '-15.13' }); // 12.50 + 21 % VAT
    const periods = Object.values(body.periods as Record<string, Record<string, { revenue: unknown[]; costs: Array<Record<string, unknown>> }>>).flatMap((months) => Object.values(months));
    expect(periods.flatMap((period) => period.revenue)).toEqual([]);
    expect(periods.flatMap((period) => period.costs).map((cost) => [cost.description, cost.method, cost.amountGross])).toEqual([['Mollie invoice settled from the balance', null, { currency: 'EUR', value: '15.1250' }]]);
    for (const kind of ['payments', 'captures', 'refunds', 'chargebacks']) expect(ids((await mollieGet(`/v2/settlements/${settlement.id}/${kind}`)).body, kind)).toEqual([]);
  });

  it('seedPayouts: each payout is paid out as seeded, and what was made after the last one waits in the open settlement', () => {
    const { payouts, afterLast } = seedPayouts(sb.mollie, { payouts: 4, payments: 12, refunds: 0.4, chargebacks: 0.2, captures: 0.3, later: 0.5, costOnly: [2] });
    const book = settlementsOf(sb.mollie);
    for (const payout of payouts) {
      const settled = (kind: string) => payout.settlement.items.filter((item) => item.kind === kind).map((item) => item.id).sort();
      const captured = new Set(payout.captures.map((capture) => capture.paymentId));
      expect(settled('payment')).toEqual(payout.payments.filter((p) => !capturesOf(sb.mollie).isManual(p.id)).map((p) => p.id).sort());
      expect(settled('capture')).toEqual(payout.captures.map((c) => c.id).sort());
      expect(settled('refund')).toEqual(payout.refunds.map((r) => r.id).sort());
      expect(settled('chargeback')).toEqual(payout.chargebacks.map((c) => c.id).sort());
      expect([...captured].every((id) => capturesOf(sb.mollie).isManual(id))).toBe(true);
    }
    expect(payouts[2].settlement.items.map((item) => item.kind)).toEqual(['cost']);
    expect(book.amountMinor(payouts[2].settlement)).toBeLessThan(0);
    const paidOutBefore = (paymentId: string, index: number) => payouts.slice(0, index).some((p) => p.payments.some((payment) => payment.id === paymentId));
    const late = payouts.flatMap((payout, index) => [...payout.refunds, ...payout.chargebacks].filter((item) => paidOutBefore(item.paymentId, index)));
    expect(late.length).toBeGreaterThan(0);
    const twice = payouts.flatMap((payout) => payout.refunds).filter((refund, _i, all) => all.filter((other) => other.paymentId === refund.paymentId).length > 1);
    expect(twice.length).toBeGreaterThan(0);
    const open = book.open();
    expect(open.items.map((item) => item.id).sort()).toEqual([...afterLast.refunds, ...afterLast.chargebacks, ...afterLast.captures].map((item) => item.id).sort());
  });

  it('Settlement Paid Out reads every seeded payout with lines that add up: later refunds carry their payment’s invoice, captures their own line, costs-only payouts only costs', async () => {
    const { payouts } = seedPayouts(sb.mollie, { payouts: 4, payments: 8, refunds: 0.5, chargebacks: 0.2, captures: 0.3, later: 0.6, costOnly: [1] });
    sb.clock.advance(DAY);
    const items = await paidOutItems(sb);
    expect(items).toHaveLength(4);
    for (const payout of payouts) {
      const item = items.find((candidate) => candidate.settlement_id === payout.settlement.id || String(candidate.id).startsWith(payout.settlement.id))!;
      const lines = item.lines!;
      expect(item.lines_add_up).toBe(true);
      expect(lines.some((line) => line.type === 'difference')).toBe(false);
      const sum = lines.reduce((total, line) => total + toMinor({ currency: 'EUR', value: line.amount }), 0n);
      expect(sum).toBe(toMinor({ currency: 'EUR', value: String(item.amount) }));
      const metadataInvoice = (paymentId: string) => (sb.mollie.payments.get(paymentId)!.metadata as { invoiceNumber: string }).invoiceNumber;
      for (const refund of payout.refunds) expect(lines.find((line) => line.mollie_id === refund.id)?.invoice_number).toBe(metadataInvoice(refund.paymentId));
      for (const capture of payout.captures) expect(lines.find((line) => line.mollie_id === capture.id)).toMatchObject({ type: 'capture', payment_id: capture.paymentId, invoice_number: metadataInvoice(capture.paymentId) });
    }
    const costOnly = items.find((item) => String(item.id).startsWith(payouts[1].settlement.id))!;
    expect(costOnly.lines!.map((line) => line.type)).toEqual(['cost']);
    expect(Number(costOnly.amount)).toBeLessThan(0);
  });
});

describe('Moneybird: invoices as bookkeeping needs them', () => {
  it('a credit invoice has a negative total, names its invoice, and is paid with money going back (never money received)', async () => {
    const { '2026-0100': invoice } = invoices(sb, { '2026-0100': '100.00' });
    const credit = sb.moneybird.createCreditInvoice(invoice, { number: '2026-0101', total: '25.00' });
    const read = await moneybird(`/sales_invoices/${credit.id}`);
    expect(spec('moneybird', 'GET', '/{administration_id}/sales_invoices/{id}{format}', 200, read.body)).toEqual([]);
    expect(read.body).toMatchObject({ total_price_incl_tax: '-25.00', total_unpaid: '-25.00', original_sales_invoice_id: invoice.id, state: 'open', contact_id: invoice.contact_id });
    const wrongWay = await moneybird(`/sales_invoices/${credit.id}/payments`, 'POST', { payment: { payment_date: '2026-11-01', price: '25.00' } });
    expect(wrongWay.status).toBe(422);
    const paid = await moneybird(`/sales_invoices/${credit.id}/payments`, 'POST', { payment: { payment_date: '2026-11-01', price: '-25.00', transaction_identifier: 're_credit' } });
    expect(paid.status).toBe(201);
    expect((await moneybird(`/sales_invoices/${credit.id}`)).body).toMatchObject({ state: 'paid', total_paid: '-25.00', total_unpaid: '0.00' });
  });

  it('register_payment_creditinvoice settles a credit invoice against its invoice: one payment on each', async () => {
    const { '2026-0110': invoice } = invoices(sb, { '2026-0110': '100.00' });
    const credit = sb.moneybird.createCreditInvoice(invoice, { number: '2026-0111', total: '40.00' });
    const settled = await moneybird(`/sales_invoices/${credit.id}/register_payment_creditinvoice`, 'PATCH', {});
    expect(settled.status).toBe(200);
    expect([credit, invoice].map((i) => [sb.moneybird.state(i), i.payments.map((p) => [p.cents, p.credit_invoice_id])])).toEqual([
      ['paid', [[-4000n, credit.id]]],
      ['open', [[4000n, credit.id]]],
    ]);
    expect((await moneybird(`/sales_invoices/${invoice.id}/register_payment_creditinvoice`, 'PATCH', {})).status).toBe(400);
  });

  it('a payment registered by hand has no transaction identifier and is linked to no bank line', async () => {
    const { '2026-0120': invoice } = invoices(sb, { '2026-0120': '80.00' });
    sb.moneybird.payByHand(invoice.id, { price: '80.00', date: '2026-10-30' });
    const read = await moneybird(`/sales_invoices/${invoice.id}`);
    expect(read.body.state).toBe('paid');
    expect((read.body.payments as Body[]).map((p) => [p.price, p.transaction_identifier, p.financial_mutation_id, p.manual_payment_action])).toEqual([['80.00', null, null, 'payment_without_proof']]);
  });

  it('the invoice list filters on state, period, reference (several at once) and contact, in pages of at most 100 with a Link to the next', async () => {
    const many = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`2026-1${String(i).padStart(3, '0')}`, '10.00']));
    const created = invoices(sb, many);
    const other = invoices(sb, { 'X-1': '5.00' }, 'CUST-2')['X-1'];
    sb.moneybird.payByHand(created['2026-1000'].id, { price: '10.00' });
    created['2026-1001'].reference = 'ORDER-1';
    created['2026-1002'].reference = 'ORDER-2';
    const old = sb.moneybird.createInvoice({ contactId: other.contact_id, number: 'OLD-1', total: '1.00', daysAgo: 400 });

    const page1 = await moneybird('/sales_invoices?filter=state:open,period:this_year&per_page=100');
    expect(spec('moneybird', 'GET', '/{administration_id}/sales_invoices{format}', 200, page1.body)).toEqual([]);
    expect(page1.body).toHaveLength(100);
    expect(String(page1.headers.link)).toMatch(/page=2.*rel="next"/);
    const page2 = await moneybird('/sales_invoices?filter=state:open,period:this_year&per_page=100&page=2');
    expect(page2.body).toHaveLength(30); // 130 + 1 of the other contact - 1 paid
    expect(page2.headers.link ?? '').not.toMatch(/rel="next"/);
    const numbers = async (filter: string) => ((await moneybird(`/sales_invoices?filter=${encodeURIComponent(filter)}&per_page=100`)).body as Body[]).map((i) => i.invoice_id).sort();
    expect(await numbers('state:paid,period:this_year')).toEqual(['2026-1000']);
    expect(await numbers('reference:ORDER-1|ORDER-2,period:this_year')).toEqual(['2026-1001', '2026-1002']);
    expect(await numbers(`contact_id:${other.contact_id},period:this_year`)).toEqual(['X-1']);
    expect(await numbers(`contact_id:${other.contact_id}`)).toEqual(['X-1']); // the default period is this year
    const from = old.invoice_date.replace(/-/g, '');
    expect(await numbers(`contact_id:${other.contact_id},period:${from}..${from}`)).toEqual(['OLD-1']);
    expect((await moneybird('/sales_invoices?filter=period:20260101..')).status).toBe(400);
    expect((await moneybird('/sales_invoices?filter=state:nonsense')).status).toBe(400);
    expect((await moneybird('/sales_invoices?per_page=101')).status).toBe(400);
  });

  it('synchronization: every id and version for a filter in one request, the invoices 100 per request; a payment raises the version', async () => {
    const created = invoices(sb, Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`2026-2${String(i).padStart(3, '0')}`, '10.00'])));
    const listed = await moneybird('/sales_invoices/synchronization?filter=state:open,period:this_year');
    expect(spec('moneybird', 'GET', '/{administration_id}/sales_invoices/synchronization{format}', 200, listed.body)).toEqual([]);
    expect(listed.body).toHaveLength(120);
    const before = new Map((listed.body as Body[]).map((entry) => [entry.id, entry.version]));
    sb.clock.advance(2_000);
    sb.moneybird.addPayment(created['2026-2000'].id, { price: '1.00', payment_date: '2026-11-01', transaction_identifier: 'tr_x' });
    const after = (await moneybird('/sales_invoices/synchronization?filter=period:this_year')).body as Body[];
    expect(after.filter((entry) => entry.version !== before.get(entry.id)).map((entry) => entry.id)).toEqual([created['2026-2000'].id]);
    const fetched = await moneybird('/sales_invoices/synchronization', 'POST', { ids: [...before.keys()] });
    expect(spec('moneybird', 'POST', '/{administration_id}/sales_invoices/synchronization{format}', 200, fetched.body)).toEqual([]);
    expect(fetched.body).toHaveLength(100);
  });

  it('find_by_reference finds an invoice by its reference; find_by_invoice_id only by the number exactly as written', async () => {
    const { '2026-0621': invoice } = invoices(sb, { '2026-0621': '10.00' });
    invoice.reference = 'ORDER-621';
    expect((await moneybird('/sales_invoices/find_by_reference/ORDER-621')).body.id).toBe(invoice.id);
    expect((await moneybird(`/sales_invoices/find_by_invoice_id/${encodeURIComponent('2026/0621')}`)).status).toBe(404);
  });
});

describe('Moneybird: statements, links and the administration', () => {
  const statement = (mutations: unknown, extra: Record<string, unknown> = {}) =>
    moneybird('/financial_statements', 'POST', { financial_statement: { financial_account_id: booksOf(sb.moneybird).accountNamed('Mollie').id, reference: 'Mollie 1', financial_mutations_attributes: mutations, ...extra } });

  it('a statement is made with all its mutations in one request (array or numbered object), one line of it booked on several invoices in parts', async () => {
    const { A, B } = invoices(sb, { A: '60.00', B: '40.00' });
    const asObject = await statement({ 1: { date: '2026-10-30', message: 'x', amount: '100.00' }, 2: { date: '2026-10-30', message: 'y', amount: '-100.00' } });
    expect(asObject.status).toBe(201);
    expect(spec('moneybird', 'POST', '/{administration_id}/financial_statements{format}', 201, asObject.body)).toEqual([]);
    const [incoming] = asObject.body.financial_mutations as Body[];
    const link = (body: Record<string, unknown>) => moneybird(`/financial_mutations/${incoming.id}/link_booking`, 'PATCH', body);
    expect((await link({ booking_type: 'SalesInvoice', booking_id: A.id, price_base: '60.00' })).status).toBe(200);
    expect((await link({ booking_type: 'SalesInvoice', booking_id: B.id, price_base: '40.01' })).status).toBe(400); // more than is open
    expect((await link({ booking_type: 'SalesInvoice', booking_id: B.id, price_base: '40.00' })).status).toBe(200);
    const read = await moneybird(`/financial_mutations/${incoming.id}`);
    expect(read.body).toMatchObject({ state: 'processed', amount_open: '0.00' });
    expect([A, B].map((i) => sb.moneybird.state(i))).toEqual(['paid', 'paid']);
    const asArray = await statement(Array.from({ length: 250 }, (_, i) => ({ date: '2026-10-31', message: `line ${i}`, amount: '1.00' })), { reference: 'Mollie 2' });
    expect((asArray.body.financial_mutations as Body[]).length).toBe(250);
  });

  it('link_booking of a payment: only one that fits in what is open, goes the mutation’s way and is linked nowhere else', async () => {
    const { C } = invoices(sb, { C: '100.00' });
    const big = sb.moneybird.addPayment(C.id, { price: '70.00', payment_date: '2026-10-30', transaction_identifier: 'tr_1' });
    const small = sb.moneybird.addPayment(C.id, { price: '30.00', payment_date: '2026-10-30', transaction_identifier: 'tr_2' });
    const made = await statement([{ date: '2026-10-30', message: 'a', amount: '50.00' }, { date: '2026-10-30', message: 'b', amount: '-30.00' }]);
    const [line, back] = made.body.financial_mutations as Body[];
    const link = (mutation: Body, id: string) => moneybird(`/financial_mutations/${mutation.id}/link_booking`, 'PATCH', { booking_type: 'Payment', booking_id: id });
    expect((await link(line, big.id)).status).toBe(400);
    expect((await link(back, small.id)).status).toBe(400);
    expect((await link(line, small.id)).status).toBe(200);
    expect((await link(line, small.id)).status).toBe(400);
    expect((await moneybird(`/financial_mutations/${line.id}`)).body).toMatchObject({ state: 'unprocessed', amount_open: '20.00' });
  });

  it('a payment registered as bank_transfer on a mutation is linked to it in the same request', async () => {
    const { D } = invoices(sb, { D: '100.00' });
    const made = await statement([{ date: '2026-10-30', message: 'refund', amount: '-10.00' }, { date: '2026-10-30', message: 'pay', amount: '100.00' }]);
    const [back, line] = made.body.financial_mutations as Body[];
    const pay = (body: Record<string, unknown>) => moneybird(`/sales_invoices/${D.id}/payments`, 'POST', { payment: { payment_date: '2026-10-30', manual_payment_action: 'bank_transfer', ...body } });
    const paid = await pay({ price: '100.00', financial_mutation_id: line.id, transaction_identifier: 'tr_d' });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ financial_mutation_id: line.id, manual_payment_action: 'bank_transfer', financial_account_id: booksOf(sb.moneybird).accountNamed('Mollie').id });
    expect((await pay({ price: '10.00', financial_mutation_id: back.id })).status).toBe(422); // money received on a line of money going out
    expect((await pay({ price: '-10.00' })).status).toBe(422); // bank_transfer without its mutation
    expect((await pay({ price: '-10.00', financial_mutation_id: back.id, transaction_identifier: 'tr_d' })).status).toBe(201);
    expect(booksOf(sb.moneybird).open(booksOf(sb.moneybird).mutations.get(String(back.id))!)).toBe(0n);
    expect(D.payments.map((p) => [p.cents, !!p.financial_mutation_id])).toEqual([[10000n, true], [-1000n, true]]);
  });

  it('a ledger account that takes no bank lines is refused for one, like an unknown one', async () => {
    const made = await statement([{ date: '2026-10-30', message: 'fee', amount: '-0.35' }]);
    const [fee] = made.body.financial_mutations as Body[];
    const ledgers = (await moneybird('/ledger_accounts')).body as Body[];
    expect(spec('moneybird', 'GET', '/{administration_id}/ledger_accounts{format}', 200, ledgers)).toEqual([]);
    const debtors = ledgers.find((ledger) => ledger.name === 'Debiteuren')!;
    expect(debtors.allowed_document_types).not.toContain('financial_mutation');
    const link = (id: unknown) => moneybird(`/financial_mutations/${fee.id}/link_booking`, 'PATCH', { booking_type: 'LedgerAccount', booking_id: id, price_base: '0.35' });
    expect((await link(debtors.id)).status).toBe(400);
    expect((await link('1')).status).toBe(400);
    expect((await link(booksOf(sb.moneybird).ledgerNamed('Transactiekosten').id)).status).toBe(200);
  });

  it('the administration states its time zone and locked period; nothing is booked in a locked period, an archived account takes no statement', async () => {
    sb.moneybird.administration.time_zone = 'America/Curacao';
    sb.moneybird.administration.period_locked_until = '2026-09-30';
    const listed = await call(sb.urls.moneybird, '/api/v2/administrations', SANDBOX_MONEYBIRD_TOKEN);
    expect(spec('moneybird', 'GET', '/administrations{format}', 200, listed.body)).toEqual([]);
    expect(listed.body[0]).toMatchObject({ id: SANDBOX_MONEYBIRD_ADMINISTRATION_ID, time_zone: 'America/Curacao', period_locked_until: '2026-09-30' });
    const before = booksOf(sb.moneybird).statements.size;
    expect((await statement([{ date: '2026-09-30', message: 'old', amount: '1.00' }])).status).toBe(422);
    expect(booksOf(sb.moneybird).statements.size).toBe(before);
    expect((await statement([{ date: '2026-10-01', message: 'new', amount: '1.00' }])).status).toBe(201);
    const archived = booksOf(sb.moneybird).addAccount({ type: 'FinancialAccount::PaymentServiceProvider', name: 'Mollie (oud)', identifier: 'Mollie 2', provider: 'mollie', active: false });
    expect((await statement([{ date: '2026-10-01', message: 'x', amount: '1.00' }], { financial_account_id: archived.id })).status).toBe(422);
    const accounts = (await moneybird('/financial_accounts')).body as Body[];
    expect(spec('moneybird', 'GET', '/{administration_id}/financial_accounts{format}', 200, accounts)).toEqual([]);
    expect(accounts.find((account) => account.id === archived.id)).toMatchObject({ active: false });
  });

  it('named periods are counted in the administration’s time zone', async () => {
    sb.clock.set('2026-12-31T23:30:00Z'); // already 2027 in Amsterdam
    const { late } = invoices(sb, { late: '1.00' });
    late.invoice_date = '2027-01-01';
    expect(((await moneybird('/sales_invoices?filter=period:this_year')).body as Body[]).map((i) => i.invoice_id)).toEqual(['late']);
    sb.moneybird.administration.time_zone = 'UTC';
    expect(((await moneybird('/sales_invoices?filter=period:this_year')).body as Body[]).map((i) => i.invoice_id)).toEqual([]);
  });
});
