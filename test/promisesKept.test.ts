/**
 * Promises kept to the end (issue 19 §5): a payment link archived or expired and asked for again
 * gets a new, payable link (the Idempotency-Key of the first create must not bring the old link
 * back), and moving a HubSpot deal to a corrected account removes only the association the app
 * made, never one a person added.
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { appMethod } from './helpers/app';
import { PAGE_SIZE } from '../paymentLinks/paymentLinks';
import { startSandbox, type Sandbox } from '../sandbox';
import { MOLLIE, hubspotAuth } from './helpers/connection';
import { fixtures, recordInput, withAdapter } from './helpers/crmFixtures';

const createLink = appMethod('creates.create_payment_link.operation.perform');

afterEach(() => nock.cleanAll());

describe('a payment link archived or expired, asked for again, is replaced by a payable one', () => {
  const PAST = '2020-01-31T12:00:00+00:00';
  const link = (id: string, fields: Record<string, unknown> = {}) => ({
    resource: 'payment-link',
    id,
    mode: 'test',
    description: 'Invoice INV-2026-0700',
    amount: { value: '70.00', currency: 'EUR' },
    archived: false,
    redirectUrl: null,
    profileId: 'pfl_1',
    createdAt: '2026-11-01T09:00:00+00:00',
    paidAt: null,
    expiresAt: null,
    allowedMethods: null,
    _links: { paymentLink: { href: `https://payment-links.mollie.com/payment/${id.slice(3)}`, type: 'text/html' } },
    ...fields,
  });

  /** Mollie as its documents describe it: a POST with a known Idempotency-Key (within about an hour) answers the stored response again. */
  const mollie = () => {
    const links: ReturnType<typeof link>[] = [];
    const byKey = new Map<string, string>();
    const keys: string[] = [];
    nock(MOLLIE)
      .persist()
      .get('/v2/payment-links')
      .query(true)
      .reply(200, () => ({ count: links.length, _embedded: { payment_links: [...links].reverse() }, _links: { next: null } }));
    nock(MOLLIE)
      .persist()
      .get(/^\/v2\/payment-links\/pl_[A-Za-z0-9]+$/)
      .reply((uri) => {
        // nock 15 hands over the path, or (for fetch-based requests) the Request itself.
        const path = new URL(typeof uri === 'string' ? uri : (uri as unknown as { url: string }).url, MOLLIE).pathname;
        const found = links.find((candidate) => path.endsWith(`/${candidate.id}`));
        return found ? [200, found] : [404, { status: 404, title: 'Not Found', detail: 'No payment link exists with token.' }];
      });
    // nock hands fetch-based requests' headers only to its matchers: the key is read there.
    let key = '';
    const readKey = (value: string) => ((key = value), true);
    nock(MOLLIE, { reqheaders: { 'idempotency-key': readKey } })
      .persist()
      .post('/v2/payment-links')
      .reply(() => {
        keys.push(key);
        const known = links.find((candidate) => candidate.id === byKey.get(key));
        if (known) return [201, known];
        const made = link(`pl_made${links.length + 1}`);
        links.push(made);
        byKey.set(key, made.id);
        return [201, made];
      });
    return { links, keys };
  };

  it.each([
    ['archived in the dashboard', { archived: true }],
    ['expired', { expiresAt: PAST }],
  ])('the link was %s: a new link, payable, under a new Idempotency-Key', async (_case, dead) => {
    const fake = mollie();
    const appTester = createAppTester(App);
    const ask = () => appTester(createLink, { authData: hubspotAuth(), inputData: { invoice_number: 'INV-2026-0700', amount: '70.00' } } as Partial<Bundle>) as Promise<Record<string, unknown>>;
    const first = await ask();
    expect(first).toMatchObject({ id: 'pl_made1', outcome: 'created', status: 'open' });

    Object.assign(fake.links[0], dead);
    const second = await ask();
    expect(second).toMatchObject({ outcome: 'created', status: 'open', replaces: 'pl_made1' });
    expect(second.id).not.toBe('pl_made1');
    expect(new Set(fake.keys).size).toBe(2);
    // Asked once more: the new link, as it is.
    expect(await ask()).toMatchObject({ id: second.id, outcome: 'existing' });
  });

  it('the create never hands back a link that cannot be paid, even when Mollie answers with one', async () => {
    nock(MOLLIE).get('/v2/payment-links').query({ limit: String(PAGE_SIZE) }).reply(200, { count: 0, _embedded: { payment_links: [] }, _links: { next: null } });
    nock(MOLLIE).post('/v2/payment-links').reply(201, link('pl_stale', { archived: true }));
    const error = await createAppTester(App)(createLink, { authData: hubspotAuth(), inputData: { invoice_number: 'INV-2026-0700', amount: '70.00' } } as Partial<Bundle>).then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toMatch(/pl_stale.*archived/);
  });
});

describe('moving a HubSpot deal to a corrected account removes only the association the app made', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 19 });
    Object.assign(process.env, sb.env());
  });
  afterAll(() => sb.close());

  const company = (name: string) => sb.hubspot.seedCompany({ name }).id;
  const accountsOf = (paymentId: string) => sb.hubspot.dealsFor(paymentId).flatMap((deal) => sb.hubspot.associated('deals', deal.id, 'companies')).sort();
  const record = (paymentId: string, accountId?: string) => withAdapter(fixtures(sb).hubspot.authData, (adapter) => adapter.upsertPaymentRecord(recordInput(paymentId, { accountId })));
  const byHand = (paymentId: string, accountId: string) => sb.hubspot.associate('deals', sb.hubspot.dealsFor(paymentId)[0].id, 'companies', accountId);

  let n = 0;
  it.each([
    ['a person linked another account; the app corrects to a third', 'app', 'person', 'third', ['person', 'third']],
    ['a person linked another account; the app records the same account again', 'app', 'person', 'app', ['app', 'person']],
    ['a person linked the corrected account already', 'app', 'person', 'person', ['person']],
    ['nobody else touched the deal', 'app', undefined, 'third', ['third']],
    ['the app linked no account at first; a person did', undefined, 'person', 'third', ['person', 'third']],
  ] as const)('%s', async (_case, first, person, corrected, expected) => {
    const paymentId = `tr_assoc${++n}x`;
    const ids = { app: company(`App ${n}`), person: company(`Person ${n}`), third: company(`Third ${n}`) };
    await record(paymentId, first && ids[first]);
    if (person) byHand(paymentId, ids[person]);
    sb.clock.advance(10_000);
    await record(paymentId, ids[corrected]);
    expect(accountsOf(paymentId)).toEqual(expected.map((name) => ids[name]).sort());
    expect(sb.hubspot.dealsFor(paymentId)).toHaveLength(1);
  });
});
