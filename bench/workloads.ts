/**
 * The trigger benchmark's workloads, as plain schedules: when each payment is
 * created and when (and how) it ends. Deterministic per seed.
 */
import { Random } from '../sandbox/random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Method = 'ideal' | 'creditcard' | 'paypal' | 'banktransfer' | 'directdebit';
export type Outcome = 'paid' | 'failed' | 'canceled' | 'expired';

export interface PlannedPayment {
  createdAt: number;
  method: Method;
  outcome: Outcome;
  /** When it reaches the outcome. */
  endsAt: number;
}

export interface Workload {
  key: string;
  label: string;
  /** Days of payments before the Zaps are turned on. */
  historyDays: number;
  /** Days the Zaps run; events in this period are counted. */
  days: number;
  describe: string;
  plan: (start: number, t0: number, end: number, rng: Random) => PlannedPayment[];
}

const METHOD_WEIGHTS: Array<[Method, number]> = [
  ['ideal', 0.35],
  ['creditcard', 0.2],
  ['paypal', 0.1],
  ['banktransfer', 0.2],
  ['directdebit', 0.15],
];

export const pickMethod = (rng: Random): Method => {
  let r = rng.next();
  for (const [method, weight] of METHOD_WEIGHTS) if ((r -= weight) < 0) return method;
  return 'ideal';
};

/** Bank transfers paid 1-14 days later (else expired at 14 days), SEPA debits paid or failed after ~5 days, the rest within minutes. */
export const outcome = (method: Method, rng: Random): [Outcome, number] => {
  const r = rng.next();
  if (method === 'banktransfer') return r < 0.75 ? ['paid', DAY + rng.next() * 13 * DAY] : ['expired', 14 * DAY];
  if (method === 'directdebit') return [r < 0.88 ? 'paid' : 'failed', 4.5 * DAY + rng.next() * DAY];
  if (r < 0.85) return ['paid', rng.int(1, 10) * MINUTE];
  if (r < 0.9) return ['failed', rng.int(1, 10) * MINUTE];
  if (r < 0.96) return ['canceled', rng.int(1, 15) * MINUTE];
  return ['expired', 15 * MINUTE];
};

const shop = (perDay: number) => (start: number, _t0: number, end: number, rng: Random): PlannedPayment[] => {
  const count = Math.round(((end - start) / DAY) * perDay);
  return Array.from({ length: count }, () => start + Math.floor(rng.next() * (end - start)))
    .sort((a, b) => a - b)
    .map((createdAt) => {
      const method = pickMethod(rng);
      const [result, after] = outcome(method, rng);
      return { createdAt, method, outcome: result, endsAt: createdAt + after };
    });
};

/** A club: 2,000 SEPA direct debits collected within an hour on one day a month, and a few iDEAL payments a day. */
const club = (start: number, t0: number, end: number, rng: Random): PlannedPayment[] => {
  const collections = [t0 - 2 * DAY, t0 + 28 * DAY].filter((at) => at >= start && at < end);
  const debits = collections.flatMap((at) =>
    Array.from({ length: 2000 }, () => {
      const createdAt = at + Math.floor(rng.next() * HOUR);
      const [result, after] = outcome('directdebit', rng);
      return { createdAt, method: 'directdebit' as const, outcome: result, endsAt: createdAt + after };
    }),
  );
  const shopPayments = shop(5)(start, t0, end, rng).map((payment) => ({ ...payment, method: 'ideal' as const }));
  return [...debits, ...shopPayments].sort((a, b) => a.createdAt - b.createdAt);
};

export const WORKLOADS: Workload[] = [
  {
    key: 'shop700',
    label: 'Shop, 700 payments a day',
    historyDays: 20,
    days: 30,
    describe: '700 payments a day (35% iDEAL, 20% card, 10% PayPal, 20% bank transfer paid 1–14 days later or expired at 14 days, 15% SEPA direct debit paid or failed 4.5–5.5 days later)',
    plan: shop(700),
  },
  { key: 'small', label: 'Small shop, 20 a day', historyDays: 20, days: 30, describe: 'the same mix at 20 payments a day', plan: shop(20) },
  {
    key: 'club',
    label: 'Club, 2,000 SEPA debits a month',
    historyDays: 20,
    days: 40,
    describe: '2,000 SEPA direct debits created within one hour on one day a month (2 days before the Zaps go on, and 28 days after), paid or failed 4.5–5.5 days later, plus 5 iDEAL payments a day',
    plan: club,
  },
];
