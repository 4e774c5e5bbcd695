/** Unmatched Payment: paid payments no account could be matched to, each announced once, with the reason. */
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { MAX_MATCHES_PER_POLL } from '../crm/unmatchedPayments';
import { startSandbox, type Sandbox } from '../sandbox';
import { perform } from '../triggers/unmatchedPayment';
import { fixtures, type CrmFixture } from './helpers/crmFixtures';

type Out = Record<string, unknown> & { id: string };

describe('unmatched_payment on the sandbox (HubSpot)', () => {
  let sb: Sandbox;
  let fx: CrmFixture;
  const appTester = createAppTester(App);
  const seen = new Set<string>();
  /** One poll as Zapier runs it: fires only ids it has not seen. */
  const poll = async (meta: Bundle['meta'] = {} as Bundle['meta']) => {
    const items = (await appTester(perform, { authData: fx.authData, inputData: {}, meta } as Partial<Bundle>)) as Out[];
    const fired = items.filter((item) => !seen.has(item.id));
    items.forEach((item) => seen.add(item.id));
    return meta?.isPopulatingDedupe ? [] : fired;
  };
  const paid = (input: Parameters<Sandbox['mollie']['createPayment']>[0]) => {
    const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '25.00' }, description: 'Order', ...input });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    return payment.id;
  };

  beforeAll(async () => {
    sb = await startSandbox({ seed: 9 });
    Object.assign(process.env, sb.env());
    fx = fixtures(sb).hubspot;
    fx.seedAccount({ name: 'Acme B.V.', email: 'finance@acme.nl', customerId: 'CUST-1' });
    fx.seedAccount({ name: 'Shared One', email: 'office@shared.nl' });
    fx.seedAccount({ name: 'Shared Two', email: 'office@shared.nl' });
    paid({ billingAddress: { email: 'stranger@old.nl' } });
  });
  afterAll(() => sb.close());

  it('turning the Zap on announces nothing that was already there', async () => {
    const requestsBefore = sb.servers.hubspot.requestLog.length;
    expect(await poll({ isPopulatingDedupe: true } as Bundle['meta'])).toEqual([]);
    expect(sb.servers.hubspot.requestLog.length).toBe(requestsBefore);
    sb.clock.advance(15 * 60_000);
    expect(await poll()).toEqual([]);
  });

  it('announces an ambiguous and an unknown payer once each, with the reason, and never a matched one', async () => {
    const shared = paid({ billingAddress: { email: 'office@shared.nl' } });
    const unknown = paid({ billingAddress: { email: 'nobody@nowhere.nl' } });
    paid({ metadata: { customerId: 'CUST-1' } });
    sb.clock.advance(15 * 60_000);

    const fired = await poll();

    expect(fired.map((item) => item.id).sort()).toEqual([`${shared}:unmatched`, `${unknown}:unmatched`].sort());
    const byId = Object.fromEntries(fired.map((item) => [item.payment_id, item]));
    expect(byId[shared]).toMatchObject({ match_reason: 'ambiguous', candidates: 'Shared One, Shared Two', status: 'paid', amount_value: '25.00' });
    expect(byId[unknown]).toMatchObject({ match_reason: 'none_found', candidates: '' });
    sb.clock.advance(15 * 60_000);
    expect(await poll()).toEqual([]);
  });

  it('matches a burst a few at a time, and announces every unmatched one in the end', async () => {
    const burst = Array.from({ length: MAX_MATCHES_PER_POLL + 3 }, (_, n) => paid({ billingAddress: { email: `walk-in-${n}@shop.nl` } }));
    sb.clock.advance(15 * 60_000);
    const first = await poll();
    sb.clock.advance(15 * 60_000);
    const second = await poll();

    expect(first).toHaveLength(MAX_MATCHES_PER_POLL);
    expect([...first, ...second].map((item) => item.payment_id).sort()).toEqual([...burst].sort());
  });
});
