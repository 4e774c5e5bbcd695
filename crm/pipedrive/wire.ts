/**
 * Pipedrive's wire shapes, taken from the official `pipedrive` npm package's
 * generated v1/v2 models (a devDependency: type-only imports, nothing in the
 * zip). The SDK marks every field optional; `Known` marks the ones Pipedrive
 * always sends on the records the app reads, so the code does not guess.
 */
import type {
  Deal as SdkDeal,
  AddDealRequest,
  UpdateDealRequest,
  AddOrganizationRequest,
  AddPersonRequest,
  OrganizationItem,
} from 'pipedrive/dist/versions/v2';

type Known<T, K extends keyof T> = Omit<T, K> & Required<Pick<T, K>>;

export type Deal = Known<
  Pick<
    SdkDeal,
    'id' | 'title' | 'value' | 'currency' | 'org_id' | 'person_id' | 'status' | 'add_time' | 'custom_fields'
  >,
  'id' | 'title' | 'value' | 'currency'
>;
export type Organization = Known<
  Pick<OrganizationItem, 'id' | 'name' | 'add_time' | 'custom_fields'>,
  'id' | 'name'
>;
export type NewDeal = AddDealRequest;
export type DealChange = UpdateDealRequest;
export type NewOrganization = AddOrganizationRequest;
export type NewPerson = AddPersonRequest;

/** v2 responses: `data`, and on lists a cursor for the next page. */
export interface Envelope<T> {
  success: boolean;
  data: T;
  additional_data?: { next_cursor?: string | null };
}
