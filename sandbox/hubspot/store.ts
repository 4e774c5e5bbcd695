import type { VirtualClock } from '../clock';
import { HUBSPOT_FREE_LIMITS, HubspotRateWindow, type HubspotLimits } from './rateLimit';

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
  /** When search sees the current properties (HubSpot's search index lags writes). */
  indexedAt: Date;
  /** What search sees until then: the properties before the last write (none for a new record). */
  indexed?: Record<string, string>;
}

/** HubSpot's search index catches up with writes after about ten seconds. */
export const HUBSPOT_SEARCH_LAG_MS = 10_000;

export class HubspotError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly category: string,
    readonly propertyName?: string,
    readonly code?: string,
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
  /** HubSpot's stage metadata: closed or not, and the win probability ("1.0" is won). */
  stages: { id: string; label: string; metadata: { isClosed: string; probability: string } }[];
}
const stage = (id: string, label: string, probability: string) => ({ id, label, metadata: { isClosed: String(probability === '1.0' || probability === '0.0'), probability } });

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
      stages: [stage('appointmentscheduled', 'Appointment Scheduled', '0.2'), stage('contractsent', 'Contract Sent', '0.9'), stage('closedwon', 'Closed Won', '1.0'), stage('closedlost', 'Closed Lost', '0.0')],
    },
    { id: '7654321', label: 'Mollie payments', stages: [stage('7654322', 'Paid', '1.0'), stage('7654323', 'Refunded', '0.0')] },
  ];
  /** Every request body received, for contract tests of what the app sends. */
  readonly received: { method: string; path: string; body: unknown }[] = [];
  /** Milliseconds of virtual time before search sees a write (0: at once). */
  indexDelayMs: number;
  /** The currencies the portal has enabled: a deal in any other is refused, as HubSpot does. */
  readonly currencies: string[];
  /** The private app's request limits (HubSpot's Free tier unless told otherwise; false: none). */
  readonly rateWindow: HubspotRateWindow;
  private nextId = 1000;
  /** When the portal was set up: its pipelines and stages date from then. */
  readonly createdAt: Date;

  constructor(
    readonly clock: VirtualClock,
    options: { indexDelayMs?: number; currencies?: string[]; rateLimits?: HubspotLimits | false } = {},
  ) {
    this.indexDelayMs = options.indexDelayMs ?? HUBSPOT_SEARCH_LAG_MS;
    this.currencies = options.currencies ?? ['EUR'];
    this.rateWindow = new HubspotRateWindow(clock, options.rateLimits ?? HUBSPOT_FREE_LIMITS);
    this.createdAt = new Date(clock.now().getTime() - 365 * 86_400_000);
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

  /** An idProperty must exist and hold unique values (contacts are unique on e-mail in HubSpot, so e-mail works there). */
  checkIdProperty(type: ObjectType, idProperty: string): void {
    const def = this.properties[type].get(idProperty);
    if (!def) throw new HubspotError(400, `Property ${idProperty} does not exist`, 'VALIDATION_ERROR', idProperty);
    if (!def.hasUniqueValue && !(type === 'contacts' && idProperty === 'email')) throw new HubspotError(400, `${idProperty} is not a unique identifier property`, 'VALIDATION_ERROR', idProperty);
  }

  get(type: ObjectType, id: string, idProperty?: string): StoredObject | undefined {
    if (!idProperty || idProperty === 'hs_object_id') {
      const o = this.objects.get(id);
      return o?.type === type ? o : undefined;
    }
    this.checkIdProperty(type, idProperty);
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
      if (type === 'deals' && name === 'deal_currency_code' && !this.currencies.includes(value)) {
        const problem = { isValid: false, message: `${value} was not one of the allowed options: ${this.currencies.join(', ')}`, error: 'INVALID_OPTION', name };
        throw new HubspotError(400, `Property values were not valid: ${JSON.stringify([problem])}`, 'VALIDATION_ERROR', name, 'INVALID_OPTION');
      }
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
    const clean = this.check(o.type, properties, o);
    const now = this.clock.now();
    if (o.indexedAt.getTime() <= now.getTime()) o.indexed = { ...o.properties };
    Object.assign(o.properties, clean);
    o.updatedAt = now;
    o.indexedAt = new Date(now.getTime() + this.indexDelayMs);
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

  dissociate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void {
    this.associations.get(`${fromType}:${fromId}`)?.delete(`${toType}:${toId}`);
    this.associations.get(`${toType}:${toId}`)?.delete(`${fromType}:${fromId}`);
  }

  associated(type: ObjectType, id: string, toType: ObjectType): string[] {
    return [...(this.associations.get(`${type}:${id}`) ?? [])].filter((key) => key.startsWith(`${toType}:`)).map((key) => key.slice(toType.length + 1));
  }

  /** What search sees now: each record as the index last saw it (new ones not at all until it catches up). */
  searchable(type: ObjectType): StoredObject[] {
    const now = this.clock.now().getTime();
    return this.all(type).flatMap((o) => {
      if (o.indexedAt.getTime() <= now) return [o];
      return o.indexed ? [{ ...o, properties: o.indexed }] : [];
    });
  }

  /** Lets search catch up at once (seeded data is old). */
  indexNow(o: StoredObject): void {
    o.indexedAt = this.clock.now();
    o.indexed = undefined;
  }

  /**
   * Seeds an account (company or contact) with an optional customer ID, contact e-mails, and an IBAN in a
   * custom property made for it (`ibanProperty`, default `iban`, defined as any custom property when missing).
   */
  seedCompany(input: { name: string; customerId?: string; emails?: string[]; property?: string; iban?: string; ibanProperty?: string }): StoredObject {
    const property = input.property ?? 'customer_id';
    const ibanProperty = input.ibanProperty ?? 'iban';
    if (input.customerId && !this.properties.companies.has(property)) this.defineProperty('companies', { name: property, label: 'Customer ID' });
    if (input.iban && !this.properties.companies.has(ibanProperty)) this.defineProperty('companies', { name: ibanProperty, label: 'IBAN' });
    const company = this.create('companies', { name: input.name, ...(input.customerId ? { [property]: input.customerId } : {}), ...(input.iban ? { [ibanProperty]: input.iban } : {}) });
    for (const email of input.emails ?? []) {
      const contact = this.all('contacts').find((c) => c.properties.email?.toLowerCase() === email.toLowerCase()) ?? this.create('contacts', { email });
      this.indexNow(contact);
      this.associate('contacts', contact.id, 'companies', company.id);
    }
    this.indexNow(company);
    return company;
  }

  /** Deals recording this Mollie payment (the invariant the tests check: never more than one). */
  dealsFor(molliePaymentId: string): StoredObject[] {
    return this.all('deals').filter((deal) => deal.properties.mollie_payment_id === molliePaymentId);
  }
}
