import { cursorGuard } from '../../http/cursorGuard';
import { hasTimeFor } from '../../http/deadline';
import type { caller } from '../http';
import type { Envelope } from './wire';

/**
 * Pipedrive's search index lags writes by seconds, so a record a run made a
 * moment ago can be missing from search. Its lists read the records
 * themselves: newest first, they show what search may not yet. A list is read
 * on while its page reaches back less than this window before the newest
 * record (the server's "now" is never earlier than that, so nothing younger
 * than the window is skipped).
 */
export const SEARCH_LAG_WINDOW_MS = 5 * 60_000;
const PAGE_SIZE = 100;
const MAX_PAGES = 5;
const PAGE_TIME_MS = 2_000;

type Call = ReturnType<typeof caller>;
const addedAt = (record: { add_time?: string } | undefined) =>
  record?.add_time ? Date.parse(record.add_time) : Number.NaN;

export const recentlyAdded = async <T extends { id: number; add_time?: string }>(
  call: Call,
  path: string,
  params: Record<string, string>,
  keep: (record: T) => boolean,
): Promise<T[]> => {
  const kept: T[] = [];
  let cursor: string | undefined;
  let newest = Number.NaN;
  const pages = cursorGuard('pipedrive');
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await call<Envelope<T[]>>('GET', path, {
      params: {
        ...params,
        sort_by: 'add_time',
        sort_direction: 'desc',
        limit: String(PAGE_SIZE),
        ...(cursor ? { cursor } : {}),
      },
    });
    const records = data.data ?? [];
    kept.push(...records.filter(keep));
    if (Number.isNaN(newest)) newest = addedAt(records[0]);
    const oldest = addedAt(records[records.length - 1]);
    const next: string | undefined = data.additional_data?.next_cursor ?? undefined;
    cursor = next ? pages.next(next, cursor) : undefined;
    const reachesBackEnough = !(oldest >= newest - SEARCH_LAG_WINDOW_MS);
    if (!cursor || records.length === 0 || reachesBackEnough || !hasTimeFor(PAGE_TIME_MS)) break;
  }
  return kept;
};
