import type { HttpResponse } from 'zapier-platform-core';
import type { Vendor } from './endpoints';
import { shorten } from './text';

/** Longest wait Zapier is asked for: a vendor's absurd Retry-After (a year, a typo) must not park a Zap. */
export const MAX_RETRY_SECONDS = 900;
/** A number this large is a moment (epoch seconds, year 2001 on), never a delay: nobody asks to wait 31 years. */
const EPOCH_SECONDS_FROM = 1_000_000_000;

const clampDelay = (seconds: number): number => Math.min(MAX_RETRY_SECONDS, Math.max(1, Math.ceil(seconds)));

/** Seconds until `header` says to retry: a delay in seconds, an epoch second, or an HTTP date. */
const secondsUntil = (header: string, now: number): number | undefined => {
  const text = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const value = Number(text);
    return value >= EPOCH_SECONDS_FROM ? clampDelay(value - now / 1000) : clampDelay(value);
  }
  // An HTTP date names its month ("Wed, 21 Oct 2026 07:28:00 GMT"); "-5" is no date, though Date.parse reads one.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : clampDelay((date - now) / 1000);
};

/**
 * Seconds to wait before retrying, from the vendor's headers, between 1 and MAX_RETRY_SECONDS.
 * Moneybird sends the epoch second its window resets (Retry-After and RateLimit-Reset), not a delay;
 * the others send a delay or an HTTP date. Any number that large is read as a moment, whoever sends
 * it; a small one as a delay, whoever sends it (an epoch second of 1970 is never meant).
 */
export const retryAfterSeconds = (
  response: Pick<HttpResponse, 'getHeader'>,
  now = Date.now(),
  vendor?: Vendor,
): number | undefined => {
  const headers = vendor === 'moneybird' ? ['retry-after', 'ratelimit-reset'] : ['retry-after'];
  for (const name of headers) {
    const header = response.getHeader(name);
    const seconds = header ? secondsUntil(header, now) : undefined;
    if (seconds !== undefined) return seconds;
  }
  return undefined;
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const parseBody = (response: HttpResponse): Record<string, unknown> | undefined => {
  const data = asRecord(response.data);
  if (data) return data;
  try {
    return asRecord(JSON.parse(response.content));
  } catch {
    return undefined;
  }
};

const moneybirdError = (error: unknown): string | undefined => {
  if (typeof error === 'string') return error;
  const fields = asRecord(error);
  if (!fields) return undefined;
  return Object.entries(fields)
    .map(
      ([field, problems]) => `${field} ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`,
    )
    .join('; ');
};

export interface VendorProblem {
  message: string;
  field?: string;
}

/** The vendor's own words for a failed response, in each vendor's error shape. */
export const vendorProblem = (vendor: Vendor, response: HttpResponse): VendorProblem => {
  const body = parseBody(response);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  let message: string | undefined;
  let field: string | undefined;
  if (body) {
    if (vendor === 'mollie') {
      message = text(body.detail) ?? text(body.title);
      field = text(body.field);
    } else if (vendor === 'hubspot') {
      message = text(body.message);
      const first = asRecord(Array.isArray(body.errors) ? body.errors[0] : undefined);
      // HubSpot's context values are arrays of strings (["amount"]), in the body and in each error.
      const named = (context: unknown) =>
        [asRecord(context)?.propertyName].flat().map(text).filter(Boolean).join(', ') || undefined;
      field = named(first?.context) ?? named(body.context) ?? text(first?.in);
    } else if (vendor === 'moneybird') {
      message = moneybirdError(body.error);
    } else {
      message = [text(body.error), text(body.error_info)].filter(Boolean).join(' ') || undefined;
    }
  }
  if (!message) {
    const content = text(response.content);
    message = content === undefined ? `HTTP ${response.status}` : shorten(content, 300);
  }
  return { message, field };
};
