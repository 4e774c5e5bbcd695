import type { VirtualClock } from '../clock';
import { Router, type Handler, type SandboxRequest, type SandboxResponse } from '../http';

type Json = Record<string, unknown>;
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

interface Org {
  id: number;
  name: string;
  custom_fields: Json;
  add_time: string;
  /** When search starts to see it. */
  indexedAt: number;
}
interface Person {
  id: number;
  name: string;
  emails: { value: string; primary: boolean; label: string }[];
  org_id: number | null;
  add_time: string;
  indexedAt: number;
}

/** Pipedrive's search index (the v2 search endpoints) catches up with writes after a few seconds; its lists read the records themselves. */
export const PIPEDRIVE_SEARCH_LAG_MS = 5_000;
interface Deal {
  id: number;
  title: string;
  value: number;
  currency: string;
  status: string;
  org_id: number | null;
  person_id: number | null;
  pipeline_id: number;
  stage_id: number;
  add_time: string;
  update_time: string;
  custom_fields: Json;
  /** When search starts to see it. */
  indexedAt: number;
}

/** A small stateful Pipedrive: organizations, persons, deals with custom fields, pipelines and stages. No unique constraints, like the real one. */
export class PipedriveStore {
  readonly orgs = new Map<number, Org>();
  readonly persons = new Map<number, Person>();
  readonly deals = new Map<number, Deal>();
  readonly orgFields = [{ key: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', name: 'Customer ID', field_type: 'varchar' }];
  readonly dealFields: { key: string; name: string; field_type: string }[] = [];
  readonly pipelines = [{ id: 1, name: 'Payments' }];
  readonly stages = [
    { id: 1, name: 'Paid', pipeline_id: 1 },
    { id: 2, name: 'Refunded', pipeline_id: 1 },
  ];
  /** Milliseconds of virtual time before search sees a new record (0: at once). */
  indexDelayMs = PIPEDRIVE_SEARCH_LAG_MS;
  private next = 1;

  constructor(readonly clock: VirtualClock) {}

  id(): number {
    return this.next++;
  }

  /** When search will see a record written now. */
  indexedFrom(): number {
    return this.clock.now().getTime() + this.indexDelayMs;
  }

  searchable<T extends { indexedAt: number }>(records: Iterable<T>): T[] {
    return [...records].filter((record) => record.indexedAt <= this.clock.now().getTime());
  }

  /** Seeds an organization (old data: search sees it at once unless `fresh`). */
  createOrg(name: string, custom_fields: Json = {}, fresh = false): Org {
    const org = { id: this.id(), name, custom_fields, add_time: this.clock.now().toISOString(), indexedAt: fresh ? this.indexedFrom() : 0 };
    this.orgs.set(org.id, org);
    return org;
  }

  createPerson(name: string, email: string, orgId: number | null, fresh = false): Person {
    const person = { id: this.id(), name, emails: [{ value: email, primary: true, label: 'work' }], org_id: orgId, add_time: this.clock.now().toISOString(), indexedAt: fresh ? this.indexedFrom() : 0 };
    this.persons.set(person.id, person);
    return person;
  }

  /** Deals whose Mollie id field holds this payment id. */
  dealsFor(molliePaymentId: string): Deal[] {
    const key = this.dealFields.find((f) => f.name === 'Mollie payment ID')?.key;
    return [...this.deals.values()].filter((d) => key && d.custom_fields[key] === molliePaymentId);
  }
}

const body = (req: SandboxRequest): Json => {
  try {
    return req.rawBody ? (JSON.parse(req.rawBody) as Json) : {};
  } catch {
    return reject(400, 'Invalid JSON');
  }
};

export function pipedriveRoutes(store: PipedriveStore, tokens: string[]): Handler {
  const now = () => store.clock.now().toISOString();
  const ok = (data: unknown, status = 200) => json({ success: true, data }, status);
  const search = <T>(items: T[]) => ok({ items: items.map((item) => ({ result_score: 1, item })) });
  const dealView = ({ indexedAt: _indexed, ...deal }: Deal) => deal;
  const orgView = ({ indexedAt: _indexed, ...org }: Org) => org;
  const personView = ({ indexedAt: _indexed, ...person }: Person) => person;
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
    return json({ success: true, data: page.map(view), additional_data: { next_cursor: next } });
  };
  const deal = (id: string) => store.deals.get(Number(id)) ?? reject(404, 'Deal not found');
  const fieldKey = () => Array.from({ length: 40 }, (_, i) => ((store.dealFields.length * 7 + i * 13) % 16).toString(16)).join('');

  const router = new Router()
    .add('GET', '/api/v1/users/me', () => ok({ id: 1, name: 'Sandbox User', company_name: 'Sandbox Bakery', company_domain: 'sandbox' }))
    .add('GET', '/api/v1/organizationFields', () => ok(store.orgFields))
    .add('GET', '/api/v1/dealFields', () => ok(store.dealFields))
    .add('POST', '/api/v1/dealFields', (req) => {
      const { name, field_type } = body(req) as { name?: string; field_type?: string };
      if (!name || !field_type) reject(400, 'Field name and field_type are required');
      const field = { key: fieldKey(), name: name!, field_type: field_type! };
      store.dealFields.push(field);
      return ok(field, 201);
    })
    .add('GET', '/api/v2/persons/search', (req) => {
      const term = (req.query.get('term') ?? '').toLowerCase();
      if (term.length < 2) reject(400, 'term must be at least 2 characters');
      const found = store.searchable(store.persons.values()).filter((p) => p.emails.some((e) => e.value.toLowerCase() === term));
      return search(found.map((p) => ({ id: p.id, name: p.name, emails: p.emails.map((e) => e.value), organization: p.org_id ? { id: p.org_id } : null })));
    })
    .add('GET', '/api/v2/organizations/search', (req) => {
      const term = req.query.get('term') ?? '';
      const found = store.searchable(store.orgs.values()).filter((o) => Object.values(o.custom_fields).some((v) => String(v) === term) || o.name === term);
      return search(found.map((o) => ({ id: o.id, name: o.name })));
    })
    .add('GET', '/api/v2/deals/search', (req) => {
      const term = req.query.get('term') ?? '';
      const visible = store.searchable(store.deals.values());
      return search(visible.filter((d) => Object.values(d.custom_fields).some((v) => String(v) === term)).map((d) => ({ id: d.id, title: d.title })));
    })
    .add('GET', '/api/v2/organizations/:id', (_req, { id }) => ok(orgView(store.orgs.get(Number(id)) ?? reject(404, 'Organization not found'))))
    .add('GET', '/api/v2/organizations', (req) => list(req, [...store.orgs.values()], orgView))
    .add('POST', '/api/v2/organizations', (req) => {
      const { name, custom_fields } = body(req) as { name?: string; custom_fields?: Json };
      if (!name) reject(400, 'Name must be given.');
      return ok(orgView(store.createOrg(name!, custom_fields ?? {}, true)), 201);
    })
    .add('GET', '/api/v2/persons', (req) => {
      const orgId = req.query.get('org_id');
      return list(req, [...store.persons.values()].filter((p) => !orgId || String(p.org_id) === orgId), personView);
    })
    .add('POST', '/api/v2/persons', (req) => {
      const { name, emails, org_id } = body(req) as { name?: string; emails?: { value: string }[]; org_id?: number };
      if (!name) reject(400, 'Name must be given.');
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
        add_time: now(),
        update_time: now(),
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
      Object.assign(found, { ...input, custom_fields: { ...found.custom_fields, ...(input.custom_fields ?? {}) }, update_time: now() });
      return ok(dealView(found));
    })
    .add('DELETE', '/api/v2/deals/:id', (_req, { id }) => {
      deal(id);
      store.deals.delete(Number(id));
      return ok({ id: Number(id) });
    })
    .add('GET', '/api/v2/pipelines', () => ok(store.pipelines))
    .add('GET', '/api/v2/stages', (req) => ok(store.stages.filter((s) => !req.query.get('pipeline_id') || String(s.pipeline_id) === req.query.get('pipeline_id'))));

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
