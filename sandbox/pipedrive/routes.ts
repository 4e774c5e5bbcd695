import { Router, type Handler, type SandboxRequest, type SandboxResponse } from '../http';
import { fieldRoutes, parse } from './fields';
import type { Deal, Json, Org, Person, PipedriveStore } from './store';

export { PipedriveStore, PIPEDRIVE_SEARCH_LAG_MS } from './store';

const json = (body: unknown, status = 200): SandboxResponse => ({ status, body, headers: { 'Content-Type': 'application/json' } });
export const pipedriveError = (status: number, error: string, info = ''): SandboxResponse => json({ success: false, error, error_info: info, data: null }, status);

class Reject extends Error {
  constructor(readonly response: SandboxResponse) {
    super('rejected');
  }
}
const reject = (status: number, error: string): never => {
  throw new Reject(pipedriveError(status, error));
};
const body = (req: SandboxRequest): Json => parse(req, reject);

/** v2 times are RFC 3339 without fractions ("2024-01-01T10:00:00Z"). */
const rfc3339 = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

export function pipedriveRoutes(store: PipedriveStore, tokens: string[]): Handler {
  const ok = (data: unknown, status = 200, additional?: unknown) => json({ success: true, data, ...(additional ? { additional_data: additional } : {}) }, status);
  /** A v2 search answer: scored items, and the cursor of the next page (null: the last). */
  const search = <T>(items: T[]) => ok({ items: items.map((item) => ({ result_score: 1, item })) }, 200, { next_cursor: null });
  const times = (record: { add_time: string; update_time: string }) => ({ add_time: rfc3339(record.add_time), update_time: rfc3339(record.update_time) });
  const dealView = ({ indexedAt: _indexed, ...deal }: Deal) => ({ ...deal, ...times(deal), is_deleted: false, visible_to: 3, owner_id: 1 });
  const orgView = ({ indexedAt: _indexed, ...org }: Org) => ({ ...org, ...times(org), is_deleted: false, visible_to: 3, owner_id: 1 });
  const personView = ({ indexedAt: _indexed, ...person }: Person) => ({ ...person, ...times(person), is_deleted: false, visible_to: 3, owner_id: 1 });
  /** A v2 list: sorted (sort_by id, add_time or update_time; asc or desc), `limit` at most 500, and an opaque cursor for the next page. */
  const list = <T extends { id: number }>(req: SandboxRequest, records: T[], view: (record: T) => unknown) => {
    const sortBy = req.query.get('sort_by') ?? 'id';
    const direction = req.query.get('sort_direction') ?? 'asc';
    if (!['id', 'add_time', 'update_time'].includes(sortBy)) reject(400, 'sort_by must be one of id, update_time, add_time');
    if (!['asc', 'desc'].includes(direction)) reject(400, 'sort_direction must be one of asc, desc');
    const limit = Number(req.query.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) reject(400, 'limit must be between 1 and 500');
    const start = Number(Buffer.from(req.query.get('cursor') ?? '', 'base64').toString('utf8').replace(/^offset:/, '') || 0);
    const key = (record: T) => String((record as unknown as Json)[sortBy] ?? '').padStart(20, '0');
    const sorted = [...records].sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id);
    if (direction === 'desc') sorted.reverse();
    const page = sorted.slice(start, start + limit);
    const next = start + limit < sorted.length ? Buffer.from(`offset:${start + limit}`).toString('base64') : null;
    return ok(page.map(view), 200, { next_cursor: next });
  };
  const deal = (id: string) => store.deals.get(Number(id)) ?? reject(404, 'Deal not found');
  const org = (id: string) => store.orgs.get(Number(id)) ?? reject(404, 'Organization not found');
  const person = (id: string) => store.persons.get(Number(id)) ?? reject(404, 'Person not found');
  /** A PATCH: the fields given replace theirs, custom fields merge by key (null clears one). */
  const patch = <T extends { custom_fields?: Json; update_time: string }>(record: T, input: Partial<T> & { custom_fields?: Json }) => {
    const { custom_fields, ...rest } = input;
    Object.assign(record, rest, { update_time: store.now(), indexedAt: store.indexedFrom() });
    if (custom_fields) record.custom_fields = { ...record.custom_fields, ...custom_fields };
    return record;
  };
  const company = { id: 1, name: 'Sandbox User', email: 'user@sandbox.example', company_id: 1, company_name: 'Sandbox Bakery', company_domain: 'sandbox', default_currency: 'EUR', locale: 'nl_NL', lang: 1, timezone_name: 'Europe/Amsterdam', timezone_offset: '+01:00', active_flag: true, is_you: true };

  const router = new Router()
    .add('GET', '/api/v1/users/me', () => ok(company))
    .add('GET', '/api/v2/persons/search', (req) => {
      const term = (req.query.get('term') ?? '').toLowerCase();
      if (term.length < 2) reject(400, 'term must be at least 2 characters');
      const found = store.searchable(store.persons.values()).filter((p) => p.emails.some((e) => e.value.toLowerCase() === term));
      return search(found.map((p) => ({ id: p.id, type: 'person', name: p.name, emails: p.emails.map((e) => e.value), organization: p.org_id ? { id: p.org_id, name: store.orgs.get(p.org_id)?.name ?? '' } : null })));
    })
    .add('GET', '/api/v2/organizations/search', (req) => {
      const term = req.query.get('term') ?? '';
      const found = store.searchable(store.orgs.values()).filter((o) => Object.values(o.custom_fields).some((v) => String(v) === term) || o.name === term);
      return search(found.map((o) => ({ id: o.id, type: 'organization', name: o.name, custom_fields: Object.values(o.custom_fields).filter((v) => v !== null).map(String) })));
    })
    .add('GET', '/api/v2/deals/search', (req) => {
      const term = req.query.get('term') ?? '';
      const visible = store.searchable(store.deals.values());
      return search(visible.filter((d) => Object.values(d.custom_fields).some((v) => String(v) === term)).map((d) => ({ id: d.id, type: 'deal', title: d.title, value: d.value, currency: d.currency, status: d.status })));
    })
    .add('GET', '/api/v2/organizations/:id', (_req, { id }) => ok(orgView(org(id))))
    .add('PATCH', '/api/v2/organizations/:id', (req, { id }) => {
      const input = body(req) as Partial<Org>;
      if (input.name !== undefined && (typeof input.name !== 'string' || !input.name.trim())) reject(400, 'Name must be given.');
      return ok(orgView(patch(org(id), { ...(input.name ? { name: input.name } : {}), custom_fields: input.custom_fields })));
    })
    .add('GET', '/api/v2/organizations', (req) => list(req, [...store.orgs.values()], orgView))
    .add('POST', '/api/v2/organizations', (req) => {
      const { name, custom_fields } = body(req) as { name?: string; custom_fields?: Json };
      if (!name) reject(400, 'Name must be given.');
      return ok(orgView(store.createOrg(name!, custom_fields ?? {}, true)), 201);
    })
    .add('GET', '/api/v2/persons/:id', (_req, { id }) => ok(personView(person(id))))
    .add('PATCH', '/api/v2/persons/:id', (req, { id }) => {
      const { name, emails, org_id } = body(req) as Partial<Person>;
      const found = person(id);
      return ok(personView(patch(found, { ...(name ? { name } : {}), ...(emails ? { emails: emails.map((e) => ({ value: e.value, primary: Boolean(e.primary), label: e.label ?? 'work' })) } : {}), ...(org_id !== undefined ? { org_id } : {}) })));
    })
    .add('GET', '/api/v2/persons', (req) => {
      const orgId = req.query.get('org_id');
      return list(req, [...store.persons.values()].filter((p) => !orgId || String(p.org_id) === orgId), personView);
    })
    .add('POST', '/api/v2/persons', (req) => {
      const { name, emails, org_id } = body(req) as { name?: string; emails?: { value: string }[]; org_id?: number };
      if (!name) reject(400, 'Name must be given.');
      if (org_id && !store.orgs.has(org_id)) reject(404, 'Organization not found');
      return ok(personView(store.createPerson(name!, emails?.[0]?.value ?? '', org_id ?? null, true)), 201);
    })
    .add('GET', '/api/v2/deals', (req) => list(req, [...store.deals.values()], dealView))
    .add('POST', '/api/v2/deals', (req) => {
      const input = body(req) as Partial<Deal>;
      if (!input.title) reject(400, 'Title must be given.');
      if (input.org_id && !store.orgs.has(input.org_id)) reject(404, 'Organization not found');
      const created: Deal = {
        id: store.id(),
        title: input.title!,
        value: Number(input.value ?? 0),
        currency: input.currency ?? 'EUR',
        status: input.status ?? 'open',
        org_id: input.org_id ?? null,
        person_id: input.person_id ?? null,
        pipeline_id: input.pipeline_id ?? 1,
        stage_id: input.stage_id ?? 1,
        add_time: store.now(),
        update_time: store.now(),
        custom_fields: input.custom_fields ?? {},
        indexedAt: store.indexedFrom(),
      };
      store.deals.set(created.id, created);
      return ok(dealView(created), 201);
    })
    .add('GET', '/api/v2/deals/:id', (_req, { id }) => ok(dealView(deal(id))))
    .add('PATCH', '/api/v2/deals/:id', (req, { id }) => {
      const found = deal(id);
      const input = body(req) as Partial<Deal>;
      Object.assign(found, { ...input, custom_fields: { ...found.custom_fields, ...(input.custom_fields ?? {}) }, update_time: store.now() });
      return ok(dealView(found));
    })
    .add('DELETE', '/api/v2/deals/:id', (_req, { id }) => {
      deal(id);
      store.deals.delete(Number(id));
      return ok({ id: Number(id) });
    })
    .add('GET', '/api/v2/pipelines', () => ok(store.pipelines.map((p, i) => ({ ...p, order_nr: i + 1, is_deleted: false, is_deal_probability_enabled: false, add_time: rfc3339(store.createdAt), update_time: rfc3339(store.createdAt) })), 200, { next_cursor: null }))
    .add('GET', '/api/v2/stages', (req) => {
      const pipeline = req.query.get('pipeline_id');
      const stages = store.stages.filter((s) => !pipeline || String(s.pipeline_id) === pipeline);
      const view = (s: (typeof stages)[number], i: number) => ({ ...s, order_nr: i + 1, is_deleted: false, deal_probability: 100, is_deal_rot_enabled: false, days_to_rotten: null, add_time: rfc3339(store.createdAt), update_time: rfc3339(store.createdAt) });
      return ok(stages.map(view), 200, { next_cursor: null });
    });
  fieldRoutes(router, store, ok, reject);

  return async (req) => {
    const token = req.headers['x-api-token'];
    if (typeof token !== 'string' || !tokens.includes(token)) return pipedriveError(401, 'unauthorized access', 'Please check your API token.');
    try {
      return (await router.handle(req)) ?? pipedriveError(404, `No route for ${req.method} ${req.path}`);
    } catch (error) {
      if (error instanceof Reject) return error.response;
      throw error;
    }
  };
}
