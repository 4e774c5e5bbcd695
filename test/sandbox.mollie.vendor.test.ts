import { createAppTester, type Bundle, type ZObject } from 'zapier-platform-core';
import App from '../index';
import { mollieClient } from '../mollie/client';
import { takeViolations } from '../sandbox/contract';
import { request } from '../sandbox/http';
import { DEFAULT_MOLLIE_RATE_LIMIT, SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY, SANDBOX_HUBSPOT_TOKEN, startSandbox, type Sandbox } from '../sandbox';

const appTester = createAppTester(App);
const ACCEPT = 'application/hal+json, application/json';

describe('the Mollie fake behaves like Mollie', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 5, mollieRateLimit: DEFAULT_MOLLIE_RATE_LIMIT });
    sb.mollie.seed(20);
  });
  afterAll(() => sb.close());
  const get = (path: string, headers: Record<string, string> = {}) =>
    request(`${sb.urls.mollie}${path}`, { headers: { Authorization: `Bearer ${SANDBOX_API_KEY}`, Accept: ACCEPT, ...headers } });

  it.each([
    ['application/hal+json, application/json', 200],
    ['*/*', 200],
    ['application/*', 200],
    ['application/hal+json;q=0.9', 200],
    ['application/json', 406],
    ['text/html', 406],
  ])('answers Accept: %s with %i, in application/hal+json', async (accept, status) => {
    sb.clock.advance(1000);
    const res = await get('/v2/payments?limit=1', { Accept: accept });
    expect([res.status, res.headers['content-type']]).toEqual([status, 'application/hal+json']);
  });

  it.each([['0'], ['251'], ['-1'], ['ten']])('refuses limit=%s with 400 in Mollie’s error shape', async (limit) => {
    sb.clock.advance(1000);
    const res = await get(`/v2/payments?limit=${encodeURIComponent(limit)}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual(expect.objectContaining({ status: 400, title: 'Bad Request', field: 'limit', _links: expect.anything() }));
    // The request breaks the spec on purpose; the 400 answer itself is in the documented shape.
    expect(takeViolations().map((v) => `${v.direction} ${v.message}`)).toEqual([expect.stringMatching(/^request \/query\/limit must be/)]);
  });

  it('breaks a cursor that points at a deleted payment link (400), as Mollie does', async () => {
    sb.clock.advance(1000);
    const links = ['a', 'b', 'c'].map((d) => sb.mollie.createPaymentLink({ description: `Invoice ${d}`, amount: { value: '1.00', currency: 'EUR' } }));
    expect((await get(`/v2/payment-links?from=${links[1].id}&limit=1`)).status).toBe(200);
    const deleted = await request(`${sb.urls.mollie}/v2/payment-links/${links[1].id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${SANDBOX_API_KEY}`, Accept: ACCEPT } });
    expect(deleted.status).toBe(204);
    const res = await get(`/v2/payment-links?from=${links[1].id}&limit=1`);
    expect([res.status, JSON.parse(res.text).field]).toEqual([400, 'from']);
  });

  it('throttles a burst within one second with 429 and Retry-After, and lets the next second through', async () => {
    sb.clock.advance(1000);
    const answers = [];
    for (let i = 0; i <= DEFAULT_MOLLIE_RATE_LIMIT.perSecond; i += 1) answers.push(await get('/v2/profiles/me'));
    expect(answers.slice(0, -1).every((res) => res.status === 200)).toBe(true);
    const throttled = answers[answers.length - 1];
    expect([throttled.status, throttled.headers['retry-after'], JSON.parse(throttled.text).status]).toEqual([429, '1', 429]);
    sb.clock.advance(1000);
    expect((await get('/v2/profiles/me')).status).toBe(200);
  });
});

describe('the Mollie client sends profileId only where the spec declares it, and scopes by the response elsewhere', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 6 });
    Object.assign(process.env, sb.env());
  });
  afterAll(async () => {
    for (const name of Object.keys(sb.env())) delete process.env[name];
    await sb.close();
  });
  const authData = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'test', crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };
  const withClient = <T>(fn: (client: ReturnType<typeof mollieClient>) => Promise<T>) =>
    appTester(((z: ZObject, bundle: Bundle) => fn(mollieClient(z, bundle, { profileId: sb.mollie.profile.id }))) as never, { authData } as never) as Promise<T>;
  const lastQuery = (path: string) => sb.servers.mollie.requestLog.filter((r) => r.path === path).at(-1)?.query;

  it('lists payments with profileId and testmode', async () => {
    sb.mollie.createPayment();
    await withClient((c) => c.payments.list());
    expect(lastQuery('/v2/payments')).toEqual(expect.objectContaining({ profileId: sb.mollie.profile.id, testmode: 'true' }));
  });

  it('lists payment links with testmode only, and keeps only the connection’s profile', async () => {
    const own = sb.mollie.createPaymentLink({ description: 'Own', amount: { value: '1.00', currency: 'EUR' } });
    const foreign = sb.mollie.createPaymentLink({ description: 'Other profile', amount: { value: '1.00', currency: 'EUR' } });
    foreign.profileId = 'pfl_other0001';
    const page = await withClient((c) => c.paymentLinks.list());
    expect(lastQuery('/v2/payment-links')).toEqual({ testmode: 'true' });
    expect(page.items.map((l) => l.id)).toEqual([own.id]);
  });

  it('gets single items with testmode only, and treats another profile’s item as not found', async () => {
    const mine = sb.mollie.createPayment();
    const theirs = sb.mollie.createPayment();
    (sb.mollie.payments.get(theirs.id) as { profileId: string }).profileId = 'pfl_other0001';
    expect((await withClient((c) => c.payments.get(mine.id)))?.id).toBe(mine.id);
    expect(lastQuery(`/v2/payments/${mine.id}`)).toEqual({ testmode: 'true' });
    expect(await withClient((c) => c.payments.get(theirs.id))).toBeNull();
  });

  it('deletes a webhook with testmode in the JSON body, not the query', async () => {
    const hook = sb.mollie.createWebhook({ name: 'x', url: 'http://127.0.0.1:9/', eventTypes: ['payment.paid'], mode: 'test' });
    await withClient((c) => c.webhooks.delete(hook.id));
    const sent = sb.servers.mollie.requestLog.filter((r) => r.method === 'DELETE').at(-1)!;
    expect([sent.query, JSON.parse(sent.body)]).toEqual([{}, { testmode: true }]);
    expect(sb.mollie.webhooks.has(hook.id)).toBe(false);
  });
});
