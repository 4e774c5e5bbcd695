/**
 * Settlement Paid Out as Zapier runs it: only paid-out settlements, once each
 * (`stl_x:paidout`), newest first; a poll details the last week's payouts
 * only; Test trigger shows at most three; turning the Zap on reads no lines;
 * Transfer pages back through older payouts; a detailed payout is not read
 * again within the day.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { SETTLEMENT_SAMPLE } from '../outputs/settlement';
import { pollPaidOutSettlements } from '../triggerEngine/settlementEvents';
import { FAKE, MOLLIE, moneybirdAuth } from './helpers/connection';

const appTester = createAppTester(App);
const authData = { ...moneybirdAuth(FAKE.mollieAccessToken), mollieMode: 'live' };
const METHOD = (App.triggers as Record<string, { operation: { perform: unknown } }>).settlement_paid_out.operation.perform as never;
const DAY = 86_400_000;
const NEWEST = Date.parse('2026-11-20T09:00:00Z');

const settlement = (n: number, status = 'paidout') => ({
  resource: 'settlement',
  id: `stl_settle${String(n).padStart(3, '0')}`,
  reference: `1234567.2611.${String(n).padStart(2, '0')}`,
  status,
  amount: { currency: 'EUR', value: '9.71' },
  balanceId: 'bal_3kUf4yU2nT',
  createdAt: new Date(NEWEST - n * DAY).toISOString(),
  settledAt: status === 'paidout' ? new Date(NEWEST - n * DAY).toISOString() : null,
  periods: { '2026': { '11': { costs: [{ description: 'iDEAL', method: 'ideal', count: 1, rate: {}, amountNet: { currency: 'EUR', value: '0.2400' }, amountVat: { currency: 'EUR', value: '0.0504' }, amountGross: { currency: 'EUR', value: '0.2904' } }] } } },
  _links: { self: { href: '', type: 'application/hal+json' } },
});
/** Settlement 0 is open; 1..25 were paid out one a day before. */
const ALL = [settlement(0, 'open'), ...Array.from({ length: 25 }, (_, i) => settlement(i + 1))];

let detailReads: string[] = [];
const mollieServes = () => {
  nock(MOLLIE)
    .persist()
    .get('/v2/settlements')
    .query(true)
    .reply(200, (uri) => {
      const url = new URL(typeof uri === 'string' ? uri : (uri as unknown as { url: string }).url, MOLLIE);
      const limit = Number(url.searchParams.get('limit'));
      const from = url.searchParams.get('from');
      const start = from ? ALL.findIndex((s) => s.id === from) : 0;
      const next = ALL[start + limit];
      return { count: limit, _embedded: { settlements: ALL.slice(start, start + limit) }, _links: { next: next ? { href: `${MOLLIE}/v2/settlements?from=${next.id}&limit=${limit}`, type: 'application/hal+json' } : null } };
    });
  nock(MOLLIE)
    .persist()
    .get(/^\/v2\/settlements\/stl_\w+\/(payments|captures|refunds|chargebacks)/)
    .reply(200, (uri) => {
      const [, id, kind] = /settlements\/(stl_\w+)\/(\w+)/.exec(typeof uri === 'string' ? uri : (uri as unknown as { url: string }).url)!;
      if (kind === 'payments') detailReads.push(id);
      const items = kind === 'payments' ? [{ resource: 'payment', id: `tr_${id.slice(4)}`, status: 'paid', amount: { currency: 'EUR', value: '10.00' }, settlementAmount: { currency: 'EUR', value: '10.00' }, description: 'Invoice 2026-0042', metadata: null, paidAt: '2026-11-01T10:00:00+00:00' }] : [];
      return { count: items.length, _embedded: { [kind]: items }, _links: { next: null } };
    });
  nock(MOLLIE).persist().get(/^\/v2\/balances\/.*\/transactions/).reply(403, { status: 403, title: 'Forbidden', detail: 'Missing permission balances.read' });
};

beforeEach(() => {
  detailReads = [];
  (appTester as unknown as { zcacheTestObj: object }).zcacheTestObj = {};
  mollieServes();
});
afterEach(() => nock.cleanAll());

const poll = (meta: Record<string, unknown> = {}) => appTester(METHOD, { authData, inputData: {}, meta } as never) as Promise<Array<Record<string, unknown>>>;

describe('Settlement Paid Out', () => {
  it('returns the paid-out payouts of the last week, newest first, with their lines; open ones never', async () => {
    const items = await poll();
    expect(items.map((item) => item.id)).toEqual(['stl_settle001:paidout', 'stl_settle002:paidout', 'stl_settle003:paidout', 'stl_settle004:paidout', 'stl_settle005:paidout', 'stl_settle006:paidout', 'stl_settle007:paidout', 'stl_settle008:paidout']);
    expect(items[0]).toMatchObject({ settlement_id: 'stl_settle001', amount: '9.71', costs: '-0.29', lines_add_up: true });
    // The token has no balances.read: the lines are right, the fee column says nothing.
    expect((items[0].lines as Array<Record<string, string>>).map((line) => [line.type, line.amount, line.fee])).toEqual([['payment', '10.00', ''], ['cost', '-0.29', '']]);
  });

  it('has the sample’s keys in its live output', async () => {
    const [item] = await poll();
    expect(Object.keys(item).sort()).toEqual(Object.keys(SETTLEMENT_SAMPLE).sort());
    expect(Object.keys((item.lines as object[])[0]).sort()).toEqual(Object.keys(SETTLEMENT_SAMPLE.lines[0]).sort());
  });

  it('turning the Zap on only lists ids (no lines read); Test trigger shows three', async () => {
    const seeded = await poll({ isPopulatingDedupe: true });
    expect(seeded).toHaveLength(9);
    expect(seeded.every((item) => Object.keys(item).join() === 'id')).toBe(true);
    expect(detailReads).toEqual([]);
    expect((await poll({ isLoadingSample: true })).map((item) => item.id)).toEqual(['stl_settle001:paidout', 'stl_settle002:paidout', 'stl_settle003:paidout']);
  });

  it('a payout once detailed is not read again within the day', async () => {
    await poll();
    const first = detailReads.length;
    await poll();
    expect({ first, again: detailReads.length - first }).toEqual({ first: 8, again: 0 });
  });

  it('Transfer pages back through older payouts with z.cursor', async () => {
    // Zapier keeps one cursor per paged run; zapier-platform-core's app tester has none, so the test holds it.
    let stored: string | null = null;
    const cursor = { get: async () => stored, set: async (value: string) => void (stored = value) };
    const page = (n: number) =>
      appTester(((z: ZObject, bundle: Bundle) => pollPaidOutSettlements(Object.assign(z, { cursor }), bundle)) as never, { authData, inputData: {}, meta: { page: n } } as never) as Promise<Array<{ id: string }>>;
    const pages: string[][] = [];
    for (let n = 0; n < 4; n++) pages.push((await page(n)).map((item) => String(item.id)));
    expect(pages[1]).toEqual(['stl_settle010:paidout', 'stl_settle011:paidout', 'stl_settle012:paidout', 'stl_settle013:paidout', 'stl_settle014:paidout', 'stl_settle015:paidout', 'stl_settle016:paidout', 'stl_settle017:paidout', 'stl_settle018:paidout', 'stl_settle019:paidout']);
    expect(pages[2]).toHaveLength(6);
    expect(pages[3]).toEqual([]);
    expect(new Set(pages.flat()).size).toBe(pages.flat().length);
  });
});
