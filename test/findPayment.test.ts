import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { useClock, withDeadline } from '../http/deadline';
import { paymentSample } from '../outputs/payment';
import { MAX_SEARCH_PAGES } from '../payments/search';
import { MOLLIE, failure, hubspotAuth } from './helpers/connection';
import { appMethod } from './helpers/app';

const findPayment = appMethod('searches.find_payment.operation.perform');

const appTester = createAppTester(App);
const authData = hubspotAuth();
const find = (inputData: Record<string, unknown>, z?: (z: ZObject) => ZObject, budgetMs?: number) =>
  appTester(
    (zObject: ZObject, bundle: Bundle) => withDeadline(() => findPayment((z ? z(zObject) : zObject) as never, bundle as never), budgetMs),
    { authData, inputData } as Partial<Bundle>,
  ) as Promise<Array<Record<string, unknown>>>;

const payment = (id: string, fields: Record<string, unknown> = {}) => ({
  resource: 'payment',
  id,
  mode: 'test',
  status: 'paid',
  amount: { value: '121.00', currency: 'EUR' },
  description: 'Webshop order',
  method: 'ideal',
  metadata: null,
  createdAt: '2026-11-02T09:14:03+00:00',
  paidAt: '2026-11-02T09:15:00+00:00',
  profileId: 'pfl_QkEhN94Ba',
  _links: { dashboard: { href: `https://my.mollie.com/dashboard/payments/${id}` } },
  ...fields,
});
const page = (items: object[], nextFrom?: string) => ({
  count: items.length,
  _embedded: { payments: items },
  _links: { next: nextFrom ? { href: `${MOLLIE}/v2/payments?from=${nextFrom}&limit=250` } : null },
});
const problem = (status: number, detail: string, field?: string) => ({ status, title: 'Error', detail, ...(field ? { field } : {}) });

afterEach(() => nock.cleanAll());

describe('find_payment by ID', () => {
  it('returns the payment in the payment triggers’ shape', async () => {
    nock(MOLLIE).get('/v2/payments/tr_WDqYK6vllg').reply(200, payment('tr_WDqYK6vllg', { description: 'Invoice INV-2026-00009' }));
    const [found, ...rest] = await find({ payment_id: 'tr_WDqYK6vllg' });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ id: 'tr_WDqYK6vllg', payment_id: 'tr_WDqYK6vllg', status: 'paid', invoice_number: 'INV-2026-00009', invoice_number_source: 'description' });
    const sampleKeys = Object.keys(paymentSample);
    expect(Object.keys(found).sort()).toEqual(sampleKeys.sort());
  });

  it('accepts the ID a payment trigger gives (tr_…:paid)', async () => {
    nock(MOLLIE).get('/v2/payments/tr_WDqYK6vllg').reply(200, payment('tr_WDqYK6vllg'));
    expect(await find({ payment_id: ' tr_WDqYK6vllg:paid ' })).toEqual([expect.objectContaining({ id: 'tr_WDqYK6vllg' })]);
  });

  it('returns [] when Mollie has no such payment (404)', async () => {
    nock(MOLLIE).get('/v2/payments/tr_missing1').reply(404, problem(404, 'No payment exists with token tr_missing1.'));
    expect(await find({ payment_id: 'tr_missing1' })).toEqual([]);
  });

  it.each([
    [401, 'ExpiredAuthError', /^Mollie did not accept the Mollie credential.*Failed to authenticate/],
    [422, 'AppError', /^Mollie refused the request \(422\): The payment id is invalid\. Field: id\./],
    [429, 'ThrottledError', /^Mollie asked us to slow down/],
    [503, 'ThrottledError', /^Mollie is having trouble \(503\)/],
  ])('a %i becomes %s in Mollie’s words', async (status, name, message) => {
    const detail = status === 401 ? 'Failed to authenticate' : status === 422 ? 'The payment id is invalid.' : 'Try later';
    nock(MOLLIE).get('/v2/payments/tr_WDqYK6vllg').reply(status, problem(status, detail, status === 422 ? 'id' : undefined), { 'Retry-After': '7' });
    const error = await failure(find({ payment_id: 'tr_WDqYK6vllg' }));
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
    if (name === 'ThrottledError') expect(error.delay).toBe(7);
  });
});

describe('find_payment: the newest by e-mail or invoice number', () => {
  it('pages to the newest payment with the e-mail, skipping others', async () => {
    nock(MOLLIE).get('/v2/payments').query({ limit: '250' }).reply(200, page([payment('tr_other1', { billingAddress: { email: 'someone@else.example' } })], 'tr_p2'));
    nock(MOLLIE)
      .get('/v2/payments')
      .query({ limit: '250', from: 'tr_p2' })
      .reply(200, page([payment('tr_newer1', { billingAddress: { email: 'Anna@Example.com' } }), payment('tr_older1', { billingAddress: { email: 'anna@example.com' } })]));
    expect(await find({ customer_email: 'anna@example.com' })).toEqual([expect.objectContaining({ id: 'tr_newer1' })]);
  });

  it('finds by invoice number in any format, from the description or the metadata, and both keys must fit when both are given', async () => {
    const list = page([
      payment('tr_meta1', { metadata: { invoiceNumber: 'INV-2024-0013' }, billingAddress: { email: 'anna@example.com' } }),
      payment('tr_desc1', { description: 'Factuur 2024/12', billingAddress: { email: 'bob@example.com' } }),
      payment('tr_desc2', { description: 'Invoice INV-2024-0012', billingAddress: { email: 'anna@example.com' } }),
    ]);
    nock(MOLLIE).get('/v2/payments').query(true).times(3).reply(200, list);
    expect(await find({ invoice_number: 'INV-2024-0012' })).toEqual([expect.objectContaining({ id: 'tr_desc1', invoice_number: '2024/12' })]);
    expect(await find({ invoice_number: 'inv-2024-13' })).toEqual([expect.objectContaining({ id: 'tr_meta1', invoice_number_source: 'metadata' })]);
    expect(await find({ invoice_number: 'INV-2024-0012', customer_email: 'anna@example.com' })).toEqual([expect.objectContaining({ id: 'tr_desc2' })]);
  });

  it('returns [] when every payment was read and none fits', async () => {
    nock(MOLLIE).get('/v2/payments').query(true).reply(200, page([payment('tr_other1')]));
    expect(await find({ customer_email: 'anna@example.com' })).toEqual([]);
  });

  it(`stops after ${MAX_SEARCH_PAGES} pages and says how far back it looked, instead of "not found"`, async () => {
    // Each page names the next (a cursor that repeated would be a loop, stopped as such: test/costGuards.test.ts).
    let served = 0;
    nock(MOLLIE)
      .get('/v2/payments')
      .query(true)
      .times(MAX_SEARCH_PAGES)
      .reply(200, () => page([payment('tr_other1', { createdAt: '2026-03-04T10:00:00+00:00' })], `tr_more${++served}`));
    const error = await failure(find({ customer_email: 'anna@example.com' }));
    expect(error.message).toBe(
      `No payment for e-mail anna@example.com among the newest ${MAX_SEARCH_PAGES} payments (back to 2026-03-04); older payments were not searched. Search by payment ID to find an older one.`,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('stops when the run’s time is up (virtual time: 250 ms a page, a 5 s run)', async () => {
    let now = 0;
    useClock(() => now);
    const slow = (z: ZObject) => ({ ...z, request: ((...args: Parameters<ZObject['request']>) => ((now += 250), z.request(...args))) as ZObject['request'] }) as ZObject;
    let served = 0;
    const pages = nock(MOLLIE)
      .get('/v2/payments')
      .query(true)
      .times(MAX_SEARCH_PAGES)
      .reply(200, () => page([payment('tr_other1')], `tr_more${++served}`));
    try {
      const error = await failure(find({ invoice_number: 'INV-1' }, slow, 5_000));
      expect(error.message).toMatch(/^No payment for invoice INV-1 among the newest 12 payments/);
      expect(pages.pendingMocks()).toHaveLength(1);
    } finally {
      useClock();
    }
  });

  it('a 429 while paging keeps Mollie’s delay', async () => {
    nock(MOLLIE).get('/v2/payments').query(true).reply(429, problem(429, 'Too many requests'), { 'Retry-After': '9' });
    const error = await failure(find({ customer_email: 'anna@example.com' }));
    expect(error).toMatchObject({ name: 'ThrottledError', delay: 9 });
  });
});

describe('find_payment: bad input is refused before any request', () => {
  let anyRequest: nock.Scope;
  beforeEach(() => {
    anyRequest = nock(MOLLIE).get(/.*/).reply(200, page([]));
  });
  afterEach(() => expect(anyRequest.pendingMocks()).toHaveLength(1));

  it.each([
    [{}, /^Payment ID, Customer e-mail or Invoice number is needed/],
    [{ payment_id: 'pl_4Y0eZitmBnQ6' }, /^Payment ID "pl_4Y0eZitmBnQ6" is not a Mollie payment ID; those look like tr_WDqYK6vllg/],
    [{ payment_id: 'tr_x/../refunds' }, /^Payment ID "tr_x\/\.\.\/refunds" is not a Mollie payment ID/],
    [{ payment_id: 'tr_WDqYK6vllg', customer_email: 'anna@example.com' }, /^Payment ID finds one payment by itself/],
    [{ customer_email: 'anna at example' }, /^Customer e-mail "anna at example" is not an e-mail address/],
    [{ invoice_number: 'INV 12' }, /^Invoice number "INV 12" contains a space/],
    [{ invoice_number: 'INVOICE' }, /^Invoice number "INVOICE" has no digits/],
  ])('%j', async (inputData, message) => {
    const error = await failure(find(inputData));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(message);
  });
});
