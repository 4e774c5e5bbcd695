/**
 * Unmatched Payment on the sandbox, as Zapier runs it: paid payments no
 * account could be matched to, each fired once, with the reason. Vendor
 * requests cost 250 ms of virtual time each, and every poll is one run of 25 s.
 */
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { MAX_ACCOUNTS_PER_KEY } from '../recording/accountForPayment';
import { RUN_BUDGET_MS, useClock } from '../http/deadline';
import { startSandbox, type Sandbox } from '../sandbox';
import { CRMS, fixtures, type CrmFixture } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

const perform = appMethod('triggers.unmatched_payment.operation.perform');

// Nothing here is timed (time is virtual); a busy machine only makes the many polls slower.
jest.setTimeout(180_000);

type Out = Record<string, unknown> & { id: string };
const REQUEST_MS = 250;
/** Zapier's free plan polls every 15 minutes. */
const POLL_EVERY_MS = 15 * 60_000;

/** One connection's Zap: a fresh app tester (its own z.cache) and Zapier's dedupe of item ids. */
const zapOn = (sb: Sandbox, fx: CrmFixture) => {
  const appTester = createAppTester(App);
  const cache = appTester as unknown as { zcacheTestObj: Record<string, unknown> };
  const seen = new Set<string>();
  const fired = new Map<string, number>();
  let longestPollMs = 0;
  let mostNew = 0;
  const run = async (meta: Partial<Bundle['meta']> = {}) => {
    const started = sb.clock.now().getTime();
    const items = (await appTester(perform, { authData: fx.authData, inputData: {}, meta } as Partial<Bundle>)) as Out[];
    longestPollMs = Math.max(longestPollMs, sb.clock.now().getTime() - started);
    return items;
  };
  return {
    cache,
    fired,
    run,
    /** A poll: fires the ids Zapier has not seen; turning on only records them. */
    poll: async (meta: Partial<Bundle['meta']> = {}) => {
      const items = await run(meta);
      const fresh = items.filter((item) => !seen.has(item.id));
      items.forEach((item) => seen.add(item.id));
      if (meta.isPopulatingDedupe) return [];
      mostNew = Math.max(mostNew, fresh.length);
      fresh.forEach((item) => fired.set(item.id, (fired.get(item.id) ?? 0) + 1));
      sb.clock.advance(POLL_EVERY_MS);
      return fresh;
    },
    stats: () => ({ longestPollMs, mostNew }),
  };
};

const crmLog = (sb: Sandbox, fx: CrmFixture) => sb.servers[fx.crm].requestLog;

describe('unmatched_payment on the sandbox', () => {
  let sb: Sandbox;
  const paid = (input: Parameters<Sandbox['mollie']['createPayment']>[0]) => {
    const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '25.00' }, description: 'Order', ...input });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    return payment.id;
  };
  /** CRM requests still answered before the CRM goes down (Infinity: it stays up). */
  let crmAnswersLeft = Infinity;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 9 });
    Object.assign(process.env, sb.env());
    // Every vendor request takes 250 ms of the run's time; a CRM can be made to fail.
    for (const [name, server] of Object.entries(sb.servers)) {
      server.faults = () => {
        sb.clock.advance(REQUEST_MS);
        if (name === 'mollie' || crmAnswersLeft-- > 0) return undefined;
        return { status: 503, body: { message: 'Service Unavailable', status: 'error' } };
      };
    }
    useClock(() => sb.clock.now().getTime());
  });
  afterAll(async () => {
    useClock();
    await sb.close();
  });

  describe('HubSpot', () => {
    let fx: CrmFixture;
    let zap: ReturnType<typeof zapOn>;
    let shared: string;
    let unknown: string;
    beforeAll(() => {
      fx = fixtures(sb).hubspot;
      fx.seedAccount({ name: 'Acme B.V.', email: 'finance@acme.nl', customerId: 'CUST-1' });
      fx.seedAccount({ name: 'Shared One', email: 'office@shared.nl' });
      fx.seedAccount({ name: 'Shared Two', email: 'office@shared.nl' });
      paid({ billingAddress: { email: 'stranger@old.nl' } });
      zap = zapOn(sb, fx);
    });

    it('turning the Zap on decides nothing and records the paid payments already there, so they never fire', async () => {
      const before = crmLog(sb, fx).length;
      const items = await zap.run({ isPopulatingDedupe: true });
      expect(crmLog(sb, fx).length).toBe(before);
      expect(items.map((item) => item.id)).toEqual([expect.stringMatching(/^tr_\w+:unmatched$/)]);
      await zap.poll({ isPopulatingDedupe: true });
      expect(await zap.poll()).toEqual([]);
    });

    it('announces an ambiguous and an unknown payer once each, with the reason, and never a matched one', async () => {
      shared = paid({ billingAddress: { email: 'office@shared.nl' } });
      unknown = paid({ billingAddress: { email: 'nobody@nowhere.nl' } });
      paid({ metadata: { customerId: 'CUST-1' } });

      const fired = await zap.poll();

      expect(fired.map((item) => item.id).sort()).toEqual([`${shared}:unmatched`, `${unknown}:unmatched`].sort());
      const byId = Object.fromEntries(fired.map((item) => [item.payment_id, item]));
      expect(byId[shared]).toMatchObject({ match_reason: 'ambiguous', candidates: 'Shared One, Shared Two', status: 'paid', amount_value: '25.00' });
      expect(byId[unknown]).toMatchObject({ match_reason: 'none_found', candidates: '' });
      expect(await zap.poll()).toEqual([]);
    });

    it('Test trigger returns a few real recent items, writes no state and asks the CRM nothing', async () => {
      paid({ billingAddress: { email: 'not-yet-checked@nowhere.nl' } });
      const stateBefore = JSON.stringify(zap.cache.zcacheTestObj);
      const crmBefore = crmLog(sb, fx).length;

      const items = await zap.run({ isLoadingSample: true });

      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.length).toBeLessThanOrEqual(3);
      expect(items.map((item) => item.payment_id)).toEqual(expect.arrayContaining([shared, unknown]));
      expect(items.every((item) => /^tr_\w+:unmatched$/.test(item.id) && item.status === 'paid')).toBe(true);
      expect(JSON.stringify(zap.cache.zcacheTestObj)).toBe(stateBefore);
      expect(crmLog(sb, fx).length).toBe(crmBefore);
      // The payment waiting to be checked is still announced by the next real poll.
      expect((await zap.poll()).map((item) => item.match_reason)).toEqual(['none_found']);
    });

    it('Test trigger before any poll shows recent paid payments, marked as not checked', async () => {
      const fresh = zapOn(sb, fx);
      const items = await fresh.run({ isLoadingSample: true });
      expect(items).toHaveLength(3);
      expect(items.every((item) => item.match_reason === 'not_checked' && /not checked against the CRM/.test(String(item.match_explanation)))).toBe(true);
      expect(fresh.cache.zcacheTestObj).toEqual({});
    });

    it('works through a burst of 200 unknown payers, then 300 new orders: each fired exactly once, over several polls, each inside 25 s', async () => {
      const burst = Array.from({ length: 200 }, (_, n) => paid({ billingAddress: { email: `walk-in-${n}@shop.nl` } }));
      // The burst soon leaves Mollie's newest page: the queue, not the page, must remember it.
      for (let n = 0; n < 300; n++) sb.mollie.createPayment({ amount: { currency: 'EUR', value: '10.00' }, description: `Order ${n}` });
      const perPoll: number[] = [];
      for (let n = 0; n < 30 && burst.some((id) => !zap.fired.has(`${id}:unmatched`)); n++) perPoll.push((await zap.poll()).length);

      expect(burst.filter((id) => zap.fired.get(`${id}:unmatched`) !== 1)).toEqual([]);
      expect(perPoll.length).toBeGreaterThan(2);
      expect(zap.stats().longestPollMs).toBeLessThanOrEqual(RUN_BUDGET_MS);
      expect(zap.stats().mostNew).toBeLessThan(100);
    });

    it('fires nothing while HubSpot is down mid-burst, and everything once it is back', async () => {
      const burst = Array.from({ length: 40 }, (_, n) => paid({ billingAddress: { email: `outage-${n}@shop.nl` } }));
      crmAnswersLeft = 15;
      await zap.poll();
      const firedBefore = burst.filter((id) => zap.fired.has(`${id}:unmatched`)).length;
      expect(firedBefore).toBe(15);
      const during = [await zap.poll(), await zap.poll()].flat();
      expect(during).toEqual([]);
      crmAnswersLeft = Infinity;

      for (let n = 0; n < 10 && burst.some((id) => !zap.fired.has(`${id}:unmatched`)); n++) await zap.poll();
      expect(burst.filter((id) => zap.fired.get(`${id}:unmatched`) !== 1)).toEqual([]);
    });
  });

  describe('HubSpot, the queue\'s state lost mid-burst', () => {
    it('rebuilds the queue from Mollie\'s list: every payer of the burst fired exactly once', async () => {
      const fx = fixtures(sb).hubspot;
      const zap = zapOn(sb, fx);
      await zap.poll({ isPopulatingDedupe: true });
      const burst = Array.from({ length: 80 }, (_, n) => paid({ billingAddress: { email: `lost-${n}@shop.nl` } }));
      await zap.poll();
      const firedBefore = burst.filter((id) => zap.fired.has(`${id}:unmatched`)).length;
      expect(firedBefore).toBeLessThan(burst.length);
      const key = Object.keys(zap.cache.zcacheTestObj).find((name) => name.startsWith('unmatched:v2:'))!;
      delete zap.cache.zcacheTestObj[key];
      // And the burst leaves Mollie's newest page.
      for (let n = 0; n < 300; n++) sb.mollie.createPayment({ amount: { currency: 'EUR', value: '10.00' }, description: `Order ${n}` });

      for (let n = 0; n < 10 && burst.some((id) => !zap.fired.has(`${id}:unmatched`)); n++) await zap.poll();

      expect(burst.filter((id) => zap.fired.get(`${id}:unmatched`) !== 1)).toEqual([]);
      expect(zap.stats().longestPollMs).toBeLessThanOrEqual(RUN_BUDGET_MS);
    });
  });

  describe.each(CRMS)('payers sharing an e-mail with 60 accounts (%s)', (crm) => {
    it(`finishes inside the run, reads at most ${MAX_ACCOUNTS_PER_KEY} accounts per key, and says what it did not read`, async () => {
      const fx = fixtures(sb)[crm];
      const email = `office@${crm}-coop.nl`;
      for (let n = 0; n < 60; n++) fx.seedAccount({ name: `Coop member ${n}`, email });
      const zap = zapOn(sb, fx);
      await zap.poll({ isPopulatingDedupe: true });
      const payers = Array.from({ length: 5 }, () => paid({ billingAddress: { email } }));
      const before = crmLog(sb, fx).length;

      const fired = await zap.poll();

      expect(fired.map((item) => item.payment_id).sort()).toEqual([...payers].sort());
      expect(fired.every((item) => item.match_reason === 'ambiguous')).toBe(true);
      expect(zap.stats().longestPollMs).toBeLessThanOrEqual(RUN_BUDGET_MS);
      const perPayment = (crmLog(sb, fx).length - before) / payers.length;
      expect(perPayment).toBeLessThanOrEqual(MAX_ACCOUNTS_PER_KEY + 3);
      const explanation = String(fired[0].match_explanation);
      if (crm === 'hubspot') {
        // HubSpot's search reads all 60 in one page: nothing left unread, so it says so plainly.
        expect(explanation).toMatch(/belongs to 60 accounts/);
      } else {
        expect(explanation).toMatch(new RegExp(`belongs to more accounts than were read \\(${MAX_ACCOUNTS_PER_KEY} checked`));
        expect(String(fired[0].candidate_ids).split(', ')).toHaveLength(MAX_ACCOUNTS_PER_KEY);
      }
    });
  });
});
