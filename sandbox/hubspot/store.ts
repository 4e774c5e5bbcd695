import type { VirtualClock } from '../clock';

export type ObjectType = 'contacts' | 'companies' | 'deals';
export const OBJECT_TYPES: ObjectType[] = ['contacts', 'companies', 'deals'];
/** HubSpot accepts an object type by name or by its id. */
export const objectTypeOf = (raw: string): ObjectType | undefined =>
  ({ contacts: 'contacts', '0-1': 'contacts', companies: 'companies', '0-2': 'companies', deals: 'deals', '0-3': 'deals' })[raw] as ObjectType | undefined;

export interface PropertyDef {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  hasUniqueValue: boolean;
  options: unknown[];
}

export interface StoredObject {
  id: string;
  type: ObjectType;
  properties: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
  /** When search starts to see it (HubSpot's search index lags writes). */
  indexedAt: Date;
}

export class HubspotError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly category: string,
    readonly propertyName?: string,
  ) {
    super(message);
  }
}

const builtin = (name: string, label: string, unique = false): PropertyDef => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  groupName: 'information',
  description: '',
  hasUniqueValue: unique,
  options: [],
});

export interface Pipeline {
  id: string;
  label: string;
  stages: { id: string; label: string }[];
}

/** The state of the fake HubSpot portal: objects, properties, associations, pipelines, a lagging search index. */
export class HubspotStore {
  readonly objects = new Map<string, StoredObject>();
  readonly properties: Record<ObjectType, Map<string, PropertyDef>> = {
    contacts: new Map(['email', 'firstname', 'lastname', 'hs_object_id'].map((n) => [n, builtin(n, n, n === 'hs_object_id')])),
    companies: new Map(['name', 'domain', 'hs_object_id'].map((n) => [n, builtin(n, n, n === 'hs_object_id')])),
    deals: new Map(['dealname', 'amount', 'deal_currency_code', 'pipeline', 'dealstage', 'closedate', 'hs_object_id'].map((n) => [n, builtin(n, n, n === 'hs_object_id')])),
  };
  /** `type:id` → set of `type:id`, both directions. */
  readonly associations = new Map<string, Set<string>>();
  readonly pipelines: Pipeline[] = [
    {
      id: 'default',
      label: 'Sales Pipeline',
      stages: [
        { id: 'appointmentscheduled', label: 'Appointment Scheduled' },
        { id: 'contractsent', label: 'Contract Sent' },
        { id: 'closedwon', label: 'Closed Won' },
        { id: 'closedlost', label: 'Closed Lost' },
      ],
    },
    { id: '7654321', label: 'Mollie payments', stages: [{ id: '7654322', label: 'Paid' }, { id: '7654323', label: 'Refunded' }] },
  ];
  /** Every request body received, for contract tests of what the app sends. */
  readonly received: { method: string; path: string; body: unknown }[] = [];
  /** Milliseconds of virtual time before a new record shows up in search (0: at once). */
  indexDelayMs: number;
  private nextId = 1000;

  constructor(
    readonly clock: VirtualClock,
    options: { indexDelayMs?: number } = {},
  ) {
    this.indexDelayMs = options.indexDelayMs ?? 0;
  }

  defineProperty(type: ObjectType, input: Partial<PropertyDef> & { name: string }): PropertyDef {
    if (this.properties[type].has(input.name)) throw new HubspotError(409, `A property named '${input.name}' already exists.`, 'OBJECT_ALREADY_EXISTS');
    if (input.hasUniqueValue && this.all(type).some((o) => o.properties[input.name] !== undefined)) {
      throw new HubspotError(400, `Property ${input.name} cannot be made unique: records already hold values.`, 'VALIDATION_ERROR');
    }
    const def = { ...builtin(input.name, input.label ?? input.name), ...input, options: input.options ?? [] } as PropertyDef;
    this.properties[type].set(def.name, def);
    return def;
  }

  all(type: ObjectType): StoredObject[] {
    return [...this.objects.values()].filter((o) => o.type === type);
  }

  get(type: ObjectType, id: string, idProperty?: string): StoredObject | undefined {
    if (!idProperty || idProperty === 'hs_object_id') {
      const o = this.objects.get(id);
      return o?.type === type ? o : undefined;
    }
    const def = this.properties[type].get(idProperty);
    if (!def) throw new HubspotError(400, `Property ${idProperty} does not exist`, 'VALIDATION_ERROR', idProperty);
    // Contacts are unique on e-mail in HubSpot, so e-mail works as an idProperty there.
    if (!def.hasUniqueValue && !(type === 'contacts' && idProperty === 'email')) throw new HubspotError(400, `${idProperty} is not a unique identifier property`, 'VALIDATION_ERROR', idProperty);
    return this.all(type).find((o) => this.same(type, idProperty, o.properties[idProperty], id));
  }

  private same(type: ObjectType, property: string, a: string | undefined, b: string): boolean {
    return a !== undefined && (type === 'contacts' && property === 'email' ? a.toLowerCase() === b.toLowerCase() : a === b);
  }

  private check(type: ObjectType, properties: Record<string, unknown>, self?: StoredObject): Record<string, string> {
    const clean: Record<string, string> = {};
    for (const [name, value] of Object.entries(properties)) {
      const def = this.properties[type].get(name);
      if (!def) throw new HubspotError(400, `Property values were not valid: Property "${name}" does not exist`, 'VALIDATION_ERROR', name);
      if (value === null || value === undefined) continue;
      if (typeof value !== 'string') throw new HubspotError(400, `Property "${name}" must be a string`, 'VALIDATION_ERROR', name);
      const unique = def.hasUniqueValue || (type === 'contacts' && name === 'email');
      const clash = unique && value !== '' ? this.all(type).find((o) => o !== self && this.same(type, name, o.properties[name], value)) : undefined;
      if (clash) {
        const message = name === 'email' ? `Contact already exists. Existing ID: ${clash.id}` : `A record with ${name} ${value} already exists (ID ${clash.id}).`;
        throw new HubspotError(409, message, 'CONFLICT', name);
      }
      clean[name] = value;
    }
    return clean;
  }

  create(type: ObjectType, properties: Record<string, unknown>): StoredObject {
    const clean = this.check(type, properties);
    const now = this.clock.now();
    const id = String(this.nextId++);
    const o: StoredObject = { id, type, properties: { ...clean, hs_object_id: id }, createdAt: now, updatedAt: now, indexedAt: new Date(now.getTime() + this.indexDelayMs) };
    this.objects.set(id, o);
    return o;
  }

  update(o: StoredObject, properties: Record<string, unknown>): StoredObject {
    Object.assign(o.properties, this.check(o.type, properties, o));
    o.updatedAt = this.clock.now();
    return o;
  }

  /** batch/upsert with idProperty: atomic create-or-update on a unique property, as HubSpot does on its side. */
  upsert(type: ObjectType, id: string, idProperty: string, properties: Record<string, unknown>): { object: StoredObject; created: boolean } {
    const existing = this.get(type, id, idProperty);
    if (existing) return { object: this.update(existing, properties), created: false };
    return { object: this.create(type, { ...properties, [idProperty]: id }), created: true };
  }

  associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void {
    if (!this.get(fromType, fromId)) throw new HubspotError(404, `${fromType} ${fromId} does not exist`, 'OBJECT_NOT_FOUND');
    if (!this.get(toType, toId)) throw new HubspotError(404, `${toType} ${toId} does not exist`, 'OBJECT_NOT_FOUND');
    const link = (a: string, b: string) => this.associations.set(a, new Set([...(this.associations.get(a) ?? []), b]));
    link(`${fromType}:${fromId}`, `${toType}:${toId}`);
    link(`${toType}:${toId}`, `${fromType}:${fromId}`);
  }

  associated(type: ObjectType, id: string, toType: ObjectType): string[] {
    return [...(this.associations.get(`${type}:${id}`) ?? [])].filter((key) => key.startsWith(`${toType}:`)).map((key) => key.slice(toType.length + 1));
  }

  /** What search sees now: only records the index has caught up with. */
  searchable(type: ObjectType): StoredObject[] {
    const now = this.clock.now().getTime();
    return this.all(type).filter((o) => o.indexedAt.getTime() <= now);
  }

  /** Seeds an account (company or contact) with an optional customer ID and contact e-mails. */
  seedCompany(input: { name: string; customerId?: string; emails?: string[]; property?: string }): StoredObject {
    const property = input.property ?? 'customer_id';
    if (input.customerId && !this.properties.companies.has(property)) this.defineProperty('companies', { name: property, label: 'Customer ID' });
    const company = this.create('companies', { name: input.name, ...(input.customerId ? { [property]: input.customerId } : {}) });
    for (const email of input.emails ?? []) {
      const contact = this.all('contacts').find((c) => c.properties.email?.toLowerCase() === email.toLowerCase()) ?? this.create('contacts', { email });
      contact.indexedAt = this.clock.now();
      this.associate('contacts', contact.id, 'companies', company.id);
    }
    company.indexedAt = this.clock.now();
    return company;
  }

  /** Deals recording this Mollie payment (the invariant the tests check: never more than one). */
  dealsFor(molliePaymentId: string): StoredObject[] {
    return this.all('deals').filter((deal) => deal.properties.mollie_payment_id === molliePaymentId);
  }
}
