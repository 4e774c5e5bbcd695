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
    operation: 'GET /{administration_id}/contacts/customer_id/{customer_id}',
    message: /^\/path\/customer_id must match pattern/,
    reason: 'The spec copies the numeric id pattern onto customer_id, which Moneybird stores as free text (the contact form accepts any string).',
  },
  {
    vendor: 'hubspot',
    message: /^(\/results\/\d+)?\/properties\/[\w-]+ must be string/,
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
    message: /^status (401|403) is not declared/,
    reason: 'Mollie answers 401 to a missing or wrong credential and 403 to a credential of the wrong kind on every endpoint (its "Handling errors" guide); the spec lists them on none.',
  },
  {
    vendor: 'mollie',
    message: /^status 406 is not declared/,
    reason: 'Mollie answers 406 to an Accept header that admits neither application/hal+json nor any type; the spec lists 406 nowhere.',
  },
  {
    vendor: 'mollie',
    message: /^status 422 is not declared/,
    path: /^\/v2\/(payments|refunds|chargebacks|methods)$/,
    reason: 'With an access token Mollie answers 422 when profileId is missing or unknown (the parameter\'s own description); the list operations declare only 400.',
  },
  {
    vendor: 'mollie',
    message: /^status 422 is not declared/,
    path: /^\/v2\/customers(\/[^/]+(\/mandates)?)?$/,
    reason: 'Mollie answers 422 to a missing or invalid parameter on every write (its "Handling errors" guide); the spec declares it on the payment calls, not on creating or updating customers and mandates.',
  },
  {
    vendor: 'moneybird',
    message: /^status 401 is not declared/,
    reason: 'Moneybird answers 401 to a missing or revoked token on every endpoint (its authentication guide); the spec lists it on few.',
  },
  {
    vendor: 'moneybird',
    // Any administration but the sandbox's own (123456789): there, a 404 the spec does not declare is still a finding.
    path: /^\/api\/v2\/(?!123456789\/)[^/]+\//,
    message: /^status 404 is not declared/,
    reason: 'Moneybird answers 404 "Administration not found" under an administration id the token has no access to, on every endpoint (its errors guide: the entity or the administration was not found); the spec lists 404 on few.',
  },
  {
    vendor: 'moneybird',
    message: /^status 429 is not declared/,
    reason: 'Moneybird answers 429 with Retry-After past 150 requests per 5 minutes on every endpoint (its rate-limiting guide); the spec lists it on none.',
  },
  {
    vendor: 'hubspot',
    path: /^\/crm\/v3\/objects\/[\w-]+\/search$/,
    message: /^\/requestBody must have required property '(after|sorts|properties|limit|filterGroups)'/,
    reason: 'HubSpot\'s search guide makes every field of the search body optional (defaults: no paging cursor, default sort and properties); the spec marks them all required.',
  },
  {
    vendor: 'hubspot',
    path: /^\/crm\/v3\/objects\/[\w-]+$/,
    message: /^\/requestBody must have required property 'associations'/,
    reason: 'HubSpot creates an object without associations (its create guide sends properties alone); the spec marks associations required.',
  },
];
