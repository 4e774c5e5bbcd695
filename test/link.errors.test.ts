/**
 * Link Payment to CRM Account: bad input is refused naming the field before
 * any request; vendor failures (401, 403 for a missing scope, 404, 422, 429,
 * 5xx) reach the user in the vendor's words with the right Zapier error class,
 * wherever they happen (reading the payment, updating the Mollie customer,
 * noting the IBAN in the CRM). Moneybird over nock: its spec is in ../shared/specs.
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { FAKE, HUBSPOT, MOLLIE, MONEYBIRD, PIPEDRIVE, failure, hubspotAuth, moneybirdAuth, pipedriveAuth } from './helpers/connection';
import { appTester } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

type Out = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const link = (authData: object, inputData: object) => appTester(appMethod('creates.link_payment_to_crm_account.operation.perform'), { authData, inputData } as Partial<Bundle>) as Promise<Out>;

const ADM = `/api/v2/${FAKE.moneybirdAdministrationId}`;
const ACCOUNT = '496081520000000001';
const INVOICE_ID = '496081520000000011';
const PAYMENT = 'tr_WDqYK6vllg';
const CUSTOMER = 'cst_8wmqcHMN4U';
const IBAN = 'NL91ABNA0417164300';
const TOKEN_AUTH = { ...moneybirdAuth(FAKE.mollieAccessToken), mollieMode: 'test' };

const payment = (extra: object = {}) => ({
  resource: 'payment',
  id: PAYMENT,
  mode: 'test',
  status: 'paid',
  amount: { value: '50.00', currency: 'EUR' },
  amountRefunded: { value: '0.00', currency: 'EUR' },
  description: 'Invoice 2026-0042',
  method: 'creditcard',
  metadata: null,
  profileId: 'pfl_QkEhN94Ba',
  createdAt: '2026-11-01T09:00:00+00:00',
  paidAt: '2026-11-01T09:01:00+00:00',
  ...extra,
});
const invoice = (payments: object[] = []) => ({ id: INVOICE_ID, contact_id: ACCOUNT, invoice_id: '2026-0042', state: 'open', currency: 'EUR', total_unpaid: '50.0', total_price_incl_tax: '50.0', payments });
const recorded = [{ id: '496081520000000021', transaction_identifier: PAYMENT, price: '50.0', payment_date: '2026-11-01', created_at: '2026-11-01T09:02:00Z' }];

/** Mollie shows the payment (and its customer); Moneybird has the contact and the invoice, and takes the payment. */
const answers = (paid: object, options: { token?: boolean } = {}) => {
  const mollie = nock(MOLLIE).persist();
  if (options.token) mollie.get('/v2/profiles').query(true).reply(200, { count: 1, _embedded: { profiles: [{ id: 'pfl_QkEhN94Ba', name: 'Bakkerij' }] }, _links: {} });
  mollie.get(`/v2/payments/${PAYMENT}`).query(true).reply(200, paid);
  mollie.get(`/v2/customers/${CUSTOMER}`).query(true).reply(200, { resource: 'customer', id: CUSTOMER, mode: 'test', name: 'Jan', email: null, metadata: { shop: 'web' } });
  mollie.get(`/v2/customers/${CUSTOMER}/mandates`).query(true).reply(200, { count: 0, _embedded: { mandates: [] }, _links: {} });
  const moneybird = nock(MONEYBIRD).persist();
  moneybird.get(`${ADM}/contacts/${ACCOUNT}`).reply(200, { id: ACCOUNT, company_name: 'Bakkerij de Vries', customer_id: 'CUST-1042', email: null, sepa_iban: null, bank_account: null });
  moneybird.get(`${ADM}/sales_invoices/find_by_invoice_id/2026-0042`).reply(200, invoice());
  moneybird.get(`${ADM}/sales_invoices/${INVOICE_ID}`).reply(200, invoice(recorded));
  moneybird.get(`${ADM}/contacts/filter`).query(true).reply(200, []);
  // The open invoices (numbers compared canonically) and the administration's time zone (the payment date is its day).
  moneybird.get(`${ADM}/sales_invoices`).query(true).reply(200, [invoice()]);
  moneybird.get('/api/v2/administrations').reply(200, [{ id: FAKE.moneybirdAdministrationId, name: 'Bakkerij', time_zone: 'Europe/Amsterdam' }]);
  return nock(MONEYBIRD).post(`${ADM}/sales_invoices/${INVOICE_ID}/payments`).reply(201, recorded[0]);
};

/** Answers any request to the host (so a test can tell whether one was sent). */
const catchAll = (host: string) => {
  const scope = nock(host).persist();
  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) scope.intercept(/.*/, method).reply(500, {});
  return scope;
};

const mollieError = (status: number) => ({ status, title: 'Error', detail: `vendor says ${status}`, _links: { documentation: { href: 'https://docs.mollie.com/errors', type: 'text/html' } } });

afterEach(() => nock.cleanAll());

describe('bad input is refused naming the field, before any request', () => {
  const CASES: [string, object, object, RegExp][] = [
    ['no payment ID', moneybirdAuth(), { account_id: ACCOUNT }, /^Mollie payment ID is empty/],
    ['a refund ID for the payment', moneybirdAuth(), { payment_id: 're_4qqhO89gsT', account_id: ACCOUNT }, /^Mollie payment ID .* is a Mollie refund ID/],
    ['text for a payment ID', moneybirdAuth(), { payment_id: 'Bakkerij', account_id: ACCOUNT }, /^Mollie payment ID "Bakkerij" is not a Mollie payment ID/],
    ['no account', moneybirdAuth(), { payment_id: PAYMENT }, /^Account is empty/],
    ['a name for the account', hubspotAuth(), { payment_id: PAYMENT, account_id: 'Bakkerij de Vries' }, /^Account "Bakkerij de Vries" is not a HubSpot record ID/],
    ['a decimal account ID', pipedriveAuth(), { payment_id: `${PAYMENT}:unmatched`, account_id: '12.0' }, /^Account "12.0" is not a Pipedrive record ID/],
    ['an invoice number with a space', moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT, invoice_number: '2026 0042' }, /^Invoice number "2026 0042" contains a space/],
  ];
  it.each(CASES)('%s', async (_case, authData, inputData, message) => {
    const reached = [MOLLIE, HUBSPOT, MONEYBIRD, PIPEDRIVE].map(catchAll);
    const error = await failure(link(authData, inputData));
    expect([error.name, error.message]).toEqual(['AppError', expect.stringMatching(message)]);
    expect(reached.some((scope) => scope.isDone())).toBe(false);
  });

  it('Moneybird without an invoice number: the payment’s own, or a refusal naming the field when it names none or several (before any CRM request)', async () => {
    for (const [description, expected] of [
      ['Bestelling 5520', /^Invoice number is empty and payment tr_WDqYK6vllg names no invoice/],
      ['Facturen 2026-0042 en 2026-0043', /^Invoice number is empty and payment tr_WDqYK6vllg names several invoices \(2026-0042, 2026-0043\)/],
    ] as const) {
      nock(MOLLIE).get(`/v2/payments/${PAYMENT}`).reply(200, payment({ description }));
      const crm = catchAll(MONEYBIRD);
      const error = await failure(link(moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT }));
      expect(error.message).toMatch(expected);
      expect(crm.isDone()).toBe(false);
      nock.cleanAll();
    }
    const posted = answers(payment());
    const out = await link(moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT });
    expect(out).toMatchObject({ invoice_number: '2026-0042', outcome: 'created' });
    expect(posted.isDone()).toBe(true);
  });
});

describe('vendor failures: the vendor’s words, the right Zapier error class', () => {
  const STATUSES: [number, string, RegExp][] = [
    [401, 'ExpiredAuthError', /did not accept the .* \(401\): vendor says 401/],
    [404, 'AppError', /could not find it \(404\): vendor says 404/],
    [422, 'AppError', /refused the request \(422\): vendor says 422/],
    [429, 'ThrottledError', /slow down \(429\): vendor says 429/],
    [503, 'ThrottledError', /having trouble \(503\): vendor says 503/],
  ];

  it.each(STATUSES.filter(([status]) => status !== 404))('Mollie reading the payment: %i becomes %s', async (status, name, message) => {
    nock(MOLLIE).get(`/v2/payments/${PAYMENT}`).reply(status, mollieError(status), { 'Retry-After': '7' });
    const error = await failure(link(moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT }));
    expect([error.name, error.message]).toEqual([name, expect.stringMatching(message)]);
    if (status === 429) expect(error.delay).toBe(7);
  });

  it('Mollie has no such payment: not found, naming the field', async () => {
    nock(MOLLIE).get(`/v2/payments/${PAYMENT}`).reply(404, mollieError(404));
    const error = await failure(link(moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT }));
    expect(error.message).toMatch(/^Mollie payment ID: Mollie has no payment tr_WDqYK6vllg/);
  });

  it('the CRM has no such account: not found, naming the field, and nothing recorded', async () => {
    nock(MOLLIE).get(`/v2/payments/${PAYMENT}`).reply(200, payment());
    nock(MONEYBIRD).get(`${ADM}/contacts/${ACCOUNT}`).reply(404, { error: 'record not found', symbolic: {} });
    const write = nock(MONEYBIRD).post(/.*/).reply(201, {});
    const error = await failure(link(moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT }));
    expect(error.message).toMatch(/^Account: Moneybird has no account 496081520000000001, so payment tr_WDqYK6vllg was not recorded/);
    expect(write.isDone()).toBe(false);
  });

  it('403 on updating the Mollie customer names the customers.write scope; the payment was recorded first', async () => {
    const posted = answers(payment({ customerId: CUSTOMER }), { token: true });
    nock(MOLLIE).patch(`/v2/customers/${CUSTOMER}`).reply(403, mollieError(403));
    const error = await failure(link(TOKEN_AUTH, { payment_id: PAYMENT, account_id: ACCOUNT }));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(/^Mollie refused to update customer cst_8wmqcHMN4U \(403\): vendor says 403\. The organization access token needs the customers\.write scope/);
    expect(JSON.stringify(error)).not.toContain(FAKE.mollieAccessToken);
    expect(posted.isDone()).toBe(true);
  });

  it('a Mollie customer deleted meanwhile (404 on the update) is said in the taught line; the step succeeds', async () => {
    answers(payment({ customerId: CUSTOMER }));
    nock(MOLLIE).patch(`/v2/customers/${CUSTOMER}`).reply(404, mollieError(404));
    const out = await link(moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT });
    expect(out.taught).toEqual([{ fact: 'mollie_customer', value: 'CUST-1042', outcome: 'refused', reason: 'Mollie no longer has customer cst_8wmqcHMN4U.' }]);
  });

  it.each(STATUSES.filter(([status]) => status !== 404))('updating the Mollie customer: %i becomes %s', async (status, name, message) => {
    answers(payment({ customerId: CUSTOMER }));
    const patched = nock(MOLLIE).patch(`/v2/customers/${CUSTOMER}`, (body) => JSON.stringify(body.metadata) === JSON.stringify({ shop: 'web', crmCustomerId: 'CUST-1042', crmLinkedFrom: PAYMENT })).reply(status, mollieError(status), { 'Retry-After': '7' });
    const error = await failure(link(moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT }));
    expect([error.name, error.message]).toEqual([name, expect.stringMatching(message)]);
    expect(patched.isDone()).toBe(true);
  });

  it.each(STATUSES)('noting the IBAN in Moneybird: %i becomes %s', async (status, name, message) => {
    answers(payment({ method: 'ideal', details: { consumerName: 'Jan de Vries', consumerAccount: IBAN, consumerBic: 'ABNANL2A' } }));
    const patched = nock(MONEYBIRD).patch(`${ADM}/contacts/${ACCOUNT}`, { contact: { sepa_iban: IBAN } }).reply(status, { error: `vendor says ${status}`, symbolic: {} }, { 'Retry-After': '7' });
    const error = await failure(link(moneybirdAuth(), { payment_id: PAYMENT, account_id: ACCOUNT }));
    expect([error.name, error.message]).toEqual([name, expect.stringMatching(message)]);
    expect(JSON.stringify(error)).not.toContain(FAKE.moneybirdToken);
    expect(patched.isDone()).toBe(true);
  });
});
