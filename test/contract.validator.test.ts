import nock from 'nock';
import { specsPresent, type SpecVendor } from '../sandbox/contract/specs';
import { takeViolations } from '../sandbox/contract';
import { ContractValidator, type Exchange } from '../sandbox/contract/validator';
import { request, startServer } from '../sandbox/http';
import { SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';

const present = (['mollie', 'hubspot', 'moneybird'] as SpecVendor[]).every(specsPresent);
if (!present) console.warn('Contract validator test skipped: ../shared/specs is absent.');

const ACCEPT = 'application/hal+json, application/json';
const exchange = (method: string, path: string, extra: Partial<Exchange> = {}): Exchange => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: { accept: ACCEPT, authorization: `Bearer ${SANDBOX_API_KEY}` },
  rawBody: '',
  ...extra,
});
const messages = (validator: ContractValidator, ex: Exchange) => validator.check(ex).map((v) => `${v.direction}: ${v.message}`);

(present ? describe : describe.skip)('the OpenAPI validator (openapi-backend over the vendors’ specs)', () => {
  let mollie: ContractValidator;
  beforeAll(() => {
    mollie = ContractValidator.load('mollie');
  });

  it('loads the 3.1 Mollie and Moneybird specs and the 3.0 HubSpot specs and routes a request into each', () => {
    const ok = { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
    expect(mollie.check(exchange('GET', '/v2/profiles/me'))).toEqual([]);
    expect(ContractValidator.load('hubspot').check(exchange('GET', '/crm/v3/objects/contacts/123', { response: ok }))).toEqual([]);
    expect(ContractValidator.load('moneybird').check(exchange('GET', '/api/v2/123/contacts/456.json', { response: ok }))).toEqual([]);
  });

  it.each([
    ['an undeclared query parameter', exchange('GET', '/v2/payment-links', { query: new URLSearchParams('profileId=pfl_1') }), /request: \/query must NOT have additional properties .*profileId/],
    ['a query value outside the declared range', exchange('GET', '/v2/payments', { query: new URLSearchParams('limit=500') }), /request: \/query\/limit must be <= 250/],
    ['a body missing required fields', exchange('POST', '/v2/webhooks', { rawBody: '{"name":"x"}', headers: { 'content-type': 'application/json' } }), /request: \/requestBody must have required property 'url'/],
    ['a body that is not JSON', exchange('POST', '/v2/webhooks', { rawBody: '{name', headers: { 'content-type': 'application/json' } }), /request: .*JSON/],
    ['a body the operation does not take', exchange('GET', '/v2/payments', { rawBody: '{"a":1}', headers: { 'content-type': 'application/json' } }), /declares no request body/],
    ['an unknown path', exchange('GET', '/v2/paymentz'), /request: the spec has no such path/],
    ['an unknown method on a known path', exchange('PUT', '/v2/payments'), /request: the spec has no PUT operation/],
    ['a status the operation does not declare', exchange('GET', '/v2/payments/tr_1', { response: { status: 418, headers: {}, body: '' } }), /response: status 418 is not declared/],
    ['a response body that breaks the schema', exchange('GET', '/v2/payments/tr_1', { response: { status: 200, headers: { 'content-type': 'application/hal+json' }, body: '{"resource":"payment","id":7}' } }), /response: \/id must be string/],
    ['an Accept header that admits none of the answer’s media types', exchange('GET', '/v2/profiles/me', { headers: { accept: 'application/json' }, response: { status: 200, headers: { 'content-type': 'application/hal+json' }, body: '{}' } }), /request: Accept "application\/json" admits none of the media types .*application\/hal\+json/],
    ['a response in a media type the spec does not list', exchange('GET', '/v2/profiles/me', { response: { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>' } }), /answers Content-Type "text\/html"/],
  ])('reports %s', (_what, ex, expected) => {
    expect(messages(mollie, ex).join('\n')).toMatch(expected);
  });

  it('lets an Accept header through that a declared wildcard answer admits', () => {
    const answer = { status: 404, headers: { 'content-type': 'application/json' }, body: '{"status":"error","message":"x","correlationId":"c","category":"OBJECT_NOT_FOUND"}' };
    const hubspot = ContractValidator.load('hubspot').check(exchange('GET', '/crm/v3/objects/deals/123', { response: answer }));
    expect(hubspot.filter((v) => /Accept/.test(v.message))).toEqual([]);
  });

  it('records a wrong request and a wrong fake answer at the loopback server, for the suite to fail on', async () => {
    const server = await startServer(() => ({ status: 200, body: { resource: 'payment', id: 42 } }), { contract: 'mollie', contentType: 'application/hal+json' });
    try {
      await request(`${server.url}/v2/payments/tr_1?foo=1`, { headers: { Accept: ACCEPT } });
      const found = takeViolations().map((v) => `${v.direction}: ${v.message}`);
      expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^request: \/query must NOT have additional properties .*foo/), expect.stringMatching(/^response: \/id must be string/)]));
    } finally {
      await server.close();
    }
  });

  it('checks requests that nock answers too (every scope, via the jest setup)', async () => {
    nock('https://api.mollie.com').get('/v2/payment-links').query(true).reply(200, { count: 0 });
    const res = await fetch('https://api.mollie.com/v2/payment-links?profileId=pfl_1&limit=5', { headers: { Accept: ACCEPT } });
    expect(res.status).toBe(200);
    expect(takeViolations().map((v) => `${v.vendor} ${v.direction}: ${v.message}`)).toEqual([expect.stringMatching(/^mollie request: \/query must NOT have additional properties .*profileId/)]);
    nock.cleanAll();
  });

  it('lets the allow-listed spec mistakes pass and reports the rest', async () => {
    const sb: Sandbox = await startSandbox();
    try {
      const moneybird = `${sb.urls.moneybird}/api/v2/123456789/contacts/customer_id/CUST-7.json`;
      await request(moneybird, { headers: { Authorization: 'Bearer wrong' } });
      await request(`${sb.urls.mollie}/v2/payments`, { headers: { Authorization: 'Bearer nope', Accept: ACCEPT } });
      expect(takeViolations()).toEqual([]);
      await request(`${sb.urls.mollie}/v2/profiles?testmode=true`, { headers: { Authorization: `Bearer ${SANDBOX_ACCESS_TOKEN}`, Accept: ACCEPT } });
      expect(takeViolations().map((v) => v.message)).toEqual([expect.stringMatching(/additional properties .*testmode/)]);
    } finally {
      await sb.close();
    }
  });
});
