import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import { hasTimeFor, nowMs } from '../http/deadline';
import type { MollieClient } from '../mollie/client';
import { normalizePayment, paymentOutputFields } from '../outputs/payment';
import { stateStore } from '../triggerEngine/state';
import type { AccountNames } from '../store/connectionCache';
import type { MolliePayment } from '../mollie/types';
import type { MatchResult } from '../matching';
import { crmAdapter } from '../crm/index';
import { accountForPayment } from '../recording/accountForPayment';
import { CRM_RATES } from './tokenBucket';
import type { Decider, Item, QueueClock, QueueState } from './queue';
import { enqueue, freshQueue, notCheckedItem, paymentIdOf, prune, seed, unmatchedId, work } from './queue';
import { recoverSome, startRecovery } from './recovery';
import { reviewFields } from '../outputs/unmatchedReview';

/**
 * Which paid payments no CRM account could be matched to: the feed's paid
 * payments go through the durable queue of crm/unmatchedQueue.ts, and what
 * it announces is returned (Zapier fires each `tr_x:unmatched` id once).
 */
export const SAMPLE_SIZE = 3;
const SAMPLE_NOTE =
  'Test trigger: a recent paid payment shown as an example; it was not checked against the CRM. When the Zap runs, only payments no account could be matched to fire.';

export const unmatchedStateKey = (profileId: string | undefined, mode: string) =>
  `unmatched:v2:${profileId ?? 'default'}:${mode}`;
/** The decisions kept before the queue (one map per profile): read once, so an upgrade does not re-announce them. */
const legacyStateKey = (profileId: string | undefined) => `unmatched:v1:decisions:${profileId ?? 'default'}`;

const realClock: QueueClock = {
  now: nowMs,
  hasTimeFor,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const unmatchedItem = (payment: MolliePayment, result: MatchResult): Item => {
  const item = normalizePayment(payment);
  return {
    ...item,
    id: unmatchedId(payment.id),
    match_reason: result.reason ?? 'none_found',
    match_explanation: result.explanation,
    candidates: result.candidates.map((candidate) => candidate.name).join(', '),
    candidate_ids: result.candidates.map((candidate) => candidate.id).join(', '),
    ...reviewFields(item, result.candidates, result.explanation),
  };
};

const paidItem = (payment: MolliePayment): Item => ({ ...normalizePayment(payment), id: payment.id });

/** Every output key, empty: for a payment Mollie could not be asked about. */
const skeletonItem = (paymentId: string): Item => ({
  ...Object.fromEntries(paymentOutputFields.map((field) => [field.key, null])),
  id: paymentId,
  payment_id: paymentId,
});

/** Reads a payment from Mollie and matches it; counts the CRM requests, which the budget limits. */
const paymentDecider = (z: ZObject, bundle: Bundle, mollie: MollieClient): Decider => {
  let requests = 0;
  const request = z.request as (...args: unknown[]) => ReturnType<ZObject['request']>;
  const counted = {
    ...z,
    request: (...args: unknown[]) => ((requests += 1), request(...args)),
  } as unknown as ZObject;
  const adapter = crmAdapter(counted, bundle);
  const known = new Map<string, Item>();
  return {
    crmRequests: () => requests,
    itemFor: (paymentId) => known.get(paymentId) ?? skeletonItem(paymentId),
    decide: async (paymentId) => {
      const payment = await mollie.payments.get(paymentId);
      if (!payment) {
        z.console.log(
          `Unmatched Payment: Mollie no longer shows payment ${paymentId} to this connection; it was not checked.`,
        );
        return { kind: 'gone' };
      }
      known.set(paymentId, paidItem(payment));
      const { result } = await accountForPayment({ z, bundle, mollie }, adapter, payment);
      return result.accountId
        ? { kind: 'matched' }
        : { kind: 'unmatched', item: unmatchedItem(payment, result) };
    },
  };
};

const uniqueById = (items: Item[]): Item[] => {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
};

export interface UnmatchedOptions {
  stateKey: string;
  profileId?: string;
  decider?: Decider;
  clock?: QueueClock;
}

/**
 * One poll: queue the feed's new paid payments, decide as many as the run
 * allows, return everything announced in the last two hours (newest first).
 * Turning the Zap on (isPopulatingDedupe) decides nothing: the payments already
 * there are remembered as seen, and their `:unmatched` ids are returned so
 * Zapier never fires them, even if the state is lost later.
 */
export const unmatchedPayments = async (
  z: ZObject,
  bundle: Bundle,
  mollie: MollieClient,
  feed: Item[],
  options: UnmatchedOptions,
): Promise<Item[]> => {
  const credentials = readCredentials(bundle.authData);
  const rate = CRM_RATES[credentials.crm];
  const clock = options.clock ?? realClock;
  const decider = options.decider ?? paymentDecider(z, bundle, mollie);
  // The queue holds CRM decisions about Mollie payments: it belongs to both accounts.
  const store = stateStore<QueueState>(z, credentials.accounts, options.stateKey, 'connection');
  const loaded = await store.load();
  const now = clock.now();
  if (loaded === undefined) {
    // No z.cache (local invoke): the feed's payments are checked afresh on every poll, within the run.
    const state = freshQueue(rate, now);
    enqueue(state, feed, now);
    await work(state, decider, rate, clock);
    return state.journal.map((entry) => entry.item);
  }
  const saved = loaded?.v === 2 ? loaded : null;
  const state = saved ?? freshQueue(rate, now);
  if (!saved) {
    const legacy = await stateStore<Record<string, unknown>>(
      z,
      credentials.accounts,
      legacyStateKey(options.profileId),
      'connection',
    ).load();
    seed(
      state,
      Object.keys(legacy ?? {}).map((id) => ({ id })),
      now,
    );
  }
  if (bundle.meta?.isPopulatingDedupe) {
    if (!saved) seed(state, feed, now);
    await store.save(state);
    const stubs = [...feed.map(paymentIdOf), ...state.pending].map((id) => ({ id: unmatchedId(id) }));
    return uniqueById([...state.journal.map((entry) => entry.item), ...stubs]);
  }
  if (!saved) {
    z.console.log(
      'Unmatched Payment: no saved queue (first poll, or the state was lost): the payments paid in the last 24 hours are checked again.',
    );
    startRecovery(state, now);
  }
  const announce = (item: Item) => state.journal.unshift({ at: clock.now(), item });
  enqueue(state, feed, now).forEach(announce);
  try {
    (await recoverSome(state, (page) => mollie.payments.list(page), paidItem, clock)).forEach(announce);
    const outcome = await work(state, decider, rate, clock);
    if (state.pending.length > 0)
      z.console.log(
        `Unmatched Payment: ${outcome.decided} checked, ${state.pending.length} wait for the next poll (${outcome.stoppedBy}).`,
      );
  } finally {
    // Saved even when the poll fails (an expired token): what was decided stays decided, what waits stays queued.
    prune(state, clock.now());
    await store.save(state);
  }
  return uniqueById(state.journal.map((entry) => entry.item));
};

/**
 * Test trigger: a few real recent items, and nothing decided or saved. The
 * last announced ones first; then recent paid payments, marked as not checked.
 */
export const unmatchedSample = async (
  z: ZObject,
  accounts: AccountNames,
  stateKey: string,
  recentPaid: () => Promise<Item[]>,
): Promise<Item[]> => {
  const loaded = await stateStore<QueueState>(z, accounts, stateKey, 'connection').load();
  const announced = loaded?.v === 2 ? loaded.journal.map((entry) => entry.item).slice(0, SAMPLE_SIZE) : [];
  if (announced.length >= SAMPLE_SIZE) return announced;
  const examples = (await recentPaid()).map((item) => notCheckedItem(item, SAMPLE_NOTE));
  return uniqueById([...announced, ...examples]).slice(0, SAMPLE_SIZE);
};
