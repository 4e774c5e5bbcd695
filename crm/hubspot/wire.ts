/**
 * HubSpot's wire shapes, taken from the official SDK's generated models
 * (`@hubspot/api-client`, a devDependency: type-only imports, nothing in the zip).
 *
 * The SDK's models describe objects after its own deserializer: dates are
 * `Date`, and a few JSON names are renamed (`new` → `_new`, `from` → `_from`,
 * `in` → `_in`). `OnTheWire` turns them back into what the JSON holds. Request
 * bodies with enum members (search filter operators, batch statuses) are not
 * typed from the SDK: its TypeScript enums do not accept the plain strings.
 */
import type {
  SimplePublicObjectBatchInputUpsert,
  SimplePublicObjectWithAssociations,
  SimplePublicUpsertObject,
  StandardError,
} from '@hubspot/api-client/lib/codegen/crm/deals';
import type { PublicAssociationMultiWithLabel } from '@hubspot/api-client/lib/codegen/crm/associations/v4';
import type { Pipeline } from '@hubspot/api-client/lib/codegen/crm/pipelines';
import type { Property } from '@hubspot/api-client/lib/codegen/crm/properties';

type Renamed = { _new: 'new'; _from: 'from'; _in: 'in' };
export type OnTheWire<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? OnTheWire<Item>[]
    : T extends object
      ? { [K in keyof T as K extends keyof Renamed ? Renamed[K] : K]: OnTheWire<T[K]> }
      : T;

/** A CRM object (contact, company, deal) as read, with its associations when asked for. */
export type HubspotObject = Pick<
  OnTheWire<SimplePublicObjectWithAssociations>,
  'id' | 'properties' | 'associations'
> & { createdAt?: string };
/** One result of batch/upsert: `new` says whether HubSpot created it. */
export type UpsertedObject = Pick<OnTheWire<SimplePublicUpsertObject>, 'id' | 'properties' | 'new'>;
/** One failed input in a 207 Multi-Status answer: every `context` value is an array of strings. */
export type BatchError = Pick<OnTheWire<StandardError>, 'category' | 'message' | 'context'> &
  Partial<Pick<OnTheWire<StandardError>, 'errors' | 'status'>>;
/** What a batch endpoint answers, 200 or 207. */
export interface BatchAnswer<T> {
  results: T[];
  errors?: BatchError[];
  numErrors?: number;
}
export type UpsertInput = OnTheWire<SimplePublicObjectBatchInputUpsert>;
export type AssociationsOf = Pick<OnTheWire<PublicAssociationMultiWithLabel>, 'from' | 'to'>;
export type PropertyDefinition = Pick<OnTheWire<Property>, 'name' | 'label' | 'type' | 'hasUniqueValue'>;
export type DealPipeline = Pick<OnTheWire<Pipeline>, 'id' | 'label'> & {
  stages: Pick<OnTheWire<Pipeline>['stages'][number], 'id' | 'label' | 'metadata'>[];
};
