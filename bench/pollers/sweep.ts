/**
 * The sweep poller the triggers used before the page map (triggerEngine/pageMap.ts
 * until the page map replaced it), kept as the benchmark's baseline: the
 * newest page plus ONE sweep page per poll, walking down to the oldest
 * still-open payment and wrapping, so a late change waits for the pass.
 */
import type { ChangeSource, Item, Listed } from '../../triggerEngine/pageMap';
import { clockOf, newestFirst, PAGE_SIZE, qualifying } from '../../triggerEngine/pageMap';
import type { Page } from '../../mollie/client';
import type { StateStore } from '../../triggerEngine/state';

const DAY_MS = 86_400_000;
const LOOKBACK_MS = 30 * DAY_MS;
const MAX_NEWEST_PAGES = 3;
const MARGIN_MS = 3_600_000;
const JOURNAL_RETENTION_MS = 2 * 3_600_000;
const JOURNAL_MAX = 250;
const LOST_STATE_GRACE_MS = DAY_MS;
const POPULATE_MAX_PAGES = 120;
const POPULATE_BUDGET_MS = 18_000;

export interface SweepState {
  v: 1;
  clock: number;
  top: number;
  cursor: string | null;
  passStartedAt: number;
  prevPassStartedAt: number;
  passTop: number | null;
  passOldestOpen: number | null;
  floor: number;
  journal: Array<{ at: number; changedAt: number; item: Item }>;
}

interface Found {
  changedAt: number;
  item: Item;
}

const time = (value: string | null | undefined): number => (value ? Date.parse(value) : NaN);
const finite = (values: number[]): number[] => values.filter((value) => Number.isFinite(value));
const oldestCreated = <T extends Listed>(page: Page<T>): number =>
  page.items.length ? time(page.items[page.items.length - 1].createdAt) : Infinity;

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
export const pollSweep = async <T extends Listed>(
  source: ChangeSource<T>,
  store: StateStore<SweepState>,
  options: { isPopulatingDedupe?: boolean } = {},
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
