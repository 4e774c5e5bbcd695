/**
 * The instant triggers on real deliveries: the sandbox's Mollie sends signed next-gen webhook events
 * to a loopback receiver (standing in for Zapier's target URL), and each captured body and header set
 * is handed to the trigger's perform as Zapier does (bundle.rawRequest + bundle.cleanedRequest).
 *
 * - replayed or redelivered: the same event yields the same item id, so Zapier's dedupe fires it once;
 * - reordered: each event yields its own item from its own snapshot, whatever order they arrive in;
 * - unsigned or mis-signed: refused with a HaltedError (the run stops, the Zap stays on);
 * - foreign (another event type, profile, method or mode), correctly signed: returns [], nothing fires.
 * No delivery makes the trigger send a request.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { DAY, SANDBOX_ACCESS_TOKEN, signature, startSandbox, type Sandbox } from '../sandbox';
import { failure } from './helpers/connection';
import { fixtures } from './helpers/crmFixtures';
import { appHooks } from './helpers/app';

const failedHooks = appHooks('payment_failed_instant');
const paidHooks = appHooks('payment_paid_instant');
const refundedHooks = appHooks('payment_refunded_instant');

interface Received {
  path: string;
  body: string;
  headers: IncomingHttpHeaders;
}
type Item = { id: string; [key: string]: unknown };
type Trigger = 'paid' | 'failed' | 'refunded';
interface SubscribeData {
  id: string;
  secret: string;
}
/** What a case changes in the request Zapier hands to perform. */
interface Change {
  content?: string;
  headers?: Record<string, string>;
  inputData?: Record<string, unknown>;
  subscribeData?: Partial<SubscribeData>;
  authData?: Record<string, string>;
}

const HOOKS = { paid: paidHooks, failed: failedHooks, refunded: refundedHooks };
const INPUTS: Record<Trigger, Record<string, unknown>> = { paid: {}, failed: { include_canceled_expired: true }, refunded: {} };

const appTester = createAppTester(App);
let sb: Sandbox;
let receiver: Server;
let base: string;
let auth: Record<string, string>;
const subscriptions = {} as Record<Trigger, SubscribeData>;
const received: Received[] = [];
/** Statuses the receiver answers next (then 200), e.g. a 500 to make Mollie deliver again. */
const answers: number[] = [];

const requestsSent = () => Object.values(sb.servers).reduce((sum, server) => sum + server.requestLog.length, 0);

/** Sends what the sandbox's Mollie has queued and returns what reached the receiver. */
const deliver = async (): Promise<Received[]> => {
  const from = received.length;
  await sb.mollie.deliverWebhooks();
  return received.slice(from);
};
const to = (trigger: Trigger, deliveries: Received[]) => deliveries.filter((delivery) => delivery.path === `/${trigger}`);
const typeOf = (delivery: Received) => (JSON.parse(delivery.body) as { type: string }).type;

/** Headers as Zapier passes them in rawRequest: `Http-X-Mollie-Signature`. */
const zapierHeaders = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [`Http-${name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())}`, String(value)]),
  );
const SIGNATURE = 'Http-X-Mollie-Signature';
const parsed = (content?: string) => {
  try {
    return content === undefined ? {} : (JSON.parse(content) as unknown);
  } catch {
    return {};
  }
};

/** Runs the trigger's perform on a delivery as Zapier would, and checks it sent no request. */
const fire = async (trigger: Trigger, delivery: Received, change: Change = {}): Promise<Item[]> => {
  const before = requestsSent();
  const content = 'content' in change ? change.content : delivery.body;
  const run = appTester(HOOKS[trigger].perform as never, {
    authData: change.authData ?? auth,
    inputData: change.inputData ?? INPUTS[trigger],
    subscribeData: change.subscribeData ?? subscriptions[trigger],
    rawRequest: { method: 'POST', querystring: '', headers: change.headers ?? zapierHeaders(delivery.headers), content },
    cleanedRequest: parsed(content),
  } as never) as Promise<Item[]>;
  try {
    return await run;
  } finally {
    expect(requestsSent()).toBe(before);
  }
};

const subscribe = (trigger: Trigger) =>
  appTester(HOOKS[trigger].performSubscribe as never, { authData: auth, inputData: INPUTS[trigger], targetUrl: `${base}/${trigger}` } as never) as Promise<SubscribeData>;

const paidPayment = (fields: Parameters<Sandbox['mollie']['createPayment']>[0] = {}) => {
  const payment = sb.mollie.createPayment({ method: 'ideal', amount: { value: '50.00', currency: 'EUR' }, ...fields });
  sb.mollie.setPaymentStatus(payment.id, 'paid');
  return payment;
};

beforeAll(async () => {
  sb = await startSandbox({ seed: 4 });
  Object.assign(process.env, sb.env());
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  auth = { ...fixtures(sb).hubspot.authData, mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'test' };
  for (const trigger of ['paid', 'failed', 'refunded'] as const) subscriptions[trigger] = await subscribe(trigger);
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await sb.close();
});

describe('instant triggers on real signed deliveries', () => {
  it('subscribed one Mollie webhook per trigger, for its own event types, each with its own secret', () => {
    const hooks = Object.values(subscriptions).map(({ id }) => sb.mollie.webhooks.get(id));
    expect(hooks.map((hook) => [hook?.url, hook?.eventTypes, hook?.mode])).toEqual([
      [`${base}/paid`, ['payment.paid'], 'test'],
      [`${base}/failed`, ['payment.failed', 'payment.canceled', 'payment.expired'], 'test'],
      [`${base}/refunded`, ['refund.refunded'], 'test'],
    ]);
    expect(new Set(Object.values(subscriptions).map(({ secret }) => secret)).size).toBe(3);
  });

  it('fires one item from a signed event’s snapshot, with no request', async () => {
    const payment = paidPayment({ billingAddress: { email: 'anna@example.com' } });
    const [delivery] = to('paid', await deliver());
    expect(delivery.headers['x-mollie-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await fire('paid', delivery)).toEqual([
      expect.objectContaining({ id: `${payment.id}:paid`, payment_id: payment.id, status: 'paid', customer_email: 'anna@example.com' }),
    ]);
  });
});

describe('replayed and redelivered events are deduplicated (same item id)', () => {
  it('a delivery Mollie repeats after an error, and the same delivery replayed a day later, yield the identical item', async () => {
    const payment = paidPayment();
    answers.push(500);
    const first = to('paid', await deliver());
    const again = to('paid', await deliver());
    expect([first.length, again.length]).toEqual([1, 1]);
    expect(again[0].body).toBe(first[0].body);
    sb.clock.advance(DAY);
    const items = [...(await fire('paid', first[0])), ...(await fire('paid', again[0])), ...(await fire('paid', first[0]))];
    expect(items.map((item) => item.id)).toEqual([`${payment.id}:paid`, `${payment.id}:paid`, `${payment.id}:paid`]);
    expect(items[1]).toEqual(items[0]);
    expect(items[2]).toEqual(items[0]);
  });
});

describe('reordered events each yield their own item', () => {
  it('in any order, the same items; an old payment.paid arriving after the payment’s refunds still yields the paid item', async () => {
    const a = paidPayment();
    const b = paidPayment();
    const partial = sb.mollie.createRefund(a.id, { amount: '20.00' });
    const rest = sb.mollie.createRefund(a.id);
    const deliveries = await deliver();
    const paid = to('paid', deliveries);
    const refunds = to('refunded', deliveries);
    expect([paid.length, refunds.length]).toEqual([2, 2]);

    const run = async (order: Array<[Trigger, Received]>) => (await Promise.all(order.map(([trigger, d]) => fire(trigger, d)))).flat();
    const inOrder = await run([['paid', paid[0]], ['paid', paid[1]], ['refunded', refunds[0]], ['refunded', refunds[1]]]);
    const reversed = await run([['refunded', refunds[1]], ['refunded', refunds[0]], ['paid', paid[1]], ['paid', paid[0]]]);

    expect(inOrder.map((item) => item.id)).toEqual([`${a.id}:paid`, `${b.id}:paid`, partial.id, rest.id]);
    expect(reversed).toEqual([...inOrder].reverse());
    expect(reversed[3]).toMatchObject({ id: `${a.id}:paid`, status: 'paid', amount_value: '50.00', amount_refunded_value: '0.00' });
    expect(inOrder.slice(2)).toEqual([
      expect.objectContaining({ id: partial.id, payment_id: a.id, refund_amount_value: '20.00' }),
      expect.objectContaining({ id: rest.id, payment_id: a.id, refund_amount_value: '30.00' }),
    ]);
  });
});

describe('unsigned and mis-signed deliveries are refused (HaltedError), fire nothing and send nothing', () => {
  let paid: Received;
  let refund: Received;
  beforeAll(async () => {
    const payment = paidPayment();
    sb.mollie.createRefund(payment.id, { amount: '5.00' });
    const deliveries = await deliver();
    [paid] = to('paid', deliveries);
    [refund] = to('refunded', deliveries);
  });
  const withSignature = (value: string | undefined) => {
    const headers = zapierHeaders(paid.headers);
    if (value === undefined) delete headers[SIGNATURE];
    else headers[SIGNATURE] = value;
    return headers;
  };
  const signed = () => String(paid.headers['x-mollie-signature']);
  /** A new subscription's data (new secret); its webhook is removed again so later deliveries stay single. */
  const resubscribed = async () => {
    const fresh = await subscribe('paid');
    sb.mollie.webhooks.delete(fresh.id);
    return fresh;
  };

  const CASES: Array<[string, () => Change | Promise<Change>, RegExp]> = [
    ['unsigned (no X-Mollie-Signature)', () => ({ headers: withSignature(undefined) }), /unsigned/],
    ['an empty signature', () => ({ headers: withSignature('') }), /unsigned/],
    ['only the parsed body (no raw body to check)', () => ({ content: undefined }), /unsigned/],
    ['another webhook’s real delivery, signed with that webhook’s secret', () => ({ content: refund.body, headers: zapierHeaders(refund.headers) }), /does not match/],
    ['the body changed after signing', () => ({ content: paid.body.replace('"50.00"', '"0.01"') }), /does not match/],
    ['the same JSON re-serialized (other bytes)', () => ({ content: JSON.stringify(JSON.parse(paid.body), null, 1) }), /does not match/],
    ['signed with HMAC-SHA1', () => ({ headers: withSignature(`sha1=${createHmac('sha1', subscriptions.paid.secret).update(paid.body).digest('hex')}`) }), /does not match/],
    ['a truncated signature', () => ({ headers: withSignature(signed().slice(0, -2)) }), /does not match/],
    ['a delivery for the previous subscription, after the Zap resubscribed', async () => ({ subscribeData: await resubscribed() }), /does not match/],
    ['no signing secret kept with the subscription', () => ({ subscribeData: { id: subscriptions.paid.id } }), /no signing secret/],
  ];

  it.each(CASES)('%s', async (_case, makeChange, message) => {
    const change = await makeChange();
    if (change.content !== undefined) expect(change.content).not.toBe(paid.body);
    const error = await failure(fire('paid', paid, change));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it('the untouched delivery does fire (the cases above differ from it only as named)', async () => {
    expect(await fire('paid', paid)).toHaveLength(1);
  });

  it('the bare hex digest (no sha256=), as Mollie’s SDKs accept it, fires too', async () => {
    expect(await fire('paid', paid, { headers: withSignature(signed().slice('sha256='.length)) })).toHaveLength(1);
  });
});

describe('foreign events, correctly signed, return [] (nothing fires)', () => {
  it('another event type: the webhook edited in Mollie to send every event', async () => {
    const hook = sb.mollie.webhooks.get(subscriptions.paid.id)!;
    hook.eventTypes = ['*'];
    try {
      const other = sb.mollie.createPayment({ method: 'banktransfer' });
      sb.mollie.setPaymentStatus(other.id, 'failed');
      const payment = paidPayment();
      sb.mollie.createRefund(payment.id, { amount: '1.00' });
      sb.mollie.createChargeback(payment.id, { amount: '49.00' });
      const deliveries = to('paid', await deliver());
      const foreign = deliveries.filter((delivery) => typeOf(delivery) !== 'payment.paid');
      expect(foreign.map(typeOf).sort()).toEqual(['chargeback.received', 'payment.failed', 'refund.refunded']);
      for (const delivery of foreign) expect(await fire('paid', delivery)).toEqual([]);
      const own = deliveries.find((delivery) => typeOf(delivery) === 'payment.paid')!;
      expect(await fire('paid', own)).toEqual([expect.objectContaining({ id: `${payment.id}:paid` })]);
      // The failed trigger ignores a signed payment.paid the same way.
      const paidToFailed = { ...own, headers: { ...own.headers, 'x-mollie-signature': signature(own.body, subscriptions.failed.secret) } };
      expect(await fire('failed', paidToFailed)).toEqual([]);
    } finally {
      hook.eventTypes = ['payment.paid'];
    }
  });

  it.each([
    ['another website profile', { inputData: { profile_id: 'pfl_Other00001' } }, () => ({ inputData: { profile_id: sb.mollie.profile.id } })],
    ['another payment method', { inputData: { method: 'creditcard' } }, () => ({ inputData: { method: 'ideal' } })],
  ])('%s (and the same delivery fires for the one it was made with)', async (_case, foreign, own) => {
    paidPayment({ method: 'ideal' });
    const [delivery] = to('paid', await deliver());
    expect(await fire('paid', delivery, foreign)).toEqual([]);
    expect(await fire('paid', delivery, own())).toHaveLength(1);
  });

  it('another mode: a live payment’s event, signed with this test-mode webhook’s secret (and a live connection takes it)', async () => {
    sb.mollie.createWebhook({ name: 'live hook', url: `${base}/live`, eventTypes: ['payment.paid'], mode: 'live' });
    const payment = paidPayment({ mode: 'live' });
    const [live] = (await deliver()).filter((delivery) => delivery.path === '/live');
    expect(JSON.parse(live.body)).toMatchObject({ type: 'payment.paid', _embedded: { entity: { id: payment.id, mode: 'live' } } });
    const resigned = { ...live, headers: { ...live.headers, 'x-mollie-signature': signature(live.body, subscriptions.paid.secret) } };
    expect(await fire('paid', resigned)).toEqual([]);
    expect(await fire('paid', resigned, { authData: { ...auth, mollieMode: 'live' } })).toEqual([expect.objectContaining({ id: `${payment.id}:paid` })]);
  });

});

describe('next-gen "simple" payloads (no _embedded.entity): fetched from Mollie, never dropped', () => {
  const simple = (entityId: string) => {
    const body = JSON.stringify({ resource: 'event', id: 'event_simple01', type: 'payment.paid', entityId, createdAt: '2026-11-02T09:00:00+00:00', _links: {} });
    return { path: '/paid', body, headers: { 'content-type': 'application/json', 'x-mollie-signature': signature(body, subscriptions.paid.secret) } };
  };
  const perform = (delivery: Received) =>
    appTester(HOOKS.paid.perform as never, {
      authData: auth,
      inputData: INPUTS.paid,
      subscribeData: subscriptions.paid,
      rawRequest: { method: 'POST', querystring: '', headers: zapierHeaders(delivery.headers), content: delivery.body },
      cleanedRequest: parsed(delivery.body),
    } as never) as Promise<Item[]>;

  it('fires with the payment read by its entityId', async () => {
    const payment = paidPayment();
    expect(await perform(simple(payment.id))).toEqual([expect.objectContaining({ id: `${payment.id}:paid`, payment_id: payment.id })]);
  });

  it('halts, naming the entity, when Mollie no longer has it', async () => {
    const error = await failure(perform(simple('tr_WDqYK6vllg')));
    expect([error.name, error.message]).toEqual(['HaltedError', expect.stringMatching(/tr_WDqYK6vllg/)]);
  });
});

describe('unsubscribing', () => {
  it('deletes the webhook: Mollie sends the trigger nothing more', async () => {
    const data = await subscribe('refunded');
    await appTester(refundedHooks.performUnsubscribe as never, { authData: auth, subscribeData: data } as never);
    expect(sb.mollie.webhooks.has(data.id)).toBe(false);
    const payment = paidPayment();
    sb.mollie.createRefund(payment.id);
    expect(sb.mollie.pendingDeliveries().filter((delivery) => delivery.webhookId === data.id)).toEqual([]);
  });
});
