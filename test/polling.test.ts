import { useClock, withDeadline } from '../http/deadline';
import { LOST_STATE_GRACE_MS, LOOKBACK_DAYS, pollChanges, type PageMapState, staleCursorStatus } from '../triggerEngine/pageMap';
import { REREAD_MS } from '../triggerEngine/schedule';
import { paymentStatusSource } from '../triggerEngine/paymentEvents';
import type { MolliePayment } from '../mollie/types';
import { pollSweep } from '../bench/pollers/sweep';
import { FakeAccount, type FakePayment, memoryStore } from '../bench/fakeMollie';

/**
 * The page-map poller's promises, in virtual time (http/deadline's clock; 250 ms per request), over an
 * in-memory Mollie payments list: a late change anywhere in the window is found within REREAD_MS plus one
 * poll, each change fires once, lost state and deleted cursors are survived as the README says.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const POLL = 15 * MINUTE;
/** The promise: a change is returned within this many polls after it happened. */
const PROMISED_POLLS = Math.ceil(REREAD_MS / POLL) + 1;

type Poller = typeof pollChanges;

/** An account with `perDay` payments over `days` (every fifth a still-open bank transfer), polled every 15 minutes by a Zap. */
const harness = (perDay: number, days: number, poller: Poller = pollChanges) => {
  const account = new FakeAccount(250);
  const start = Date.parse('2026-11-01T00:00:00Z');
  for (let n = 0; n < perDay * days; n++) {
    const created = start + Math.floor((n * DAY) / perDay);
    const payment = account.create(created, n % 5 === 0 ? 'banktransfer' : 'ideal');
    if (n % 5 !== 0) account.settle(payment, 'paid', created + MINUTE);
  }
  let now = start + days * DAY;
  const store = memoryStore<PageMapState>();
  const source = paymentStatusSource((page) => account.list(page) as never, ['paid']);
  const seen = new Set<string>();
  const fired: string[] = [];
  const returnedTwiceUnderNewId: string[] = [];
  const idsOfPayment = new Map<string, string>();
  const poll = async (populate = false) => {
    now += POLL;
    account.spent = 0;
    const items = await withDeadline(() => poller(source as never, store as never, { isPopulatingDedupe: populate }));
    for (const { id } of items) {
      const payment = id.split(':')[0];
      if (idsOfPayment.has(payment) && idsOfPayment.get(payment) !== id) returnedTwiceUnderNewId.push(id);
      idsOfPayment.set(payment, id);
      if (seen.has(id)) continue;
      seen.add(id);
      if (!populate) fired.push(id);
    }
    return items;
  };
  useClock(() => now + account.spent);
  const open = () => account.payments.filter((payment) => payment.status === 'open');
  const pay = (payment: FakePayment, at = now) => account.settle(payment, 'paid', at);
  return { account, store, poll, fired, returnedTwiceUnderNewId, open, pay, now: () => now, advance: (ms: number) => void (now += ms) };
};

afterEach(() => useClock());

describe('page-map poller: a late change anywhere in the window', () => {
  // 300 a day over 25 days: 7,500 payments, 30 pages, every one of them holding open bank transfers.
  const positions: Array<[string, (open: FakePayment[]) => FakePayment]> = [
    ['the newest open payment', (open) => open[open.length - 1]],
    ['one just below the newest page', (open) => open[open.length - 51]],
    ['one in the middle of the window', (open) => open[Math.floor(open.length / 2)]],
    ['one on a page boundary', (open) => open[open.length - 1 - 250]],
    ['the oldest open payment (25 days old)', (open) => open[0]],
  ];
  it.each(positions)('%s is found within the promised polls, whatever the poll it changes after', async (_name, pick) => {
    const zap = harness(300, 25);
    await zap.poll(true);
    const delays: number[] = [];
    for (let phase = 0; phase < 6; phase++) {
      await zap.poll();
      const payment = pick(zap.open());
      zap.pay(payment, zap.now() + MINUTE);
      let polls = 0;
      while (!zap.fired.includes(`${payment.id}:paid`) && polls < 3 * PROMISED_POLLS) {
        await zap.poll();
        polls++;
      }
      delays.push(polls);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(PROMISED_POLLS);
    expect(zap.returnedTwiceUnderNewId).toEqual([]);
  });

  it('today’s sweep does not keep that promise in an account this size (the reason for the page map)', async () => {
    const zap = harness(300, 25, pollSweep as unknown as Poller);
    await zap.poll(true);
    await zap.poll();
    const payment = zap.open()[0];
    zap.pay(payment, zap.now() + MINUTE);
    for (let polls = 0; polls < PROMISED_POLLS; polls++) await zap.poll();
    expect(zap.fired).not.toContain(`${payment.id}:paid`);
  });

  it('fires every change exactly once and nothing that happened before the Zap was on', async () => {
    const zap = harness(200, 20);
    const before = zap.open().slice(0, 40);
    for (const payment of before) zap.pay(payment, zap.now() - HOUR);
    await zap.poll(true);
    const changed: string[] = [];
    for (let step = 0; step < 40; step++) {
      const open = zap.open();
      for (const payment of [open[(step * 37) % open.length], open[(step * 101) % open.length]]) {
        zap.pay(payment, zap.now() + MINUTE);
        changed.push(`${payment.id}:paid`);
      }
      zap.account.create(zap.now() + 2 * MINUTE, 'ideal', 'open');
      await zap.poll();
    }
    for (let drain = 0; drain < PROMISED_POLLS; drain++) await zap.poll();
    expect([...zap.fired].sort()).toEqual([...new Set(changed)].sort());
    expect(zap.fired.filter((id) => before.some((payment) => id.startsWith(payment.id)))).toEqual([]);
  });

  it('the first poll over 20,000 payments stops inside its budget and the map is finished by later polls', async () => {
    const zap = harness(700, LOOKBACK_DAYS - 1);
    zap.account.spent = 0;
    await zap.poll(true);
    expect(zap.account.spent).toBeLessThanOrEqual(20_000);
    expect(zap.store.peek()!.frontiers.length).toBe(1);
    // A payment on a page the first poll did not reach, paid after the Zap was on, still fires.
    const oldest = zap.open()[0];
    zap.pay(oldest, zap.now() + MINUTE);
    for (let polls = 0; polls < 8 && !zap.fired.includes(`${oldest.id}:paid`); polls++) await zap.poll();
    expect(zap.fired).toContain(`${oldest.id}:paid`);
    expect(zap.store.peek()!.frontiers).toEqual([]);
  });
});

describe('page-map poller: lost state and stale cursors', () => {
  it('after the state is lost, changes of the last day still fire (once), older ones made while it was gone do not', async () => {
    const zap = harness(200, 20);
    await zap.poll(true);
    await zap.poll();
    const [firedBefore, lostLong, lostRecent] = zap.open();
    zap.pay(firedBefore, zap.now() + MINUTE);
    await zap.poll();
    expect(zap.fired).toEqual([]);
    for (let polls = 0; polls < PROMISED_POLLS; polls++) await zap.poll();
    expect(zap.fired).toEqual([`${firedBefore.id}:paid`]);
    // The state is evicted; the Zap keeps polling. One change happened two days ago (no poll saw it), one an hour ago.
    zap.store.lose();
    zap.pay(lostLong, zap.now() - LOST_STATE_GRACE_MS - DAY);
    zap.pay(lostRecent, zap.now() - HOUR);
    for (let polls = 0; polls < 4; polls++) await zap.poll();
    expect(zap.fired).toEqual([`${firedBefore.id}:paid`, `${lostRecent.id}:paid`]);
    expect(zap.store.peek()!.frontiers).toEqual([]);
  });

  const statuses: Array<[number, 'resets' | 'throws']> = [
    [400, 'resets'],
    [404, 'resets'],
    [410, 'resets'],
    [422, 'resets'],
    [401, 'throws'],
    [403, 'throws'],
    [429, 'throws'],
  ];
  it.each(statuses)('a %s on a remembered page %s', async (status, outcome) => {
    const zap = harness(200, 20);
    await zap.poll(true);
    zap.advance(REREAD_MS);
    // The first re-read (a due page, after the newest page) answers with the status.
    const list = zap.account.list;
    let calls = 0;
    zap.account.list = async (page) => {
      if (page.from && calls++ === 0) zap.account.failNext = status;
      return list(page);
    };
    const poll = zap.poll();
    if (outcome === 'throws') return expect(poll).rejects.toThrow(String(status));
    await poll;
    expect(zap.store.peek()!.pages.length).toBeLessThanOrEqual(1);
    // The map is rebuilt and a change on a page forgotten by the reset still fires.
    const payment = zap.open()[3];
    zap.pay(payment, zap.now() + MINUTE);
    for (let polls = 0; polls < PROMISED_POLLS && !zap.fired.includes(`${payment.id}:paid`); polls++) await zap.poll();
    expect(zap.fired).toContain(`${payment.id}:paid`);
  });

  it('a deleted item at a remembered page’s anchor resets the map instead of failing every poll', async () => {
    const zap = harness(200, 20);
    await zap.poll(true);
    const anchor = zap.store.peek()!.pages.at(-1)!.from;
    zap.account.remove(anchor);
    zap.advance(REREAD_MS);
    for (let polls = 0; polls < 3; polls++) await expect(zap.poll()).resolves.toBeDefined();
    expect(zap.store.peek()!.pages.map((page) => page.from)).not.toContain(anchor);
  });

  it('today’s sweep failed every poll on a deleted cursor (the defect)', async () => {
    const zap = harness(200, 20, pollSweep as unknown as Poller);
    await zap.poll(true);
    await zap.poll();
    const cursor = (zap.store.peek() as unknown as { cursor: string }).cursor;
    zap.account.remove(cursor);
    await expect(zap.poll()).rejects.toThrow('400');
    await expect(zap.poll()).rejects.toThrow('400');
  });

  it.each([
    [{ status: 400 }, 400],
    [new Error(JSON.stringify({ message: 'x', status: 404 })), 404],
    [{ status: 401 }, undefined],
    [{ status: 429 }, undefined],
    [{ status: 503 }, undefined],
    [new Error('socket hang up'), undefined],
  ])('staleCursorStatus(%p) is %p', (error, expected) => {
    expect(staleCursorStatus(error)).toBe(expected);
  });
});

export type { MolliePayment };
