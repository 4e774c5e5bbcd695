/**
 * The trigger benchmark's fast half: each poller driven directly through a
 * ChangeSource over an in-memory Mollie payments list (newest first, `from` +
 * `limit` as Mollie pages them, 400 for an unknown `from`), in virtual time
 * (http/deadline's clock advances by msPerRequest per request). No HTTP and no
 * zapier-platform-core logging, so 30 days of polls every 15 minutes take
 * seconds. The end-to-end run through createAppTester is bench/simulation.ts.
 */
import { RUN_BUDGET_MS, useClock, withDeadline } from '../http/deadline';
import type { ChangeSource, Item } from '../triggerEngine/pageMap';
import { PAGE_SIZE, pollChanges } from '../triggerEngine/pageMap';
import { paymentStatusSource } from '../triggerEngine/paymentEvents';
import type { MolliePayment, PaymentStatusName } from '../mollie/types';
import { Random } from '../sandbox/random';
import { FakeAccount, type FakePayment, memoryStore } from './fakeMollie';
import { pollSweep } from './pollers/sweep';
import { evaluate, type PollerName, type PollerResult, type TriggerEvent, type TriggerName, ZapRecord } from './triggerStats';
import { DAY, HOUR, MINUTE, type Workload } from './workloads';

export interface TableOptions {
  pollMinutes: number;
  drainHours: number;
  msPerRequest: number;
  seed: number;
}

export interface WorkloadResult {
  workload: string;
  label: string;
  describe: string;
  historyDays: number;
  days: number;
  payments: number;
  paymentsInPeriod: number;
  results: PollerResult[];
  realSeconds: number;
}

const STATUSES: Record<'payment_paid' | 'payment_failed', PaymentStatusName[]> = {
  payment_paid: ['paid'],
  payment_failed: ['failed', 'canceled', 'expired'],
};

type Poller = (first: boolean) => Promise<Array<{ id: string }>>;

/** The output item without the normalisation (not what is measured here): the id is what dedupe and the evaluation use. */
const lean = (source: ChangeSource<MolliePayment>): ChangeSource<MolliePayment> => ({ ...source, toItem: (payment) => ({ id: `${payment.id}:${payment.status}` }) as Item });

const pollers = (account: FakeAccount, trigger: 'payment_paid' | 'payment_failed', now: () => number): Record<PollerName, Poller> => {
  const statuses = STATUSES[trigger];
  const source = lean(paymentStatusSource(account.list as ChangeSource<MolliePayment>['list'], statuses));
  const ours = memoryStore<never>();
  const sweep = memoryStore<never>();
  let rescannedAt = 0;
  return {
    ours: (first) => pollChanges(source, ours, { isPopulatingDedupe: first }),
    sweep: (first) => pollSweep(source, sweep, { isPopulatingDedupe: first }),
    // The naive poller existing Mollie connectors use: the newest 250 payments, kept when in a wanted status, id = payment id.
    naive: async () => (await account.list({ limit: PAGE_SIZE })).items.filter((p) => statuses.includes(p.status)).map((p) => ({ id: p.id })),
    // The delay floor: every page of the 30-day window on every poll, so every change is seen on the next poll. Modelled, not
    // read: the requests are the window's pages, the items are what changed since the previous poll (reading 20,000 payments
    // a poll would only cost the benchmark time).
    rescan: async () => {
      const since = rescannedAt - MINUTE;
      rescannedAt = now();
      account.charge(Math.max(1, Math.ceil(account.countCreatedSince(rescannedAt - 30 * DAY) / PAGE_SIZE)));
      let first = account.changes.length;
      while (first > 0 && account.changes[first - 1].at > since) first--;
      return account.changes.slice(first).filter((change) => statuses.includes(change.status)).map((change) => ({ id: `${change.id}:${change.status}` }));
    },
  };
};

const TRIGGERS: Array<'payment_paid' | 'payment_failed'> = ['payment_paid', 'payment_failed'];
const POLLERS: PollerName[] = ['ours', 'sweep', 'naive', 'rescan'];

/** Runs every poller on both payment triggers over one workload. */
export const runWorkload = async (workload: Workload, options: TableOptions): Promise<WorkloadResult> => {
  const realStart = Date.now();
  const rng = new Random(options.seed * 7919);
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  const start = t0 - workload.historyDays * DAY;
  const end = t0 + workload.days * DAY;
  const plan = workload.plan(start, t0, end, rng);
  const account = new FakeAccount(options.msPerRequest);
  const actions: Array<{ at: number; run: () => void }> = [];
  const events: TriggerEvent[] = [];
  for (const planned of plan) {
    let payment: FakePayment;
    actions.push({ at: planned.createdAt, run: () => void (payment = account.create(planned.createdAt, planned.method)) });
    actions.push({
      at: planned.endsAt,
      run: () => {
        account.settle(payment, planned.outcome, planned.endsAt);
        const trigger: TriggerName = planned.outcome === 'paid' ? 'payment_paid' : 'payment_failed';
        events.push({ key: `${payment.id}:${planned.outcome}`, at: planned.endsAt, paymentId: payment.id, createdAt: planned.createdAt, trigger });
      },
    });
  }
  actions.sort((a, b) => a.at - b.at);

  let simNow = start;
  useClock(() => simNow + account.spent);
  const zaps = TRIGGERS.flatMap((trigger) => {
    const all = pollers(account, trigger, () => simNow);
    return POLLERS.map((poller) => ({ record: new ZapRecord(trigger, poller), run: all[poller] }));
  });
  let next = 0;
  const runUntil = (time: number) => {
    while (next < actions.length && actions[next].at <= time) actions[next++].run();
  };
  try {
    const step = options.pollMinutes * MINUTE;
    for (let now = t0; now <= end + options.drainHours * HOUR; now += step) {
      runUntil(now);
      simNow = now;
      for (const zap of zaps) {
        const before = account.requests;
        account.spent = 0;
        const items = await withDeadline(() => zap.run(now === t0), RUN_BUDGET_MS);
        zap.record.record(items, now, now === t0, account.requests - before);
      }
    }
  } finally {
    useClock();
  }
  return {
    workload: workload.key,
    label: workload.label,
    describe: workload.describe,
    historyDays: workload.historyDays,
    days: workload.days,
    payments: account.payments.length,
    paymentsInPeriod: plan.filter((p) => p.createdAt > t0 && p.createdAt <= end).length,
    results: zaps.map((zap) => evaluate(zap.record, events, t0, end, options.msPerRequest)),
    realSeconds: (Date.now() - realStart) / 1000,
  };
};
