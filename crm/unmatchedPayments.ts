import type { Bundle, ZObject } from 'zapier-platform-core';
import type { MatchResult } from '../matching';
import type { MollieClient } from '../mollie/client';
import type { Item } from '../mollie/polling';
import { stateStore } from '../mollie/pollingState';
import { crmAdapter } from './index';
import { accountForPayment } from './accountForPayment';

/**
 * Which of the paid payments a poll returned no account could be matched to.
 *
 * Each payment is matched once: the decision is kept per connection in
 * z.cache (scope auth) for as long as the payment can come back in a poll.
 * A match costs a fetch of the payment, its Mollie customer (when it has one)
 * and one CRM look-up, so a poll matches at most MAX_MATCHES_PER_POLL new
 * payments within MATCH_BUDGET_MS; the rest wait for the next poll, which
 * still returns them. The first poll of a Zap only records the payments that
 * are already there, so turning the Zap on never floods the review step.
 */
export const MAX_MATCHES_PER_POLL = 8;
export const MATCH_BUDGET_MS = 15_000;

type Decision = 'matched' | 'seeded' | { reason: MatchResult['reason']; explanation: string; candidates: string; candidateIds: string };
type Decisions = Record<string, Decision>;

const paymentIdOf = (item: Item): string => String(item.payment_id ?? item.id).split(':')[0];

export const unmatchedAmong = async (z: ZObject, bundle: Bundle, mollie: MollieClient, paid: Item[], stateKey: string): Promise<Item[]> => {
  const store = stateStore<Decisions>(z, stateKey);
  const previous = (await store.load()) ?? {};
  const decisions: Decisions = {};
  for (const item of paid) {
    const id = paymentIdOf(item);
    if (previous[id]) decisions[id] = previous[id];
  }
  if (bundle.meta?.isPopulatingDedupe) {
    for (const item of paid) decisions[paymentIdOf(item)] ??= 'seeded';
    await store.save(decisions);
    return [];
  }
  const adapter = crmAdapter(z, bundle);
  const started = Date.now();
  let matched = 0;
  for (const item of paid) {
    const id = paymentIdOf(item);
    if (decisions[id] || matched >= MAX_MATCHES_PER_POLL || Date.now() - started > MATCH_BUDGET_MS) continue;
    const payment = await mollie.payments.get(id);
    if (!payment) continue;
    const { result } = await accountForPayment(mollie, adapter, payment);
    matched += 1;
    decisions[id] = result.accountId
      ? 'matched'
      : {
          reason: result.reason,
          explanation: result.explanation,
          candidates: result.candidates.map((candidate) => candidate.name).join(', '),
          candidateIds: result.candidates.map((candidate) => candidate.id).join(', '),
        };
  }
  await store.save(decisions);
  return paid.flatMap((item) => {
    const decision = decisions[paymentIdOf(item)];
    if (!decision || typeof decision === 'string') return [];
    return [
      {
        ...item,
        id: `${paymentIdOf(item)}:unmatched`,
        match_reason: decision.reason ?? 'none_found',
        match_explanation: decision.explanation,
        candidates: decision.candidates,
        candidate_ids: decision.candidateIds,
      },
    ];
  });
};
