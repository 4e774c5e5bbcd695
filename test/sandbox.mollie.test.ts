import { takeViolations } from '../sandbox/contract';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from '../sandbox/http';
import { DAY, SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ seed: 7 });
});
afterEach(() => sb.close());

async function call(method: string, path: string, options: { token?: string | null; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = options.token === undefined ? SANDBOX_API_KEY : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await request(`${sb.urls.mollie}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: res.status, headers: res.headers, body: (res.text ? JSON.parse(res.text) : null) as Body };
}
const get = (path: string, token?: string | null) => call('GET', path, { token });
const path = (href: string) => href.replace(sb.urls.mollie, '');

function expectError(res: { status: number; body: Body }, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(res.body._links.documentation).toEqual({ href: expect.any(String), type: 'text/html' });
  if (field) expect(res.body.field).toBe(field);
}

describe('authentication', () => {
  it('rejects missing and unknown credentials with 401 in Mollie error shape', async () => {
    expectError(await get('/v2/payments', null), 401);
    expectError(await get('/v2/payments', 'test_wrongwrongwrongwrongwrongwrong00'), 401);
    expect((await get('/v2/methods')).status).toBe(200);
  });

  it('keeps token-only and key-only endpoints apart', async () => {
    expectError(await get('/v2/organizations/me'), 403);
    expectError(await call('POST', '/v2/webhooks', { body: { name: 'x', url: 'http://127.0.0.1:1/', eventTypes: ['payment.paid'] } }), 403);
    expectError(await get('/v2/profiles/me', SANDBOX_ACCESS_TOKEN), 403);
    expect((await get('/v2/organizations/me', SANDBOX_ACCESS_TOKEN)).body.id).toMatch(/^org_\d+$/);
    expect((await get('/v2/profiles/me')).body.id).toBe(sb.mollie.profile.id);
  });

  it('needs profileId with an access token and honours testmode', async () => {
    sb.mollie.seed(5);
    expectError(await get('/v2/payments', SANDBOX_ACCESS_TOKEN), 422, 'profileId');
    expectError(await call('POST', '/v2/payment-links', { token: SANDBOX_ACCESS_TOKEN, body: { description: 'x' } }), 422, 'profileId');
    const profileId = sb.mollie.profile.id;
    expect((await get(`/v2/payments?profileId=${profileId}`, SANDBOX_ACCESS_TOKEN)).body.count).toBe(0);
    expect((await get(`/v2/payments?profileId=${profileId}&testmode=true`, SANDBOX_ACCESS_TOKEN)).body.count).toBe(5);
  });
});

describe('payments list', () => {
  it('pages newest first with from/limit and _links.next', async () => {
    sb.mollie.seed(120);
    const ids: string[] = [];
    let next: string | null = '/v2/payments?limit=50';
    let pages = 0;
    while (next) {
      const res = await get(next);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/hal+json');
      ids.push(...res.body._embedded.payments.map((p: Body) => p.id));
      if (pages > 0) expect(res.body._links.previous.href).toContain('limit=50');
      next = res.body._links.next && path(res.body._links.next.href);
      if (next) expect(next).toMatch(/^\/v2\/payments\?from=tr_[A-Za-z0-9]{10}&limit=50$/);
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(120);
    const created = ids.map((id) => sb.mollie.payments.get(id)!.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect((await get('/v2/payments')).body.count).toBe(50);
    expect(sb.mollie.requestLog.filter((r) => r.path === '/v2/payments')).toHaveLength(4);
  });

  it('rejects bad limits and cursors', async () => {
    expectError(await get('/v2/payments?limit=251'), 400, 'limit');
    expectError(await get('/v2/payments?limit=0'), 400, 'limit');
    expectError(await get('/v2/payments?from=tr_doesnotexist'), 400, 'from');
    // Out-of-range limits break the spec on purpose; the cursor that points nowhere does not.
    expect(takeViolations().map((v) => v.message)).toEqual([expect.stringMatching(/^\/query\/limit must be <= 250/), expect.stringMatching(/^\/query\/limit must be >= 1/)]);
  });

  it('answers 404 for unknown ids and routes', async () => {
    const res = await get('/v2/payments/tr_unknown123');
    expectError(res, 404);
    expect(res.body.detail).toContain('tr_unknown123');
    expectError(await get('/v2/nothing'), 404);
    expect(takeViolations().map((v) => `${v.path}: ${v.message}`)).toEqual(['/v2/nothing: the spec has no such path']);
  });

  it('is reproducible for a given seed', async () => {
    const other = await startSandbox({ seed: 7 });
    try {
      expect(other.mollie.seed(10).map((p) => p.id)).toEqual(sb.mollie.seed(10).map((p) => p.id));
    } finally {
      await other.close();
    }
  });
});

describe('virtual time', () => {
  it('applies scheduled status changes when the clock advances', async () => {
    const start = sb.clock.now();
    const p = sb.mollie.createPayment({ method: 'banktransfer', amount: { value: '99.95', currency: 'EUR' } });
    sb.mollie.schedulePaymentStatus(p.id, 'paid', new Date(start.getTime() + 3 * DAY));
    expect((await get(`/v2/payments/${p.id}`)).body.status).toBe('open');
    sb.clock.advance(2 * DAY);
    expect((await get(`/v2/payments/${p.id}`)).body.status).toBe('open');
    sb.clock.advance(5 * DAY);
    const paid = (await get(`/v2/payments/${p.id}`)).body;
    expect(paid).toMatchObject({ status: 'paid', paidAt: '2026-11-04T09:00:00+00:00', createdAt: '2026-11-01T09:00:00+00:00' });
    expect(paid.amountRemaining).toEqual({ value: '99.95', currency: 'EUR' });
    expect(() => sb.mollie.setPaymentStatus(p.id, 'failed')).toThrow(/already paid/);
  });

  it('lets seeded slow payments settle during a 60 day simulation', () => {
    sb.mollie.seed(200);
    const before = sb.mollie.scheduledCount();
    expect(before).toBeGreaterThan(0);
    for (let day = 0; day < 60; day++) sb.clock.advance(DAY);
    expect(sb.mollie.scheduledCount()).toBe(0);
  });

  it('moves payments to failed, canceled and expired with timestamps', async () => {
    for (const status of ['failed', 'canceled', 'expired'] as const) {
      const p = sb.mollie.createPayment();
      sb.mollie.setPaymentStatus(p.id, status);
      const body = (await get(`/v2/payments/${p.id}`)).body;
      expect(body.status).toBe(status);
      expect(body[`${status}At`]).toBe('2026-11-01T09:00:00+00:00');
    }
  });
});

describe('refunds and chargebacks', () => {
  it('tracks partial refunds in minor units, including JPY', async () => {
    const eur = sb.mollie.createPayment({ amount: { value: '10.00', currency: 'EUR' } });
    sb.mollie.setPaymentStatus(eur.id, 'paid');
    sb.clock.advance(DAY);
    const first = sb.mollie.createRefund(eur.id, { amount: '4.10', description: 'partial' });
    sb.clock.advance(DAY);
    const yen = sb.mollie.createPayment({ amount: { value: '1500', currency: 'JPY' }, method: 'creditcard' });
    sb.mollie.setPaymentStatus(yen.id, 'paid');
    const second = sb.mollie.createRefund(yen.id, { amount: '500' });
    expect(() => sb.mollie.createRefund(eur.id, { amount: '6.00' })).toThrow();

    const payment = (await get(`/v2/payments/${eur.id}`)).body;
    expect(payment.amountRefunded).toEqual({ value: '4.10', currency: 'EUR' });
    expect(payment.amountRemaining).toEqual({ value: '5.90', currency: 'EUR' });
    expect((await get(`/v2/payments/${yen.id}`)).body.amountRemaining).toEqual({ value: '1000', currency: 'JPY' });

    const list = (await get('/v2/refunds')).body;
    expect(list._embedded.refunds.map((r: Body) => r.id)).toEqual([second.id, first.id]);
    expect(list._embedded.refunds[1]).toMatchObject({ paymentId: eur.id, status: 'refunded', amount: { value: '4.10', currency: 'EUR' } });
    expect((await get(`/v2/payments/${eur.id}/refunds`)).body._embedded.refunds.map((r: Body) => r.id)).toEqual([first.id]);

    sb.mollie.setRefundStatus(first.id, 'failed');
    expect((await get(`/v2/payments/${eur.id}`)).body.amountRefunded.value).toBe('0.00');
  });

  it('lists chargebacks newest first and reflects amountChargedBack', async () => {
    const a = sb.mollie.createPayment();
    const b = sb.mollie.createPayment({ amount: { value: '20.00', currency: 'EUR' } });
    sb.mollie.setPaymentStatus(a.id, 'paid');
    sb.mollie.setPaymentStatus(b.id, 'paid');
    const c1 = sb.mollie.createChargeback(a.id);
    sb.clock.advance(1000);
    const c2 = sb.mollie.createChargeback(b.id, { amount: '5.00' });
    const list = (await get('/v2/chargebacks')).body;
    expect(list._embedded.chargebacks.map((c: Body) => c.id)).toEqual([c2.id, c1.id]);
    expect(list._embedded.chargebacks[0]).toMatchObject({ paymentId: b.id, reversedAt: null, reason: { code: 'AC01' } });
    expect((await get(`/v2/payments/${b.id}`)).body.amountChargedBack).toEqual({ value: '5.00', currency: 'EUR' });
  });
});

describe('payment links', () => {
  it('creates, pays and archives a link; the payment does not point back to it', async () => {
    const created = await call('POST', '/v2/payment-links', {
      body: { description: 'Invoice INV-2026-00042', amount: { value: '25.00', currency: 'EUR' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ resource: 'payment-link', id: expect.stringMatching(/^pl_/), paidAt: null, archived: false });
    const id: string = created.body.id;

    const payment = sb.mollie.payPaymentLink(id, { method: 'paypal' });
    const paid = (await get(`/v2/payments/${payment.id}`)).body;
    expect(paid).toMatchObject({ status: 'paid', description: 'Invoice INV-2026-00042', amount: { value: '25.00', currency: 'EUR' } });
    expect(JSON.stringify(paid)).not.toContain(id);
    expect((await get(`/v2/payment-links/${id}`)).body.paidAt).toBe('2026-11-01T09:00:00+00:00');
    expect((await get(`/v2/payment-links/${id}/payments`)).body._embedded.payments.map((p: Body) => p.id)).toEqual([payment.id]);
    expect((await get('/v2/payment-links')).body._embedded.payment_links).toHaveLength(1);

    const archived = await call('PATCH', `/v2/payment-links/${id}`, { body: { archived: true } });
    expect(archived.body.archived).toBe(true);
    expect(() => sb.mollie.payPaymentLink(id)).toThrow(/archived/);
  });

  it('validates input with 422 and a field', async () => {
    expectError(await call('POST', '/v2/payment-links', { body: { amount: { value: '1.00', currency: 'EUR' } } }), 422, 'description');
    expectError(await call('POST', '/v2/payment-links', { body: { description: 'x', amount: { value: '1', currency: 'EUR' } } }), 422, 'amount');
    expectError(await call('PATCH', '/v2/payment-links/pl_missing0000', { body: { archived: true } }), 404);
    // The missing description breaks the spec on purpose; the amount '1' only breaks Mollie's own rule.
    expect(takeViolations().map((v) => v.message)).toEqual([expect.stringMatching(/^\/requestBody must have required property 'description'/)]);
  });
});

describe('next-gen webhooks', () => {
  let receiver: Server;
  let received: Array<{ body: string; signature: string | undefined }>;
  let receiverUrl: string;

  beforeEach(async () => {
    received = [];
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ body, signature: req.headers['x-mollie-signature'] as string | undefined });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/mollie`;
  });
  afterEach(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('delivers signed events for subscribed types only', async () => {
    const created = await call('POST', '/v2/webhooks', {
      token: SANDBOX_ACCESS_TOKEN,
      body: { name: 'crm sync', url: receiverUrl, eventTypes: ['payment.paid', 'payment-link.paid'], testmode: true },
    });
    expect(created.status).toBe(201);
    const secret: string = created.body.webhookSecret;
    expect(secret).toEqual(expect.any(String));
    const fetched = await get(`/v2/webhooks/${created.body.id}`, SANDBOX_ACCESS_TOKEN);
    expect(fetched.body.id).toMatch(/^hook_/);
    expect(fetched.body.webhookSecret).toBeUndefined();

    const failed = sb.mollie.createPayment();
    sb.mollie.setPaymentStatus(failed.id, 'failed');
    expect(sb.mollie.pendingDeliveries()).toHaveLength(0);

    const p = sb.mollie.createPayment();
    sb.clock.advance(60_000);
    sb.mollie.setPaymentStatus(p.id, 'paid');
    expect(sb.mollie.pendingDeliveries()).toHaveLength(1);
    expect(received).toHaveLength(0);

    const results = await sb.mollie.deliverWebhooks();
    expect(results.map((r) => r.status)).toEqual([200]);
    expect(sb.mollie.pendingDeliveries()).toHaveLength(0);
    expect(received).toHaveLength(1);
    const { body, signature } = received[0];
    expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    const event = JSON.parse(body) as Body;
    expect(event).toMatchObject({ resource: 'event', type: 'payment.paid', entityId: p.id, createdAt: '2026-11-01T09:01:00+00:00' });
    expect(event._embedded.entity).toMatchObject({ id: p.id, status: 'paid' });

    expect((await call('DELETE', `/v2/webhooks/${created.body.id}`, { token: SANDBOX_ACCESS_TOKEN })).status).toBe(204);
    expectError(await get(`/v2/webhooks/${created.body.id}`, SANDBOX_ACCESS_TOKEN), 404);
  });

  it('keeps failed deliveries pending', async () => {
    sb.mollie.createWebhook({ name: 'down', url: 'http://127.0.0.1:9/unreachable', eventTypes: ['*'] });
    sb.mollie.setPaymentStatus(sb.mollie.createPayment().id, 'paid');
    const [result] = await sb.mollie.deliverWebhooks();
    expect(result.error).toBeDefined();
    expect(sb.mollie.pendingDeliveries()[0].attempts).toBe(1);
  });
});

describe('fault hook', () => {
  it('answers an injected fault before routing', async () => {
    sb.servers.mollie.faults = (req) =>
      req.path === '/v2/payments' ? { status: 429, headers: { 'Retry-After': '2' }, body: { status: 429, title: 'Too Many Requests', detail: 'slow down' } } : undefined;
    const res = await get('/v2/payments');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('2');
    expect((await get('/v2/methods')).status).toBe(200);
  });
});
