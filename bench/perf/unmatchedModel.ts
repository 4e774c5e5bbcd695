/**
 * A model of the Unmatched Payment queue in virtual time, shared by its test
 * and its benchmark: every vendor request costs 250 ms of the run's 25 s, the
 * CRM is Moneybird with its 150 requests per 5 minutes (a 429 past that),
 * and Zapier dedupes on the item id. The real queue (crm/unmatchedPayments.ts)
 * runs; only the vendors and z.cache are modelled.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { RUN_BUDGET_MS } from '../../http/deadline';
import { connectionAccounts } from '../../http/credentials';
import { scopedKey } from '../../store/connectionCache';
import { unmatchedPayments } from '../../unmatched/unmatchedPayments';
import type { Decider, Item, QueueClock, QueueState, Verdict } from '../../unmatched/queue';
import { unmatchedId } from '../../unmatched/queue';
import type { MollieClient, Page, PageRequest } from '../../mollie/client';
import type { MolliePayment } from '../../mollie/types';
import { SANDBOX_API_KEY, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN } from '../../sandbox';

// z.cache's own check: it refuses what JSON cannot carry (undefined, functions, …).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ensureJsonEncodable = require('zapier-platform-core/src/tools/ensure-json-encodable') as (value: unknown) => void;
export const storable = (value: unknown) => (ensureJsonEncodable(value), structuredClone(value));

export const REQUEST_MS = 250;
const MONEYBIRD_WINDOW_MS = 5 * 60_000;
export const MONEYBIRD_LIMIT = 150;
export const STATE_KEY = 'unmatched:test';

export const moneybird = {
  mollieCredential: SANDBOX_API_KEY,
  crm: 'moneybird',
  crmToken: SANDBOX_MONEYBIRD_TOKEN,
  moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID,
};

/** The queue's key as z.cache holds it: keyed to the connection's accounts (store/connectionCache.ts). */
export const STORED_KEY = scopedKey(connectionAccounts(moneybird), 'connection', STATE_KEY);

/** Payments of the burst: every third one belongs to a known account. */
export const isKnown = (id: string) => Number(id.split('_')[1]) % 3 === 0;
export const paymentItem = (id: string): Item => ({ id: `${id}:paid`, payment_id: id, status: 'paid' });

/** One connection's world: a virtual clock, z.cache, Moneybird's window, and counts of what happened. */
export const world = (pollEveryMs = 5 * 60_000) => {
  let now = Date.parse('2026-11-01T09:00:00Z');
  let runEnds = Infinity;
  const cache = new Map<string, unknown>();
  const crmRequestTimes: number[] = [];
  const decisions = new Map<string, number>();
  const fired = new Map<string, number>();
  const zapierSeen = new Set<string>();
  let outageUntil = 0;
  let throttled = 0;
  let longestPollMs = 0;
  let mostNewInOnePoll = 0;

  const clock: QueueClock = {
    now: () => now,
    hasTimeFor: (ms) => runEnds - now >= ms,
    sleep: async (ms) => void (now += ms),
  };
  const request = () => (now += REQUEST_MS);
  /** Moneybird's own limit, per fixed 5-minute window: a 429 when it is used up. */
  const crmRequest = () => {
    request();
    if (now < outageUntil) throw new errors.ThrottledError('Moneybird is having trouble (503): Service Unavailable Zapier will try again.', 60);
    crmRequestTimes.push(now);
    const windowStart = now - (now % MONEYBIRD_WINDOW_MS);
    if (crmRequestTimes.filter((at) => at >= windowStart).length > MONEYBIRD_LIMIT) {
      throttled++;
      throw new errors.ThrottledError('Moneybird asked us to slow down (429): Too many requests', 60);
    }
  };
  let requests = 0;
  const decider: Decider = {
    crmRequests: () => requests,
    itemFor: (id) => paymentItem(id),
    decide: async (id): Promise<Verdict> => {
      request(); // the payment from Mollie
      requests++;
      crmRequest(); // the contacts with the payer's e-mail
      decisions.set(id, (decisions.get(id) ?? 0) + 1);
      if (isKnown(id)) {
        requests++;
        crmRequest(); // the account's open invoices
        return { kind: 'matched' };
      }
      return { kind: 'unmatched', item: { ...paymentItem(id), id: unmatchedId(id), match_reason: 'none_found' } };
    },
  };
  /** Mollie's payment list, newest first (what a recovery pass reads). */
  const listed: MolliePayment[] = [];
  const mollie = {
    payments: {
      list: async (page: PageRequest = {}): Promise<Page<MolliePayment>> => {
        request();
        const start = page.from ? listed.findIndex((payment) => payment.id === page.from) : 0;
        const items = listed.slice(start, start + (page.limit ?? 250));
        return { items, nextFrom: listed[start + items.length]?.id };
      },
    },
  } as unknown as MollieClient;
  /** Payments created a day ago (SEPA debits) and paid now. */
  const pay = (batch: string[]) =>
    listed.unshift(
      ...batch.map((id) => ({ id, status: 'paid', amount: { currency: 'EUR', value: '10.00' }, createdAt: new Date(now - 86_400_000).toISOString(), paidAt: new Date(now).toISOString() }) as unknown as MolliePayment),
    );
  const z = {
    cache: {
      get: async (key: string) => (cache.has(key) ? structuredClone(cache.get(key)) : null),
      set: async (key: string, value: unknown) => void cache.set(key, storable(value)),
    },
    console: { log: () => undefined },
  } as unknown as ZObject;

  /** One poll as Zapier runs it: one run of 25 s; fires the ids it has not seen. */
  const poll = async (feed: Item[], meta: Partial<Bundle['meta']> = {}) => {
    const started = now;
    runEnds = now + RUN_BUDGET_MS;
    const items = await unmatchedPayments(z, { authData: moneybird, inputData: {}, meta } as unknown as Bundle, mollie, feed, {
      stateKey: STATE_KEY,
      decider,
      clock,
    });
    runEnds = Infinity;
    longestPollMs = Math.max(longestPollMs, now - started);
    if (meta.isPopulatingDedupe) {
      items.forEach((item) => zapierSeen.add(item.id));
      return [];
    }
    const fresh = items.filter((item) => !zapierSeen.has(item.id));
    mostNewInOnePoll = Math.max(mostNewInOnePoll, fresh.length);
    fresh.forEach((item) => {
      zapierSeen.add(item.id);
      fired.set(item.id, (fired.get(item.id) ?? 0) + 1);
    });
    now = started + pollEveryMs;
    return fresh;
  };
  const maxInAnyWindow = () => Math.max(0, ...crmRequestTimes.map((start) => crmRequestTimes.filter((at) => at >= start && at < start + MONEYBIRD_WINDOW_MS).length));
  return {
    poll,
    pay,
    decisions,
    fired,
    cache,
    state: () => cache.get(STORED_KEY) as QueueState | undefined,
    loseState: () => cache.delete(STORED_KEY),
    outage: (ms: number) => (outageUntil = now + ms),
    stats: () => ({ throttled, longestPollMs, mostNewInOnePoll, maxInAnyWindow: maxInAnyWindow() }),
  };
};

export const ids = (count: number, from = 0) => Array.from({ length: count }, (_, n) => `tr_${n + from}`);
/** The feed shows a batch a page at a time, each payment in one poll only (the harshest feed: it never repeats). */
export const pagesOf = (batch: string[], perPoll: number) =>
  Array.from({ length: Math.ceil(batch.length / perPoll) }, (_, n) => batch.slice(n * perPoll, (n + 1) * perPoll).map(paymentItem));

/** Polls while the feed has pages to show or payments wait (at most `maxPolls`); returns the number of polls. */
export const drain = async (w: ReturnType<typeof world>, pages: Item[][], maxPolls = 400): Promise<number> => {
  let polls = 0;
  while (polls < maxPolls && (pages.length > 0 || (w.state()?.pending.length ?? 0) > 0 || w.state()?.recovery)) {
    await w.poll(pages.shift() ?? []);
    polls++;
  }
  return polls;
};
