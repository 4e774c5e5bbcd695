import type { ZObject } from 'zapier-platform-core';
import { VENDOR_LABELS } from '../http/endpoints';
import { passStatuses } from '../http/middleware';
import { reachVendor } from '../http/network';
import type { CrmName } from './adapter';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface CallOptions {
  params?: Record<string, string>;
  body?: unknown;
  /** Statuses the adapter handles itself (the response comes back instead of an error). */
  pass?: number[];
  /** A read of one record: what it is (e.g. 'contact'). An answer that is a list, or has no id, halts naming it. */
  one?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const hasId = (value: unknown) =>
  isRecord(value) &&
  (typeof value.id === 'string' || typeof value.id === 'number') &&
  String(value.id) !== '';

/** What is wrong with a one-record answer, or undefined: Pipedrive wraps the record in `data`. */
const notOneRecord = (crm: CrmName, data: unknown): string | undefined => {
  const record = crm === 'pipedrive' && isRecord(data) ? data.data : data;
  if (Array.isArray(record)) return 'a list';
  return hasId(record) ? undefined : 'a record without an id';
};

/** One JSON call to a CRM through z.request, so the middleware adds the token and turns failures into Zapier errors. */
export const caller =
  (z: ZObject, crm: CrmName, base: () => string) =>
  async <T>(
    method: Method,
    path: string,
    options: CallOptions = {},
  ): Promise<{ status: number; data: T }> => {
    const response = await reachVendor(z, crm, () =>
      z.request<T>({
        method,
        url: `${base()}${path}`,
        params: options.params,
        body: options.body as Record<string, unknown> | undefined,
        headers: options.body === undefined ? undefined : { 'Content-Type': 'application/json' },
        ...(options.pass?.length ? passStatuses(...options.pass) : {}),
      }),
    );
    const wrong = options.one && response.status < 300 ? notOneRecord(crm, response.data) : undefined;
    if (wrong) {
      // The path is not repeated: it holds what the step was given (a customer ID, an invoice number).
      throw new z.errors.HaltedError(
        `${VENDOR_LABELS[crm]} answered with ${wrong} where one ${options.one} was asked for: nothing was done with it.`,
      );
    }
    return { status: response.status, data: response.data };
  };
