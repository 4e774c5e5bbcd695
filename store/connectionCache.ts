import type { ZObject } from 'zapier-platform-core';

/**
 * z.cache for one connection, and for the accounts it describes.
 *
 * Zapier's scope ['auth'] keeps connections apart, but a connection keeps its
 * scope when it is reconnected to another Mollie profile or organisation, from
 * test to live, or to another CRM portal, administration or company. So every
 * key is also prefixed here, and only here, with the accounts it belongs to
 * (opaque names from http/credentials.ts): the Mollie account, the CRM
 * account, or both. What one account remembered is never read or written for
 * another.
 */
const SCOPE = ['auth'];

/** The accounts of a connection, as http/credentials.ts names them (opaque, secret-free). */
export interface AccountNames {
  mollie: string;
  crm: string;
}

/** Whose data a key holds: the Mollie account's, the CRM account's, or the pair's (e.g. a link made for a CRM account). */
export type Owner = 'mollie' | 'crm' | 'connection';

type ZCache = {
  get: (key: string, scope?: string[]) => Promise<unknown>;
  set: (key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean) => Promise<boolean | null>;
  delete: (key: string, scope?: string[]) => Promise<boolean>;
};

/** The key as stored: the owner's account names first, then the caller's key. */
export const scopedKey = (accounts: AccountNames, owner: Owner, key: string): string => {
  const names =
    owner === 'mollie'
      ? [`m=${accounts.mollie}`]
      : owner === 'crm'
        ? [`c=${accounts.crm}`]
        : [`m=${accounts.mollie}`, `c=${accounts.crm}`];
  return [...names, key].join('|');
};

/** z.cache with this connection's scope and its accounts on every key; undefined where there is no z.cache (local invoke). Its errors are the caller's. */
export interface ScopedCache {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, ttlSeconds: number, nx?: boolean): Promise<boolean | null>;
  delete(key: string): Promise<boolean>;
}

export const scopedCache = (
  z: ZObject,
  accounts: AccountNames,
  owner: Owner = 'connection',
): ScopedCache | undefined => {
  const cache = z.cache as unknown as ZCache | undefined;
  if (!cache) return undefined;
  const full = (key: string) => scopedKey(accounts, owner, key);
  return {
    get: async <T>(key: string) => ((await cache.get(full(key), SCOPE)) as T | null) ?? null,
    set: (key, value, ttlSeconds, nx) =>
      nx
        ? cache.set(full(key), value, ttlSeconds, SCOPE, true)
        : cache.set(full(key), value, ttlSeconds, SCOPE),
    delete: (key) => cache.delete(full(key), SCOPE),
  };
};

/**
 * The scoped cache where a miss is harmless: where z.cache is unavailable or
 * fails, reads miss and writes are skipped, so callers still work, at the cost
 * of extra requests.
 */
export const connectionCache = (z: ZObject, accounts: AccountNames, owner: Owner = 'connection') => {
  const cache = scopedCache(z, accounts, owner);
  const quietly = async <T>(run: (cache: ScopedCache) => Promise<T>, fallback: T): Promise<T> => {
    if (!cache) return fallback;
    try {
      return await run(cache);
    } catch {
      return fallback;
    }
  };
  const get = <T>(key: string) =>
    quietly(async (c) => (await c.get<T>(key)) ?? undefined, undefined as T | undefined);
  const set = (key: string, value: unknown, ttlSeconds: number) =>
    quietly(async (c) => void (await c.set(key, value, ttlSeconds)), undefined);
  return {
    get,
    set,
    forget: (key: string) => quietly(async (c) => void (await c.delete(key)), undefined),
    /** A short-lived lock: true when this run took it, false when another run holds it, undefined without a cache. */
    claim: (key: string, ttlSeconds: number) =>
      quietly(
        async (c) => (await c.set(key, 1, ttlSeconds, true)) !== false,
        undefined as boolean | undefined,
      ),
    /** The remembered value, or `load()`'s, remembered for `ttlSeconds`. */
    remember: async <T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> => {
      const known = await get<T>(key);
      if (known !== undefined) return known;
      const value = await load();
      await set(key, value, ttlSeconds);
      return value;
    },
  };
};

export type ConnectionCache = ReturnType<typeof connectionCache>;
