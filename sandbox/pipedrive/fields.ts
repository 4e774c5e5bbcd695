import type { Router, SandboxRequest, SandboxResponse } from '../http';
import type { Field, FieldKind, PipedriveStore } from './store';

/** Pipedrive's offset pages (v1 lists): `start` from 0, `limit` 100 unless given, at most 500. */
export const FIELDS_PAGE_DEFAULT = 100;
const FIELDS_PAGE_MAX = 500;

type Ok = (data: unknown, status?: number, additional?: unknown) => SandboxResponse;
type Reject = (status: number, error: string) => never;
const FIELD_TYPES = new Set(['address', 'date', 'daterange', 'double', 'enum', 'monetary', 'org', 'people', 'phone', 'set', 'text', 'time', 'timerange', 'user', 'varchar', 'varchar_auto', 'visible_to']);

/** A custom field as the v1 field lists show it. */
const fieldView = (field: Field, order: number) => ({
  id: field.id,
  key: field.key,
  name: field.name,
  order_nr: order,
  field_type: field.field_type,
  add_time: field.add_time.replace('T', ' ').slice(0, 19),
  update_time: field.add_time.replace('T', ' ').slice(0, 19),
  last_updated_by_user_id: 1,
  created_by_user_id: 1,
  active_flag: true,
  edit_flag: true,
  index_visible_flag: true,
  details_visible_flag: true,
  add_visible_flag: true,
  important_flag: false,
  bulk_edit_allowed: true,
  searchable_flag: true,
  filtering_allowed: true,
  sortable_flag: true,
  mandatory_flag: false,
});

const whole = (raw: string | null, fallback: number): number => (raw === null || raw === '' ? fallback : /^\d+$/.test(raw) ? Number(raw) : NaN);

/**
 * The v1 deal and organization field endpoints: a list in offset pages, with where the next page starts
 * under `additional_data.pagination` (Pipedrive's documentation; the SDK's model puts the numbers one level up),
 * one field by id, and adding a custom field.
 */
export function fieldRoutes(router: Router, store: PipedriveStore, ok: Ok, reject: Reject): void {
  for (const kind of ['dealFields', 'organizationFields'] as FieldKind[]) {
    router
      .add('GET', `/api/v1/${kind}`, (req: SandboxRequest) => {
        const start = whole(req.query.get('start'), 0);
        const limit = whole(req.query.get('limit'), FIELDS_PAGE_DEFAULT);
        if (!Number.isInteger(start)) reject(400, 'start must be a non-negative integer');
        if (!Number.isInteger(limit) || limit < 1 || limit > FIELDS_PAGE_MAX) reject(400, `limit must be between 1 and ${FIELDS_PAGE_MAX}`);
        const all = store.fields(kind);
        const more = start + limit < all.length;
        const pagination = { start, limit, more_items_in_collection: more, ...(more ? { next_start: start + limit } : {}) };
        return ok(all.slice(start, start + limit).map((field, i) => fieldView(field, start + i + 1)), 200, { pagination });
      })
      .add('GET', `/api/v1/${kind}/:id`, (_req: SandboxRequest, { id }) => {
        const at = store.fields(kind).findIndex((field) => String(field.id) === id);
        return at >= 0 ? ok(fieldView(store.fields(kind)[at], at + 1)) : reject(404, 'Field not found');
      })
      .add('POST', `/api/v1/${kind}`, (req: SandboxRequest) => {
        const { name, field_type } = parse(req, reject) as { name?: unknown; field_type?: unknown };
        if (typeof name !== 'string' || !name.trim()) reject(400, 'Field name must be given.');
        if (typeof field_type !== 'string' || !FIELD_TYPES.has(field_type)) reject(400, 'Field type must be one of the documented types.');
        const field = store.addField(kind, (name as string).trim(), field_type as string);
        return ok(fieldView(field, store.fields(kind).length), 201);
      });
  }
}

export const parse = (req: SandboxRequest, reject: Reject): Record<string, unknown> => {
  try {
    return req.rawBody ? (JSON.parse(req.rawBody) as Record<string, unknown>) : {};
  } catch {
    return reject(400, 'Invalid JSON');
  }
};
