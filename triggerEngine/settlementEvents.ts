/**
 * Settlement Paid Out, polled: Mollie lists settlements newest first; each
 * paid-out one becomes one item with id `stl_x:paidout`, so Zapier fires it
 * once. A poll details (reads every line of) the paid-out settlements of the
 * last RECENT_DAYS only, newest first, within the run's time; a settlement
 * once paid out never changes, so its item is remembered a day per connection.
 * Transfer pages further back through `bundle.meta.page` and `z.cursor`.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionCache } from '../store/connectionCache';
import { readCredentials } from '../http/credentials';
import { hasTimeFor } from '../http/deadline';
import type { MollieSettlement } from '../mollie/settlementLines';
import type { SettlementOutput } from '../outputs/settlement';
import { settlementOutput } from '../outputs/settlement';
import { SettlementIncomplete, settlementsClient } from '../mollie/settlements';
import { pagingCursor } from '../store/pagingCursor';

const LIST_SIZE = 10;
const RECENT_DAYS = 7;
const SAMPLE_SIZE = 3;
const DAY_MS = 86_400_000;
const ITEM_TTL_SECONDS = 24 * 3600;

const settledTime = (settlement: MollieSettlement) =>
  Date.parse(settlement.settledAt ?? settlement.createdAt ?? '') || 0;

export const pollPaidOutSettlements = async (
  z: ZObject,
  bundle: Bundle,
): Promise<Array<SettlementOutput | { id: string }>> => {
  const mollie = settlementsClient(z, bundle);
  const page = Number(bundle.meta?.page ?? 0);
  const cursor = pagingCursor(z);
  const from = page > 0 ? await cursor.get() : undefined;
  if (page > 0 && !from) return [];
  const listed = await mollie.list(from, LIST_SIZE);
  // The last page leaves an empty cursor: the page after it is empty, not this one again.
  await cursor.set(listed.nextFrom ?? '');
  const paidOut = listed.items
    .filter((settlement) => settlement.status === 'paidout')
    .sort((a, b) => settledTime(b) - settledTime(a));
  if (bundle.meta?.isPopulatingDedupe)
    return paidOut.map((settlement) => ({ id: `${settlement.id}:paidout` }));

  const newest = paidOut.length ? settledTime(paidOut[0]) : 0;
  const wanted = bundle.meta?.isLoadingSample
    ? paidOut.slice(0, SAMPLE_SIZE)
    : page > 0
      ? paidOut
      : paidOut.filter((settlement) => settledTime(settlement) >= newest - RECENT_DAYS * DAY_MS);
  const cache = connectionCache(z, readCredentials(bundle.authData).accounts, 'mollie');
  const items: SettlementOutput[] = [];
  for (const settlement of wanted) {
    // What is not detailed now is still in the window at the next poll, and fires then.
    if (!hasTimeFor(8_000)) break;
    try {
      items.push(
        await cache.remember(`settlement-item:v1:${settlement.id}`, ITEM_TTL_SECONDS, async () =>
          settlementOutput(settlement, await mollie.split(settlement)),
        ),
      );
    } catch (error) {
      if (!(error instanceof SettlementIncomplete)) throw error;
      z.console.log(
        `Settlement ${settlement.id} not read completely in this run (${error.message}); it fires at the next check.`,
      );
      break;
    }
  }
  return items;
};
