/**
 * The trigger benchmark's end-to-end half: a simulated Mollie account over
 * virtual time, polled every 15 minutes by the app's real trigger code
 * (createAppTester, real HTTP to the loopback sandbox, real z.cache
 * semantics, http/deadline's clock on the sandbox's virtual time plus
 * msPerRequest per request). Zapier's dedupe is one seen-set of item ids per
 * Zap, whose first poll only fills the set. The pollers side by side, on
 * more workloads, are bench/pollerTable.ts (no HTTP, so it runs in seconds).
 */
import '../sandbox/localHarness';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import { useClock, withDeadline } from '../http/deadline';
import App from '../index';
import { DAY, HOUR, MINUTE, Random, SANDBOX_API_KEY, SANDBOX_HUBSPOT_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { perform as chargebackPerform } from '../triggers/chargebackReceived';
import { perform as failedPerform } from '../triggers/paymentFailed';
import { perform as paidPerform } from '../triggers/paymentPaid';
import { perform as refundedPerform } from '../triggers/paymentRefunded';
import { outcome, pickMethod } from './workloads';
import { evaluate, type PollerResult, type TriggerEvent, type TriggerName, ZapRecord } from './triggerStats';

export type { PollerResult, TriggerName } from './triggerStats';

export interface SimulationOptions {
  /** Days of payments before the Zaps are turned on (fills the lookback window). */
  historyDays: number;
  /** Days the Zaps run; events in this period are counted. */
  days: number;
  /** Payments created per day. */
  paymentsPerDay: number;
  pollMinutes?: number;
  /** Extra polling after the period, so changes found by the sweep are delivered (events in it are not counted). */
  drainHours?: number;
  seed?: number;
  /** Modelled latency per request. */
  msPerRequest?: number;
  /** Which triggers to run (default: all four). */
  triggers?: TriggerName[];
  onProgress?: (day: number) => void;
}

export const TRIGGERS: TriggerName[] = ['payment_paid', 'payment_failed', 'payment_refunded', 'chargeback_received'];

export interface SimulationResult {
  options: Required<Omit<SimulationOptions, 'onProgress'>>;
  payments: number;
  paymentsInPeriod: number;
  results: PollerResult[];
  realSeconds: number;
  /** CPU seconds of the process that ran it (set by bench/triggersWorker.ts). */
  cpuSeconds?: number;
}

type Event = TriggerEvent;

type Action = { at: number; run: () => void };

/** The workload: payments, their later status changes, refunds (partial, then sometimes the rest) and chargebacks. */
const workload = (
  sandbox: Sandbox,
  rng: Random,
  window: { start: number; end: number; perDay: number },
  record: (event: Event) => void,
  schedule: (action: Action) => void,
): void => {
  const store = sandbox.mollie;
  const { start, end, perDay } = window;
  const count = Math.round(((end - start) / DAY) * perDay);
  const times = Array.from({ length: count }, () => start + Math.floor(rng.next() * (end - start))).sort((a, b) => a - b);
  const at = (time: number, run: () => void) => schedule({ at: time, run });
  for (const created of times) {
    const method = pickMethod(rng);
    const currency = rng.chance(0.85) ? 'EUR' : rng.pick(['GBP', 'JPY']);
    const minor = rng.int(500, 60_000);
    const value = currency === 'JPY' ? String(minor) : `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
    const invoice = `INV-${rng.int(10000, 99999)}`;
    const [status, after] = outcome(method, rng);
    const refund = status === 'paid' && rng.chance(0.05) ? { after: DAY + rng.next() * 19 * DAY, partial: rng.chance(0.5), rest: rng.chance(0.4) } : null;
    const chargeback = status === 'paid' && !refund && (method === 'creditcard' || method === 'directdebit') && rng.chance(0.02) ? 3 * DAY + rng.next() * 27 * DAY : null;
    at(created, () => {
      const payment = store.createPayment({
        createdAt: new Date(created),
        amount: { value, currency },
        method,
        description: `Invoice ${invoice}`,
        metadata: { invoiceNumber: invoice, customerId: `C-${rng.int(1000, 9999)}` },
        billingAddress: { email: `customer${rng.int(1, 5000)}@example.com` },
      });
      if (method === 'directdebit') payment.status = 'pending';
      const id = payment.id;
      at(created + after, () => {
        store.setPaymentStatus(id, status, new Date(created + after));
        const trigger: TriggerName = status === 'paid' ? 'payment_paid' : 'payment_failed';
        record({ key: `${id}:${status}`, at: created + after, paymentId: id, createdAt: created, trigger });
      });
      if (refund) {
        const first = created + after + refund.after;
        at(first, () => {
          const p = store.payments.get(id)!;
          const amount = refund.partial && p.amount.minor > 1 ? { currency, minor: Math.floor(p.amount.minor / 2) } : undefined;
          const made = store.createRefund(id, amount ? { amount: toValue(amount.minor, currency) } : {}, new Date(first));
          record({ key: made.id, at: first, paymentId: id, createdAt: created, trigger: 'payment_refunded' });
          if (amount && refund.rest) {
            const second = first + DAY + rng.next() * 4 * DAY;
            at(second, () => {
              const rest = store.createRefund(id, {}, new Date(second));
              record({ key: rest.id, at: second, paymentId: id, createdAt: created, trigger: 'payment_refunded' });
            });
          }
        });
      }
      if (chargeback) {
        const time = created + after + chargeback;
        at(time, () => {
          const made = store.createChargeback(id, {}, new Date(time));
          record({ key: made.id, at: time, paymentId: id, createdAt: created, trigger: 'chargeback_received' });
        });
      }
    });
  }
};

const toValue = (minor: number, currency: string) =>
  currency === 'JPY' ? { value: String(minor), currency } : { value: `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`, currency };

/** A time-ordered queue of actions (binary heap; ties keep insertion order); actions may add later actions. */
class Timeline {
  private heap: Array<Action & { seq: number }> = [];
  private seq = 0;
  private before(a: number, b: number) {
    const x = this.heap[a];
    const y = this.heap[b];
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }
  private swap(a: number, b: number) {
    [this.heap[a], this.heap[b]] = [this.heap[b], this.heap[a]];
  }
  push = (action: Action) => {
    this.heap.push({ ...action, seq: this.seq++ });
    for (let i = this.heap.length - 1; i > 0 && this.before(i, (i - 1) >> 1); i = (i - 1) >> 1) this.swap(i, (i - 1) >> 1);
  };
  private pop(): Action {
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length) {
      this.heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.heap.length && this.before(l, m)) m = l;
        if (r < this.heap.length && this.before(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  runUntil(time: number) {
    while (this.heap.length && this.heap[0].at <= time) this.pop().run();
  }
}

const performs: Record<TriggerName, (z: ZObject, bundle: Bundle) => Promise<Array<{ id: string }>>> = {
  payment_paid: paidPerform,
  payment_failed: failedPerform,
  payment_refunded: refundedPerform,
  chargeback_received: chargebackPerform,
};

export const simulate = async (input: SimulationOptions): Promise<SimulationResult> => {
  const options = { pollMinutes: 15, drainHours: 24, seed: 42, msPerRequest: 250, triggers: TRIGGERS, ...input };
  const realStart = Date.now();
  const sandbox = await startSandbox({ seed: options.seed });
  const previousEnv = { ...process.env };
  Object.assign(process.env, sandbox.env());
  try {
    const rng = new Random(options.seed * 7919);
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    const start = t0 - options.historyDays * DAY;
    const end = t0 + options.days * DAY;
    sandbox.clock.set(new Date(start));
    const events: Event[] = [];
    const timeline = new Timeline();
    workload(sandbox, rng, { start, end, perDay: options.paymentsPerDay }, (event) => events.push(event), timeline.push);

    const appTester = createAppTester(App);
    const authData = { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };
    const zaps = options.triggers.map((trigger) => new ZapRecord(trigger, 'ours'));
    const log = sandbox.servers.mollie.requestLog;
    const inputData = { include_canceled_expired: 'true' };
    let pollStartedAt = 0;
    useClock(() => pollStartedAt + log.length * options.msPerRequest);

    const poll = async (now: number, first: boolean) => {
      for (const zap of zaps) {
        log.length = 0;
        pollStartedAt = now;
        const bundle = { authData, inputData, meta: { isPopulatingDedupe: first } } as unknown as Partial<Bundle>;
        const items = await withDeadline(() => appTester(performs[zap.trigger], bundle as never) as Promise<Array<{ id: string }>>);
        zap.record(items, now, first, log.length);
      }
      // Keep memory flat over thousands of polls: the count is all the log is needed for.
      log.length = 0;
    };

    timeline.runUntil(t0);
    sandbox.clock.set(new Date(t0));
    await poll(t0, true);
    const step = options.pollMinutes * MINUTE;
    for (let now = t0 + step; now <= end + options.drainHours * HOUR; now += step) {
      timeline.runUntil(now);
      sandbox.clock.set(new Date(now));
      await poll(now, false);
      if ((now - t0) % DAY === 0) options.onProgress?.((now - t0) / DAY);
    }

    const results = zaps.map((zap) => evaluate(zap, events, t0, end, options.msPerRequest));
    return {
      options: { ...options, onProgress: undefined } as never,
      payments: sandbox.mollie.payments.size,
      paymentsInPeriod: [...sandbox.mollie.payments.values()].filter((p) => p.createdAt.getTime() > t0 && p.createdAt.getTime() <= end).length,
      results,
      realSeconds: (Date.now() - realStart) / 1000,
    };
  } finally {
    useClock();
    process.env = previousEnv;
    await sandbox.close();
  }
};
