import type { Violation } from './validator';

/** A known mistake or gap in a vendor's own spec, which the validator should not report. */
export interface Allowance {
  vendor: Violation['vendor'];
  /** The spec operation (`GET /path/{param}`), when the mistake is in one operation. */
  operation?: string;
  path?: RegExp;
  message: RegExp;
  reason: string;
}

export const ALLOWED: Allowance[] = [
  {
    vendor: 'moneybird',
    operation: 'GET /{administration_id}/contacts/customer_id/{customer_id}{format}',
    message: /^\/path\/customer_id must match pattern/,
    reason: 'The spec copies the numeric id pattern onto customer_id, which Moneybird stores as free text (the contact form accepts any string).',
  },
  {
    vendor: 'hubspot',
    message: /^\/results\/\d+\/properties\/[\w-]+ must be string/,
    reason: 'HubSpot answers null for a requested property that has no value; the spec types every property value as a plain string.',
  },
  {
    vendor: 'hubspot',
    path: /^\/(account-info\/v3\/details|crm\/v3\/pipelines\/[\w-]+)$/,
    message: /^the spec has no such path$/,
    reason: 'Account info and pipelines are published in HubSpot specs that ../shared/specs does not hold: not checked, not wrong.',
  },
  {
    vendor: 'mollie',
    message: /^status 401 is not declared/,
    reason: 'Mollie answers 401 to a missing or wrong credential on every endpoint (its "Handling errors" guide); the spec lists it on none.',
  },
];
