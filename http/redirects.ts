/**
 * Redirects are decided here, not by node-fetch (every request goes out with
 * `redirect: 'manual'`): one to the same origin is followed, within the
 * request's one time bound, and gets that vendor's credential again; one to
 * any other origin is not followed at all, so no header (Authorization,
 * Pipedrive's x-api-token) and no query parameter ever reaches another site.
 */
import type {
  AfterResponseMiddleware,
  HttpMethod,
  HttpRequestOptions,
  HttpResponse,
} from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { requestClientLike } from './coreInternals';
import type { AuthData } from './credentials';
import { VENDOR_LABELS } from './endpoints';
import { carriedBudget } from './timeBound';
import { vendorOfUrl } from './vendors';

export const MAX_REDIRECTS = 5;
/** How long Zapier waits before trying a request that was redirected where it may not go. */
export const REDIRECT_RETRY_SECONDS = 60;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-token', 'cookie']);

/** The vendor's name, or the host for any other site. */
export const targetLabel = (url: string, authData: AuthData): string => {
  const vendor = vendorOfUrl(url, authData);
  if (vendor) return VENDOR_LABELS[vendor];
  try {
    return new URL(url).host;
  } catch {
    return 'The server';
  }
};

const refused = (label: string, what: string) =>
  new errors.ThrottledError(`${label} ${what} Zapier will try again.`, REDIRECT_RETRY_SECONDS);

const withoutCredentials = (headers: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));

/** Where a redirect may be followed to, or the error that refuses it. */
const destination = (response: HttpResponse, from: string, label: string): URL => {
  const location = response.getHeader('location');
  let to: URL | undefined;
  try {
    to = location ? new URL(location, from) : undefined;
  } catch {
    to = undefined;
  }
  if (!to) throw refused(label, `answered ${response.status} (a redirect) without a valid address to go to.`);
  if (to.origin !== new URL(from).origin) {
    throw refused(
      label,
      `redirected the request to another site (${to.host}). It was not followed, so no credential went there.`,
    );
  }
  return to;
};

/** 303, and 301/302 after a POST, continue as a GET without the body (as browsers and fetch do). */
const followUp = (
  request: HttpRequestOptions,
  status: number,
  url: string,
): HttpRequestOptions & { url: string } => {
  const method = (request.method ?? 'GET').toUpperCase() as HttpMethod;
  const asGet =
    (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  return {
    method: asGet ? 'GET' : method,
    url,
    body: asGet ? undefined : request.body,
    headers: withoutCredentials(request.headers),
    skipThrowForStatus: request.skipThrowForStatus,
    middlewareData: { ...request.middlewareData, ...carriedBudget(request) },
  };
};

export const followRedirects: AfterResponseMiddleware = async (response, z, bundle) => {
  if (!REDIRECT_STATUSES.has(response.status)) return response;
  const request = response.request;
  const from = request.url ?? '';
  const label = targetLabel(from, bundle.authData ?? {});
  const to = destination(response, from, label);
  const next = followUp(request, response.status, to.href);
  if ((next.middlewareData?.redirects ?? 0) > MAX_REDIRECTS)
    throw refused(label, `redirected the request more than ${MAX_REDIRECTS} times.`);
  // The z that middleware receives has no request(): the follow-up goes through the app's own request client.
  return requestClientLike(request, z, bundle)(next);
};
