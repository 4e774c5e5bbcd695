import { Router, type Handler, type SandboxRequest, type SandboxResponse } from '../http';
import { HubspotError, objectTypeOf, type HubspotStore, type ObjectType, type StoredObject } from './store';

/** The detail HubSpot gives about a failed property: its `context` values are always arrays of strings. */
const errorDetails = (message: string, propertyName?: string, code?: string) =>
  propertyName ? [{ message, ...(code ? { code } : {}), context: { propertyName: [propertyName] } }] : [];

/** HubSpot's error body. */
export const hubspotError = (status: number, message: string, category: string, propertyName?: string, code?: string): SandboxResponse => ({
  status,
  body: {
    status: 'error',
    message,
    correlationId: '00000000-0000-4000-8000-000000000000',
    category,
    ...(propertyName ? { context: { propertyName: [propertyName] }, errors: errorDetails(message, propertyName, code) } : {}),
  },
  headers: { 'Content-Type': 'application/json' },
});

/** One failed input of a batch, as HubSpot lists it in a 207 Multi-Status answer (StandardError). */
const batchError = (error: HubspotError, context: Record<string, string[]> = {}) => ({
  status: 'error',
  category: error.category,
  message: error.message,
  context: { ...context, ...(error.propertyName ? { propertyName: [error.propertyName] } : {}) },
  errors: errorDetails(error.message, error.propertyName, error.code),
  links: {},
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
  const answer = async (req: SandboxRequest): Promise<SandboxResponse> => {
    try {
      if (store && req.rawBody) store.received.push({ method: req.method, path: req.path, body: parse(req) });
      return (await router.handle(req)) ?? hubspotError(404, `No route for ${req.method} ${req.path}`, 'OBJECT_NOT_FOUND');
    } catch (error) {
      if (error instanceof HubspotError) return hubspotError(error.status, error.message, error.category, error.propertyName, error.code);
      throw error;
    }
  };
  return async (req) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !account.tokens.includes(token)) {
      return hubspotError(401, 'Authentication credentials not found. This API supports OAuth 2.0 authentication.', 'INVALID_AUTHENTICATION');
    }
    const limit = store?.rateWindow.take();
    if (limit?.refused) return limit.refused;
    const response = await answer(req);
    return limit ? { ...response, headers: { ...response.headers, ...limit.headers } } : response;
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
  const batch = (results: unknown[], status = 200) => json({ status: 'COMPLETE', results, startedAt: iso(store.clock.now()), completedAt: iso(store.clock.now()) }, status);
  /** Runs each input on its own: when any fails, HubSpot answers 207 Multi-Status with the results and an errors[] entry per failure. */
  const batchEach = <T>(inputs: T[], run: (input: T) => unknown, status = 200) => {
    const results: unknown[] = [];
    const errors: ReturnType<typeof batchError>[] = [];
    for (const input of inputs) {
      try {
        results.push(run(input));
      } catch (error) {
        if (!(error instanceof HubspotError)) throw error;
        errors.push(batchError(error));
      }
    }
    if (errors.length === 0) return batch(results, status);
    return json({ status: 'COMPLETE', results, errors, numErrors: errors.length, startedAt: iso(store.clock.now()), completedAt: iso(store.clock.now()) }, 207);
  };
  const inputsOf = <T>(req: SandboxRequest): T[] => {
    const inputs = parse(req).inputs;
    if (!Array.isArray(inputs)) throw new HubspotError(400, 'Invalid input JSON: inputs must be an array', 'VALIDATION_ERROR');
    return inputs as T[];
  };
  /** A list parameter as HubSpot reads it: repeated (`properties=a&properties=b`, the spec's form) or comma-separated, or both. */
  const listParam = (q: URLSearchParams, name: string) => q.getAll(name).flatMap((value) => value.split(',')).filter(Boolean);
  const propertyList = (q: URLSearchParams) => (q.has('properties') ? listParam(q, 'properties') : undefined);
  const propView = (def: object) => ({ ...def, hidden: false, modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false } });

  router
    .add('GET', '/crm/v3/properties/:type', (_req, { type }) => json({ results: [...store.properties[typeParam(type)].values()].map(propView) }))
    .add('GET', '/crm/v3/properties/:type/:name', (_req, { type, name }) => {
      const def = store.properties[typeParam(type)].get(name);
      if (!def) throw new HubspotError(404, `Unable to find property ${name} for object type ${type}`, 'OBJECT_NOT_FOUND');
      return json(propView(def));
    })
    .add('POST', '/crm/v3/properties/:type/batch/create', (req, { type }) =>
      batchEach(inputsOf<Json & { name: string }>(req), (input) => propView(store.defineProperty(typeParam(type), input)), 201),
    )
    .add('POST', '/crm/v3/properties/:type', (req, { type }) => json(propView(store.defineProperty(typeParam(type), parse(req) as Json & { name: string })), 201))
    .add('GET', '/crm/v3/pipelines/:type', (_req, { type }) => {
      if (typeParam(type) !== 'deals') return json({ results: [] });
      const made = { createdAt: iso(store.createdAt), updatedAt: iso(store.createdAt), archived: false };
      return json({ results: store.pipelines.map((p, i) => ({ ...p, ...made, displayOrder: i, stages: p.stages.map((s, j) => ({ ...s, ...made, displayOrder: j })) })) });
    })
    .add('POST', '/crm/v3/objects/:type/search', (req, { type: raw }) => {
      const type = typeParam(raw);
      const body = parse(req) as { filterGroups?: { filters: { propertyName: string; operator: string; value?: string; values?: string[] }[] }[]; properties?: string[]; limit?: number; after?: string };
      const groups = body.filterGroups ?? [];
      // HubSpot's search limits: at most 5 filter groups, 6 filters in a group, 18 filters in all.
      const filters = groups.reduce((sum, g) => sum + (g.filters ?? []).length, 0);
      if (groups.length > 5) throw new HubspotError(400, `Too many filter groups: ${groups.length} (at most 5)`, 'VALIDATION_ERROR');
      if (groups.some((g) => (g.filters ?? []).length > 6) || filters > 18) throw new HubspotError(400, `Too many filters: ${filters} (at most 6 in a group, 18 in all)`, 'VALIDATION_ERROR');
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
      const body = parse(req) as { properties?: string[]; idProperty?: string };
      const inputs = inputsOf<{ id: string }>(req);
      const found = inputs.map((i) => ({ id: String(i.id), object: store.get(type, String(i.id), body.idProperty) }));
      const results = found.flatMap(({ object }) => (object ? [view(object, body.properties)] : []));
      const missing = found.filter(({ object }) => !object).map(({ id }) => id);
      if (missing.length === 0) return batch(results);
      const notFound = new HubspotError(404, `Could not get some ${type.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`, 'OBJECT_NOT_FOUND');
      return json({ status: 'COMPLETE', results, errors: [batchError(notFound, { ids: missing })], numErrors: 1, startedAt: iso(store.clock.now()), completedAt: iso(store.clock.now()) }, 207);
    })
    .add('POST', '/crm/v3/objects/:type/batch/upsert', (req, { type: raw }) => {
      const type = typeParam(raw);
      const inputs = inputsOf<{ id: string; idProperty?: string; properties: Json }>(req);
      // The idProperty is checked for the whole batch; each input's values on their own.
      for (const input of inputs) {
        if (!input.idProperty) throw new HubspotError(400, 'idProperty is required for upsert', 'VALIDATION_ERROR');
        store.checkIdProperty(type, input.idProperty);
      }
      return batchEach(inputs, (input) => {
        const { object, created } = store.upsert(type, input.id, input.idProperty!, input.properties ?? {});
        return { ...view(object, Object.keys(object.properties)), new: created };
      });
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
      for (const to of listParam(req.query, 'associations')) {
        const toType = typeParam(to);
        const ids = store.associated(type, o.id, toType);
        if (ids.length) associations[toType] = { results: ids.map((toId) => ({ id: toId, type: `${type.replace(/s$/, '')}_to_${toType.replace(/ies$/, 'y').replace(/s$/, '')}` })) };
      }
      return json({ ...view(o, propertyList(req.query)), ...(Object.keys(associations).length ? { associations } : {}) });
    })
    .add('PATCH', '/crm/v3/objects/:type/:id', (req, { type: raw, id }) => {
      const type = typeParam(raw);
      const o = store.get(type, id, req.query.get('idProperty') ?? undefined);
      if (!o) throw new HubspotError(404, 'Object not found.  objectId are usually numeric.', 'OBJECT_NOT_FOUND');
      const properties = (parse(req).properties ?? {}) as Json;
      return json(view(store.update(o, properties), Object.keys(properties)));
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
    .add('DELETE', '/crm/v4/objects/:from/:fromId/associations/:to/:toId', (_req, { from, fromId, to, toId }) => {
      store.dissociate(typeParam(from), fromId, typeParam(to), toId);
      return { status: 204 };
    })
    .add('PUT', '/crm/v4/objects/:from/:fromId/associations/default/:to/:toId', (_req, { from, fromId, to, toId }) => {
      store.associate(typeParam(from), fromId, typeParam(to), toId);
      return batch([{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 } }]);
    });
}
