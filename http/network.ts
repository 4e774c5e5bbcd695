import type { ZObject } from 'zapier-platform-core';
import type { Vendor } from './endpoints';
import { VENDOR_LABELS } from './endpoints';

/** How long Zapier should wait before retrying a vendor that did not answer. */
export const UNREACHABLE_RETRY_SECONDS = 30;

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/** Why a request failed before the vendor answered, or undefined for any other error. */
export const networkReason = (error: unknown): string | undefined => {
  if (!(error instanceof Error)) return undefined;
  const { type, code } = error as Error & { type?: string; code?: string };
  // node-fetch's timeout, or the request's own time bound (http/timeBound.ts: headers, body and redirects together).
  if (
    type?.endsWith('timeout') ||
    error.name === 'AbortError' ||
    error.name === 'TimeoutError' ||
    type === 'aborted'
  )
    return 'no answer before the timeout';
  if (error.name === 'FetchError' || (code && NETWORK_CODES.has(code)))
    return code ? `connection failed: ${code}` : 'connection failed';
  return undefined;
};

/**
 * Runs a vendor request; a timeout or a dropped connection becomes a
 * ThrottledError naming the vendor, so Zapier retries instead of failing the Zap.
 */
export const reachVendor = async <T>(z: ZObject, vendor: Vendor, send: () => Promise<T>): Promise<T> => {
  try {
    return await send();
  } catch (error) {
    const reason = networkReason(error);
    if (!reason) throw error;
    throw new z.errors.ThrottledError(
      `${VENDOR_LABELS[vendor]} could not be reached (${reason}). Zapier will try again.`,
      UNREACHABLE_RETRY_SECONDS,
    );
  }
};
