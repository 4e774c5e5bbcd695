import type { ZObject } from 'zapier-platform-core';
import { connectionCache } from '../http/connectionCache';
import { passStatuses } from '../http/middleware';
import { reachVendor } from '../http/network';
import type { CrmAccount, CrmName, PaymentRecord, RecordStatus } from './adapter';

/** E-mails are compared trimmed and case-insensitively. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Splits "a@x.nl, b@y.nl" (Moneybird) or a single address into normalized e-mails. */
export const emailsIn = (...values: (string | null | undefined)[]): string[] =>
  unique(values.flatMap((value) => (value ?? '').split(/[,;]/)).map(normalizeEmail).filter((email) => email.includes('@')));

export const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** Drops repeated accounts (same id), keeping the first and merging what the others knew. */
export const uniqueAccounts = (accounts: CrmAccount[]): CrmAccount[] => {
  const byId = new Map<string, CrmAccount>();
  for (const account of accounts) {
    const seen = byId.get(account.id);
    if (!seen) byId.set(account.id, { ...account, emails: unique(account.emails), customerIds: unique(account.customerIds) });
    else {
      seen.emails = unique([...seen.emails, ...account.emails]);
      seen.customerIds = unique([...seen.customerIds, ...account.customerIds]);
      if (account.invoices) seen.invoices = [...(seen.invoices ?? []), ...account.invoices];
    }
  }
  return [...byId.values()];
};

/** Runs calls a few at a time: CRMs limit requests per second. */
export const mapLimited = async <T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/** Refunded/charged-back/failed can be read back from what a CRM stored. */
export const RECORD_STATUSES: RecordStatus[] = ['paid', 'partially refunded', 'refunded', 'charged back', 'failed', 'canceled', 'expired', 'open'];
export const asRecordStatus = (value: unknown): RecordStatus =>
  RECORD_STATUSES.includes(value as RecordStatus) ? (value as RecordStatus) : 'paid';

/** Whether a stored record already says what the input says (nothing to write). */
export const sameRecord = (record: PaymentRecord, wanted: Pick<PaymentRecord, 'status' | 'amountRefunded' | 'accountId'>): boolean =>
  record.status === wanted.status &&
  record.amountRefunded.value === wanted.amountRefunded.value &&
  (!wanted.accountId || record.accountId === wanted.accountId);


export interface LockOptions {
  /** Seconds the lock lives at most (a crashed run frees it by itself). */
  ttlSeconds?: number;
  /** How long to wait for another run to finish before asking Zapier to retry. */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Serializes runs that record the same Mollie payment, for CRMs without a
 * unique constraint (Moneybird, Pipedrive). A z.cache key set with nx, scoped
 * to this connection, with a short TTL. Where z.cache is unavailable (local
 * invoke) the work runs unguarded and the adapter's re-check after writing is
 * what keeps one record.
 */
export const withRecordLock = async <T>(z: ZObject, key: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> => {
  const cache = connectionCache(z);
  const lockKey = `crm-record-lock:${key}`;
  const sleep = options.sleep ?? realSleep;
  const deadline = (options.waitMs ?? 8_000) / 250;
  let held = false;
  for (let attempt = 0; ; attempt++) {
    const acquired = await cache.claim(lockKey, options.ttlSeconds ?? 30);
    if (acquired !== false) {
      held = acquired === true;
      break;
    }
    if (attempt >= deadline) {
      throw new z.errors.ThrottledError(`Another run is recording Mollie payment ${key} right now; Zapier will try again.`, 10);
    }
    await sleep(250);
  }
  try {
    return await work();
  } finally {
    if (held) await cache.forget(lockKey);
  }
};

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
