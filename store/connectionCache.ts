import type { ZObject } from 'zapier-platform-core';

/**
 * z.cache for one connection: every key is scoped to the connection's
 * credentials (scope ['auth']), so nothing is ever shared between users.
 */
const SCOPE = ['auth'];

type ZCache = {
  get: (key: string, scope?: string[]) => Promise<unknown>;
  set: (key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean) => Promise<boolean | null>;
  delete: (key: string, scope?: string[]) => Promise<boolean>;
};

/** z.cache with this connection's scope on every key; undefined where there is no z.cache (local invoke). Its errors are the caller's. */
export interface ScopedCache {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, ttlSeconds: number, nx?: boolean): Promise<boolean | null>;
  delete(key: string): Promise<boolean>;
}

export const scopedCache = (z: ZObject): ScopedCache | undefined => {
  const cache = z.cache as unknown as ZCache | undefined;
  if (!cache) return undefined;
  return {
    get: async <T>(key: string) => ((await cache.get(key, SCOPE)) as T | null) ?? null,
    set: (key, value, ttlSeconds, nx) => (nx ? cache.set(key, value, ttlSeconds, SCOPE, true) : cache.set(key, value, ttlSeconds, SCOPE)),
    delete: (key) => cache.delete(key, SCOPE),
  };
};

/**
 * The scoped cache where a miss is harmless: where z.cache is unavailable or
 * fails, reads miss and writes are skipped, so callers still work, at the cost
 * of extra requests.
 */
export const connectionCache = (z: ZObject) => {
  const cache = scopedCache(z);
  const quietly = async <T>(run: (cache: ScopedCache) => Promise<T>, fallback: T): Promise<T> => {
    if (!cache) return fallback;
    try {
      return await run(cache);
    } catch {
      return fallback;
    }
  };
  const get = <T>(key: string) => quietly(async (c) => (await c.get<T>(key)) ?? undefined, undefined as T | undefined);
  const set = (key: string, value: unknown, ttlSeconds: number) => quietly(async (c) => void (await c.set(key, value, ttlSeconds)), undefined);
  return {
    get,
    set,
    forget: (key: string) => quietly(async (c) => void (await c.delete(key)), undefined),
    /** A short-lived lock: true when this run took it, false when another run holds it, undefined without a cache. */
    claim: (key: string, ttlSeconds: number) => quietly(async (c) => (await c.set(key, 1, ttlSeconds, true)) !== false, undefined as boolean | undefined),
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
