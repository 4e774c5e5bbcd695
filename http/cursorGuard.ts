/**
 * Paging the vendors drive: a list's next cursor comes from the vendor, and a
 * vendor that answers a cursor already read (a loop), the page just read (a
 * repeat), or a page on another host would have a loop read forever, or until
 * the run's time is up and Zapier tries again, and again. This guard stops the
 * reading at the first such cursor, a few requests in, with an error naming
 * the vendor. It is not retried: the same answer would come back.
 *
 * A guard remembers every page's next cursor; lists run one way (newest to
 * oldest, page 1 to n), so a next cursor that leads back to the page just
 * read is a circle. A page read again by another walk is no circle.
 */
import { errors } from 'zapier-platform-core';
import type { Vendor } from './endpoints';
import { apiBase, VENDOR_LABELS } from './endpoints';

/** The error a looping, repeating or foreign cursor ends a walk with. */
export const cursorError = (vendor: Vendor, what: string, pages: number): Error =>
  new errors.Error(
    `${VENDOR_LABELS[vendor]} answered a list page whose next page ${what}. The app stopped reading after ${pages} page${pages === 1 ? '' : 's'} ` +
      `instead of reading in a circle; nothing was left half done. This is on ${VENDOR_LABELS[vendor]}'s side: try again later, and tell the app's support if it keeps happening.`,
    'VendorPagingLoop',
    502,
  );

const shownCursor = (cursor: string) =>
  JSON.stringify(cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor);

export interface CursorGuard {
  /**
   * The cursor of the page after the one read with `current` (undefined: the first page). Throws when it is
   * the page just read, or when following the cursors seen so far from it leads back to `current`; returns it otherwise.
   */
  next<C extends string | number>(cursor: C, current?: C): C;
  /** Pages this guard has seen answered. */
  readonly pages: number;
}

const FIRST = '\u0000first';

/**
 * Remembers each page's next cursor (an edge from page to page). Lists only go one way, so a cursor whose
 * chain of remembered next pages comes back to the page just read is a circle; reading the same page
 * again (another walk from a stored cursor) is not, as long as the vendor answers it the same way.
 */
export const cursorGuard = (vendor: Vendor): CursorGuard => {
  const after = new Map<string, string>();
  let pages = 0;
  return {
    next(cursor, current) {
      pages += 1;
      const from = current === undefined ? FIRST : String(current);
      const to = String(cursor);
      if (to === from) throw cursorError(vendor, `is the page it is on (${shownCursor(to)})`, pages);
      let node: string | undefined = to;
      for (let steps = 0; node !== undefined && steps <= after.size; steps++) {
        if (node === from) throw cursorError(vendor, `is one already read (${shownCursor(to)})`, pages);
        node = after.get(node);
      }
      after.set(from, to);
      return cursor;
    },
    get pages() {
      return pages;
    },
  };
};

/**
 * The cursor a vendor's "next" link carries, read only from a link to the same API and list:
 * another host (or another path) is refused, never followed or read.
 */
export const nextLinkCursor = (
  vendor: Vendor,
  href: string,
  listPath: string,
  parameter: string,
  pages: number,
): string | undefined => {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw cursorError(vendor, `is not a web address (${shownCursor(href)})`, pages);
  }
  const base = new URL(apiBase(vendor));
  if (url.origin !== base.origin)
    throw cursorError(vendor, `is on another host (${url.host.slice(0, 60)})`, pages);
  if (url.pathname.replace(/\/+$/, '') !== listPath.replace(/\/+$/, ''))
    throw cursorError(vendor, `is in another list (${shownCursor(url.pathname)})`, pages);
  return url.searchParams.get(parameter) ?? undefined;
};
