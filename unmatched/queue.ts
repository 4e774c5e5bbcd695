/**
 * The Unmatched Payment trigger's memory: a durable queue of paid payments
 * still to be checked against the CRM, worked through a few at a time over
 * polls, so a burst of any size is decided exactly once and none is lost.
 *
 * - Every paid payment the feed shows goes into `pending` once (unless it was
 *   decided or seeded before: `seen`). It stays there until it is decided,
 *   however long that takes: the feed may stop showing it, the queue does not.
 * - Each poll decides payments oldest first while the run has time, the CRM
 *   request budget (unmatched/tokenBucket.ts) has room and fewer than
 *   MAX_DECISIONS_PER_POLL were decided, so no poll brings Zapier's flood
 *   protection (100 new items) into play.
 * - A CRM or Mollie outage (429, 5xx, no answer: a ThrottledError) decides
 *   nothing: the payment stays first in the queue and matching resumes after
 *   the delay the vendor asked for. A payment that fails MAX_FAILURES times
 *   for another reason is announced as `not_checked`, with the error.
 * - Announced items stay in `journal` for JOURNAL_RETENTION_MS, returned on
 *   every poll, so each Zap sharing this connection's state sees them (Zapier
 *   dedupes on the id, `tr_x:unmatched`).
 * - Bounds: MAX_PENDING payments wait at most; a payment beyond that is
 *   announced at once as `not_checked` ("too many waiting"), never dropped.
 * - A lost state is rebuilt from Mollie's list by unmatched/recovery.ts.
 */
import type { Bucket, Rate } from './tokenBucket';
import { refill, waitForOne } from './tokenBucket';
import { reviewFields } from '../outputs/unmatchedReview';
import type { Item } from '../triggerEngine/pageMap';

export type { Item } from '../triggerEngine/pageMap';

export const MAX_PENDING = 10_000;
/** Below Zapier's flood protection (100 new items in one poll are held for the user to confirm). */
export const MAX_DECISIONS_PER_POLL = 90;
export const MAX_FAILURES = 3;
/** A decision starts only with this much of the run left (a few requests, then saving the state). */
export const DECISION_RESERVE_MS = 2_500;
/** Longest wait for the CRM budget inside one poll; a longer one ends the poll. */
const MAX_BUDGET_WAIT_MS = 1_000;
export const JOURNAL_RETENTION_MS = 2 * 3_600_000;
export const JOURNAL_MAX = 250;
/** A decided payment is remembered this long after the feed last showed it. */
export const SEEN_RETENTION_MS = 3 * 86_400_000;
export const SEEN_MAX = 5_000;
/** When a vendor asks to slow down by more than this (or says nothing sensible), wait this much instead. */
const MAX_OUTAGE_PAUSE_MS = 15 * 60_000;
const DEFAULT_OUTAGE_PAUSE_MS = 60_000;

/** Where a pass over Mollie's list after a lost state stands (unmatched/recovery.ts). */
export interface Recovery {
  /** Where the pass continues (Mollie's `from`); null at the top. */
  from: string | null;
  paidSince: number;
  createdSince: number;
}

export interface QueueState {
  v: 2;
  /** Payment ids waiting for a decision, oldest first. */
  pending: string[];
  /** Failures (not outages) per waiting payment. */
  failures: Record<string, number>;
  /** Decided or seeded payment ids → when the feed last showed them (ms). */
  seen: Record<string, number>;
  /** Announced items, newest first. */
  journal: Array<{ at: number; item: Item }>;
  budget: Bucket;
  /** No matching before this time (ms): a vendor asked to wait. */
  resumeAt: number;
  /** A pass over Mollie's list after the state was lost (unmatched/recovery.ts). */
  recovery?: Recovery;
}

export const freshQueue = (rate: Rate, now: number): QueueState => ({
  v: 2,
  pending: [],
  failures: {},
  seen: {},
  journal: [],
  budget: { tokens: rate.capacity, at: now },
  resumeAt: 0,
});

export const paymentIdOf = (item: Item): string => String(item.payment_id ?? item.id).split(':')[0];
export const unmatchedId = (paymentId: string) => `${paymentId}:unmatched`;

/** What a payment that could not be checked against the CRM is announced as. */
export const notCheckedItem = (item: Item, explanation: string): Item => ({
  ...item,
  id: unmatchedId(paymentIdOf(item)),
  match_reason: 'not_checked',
  match_explanation: explanation,
  candidates: '',
  candidate_ids: '',
  ...reviewFields(item, [], explanation, false),
});

export type Verdict = { kind: 'matched' } | { kind: 'unmatched'; item: Item } | { kind: 'gone' };

export interface Decider {
  decide(paymentId: string): Promise<Verdict>;
  /** The payment as an output item, as far as it is known (for announcing one that could not be checked). */
  itemFor(paymentId: string): Item;
  /** CRM requests made so far (they are what the budget counts). */
  crmRequests(): number;
}

export interface QueueClock {
  now(): number;
  hasTimeFor(ms: number): boolean;
  sleep(ms: number): Promise<void>;
}

/** The vendor's requested pause from a ThrottledError (its message is JSON with `delay` in seconds). */
const outagePauseMs = (error: Error): number => {
  try {
    const delay = Number((JSON.parse(error.message) as { delay?: unknown }).delay);
    return Number.isFinite(delay) && delay > 0 && delay * 1000 <= MAX_OUTAGE_PAUSE_MS
      ? delay * 1000
      : DEFAULT_OUTAGE_PAUSE_MS;
  } catch {
    return DEFAULT_OUTAGE_PAUSE_MS;
  }
};

const isOutage = (error: unknown): error is Error =>
  error instanceof Error && error.name === 'ThrottledError';
/** Failures no retry of this payment can fix: the whole connection needs the user. */
const needsUser = (error: unknown) =>
  error instanceof Error && /^(ExpiredAuthError|RefreshAuthError)$/.test(error.name);
const messageOf = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  try {
    return String((JSON.parse(message) as { message?: unknown }).message ?? message);
  } catch {
    return message;
  }
};

/** Puts the feed's paid payments that are new to the queue at its end; returns those it has no room for, announced. */
export const enqueue = (state: QueueState, feed: Item[], now: number): Item[] => {
  const waiting = new Set(state.pending);
  const overflow: Item[] = [];
  // The feed is newest first; the queue is oldest first.
  for (const item of [...feed].reverse()) {
    const id = paymentIdOf(item);
    if (state.seen[id] !== undefined) {
      state.seen[id] = now;
      continue;
    }
    if (waiting.has(id)) continue;
    if (state.pending.length >= MAX_PENDING) {
      overflow.push(
        notCheckedItem(
          item,
          `Not checked against the CRM: more than ${MAX_PENDING} paid payments were waiting to be checked. Check this one by hand.`,
        ),
      );
      state.seen[id] = now;
      continue;
    }
    state.pending.push(id);
    waiting.add(id);
  }
  return overflow;
};

/** Marks payments as already there (turning the Zap on): they are never checked, never announced. */
export const seed = (state: QueueState, feed: Item[], now: number) => {
  for (const item of feed.slice(0, SEEN_MAX)) state.seen[paymentIdOf(item)] ??= now;
};

export interface PollOutcome {
  decided: number;
  /** Why the poll stopped deciding with payments still waiting (for the log). */
  stoppedBy?: 'time' | 'budget' | 'poll cap' | 'outage' | 'failures';
}

/**
 * Decides waiting payments, oldest first, within the run's time, the CRM
 * budget and MAX_DECISIONS_PER_POLL; announces the unmatched ones into the
 * journal. Mutates `state`.
 */
export const work = async (
  state: QueueState,
  decider: Decider,
  rate: Rate,
  clock: QueueClock,
): Promise<PollOutcome> => {
  let decided = 0;
  const failedThisPoll = new Set<string>();
  const announce = (item: Item) => state.journal.unshift({ at: clock.now(), item });
  while (state.pending.length > 0) {
    if (decided >= MAX_DECISIONS_PER_POLL) return { decided, stoppedBy: 'poll cap' };
    if (clock.now() < state.resumeAt) return { decided, stoppedBy: 'outage' };
    if (!clock.hasTimeFor(DECISION_RESERVE_MS)) return { decided, stoppedBy: 'time' };
    state.budget = refill(state.budget, rate, clock.now());
    const wait = waitForOne(state.budget, rate);
    if (wait > 0) {
      if (wait > MAX_BUDGET_WAIT_MS || !clock.hasTimeFor(DECISION_RESERVE_MS + wait))
        return { decided, stoppedBy: 'budget' };
      await clock.sleep(wait);
      state.budget = refill(state.budget, rate, clock.now());
      if (waitForOne(state.budget, rate) > 0) return { decided, stoppedBy: 'budget' };
    }
    const id = state.pending[0];
    // Every waiting payment was tried and this one failed already: try it again next poll.
    if (failedThisPoll.has(id)) return { decided, stoppedBy: 'failures' };
    const spentBefore = decider.crmRequests();
    try {
      const verdict = await decider.decide(id);
      if (verdict.kind === 'unmatched') announce(verdict.item);
      finish(state, id, clock.now());
      decided++;
    } catch (error) {
      if (needsUser(error)) throw error;
      if (isOutage(error)) {
        state.resumeAt = clock.now() + outagePauseMs(error);
        return { decided, stoppedBy: 'outage' };
      }
      const failures = (state.failures[id] ?? 0) + 1;
      state.failures[id] = failures;
      state.pending.push(state.pending.shift()!);
      failedThisPoll.add(id);
      if (failures >= MAX_FAILURES) {
        announce(
          notCheckedItem(
            decider.itemFor(id),
            `Not checked against the CRM: ${messageOf(error)} (failed in ${failures} polls).`,
          ),
        );
        finish(state, id, clock.now());
        decided++;
      }
    } finally {
      state.budget = { ...state.budget, tokens: state.budget.tokens - (decider.crmRequests() - spentBefore) };
    }
  }
  return { decided };
};

const finish = (state: QueueState, id: string, now: number) => {
  state.pending = state.pending.filter((waiting) => waiting !== id);
  delete state.failures[id];
  state.seen[id] = now;
};

/** Forgets what can no longer come back: old journal entries, payments the feed stopped showing long ago. */
export const prune = (state: QueueState, now: number) => {
  state.journal = state.journal
    .filter((entry) => now - entry.at <= JOURNAL_RETENTION_MS)
    .slice(0, JOURNAL_MAX);
  const kept = Object.entries(state.seen)
    .filter(([, at]) => now - at <= SEEN_RETENTION_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, SEEN_MAX);
  state.seen = Object.fromEntries(kept);
};
