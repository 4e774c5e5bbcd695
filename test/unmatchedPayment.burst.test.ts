/**
 * The Unmatched Payment queue under bursts, outages and lost state, in
 * virtual time: every vendor request costs 250 ms of the run's 25 s, the CRM
 * is Moneybird with its 150 requests per 5 minutes, and Zapier dedupes on the
 * item id and holds a poll with 100+ new items (flood protection).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { RUN_BUDGET_MS } from '../http/deadline';
import { unmatchedPayments } from '../crm/unmatchedPayments';
import type { Decider, Item, QueueClock, QueueState, Verdict } from '../crm/unmatchedQueue';
import { MAX_DECISIONS_PER_POLL, MAX_FAILURES, MAX_PENDING, unmatchedId } from '../crm/unmatchedQueue';
import type { MollieClient, Page, PageRequest } from '../mollie/client';
import type { MolliePayment } from '../mollie/types';
import { SANDBOX_API_KEY, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN } from '../sandbox';

// z.cache's own check: it refuses what JSON cannot carry (undefined, functions, …).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ensureJsonEncodable = require('zapier-platform-core/src/tools/ensure-json-encodable') as (value: unknown) => void;
const storable = (value: unknown) => (ensureJsonEncodable(value), structuredClone(value));

const REQUEST_MS = 250;
const POLL_EVERY_MS = 5 * 60_000;
const MONEYBIRD_WINDOW_MS = 5 * 60_000;
const MONEYBIRD_LIMIT = 150;
const STATE_KEY = 'unmatched:test';

const moneybird = {
  mollieCredential: SANDBOX_API_KEY,
  crm: 'moneybird',
  crmToken: SANDBOX_MONEYBIRD_TOKEN,
  moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID,
};

/** Payments of the burst: every third one belongs to a known account. */
const isKnown = (id: string) => Number(id.split('_')[1]) % 3 === 0;
const paymentItem = (id: string): Item => ({ id: `${id}:paid`, payment_id: id, status: 'paid' });

/** The world of one test: a virtual clock, z.cache, Moneybird's window, and counts of what happened. */
const world = () => {
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
    now = started + POLL_EVERY_MS;
    return fresh;
  };
  const maxInAnyWindow = () => Math.max(0, ...crmRequestTimes.map((start) => crmRequestTimes.filter((at) => at >= start && at < start + MONEYBIRD_WINDOW_MS).length));
  return {
    poll,
    pay,
    decisions,
    fired,
    cache,
    state: () => cache.get(STATE_KEY) as QueueState | undefined,
    loseState: () => cache.delete(STATE_KEY),
    outage: (ms: number) => (outageUntil = now + ms),
    stats: () => ({ throttled, longestPollMs, mostNewInOnePoll, maxInAnyWindow: maxInAnyWindow() }),
  };
};

const ids = (count: number, from = 0) => Array.from({ length: count }, (_, n) => `tr_${n + from}`);
/** The feed shows a batch a page at a time, each payment in one poll only (the harshest feed: it never repeats). */
const pagesOf = (batch: string[], perPoll: number) =>
  Array.from({ length: Math.ceil(batch.length / perPoll) }, (_, n) => batch.slice(n * perPoll, (n + 1) * perPoll).map(paymentItem));

describe('Unmatched Payment queue: a SEPA batch of 2,000 paid at once on Moneybird', () => {
  it('decides every payment exactly once, fires every unmatched one once, within 25 s per poll and 150 requests per 5 minutes', async () => {
    const w = world();
    await w.poll([], { isPopulatingDedupe: true });
    const batch = ids(2_000, 1);
    const pages = pagesOf(batch, 250);
    let polls = 0;
    while (polls < 400 && (pages.length > 0 || (w.state()?.pending.length ?? 0) > 0)) {
      await w.poll(pages.shift() ?? []);
      polls++;
    }

    expect(w.state()?.pending).toEqual([]);
    expect(batch.filter((id) => w.decisions.get(id) !== 1)).toEqual([]);
    const unmatched = batch.filter((id) => !isKnown(id));
    expect([...w.fired.keys()].sort()).toEqual(unmatched.map(unmatchedId).sort());
    expect([...w.fired.values()].every((count) => count === 1)).toBe(true);
    const stats = w.stats();
    expect(stats.throttled).toBe(0);
    expect(stats.maxInAnyWindow).toBeLessThanOrEqual(MONEYBIRD_LIMIT);
    expect(stats.longestPollMs).toBeLessThanOrEqual(RUN_BUDGET_MS);
    expect(stats.mostNewInOnePoll).toBeLessThan(100);
    // Moneybird's limit, not the poll, sets the pace: about 50 requests per 5 minutes for 2,000 payments × 1⅓ requests.
    expect(polls).toBeGreaterThan(2_000 / MAX_DECISIONS_PER_POLL);
  });
});

describe('Unmatched Payment queue: 200 unknown payers in one day', () => {
  it('fires all 200 exactly once over several polls, none in the poll that turned the Zap on', async () => {
    const w = world();
    const before = ids(30, 10_000);
    expect(await w.poll(before.map(paymentItem), { isPopulatingDedupe: true })).toEqual([]);
    const burst = Array.from({ length: 200 }, (_, n) => `tr_${3 * n + 1}`);
    const feed = [...burst, ...before].map(paymentItem);
    const perPoll: number[] = [];
    for (let n = 0; n < 20 && w.fired.size < burst.length; n++) perPoll.push((await w.poll(feed)).length);

    expect(w.fired.size).toBe(200);
    expect([...w.fired.keys()].sort()).toEqual(burst.map(unmatchedId).sort());
    expect([...w.fired.values()].every((count) => count === 1)).toBe(true);
    expect(before.filter((id) => w.decisions.has(id))).toEqual([]);
    expect(perPoll.length).toBeGreaterThan(1);
  });
});

describe('Unmatched Payment queue: the CRM is down mid-burst', () => {
  it('fires nothing because of the outage and decides everything once it recovers', async () => {
    const w = world();
    await w.poll([], { isPopulatingDedupe: true });
    const burst = ids(120, 1);
    await w.poll(burst.map(paymentItem));
    const decidedBefore = w.decisions.size;
    w.outage(30 * 60_000);
    const duringOutage = [await w.poll([]), await w.poll([]), await w.poll([])].flat();
    expect(duringOutage).toEqual([]);
    expect(w.decisions.size).toBe(decidedBefore);
    expect(w.state()?.pending.length).toBe(burst.length - decidedBefore);

    for (let n = 0; n < 40 && (w.state()?.pending.length ?? 0) > 0; n++) await w.poll([]);

    expect(burst.filter((id) => w.decisions.get(id) !== 1)).toEqual([]);
    expect([...w.fired.keys()].sort()).toEqual(burst.filter((id) => !isKnown(id)).map(unmatchedId).sort());
    expect([...w.fired.values()].every((count) => count === 1)).toBe(true);
  });
});

describe('Unmatched Payment queue: the state is lost mid-burst', () => {
  it('rebuilds the queue from Mollie\'s list: every payment decided, none lost, none fired twice', async () => {
    const w = world();
    await w.poll([], { isPopulatingDedupe: true });
    const burst = ids(300, 1);
    w.pay(burst);
    // The feed shows the burst once; afterwards only the newest 60 are still on its page.
    await w.poll(burst.map(paymentItem));
    const waiting = w.state()!.pending.length;
    expect(waiting).toBeGreaterThan(100);
    w.loseState();
    const stillShown = burst.slice(-60).map(paymentItem);
    for (let n = 0; n < 40 && (n === 0 || (w.state()?.pending.length ?? 0) > 0 || w.state()?.recovery); n++) await w.poll(stillShown);

    expect(w.state()?.recovery).toBeUndefined();
    expect(burst.filter((id) => !w.decisions.has(id))).toEqual([]);
    expect([...w.fired.keys()].sort()).toEqual(burst.filter((id) => !isKnown(id)).map(unmatchedId).sort());
    expect([...w.fired.values()].every((count) => count === 1)).toBe(true);
    // The price of the lost state: payments decided before it are checked again (but not fired again).
    expect(burst.filter((id) => (w.decisions.get(id) ?? 0) > 1).length).toBe(burst.length - waiting);
  });
});

describe('Unmatched Payment queue: bounds', () => {
  it('announces payments beyond the queue cap at once as not checked, never drops them', async () => {
    const w = world();
    await w.poll([], { isPopulatingDedupe: true });
    const feed = ids(MAX_PENDING + 5, 1).map(paymentItem);
    const fired = await w.poll(feed);
    const notChecked = fired.filter((item) => item.match_reason === 'not_checked');
    // The feed is newest first and the queue takes the oldest first: the 5 newest find no room.
    expect(notChecked.map((item) => item.id).sort()).toEqual(feed.slice(0, 5).map((item) => unmatchedId(String(item.payment_id))).sort());
    expect(String(notChecked[0].match_explanation)).toMatch(/more than 10000 paid payments were waiting/);
    expect(w.state()?.pending.length).toBeLessThanOrEqual(MAX_PENDING);
  });

  /** A connection whose every decision throws `error`: polls at time 0 with unlimited time. */
  const throwingConnection = (error: Error) => {
    const cache = new Map<string, unknown>();
    const z = {
      cache: { get: async (key: string) => cache.get(key) ?? null, set: async (key: string, value: unknown) => void cache.set(key, storable(value)) },
      console: { log: () => undefined },
    } as unknown as ZObject;
    const decider: Decider = {
      crmRequests: () => 0,
      itemFor: paymentItem,
      decide: async () => {
        throw error;
      },
    };
    const clock: QueueClock = { now: () => 0, hasTimeFor: () => true, sleep: async () => undefined };
    const mollie = { payments: { list: async () => ({ items: [] }) } } as unknown as MollieClient;
    const poll = (feed: Item[]) => unmatchedPayments(z, { authData: moneybird, meta: {} } as unknown as Bundle, mollie, feed, { stateKey: STATE_KEY, decider, clock });
    return { cache, poll };
  };

  it('announces a payment that keeps failing (not an outage) as not checked after MAX_FAILURES polls, and never within one poll', async () => {
    const { poll } = throwingConnection(new errors.Error('Moneybird refused the request (422): query is invalid', 'InvalidRequest', 422));
    const polls = [await poll([paymentItem('tr_bad')])];
    for (let n = 1; n < MAX_FAILURES; n++) polls.push(await poll([]));
    expect(polls.slice(0, -1).flat()).toEqual([]);
    expect(polls[MAX_FAILURES - 1]).toEqual([expect.objectContaining({ id: 'tr_bad:unmatched', match_reason: 'not_checked' })]);
    expect(String(polls[MAX_FAILURES - 1][0].match_explanation)).toMatch(/query is invalid \(failed in 3 polls\)/);
  });

  it('stops at an expired CRM token (the user must reconnect) and keeps the payment waiting', async () => {
    const { cache, poll } = throwingConnection(new errors.ExpiredAuthError('Moneybird did not accept the Moneybird token (401).'));
    await expect(poll([paymentItem('tr_1')])).rejects.toThrow(/401/);
    expect((cache.get(STATE_KEY) as QueueState).pending).toEqual(['tr_1']);
  });
});
