import type { ZObject } from 'zapier-platform-core';

interface Cursor {
  get: () => Promise<string | null | undefined>;
  set: (value: string) => Promise<unknown>;
}

/**
 * z.cursor where Zapier offers it (paged runs: Transfer, dropdowns' "load
 * more"); without it there is no next page. Never fails the run.
 */
export const pagingCursor = (z: ZObject) => {
  const cursor = (z as unknown as { cursor?: Cursor }).cursor;
  return {
    get: async () => (await cursor?.get().catch(() => undefined)) ?? undefined,
    set: async (value: string) => void (await cursor?.set(value).catch(() => undefined)),
  };
};
