/**
 * Issue 18, item 7, Moneybird's side: credit invoices and their payments,
 * payments registered by hand, the invoice list with its filters and pages,
 * synchronization, statements made with their mutations in one request,
 * partial links, bank_transfer payments, ledger accounts that take no bank
 * lines, locked periods, the administration's time zone. Every exchange is
 * checked against Moneybird's spec by test/helpers/setup.ts, the key answers
 * explicitly below.
 */
import { SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { booksOf } from '../sandbox/moneybird/financial';
import { forgetCache, invoices } from './helpers/books';
import { call, spec, type Body } from './helpers/sandboxCalls';

let sb: Sandbox;
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: 18 });
  Object.assign(process.env, sb.env());
  sb.moneybird.rateWindow.limits = false;
});
afterEach(() => sb.close());

const adm = `/api/v2/${SANDBOX_MONEYBIRD_ADMINISTRATION_ID}`;
const moneybird = (url: string, method = 'GET', body?: unknown) => call(sb.urls.moneybird, `${adm}${url}`, SANDBOX_MONEYBIRD_TOKEN, method, body);

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
