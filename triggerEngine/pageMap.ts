/**
 * Polling that fires on status changes, also ones that happen days after a
 * payment (or payment link) was created, at a cost that does not grow with
 * the size of the account.
 *
 * Mollie lists newest first by creation, with no status filter and no
 * updatedAt. But a page read with `from=<id>` is stable: it always holds the
 * same 250 items (newer ones are added above it). So the poller keeps a
 * **page map** in z.cache: the anchor of every page that still holds an item
 * that can change (open, pending, authorized), with when it was last read.
 * Pages whose items are all final are forgotten: they can never change again.
 *
 * Each poll reads, inside its time budget:
 *  1. The newest page. Every item there in a wanted state is returned with an
 *     id that carries the state (`tr_x:paid`), so Zapier's dedupe fires each
 *     change once. When 200 items have arrived since the newest mapped page,
 *     the newest page itself becomes a mapped page (no extra request); after a
 *     burst of more than a page it reads on until it reaches the map.
 *  2. Pages not mapped yet: the rest of the window when a Zap's first poll ran
 *     out of time, or after a reset or a lost state.
 *  3. Re-reads of mapped pages (triggerEngine/schedule.ts): a page is due
 *     again REREAD_MS after it was last read. A poll with a due page re-reads
 *     the due ones (most changeable first) and those falling due soon, so the
 *     following polls stay light. A poll without a due page spends at most
 *     LIGHT_REQUESTS requests in all, on the pages most likely to have changed
 *     (open items × time since read).
 * A re-read page returns what changed since it was last read (changedAt at or
 * after its previous read, by Mollie's timestamps); such changes also go into
 * a short journal, returned for two hours, so two Zaps sharing one state (same
 * connection and trigger) both see them.
 *
 * Time: every loop stops inside the run's deadline (http/deadline.ts) and a
 * poll's own budget; what it did not reach stays in the map for the next poll.
 * A page that answers with a 4xx (its anchor was deleted) resets the map: the
 * window is explored again from the top, announcing changes since the oldest
 * read of the forgotten pages.
 *
 * Limits: a change to an item created more than LOOKBACK_DAYS ago is not
 * seen; a late change is seen within REREAD_MS (plus one poll when a burst of
 * pages is due at once), not on the next poll. State lost from z.cache
 * restarts the map: the window is explored again and changes of the last day
 * are still announced (Zapier dedupes those it already saw); older changes
 * made while the state was gone are not.
 */
import { hasTimeFor, nowMs } from '../http/deadline';
import type { Page, PageRequest } from '../mollie/client';
import type { StateStore } from './state';
import { rereadOrder, type Scheduled } from './schedule';

export const PAGE_SIZE = 250;
export const LOOKBACK_DAYS = 30;
const DAY_MS = 86_400_000;
const LOOKBACK_MS = LOOKBACK_DAYS * DAY_MS;
/** Items above the newest mapped page after which the newest page joins the map (< PAGE_SIZE, so pages overlap). */
const REMAP_AT = 200;
/** Mollie timestamps have second precision and may become visible slightly late: compare with this much slack. */
const MARGIN_MS = 10 * 60_000;
const JOURNAL_RETENTION_MS = 2 * 3_600_000;
const JOURNAL_MAX = 250;
/** When the state is lost, changes this far back are still announced (Zapier dedupes those it saw). */
export const LOST_STATE_GRACE_MS = DAY_MS;
/** A poll without a due page spends at most this many requests. */
export const LIGHT_REQUESTS = 3;
/** What one poll may spend on requests, and the first poll of a Zap (both inside the run's 25 s deadline). */
export const POLL_BUDGET_MS = 9_500;
export const POPULATE_BUDGET_MS = 18_000;
/** Kept free of the run's deadline for one more request and the answer. */
const REQUEST_RESERVE_MS = 2_500;

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
  /** False for an item that lacks a field its spec requires: it is skipped, never turned into output. */
  readable?: (item: T) => boolean;
}

/** A stable page: the PAGE_SIZE items from `from` downwards. */
export interface MappedPage extends Scheduled {
  from: string;
  /** Mollie's clock when it was last read: changes at or after this (less MARGIN_MS) are new. */
  readAt: number;
  /** createdAt of its first item. */
  top: number;
}

/** Pages still to be read into the map: from `from` down to `untilId` (or createdAt `until`), announcing changes at or after `since`. */
export interface Frontier {
  from: string;
  until: number;
  untilId?: string;
  /** -1 for a burst of new items at the top: every wanted item there is new. */
  since: number;
}

export interface PageMapState {
  v: 2;
  /** The newest createdAt/changed time seen: the clock, read from Mollie's data. */
  clock: number;
  /** Anchor and createdAt of the newest mapped page: items above it are covered by the newest page. */
  topId: string | null;
  topAt: number;
  pages: MappedPage[];
  frontiers: Frontier[];
  journal: Array<{ at: number; changedAt: number; item: Item }>;
}

export interface PollOptions {
  isPopulatingDedupe?: boolean;
}

const time = (value: string | null | undefined): number => (value ? Date.parse(value) : NaN);
const oldestCreated = <T extends Listed>(items: T[]): number =>
  items.length ? time(items[items.length - 1].createdAt) : Infinity;

export interface Found {
  changedAt: number;
  item: Item;
}

/** The items in a wanted state whose change is at or after `since`. */
export const qualifying = <T extends Listed>(
  source: ChangeSource<T>,
  items: T[],
  since = -Infinity,
): Found[] => {
  const found: Found[] = [];
  for (const raw of items) {
    if (source.readable && !source.readable(raw)) continue;
    const changed = source.changedAt(raw);
    if (!changed) continue;
    const at = Number.isFinite(time(changed)) ? time(changed) : time(raw.createdAt);
    if (at >= since) found.push({ changedAt: at, item: source.toItem(raw) });
  }
  return found;
};

/** Items newest first (by the time of the change), unique by id. */
export const newestFirst = (found: Found[]): Item[] => {
  const seen = new Set<string>();
  return [...found]
    .sort((a, b) => b.changedAt - a.changedAt)
    .filter(({ item }) => (seen.has(item.id) ? false : (seen.add(item.id), true)))
    .map(({ item }) => item);
};

/** The items of `items` in a wanted state, newest first: what a page shows without any state. */
export const wantedItems = <T extends Listed>(source: ChangeSource<T>, items: T[]): Item[] =>
  newestFirst(qualifying(source, items));

/** Lists are newest first by creation, so the first item tells the newest createdAt; changes tell the rest. */
export const clockOf = <T extends Listed>(source: ChangeSource<T>, items: T[], previous = 0): number => {
  let clock = Math.max(previous, items.length ? time(items[0].createdAt) || previous : previous);
  for (const item of items) {
    for (const stamp of source.timestamps?.(item) ?? [source.changedAt(item)]) {
      const at = time(stamp);
      if (at > clock) clock = at;
    }
  }
  return clock;
};

/** The status of a Mollie error a stale `from` (deleted item) can cause: any 4xx but 401, 403 and 429, which every request would get. */
export const staleCursorStatus = (error: unknown): number | undefined => {
  const direct = (error as { status?: unknown } | null)?.status;
  let status = typeof direct === 'number' ? direct : undefined;
  if (status === undefined) {
    try {
      status = (JSON.parse((error as Error).message) as { status?: number }).status;
    } catch {
      return undefined;
    }
  }
  return typeof status === 'number' && status >= 400 && status < 500 && ![401, 403, 429].includes(status)
    ? status
    : undefined;
};

class StaleCursor extends Error {}

/** One poll's reading: counts requests and stops inside the poll's budget and the run's deadline. */
class Reader<T extends Listed> {
  requests = 0;
  private readonly started = nowMs();
  constructor(
    private readonly source: ChangeSource<T>,
    private readonly budgetMs: number,
  ) {}
  canRead(limit = Infinity): boolean {
    return this.requests < limit && nowMs() - this.started < this.budgetMs && hasTimeFor(REQUEST_RESERVE_MS);
  }
  async read(from?: string): Promise<Page<T>> {
    this.requests++;
    try {
      return await this.source.list({ from, limit: PAGE_SIZE });
    } catch (error) {
      if (from && staleCursorStatus(error) !== undefined) throw new StaleCursor((error as Error).message);
      throw error;
    }
  }
}

const freshState = (clock: number): PageMapState => ({
  v: 2,
  clock,
  topId: null,
  topAt: -Infinity,
  pages: [],
  frontiers: [],
  journal: [],
});

/** The poll in progress: the state it changes and what it found. */
class Poll<T extends Listed> {
  /** Changes found below the newest page (they go into the journal). */
  readonly found: Found[] = [];
  /** During populate: every wanted item read, to seed Zapier's dedupe. */
  readonly seeds: Found[] = [];
  readonly reader: Reader<T>;

  constructor(
    readonly source: ChangeSource<T>,
    readonly state: PageMapState,
    readonly populating: boolean,
    /** During populate over an existing state: changes at or after this still go to the journal, for Zaps sharing it. */
    private readonly journalSince = Infinity,
  ) {
    this.reader = new Reader(source, populating ? POPULATE_BUDGET_MS : POLL_BUDGET_MS);
  }

  /** Remembers a page read at `from` when it holds something that can still change. */
  private remember(items: T[]) {
    if (!items.length) return;
    const from = items[0].id;
    const open = items.filter((item) => this.source.canChange!(item, this.state.clock)).length;
    this.state.pages = this.state.pages.filter((page) => page.from !== from);
    if (open > 0)
      this.state.pages.push({
        from,
        readAt: this.state.clock,
        seenAt: nowMs(),
        open,
        top: time(items[0].createdAt),
      });
  }

  private take(items: T[], since: number) {
    const readAt = this.state.clock;
    this.state.clock = clockOf(this.source, items, readAt);
    if (!this.populating) return this.found.push(...qualifying(this.source, items, since));
    const all = qualifying(this.source, items);
    this.seeds.push(...all);
    this.found.push(...all.filter(({ changedAt }) => changedAt >= this.journalSince));
  }

  /** The newest page; keeps the map's top joined to it (mapping it, or reading on after a burst). */
  async readTop(sinceForNewMap: (clock: number) => number) {
    const { state } = this;
    const newest = await this.reader.read();
    const items = newest.items;
    state.clock = clockOf(this.source, items, state.clock);
    if (this.populating) this.seeds.push(...qualifying(this.source, items));
    if (!items.length) return newest;
    this.refreshCovered(items, !newest.nextFrom);
    const index = state.topId === null ? -1 : items.findIndex((item) => item.id === state.topId);
    if (state.topId === null) {
      if (newest.nextFrom)
        state.frontiers.push({
          from: newest.nextFrom,
          until: state.clock - LOOKBACK_MS,
          since: sinceForNewMap(state.clock),
        });
    } else if (index < 0 && newest.nextFrom && oldestCreated(items) >= state.topAt) {
      // More than a page arrived since the previous poll: read on until the map is reached.
      state.frontiers.unshift({ from: newest.nextFrom, until: state.topAt, untilId: state.topId, since: -1 });
    }
    if (state.topId === null || index < 0 || index >= REMAP_AT) {
      this.remember(items);
      state.topId = items[0].id;
      state.topAt = time(items[0].createdAt);
    }
    return newest;
  }

  /**
   * Mapped pages the newest page holds in full (it starts at their anchor, or it is the account's last page) are
   * refreshed from it for free: every wanted item on it is returned anyway.
   */
  private refreshCovered(items: T[], lastPage: boolean) {
    const position = new Map(items.map((item, index) => [item.id, index]));
    for (const page of [...this.state.pages]) {
      const index = position.get(page.from);
      if (index === undefined || (index > 0 && !lastPage)) continue;
      this.remember(items.slice(index));
    }
  }

  /** Reads one frontier page into the map; drops the frontier when it is done. */
  private async explore(frontier: Frontier) {
    const page = await this.reader.read(frontier.from);
    this.take(page.items, frontier.since === -1 ? -Infinity : frontier.since);
    this.remember(page.items);
    const reached =
      page.items.some((item) => item.id === frontier.untilId) || oldestCreated(page.items) < frontier.until;
    if (reached || !page.nextFrom)
      this.state.frontiers = this.state.frontiers.filter((other) => other !== frontier);
    else frontier.from = page.nextFrom;
  }

  async exploreFrontiers(onlyBursts: boolean, limit = Infinity) {
    while (this.state.frontiers.length && this.reader.canRead(limit)) {
      const frontier = this.state.frontiers[0];
      if (onlyBursts && frontier.since !== -1) return;
      await this.explore(frontier);
    }
  }

  private async reread(page: MappedPage) {
    const read = await this.reader.read(page.from);
    this.take(read.items, page.readAt - MARGIN_MS);
    this.state.pages = this.state.pages.filter((other) => other !== page);
    this.remember(read.items);
  }

  /** Unmapped pages first (they may hold unannounced changes), then due pages and those falling due soon; or, without a due page, the hottest within LIGHT_REQUESTS. */
  async rereadPages() {
    await this.exploreFrontiers(false);
    const lowerBound = this.state.clock - LOOKBACK_MS;
    this.state.pages = this.state.pages.filter((page) => page.top >= lowerBound);
    const { due, order } = rereadOrder(this.state.pages, nowMs());
    const limit = due ? Infinity : LIGHT_REQUESTS;
    for (const page of order) {
      if (!this.reader.canRead(limit)) break;
      await this.reread(page);
    }
  }

  /** Forgets the map (an anchor answered 4xx) and explores the window again below the newest page. */
  reset(newestNext: string | undefined) {
    // A burst frontier holds only items created after every page was last read, so the oldest read covers it too.
    const reads = [
      ...this.state.pages.map((page) => page.readAt - MARGIN_MS),
      ...this.state.frontiers.filter((f) => f.since !== -1).map((f) => f.since),
    ];
    const since = reads.length ? Math.min(...reads) : this.state.clock - LOST_STATE_GRACE_MS;
    this.state.pages = [];
    this.state.frontiers = newestNext
      ? [
          {
            from: newestNext,
            until: this.state.clock - LOOKBACK_MS,
            since: Math.max(since, this.state.clock - LOOKBACK_MS),
          },
        ]
      : [];
  }
}

/**
 * One poll; see the file comment. Returns items newest first (by the time of
 * the change), unique by id.
 */
export const pollChanges = async <T extends Listed>(
  source: ChangeSource<T>,
  store: StateStore<PageMapState>,
  options: PollOptions = {},
): Promise<Item[]> => {
  const loaded = await store.load();
  const previous = loaded?.v === 2 ? loaded : null;
  const populating = options.isPopulatingDedupe === true;
  /** A poll without a state (a new account, a lost or expired state) announces the last day, never a whole newest page. */
  const since = (clock: number) => (previous || populating ? -Infinity : clock - LOST_STATE_GRACE_MS);
  if (loaded === undefined || !source.canChange) {
    // No state (z.cache unavailable), or a source whose items are events listed when they happen (refunds, chargebacks).
    const newest = await source.list({ limit: PAGE_SIZE });
    if (loaded === undefined) return wantedItems(source, newest.items);
    const clock = clockOf(source, newest.items, previous?.clock);
    await store.save({ ...(previous ?? freshState(0)), clock });
    return newestFirst(qualifying(source, newest.items, since(clock)));
  }
  // Turning a Zap on starts a new map (nothing before it fires); a lost state announces the last day while the map is rebuilt.
  const state = previous && !populating ? previous : freshState(previous?.clock ?? 0);
  const journalSince =
    populating && previous?.pages.length
      ? Math.min(...previous.pages.map((page) => page.readAt)) - MARGIN_MS
      : Infinity;
  const poll = new Poll(source, state, populating, journalSince);
  const newest = await poll.readTop((clock) => (populating ? clock : clock - LOST_STATE_GRACE_MS));
  try {
    await poll.exploreFrontiers(true);
    if (populating) await poll.exploreFrontiers(false);
    else await poll.rereadPages();
  } catch (error) {
    if (!(error instanceof StaleCursor)) throw error;
    poll.reset(newest.nextFrom);
  }

  const inNewest = new Set(wantedItems(source, newest.items).map((item) => item.id));
  const journaled = new Set(state.journal.map(({ item }) => item.id));
  state.journal = [
    ...poll.found
      .filter(({ item }) => !inNewest.has(item.id) && !journaled.has(item.id))
      .map((entry) => ({ at: state.clock, ...entry })),
    ...state.journal,
  ]
    .filter((entry) => state.clock - entry.at <= JOURNAL_RETENTION_MS)
    .slice(0, JOURNAL_MAX);
  await store.save(state);
  if (populating) {
    // Items beyond the newest page are returned as `{ id }` only: Zapier stores their ids and never shows them.
    return newestFirst(poll.seeds).map((item) => (inNewest.has(item.id) ? item : { id: item.id }));
  }
  return newestFirst([
    ...qualifying(source, newest.items, since(state.clock)),
    ...poll.found,
    ...state.journal.map(({ changedAt, item }) => ({ changedAt, item })),
  ]);
};
