/**
 * The two ways Zapier runs a polling trigger besides a poll. Neither reads or
 * writes the polling state, so neither changes what later polls fire.
 *
 * - "Test trigger" in the Zap editor (bundle.meta.isLoadingSample): a few
 *   real recent items from the newest page.
 * - Transfer (history import: bundle.meta.isBulkRead, bundle.meta.page): one
 *   call per page, newest first, the next Mollie cursor kept in z.cursor, so
 *   every item in a wanted state is returned exactly once over the run. An
 *   empty answer ends the run. The cursor also keeps how far back the run has
 *   read and its last cursors: a next page that leads back to newer items, or
 *   to a cursor already used, is a loop Mollie drives, stopped with an error
 *   instead of a Transfer that never ends (http/cursorGuard.ts).
 */
import type { ZObject } from 'zapier-platform-core';
import { cursorError } from '../http/cursorGuard';
import { hasTimeFor, nowMs } from '../http/deadline';
import type { ChangeSource, Item, Listed } from './pageMap';
import { PAGE_SIZE, POLL_BUDGET_MS, wantedItems } from './pageMap';

/** The editor shows three; a few more give the user a choice without a large payload. */
export const SAMPLE_SIZE = 10;
/** z.cursor value once the oldest page was returned. */
const END = 'end';
const REQUEST_RESERVE_MS = 2_500;
/** Cursors a Transfer remembers, to recognise one coming round again. */
const CURSORS_KEPT = 20;

/** What z.cursor holds between the calls of a Transfer run. */
interface TransferCursor {
  from: string;
  /** createdAt (ms) of the oldest item read so far: every later page lies below it. */
  before?: number;
  /** The cursors used so far (the newest CURSORS_KEPT). */
  used?: string[];
}

/** The stored cursor; a plain id (stored by an earlier version) is read as one. */
const readCursor = (stored: string): TransferCursor => {
  if (!stored.startsWith('{')) return { from: stored };
  try {
    const parsed = JSON.parse(stored) as TransferCursor;
    return typeof parsed.from === 'string' ? parsed : { from: stored };
  } catch {
    return { from: stored };
  }
};

const createdAt = (item: Listed | undefined) => (item ? Date.parse(item.createdAt) : NaN);

export const sampleItems = async <T extends Listed>(source: ChangeSource<T>): Promise<Item[]> =>
  wantedItems(source, (await source.list({ limit: PAGE_SIZE })).items).slice(0, SAMPLE_SIZE);

/**
 * One Transfer page: Mollie pages from the stored cursor on, until one holds a
 * wanted item (or the time budget ends); the cursor moves past what was read.
 */
export const transferPage = async <T extends Listed>(
  z: ZObject,
  source: ChangeSource<T>,
  page: number,
): Promise<Item[]> => {
  let cursor: TransferCursor | undefined;
  if (page > 0) {
    const stored = await z.cursor.get();
    if (!stored || stored === END) return [];
    cursor = readCursor(stored);
  }
  let from = cursor?.from;
  let before = cursor?.before;
  const used = [...(cursor?.used ?? [])];
  const started = nowMs();
  let items: Item[] = [];
  do {
    const read = await source.list({ from, limit: PAGE_SIZE });
    // Mollie lists newest first: a page above what the run already read is the list coming round again.
    if (before !== undefined && createdAt(read.items[0]) > before)
      throw cursorError('mollie', 'leads back to items this Transfer read already', page + 1);
    if (read.nextFrom && used.includes(read.nextFrom))
      throw cursorError(
        'mollie',
        `is one this Transfer used already (${read.nextFrom.slice(0, 40)})`,
        page + 1,
      );
    if (from) used.push(from);
    const oldest = createdAt(read.items[read.items.length - 1]);
    if (Number.isFinite(oldest)) before = Math.min(before ?? Infinity, oldest);
    items = wantedItems(source, read.items);
    from = read.nextFrom;
  } while (!items.length && from && nowMs() - started < POLL_BUDGET_MS && hasTimeFor(REQUEST_RESERVE_MS));
  await z.cursor.set(from ? JSON.stringify({ from, before, used: used.slice(-CURSORS_KEPT) }) : END);
  return items;
};
