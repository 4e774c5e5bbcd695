/**
 * What a connection remembers belongs to the account it describes (issue 19 §1): the Mollie
 * profile or organisation and its mode, and the CRM portal, administration or company.
 * Reconnecting a connection (same Zapier auth, so the same z.cache scope) to another account,
 * or switching test → live, starts clean and never writes with the old account's keys; a fresh
 * polling state fires the last day only; re-asking for a payment link with another CRM account
 * returns the account asked for.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { appMethod } from './helpers/app';
import { FAKE, HUBSPOT, MOLLIE, hubspotAuth, pipedriveAuth } from './helpers/connection';
import { HOUR, NOW, fakeList, iso, payment } from './helpers/mollieFake';

const createLink = appMethod('creates.create_payment_link.operation.perform');
const findAccount = appMethod('searches.find_crm_account.operation.perform');
const findLink = appMethod('searches.find_payment_link.operation.perform');
const chargebackPerform = appMethod('triggers.chargeback_received.operation.perform');
const failedPerform = appMethod('triggers.payment_failed.operation.perform');
const linkPaidPerform = appMethod('triggers.payment_link_paid.operation.perform');
const paidPerform = appMethod('triggers.payment_paid.operation.perform');
const refundedPerform = appMethod('triggers.payment_refunded.operation.perform');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Perform = (z: ZObject, bundle: Bundle<any>) => unknown;
type Item = { id: string } & Record<string, unknown>;

const OTHER_TEST_KEY = 'test_AnotherProfileKey000000000000';

/** An app tester whose z.cache records every key written, run by run. */
const recordingTester = () => {
  const appTester = createAppTester(App);
  const written: string[] = [];
  const store: Record<string, unknown> = {};
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = new Proxy(store, {
    set: (target, key, value) => {
      written.push(String(key));
      target[key as string] = value;
      return true;
    },
  });
  const run = (perform: Perform, bundle: Partial<Bundle>) => appTester(perform as never, { inputData: {}, meta: {}, ...bundle } as never) as Promise<Item[]>;
  return { run, written, keys: () => Object.keys(store) };
};

afterEach(() => nock.cleanAll());

const DAY = 24 * HOUR;
const paidAgo = (n: number, ago: number) => payment(n, NOW - ago - 60_000);

describe('a reconnected connection starts clean for the new Mollie account', () => {
  it.each([
    ['another API key (another profile)', hubspotAuth(OTHER_TEST_KEY)],
    ['the live key of the same shop (test → live)', hubspotAuth(FAKE.mollieLiveKey)],
    ['an access token instead of an API key', { ...hubspotAuth(FAKE.mollieAccessToken), mollieMode: 'test' }],
  ])('Payment Paid after reconnecting to %s: no old state read, no old key written, the last day fires', async (_case, next) => {
    const app = recordingTester();
    // Account A: an hour-old payment, polled once (the state now holds A's page map).
    const first = nock(MOLLIE, { reqheaders: { authorization: `Bearer ${FAKE.mollieTestKey}` } })
      .get('/v2/payments')
      .query(true)
      .reply(200, { count: 1, _embedded: { payments: [paidAgo(1, HOUR)] }, _links: { next: null } });
    await app.run(paidPerform, { authData: hubspotAuth() });
    expect(first.isDone()).toBe(true);
    const before = new Set(app.keys());
    app.written.length = 0;

    // Account B: one payment paid an hour ago, others days ago (all on the newest page).
    const items = [paidAgo(11, HOUR), paidAgo(12, 3 * DAY), paidAgo(13, 10 * DAY)].map((item) => ({ ...item, profileId: 'pfl_shop0001' }));
    nock(MOLLIE).get('/v2/payments').query(true).reply(200, { count: 3, _embedded: { payments: items }, _links: { next: null } });
    const fired = await app.run(paidPerform, { authData: next, inputData: next.mollieCredential === FAKE.mollieAccessToken ? { profile_id: 'pfl_shop0001' } : {} });

    expect(fired.map((item) => item.id)).toEqual(['tr_p00011:paid']);
    expect(app.written.filter((key) => before.has(key))).toEqual([]);
  });
});

describe('a fresh polling state fires what the README promises: the last day, never a whole newest page', () => {
  const link = (n: number, paidAt: number) => ({
    resource: 'payment-link',
    id: `pl_fresh${n}`,
    description: `Invoice INV-${n}`,
    amount: { value: '5.00', currency: 'EUR' },
    archived: false,
    createdAt: iso(paidAt - HOUR),
    paidAt: iso(paidAt),
    expiresAt: null,
    _links: { paymentLink: { href: `https://payment-links.mollie.com/payment/x${n}` } },
  });
  const event = (kind: 'refund' | 'chargeback', n: number, at: number) => ({
    resource: kind,
    id: `${kind === 'refund' ? 're' : 'chb'}_fresh${n}`,
    status: 'refunded',
    amount: { value: '1.00', currency: 'EUR' },
    description: '',
    reason: { code: 'AC01', description: 'x' },
    createdAt: iso(at),
    paymentId: 'tr_p00001',
    _embedded: { payment: payment(1, at - 100 * HOUR) },
  });
  const failed = (n: number, at: number) => payment(n, at - 60_000, 'failed');
  it.each([
    ['Payment Paid', paidPerform, '/v2/payments', 'payments', [paidAgo(1, HOUR), paidAgo(2, 2 * DAY), paidAgo(3, 20 * DAY)], 'tr_p00001:paid'],
    ['Payment Failed', failedPerform, '/v2/payments', 'payments', [failed(1, NOW - HOUR), failed(2, NOW - 3 * DAY)], 'tr_p00001:failed'],
    ['Payment Refunded', refundedPerform, '/v2/refunds', 'refunds', [event('refund', 1, NOW - HOUR), event('refund', 2, NOW - 5 * DAY)], 're_fresh1'],
    ['Chargeback Received', chargebackPerform, '/v2/chargebacks', 'chargebacks', [event('chargeback', 1, NOW - HOUR), event('chargeback', 2, NOW - 5 * DAY)], 'chb_fresh1'],
    ['Payment Link Paid', linkPaidPerform, '/v2/payment-links', 'payment_links', [link(1, NOW - HOUR), link(2, NOW - 4 * DAY)], 'pl_fresh1:paid'],
  ] as const)('%s', async (_name, perform, path, key, items, expected) => {
    fakeList(path, key, () => items as never);
    const fired = await recordingTester().run(perform, { authData: hubspotAuth() });
    expect(fired.map((item) => item.id)).toEqual([expected]);
  });
});

describe('payment-link memory belongs to the Mollie account and the CRM account', () => {
  const linkOf = (id: string) => ({
    resource: 'payment-link',
    id,
    mode: 'test',
    description: 'Invoice INV-2026-0009',
    amount: { value: '10.00', currency: 'EUR' },
    archived: false,
    redirectUrl: null,
    profileId: 'pfl_1',
    createdAt: '2026-11-01T09:00:00+00:00',
    paidAt: null,
    expiresAt: null,
    allowedMethods: null,
    _links: { paymentLink: { href: `https://payment-links.mollie.com/payment/${id.slice(3)}`, type: 'text/html' } },
  });
  const empty = { count: 0, _embedded: { payment_links: [] }, _links: { next: null } };
  const input = (crmAccountId?: string) => ({ invoice_number: 'INV-2026-0009', amount: '10.00', ...(crmAccountId ? { crm_account_id: crmAccountId } : {}) });

  it('another Mollie account never reads the link the old account made, and makes its own', async () => {
    const app = recordingTester();
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, empty);
    nock(MOLLIE).post('/v2/payment-links').reply(201, linkOf('pl_accountA'));
    await app.run(createLink, { authData: hubspotAuth(), inputData: input('10') });
    const before = new Set(app.keys());
    app.written.length = 0;

    nock(MOLLIE, { reqheaders: { authorization: `Bearer ${OTHER_TEST_KEY}` } }).get('/v2/payment-links').query(true).reply(200, empty);
    const post = nock(MOLLIE, { reqheaders: { authorization: `Bearer ${OTHER_TEST_KEY}` } }).post('/v2/payment-links').reply(201, linkOf('pl_accountB'));
    const made = (await app.run(createLink, { authData: hubspotAuth(OTHER_TEST_KEY), inputData: input('10') })) as unknown as Item;
    expect(post.isDone()).toBe(true);
    expect(made).toMatchObject({ id: 'pl_accountB', outcome: 'created' });
    expect(app.written.filter((key) => before.has(key))).toEqual([]);
  });

  it.each([
    ['another CRM account', '20', '20'],
    ['no CRM account (the remembered one is kept)', undefined, '10'],
  ])('re-asking with %s returns the account asked for, and Find Payment Link agrees', async (_case, again, expected) => {
    const app = recordingTester();
    nock(MOLLIE).get('/v2/payment-links').query(true).reply(200, empty);
    nock(MOLLIE).post('/v2/payment-links').reply(201, linkOf('pl_reask'));
    expect(await app.run(createLink, { authData: hubspotAuth(), inputData: input('10') })).toMatchObject({ crm_account_id: '10', outcome: 'created' });

    nock(MOLLIE).get('/v2/payment-links/pl_reask').times(2).reply(200, linkOf('pl_reask'));
    expect(await app.run(createLink, { authData: hubspotAuth(), inputData: input(again) })).toMatchObject({ id: 'pl_reask', outcome: 'existing', crm_account_id: expected });
    const [found] = await app.run(findLink, { authData: hubspotAuth(), inputData: { invoice_number: 'INV-2026-0009' } });
    expect(found).toMatchObject({ id: 'pl_reask', crm_account_id: expected });
  });
});

describe('CRM memory belongs to the CRM account', () => {
  it('HubSpot: another portal’s token never gets the old portal’s links', async () => {
    const app = recordingTester();
    const otherToken = 'pat-eu1-another-portal-token-0000';
    const company = (id: string) => ({ id, properties: { name: `Company ${id}`, customer_id: 'C-77' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', archived: false });
    for (const [token, portalId, companyId] of [
      [FAKE.hubspotToken, 111, '501'],
      [otherToken, 222, '902'],
    ] as const) {
      nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${token}` } }).post('/crm/v3/objects/companies/search').reply(200, { total: 1, results: [company(companyId)] });
      nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${token}` } }).get('/account-info/v3/details').reply(200, { portalId, uiDomain: 'app-eu1.hubspot.com' });
    }
    const [first] = await app.run(findAccount, { authData: hubspotAuth(), inputData: { customer_id: 'C-77' } });
    expect(first.url).toBe('https://app-eu1.hubspot.com/contacts/111/record/0-2/501');
    const [second] = await app.run(findAccount, { authData: { ...hubspotAuth(), crmToken: otherToken }, inputData: { customer_id: 'C-77' } });
    expect(second.url).toBe('https://app-eu1.hubspot.com/contacts/222/record/0-2/902');
  });

  it('Pipedrive: another company reads its own field keys, and finds its own organization', async () => {
    const app = recordingTester();
    const org = (id: number, key: string) => ({ id, name: `Org ${id}`, custom_fields: { [key]: 'C-88' }, add_time: '2026-01-01T00:00:00Z', update_time: '2026-01-01T00:00:00Z' });
    for (const [domain, key, id] of [
      ['acme', 'aaa111customerid', 1],
      ['other', 'bbb222customerid', 7],
    ] as const) {
      const base = `https://${domain}.pipedrive.com`;
      nock(base).get('/api/v1/organizationFields').query(true).reply(200, { success: true, data: [{ key, name: 'Customer ID' }], additional_data: { pagination: { start: 0, limit: 500, more_items_in_collection: false } } });
      nock(base).get('/api/v2/organizations/search').query(true).reply(200, { success: true, data: { items: [{ result_score: 1, item: { id, name: `Org ${id}` } }] } });
      nock(base).get(`/api/v2/organizations/${id}`).reply(200, { success: true, data: org(id, key) });
    }
    const [first] = await app.run(findAccount, { authData: pipedriveAuth(), inputData: { customer_id: 'C-88' } });
    expect(first).toMatchObject({ id: '1' });
    const before = new Set(app.keys());
    app.written.length = 0;
    const [second] = await app.run(findAccount, { authData: { ...pipedriveAuth(), pipedriveCompanyDomain: 'other' }, inputData: { customer_id: 'C-88' } });
    expect(second).toMatchObject({ id: '7' });
    expect(app.written.filter((key) => before.has(key))).toEqual([]);
  });
});
