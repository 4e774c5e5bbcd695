import type { ZObject } from 'zapier-platform-core';

/**
 * z.cache for one connection: every key is scoped to the connection's
 * credentials (scope ['auth']), so nothing is ever shared between users.
 * Where z.cache is unavailable (local invoke) or fails, reads miss and
 * writes are skipped: callers still work, at the cost of extra requests.
 */
const SCOPE = ['auth'];

type ScopedCache = {
  get: (key: string, scope?: string[]) => Promise<unknown>;
  set: (key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean) => Promise<boolean | null>;
  delete: (key: string, scope?: string[]) => Promise<boolean>;
};

export const connectionCache = (z: ZObject) => {
  const cache = z.cache as unknown as ScopedCache | undefined;
  const quietly = async <T>(run: (cache: ScopedCache) => Promise<T>, fallback: T): Promise<T> => {
    if (!cache) return fallback;
    try {
      return await run(cache);
    } catch {
      return fallback;
    }
  };
  return {
    get: <T>(key: string) => quietly(async (c) => ((await c.get(key, SCOPE)) as T | null) ?? undefined, undefined as T | undefined),
    set: (key: string, value: unknown, ttlSeconds: number) => quietly(async (c) => void (await c.set(key, value, ttlSeconds, SCOPE)), undefined),
    forget: (key: string) => quietly(async (c) => void (await c.delete(key, SCOPE)), undefined),
    /** A short-lived lock: true when this run took it, false when another run holds it, undefined without a cache. */
    claim: (key: string, ttlSeconds: number) =>
      quietly(async (c) => (await c.set(key, 1, ttlSeconds, SCOPE, true)) !== false, undefined as boolean | undefined),
    /** The remembered value, or `load()`'s, remembered for `ttlSeconds`. */
    remember: async <T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> => {
      const known = await quietly(async (c) => ((await c.get(key, SCOPE)) as T | null) ?? undefined, undefined as T | undefined);
      if (known !== undefined) return known;
      const value = await load();
      await quietly(async (c) => void (await c.set(key, value, ttlSeconds, SCOPE)), undefined);
      return value;
    },
  };
};
