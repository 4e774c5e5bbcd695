import type { HttpResponse } from 'zapier-platform-core';
import type { Vendor } from './endpoints';

/** Seconds to wait before retrying, from Retry-After (seconds or an HTTP date). */
export const retryAfterSeconds = (response: Pick<HttpResponse, 'getHeader'>, now = Date.now()): number | undefined => {
  const header = response.getHeader('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

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
    .map(([field, problems]) => `${field} ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`)
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
      const named = (context: unknown) => [asRecord(context)?.propertyName].flat().map(text).filter(Boolean).join(', ') || undefined;
      field = named(first?.context) ?? named(body.context) ?? text(first?.in);
    } else if (vendor === 'moneybird') {
      message = moneybirdError(body.error);
    } else {
      message = [text(body.error), text(body.error_info)].filter(Boolean).join(' ') || undefined;
    }
  }
  if (!message) message = text(response.content)?.slice(0, 300) ?? `HTTP ${response.status}`;
  return { message, field };
};
