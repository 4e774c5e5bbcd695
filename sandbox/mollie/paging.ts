import type { SandboxRequest, SandboxResponse } from '../http';
import type { MollieStore } from './store';
import type { Mode } from './types';
import * as views from './views';

/** What a list needs of its request: the query, who asks, and the origin its links name. */
export interface ListContext {
  req: SandboxRequest;
  caller: { mode: Mode; profileId: string | null };
  base: string;
}
type Check = (cond: boolean, detail: string, field: string, status?: number) => void;

/**
 * Mollie's cursor pages: newest first (or `sort=asc`), `limit` 1..250 (50 unless given), `from` an item id
 * (inclusive), HAL links to the previous and next pages on the origin the client addressed.
 */
export function pager(store: MollieStore, check: Check) {
  // Items are only removed through deletions (counted in the key), so a list with as many items as last time is the same list: reuse its order
  // (keeps 30-day simulations with tens of thousands of payments fast).
  const sortedLists = new Map<string, { length: number; list: unknown[] }>();
  function newestFirst<T extends { id: string; createdAt: Date }>(path: string, caller: ListContext['caller'], items: T[]): readonly T[] {
    const memo = `${path}:${caller.mode}:${caller.profileId ?? ''}:${store.deletions}`;
    const cached = sortedLists.get(memo);
    if (cached && cached.length === items.length) return cached.list as T[];
    const list = [...items].reverse().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    sortedLists.set(memo, { length: items.length, list });
    return list;
  }

  return function page<T extends { id: string; createdAt: Date }>(ctx: ListContext, items: T[], key: string, render: (t: T) => views.Json): SandboxResponse {
    const q = ctx.req.query;
    const limitText = q.get('limit');
    const limit = limitText === null || limitText === '' ? 50 : Number(limitText);
    check(Number.isInteger(limit) && limit >= 1 && limit <= 250, 'The limit must be an integer between 1 and 250.', 'limit', 400);
    const sort = q.get('sort') ?? 'desc';
    check(sort === 'asc' || sort === 'desc', "The sort must be 'asc' or 'desc'.", 'sort', 400);
    const list = [...newestFirst(ctx.req.path, ctx.caller, items)];
    if (sort === 'asc') list.reverse();
    const from = q.get('from');
    const start = from ? list.findIndex((x) => x.id === from) : 0;
    check(start >= 0, 'Invalid cursor value', 'from', 400);
    const href = (cursor: string) => {
      const next = new URLSearchParams({ from: cursor, limit: String(limit) });
      q.forEach((value, name) => name !== 'from' && name !== 'limit' && next.append(name, value));
      return views.link(`${ctx.base}${ctx.req.path}?${next}`);
    };
    const slice = list.slice(start, start + limit);
    const query = q.toString();
    return {
      status: 200,
      body: {
        count: slice.length,
        _embedded: { [key]: slice.map(render) },
        _links: {
          self: views.link(`${ctx.base}${ctx.req.path}${query ? `?${query}` : ''}`),
          previous: start > 0 ? href(list[Math.max(0, start - limit)].id) : null,
          next: start + limit < list.length ? href(list[start + limit].id) : null,
          documentation: views.docs('pagination'),
        },
      },
    };
  };
}
