import path from 'node:path';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { createHmac } from 'node:crypto';
import { signature } from '../sandbox';
import { loadSpec, validateRef } from '../sandbox/contract/openapi';
import { FAKE, MOLLIE, failure, hubspotAuth } from './helpers/connection';
import { fakeList, iso, NOW, payment } from './helpers/mollieFake';
import { appHooks } from './helpers/app';

const failedHooks = appHooks('payment_failed_instant');
const paidHooks = appHooks('payment_paid_instant');
const refundedHooks = appHooks('payment_refunded_instant');

const appTester = createAppTester(App);
const tokenAuth = { ...hubspotAuth(FAKE.mollieAccessToken), mollieMode: 'test' };
const SECRET = 'whsec0123456789abcdefghijklmnopq';
type Fn = (z: ZObject, bundle: Bundle) => unknown;
const run = <T>(fn: Fn, bundle: Record<string, unknown>) => appTester(fn as never, { authData: tokenAuth, inputData: {}, meta: {}, ...bundle } as never) as Promise<T>;

const event = (type: string, entity: object) =>
  JSON.stringify({ resource: 'event', id: 'event_GvJ8WHrp5isUdRub9CJyH', type, entityId: (entity as { id: string }).id, createdAt: iso(NOW), _embedded: { entity } });
const delivery = (body: string, headers: Record<string, string>) => ({
  subscribeData: { id: 'hook_abc123', secret: SECRET },
  rawRequest: { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, content: body, querystring: '' },
  cleanedRequest: JSON.parse(body),
});

afterEach(() => nock.cleanAll());

describe('instant triggers: subscribe and unsubscribe', () => {
  const specFile = path.resolve(__dirname, '../../shared/specs/mollie/specs.yaml');
  const requestSchema = '#/paths/~1v2~1webhooks/post/requestBody/content/application~1json/schema';

  it('creates a next-gen webhook for the trigger’s event types at the target URL, in the spec’s shape, and keeps id and secret', async () => {
    let sent: Record<string, unknown> = {};
    nock(MOLLIE)
      .post('/v2/webhooks', (body) => ((sent = body), true))
      .reply(201, { resource: 'webhook', id: 'hook_abc123', webhookSecret: SECRET, eventTypes: ['payment.failed'] });
    const data = await run(failedHooks.performSubscribe, { targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc', inputData: { include_canceled_expired: true } });
    expect(data).toEqual({ id: 'hook_abc123', secret: SECRET });
    expect(sent).toEqual({
      name: 'Zapier: Payment Failed (instant)',
      url: 'https://hooks.zapier.com/hooks/standard/1/abc',
      eventTypes: ['payment.failed', 'payment.canceled', 'payment.expired'],
      testmode: true,
    });
    expect(validateRef(loadSpec(specFile), requestSchema, sent)).toEqual([]);
  });

  it('deletes the webhook on unsubscribe, and treats one already gone as done', async () => {
    // The spec declares no query parameters on DELETE /v2/webhooks/{id}: testmode travels in the JSON body.
    const scope = nock(MOLLIE).delete('/v2/webhooks/hook_abc123', { testmode: true }).reply(204);
    expect(await run(paidHooks.performUnsubscribe, { subscribeData: { id: 'hook_abc123', secret: SECRET } })).toEqual({ deleted: true, id: 'hook_abc123' });
    expect(scope.isDone()).toBe(true);
    nock(MOLLIE).delete('/v2/webhooks/hook_gone').query(true).reply(404, { status: 404, detail: 'No webhook exists with token hook_gone.' });
    expect(await run(paidHooks.performUnsubscribe, { subscribeData: { id: 'hook_gone', secret: SECRET } })).toEqual({ deleted: true, id: 'hook_gone' });
  });

  it('says clearly that an API key cannot be used, before any request', async () => {
    const error = await failure(run(paidHooks.performSubscribe, { authData: hubspotAuth(), targetUrl: 'https://hooks.zapier.com/x' }));
    expect(error.message).toMatch(/^Instant triggers need an organization access token/);
    expect((await failure(run(paidHooks.performList, { authData: hubspotAuth() }))).message).toMatch(/access token/);
  });

  it('reports Mollie refusing the webhook in Mollie’s words', async () => {
    nock(MOLLIE).post('/v2/webhooks').reply(422, { status: 422, title: 'Unprocessable Entity', detail: 'The url must be a valid http(s) URL.', field: 'url' });
    const error = await failure(run(paidHooks.performSubscribe, { targetUrl: 'https://hooks.zapier.com/x' }));
    expect(error.message).toMatch(/The url must be a valid http\(s\) URL\. Field: url\./);
  });
});

describe('instant triggers: receiving events', () => {
  const paid = payment(7, NOW - 3 * 86_400_000, 'paid', { method: 'banktransfer', billingAddress: { email: 'anna@example.com' } });

  it('fires on a correctly signed event, from the embedded entity, with no request', async () => {
    const body = event('payment.paid', paid);
    const items = await run<Array<Record<string, unknown>>>(paidHooks.perform, delivery(body, { 'X-Mollie-Signature': signature(body, SECRET) }));
    expect(items).toEqual([expect.objectContaining({ id: 'tr_p00007:paid', payment_id: 'tr_p00007', customer_email: 'anna@example.com', method: 'banktransfer' })]);
  });

  it('accepts the signature header whatever its case or Http- prefix', async () => {
    const body = event('payment.paid', paid);
    const items = await run<unknown[]>(paidHooks.perform, delivery(body, { 'Http-X-Mollie-Signature': signature(body, SECRET) }));
    expect(items).toHaveLength(1);
  });

  it.each([
    ['unsigned', {}, /unsigned/],
    ['signed with another secret', { 'X-Mollie-Signature': signature('x', 'other') }, /does not match/],
    ['a forged body under a real signature', { 'X-Mollie-Signature': signature(event('payment.paid', { ...paid, amount: { value: '1.00', currency: 'EUR' } }), SECRET) }, /does not match/],
    ['a malformed signature', { 'X-Mollie-Signature': 'sha256=zz' }, /does not match/],
  ])('refuses a body that is %s', async (_what, headers, message) => {
    const error = await failure(run(paidHooks.perform, delivery(event('payment.paid', paid), headers as Record<string, string>)));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it('ignores a signed event of another type, profile or method', async () => {
    const failedEvent = event('payment.failed', { ...paid, status: 'failed' });
    expect(await run(paidHooks.perform, delivery(failedEvent, { 'X-Mollie-Signature': signature(failedEvent, SECRET) }))).toEqual([]);
    const body = event('payment.paid', paid);
    const signed = delivery(body, { 'X-Mollie-Signature': signature(body, SECRET) });
    expect(await run(paidHooks.perform, { ...signed, inputData: { profile_id: 'pfl_other0001' } })).toEqual([]);
    expect(await run(paidHooks.perform, { ...signed, inputData: { method: 'ideal' } })).toEqual([]);
  });

  it('fires a refund event with the refund and its payment id', async () => {
    const refund = { resource: 'refund', id: 're_abc', status: 'refunded', amount: { value: '5.00', currency: 'EUR' }, createdAt: iso(NOW), description: '', paymentId: 'tr_p00007' };
    const body = event('refund.refunded', refund);
    const items = await run<unknown[]>(refundedHooks.perform, delivery(body, { 'X-Mollie-Signature': signature(body, SECRET) }));
    expect(items).toEqual([expect.objectContaining({ id: 're_abc', refund_amount_value: '5.00', payment_id: 'tr_p00007' })]);
  });

  it('lists recent real items for the Zap editor', async () => {
    fakeList('/v2/profiles', 'profiles', () => [{ id: 'pfl_only0001', createdAt: iso(NOW) }]);
    fakeList('/v2/payments', 'payments', () => [paid, payment(8, NOW, 'open')]);
    const items = await run<Array<{ id: string }>>(paidHooks.performList, {});
    expect(items.map((item) => item.id)).toEqual(['tr_p00007:paid']);
  });
});

describe('instant triggers: signatures in every documented form, and inputs of any shape', () => {
  const paid = payment(7, NOW - 3 * 86_400_000, 'paid');
  const body = event('payment.paid', paid);
  const hex = (text: string, secret = SECRET) => createHmac('sha256', secret).update(text).digest('hex');
  const other = hex(body, 'the-previous-secret');
  const withHeaders = (text: string, headers: unknown) => ({ subscribeData: { id: 'hook_abc123', secret: SECRET }, rawRequest: { method: 'POST', headers, content: text, querystring: '' } });

  it.each([
    ['plain hex', { 'X-Mollie-Signature': hex(body) }],
    ['sha256=-prefixed', { 'X-Mollie-Signature': `sha256=${hex(body)}` }],
    ['with an upper-case prefix and digits', { 'X-Mollie-Signature': `SHA256=${hex(body).toUpperCase()}` }],
    ['several during a secret rotation (the right one last)', { 'X-Mollie-Signature': `sha256=${other},sha256=${hex(body)}` }],
    ['several with spaces, unprefixed', { 'X-Mollie-Signature': `${other}, ${hex(body)}` }],
    ['an array of header values', { 'X-Mollie-Signature': [other, `sha256=${hex(body)}`] }],
    ['a lower-case header name', { 'x-mollie-signature': hex(body) }],
    ['an odd-case Http- header name', { 'HTTP-X-MOLLIE-SIGNATURE': hex(body) }],
  ])('accepts a signature given as %s', async (_what, headers) => {
    expect(await run<unknown[]>(paidHooks.perform, withHeaders(body, headers))).toHaveLength(1);
  });

  const signedBy = (text: string) => ({ 'X-Mollie-Signature': hex(text) });
  it.each([
    ['no headers at all', withHeaders(body, undefined), /unsigned/],
    ['headers that are a string', withHeaders(body, 'X-Mollie-Signature: abc'), /unsigned/],
    ['a header array of non-strings', withHeaders(body, { 'X-Mollie-Signature': [42, null] }), /unsigned/],
    ['an empty signature', withHeaders(body, { 'X-Mollie-Signature': '' }), /unsigned|does not match/],
    ['a bare prefix', withHeaders(body, { 'X-Mollie-Signature': 'sha256=' }), /does not match/],
    ['a short hex signature', withHeaders(body, { 'X-Mollie-Signature': hex(body).slice(2) }), /does not match/],
    ['64 non-hex characters', withHeaders(body, { 'X-Mollie-Signature': 'z'.repeat(64) }), /does not match/],
    ['only commas', withHeaders(body, { 'X-Mollie-Signature': ',,,' }), /does not match/],
    ['a body that is not a string', { ...withHeaders(body, signedBy(body)), rawRequest: { headers: signedBy(body), content: { type: 'payment.paid' } } }, /unsigned/],
    ['no signing secret', { ...withHeaders(body, signedBy(body)), subscribeData: {} }, /no signing secret/],
    ['a signed body that is not JSON', withHeaders('not json{', signedBy('not json{')), /not JSON/],
    ['a signed JSON array', withHeaders('[1,2]', signedBy('[1,2]')), /not a Mollie event/],
    ['a signed JSON null', withHeaders('null', signedBy('null')), /not a Mollie event/],
    ['a signed event without a type', withHeaders('{"entityId":"tr_1"}', signedBy('{"entityId":"tr_1"}')), /not a Mollie event/],
    ['a signed event with neither entity nor entityId', withHeaders('{"type":"payment.paid"}', signedBy('{"type":"payment.paid"}')), /neither an embedded entity nor an entityId/],
  ])('refuses %s with a HaltedError, never a crash', async (_what, bundle, message) => {
    const error = await failure(run(paidHooks.perform, bundle as Record<string, unknown>));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it('returns [] for a signed event of a type this trigger does not handle, even without an entity', async () => {
    const text = '{"type":"payment-link.paid","entityId":"pl_1"}';
    expect(await run(paidHooks.perform, withHeaders(text, signedBy(text)))).toEqual([]);
  });
});

describe('instant triggers: next-gen "simple" payloads (no _embedded.entity)', () => {
  const paid = payment(7, NOW - 3 * 86_400_000, 'paid');
  const simple = (type: string, entityId: string, entityHref?: string) =>
    JSON.stringify({
      resource: 'event',
      id: 'event_simple0001',
      type,
      entityId,
      createdAt: iso(NOW),
      _links: { self: { href: `${MOLLIE}/v2/events/event_simple0001`, type: 'application/hal+json' }, documentation: { href: 'https://docs.mollie.com', type: 'text/html' }, ...(entityHref ? { entity: { href: entityHref, type: 'application/hal+json' } } : {}) },
    });
  const signed = (text: string) => delivery(text, { 'X-Mollie-Signature': signature(text, SECRET) });
  beforeEach(() => fakeList('/v2/profiles', 'profiles', () => [{ id: 'pfl_test1234', createdAt: iso(NOW) }]));

  it('fetches the payment by its entityId (testmode only, as the spec declares) and fires', async () => {
    const scope = nock(MOLLIE).get('/v2/payments/tr_p00007').query({ testmode: 'true' }).reply(200, paid);
    const items = await run<Array<{ id: string }>>(paidHooks.perform, signed(simple('payment.paid', 'tr_p00007')));
    expect(items.map((item) => item.id)).toEqual(['tr_p00007:paid']);
    expect(scope.isDone()).toBe(true);
  });

  it('fetches a refund under its payment, from the event’s entity link', async () => {
    const refund = { resource: 'refund', id: 're_abc', status: 'refunded', amount: { value: '5.00', currency: 'EUR' }, createdAt: iso(NOW), description: '', paymentId: 'tr_p00007' };
    nock(MOLLIE).get('/v2/payments/tr_p00007/refunds/re_abc').query({ testmode: 'true' }).reply(200, refund);
    const text = simple('refund.refunded', 're_abc', `${MOLLIE}/v2/payments/tr_p00007/refunds/re_abc`);
    expect(await run(refundedHooks.perform, signed(text))).toEqual([expect.objectContaining({ id: 're_abc', payment_id: 'tr_p00007' })]);
  });

  it('never drops one silently: an entity that is gone, or of another profile, halts the run by name', async () => {
    nock(MOLLIE).get('/v2/payments/tr_gone0001').query(true).reply(404, { status: 404, title: 'Not Found', detail: 'No payment exists with token tr_gone0001.' });
    const gone = await failure(run(paidHooks.perform, signed(simple('payment.paid', 'tr_gone0001'))));
    expect([gone.name, gone.message]).toEqual(['HaltedError', expect.stringMatching(/tr_gone0001/)]);
    nock(MOLLIE).get('/v2/payments/tr_p00007').query(true).reply(200, { ...paid, profileId: 'pfl_other0001' });
    const foreign = await failure(run(paidHooks.perform, signed(simple('payment.paid', 'tr_p00007'))));
    expect([foreign.name, foreign.message]).toEqual(['HaltedError', expect.stringMatching(/another profile/)]);
    const unlinked = await failure(run(refundedHooks.perform, signed(simple('refund.refunded', 're_abc'))));
    expect([unlinked.name, unlinked.message]).toEqual(['HaltedError', expect.stringMatching(/links to no payment/)]);
  });
});

