import type {
  AfterResponseMiddleware,
  BeforeRequestMiddleware,
  HttpResponse,
  ZObject,
} from 'zapier-platform-core';
import type { AuthData } from './credentials';
import { readCredentials } from './credentials';
import type { Vendor } from './endpoints';
import { VENDOR_LABELS } from './endpoints';
import { redactSecrets } from './redact';
import { nowMs } from './deadline';
import { targetLabel } from './redirects';
import { applyRequestBudget } from './timeBound';
import { nonsenseIn } from './vendorAnswers';
import { retryAfterSeconds, vendorProblem } from './vendorErrors';
import { vendorOfUrl } from './vendors';

export { REQUEST_TIMEOUT_MS } from './timeBound';
/** When a vendor throttles or fails without saying how long to wait. */
export const DEFAULT_RETRY_SECONDS = 60;

/** Mollie answers HAL (application/hal+json); the CRMs plain JSON. */
const ACCEPT: Record<Vendor, string> = {
  mollie: 'application/hal+json, application/json',
  hubspot: 'application/json',
  moneybird: 'application/json',
  pipedrive: 'application/json',
};

/**
 * Every request: the time left of its bound (http/timeBound.ts), and
 * redirects left to followRedirects. Each vendor's credential goes on requests
 * to that vendor's own origin, and on no other: a request to any other host
 * leaves with no credential at all.
 */
export const addCredentials: BeforeRequestMiddleware = (request, _z, bundle) => {
  const authData = bundle.authData ?? {};
  request.redirect = 'manual';
  // Core would turn a 429 into a bare ThrottledError before translateVendorErrors sees the vendor's words.
  (request as { throwForThrottlingEarly?: boolean }).throwForThrottlingEarly = false;
  const vendor = vendorOfUrl(request.url, authData);
  const credentials = vendor ? readCredentials(authData) : undefined;
  applyRequestBudget(request, targetLabel(request.url, authData));
  if (!vendor || !credentials) return request;
  const headers: Record<string, string> = { Accept: ACCEPT[vendor], ...(request.headers ?? {}) };
  if (vendor === 'mollie') headers.Authorization = `Bearer ${credentials.mollie.token}`;
  else if (vendor === credentials.crm) {
    if (vendor === 'pipedrive') headers['x-api-token'] = credentials.crmToken;
    else headers.Authorization = `Bearer ${credentials.crmToken}`;
  }
  request.headers = headers;
  return request;
};

/** Request options for a caller that handles these statuses itself. */
export const passStatuses = (...statuses: number[]) => ({
  skipThrowForStatus: true,
  middlewareData: { passStatuses: statuses },
});

const passedStatuses = (response: HttpResponse): number[] => {
  const passed: unknown = response.request.middlewareData?.passStatuses;
  return Array.isArray(passed) ? passed.filter((status): status is number => typeof status === 'number') : [];
};

/** The vendor's words as a sentence, so the app's own sentence after them does not run on ("…failed to authenticate Reconnect…"). */
const asSentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

const errorFor = (
  z: ZObject,
  vendor: Vendor,
  response: HttpResponse,
  authData: AuthData,
): Error | undefined => {
  const label = VENDOR_LABELS[vendor];
  const problem = vendorProblem(vendor, response);
  const said = asSentence(redactSecrets(problem.message, authData));
  const status = response.status;
  if (status === 401) {
    const credential = vendor === 'mollie' ? 'Mollie credential' : `${label} token`;
    return new z.errors.ExpiredAuthError(
      `${label} did not accept the ${credential} (401): ${said} Reconnect the account with a valid one.`,
    );
  }
  if (status === 429) {
    return new z.errors.ThrottledError(
      `${label} asked us to slow down (429): ${said}`,
      retryAfterSeconds(response, nowMs(), vendor) ?? DEFAULT_RETRY_SECONDS,
    );
  }
  if (status >= 500) {
    return new z.errors.ThrottledError(
      `${label} is having trouble (${status}): ${said} Zapier will try again.`,
      retryAfterSeconds(response, nowMs(), vendor) ?? DEFAULT_RETRY_SECONDS,
    );
  }
  if (status === 403) {
    return new z.errors.Error(
      `${label} refused access (403): ${said} Check that the credential has the needed permissions.`,
      'Forbidden',
      status,
    );
  }
  if (status === 404)
    return new z.errors.Error(`${label} could not find it (404): ${said}`, 'NotFound', status);
  // The field name is the vendor's words too, and may repeat the credential.
  const field = problem.field ? ` Field: ${redactSecrets(problem.field, authData)}.` : '';
  return new z.errors.Error(
    `${label} refused the request (${status}): ${said}${field}`,
    'InvalidRequest',
    status,
  );
};

/** How long Zapier waits before asking again a vendor that answered nonsense. */
export const NONSENSE_RETRY_SECONDS = 60;

/**
 * Turns vendor failures into Zapier's error classes, in the vendor's own words.
 * 401 → ExpiredAuthError; 429 and 5xx → ThrottledError (retried after the
 * server's delay); other 4xx → Error naming the field. A caller that handles
 * a status itself (a 404 that becomes [], a 409) says so with `passStatuses`.
 * An answer that is not the vendor's API speaking (http/vendorAnswers.ts) is
 * retried, whatever its status.
 */
export const translateVendorErrors: AfterResponseMiddleware = (response, z, bundle) => {
  const authData = bundle.authData ?? {};
  const vendor = vendorOfUrl(response.request.url ?? '', authData);
  if (!vendor) return response;
  const nonsense = nonsenseIn(vendor, response);
  if (nonsense) {
    throw new z.errors.ThrottledError(
      `${VENDOR_LABELS[vendor]} answered with ${nonsense} (HTTP ${response.status}), not an answer of its API. Zapier will try again.`,
      NONSENSE_RETRY_SECONDS,
    );
  }
  if (response.status < 400 || passedStatuses(response).includes(response.status)) return response;
  const error = errorFor(z, vendor, response, authData);
  if (error) throw error;
  return response;
};
