import type { ZObject } from 'zapier-platform-core';
import type { AccountNames } from './connectionCache';
import { connectionCache } from './connectionCache';

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
 * to this connection and its accounts, with a short TTL. Where z.cache is
 * unavailable (local invoke) the work runs unguarded and the adapter's
 * re-check after writing is what keeps one record.
 */
export const withRecordLock = async <T>(
  z: ZObject,
  accounts: AccountNames,
  key: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> => {
  const cache = connectionCache(z, accounts);
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
      throw new z.errors.ThrottledError(
        `Another run is recording Mollie payment ${key} right now; Zapier will try again.`,
        10,
      );
    }
    await sleep(250);
  }
  try {
    return await work();
  } finally {
    if (held) await cache.forget(lockKey);
  }
};
