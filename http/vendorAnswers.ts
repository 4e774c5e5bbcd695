/**
 * A vendor that answers nonsense: an HTML page, an empty body, JSON cut off,
 * JSON of the wrong type, a 200 that is not JSON, Pipedrive's `data: null`
 * with a 200. Such an answer is not the vendor's API speaking (a proxy, a
 * maintenance page, a connection cut mid-body), so it is retried, never read
 * as "not found" or left to crash the caller with a TypeError.
 */
import type { HttpResponse } from 'zapier-platform-core';
import type { Vendor } from './endpoints';

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const whatIsIn = (content: string, contentType: string): string => {
  if (/^\s*</.test(content)) return 'an HTML page';
  return contentType ? `content of type ${contentType.split(';')[0].trim()}` : 'content of no type';
};

/** What is wrong with the shape of a vendor's JSON body, or undefined when it has the vendor's shape. */
/** Moneybird's spec answers some calls with a bare number (link_booking: the status code); the others always with an object. */
const hasVendorShape = (vendor: Vendor, data: unknown): boolean =>
  isObject(data) ||
  (vendor === 'moneybird' && (Array.isArray(data) || (typeof data === 'number' && Number.isFinite(data))));

const wrongShape = (vendor: Vendor, data: unknown, success: boolean, method: string): string | undefined => {
  if (!hasVendorShape(vendor, data)) {
    return `JSON of the wrong type (${data === null ? 'null' : Array.isArray(data) ? 'a list' : typeof data})`;
  }
  if (vendor === 'pipedrive' && success && method !== 'DELETE') {
    const body = data as Record<string, unknown>;
    if (body.success === false) return 'a failure marked as a success';
    if (body.data === null || body.data === undefined) return 'no data (data: null)';
  }
  return undefined;
};

/**
 * What makes a vendor's answer nonsense, or undefined when it is a real answer.
 * Checked: every success, and a 404 (a real "not found" is the vendor's JSON error).
 */
export const nonsenseIn = (vendor: Vendor, response: HttpResponse): string | undefined => {
  const { status } = response;
  const success = status >= 200 && status < 300;
  const method = (response.request.method ?? 'GET').toUpperCase();
  if (
    (!success && status !== 404) ||
    response.request.raw ||
    status === 204 ||
    status === 205 ||
    method === 'HEAD'
  )
    return undefined;
  const content = typeof response.content === 'string' ? response.content : '';
  if (content.trim() === '') return success && method === 'DELETE' ? undefined : 'an empty answer';
  const contentType = response.getHeader('content-type') ?? '';
  if (!JSON_TYPE.test(contentType)) return whatIsIn(content, contentType);
  // Core has parsed the body already (data stays undefined when it could not).
  if (response.data === undefined) return 'JSON that breaks off or does not parse';
  return wrongShape(vendor, response.data, success, method);
};
