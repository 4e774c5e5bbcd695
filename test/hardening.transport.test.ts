/**
 * The shared transport, class by class (issue 10 §1, §5, §6; issue 9's Moneybird Retry-After and
 * Mollie's Accept): every request the app makes passes addCredentials, followRedirects and
 * translateVendorErrors, so each table runs a plain z.request through the real App and nock.
 *
 * - a vendor answering nonsense gets a retryable error that names it, per vendor × shape;
 * - redirects: never to another origin (no header, no query parameter goes along), same origin
 *   followed with the vendor's credential, loops and missing addresses refused;
 * - one time bound per request, min(10 s, time left in the run), shared by all its redirects, and
 *   no request sent once the run's time is up (virtual time: the clock moves only when told);
 * - Retry-After: Moneybird's epoch second, HTTP dates, plain delays, absurd values clamped.
 */
import nock from 'nock';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { useClock, withDeadline } from '../http/deadline';
import { MAX_REDIRECTS } from '../http/redirects';
import { REQUEST_TIMEOUT_MS } from '../http/timeBound';
import { MAX_RETRY_SECONDS, retryAfterSeconds } from '../http/vendorErrors';
import type { Vendor } from '../http/endpoints';
import { FAKE, HUBSPOT, MOLLIE, MONEYBIRD, PIPEDRIVE, failure, hubspotAuth, moneybirdAuth, pipedriveAuth } from './helpers/connection';
import { recordViolations, takeViolations } from '../sandbox/contract/violations';

/**
 * The redirect tests answer with made-up hops that no spec declares (`…/moved?page=2`, `?hop=N`,
 * `/v2/payment-links-new`, a body of `{ a: 1 }`). Those, and only those, are the validator's to forget;
 * anything else it saw is handed back for the suite-wide check.
 */
const MADE_UP_HOP = /\/moved\b|"hop"|payment-links-new|(POST \/v2\/payment-links .*'description')/;
afterEach(() => recordViolations(takeViolations().filter((v) => !MADE_UP_HOP.test(`${v.method} ${v.path} ${v.message}`))));
// Core's Lambda guard (exit past 450 MB RSS after 250 runs) measures the whole Jest process and every file it ran before: not this file's doing.
jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

const appTester = createAppTester(App);
type Sent = { status: number; data: unknown; request: HttpRequestOptions };
const send = (authData: Record<string, unknown>, options: HttpRequestOptions & { url: string }, budgetMs?: number) =>
  appTester(async (z: ZObject) => {
    const go = async (): Promise<Sent> => {
      const response = await z.request(options);
      return { status: response.status, data: response.data as unknown, request: response.request };
    };
    return budgetMs === undefined ? go() : withDeadline(go, budgetMs);
  }, { authData } as Partial<Bundle>) as Promise<Sent>;

/** Each vendor with a connection that holds its credential, a path on its API and its credential header. */
const VENDORS: Array<{ vendor: Vendor; label: string; base: string; path: string; authData: Record<string, unknown>; header: string; secret: string }> = [
  { vendor: 'mollie', label: 'Mollie', base: MOLLIE, path: '/v2/payments', authData: hubspotAuth(), header: 'authorization', secret: FAKE.mollieTestKey },
  { vendor: 'hubspot', label: 'HubSpot', base: HUBSPOT, path: '/crm/v3/objects/companies', authData: hubspotAuth(), header: 'authorization', secret: FAKE.hubspotToken },
  { vendor: 'moneybird', label: 'Moneybird', base: MONEYBIRD, path: '/api/v2/123456789/contacts', authData: moneybirdAuth(), header: 'authorization', secret: FAKE.moneybirdToken },
  { vendor: 'pipedrive', label: 'Pipedrive', base: PIPEDRIVE, path: '/api/v2/organizations/1', authData: pipedriveAuth(), header: 'x-api-token', secret: FAKE.pipedriveToken },
];

afterEach(() => {
  nock.cleanAll();
  useClock();
});

// ---------------------------------------------------------------------------------------------
// §5 A vendor answering nonsense: retryable, named, never "not found", never a TypeError
// ---------------------------------------------------------------------------------------------
const JSON_TYPE = { 'Content-Type': 'application/json' };
type Shape = [name: string, status: number, body: string, headers: Record<string, string>];
const NONSENSE: Shape[] = [
  ['an HTML page with a 200', 200, '<!DOCTYPE html><html><body>Maintenance</body></html>', { 'Content-Type': 'text/html' }],
  ['an HTML page labelled JSON', 200, '<html><body>Bad gateway</body></html>', JSON_TYPE],
  ['an empty body with a 200', 200, '', JSON_TYPE],
  ['an empty body with a 201', 201, '', JSON_TYPE],
  ['only whitespace', 200, '  \n ', JSON_TYPE],
  ['JSON cut off', 200, '{"id": "tr_abc', JSON_TYPE],
  ['JSON cut off in a list', 200, '[{"id": 1}, {"id"', JSON_TYPE],
  ['the JSON null', 200, 'null', JSON_TYPE],
  ['a JSON string', 200, '"ok"', JSON_TYPE],
  ['a JSON boolean', 200, 'true', JSON_TYPE],
  ['valid JSON as text/plain', 200, '{"id": "x"}', { 'Content-Type': 'text/plain' }],
  ['valid JSON with no content type', 200, '{"id": "x"}', {}],
  ['XML', 200, '<?xml version="1.0"?><error>busy</error>', { 'Content-Type': 'application/xml' }],
  ['an HTML 404 from a proxy', 404, '<html><body>Not Found</body></html>', { 'Content-Type': 'text/html' }],
  ['an empty 404', 404, '', {}],
];
// Moneybird's spec answers link_booking with a bare number (a REAL row below); the others never send one.
const A_NUMBER: Shape = ['a JSON number', 200, '42', JSON_TYPE];
const NONSENSE_BY_VENDOR: Partial<Record<Vendor, Shape[]>> = {
  mollie: [['a JSON list where Mollie sends an object', 200, '[]', { 'Content-Type': 'application/hal+json' }], A_NUMBER],
  hubspot: [['a JSON list where HubSpot sends an object', 200, '[{"id":"1"}]', JSON_TYPE], A_NUMBER],
  pipedrive: [
    A_NUMBER,
    ['data: null with a 200', 200, '{"success": true, "data": null}', JSON_TYPE],
    ['no data at all with a 200', 200, '{"success": true}', JSON_TYPE],
    ['success: false with a 200', 200, '{"success": false, "error": "x", "data": {}}', JSON_TYPE],
    ['a JSON list where Pipedrive sends an object', 200, '[]', JSON_TYPE],
  ],
};

const nonsenseRows = VENDORS.flatMap((target) => [...NONSENSE, ...(NONSENSE_BY_VENDOR[target.vendor] ?? [])].map((shape) => ({ ...target, shape, name: shape[0] })));

describe('a vendor answering nonsense gets a retryable error that names it', () => {
  it.each(nonsenseRows)('$label: $name', async ({ label, base, path, authData, shape: [, status, body, headers] }) => {
    nock(base).get(path).reply(status, body, headers);
    const error = await failure(send(authData, { url: `${base}${path}` }));
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toMatch(new RegExp(`^${label} answered with .*\\(HTTP ${status}\\), not an answer of its API\\. Zapier will try again\\.$`));
    expect(error.delay).toBeGreaterThan(0);
  });

  it.each(nonsenseRows.filter((row) => row.shape[1] === 404))('$label: $name is not "not found", even where the caller takes a 404 as an answer', async ({ label, base, path, authData, shape: [, status, body, headers] }) => {
    nock(base).get(path).reply(status, body, headers);
    const error = await failure(send(authData, { url: `${base}${path}`, skipThrowForStatus: true, middlewareData: { passStatuses: [404] } }));
    expect(error).toMatchObject({ name: 'ThrottledError' });
    expect(error.message).toMatch(new RegExp(`^${label} answered with`));
  });

  const REAL: Array<[Vendor, string, number, string, Record<string, string>]> = [
    ['mollie', 'a HAL object', 200, '{"resource":"payment","id":"tr_x"}', { 'Content-Type': 'application/hal+json; charset=utf-8' }],
    ['mollie', 'a 204 with no body', 204, '', {}],
    ['mollie', 'a real 404 problem', 404, '{"status":404,"title":"Not Found","detail":"No payment exists with token tr_x."}', { 'Content-Type': 'application/hal+json' }],
    ['hubspot', 'an object', 200, '{"results":[]}', JSON_TYPE],
    ['hubspot', 'a 204 archive', 204, '', {}],
    ['moneybird', 'a list', 200, '[]', JSON_TYPE],
    ['moneybird', 'an object', 200, '{"id":"1"}', JSON_TYPE],
    ['moneybird', 'a bare number (link_booking answers its status code)', 200, '200', JSON_TYPE],
    ['pipedrive', 'data', 200, '{"success":true,"data":{"id":1}}', JSON_TYPE],
    ['pipedrive', 'an empty list', 200, '{"success":true,"data":[]}', JSON_TYPE],
  ];
  it.each(REAL)('%s: %s is a real answer', async (vendor, _name, status, body, headers) => {
    const target = VENDORS.find((row) => row.vendor === vendor)!;
    nock(target.base).get(target.path).reply(status, body, headers);
    const result = await send(target.authData, { url: `${target.base}${target.path}`, skipThrowForStatus: true, middlewareData: { passStatuses: [404] } });
    expect(result.status).toBe(status);
  });

  it('lets a DELETE answer 200 with an empty body', async () => {
    nock(MOLLIE).delete('/v2/webhooks/hook_1').reply(200, '');
    expect((await send(hubspotAuth(), { url: `${MOLLIE}/v2/webhooks/hook_1`, method: 'DELETE' })).status).toBe(200);
  });

  it('leaves other hosts to the caller', async () => {
    nock('https://example.com').get('/x').reply(200, '<html></html>', { 'Content-Type': 'text/html' });
    expect((await send(hubspotAuth(), { url: 'https://example.com/x' })).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// §1 Redirects: decided by the app; no credential ever reaches another origin
// ---------------------------------------------------------------------------------------------
const FOREIGN = 'https://collector.evil.test';
const REDIRECTS = [301, 302, 303, 307, 308];

describe('a redirect to another origin is never followed', () => {
  const rows = VENDORS.flatMap((target) => REDIRECTS.map((status) => ({ ...target, status })));
  it.each(rows)('$label $status to another site: refused, retryable, nothing sent there', async ({ label, base, path, authData, status }) => {
    const foreign = nock(FOREIGN).get(/.*/).reply(200, { stolen: true });
    nock(base).get(path).reply(status, '', { Location: `${FOREIGN}/collect?keep=1` });
    const error = await failure(send(authData, { url: `${base}${path}` }));
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toBe(`${label} redirected the request to another site (collector.evil.test). It was not followed, so no credential went there. Zapier will try again.`);
    expect(foreign.isDone()).toBe(false);
  });

  const lookalikes = (base: string) => {
    const { host } = new URL(base);
    return [`http://${host}/v2/x`, `https://${host}.evil.test/x`, `https://${host}:8443/x`, `//${host}.evil.test/x`, `https://user@evil.test/x`];
  };
  const lookalikeRows = VENDORS.flatMap((target) => lookalikes(target.base).map((location) => ({ ...target, location })));
  it.each(lookalikeRows)('$label to $location (another origin, however alike): refused', async ({ base, path, authData, location }) => {
    nock(base).get(path).reply(302, '', { Location: location });
    const error = await failure(send(authData, { url: `${base}${path}` }));
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toMatch(/redirected the request to another site/);
  });

  it.each(VENDORS)('$label: a redirect without an address is refused, not taken as the answer', async ({ label, base, path, authData }) => {
    nock(base).get(path).reply(302, '');
    const error = await failure(send(authData, { url: `${base}${path}` }));
    expect(error).toMatchObject({ name: 'ThrottledError' });
    expect(error.message).toMatch(new RegExp(`^${label} answered 302 \\(a redirect\\) without a valid address`));
  });

  it.each(VENDORS)(`$label: more than ${MAX_REDIRECTS} redirects are refused`, async ({ label, base, path, authData }) => {
    nock(base).persist().get(/.*/).reply(302, '', { Location: path });
    const error = await failure(send(authData, { url: `${base}${path}` }));
    expect(error).toMatchObject({ name: 'ThrottledError' });
    expect(error.message).toMatch(new RegExp(`^${label} redirected the request more than ${MAX_REDIRECTS} times`));
  });
});

describe('a redirect within the vendor’s origin is followed with its credential', () => {
  it.each(VENDORS)('$label: 302 then 200, the credential on both, the answer is the second', async ({ base, path, authData, header, secret }) => {
    const value = header === 'authorization' ? `Bearer ${secret}` : secret;
    nock(base, { reqheaders: { [header]: value } }).get(path).reply(302, '', { Location: `${path}/moved?page=2` });
    nock(base, { reqheaders: { [header]: value } }).get(`${path}/moved`).query({ page: '2' }).reply(200, { success: true, data: { moved: true }, moved: true });
    const result = await send(authData, { url: `${base}${path}` });
    expect(result.status).toBe(200);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('303 after a POST continues as a GET without the body; 307 keeps method and body', async () => {
    nock(MOLLIE).post('/v2/payment-links').reply(303, '', { Location: '/v2/payment-links/pl_1' });
    nock(MOLLIE).get('/v2/payment-links/pl_1').reply(200, { id: 'pl_1' }, { 'Content-Type': 'application/hal+json' });
    expect((await send(hubspotAuth(), { url: `${MOLLIE}/v2/payment-links`, method: 'POST', body: { a: 1 } })).data).toEqual({ id: 'pl_1' });
    nock(MOLLIE).post('/v2/payment-links').reply(307, '', { Location: '/v2/payment-links-new' });
    nock(MOLLIE).post('/v2/payment-links-new', { a: 1 }).reply(201, { id: 'pl_2' }, { 'Content-Type': 'application/hal+json' });
    expect((await send(hubspotAuth(), { url: `${MOLLIE}/v2/payment-links`, method: 'POST', body: { a: 1 } })).data).toEqual({ id: 'pl_2' });
  });
});

// ---------------------------------------------------------------------------------------------
// §6 The timeout is a deadline (virtual time)
// ---------------------------------------------------------------------------------------------
describe('each request gets min(10 s, the time left in the run), redirects included', () => {
  let now = 0;
  beforeEach(() => {
    now = Date.UTC(2026, 0, 1);
    useClock(() => now);
  });

  it.each([
    [25_000, REQUEST_TIMEOUT_MS],
    [10_000, 10_000],
    [9_000, 9_000],
    [3_000, 3_000],
    [500, 500],
    [150, 150],
  ])('with %i ms left in the run the request may take %i ms', async (budget, expected) => {
    nock(MOLLIE).get('/v2/methods').reply(200, { count: 0 }, { 'Content-Type': 'application/hal+json' });
    const result = await send(hubspotAuth(), { url: `${MOLLIE}/v2/methods` }, budget);
    expect(result.request.timeout).toBe(expected);
  });

  it.each(VENDORS)('$label: with the run’s time used up, the request is not sent and Zapier is told to retry', async ({ label, base, path, authData }) => {
    const scope = nock(base).get(path).reply(200, {});
    const error = await failure(
      appTester(async (z: ZObject) => withDeadline(async () => {
        now += 25_000;
        return z.request({ url: `${base}${path}` });
      }), { authData } as Partial<Bundle>),
    );
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toBe(`The request to ${label} was not sent: this run used up its 25 s (Zapier gives a run 30 s). Zapier will try again.`);
    expect(scope.isDone()).toBe(false);
  });

  it.each(VENDORS)('$label: redirects share one 10 s bound (each hop taking 4 s, the third is the last sent)', async ({ label, base, path, authData }) => {
    let hops = 0;
    nock(base).persist().get(/.*/).reply(() => {
      hops += 1;
      now += 4_000;
      return [302, '', { Location: `${path}?hop=${hops}` }];
    });
    const error = await failure(send(authData, { url: `${base}${path}` }, 25_000));
    expect(hops).toBe(3);
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toBe(`${label} did not answer within 10 s (redirects included). Zapier will try again.`);
  });

  it('a redirect is not sent past the run’s deadline either', async () => {
    let hops = 0;
    nock(MOLLIE).persist().get(/.*/).reply(() => {
      hops += 1;
      now += 2_000;
      return [302, '', { Location: `/v2/payments?hop=${hops}` }];
    });
    const error = await failure(send(hubspotAuth(), { url: `${MOLLIE}/v2/payments` }, 3_000));
    expect(hops).toBe(2);
    expect(error.message).toMatch(/^The request to Mollie was not sent: this run used up its 25 s/);
  });
});

// ---------------------------------------------------------------------------------------------
// Retry-After (issue 9): Moneybird's epoch second, HTTP dates, plain delays
// ---------------------------------------------------------------------------------------------
describe('Retry-After is read the way each vendor means it', () => {
  const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
  const epoch = (seconds: number) => String(Math.floor(NOW / 1000) + seconds);
  const headers = (values: Record<string, string>) => ({ getHeader: (name: string) => values[name.toLowerCase()] });
  it.each<[string, Vendor, Record<string, string>, number | undefined]>([
    ['Moneybird: an epoch 30 s ahead waits 30 s, not 57 years', 'moneybird', { 'retry-after': epoch(30) }, 30],
    ['Moneybird: an epoch 299 s ahead (the 5-minute window)', 'moneybird', { 'retry-after': epoch(299) }, 299],
    ['Moneybird: only RateLimit-Reset', 'moneybird', { 'ratelimit-reset': epoch(45) }, 45],
    ['Moneybird: Retry-After wins over RateLimit-Reset', 'moneybird', { 'retry-after': epoch(10), 'ratelimit-reset': epoch(200) }, 10],
    ['Moneybird: an epoch already past waits the least', 'moneybird', { 'retry-after': epoch(-120) }, 1],
    ['Moneybird: an epoch years ahead is clamped', 'moneybird', { 'retry-after': epoch(86_400 * 365 * 3) }, MAX_RETRY_SECONDS],
    ['Moneybird: a small number can only be a delay (an epoch of 1970 is never meant)', 'moneybird', { 'retry-after': '30' }, 30],
    ['Moneybird: an HTTP date', 'moneybird', { 'retry-after': new Date(NOW + 20_000).toUTCString() }, 20],
    ['Mollie: a plain delay', 'mollie', { 'retry-after': '7' }, 7],
    ['Mollie: a fractional delay rounds up', 'mollie', { 'retry-after': '1.2' }, 2],
    ['Mollie: zero waits the least', 'mollie', { 'retry-after': '0' }, 1],
    ['HubSpot: an HTTP date 45 s ahead', 'hubspot', { 'retry-after': new Date(NOW + 45_000).toUTCString() }, 45],
    ['HubSpot: an HTTP date in the past', 'hubspot', { 'retry-after': new Date(NOW - 45_000).toUTCString() }, 1],
    ['Pipedrive: a plain delay', 'pipedrive', { 'retry-after': '2' }, 2],
    ['Pipedrive: an epoch second is a moment, not 57 years', 'pipedrive', { 'retry-after': epoch(12) }, 12],
    ['HubSpot: an absurd delay (a year) is clamped', 'hubspot', { 'retry-after': String(86_400 * 365) }, MAX_RETRY_SECONDS],
    ['Mollie: an absurd HTTP date is clamped', 'mollie', { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }, MAX_RETRY_SECONDS],
    ['Mollie: a negative delay is no delay given', 'mollie', { 'retry-after': '-5' }, undefined],
    ['Mollie: words are no delay given', 'mollie', { 'retry-after': 'soon' }, undefined],
    ['HubSpot: RateLimit-Reset is not its header', 'hubspot', { 'ratelimit-reset': epoch(30) }, undefined],
  ])('%s', (_case, vendor, values, expected) => {
    expect(retryAfterSeconds(headers(values), NOW, vendor)).toBe(expected);
  });

  it('a Moneybird 429 through the app waits until the window resets', async () => {
    const now = Date.UTC(2026, 11, 1, 12, 0, 0);
    useClock(() => now);
    nock(MONEYBIRD).get('/api/v2/123456789/contacts').reply(429, { error: 'Too many requests' }, { 'Retry-After': String(now / 1000 + 30) });
    const error = await failure(send(moneybirdAuth(), { url: `${MONEYBIRD}/api/v2/123456789/contacts` }));
    expect(error).toMatchObject({ name: 'ThrottledError', delay: 30 });
  });
});

describe('Accept', () => {
  it.each([
    ['mollie', 'application/hal+json, application/json'],
    ['hubspot', 'application/json'],
    ['moneybird', 'application/json'],
    ['pipedrive', 'application/json'],
  ] as const)('%s is asked for %s', async (vendor, accept) => {
    const target = VENDORS.find((row) => row.vendor === vendor)!;
    nock(target.base, { reqheaders: { accept } }).get(target.path).reply(200, { success: true, data: {} });
    expect((await send(target.authData, { url: `${target.base}${target.path}` })).status).toBe(200);
  });
});
