import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadSpec, validateRef, type OpenApiSpec } from '../sandbox/contract/openapi';
import { ContractValidator } from '../sandbox/contract/validator';
import { takeViolations } from '../sandbox/contract';
import { request } from '../sandbox/http';
import { SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SPEC = path.resolve(__dirname, '../../shared/specs/mollie/specs.yaml');
const present = existsSync(SPEC);
if (!present) console.warn(`Mollie contract test skipped: the spec folder is absent (${SPEC} not found).`);

(present ? describe : describe.skip)('Mollie sandbox vs the official OpenAPI spec', () => {
  let spec: OpenApiSpec;
  let sb: Sandbox;
  let profileId: string;

  beforeAll(async () => {
    spec = loadSpec(SPEC);
    sb = await startSandbox({ seed: 3 });
    sb.mollie.seed(300);
    profileId = sb.mollie.profile.id;
  });
  afterAll(() => sb.close());

  async function call(method: string, url: string, options: { token?: string; body?: unknown } = {}) {
    const res = await request(`${sb.urls.mollie}${url}`, {
      method,
      headers: { Authorization: `Bearer ${options.token ?? SANDBOX_API_KEY}`, 'Content-Type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: res.status, body: (res.text ? JSON.parse(res.text) : null) as Body };
  }

  /**
   * Calls the sandbox and expects the status as-is; the sandbox's validator has checked both directions
   * of the exchange (path, query, headers, bodies, status, media type) against the spec.
   */
  async function conforms(method: string, url: string, expected: number, options?: { token?: string; body?: unknown }) {
    const res = await call(method, url, options);
    expect(res.status).toBe(expected);
    expect(takeViolations()).toEqual([]);
    return res.body;
  }

  it('the validator rejects bodies that break the schema', () => {
    const validator = ContractValidator.load('mollie');
    const answer = (status: number, body: unknown) => ({
      method: 'GET',
      path: '/v2/payments/tr_1',
      query: new URLSearchParams(),
      headers: {},
      rawBody: '',
      response: { status, headers: { 'content-type': 'application/hal+json' }, body: JSON.stringify(body) },
    });
    const p = sb.mollie.createPayment();
    expect(validator.check(answer(200, sb.mollie.view(p)))).toEqual([]);
    expect(validator.check(answer(200, { ...sb.mollie.view(p), id: 'nope', amount: { value: 10 } }))).not.toEqual([]);
    expect(validator.check(answer(404, { status: 404 }))).not.toEqual([]);
  });

  it('lists payments (every page) and gets each payment', async () => {
    let url: string | null = '/v2/payments?limit=250';
    const ids: string[] = [];
    while (url) {
      const body: Body = await conforms('GET', url, 200);
      ids.push(...body._embedded.payments.map((p: Body) => p.id));
      url = body._links.next ? body._links.next.href.replace(sb.urls.mollie, '') : null;
    }
    expect(ids.length).toBeGreaterThanOrEqual(300);
    const statuses = new Set<string>();
    for (const id of ids.slice(0, 80)) statuses.add((await conforms('GET', `/v2/payments/${id}`, 200)).status);
    expect(statuses.size).toBeGreaterThanOrEqual(4);
  });

  it('lists refunds and chargebacks', async () => {
    const refunds = await conforms('GET', '/v2/refunds', 200);
    expect(refunds.count).toBeGreaterThan(0);
    const paymentId = refunds._embedded.refunds[0].paymentId;
    await conforms('GET', `/v2/payments/${paymentId}/refunds`, 200);
    const paid = [...sb.mollie.payments.values()].find((p) => p.status === 'paid' && p.chargedBackMinor === 0)!;
    sb.mollie.createChargeback(paid.id);
    const chargebacks = await conforms('GET', '/v2/chargebacks', 200);
    expect(chargebacks.count).toBeGreaterThan(0);
    await conforms('GET', `/v2/payments/${paid.id}`, 200);
  });

  it('creates, gets, lists, archives payment links and lists their payments', async () => {
    const fixed = await conforms('POST', '/v2/payment-links', 201, {
      body: { description: 'Invoice INV-1', amount: { value: '12.50', currency: 'EUR' }, expiresAt: '2026-12-01T00:00:00+00:00' },
    });
    await conforms('POST', '/v2/payment-links', 201, {
      body: { description: 'Open amount', minimumAmount: { value: '500', currency: 'JPY' }, reusable: true },
    });
    sb.mollie.payPaymentLink(fixed.id);
    await conforms('GET', `/v2/payment-links/${fixed.id}`, 200);
    await conforms('GET', '/v2/payment-links', 200);
    await conforms('PATCH', `/v2/payment-links/${fixed.id}`, 200, { body: { archived: true } });
    await conforms('GET', `/v2/payment-links/${fixed.id}/payments`, 200);
  });

  it('gets customers, profiles, the organization and methods', async () => {
    const customer = [...sb.mollie.customers.values()][0];
    await conforms('GET', `/v2/customers/${customer.id}`, 200);
    await conforms('GET', '/v2/profiles/me', 200);
    await conforms('GET', '/v2/profiles', 200, { token: SANDBOX_ACCESS_TOKEN });
    await conforms('GET', '/v2/organizations/me', 200, { token: SANDBOX_ACCESS_TOKEN });
    await conforms('GET', '/v2/methods', 200);
    await conforms('GET', `/v2/methods?profileId=${profileId}&testmode=true`, 200, { token: SANDBOX_ACCESS_TOKEN });
  });

  it('creates and gets webhooks, and event bodies match the webhook event schema', async () => {
    const received: string[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => received.push(body) && res.writeHead(202).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
      const hook = await conforms('POST', '/v2/webhooks', 201, {
        token: SANDBOX_ACCESS_TOKEN,
        body: { name: 'all', url, eventTypes: '*', testmode: true },
      });
      await conforms('GET', `/v2/webhooks/${hook.id}`, 200, { token: SANDBOX_ACCESS_TOKEN });

      const p = sb.mollie.createPayment({ amount: { value: '30.00', currency: 'EUR' } });
      sb.mollie.setPaymentStatus(p.id, 'paid');
      sb.mollie.createRefund(p.id, { amount: '10.00' });
      sb.mollie.createChargeback(p.id, { amount: '5.00' });
      const link = sb.mollie.createPaymentLink({ description: 'Invoice INV-9', amount: { value: '9.00', currency: 'EUR' } });
      sb.mollie.payPaymentLink(link.id);
      await sb.mollie.deliverWebhooks();
      const types = received.map((b) => (JSON.parse(b) as Body).type);
      expect(types).toEqual(['payment.paid', 'refund.refunded', 'chargeback.received', 'payment.paid', 'payment-link.paid']);
      for (const body of received) {
        const event = JSON.parse(body) as Body;
        expect(validateRef(spec, '#/components/schemas/entity-webhook-event', event)).toEqual([]);
        const entitySchema: Record<string, string> = {
          payment: 'payment-response',
          refund: 'entity-refund-response',
          chargeback: 'entity-chargeback',
          'payment-link': 'payment-link-response',
        };
        const schema = entitySchema[String(event.type).split('.')[0]];
        expect(validateRef(spec, `#/components/schemas/${schema}`, event._embedded.entity)).toEqual([]);
      }
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('error bodies match the documented error responses', async () => {
    const statuses = [
      await call('GET', '/v2/payments/tr_missing0000'),
      await call('GET', '/v2/payments?from=tr_missing0000'),
      await call('GET', '/v2/payments?limit=500'),
      await call('POST', '/v2/payment-links', { body: { description: '' } }),
      await call('POST', '/v2/webhooks', { token: SANDBOX_ACCESS_TOKEN, body: { name: 'x' } }),
      await call('GET', '/v2/customers/cst_missing000'),
    ].map((res) => res.status);
    expect(statuses).toEqual([404, 400, 400, 422, 422, 404]);
    // These requests break the spec on purpose: the sandbox's validator (both directions, every exchange) says so, and only so.
    expect(takeViolations().map((v) => `${v.direction} ${v.operation}: ${v.message}`)).toEqual([
      expect.stringMatching(/^request GET \/v2\/payments: \/query\/limit must be <= 250/),
      expect.stringMatching(/^request POST \/v2\/webhooks: \/requestBody must have required property 'url'/),
      expect.stringMatching(/^request POST \/v2\/webhooks: \/requestBody must have required property 'eventTypes'/),
    ]);
  });
});
