/**
 * After the queue's state was lost (Zapier's cache evicted it), payments that
 * were still waiting may no longer be on Mollie's newest page. A recovery pass
 * reads Mollie's payment list from the top, a few pages per poll, down to the
 * payments created LOOKBACK_DAYS ago, and queues every payment paid within
 * RECOVERY_PAID_WITHIN_MS. Some of those were decided before the loss: they
 * are checked again (CRM requests) but keep their id, so Zapier fires none twice.
 */
import type { Page, PageRequest } from '../mollie/client';
import type { MolliePayment } from '../mollie/types';
import type { Item, QueueClock, QueueState, Recovery } from './queue';
import { DECISION_RESERVE_MS, enqueue } from './queue';

/** Longer than the longest a payment waits in the queue (a 2,000 SEPA batch at 15-minute polls: about 10 h). */
export const RECOVERY_PAID_WITHIN_MS = 24 * 3_600_000;
/** Bank transfers are paid up to 14 days, SEPA debits about 5 days after they were created. */
export const RECOVERY_CREATED_WITHIN_MS = 30 * 86_400_000;
export const RECOVERY_PAGES_PER_POLL = 4;
const PAGE_SIZE = 250;
/** A page is read only with time left for it and for at least one decision after it. */
const PAGE_RESERVE_MS = DECISION_RESERVE_MS + 1_000;

export const startRecovery = (state: QueueState, now: number) => {
  state.recovery = {
    from: null,
    paidSince: now - RECOVERY_PAID_WITHIN_MS,
    createdSince: now - RECOVERY_CREATED_WITHIN_MS,
  };
};

const paidSince = (payment: MolliePayment, since: number) =>
  payment.status === 'paid' && !!payment.paidAt && Date.parse(payment.paidAt) >= since;

/**
 * Reads the next few pages of the pass and queues their recently paid
 * payments; returns those the queue has no room for (announced by the caller).
 * A Mollie outage ends this poll's share of the pass; the next poll goes on.
 */
export const recoverSome = async (
  state: QueueState,
  list: (page: PageRequest) => Promise<Page<MolliePayment>>,
  toItem: (payment: MolliePayment) => Item,
  clock: QueueClock,
): Promise<Item[]> => {
  const overflow: Item[] = [];
  for (
    let pages = 0;
    state.recovery && pages < RECOVERY_PAGES_PER_POLL && clock.hasTimeFor(PAGE_RESERVE_MS);
    pages++
  ) {
    const recovery: Recovery = state.recovery;
    let page: Page<MolliePayment>;
    try {
      page = await list({ from: recovery.from ?? undefined, limit: PAGE_SIZE });
    } catch (error) {
      if (error instanceof Error && error.name === 'ThrottledError') break;
      throw error;
    }
    const paid = page.items.filter((payment) => paidSince(payment, recovery.paidSince));
    // enqueue takes the feed newest first, like the list.
    overflow.push(...enqueue(state, paid.map(toItem), clock.now()));
    const oldest = page.items[page.items.length - 1];
    // Deleted, not set to undefined: z.cache refuses undefined values.
    if (!page.nextFrom || !oldest || Date.parse(oldest.createdAt) < recovery.createdSince)
      delete state.recovery;
    else recovery.from = page.nextFrom;
  }
  return overflow;
};
