/**
 * Pipedrive's custom field lists (deal fields, organization fields), every page of them. The list comes
 * in offset pages (`start`, `limit` up to 500, 100 unless asked) and says under
 * `additional_data.pagination` whether more follow and where the next page starts: a big account has
 * more fields than one page, and a field looked for on a later page must be found, never made twice.
 */
import type { ZObject } from 'zapier-platform-core';
import { hasTimeFor } from '../../http/deadline';
import type { caller } from '../http';

export interface Field {
  key: string;
  name: string;
}
export type FieldKind = 'organizationFields' | 'dealFields';

/** Pipedrive's largest page: most accounts read in one request. */
export const FIELDS_PAGE_LIMIT = 500;
/** More pages than any account has fields for (10,000): past it the list is not moving on. */
const MAX_PAGES = 20;
const PAGE_TIME_MS = 2_000;
const LABELS: Record<FieldKind, string> = {
  dealFields: 'deal fields',
  organizationFields: 'organization fields',
};

interface FieldsPage {
  data: Field[] | null;
  additional_data?: {
    pagination?: { start?: number; more_items_in_collection?: boolean; next_start?: number };
  };
}

/** Every field of this kind, page after page; a page that does not move on stops the read with an error naming Pipedrive. */
export async function allFields(
  z: ZObject,
  call: ReturnType<typeof caller>,
  kind: FieldKind,
): Promise<Field[]> {
  const fields: Field[] = [];
  for (let start = 0, page = 1; ; page++) {
    const { data } = await call<FieldsPage>('GET', `/api/v1/${kind}`, {
      params: { start: String(start), limit: String(FIELDS_PAGE_LIMIT) },
    });
    fields.push(...(data.data ?? []));
    const pagination = data.additional_data?.pagination;
    if (!pagination?.more_items_in_collection) return fields;
    const next = pagination.next_start;
    if (typeof next !== 'number' || !Number.isInteger(next) || next <= start || page >= MAX_PAGES) {
      throw new z.errors.Error(
        `Pipedrive's list of ${LABELS[kind]} does not move on (after the page from ${start} it names ${next === undefined ? 'no next page' : `the next from ${JSON.stringify(next)}`}), so it was not read to the end. Try again later; if it persists, Pipedrive's support can look at the ${LABELS[kind]}.`,
        'VendorPaging',
        502,
      );
    }
    if (!hasTimeFor(PAGE_TIME_MS)) {
      throw new z.errors.ThrottledError(
        `Pipedrive has more than ${fields.length} ${LABELS[kind]}; this run had no time to read them all, so Zapier will try again.`,
        60,
      );
    }
    start = next;
  }
}
