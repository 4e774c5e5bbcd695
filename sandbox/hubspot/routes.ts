import { Router, type Handler, type SandboxRequest, type SandboxResponse } from '../http';
import { HubspotError, objectTypeOf, type HubspotStore, type ObjectType, type StoredObject } from './store';

/** HubSpot's error body. */
export const hubspotError = (status: number, message: string, category: string, propertyName?: string): SandboxResponse => ({
  status,
  body: {
    status: 'error',
    message,
    correlationId: '00000000-0000-4000-8000-000000000000',
    category,
    ...(propertyName ? { errors: [{ message, context: { propertyName: [propertyName] } }] } : {}),
  },
  headers: { 'Content-Type': 'application/json' },
});

export interface HubspotAccount {
  portalId: number;
  tokens: string[];
}

type Json = Record<string, unknown>;
const json = (body: unknown, status = 200): SandboxResponse => ({ status, body, headers: { 'Content-Type': 'application/json' } });

const typeParam = (raw: string): ObjectType => {
  const type = objectTypeOf(raw);
  if (!type) throw new HubspotError(400, `Unable to infer object type from: ${raw}`, 'VALIDATION_ERROR');
  return type;
};

const parse = (req: SandboxRequest): Json => {
  if (!req.rawBody) return {};
  try {
    return JSON.parse(req.rawBody) as Json;
  } catch {
    throw new HubspotError(400, 'Invalid input JSON on line 1', 'VALIDATION_ERROR');
  }
};

/** The fake HubSpot API: the endpoints the app uses, behind a private-app token. Without a store, only the account details. */
export function hubspotRoutes(account: HubspotAccount, store?: HubspotStore): Handler {
  const router = new Router().add('GET', '/account-info/v3/details', () =>
    json({ portalId: account.portalId, accountType: 'STANDARD', timeZone: 'Europe/Amsterdam', companyCurrency: 'EUR', uiDomain: 'app-eu1.hubspot.com', dataHostingLocation: 'eu1' }),
  );
  if (store) addCrmRoutes(router, store);
  return async (req) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !account.tokens.includes(token)) {
      return hubspotError(401, 'Authentication credentials not found. This API supports OAuth 2.0 authentication.', 'INVALID_AUTHENTICATION');
    }
    try {
      if (store && req.rawBody) store.received.push({ method: req.method, path: req.path, body: parse(req) });
      return (await router.handle(req)) ?? hubspotError(404, `No route for ${req.method} ${req.path}`, 'OBJECT_NOT_FOUND');
    } catch (error) {
      if (error instanceof HubspotError) return hubspotError(error.status, error.message, error.category, error.propertyName);
      throw error;
    }
  };
}

function addCrmRoutes(router: Router, store: HubspotStore): void {
  const iso = (d: Date) => d.toISOString();
  const view = (o: StoredObject, wanted?: string[]) => {
    const names = wanted ?? ['hs_object_id', ...Object.keys(o.properties).filter((n) => ['name', 'email', 'dealname'].includes(n))];
    const properties: Record<string, string | null> = { hs_object_id: o.id, createdate: iso(o.createdAt), hs_lastmodifieddate: iso(o.updatedAt) };
    for (const name of names) properties[name] = o.properties[name] ?? null;
    return { id: o.id, properties, createdAt: iso(o.createdAt), updatedAt: iso(o.updatedAt), archived: false };
  };
  const batch = (results: unknown[]) => json({ status: 'COMPLETE', results, startedAt: iso(store.clock.now()), completedAt: iso(store.clock.now()) });
  const propertyList = (q: URLSearchParams) => q.get('properties')?.split(',').filter(Boolean);
  const propView = (def: object) => ({ ...def, hidden: false, modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false } });

  router
    .add('GET', '/crm/v3/properties/:type', (_req, { type }) => json({ results: [...store.properties[typeParam(type)].values()].map(propView) }))
    .add('GET', '/crm/v3/properties/:type/:name', (_req, { type, name }) => {
      const def = store.properties[typeParam(type)].get(name);
      if (!def) throw new HubspotError(404, `Unable to find property ${name} for object type ${type}`, 'OBJECT_NOT_FOUND');
      return json(propView(def));
    })
    .add('POST', '/crm/v3/properties/:type/batch/create', (req, { type }) => {
      const inputs = (parse(req).inputs ?? []) as (Json & { name: string })[];
      return batch(inputs.map((input) => propView(store.defineProperty(typeParam(type), input))));
    })
    .add('POST', '/crm/v3/properties/:type', (req, { type }) => json(propView(store.defineProperty(typeParam(type), parse(req) as Json & { name: string })), 201))
    .add('GET', '/crm/v3/pipelines/:type', (_req, { type }) => {
      if (typeParam(type) !== 'deals') return json({ results: [] });
      return json({ results: store.pipelines.map((p, i) => ({ ...p, displayOrder: i, archived: false, stages: p.stages.map((s, j) => ({ ...s, displayOrder: j, archived: false, metadata: {} })) })) });
    })
    .add('POST', '/crm/v3/objects/:type/search', (req, { type: raw }) => {
      const type = typeParam(raw);
      const body = parse(req) as { filterGroups?: { filters: { propertyName: string; operator: string; value?: string; values?: string[] }[] }[]; properties?: string[]; limit?: number; after?: string };
      const groups = body.filterGroups ?? [];
      if (groups.length > 6) throw new HubspotError(400, 'Too many filter groups (max 6)', 'VALIDATION_ERROR');
      const norm = (name: string, v: string) => (name === 'email' ? v.toLowerCase() : v);
      const matches = (o: StoredObject) =>
        groups.length === 0 ||
        groups.some((g) =>
          g.filters.every((f) => {
            const value = o.properties[f.propertyName];
            if (value === undefined) return false;
            if (f.operator === 'EQ') return norm(f.propertyName, value) === norm(f.propertyName, f.value ?? '');
            if (f.operator === 'IN') return (f.values ?? []).some((v) => norm(f.propertyName, v) === norm(f.propertyName, value));
            throw new HubspotError(400, `Operator ${f.operator} is not supported by the sandbox`, 'VALIDATION_ERROR');
          }),
        );
      const all = store.searchable(type).filter(matches);
      const start = Number(body.after ?? 0) || 0;
      const limit = Math.min(body.limit ?? 10, 200);
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? { paging: { next: { after: String(start + limit) } } } : {};
      return json({ total: all.length, results: page.map((o) => view(o, body.properties)), ...next });
    })
    .add('POST', '/crm/v3/objects/:type/batch/read', (req, { type: raw }) => {
      const type = typeParam(raw);
      const body = parse(req) as { inputs: { id: string }[]; properties?: string[]; idProperty?: string };
      const found = body.inputs.map((i) => store.get(type, String(i.id), body.idProperty)).filter((o): o is StoredObject => !!o);
      return batch(found.map((o) => view(o, body.properties)));
    })
    .add('POST', '/crm/v3/objects/:type/batch/upsert', (req, { type: raw }) => {
      const type = typeParam(raw);
      const inputs = (parse(req).inputs ?? []) as { id: string; idProperty?: string; properties: Json }[];
      const results = inputs.map((input) => {
        if (!input.idProperty) throw new HubspotError(400, 'idProperty is required for upsert', 'VALIDATION_ERROR');
        const { object, created } = store.upsert(type, input.id, input.idProperty, input.properties ?? {});
        return { ...view(object, Object.keys(object.properties)), new: created };
      });
      return batch(results);
    })
    .add('POST', '/crm/v3/objects/:type', (req, { type: raw }) => {
      const type = typeParam(raw);
      const o = store.create(type, (parse(req).properties ?? {}) as Json);
      return json(view(o, Object.keys(o.properties)), 201);
    })
    .add('GET', '/crm/v3/objects/:type/:id', (req, { type: raw, id }) => {
      const type = typeParam(raw);
      const o = store.get(type, id, req.query.get('idProperty') ?? undefined);
      if (!o) throw new HubspotError(404, 'Object not found.  objectId are usually numeric.', 'OBJECT_NOT_FOUND');
      const associations: Record<string, { results: { id: string; type: string }[] }> = {};
      for (const to of (req.query.get('associations') ?? '').split(',').filter(Boolean)) {
        const toType = typeParam(to);
        const ids = store.associated(type, o.id, toType);
        if (ids.length) associations[toType] = { results: ids.map((toId) => ({ id: toId, type: `${type.replace(/s$/, '')}_to_${toType.replace(/ies$/, 'y').replace(/s$/, '')}` })) };
      }
      return json({ ...view(o, propertyList(req.query)), ...(Object.keys(associations).length ? { associations } : {}) });
    })
    .add('DELETE', '/crm/v3/objects/:type/:id', (_req, { type: raw, id }) => {
      const o = store.get(typeParam(raw), id);
      if (o) store.objects.delete(o.id);
      return { status: 204 };
    })
    .add('POST', '/crm/v4/associations/:from/:to/batch/read', (req, { from, to }) => {
      const fromType = typeParam(from);
      const toType = typeParam(to);
      const inputs = (parse(req).inputs ?? []) as { id: string }[];
      const results = inputs
        .map((i) => ({ from: { id: String(i.id) }, ids: store.associated(fromType, String(i.id), toType) }))
        .filter((r) => r.ids.length)
        .map((r) => ({ from: r.from, to: r.ids.map((id) => ({ toObjectId: id, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: 'Primary' }] })) }));
      return batch(results);
    })
    .add('PUT', '/crm/v4/objects/:from/:fromId/associations/default/:to/:toId', (_req, { from, fromId, to, toId }) => {
      store.associate(typeParam(from), fromId, typeParam(to), toId);
      return batch([{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 } }]);
    });
}
