/**
 * The two ways Zapier runs a polling trigger besides a poll. Neither reads or
 * writes the polling state, so neither changes what later polls fire.
 *
 * - "Test trigger" in the Zap editor (bundle.meta.isLoadingSample): a few
 *   real recent items from the newest page.
 * - Transfer (history import: bundle.meta.isBulkRead, bundle.meta.page): one
 *   call per page, newest first, the next Mollie cursor kept in z.cursor, so
 *   every item in a wanted state is returned exactly once over the run. An
 *   empty answer ends the run.
 */
import type { ZObject } from 'zapier-platform-core';
import { hasTimeFor, nowMs } from '../http/deadline';
import type { ChangeSource, Item, Listed } from './pageMap';
import { PAGE_SIZE, POLL_BUDGET_MS, wantedItems } from './pageMap';

/** The editor shows three; a few more give the user a choice without a large payload. */
export const SAMPLE_SIZE = 10;
/** z.cursor value once the oldest page was returned. */
const END = 'end';
const REQUEST_RESERVE_MS = 2_500;

export const sampleItems = async <T extends Listed>(source: ChangeSource<T>): Promise<Item[]> =>
  wantedItems(source, (await source.list({ limit: PAGE_SIZE })).items).slice(0, SAMPLE_SIZE);

/**
 * One Transfer page: Mollie pages from the stored cursor on, until one holds a
 * wanted item (or the time budget ends); the cursor moves past what was read.
 */
export const transferPage = async <T extends Listed>(z: ZObject, source: ChangeSource<T>, page: number): Promise<Item[]> => {
  let from: string | undefined;
  if (page > 0) {
    const stored = await z.cursor.get();
    if (!stored || stored === END) return [];
    from = stored;
  }
  const started = nowMs();
  let items: Item[] = [];
  do {
    const read = await source.list({ from, limit: PAGE_SIZE });
    items = wantedItems(source, read.items);
    from = read.nextFrom;
  } while (!items.length && from && nowMs() - started < POLL_BUDGET_MS && hasTimeFor(REQUEST_RESERVE_MS));
  await z.cursor.set(from ?? END);
  return items;
};
