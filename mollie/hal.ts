/**
 * The one HAL client every Mollie endpoint goes through (payments, refunds,
 * links, profiles, webhooks, settlements, balances): requests over z.request
 * (so Zapier's logging, the middleware's credentials and error classes, and
 * nock see each one), and lists read page by page with `from`, Mollie's
 * cursor, taken from `_links.next` only when that link is to the same API and
 * list, and never when it leads back to a page already read (http/cursorGuard.ts).
 */
import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { cursorGuard, nextLinkCursor } from '../http/cursorGuard';
import { apiBase } from '../http/endpoints';
import { passStatuses } from '../http/middleware';
import { reachVendor } from '../http/network';

export interface Page<T> {
  items: T[];
  /** The id to pass as `from` for the next page; absent on the last page. */
  nextFrom?: string;
}

export interface PageRequest {
  from?: string;
  limit?: number;
}

export interface HalList {
  _embedded?: Record<string, unknown[]>;
  _links?: { next?: { href?: string } | null };
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type Params = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  params?: Params;
  body?: object;
  headers?: Record<string, string>;
  /** Statuses the caller handles itself: the answer comes back instead of an error. */
  pass?: number[];
}

const definedOnly = (params: Params = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  );

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const halClient = (z: ZObject) => {
  const guard = cursorGuard('mollie');
  const url = (path: string) => `${apiBase('mollie')}/v2/${path}`;

  /** The whole answer (status, data, headers), for a caller that reads more than the data (a refusal's own words). */
  const answer = <T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResponse<T>> =>
    reachVendor(z, 'mollie', () =>
      z.request<T>({
        method,
        url: url(path),
        params: definedOnly(options.params),
        body: options.body as Record<string, unknown> | undefined,
        headers: options.headers,
        ...(options.pass?.length ? passStatuses(...options.pass) : {}),
      }),
    );

  const request = async <T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
  ): Promise<{ status: number; data: T }> => {
    const response = await answer<T>(method, path, options);
    return { status: response.status, data: response.data };
  };

  /** One page of a list; a passed status (e.g. 403 without a scope) gives no items and that status. */
  const page = async <T>(
    path: string,
    key: string,
    params: Params = {},
    pass: number[] = [],
  ): Promise<Page<T> & { status: number }> => {
    const { status, data } = await request<HalList>('GET', path, { params, pass });
    if (pass.includes(status)) return { items: [], status };
    const embedded = isRecord(data) && isRecord(data._embedded) ? data._embedded[key] : undefined;
    if (embedded !== undefined && !Array.isArray(embedded)) {
      throw new z.errors.HaltedError(
        `Mollie answered a list whose ${key} are not a list; nothing was read from it.`,
      );
    }
    const href = data?._links?.next?.href;
    const from = params.from === undefined ? undefined : String(params.from);
    const next = href
      ? nextLinkCursor('mollie', href, new URL(url(path)).pathname, 'from', guard.pages + 1)
      : undefined;
    const nextFrom =
      next === undefined
        ? undefined
        : guard
            .next(`${path}|${next}`, from === undefined ? undefined : `${path}|${from}`)
            .slice(path.length + 1);
    return { items: (embedded ?? []) as T[], nextFrom, status };
  };

  return { answer, request, page };
};

export type HalClient = ReturnType<typeof halClient>;
