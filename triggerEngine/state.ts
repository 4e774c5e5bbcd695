import type { ZObject } from 'zapier-platform-core';
import type { AccountNames, Owner } from '../store/connectionCache';
import { scopedCache } from '../store/connectionCache';

/**
 * Small per-connection state for polling triggers, kept in z.cache through
 * store/connectionCache.ts (scope ['auth'], keyed to the accounts it belongs
 * to: a reconnected connection starts clean) with a TTL. When z.cache is not
 * available (no rpc: local invoke, some test set-ups) every call degrades to
 * "no state": the triggers still fire what the newest page shows.
 */
export interface StateStore<T> {
  load(): Promise<T | null | undefined>;
  save(value: T): Promise<void>;
}

/** Seven days: rewritten on every poll, so this only clears state of Zaps that were switched off. */
export const STATE_TTL_SECONDS = 7 * 24 * 3600;

/**
 * `undefined` from load() means z.cache is unavailable; `null` means nothing stored yet.
 * Polling state describes the Mollie account (owner 'mollie'); a state that also holds CRM
 * decisions (the Unmatched Payment queue) belongs to the pair ('connection').
 */
export const stateStore = <T>(
  z: ZObject,
  accounts: AccountNames,
  key: string,
  owner: Owner = 'mollie',
): StateStore<T> => {
  const cache = scopedCache(z, accounts, owner);
  let available = Boolean(cache);
  return {
    load: async () => {
      if (!cache) return undefined;
      try {
        return await cache.get<T>(key);
      } catch (error) {
        available = false;
        z.console.log(`Polling state unavailable (${(error as Error).message}); using the newest page only.`);
        return undefined;
      }
    },
    save: async (value) => {
      if (!cache || !available) return;
      try {
        await cache.set(key, value, STATE_TTL_SECONDS);
      } catch (error) {
        z.console.log(`Could not save polling state: ${(error as Error).message}`);
      }
    },
  };
};
