import nock from 'nock';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { DEFAULT_RETRY_SECONDS, REQUEST_TIMEOUT_MS, passStatuses } from '../http/middleware';
import { FAKE, HUBSPOT, MOLLIE, MONEYBIRD, failure, hubspotAuth, pipedriveAuth } from './helpers/connection';

const appTester = createAppTester(App);
const send = (authData: Record<string, unknown>, options: HttpRequestOptions & { url: string }) =>
  appTester(async (z: ZObject) => {
    const response = await z.request(options);
    return { status: response.status, data: response.data as unknown, sent: response.request };
  }, { authData } as Partial<Bundle>);

afterEach(() => nock.cleanAll());

describe('credentials on requests', () => {
  it.each(['https://example.com/hook', 'https://api.mollie.com.evil.test/v2/payments', 'http://api.mollie.com/v2/payments', 'https://hooks.zapier.com/x'])(
    'sends no credential to a foreign host (%s)',
    async (url) => {
      const origin = new URL(url).origin;
      nock(origin, { badheaders: ['authorization', 'x-api-token'] }).get(new URL(url).pathname).reply(200, { ok: true });
      const result = await send(pipedriveAuth(), { url });
      expect(result.status).toBe(200);
    },
  );

  it('sends the Mollie key to Mollie only, and the CRM token to its CRM only', async () => {
    nock(MOLLIE, { reqheaders: { authorization: `Bearer ${FAKE.mollieTestKey}` } }).get('/v2/methods').reply(200, {});
    nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${FAKE.hubspotToken}` } }).get('/crm/v3/objects/companies').reply(200, {});
    nock(MONEYBIRD, { badheaders: ['authorization'] }).get('/api/v2/administrations').reply(200, []);

    await send(hubspotAuth(), { url: `${MOLLIE}/v2/methods` });
    await send(hubspotAuth(), { url: `${HUBSPOT}/crm/v3/objects/companies` });
    await send(hubspotAuth(), { url: `${MONEYBIRD}/api/v2/administrations` });

    expect(nock.pendingMocks()).toEqual([]);
  });

  it('gives every request a timeout so one hung vendor cannot use up the invocation', async () => {
    nock(MOLLIE).get('/v2/methods').reply(200, {});
    const result = await send(hubspotAuth(), { url: `${MOLLIE}/v2/methods` });
    expect(result.sent.timeout).toBe(REQUEST_TIMEOUT_MS);
  });

  it('follows the sandbox base URL from the environment', async () => {
    process.env.MOLLIE_API_BASE = 'http://localhost:4999';
    try {
      nock('http://localhost:4999', { reqheaders: { authorization: `Bearer ${FAKE.mollieTestKey}` } }).get('/v2/methods').reply(200, {});
      nock(MOLLIE, { badheaders: ['authorization'] }).get('/v2/methods').reply(200, {});
      await send(hubspotAuth(), { url: 'http://localhost:4999/v2/methods' });
      await send(hubspotAuth(), { url: `${MOLLIE}/v2/methods` });
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      delete process.env.MOLLIE_API_BASE;
    }
  });
});

describe('vendor errors become Zapier errors in the vendor’s words', () => {
  const mollieError = (status: number, detail: string, field?: string) => ({ status, title: 'Error', detail, field });

  it('429 with Retry-After is throttled for that long', async () => {
    nock(MOLLIE).get('/v2/payments').reply(429, mollieError(429, 'Too many requests'), { 'Retry-After': '7' });
    const error = await failure(send(hubspotAuth(), { url: `${MOLLIE}/v2/payments` }));
    expect(error).toMatchObject({ name: 'ThrottledError', delay: 7 });
    expect(error.message).toMatch(/^Mollie asked us to slow down \(429\): Too many requests/);
  });

  it('429 without Retry-After is throttled for a sane default', async () => {
    nock(HUBSPOT).get('/crm/v3/objects/deals').reply(429, { status: 'error', message: 'You have reached your ten_secondly_rolling limit.' });
    const error = await failure(send(hubspotAuth(), { url: `${HUBSPOT}/crm/v3/objects/deals` }));
    expect(error).toMatchObject({ name: 'ThrottledError', delay: DEFAULT_RETRY_SECONDS });
    expect(error.message).toContain('ten_secondly_rolling limit');
  });

  it('422 names the field the vendor complained about', async () => {
    nock(MOLLIE).post('/v2/payment-links').reply(422, mollieError(422, 'The amount is lower than the minimum', 'amount.value'));
    const error = await failure(send(hubspotAuth(), { url: `${MOLLIE}/v2/payment-links`, method: 'POST', body: {} }));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe('Mollie refused the request (422): The amount is lower than the minimum. Field: amount.value.');
  });

  it.each([500, 502, 503])('%s is retryable and keeps the vendor message', async (status) => {
    nock(MOLLIE).get('/v2/payments').reply(status, mollieError(status, 'Upstream unavailable'));
    const error = await failure(send(hubspotAuth(), { url: `${MOLLIE}/v2/payments` }));
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toContain(`Mollie is having trouble (${status}): Upstream unavailable`);
  });

  it('403 says the credential lacks a permission', async () => {
    nock(MOLLIE).post('/v2/webhooks').reply(403, mollieError(403, 'This endpoint requires an access token'));
    const error = await failure(send(hubspotAuth(), { url: `${MOLLIE}/v2/webhooks`, method: 'POST', body: {} }));
    expect(error.message).toMatch(/^Mollie refused access \(403\): This endpoint requires an access token/);
  });

  it('404 is an error unless the caller handles it', async () => {
    nock(MOLLIE).get('/v2/payments/tr_missing').twice().reply(404, mollieError(404, 'No payment exists with token tr_missing.'));
    const error = await failure(send(hubspotAuth(), { url: `${MOLLIE}/v2/payments/tr_missing` }));
    expect(error.message).toMatch(/^Mollie could not find it \(404\): No payment exists/);

    const handled = await send(hubspotAuth(), { url: `${MOLLIE}/v2/payments/tr_missing`, ...passStatuses(404) });
    expect(handled.status).toBe(404);
  });

  it('never repeats a credential the vendor echoed back', async () => {
    nock(MOLLIE).get('/v2/payments').reply(422, mollieError(422, `Invalid key ${FAKE.mollieTestKey}`));
    const error = await failure(send(hubspotAuth(), { url: `${MOLLIE}/v2/payments` }));
    expect(error.message).not.toContain(FAKE.mollieTestKey);
    expect(error.message).toContain('[redacted]');
  });

  it('leaves responses from foreign hosts to the caller', async () => {
    nock('https://example.com').get('/x').reply(500, 'oops');
    const error = await failure(send(hubspotAuth(), { url: 'https://example.com/x' }));
    expect(error.name).toBe('ResponseError');
  });
});
