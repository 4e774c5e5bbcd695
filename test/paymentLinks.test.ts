import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { matchPayment } from '../matching';
import { mollieClient } from '../mollie/client';
import { ensurePaymentLink, idempotencyKey, invoiceOfLink, PAGE_SIZE } from '../paymentLinks/paymentLinks';
import { SANDBOX_API_KEY, SANDBOX_HUBSPOT_TOKEN, startSandbox } from '../sandbox';
import { MOLLIE, failure, hubspotAuth } from './helpers/connection';
import { appMethod } from './helpers/app';

const createLink = appMethod<Record<string, unknown>>('creates.create_payment_link.operation.perform');
const findLink = appMethod('searches.find_payment_link.operation.perform');

const authData = hubspotAuth();
const FUTURE = '2099-01-31T12:00:00+00:00';
const PAST = '2020-01-31T12:00:00+00:00';

const link = (id: string, fields: Record<string, unknown> = {}) => ({
  resource: 'payment-link',
  id,
  mode: 'test',
  description: 'Invoice INV-2024-0012 - Website',
  amount: { value: '121.00', currency: 'EUR' },
  archived: false,
  redirectUrl: null,
  profileId: 'pfl_1',
  createdAt: '2024-04-02T09:14:51+00:00',
  paidAt: null,
  expiresAt: null,
  allowedMethods: null,
  _links: { paymentLink: { href: `https://payment-links.mollie.com/payment/${id.slice(3)}`, type: 'text/html' } },
  ...fields,
});

const page = (items: object[], nextFrom?: string) => ({
  count: items.length,
  _embedded: { payment_links: items },
  _links: { next: nextFrom ? { href: `${MOLLIE}/v2/payment-links?from=${nextFrom}&limit=${PAGE_SIZE}` } : null },
});

const input = (fields: Record<string, unknown> = {}) => ({ invoice_number: 'INV-2024-0012', amount: '121.00', description: 'Website', ...fields });

/** A fresh app tester: a fresh z.cache, like a cold start. */
const tester = () => createAppTester(App);
const create = (appTester = tester(), fields: Record<string, unknown> = {}) =>
  appTester(createLink, { authData, inputData: input(fields) } as Partial<Bundle>);
const find = (appTester = tester(), invoiceNumber: unknown = 'INV-2024-0012') =>
  appTester(findLink, { authData, inputData: { invoice_number: invoiceNumber } } as Partial<Bundle>);

const emptyScan = () => nock(MOLLIE).get('/v2/payment-links').query({ limit: String(PAGE_SIZE) }).reply(200, page([]));

afterEach(() => nock.cleanAll());

describe('create_payment_link: one link per invoice', () => {
  it('creates the link with the invoice number first in the description and an Idempotency-Key', async () => {
    emptyScan();
    const post = nock(MOLLIE, { reqheaders: { 'idempotency-key': /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ } })
      .post('/v2/payment-links', {
        description: 'Invoice INV-2024-0012 - Website',
        amount: { value: '121.00', currency: 'EUR' },
        expiresAt: FUTURE,
        redirectUrl: 'https://example.com/thanks',
        allowedMethods: ['ideal', 'creditcard'],
      })
      .reply(201, link('pl_new', { expiresAt: FUTURE }));

    const result = await create(tester(), { expires_at: FUTURE, redirect_url: 'https://example.com/thanks', allowed_methods: ['ideal', 'creditcard'], crm_account_id: '42' });

    expect(post.isDone()).toBe(true);
    expect(result).toMatchObject({
      id: 'pl_new',
      url: 'https://payment-links.mollie.com/payment/new',
      invoice_number: 'INV-2024-0012',
      amount_value: '121.00',
      amount_currency: 'EUR',
      status: 'open',
      paid: false,
      outcome: 'created',
      crm_account_id: '42',
      replaces: null,
    });
  });

  it('builds the description from the invoice number when none is given', async () => {
    emptyScan();
    const post = nock(MOLLIE).post('/v2/payment-links', (body) => body.description === 'Invoice INV-2024-0012').reply(201, link('pl_new', { description: 'Invoice INV-2024-0012' }));
    await create(tester(), { description: '' });
    expect(post.isDone()).toBe(true);
  });

  it('asking again for the same invoice (a replay) returns the same link with one GET, and never POSTs twice', async () => {
    const appTester = tester();
    emptyScan();
    nock(MOLLIE).post('/v2/payment-links').once().reply(201, link('pl_once'));
    await create(appTester);

    const get = nock(MOLLIE).get('/v2/payment-links/pl_once').reply(200, link('pl_once'));
    const again = await create(appTester);
    expect(get.isDone()).toBe(true);
    expect(again).toMatchObject({ id: 'pl_once', outcome: 'existing', crm_account_id: null });
  });

  it('finds the existing link by scanning Mollie when the cache is cold (next day, another run), whatever the number’s format', async () => {
    nock(MOLLIE).get('/v2/payment-links').query({ limit: '250' }).reply(200, page([link('pl_other', { description: 'Invoice INV-2024-0120' }), link('pl_x')], 'pl_older'));
    const result = await create(tester(), { invoice_number: 'inv-2024-12' });
    expect(result).toMatchObject({ id: 'pl_x', outcome: 'existing' });
  });

  it('returns a paid invoice’s link marked as paid, without creating another', async () => {
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, page([link('pl_paid', { paidAt: '2024-04-03T10:00:00+00:00', archived: true })]));
    const result = await create(tester(), { amount: '99.00' });
    expect(result).toMatchObject({ id: 'pl_paid', status: 'paid', paid: true, paid_at: '2024-04-03T10:00:00+00:00', outcome: 'existing' });
  });

  it('replaces a link that expired or was archived unpaid, and says which', async () => {
    nock(MOLLIE)
      .get('/v2/payment-links')
      .query(true)
      .reply(200, page([link('pl_archived', { archived: true }), link('pl_expired', { expiresAt: PAST })]));
    nock(MOLLIE).post('/v2/payment-links').reply(201, link('pl_fresh'));
    expect(await create()).toMatchObject({ id: 'pl_fresh', outcome: 'created', replaces: 'pl_archived' });
  });

  it('refuses a second, different amount for an invoice whose link is still open', async () => {
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, page([link('pl_x')]));
    const error = await failure(create(tester(), { amount: '130.00' }));
    expect(error.message).toMatch(/^Invoice INV-2024-0012 already has an unpaid payment link \(pl_x\) for EUR 121.00, not EUR 130.00/);
  });

  it('reads past the newest 1,000 links: a link on the sixth page is found, and no second link is made', async () => {
    const scan = nock(MOLLIE);
    for (let index = 0; index < 5; index++) {
      scan.get('/v2/payment-links').query(index === 0 ? { limit: '250' } : { limit: '250', from: `pl_p${index}` }).reply(200, page([link(`pl_n${index}`, { description: `Invoice INV-2023-${index}` })], `pl_p${index + 1}`));
    }
    scan.get('/v2/payment-links').query({ limit: '250', from: 'pl_p5' }).reply(200, page([link('pl_old')]));
    const post = nock(MOLLIE).post('/v2/payment-links').reply(201, link('pl_second'));
    expect(await create()).toMatchObject({ id: 'pl_old', outcome: 'existing' });
    expect(scan.isDone()).toBe(true);
    expect(post.isDone()).toBe(false);
  });

  it('falls back to the scan when the remembered link is gone', async () => {
    const appTester = tester();
    emptyScan();
    nock(MOLLIE).post('/v2/payment-links').reply(201, link('pl_gone'));
    await create(appTester);
    nock(MOLLIE).get('/v2/payment-links/pl_gone').reply(404, { status: 404, title: 'Not Found', detail: 'No payment link exists with token pl_gone.' });
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, page([link('pl_found')]));
    expect(await create(appTester)).toMatchObject({ id: 'pl_found', outcome: 'existing' });
  });

  it('derives the same Idempotency-Key from the same request, and another from another', () => {
    const body = { description: 'Invoice INV-2024-0012', amount: { value: '121.00', currency: 'EUR' } };
    expect(idempotencyKey('2024-12', body)).toBe(idempotencyKey('2024-12', { ...body }));
    expect(idempotencyKey('2024-12', body)).not.toBe(idempotencyKey('2024-12', { ...body, amount: { value: '121.01', currency: 'EUR' } }));
  });

  it('waits for a parallel run holding the lock, then returns the link it made', async () => {
    const locked = (z: ZObject): ZObject => ({ ...z, cache: { ...z.cache, set: async (_key: string, _value: unknown, _ttl?: number, _scope?: string[], nx?: boolean) => !nx } });
    emptyScan();
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, page([link('pl_parallel')]));
    const result = await tester()(
      (z: ZObject, bundle: Bundle) =>
        ensurePaymentLink(locked(z), bundle, { invoiceNumber: 'INV-2024-0012', amount: { value: '121.00', currency: 'EUR' }, description: 'Invoice INV-2024-0012 - Website' }),
      { authData } as Partial<Bundle>,
    );
    expect(result).toMatchObject({ id: 'pl_parallel', outcome: 'existing' });
  });
});

describe('create_payment_link: bad input is refused before any request', () => {
  let anyRequest: nock.Scope;
  beforeEach(() => {
    anyRequest = nock(MOLLIE).get(/.*/).reply(200, page([])).post(/.*/).reply(201, link('pl_never'));
  });
  afterEach(() => expect(anyRequest.pendingMocks()).toHaveLength(2));

  it.each([
    [{ amount: '12,50' }, /^Amount "12,50" uses a comma/],
    [{ amount: '-1' }, /^Amount must be more than zero/],
    [{ amount: '0' }, /^Amount must be more than zero/],
    [{ amount: '0.00' }, /^Amount must be more than zero/],
    [{ amount: '1e3' }, /^Amount "1e3" is not an amount/],
    [{ amount: '0.001' }, /^Amount "0.001" has more decimals than EUR allows \(2\)/],
    [{ amount: '12.5', currency: 'JPY' }, /^Amount "12.5" has more decimals than JPY allows \(0\)/],
    [{ amount: 'abc' }, /^Amount "abc" is not an amount/],
    [{ amount: '' }, /^Amount is empty/],
    [{ currency: 'XYZ' }, /^Currency "XYZ" is not a currency Mollie accepts/],
    [{ invoice_number: '' }, /^Invoice number is empty/],
    [{ invoice_number: 'INV 2024 12' }, /^Invoice number "INV 2024 12" contains a space/],
    [{ invoice_number: 'INVOICE' }, /^Invoice number "INVOICE" has no digits/],
    [{ invoice_number: 'INV<12>' }, /^Invoice number "INV<12>" may only contain/],
    [{ description: 'x'.repeat(240) }, /^Description is 240 characters; with "Invoice INV-2024-0012 - " in front it may have at most 231/],
    [{ expires_at: PAST }, /^Expires at 2020-01-31T12:00:00.000Z is in the past/],
    [{ expires_at: 'next tuesday' }, /^Expires at "next tuesday" is not a date/],
    [{ redirect_url: 'example.com/thanks' }, /^Redirect URL "example.com\/thanks" is not a web address/],
    [{ allowed_methods: ['iDEAL!'] }, /^Allowed payment methods "iDEAL!" is not a Mollie method id/],
  ])('%j', async (fields, message) => {
    const error = await failure(create(tester(), fields));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(message);
  });

  it('find_payment_link refuses an empty invoice number too', async () => {
    expect((await failure(find(tester(), '  '))).message).toMatch(/^Invoice number is empty/);
  });
});

describe('create_payment_link: Mollie errors', () => {
  const problem = (status: number, detail: string, field?: string) => ({ status, title: 'Error', detail, ...(field ? { field } : {}) });

  it.each([
    [401, 'ExpiredAuthError', /Mollie did not accept the Mollie credential \(401\): Failed to authenticate/],
    [422, 'AppError', /Mollie refused the request \(422\): The amount is higher than the maximum\. Field: amount\./],
    [429, 'ThrottledError', /Mollie asked us to slow down \(429\)/],
    [503, 'ThrottledError', /Mollie is having trouble \(503\)/],
  ])('a %i on the POST becomes %s in Mollie’s words', async (status, name, message) => {
    emptyScan();
    const detail = status === 401 ? 'Failed to authenticate' : status === 422 ? 'The amount is higher than the maximum.' : 'Try later';
    nock(MOLLIE).post('/v2/payment-links').reply(status, problem(status, detail, status === 422 ? 'amount' : undefined), { 'Retry-After': '7' });
    const error = await failure(create());
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
  });

  it('a 404 while scanning is an error, not an empty list', async () => {
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(404, problem(404, 'Not found'));
    expect((await failure(create())).message).toMatch(/Mollie could not find it \(404\)/);
  });
});

describe('find_payment_link', () => {
  it('finds the open link of an invoice', async () => {
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, page([link('pl_x')]));
    expect(await find()).toEqual([expect.objectContaining({ id: 'pl_x', status: 'open', paid: false, outcome: 'existing' })]);
  });

  it('finds a paid link, marked paid', async () => {
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, page([link('pl_x', { paidAt: '2024-04-03T10:00:00+00:00' })]));
    expect(await find(tester(), 'INV-2024-12')).toEqual([expect.objectContaining({ id: 'pl_x', paid: true })]);
  });

  it('returns [] when the invoice has no link, or only an expired or archived one', async () => {
    emptyScan();
    expect(await find()).toEqual([]);
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, page([link('pl_old', { expiresAt: PAST }), link('pl_arch', { archived: true })]));
    expect(await find()).toEqual([]);
  });

  it('passes Mollie errors on (401)', async () => {
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(401, { status: 401, title: 'Unauthorized Request', detail: 'Failed to authenticate' });
    expect((await failure(find())).name).toBe('ExpiredAuthError');
  });
});

describe('payment links: the round trip through the sandbox', () => {
  it('link → the payer pays → the payment carries the invoice number → the engine matches the invoice’s account', async () => {
    const sandbox = await startSandbox({ seed: 55 });
    const saved = process.env.MOLLIE_API_BASE;
    Object.assign(process.env, sandbox.env());
    try {
      const appTester = tester();
      const sandboxAuth = { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };
      const run = (fields: Record<string, unknown> = {}) =>
        appTester(createLink, { authData: sandboxAuth, inputData: input({ invoice_number: 'F2026-0042', amount: '242.00', ...fields }) } as Partial<Bundle>);

      const created = await run();
      expect(created).toMatchObject({ outcome: 'created', description: 'Invoice F2026-0042 - Website' });
      expect(await run()).toMatchObject({ id: created.id, outcome: 'existing' });
      expect(invoiceOfLink({ description: String(created.description) })).toBe('2026-42');

      const paid = sandbox.mollie.payPaymentLink(String(created.id), { billingAddress: { email: 'someone@elsewhere.example' } as never });
      expect(await run()).toMatchObject({ id: created.id, paid: true });

      const payment = await appTester((z: ZObject, bundle: Bundle) => mollieClient(z, bundle).payments.get(paid.id), { authData: sandboxAuth } as Partial<Bundle>);
      const accounts = [
        { id: 'mb-1', name: 'Drukkerij Bos', emails: ['info@drukkerijbos.nl'], customerIds: ['C-11'], invoices: [{ number: '2026-0042', amount: { value: '242.00', currency: 'EUR' }, state: 'open' as const }] },
        { id: 'mb-2', name: 'Studio Vos', emails: ['hallo@studiovos.nl'], customerIds: ['C-12'], invoices: [{ number: '2026-0041', amount: { value: '242.00', currency: 'EUR' }, state: 'open' as const }] },
      ];
      expect(matchPayment(payment!, undefined, accounts)).toMatchObject({ accountId: 'mb-1', matchedBy: 'invoice_number', confidence: 0.95 });
    } finally {
      if (saved === undefined) delete process.env.MOLLIE_API_BASE;
      else process.env.MOLLIE_API_BASE = saved;
      await sandbox.close();
    }
  });
});
