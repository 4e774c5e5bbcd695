/**
 * The Unmatched Payment queue under bursts, outages and lost state, in
 * virtual time (bench/perf/unmatchedModel.ts): every vendor request costs
 * 250 ms of the run's 25 s, the CRM is Moneybird with its 150 requests per
 * 5 minutes, and Zapier dedupes on the item id and holds a poll with 100+ new
 * items (flood protection). `npx tsx bench/perf/unmatched.ts` prints the figures.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { RUN_BUDGET_MS } from '../http/deadline';
import { unmatchedPayments } from '../unmatched/unmatchedPayments';
import type { Decider, Item, QueueClock, QueueState } from '../unmatched/queue';
import { MAX_DECISIONS_PER_POLL, MAX_FAILURES, MAX_PENDING, unmatchedId } from '../unmatched/queue';
import type { MollieClient } from '../mollie/client';
import { drain, ids, isKnown, MONEYBIRD_LIMIT, moneybird, pagesOf, paymentItem, STATE_KEY, STORED_KEY, storable, world } from '../bench/perf/unmatchedModel';

describe('Unmatched Payment queue: a SEPA batch of 2,000 paid at once on Moneybird', () => {
  it('decides every payment exactly once, fires every unmatched one once, within 25 s per poll and 150 requests per 5 minutes', async () => {
    const w = world();
    await w.poll([], { isPopulatingDedupe: true });
    const batch = ids(2_000, 1);
    const polls = await drain(w, pagesOf(batch, 250));

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
    expect((cache.get(STORED_KEY) as QueueState).pending).toEqual(['tr_1']);
  });
});
