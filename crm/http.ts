import type { ZObject } from 'zapier-platform-core';
import { passStatuses } from '../http/middleware';
import { reachVendor } from '../http/network';
import type { CrmName } from './adapter';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface CallOptions {
  params?: Record<string, string>;
  body?: unknown;
  /** Statuses the adapter handles itself (the response comes back instead of an error). */
  pass?: number[];
}

/** One JSON call to a CRM through z.request, so the middleware adds the token and turns failures into Zapier errors. */
export const caller =
  (z: ZObject, crm: CrmName, base: () => string) =>
  async <T>(method: Method, path: string, options: CallOptions = {}): Promise<{ status: number; data: T }> => {
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
    return { status: response.status, data: response.data };
  };
