/**
 * Polling that fires on status changes, including ones that happen days after
 * a payment was created, at a bounded cost per poll.
 *
 * Mollie lists payments (and payment links) newest first by creation, with no
 * status filter and no updatedAt. So each poll reads:
 *
 *  1. The newest page (250): every item there that is in the wanted state is
 *     returned with an id that carries the state (`tr_x:paid`), so Zapier's
 *     dedupe fires each change once. (Up to 3 pages when more than 250 items
 *     were created since the previous poll.)
 *  2. ONE sweep page, continuing from a cursor kept in z.cache down through
 *     older items. A pass ends at the "floor": the oldest item that could
 *     still change (open/pending/authorized when last seen), capped by a
 *     30-day lookback. Everything below the floor is final and cannot change
 *     any more, so the pass wraps back to the top there. A change is found
 *     within one pass (pages between the top and the floor × poll interval).
 *  3. Changes the sweep finds (those since the previous pass began) go into a
 *     short journal in the same state, returned for two hours, so two Zaps on
 *     the same connection and trigger, sharing the state, both see them.
 *
 * Cost: 2 requests per poll (1 when the pass restarts at the top: its first
 * sweep page continues right below the newest page). Limits: an item created
 * more than LOOKBACK_DAYS ago that changes state is not seen; changes are
 * reported within one sweep pass (hours, see bench/results/triggers.md), not
 * within one poll; state lost from z.cache (evicted, Zap off for 7 days)
 * restarts the pass and catches up changes of the last day only.
 *
 * The clock is read from Mollie's own timestamps (the newest createdAt /
 * paidAt seen), never from the machine, so the virtual-time benchmark and
 * production behave the same.
 */
import type { Page, PageRequest } from './client';
import type { StateStore } from './pollingState';

export const PAGE_SIZE = 250;
export const LOOKBACK_DAYS = 30;
const DAY_MS = 86_400_000;
const LOOKBACK_MS = LOOKBACK_DAYS * DAY_MS;
/** More than one page of newly created items since the previous poll: read on, up to this many pages. */
const MAX_NEWEST_PAGES = 3;
/** Timestamps have second precision and clocks differ: compare with this much slack. */
const MARGIN_MS = 3_600_000;
const JOURNAL_RETENTION_MS = 2 * 3_600_000;
const JOURNAL_MAX = 250;
/** When the state is lost, changes this far back are still announced (Zapier dedupes those it saw). */
const LOST_STATE_GRACE_MS = DAY_MS;
/** First poll of a Zap: read the whole window to seed Zapier's dedupe, within this budget. */
const POPULATE_MAX_PAGES = 120;
const POPULATE_BUDGET_MS = 18_000;

export type Item = Record<string, unknown> & { id: string };

export interface Listed {
  id: string;
  createdAt: string;
}

export interface ChangeSource<T extends Listed> {
  list: (page: PageRequest) => Promise<Page<T>>;
  /** When the item reached the state the trigger announces, or null when it is not (or not wanted). */
  changedAt: (item: T) => string | null | undefined;
  /** The output item, its id carrying the state (e.g. `tr_x:paid`). */
  toItem: (item: T) => Item;
  /** Whether the item could still reach a wanted state (not final). Omit for sources where items never change. */
  canChange?: (item: T, clock: number) => boolean;
  /** Other timestamps that tell the current time (e.g. paidAt). */
  timestamps?: (item: T) => Array<string | null | undefined>;
}

export interface SweepState {
  v: 1;
  /** The newest createdAt/changed time seen: the clock, read from Mollie's data. */
  clock: number;
  /** createdAt of the newest item seen at the previous poll. */
  top: number;
  cursor: string | null;
  passStartedAt: number;
  prevPassStartedAt: number;
  /** createdAt of the first item of this pass: items above it are covered by the newest page or the next pass. */
  passTop: number | null;
  /** Oldest still-changeable item seen in this pass. */
  passOldestOpen: number | null;
  /** Below this createdAt every item was final when last seen. */
  floor: number;
  journal: Array<{ at: number; changedAt: number; item: Item }>;
}

export interface PollOptions {
  isPopulatingDedupe?: boolean;
}

const time = (value: string | null | undefined): number => (value ? Date.parse(value) : NaN);
const finite = (values: number[]): number[] => values.filter((value) => Number.isFinite(value));

const oldestCreated = <T extends Listed>(page: Page<T>): number =>
  page.items.length ? time(page.items[page.items.length - 1].createdAt) : Infinity;

interface Found {
  changedAt: number;
  item: Item;
}

const qualifying = <T extends Listed>(source: ChangeSource<T>, items: T[]): Found[] =>
  items.flatMap((raw) => {
    const changed = source.changedAt(raw);
    if (!changed) return [];
    const at = time(changed);
    return [{ changedAt: Number.isFinite(at) ? at : time(raw.createdAt), item: source.toItem(raw) }];
  });

const newestFirst = (found: Found[]): Item[] => {
  const seen = new Set<string>();
  return [...found]
    .sort((a, b) => b.changedAt - a.changedAt)
    .filter(({ item }) => (seen.has(item.id) ? false : (seen.add(item.id), true)))
    .map(({ item }) => item);
};

const clockOf = <T extends Listed>(source: ChangeSource<T>, items: T[], previous = 0): number =>
  Math.max(
    previous,
    ...finite(items.flatMap((item) => [time(item.createdAt), time(source.changedAt(item)), ...(source.timestamps?.(item) ?? []).map(time)])),
  );

/** The newest page, and following pages while items created since the previous poll continue beyond it. */
const readNewest = async <T extends Listed>(source: ChangeSource<T>, top: number | undefined) => {
  const pages: Page<T>[] = [];
  let from: string | undefined;
  do {
    const page = await source.list({ from, limit: PAGE_SIZE });
    pages.push(page);
    from = page.nextFrom;
  } while (top !== undefined && from && pages.length < MAX_NEWEST_PAGES && oldestCreated(pages[pages.length - 1]) > top);
  return { items: pages.flatMap((page) => page.items), nextFrom: from };
};

const freshState = (clock: number, top: number, prevPassStartedAt: number): SweepState => ({
  v: 1,
  clock,
  top,
  cursor: null,
  passStartedAt: clock,
  prevPassStartedAt,
  passTop: null,
  passOldestOpen: null,
  floor: clock - LOOKBACK_MS,
  journal: [],
});

/**
 * First poll of a Zap: returns everything in the window that is already in a
 * wanted state, so none of it fires later. Items beyond the newest page are
 * returned as `{ id }` only: Zapier stores their ids and never shows them.
 */
const populate = async <T extends Listed>(
  source: ChangeSource<T>,
  store: StateStore<SweepState>,
  state: SweepState | null,
  newest: { items: T[]; nextFrom?: string },
  clock: number,
): Promise<Item[]> => {
  const started = Date.now();
  const lowerBound = Math.max(state?.floor ?? -Infinity, clock - LOOKBACK_MS);
  const older: Found[] = [];
  let oldestOpen: number | null = null;
  let from = newest.nextFrom;
  let pages = 0;
  while (from && pages < POPULATE_MAX_PAGES && Date.now() - started < POPULATE_BUDGET_MS) {
    pages++;
    const page = await source.list({ from, limit: PAGE_SIZE });
    for (const raw of page.items) if (source.canChange?.(raw, clock)) oldestOpen = Math.min(oldestOpen ?? Infinity, time(raw.createdAt));
    older.push(...qualifying(source, page.items).map(({ changedAt, item }) => ({ changedAt, item: { id: item.id } })));
    from = oldestCreated(page) < lowerBound ? undefined : page.nextFrom;
  }
  if (!state) {
    const top = finite(newest.items.map((item) => time(item.createdAt)));
    const fresh = freshState(clock, top.length ? Math.max(...top) : clock, clock);
    const scannedTop = newest.items.length ? oldestCreated(newest) : clock;
    fresh.floor = Math.max(clock - LOOKBACK_MS, Math.min(oldestOpen ?? Infinity, scannedTop));
    await store.save(fresh);
  }
  return newestFirst([...qualifying(source, newest.items), ...older]);
};

/**
 * One poll: newest page(s) plus one sweep page; see the file comment. Returns
 * items newest first (by the time of the change), unique by id.
 */
export const pollChanges = async <T extends Listed>(
  source: ChangeSource<T>,
  store: StateStore<SweepState>,
  options: PollOptions = {},
): Promise<Item[]> => {
  const loaded = await store.load();
  const state = loaded && loaded.v === 1 ? loaded : loaded === undefined ? undefined : null;
  const newest = await readNewest(source, state?.top);
  const clock = clockOf(source, newest.items, state?.clock);
  const found = qualifying(source, newest.items);
  if (state === undefined) return newestFirst(found);
  const createdTimes = finite(newest.items.map((item) => time(item.createdAt)));
  const top = createdTimes.length ? Math.max(...createdTimes) : (state?.top ?? clock);
  if (!source.canChange) {
    // Refunds and chargebacks are events in themselves, listed by the time they happened: the newest pages suffice.
    await store.save({ ...(state ?? freshState(clock, top, clock)), clock, top });
    return newestFirst(found);
  }
  if (options.isPopulatingDedupe) return populate(source, store, state, newest, clock);

  const next: SweepState = state ? { ...state, clock, top } : freshState(clock, top, clock - LOST_STATE_GRACE_MS);
  const sweepFrom = next.cursor ?? newest.nextFrom;
  let sweepItems: T[] = [];
  let sweepNext: string | undefined;
  if (sweepFrom) {
    const page = await source.list({ from: sweepFrom, limit: PAGE_SIZE });
    sweepItems = page.items;
    sweepNext = page.nextFrom;
  }
  next.clock = clockOf(source, sweepItems, next.clock);
  if (next.cursor === null) next.passTop = sweepItems.length ? time(sweepItems[0].createdAt) : next.clock;
  for (const raw of sweepItems) {
    if (source.canChange(raw, next.clock)) next.passOldestOpen = Math.min(next.passOldestOpen ?? Infinity, time(raw.createdAt));
  }

  const inNewest = new Set(found.map(({ item }) => item.id));
  const discovered = qualifying(source, sweepItems).filter(
    ({ changedAt, item }) => changedAt >= next.prevPassStartedAt - MARGIN_MS && !inNewest.has(item.id),
  );
  const known = new Set(next.journal.map(({ item }) => item.id));
  next.journal = [
    ...discovered.filter(({ item }) => !known.has(item.id)).map((entry) => ({ at: next.clock, ...entry })),
    ...next.journal,
  ]
    .filter((entry) => next.clock - entry.at <= JOURNAL_RETENTION_MS)
    .slice(0, JOURNAL_MAX);

  const lowerBound = Math.max(next.floor, next.clock - LOOKBACK_MS);
  const passDone = !sweepNext || sweepItems.length === 0 || oldestCreated({ items: sweepItems }) < lowerBound;
  if (passDone) {
    next.floor = Math.max(next.clock - LOOKBACK_MS, Math.min(next.passOldestOpen ?? Infinity, next.passTop ?? next.clock));
    next.prevPassStartedAt = next.passStartedAt;
    next.passStartedAt = next.clock;
    next.cursor = null;
    next.passTop = null;
    next.passOldestOpen = null;
  } else {
    next.cursor = sweepNext ?? null;
  }
  await store.save(next);
  return newestFirst([...found, ...next.journal.map(({ changedAt, item }) => ({ changedAt, item }))]);
};
