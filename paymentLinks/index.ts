/**
 * A connection-scoped index of the invoices that have a Mollie payment link,
 * kept in z.cache so that a big account is read once, not on every run.
 *
 * - `meta` says how far the index reaches: the newest link it has seen
 *   (`newestId`) and where reading older links goes on (`resumeFrom`;
 *   null once the oldest link has been read).
 * - The entries (canonical invoice → link ids, newest first) are spread
 *   over BUCKETS cache keys by a hash of the invoice, so one lookup reads one
 *   key and no key grows past what z.cache holds.
 * - Only the run holding the index lock writes it (buckets first, meta last),
 *   so two runs never overwrite each other's entries.
 * - An entry only says where to look: every link found through it is fetched
 *   and checked against its description before it counts.
 * Where z.cache is missing or fails the index is simply empty, and callers
 * read Mollie from the newest link on, as far as the run's time allows.
 */
import { createHash } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, type AccountNames } from '../store/connectionCache';

export const BUCKETS = 32;
export const INDEX_TTL_SECONDS = 30 * 24 * 3600;
const LOCK_TTL_SECONDS = 60;
/** Link ids kept per invoice: the newest few are all a lookup needs. */
const IDS_PER_INVOICE = 4;

export interface IndexMeta {
  newestId: string | null;
  /** The `from` of the next older page to read; null when the oldest link has been read. */
  resumeFrom: string | null;
  /** The buckets that hold entries: one of them missing means the index was lost. */
  buckets: number[];
  /** How many links the index has read. */
  read: number;
}

type Bucket = Record<string, string[]>;

// v2: keyed by matching's canonicalInvoiceNumber, and dashboard-made links are indexed too (v1 held neither).
const META_KEY = 'payment-link-index:v2:meta';
const LOCK_KEY = 'payment-link-index:v2:lock';
export const bucketKey = (bucket: number) => `payment-link-index:v2:bucket:${bucket}`;
export const bucketOf = (canonical: string): number =>
  createHash('sha256').update(canonical).digest().readUInt32BE(0) % BUCKETS;

const EMPTY: IndexMeta = { newestId: null, resumeFrom: null, buckets: [], read: 0 };

export interface LinkIndex {
  /** Null when there is no usable index yet: read from the newest link on. */
  meta: IndexMeta | null;
  /** The link ids the index holds for an invoice, newest first. */
  idsFor(canonical: string): Promise<string[]>;
  /** Notes a link: `newer` ones (read above the index) go in front of what is known. */
  add(canonical: string, linkId: string, newer: boolean): void;
  /** Writes what was added and the new reach, when this run may. */
  save(meta: IndexMeta): Promise<void>;
}

export const openLinkIndex = async (z: ZObject, accounts: AccountNames): Promise<LinkIndex> => {
  const store = connectionCache(z, accounts, 'mollie');
  let meta = (await store.get<IndexMeta>(META_KEY)) ?? null;
  const loaded = new Map<number, Bucket>();
  const added = new Map<number, Array<{ canonical: string; linkId: string; newer: boolean }>>();

  const bucket = async (number: number): Promise<Bucket> => {
    if (!loaded.has(number)) loaded.set(number, (await store.get<Bucket>(bucketKey(number))) ?? {});
    return loaded.get(number)!;
  };

  return {
    get meta() {
      return meta;
    },
    idsFor: async (canonical) => {
      if (!meta) return [];
      const number = bucketOf(canonical);
      if (!meta.buckets.includes(number)) return [];
      const entries = await store.get<Bucket>(bucketKey(number));
      // A bucket the index counts on has expired or was evicted: start the index again rather than trust a hole.
      if (!entries) {
        meta = null;
        return [];
      }
      loaded.set(number, entries);
      return entries[canonical] ?? [];
    },
    add: (canonical, linkId, newer) => {
      const number = bucketOf(canonical);
      added.set(number, [...(added.get(number) ?? []), { canonical, linkId, newer }]);
    },
    save: async (next) => {
      if ((await store.claim(LOCK_KEY, LOCK_TTL_SECONDS)) === false) return;
      try {
        const buckets = new Set(next.buckets);
        for (const [number, links] of added) {
          const entries = { ...(await bucket(number)) };
          const newer = links.filter((link) => link.newer);
          const older = links.filter((link) => !link.newer);
          for (const { canonical, linkId } of [...newer].reverse())
            entries[canonical] = [linkId, ...(entries[canonical] ?? []).filter((id) => id !== linkId)];
          for (const { canonical, linkId } of older) {
            const known = entries[canonical] ?? [];
            if (!known.includes(linkId)) entries[canonical] = [...known, linkId];
          }
          for (const canonical of Object.keys(entries))
            entries[canonical] = entries[canonical].slice(0, IDS_PER_INVOICE);
          await store.set(bucketKey(number), entries, INDEX_TTL_SECONDS);
          buckets.add(number);
        }
        await store.set(
          META_KEY,
          { ...next, buckets: [...buckets].sort((a, b) => a - b) },
          INDEX_TTL_SECONDS,
        );
      } finally {
        await store.forget(LOCK_KEY);
      }
    },
  };
};

export const freshMeta = (): IndexMeta => ({ ...EMPTY, buckets: [] });
