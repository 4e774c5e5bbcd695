/** What the trigger benchmarks measure: Zapier's dedupe per Zap, and each Zap's fires matched to the events that happened. */

export interface Stats {
  median: number;
  p99: number;
  max: number;
}

export type TriggerName = 'payment_paid' | 'payment_failed' | 'payment_refunded' | 'chargeback_received';
export type PollerName = 'ours' | 'sweep' | 'naive' | 'rescan';

export interface TriggerEvent {
  key: string;
  at: number;
  paymentId: string;
  /** When the payment was created: a change an hour or more later is a late change. */
  createdAt: number;
  trigger: TriggerName;
}

export interface PollerResult {
  trigger: TriggerName;
  poller: PollerName;
  happened: number;
  delivered: number;
  duplicates: number;
  /** Fired for something that happened before the Zap was turned on, or for nothing at all. */
  spurious: number;
  polls: number;
  requestsPerPoll: Stats & { mean: number };
  /** The Zap's first poll (turning it on: isPopulatingDedupe). */
  firstPoll: { requests: number; modelledSeconds: number };
  modelledMsPerPoll: Stats;
  delayHours: Stats;
  /** Changes an hour or more after the payment was created (bank transfers, direct debits). */
  lateChanges: number;
  lateDelayHours: Stats;
}

export const LATE_AFTER_MS = 3_600_000;
const HOUR = 3_600_000;

const quantile = (sorted: number[], q: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : 0;

export const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.length ? sorted[sorted.length - 1] : 0 };
};

/** One Zap as Zapier runs it: the first poll only fills the seen-set; later ones fire unseen ids. */
export class ZapRecord {
  readonly seen = new Set<string>();
  readonly fired: Array<{ id: string; at: number }> = [];
  readonly requests: number[] = [];
  constructor(
    readonly trigger: TriggerName,
    readonly poller: PollerName,
  ) {}
  record(items: Array<{ id: string }>, at: number, first: boolean, requests: number) {
    this.requests.push(requests);
    for (const item of items) {
      if (this.seen.has(item.id)) continue;
      this.seen.add(item.id);
      if (!first) this.fired.push({ id: item.id, at });
    }
  }
}

/** Matches what a Zap fired to the events of its trigger that happened while it was on (from `t0` to `end`). */
export const evaluate = (zap: ZapRecord, events: TriggerEvent[], t0: number, end: number, msPerRequest: number): PollerResult => {
  const mine = events.filter((event) => event.trigger === zap.trigger);
  const counted = mine.filter((event) => event.at > t0 && event.at <= end);
  const byKey = new Map(mine.map((event) => [event.key, event]));
  const byPayment = new Map<string, TriggerEvent[]>();
  for (const event of mine) byPayment.set(event.paymentId, [...(byPayment.get(event.paymentId) ?? []), event]);
  const delivered = new Map<string, number>();
  let duplicates = 0;
  let spurious = 0;
  for (const fire of zap.fired) {
    // The id names the event, except for the naive poller's (the payment): credit its earliest undelivered event before the fire.
    const ofPayment = (byPayment.get(fire.id) ?? []).filter((e) => e.at <= fire.at);
    const event = byKey.get(fire.id) ?? ofPayment.find((e) => !delivered.has(e.key)) ?? ofPayment[0];
    if (!event || event.at <= t0) {
      spurious++;
      continue;
    }
    if (delivered.has(event.key)) duplicates++;
    else delivered.set(event.key, fire.at - event.at);
  }
  const inPeriod = counted.filter((event) => delivered.has(event.key));
  const late = counted.filter((event) => event.at - event.createdAt >= LATE_AFTER_MS);
  const lateDelivered = late.filter((event) => delivered.has(event.key));
  const later = zap.requests.slice(1);
  const requestStats = stats(later);
  return {
    trigger: zap.trigger,
    poller: zap.poller,
    happened: counted.length,
    delivered: inPeriod.length,
    duplicates,
    spurious,
    polls: zap.requests.length,
    requestsPerPoll: { ...requestStats, mean: later.reduce((sum, n) => sum + n, 0) / Math.max(1, later.length) },
    firstPoll: { requests: zap.requests[0] ?? 0, modelledSeconds: ((zap.requests[0] ?? 0) * msPerRequest) / 1000 },
    modelledMsPerPoll: stats(later.map((count) => count * msPerRequest)),
    delayHours: stats(inPeriod.map((event) => delivered.get(event.key)! / HOUR)),
    lateChanges: late.length,
    lateDelayHours: stats(lateDelivered.map((event) => delivered.get(event.key)! / HOUR)),
  };
};
