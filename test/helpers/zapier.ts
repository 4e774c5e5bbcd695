/**
 * A small emulation of what Zapier itself does with the app, so tests (and
 * bench/deadline.ts) see the app the way a Zap does:
 *
 * - a search step uses only the FIRST result; [] halts the step ("nothing
 *   found"), a HaltedError halts it with its message; search-or-create runs
 *   the create only after a search found nothing (not after a halt);
 * - "Test trigger" runs with `bundle.meta.isLoadingSample` and the editor
 *   shows at most three records;
 * - turning a polling Zap on runs it once with `isPopulatingDedupe` to seed the
 *   dedupe set; later polls fire only ids not seen before (dedupe on `id`);
 * - flood protection: a poll that brings FLOOD_LIMIT or more new items at once
 *   has them all held for the user's confirmation instead of run;
 * - a Zap's polls are `pollIntervalMs` (15 min) apart in virtual time;
 * - one invocation has 30 s for all its requests. Every z.request costs
 *   `latencyMs` of VIRTUAL time (http/deadline's clock is replaced), so the
 *   app's deadline logic sees a slow vendor while the test waits for nothing.
 *   A request that would end after 30 s is refused: Zapier would have
 *   stopped the run there, and the run's status is 'timeout'.
 *
 * Sources: Zapier's "Troubleshoot trigger payload" (three sample records, 30 s
 * to turn on), "How deduplication works", "Response types" (a search returns
 * best match first; [] is no match), and "Rate limits and throttling" (100+
 * items at once from a polling trigger are held; instant triggers are not).
 */
import { createAppTester, type Bundle } from 'zapier-platform-core';
import App from '../../index';
import { useClock } from '../../http/deadline';
import { appMethod } from './app';

export const ZAPIER_RUN_LIMIT_MS = 30_000;
export const VENDOR_LATENCY_MS = 250;
export const EDITOR_SAMPLE_RECORDS = 3;
export const FLOOD_LIMIT = 100;

export type Item = Record<string, unknown> & { id?: unknown };
export type RunStatus = 'success' | 'halted' | 'errored' | 'timeout';

export interface Invocation<T = unknown> {
  output?: T;
  status: RunStatus;
  /** The error's message as the Zap history shows it (Zapier's own text for an empty search). */
  message?: string;
  errorName?: string;
  /** Requests the app sent (z.request), and the virtual time they took. */
  requests: number;
  elapsedMs: number;
}

export interface SearchStep extends Invocation<Item[]> {
  /** What the next steps of the Zap get: the first result, nothing else. */
  first?: Item;
}

export interface SampleStep extends Invocation<Item[]> {
  /** The records the editor shows. */
  shown: Item[];
}

export interface Poll extends Invocation<Item[]> {
  /** Items that start a Zap run now. */
  fired: Item[];
  /** New items held by flood protection, waiting for the user to confirm. */
  held: Item[];
}

export interface Zap {
  seen: Set<string>;
  poll(bundle?: Partial<Bundle>): Promise<Poll>;
}

export interface EmulationOptions {
  latencyMs?: number;
  floodLimit?: number;
  /** Base bundle for every invocation (authData, inputData). */
  bundle?: Partial<Bundle>;
  /** Virtual time between a Zap's polls (Zapier polls every 1-15 minutes by plan; default 15). */
  pollIntervalMs?: number;
}

/** Zapier's text for a search step that found nothing (the step halts unless the user chose to continue). */
export const NOTHING_FOUND = 'Nothing could be found for the search.';
export const POLL_INTERVAL_MS = 15 * 60_000;

const zapierMeta = (meta: Partial<Bundle['meta']> = {}) => ({
  isLoadingSample: false,
  isFillingDynamicDropdown: false,
  isPopulatingDedupe: false,
  isTestingAuth: false,
  isBulkRead: false,
  limit: -1,
  page: 0,
  zap: { id: 'zap_emulated' },
  ...meta,
});

/** The error's message as Zapier shows it: without the "What happened" trail the local runner appends. */
const messageOf = (error: unknown): string => {
  const text = (error instanceof Error ? error.message : String(error)).split('\nWhat happened:')[0];
  try {
    const parsed = JSON.parse(text) as { message?: string };
    return parsed.message ?? text;
  } catch {
    return text;
  }
};

let virtualNow = Date.parse('2026-11-01T09:00:00Z');
/** One invocation at a time (the virtual clock is shared), as one Lambda runs one invocation at a time. */
let queue: Promise<unknown> = Promise.resolve();
const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
  const next = queue.then(work);
  queue = next.catch(() => undefined);
  return next;
};

export const emulateZapier = (options: EmulationOptions = {}) => {
  const latencyMs = options.latencyMs ?? VENDOR_LATENCY_MS;
  const floodLimit = options.floodLimit ?? FLOOD_LIMIT;
  const pollIntervalMs = options.pollIntervalMs ?? POLL_INTERVAL_MS;
  let current: { start: number; requests: number; killed: boolean } | undefined;

  const latency = (request: Record<string, unknown>) => {
    if (!current) return request;
    current.requests += 1;
    if (virtualNow + latencyMs - current.start > ZAPIER_RUN_LIMIT_MS) {
      current.killed = true;
      throw new Error(`Zapier stopped the run: ${ZAPIER_RUN_LIMIT_MS / 1000} s are up (request ${current.requests}).`);
    }
    virtualNow += latencyMs;
    return request;
  };
  const app = { ...App, beforeRequest: [...((App as { beforeRequest?: unknown[] }).beforeRequest ?? []), latency] };
  const tester = createAppTester(app);

  const bundleFor = (extra: Partial<Bundle> = {}, meta: Partial<Bundle['meta']> = {}): Partial<Bundle> => ({
    ...options.bundle,
    ...extra,
    inputData: { ...options.bundle?.inputData, ...extra.inputData },
    meta: zapierMeta({ ...extra.meta, ...meta }) as Bundle['meta'],
  });

  /** One invocation, as Zapier runs it: one budget for all its requests, on the virtual clock. */
  const invoke = <T>(method: string | ((...args: never[]) => unknown), bundle: Partial<Bundle>): Promise<Invocation<T>> => oneAtATime(() => invokeNow<T>(method, bundle));
  const invokeNow = async <T>(method: string | ((...args: never[]) => unknown), bundle: Partial<Bundle>): Promise<Invocation<T>> => {
    const fn = typeof method === 'string' ? appMethod(method) : method;
    current = { start: virtualNow, requests: 0, killed: false };
    useClock(() => virtualNow);
    const run = current;
    try {
      const output = (await tester(fn as never, bundle as Bundle)) as T;
      return { output, status: run.killed ? 'timeout' : 'success', requests: run.requests, elapsedMs: virtualNow - run.start };
    } catch (error) {
      const name = (error as Error).name;
      const status: RunStatus = run.killed ? 'timeout' : name === 'HaltedError' ? 'halted' : 'errored';
      return { status, message: messageOf(error), errorName: name, requests: run.requests, elapsedMs: virtualNow - run.start };
    } finally {
      current = undefined;
      useClock();
    }
  };

  const operation = (kind: 'triggers' | 'searches' | 'creates', key: string) => {
    const found = (App as unknown as Record<string, Record<string, { operation: Record<string, unknown> }>>)[kind]?.[key];
    if (!found) throw new Error(`The app has no ${kind}.${key}`);
    return found.operation;
  };

  const search = async (key: string, bundle: Partial<Bundle> = {}): Promise<SearchStep> => {
    operation('searches', key);
    const step = await invoke<Item[]>(`searches.${key}.operation.perform`, bundleFor(bundle));
    if (step.status !== 'success') return step;
    const first = step.output?.[0];
    return first ? { ...step, first } : { ...step, status: 'halted', message: NOTHING_FOUND };
  };

  const create = (key: string, bundle: Partial<Bundle> = {}) => {
    operation('creates', key);
    return invoke<Item>(`creates.${key}.operation.perform`, bundleFor(bundle));
  };

  /** Search-or-create: the create runs only when the search found nothing (an error or a halt stops the step). */
  const searchOrCreate = async (searchKey: string, bundle: Partial<Bundle> = {}) => {
    const pair = (App as unknown as { searchOrCreates?: Record<string, { create: string }> }).searchOrCreates?.[searchKey];
    if (!pair) throw new Error(`The app has no search-or-create under ${searchKey}`);
    const found = await search(searchKey, bundle);
    if (found.first || found.message !== NOTHING_FOUND) return { search: found, result: found.first, created: undefined };
    const created = await create(pair.create, bundle);
    return { search: found, result: created.output, created };
  };

  /** "Test trigger" in the Zap editor: isLoadingSample, at most three records shown. */
  const testTrigger = async (key: string, bundle: Partial<Bundle> = {}): Promise<SampleStep> => {
    const method = operation('triggers', key).type === 'hook' ? 'performList' : 'perform';
    const step = await invoke<Item[]>(`triggers.${key}.operation.${method}`, bundleFor(bundle, { isLoadingSample: true }));
    return { ...step, shown: (step.output ?? []).slice(0, EDITOR_SAMPLE_RECORDS) };
  };

  /** Turning a polling Zap on: one isPopulatingDedupe run seeds the dedupe set; then each poll fires unseen ids. */
  const turnOn = async (key: string, bundle: Partial<Bundle> = {}): Promise<Zap & { seeding: Invocation<Item[]> }> => {
    if (operation('triggers', key).type === 'hook') throw new Error(`${key} is an instant trigger: Zapier subscribes it instead of polling`);
    const method = `triggers.${key}.operation.perform`;
    let lastPoll = virtualNow;
    const seeding = await invoke<Item[]>(method, bundleFor(bundle, { isPopulatingDedupe: true }));
    if (seeding.status !== 'success') throw new Error(`Your Zap could not be turned on: ${seeding.message ?? seeding.status}`);
    const seen = new Set((seeding.output ?? []).map((item) => String(item.id)));
    const poll = async (extra: Partial<Bundle> = {}): Promise<Poll> => {
      const step = await oneAtATime(() => {
        virtualNow = Math.max(virtualNow, lastPoll + pollIntervalMs);
        lastPoll = virtualNow;
        return invokeNow<Item[]>(method, bundleFor({ ...bundle, ...extra, inputData: { ...bundle.inputData, ...extra.inputData } }));
      });
      const fresh = (step.output ?? []).filter((item) => {
        const id = String(item.id);
        return !seen.has(id) && (seen.add(id), true);
      });
      const flooded = fresh.length >= floodLimit;
      return { ...step, fired: flooded ? [] : fresh, held: flooded ? fresh : [] };
    };
    return { seen, poll, seeding };
  };

  return { invoke, search, create, searchOrCreate, testTrigger, turnOn, bundleFor, tester };
};

export type ZapierEmulation = ReturnType<typeof emulateZapier>;
