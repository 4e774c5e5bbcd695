import { createHash } from 'node:crypto';
import type { VirtualClock } from '../clock';

export type Json = Record<string, unknown>;

/** Pipedrive's search index (the v2 search endpoints) catches up with writes after a few seconds; its lists read the records themselves. */
export const PIPEDRIVE_SEARCH_LAG_MS = 5_000;

export interface Org {
  id: number;
  name: string;
  custom_fields: Json;
  add_time: string;
  update_time: string;
  /** When search starts to see it. */
  indexedAt: number;
}
export interface Person {
  id: number;
  name: string;
  emails: { value: string; primary: boolean; label: string }[];
  org_id: number | null;
  add_time: string;
  update_time: string;
  indexedAt: number;
}
export interface Deal {
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
/** A custom field of deals or organizations, keyed by a 40-character hash as Pipedrive keys them. */
export interface Field {
  id: number;
  key: string;
  name: string;
  field_type: string;
  add_time: string;
}
export type FieldKind = 'dealFields' | 'organizationFields';

/** A small stateful Pipedrive: organizations, persons, deals with custom fields, pipelines and stages. No unique constraints, like the real one. */
export class PipedriveStore {
  readonly orgs = new Map<number, Org>();
  readonly persons = new Map<number, Person>();
  readonly deals = new Map<number, Deal>();
  readonly orgFields: Field[];
  readonly dealFields: Field[] = [];
  readonly pipelines = [{ id: 1, name: 'Payments' }];
  readonly stages = [
    { id: 1, name: 'Paid', pipeline_id: 1 },
    { id: 2, name: 'Refunded', pipeline_id: 1 },
  ];
  /** Milliseconds of virtual time before search sees a new record (0: at once). */
  indexDelayMs = PIPEDRIVE_SEARCH_LAG_MS;
  /** When the company was set up: its pipelines, stages and first fields date from then. */
  readonly createdAt: string;
  private next = 1;
  private nextField = 9000;

  constructor(readonly clock: VirtualClock) {
    this.createdAt = new Date(clock.now().getTime() - 365 * 86_400_000).toISOString();
    this.orgFields = [{ id: this.nextField++, key: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', name: 'Customer ID', field_type: 'varchar', add_time: this.createdAt }];
  }

  id(): number {
    return this.next++;
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  /** When search will see a record written now. */
  indexedFrom(): number {
    return this.clock.now().getTime() + this.indexDelayMs;
  }

  searchable<T extends { indexedAt: number }>(records: Iterable<T>): T[] {
    return [...records].filter((record) => record.indexedAt <= this.clock.now().getTime());
  }

  fields(kind: FieldKind): Field[] {
    return kind === 'dealFields' ? this.dealFields : this.orgFields;
  }

  /** Adds a custom field, as POST /v1/dealFields or /v1/organizationFields does. */
  addField(kind: FieldKind, name: string, fieldType = 'varchar'): Field {
    const id = this.nextField++;
    const field = { id, key: createHash('sha1').update(`${kind}:${id}`).digest('hex'), name, field_type: fieldType, add_time: this.now() };
    this.fields(kind).push(field);
    return field;
  }

  /** Seeds `count` more custom fields (a big account: enough to need a second page of the field list). */
  seedFields(kind: FieldKind, count: number): Field[] {
    const start = this.fields(kind).length;
    return Array.from({ length: count }, (_, i) => this.addField(kind, `Custom field ${start + i + 1}`));
  }

  /** Seeds an organization (old data: search sees it at once unless `fresh`). */
  createOrg(name: string, custom_fields: Json = {}, fresh = false): Org {
    const org = { id: this.id(), name, custom_fields, add_time: this.now(), update_time: this.now(), indexedAt: fresh ? this.indexedFrom() : 0 };
    this.orgs.set(org.id, org);
    return org;
  }

  /** Seeds an organization with an IBAN in a custom field made for it (named `fieldName`, added when missing). */
  createOrgWithIban(name: string, iban: string, fieldName = 'IBAN', custom_fields: Json = {}): Org {
    const field = this.orgFields.find((f) => f.name === fieldName) ?? this.addField('organizationFields', fieldName);
    return this.createOrg(name, { ...custom_fields, [field.key]: iban });
  }

  createPerson(name: string, email: string, orgId: number | null, fresh = false): Person {
    const person = { id: this.id(), name, emails: [{ value: email, primary: true, label: 'work' }], org_id: orgId, add_time: this.now(), update_time: this.now(), indexedAt: fresh ? this.indexedFrom() : 0 };
    this.persons.set(person.id, person);
    return person;
  }

  /** Deals whose Mollie id field holds this payment id. */
  dealsFor(molliePaymentId: string): Deal[] {
    const key = this.dealFields.find((f) => f.name === 'Mollie payment ID')?.key;
    return [...this.deals.values()].filter((d) => key && d.custom_fields[key] === molliePaymentId);
  }
}
