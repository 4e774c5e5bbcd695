import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { LIGHT_REQUESTS, pollChanges } from '../triggerEngine/pageMap';
import { stateStore } from '../triggerEngine/state';
import { appMethod } from './helpers/app';
import { connectionAccounts } from '../http/credentials';
import { scopedKey } from '../store/connectionCache';
import { FAKE, MOLLIE, failure, hubspotAuth } from './helpers/connection';
import { fakeList, HOUR, iso, NOW, payment, payments, setPaid, zap } from './helpers/mollieFake';

const appTester = createAppTester(App);
const chargebackPerform = appMethod('triggers.chargeback_received.operation.perform');
const methodsPerform = appMethod('triggers.payment_methods.operation.perform');
const failedPerform = appMethod('triggers.payment_failed.operation.perform');
const linkPaidPerform = appMethod('triggers.payment_link_paid.operation.perform');
const paidPerform = appMethod('triggers.payment_paid.operation.perform');
const refundedPerform = appMethod('triggers.payment_refunded.operation.perform');
const profilesPerform = appMethod('triggers.profiles.operation.perform');
const zcache = appTester as unknown as { zcacheTestObj: Record<string, unknown> };
type Perform = (z: ZObject, bundle: Bundle) => unknown;
type Item = { id: string } & Record<string, unknown>;
const run = (perform: Perform, bundle: Record<string, unknown> = {}) =>
  appTester(perform as never, { authData: hubspotAuth(), inputData: {}, meta: {}, ...bundle } as never) as Promise<Item[]>;
const populate = (perform: Perform, bundle: Record<string, unknown> = {}) => run(perform, { ...bundle, meta: { isPopulatingDedupe: true } });

beforeEach(() => {
  zcache.zcacheTestObj = {};
});
afterEach(() => nock.cleanAll());

describe('Payment Paid (polling)', () => {
  it('fires a payment paid ten days after it was created, exactly once, without re-reading everything', async () => {
    // 600 payments, one an hour; #400 (16 days old) is an open bank transfer, far below the newest page.
    const items = payments(600, NOW, HOUR, (n) => (n === 400 ? 'open' : 'paid'));
    const list = fakeList('/v2/payments', 'payments', () => items);
    const paid = zap();
    paid.populate(await populate(paidPerform));

    const late = items[400];
    setPaid(late, NOW + HOUR);
    const fired: string[] = [];
    for (let poll = 0; poll < 4; poll++) {
      const before = list.queries.length;
      fired.push(...paid.fire(await run(paidPerform)));
      expect(list.queries.length - before).toBeLessThanOrEqual(LIGHT_REQUESTS);
    }
    expect(fired).toEqual([`${late.id}:paid`]);
    // The same poll again fires nothing new.
    expect(paid.fire(await run(paidPerform))).toEqual([]);
  });

  it('returns items newest first with the state in the id and the normalized payment', async () => {
    const items = [payment(1, NOW - HOUR), payment(2, NOW - 2 * HOUR, 'open'), payment(3, NOW - 3 * HOUR, 'failed')];
    fakeList('/v2/payments', 'payments', () => items);
    const result = await run(paidPerform);
    expect(result.map((item) => item.id)).toEqual(['tr_p00001:paid']);
    expect(result[0]).toMatchObject({ payment_id: 'tr_p00001', status: 'paid', amount_value: '10.00', amount_currency: 'EUR', invoice_number: 'INV-1' });
  });

  it('on the first poll returns everything already paid in the window, so nothing old fires later', async () => {
    const items = payments(700, NOW, HOUR / 2);
    const list = fakeList('/v2/payments', 'payments', () => items);
    const first = await populate(paidPerform);
    expect(first).toHaveLength(700);
    expect(list.queries.map((query) => query.from ?? 'top')).toEqual(['top', 'tr_p00250', 'tr_p00500']);
    const paid = zap();
    paid.populate(first);
    for (let poll = 0; poll < 4; poll++) expect(paid.fire(await run(paidPerform))).toEqual([]);
  });

  it('pages: reads on past the newest page when more than 250 payments arrived since the last poll, until it reaches the page map', async () => {
    const items = payments(300, NOW - 600 * HOUR, HOUR);
    const list = fakeList('/v2/payments', 'payments', () => items);
    const paid = zap();
    paid.populate(await populate(paidPerform));
    await run(paidPerform);
    // 520 new payments since: the newest page, then the pages below it until the previous top is reached.
    items.push(...Array.from({ length: 520 }, (_, n) => payment(1000 + n, NOW - n * 60_000)));
    const before = list.queries.length;
    const fired = paid.fire(await run(paidPerform));
    const queries = list.queries.slice(before);
    expect(queries.map((query) => query.limit)).toEqual(['250', '250', '250']);
    expect(queries.map((query) => query.from)).toEqual([undefined, 'tr_p01250', 'tr_p01500']);
    expect(fired).toHaveLength(520);
  });

  it('only fires for the chosen payment method', async () => {
    fakeList('/v2/payments', 'payments', () => [payment(1, NOW, 'paid', { method: 'banktransfer' }), payment(2, NOW - HOUR)]);
    const result = await run(paidPerform, { inputData: { method: 'banktransfer' } });
    expect(result.map((item) => item.id)).toEqual(['tr_p00001:paid']);
  });

  it('returns nothing when no payment is paid', async () => {
    fakeList('/v2/payments', 'payments', () => []);
    expect(await run(paidPerform)).toEqual([]);
  });

  it('refuses a malformed profile or method before any request', async () => {
    const profile = await failure(run(paidPerform, { inputData: { profile_id: 'shop-1' } }));
    expect(profile.message).toMatch(/^Website profile "shop-1" is not a Mollie profile ID/);
    const method = await failure(run(paidPerform, { inputData: { method: 'i deal!' } }));
    expect(method.message).toMatch(/^Payment method "i deal!" is not a Mollie method id/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('passes the profile and test mode for an access token', async () => {
    const scope = nock(MOLLIE).get('/v2/payments').query({ profileId: 'pfl_shop0001', testmode: 'true', limit: '250' }).reply(200, { _embedded: { payments: [] }, _links: {} });
    await run(paidPerform, { authData: { ...hubspotAuth(FAKE.mollieAccessToken), mollieMode: 'test' }, inputData: { profile_id: 'pfl_shop0001' } });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [401, 'ExpiredAuthError', /reconnect/i],
    [404, 'NotFound', /could not find it \(404\)/],
    [422, 'InvalidRequest', /refused the request \(422\)/],
    [429, 'ThrottledError', /slow down \(429\)/],
    [503, 'ThrottledError', /having trouble \(503\)/],
  ])('turns a Mollie %s into the right Zapier error, in Mollie’s words', async (status, name, message) => {
    nock(MOLLIE).get('/v2/payments').query(true).reply(status, { status, title: 'Error', detail: 'Mollie says no' }, { 'Retry-After': '7' });
    const error = await failure(run(paidPerform));
    expect(error.name === name || error.code === name).toBe(true);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('Mollie says no');
    if (status === 429) expect(error.delay).toBe(7);
  });

  it('still fires from the newest page when z.cache is unavailable', async () => {
    const brokenCache = { get: () => Promise.reject(new Error('rpc is not available')), set: () => Promise.reject(new Error('no')) };
    const z = { cache: brokenCache, console: { log: () => undefined } } as never;
    const source = {
      list: async () => ({ items: [{ id: 'tr_1', createdAt: iso(NOW), status: 'paid', paidAt: iso(NOW) }] }),
      changedAt: (item: { paidAt: string }) => item.paidAt,
      toItem: (item: { id: string }) => ({ id: `${item.id}:paid` }),
      canChange: () => false,
    };
    expect(await pollChanges(source, stateStore(z, { mollie: 'm', crm: 'c' }, 'key'))).toEqual([{ id: 'tr_1:paid' }]);
  });

  it('keeps its state per connection in z.cache, under a key naming trigger, profile and mode (and the Mollie account, issue 19)', async () => {
    fakeList('/v2/payments', 'payments', () => payments(3));
    await run(paidPerform);
    expect(Object.keys(zcache.zcacheTestObj)).toEqual([scopedKey(connectionAccounts(hubspotAuth()), 'mollie', 'poll:v2:payment_paid:default:test:any:paid')]);
  });
});

describe('Payment Failed (polling)', () => {
  it('fires on failed, and on canceled and expired only when asked', async () => {
    const items = [payment(1, NOW, 'failed'), payment(2, NOW - HOUR, 'canceled', { canceledAt: iso(NOW) }), payment(3, NOW - 2 * HOUR, 'expired', { expiredAt: iso(NOW - HOUR) })];
    fakeList('/v2/payments', 'payments', () => items);
    expect((await run(failedPerform)).map((item) => item.id)).toEqual(['tr_p00001:failed']);
    const all = await run(failedPerform, { inputData: { include_canceled_expired: 'true' } });
    expect(all.map((item) => item.id).sort()).toEqual(['tr_p00001:failed', 'tr_p00002:canceled', 'tr_p00003:expired']);
  });

  it('fires a SEPA direct debit that fails five days later', async () => {
    const items = payments(400, NOW, HOUR / 2, (n) => (n === 300 ? 'pending' : 'paid'));
    fakeList('/v2/payments', 'payments', () => items);
    const failed = zap();
    failed.populate(await populate(failedPerform));
    Object.assign(items[300], { status: 'failed', failedAt: iso(NOW + HOUR), method: 'directdebit' });
    const fired = [...failed.fire(await run(failedPerform)), ...failed.fire(await run(failedPerform))];
    expect(fired).toEqual(['tr_p00300:failed']);
  });
});

const refund = (n: number, createdAt: number, value: string, remaining: string) => ({
  resource: 'refund',
  id: `re_r${n}`,
  status: 'pending',
  amount: { value, currency: 'EUR' },
  description: '',
  createdAt: iso(createdAt),
  paymentId: 'tr_p00001',
  _embedded: { payment: payment(1, NOW - 100 * HOUR, 'paid', { amountRefunded: { value: '10.00', currency: 'EUR' }, amountRemaining: { value: remaining, currency: 'EUR' } }) },
});

describe('Payment Refunded (polling)', () => {
  it('fires a partial and then a full refund of the same payment: twice, with the payment', async () => {
    const refunds: ReturnType<typeof refund>[] = [];
    const list = fakeList('/v2/refunds', 'refunds', () => refunds);
    const refunded = zap();
    refunded.populate(await populate(refundedPerform));
    refunds.push(refund(1, NOW, '4.00', '6.00'));
    const first = await run(refundedPerform);
    expect(refunded.fire(first)).toEqual(['re_r1']);
    expect(first[0]).toMatchObject({ refund_amount_value: '4.00', is_full_refund: false, payment_id: 'tr_p00001', payment_amount_value: '10.00', payment_invoice_number: 'INV-1' });
    refunds.push(refund(2, NOW + HOUR, '6.00', '0.00'));
    const second = await run(refundedPerform);
    expect(refunded.fire(second)).toEqual(['re_r2']);
    expect(second[0]).toMatchObject({ id: 're_r2', is_full_refund: true });
    expect(refunded.fire(await run(refundedPerform))).toEqual([]);
    expect(list.queries.every((query) => query.embed === 'payment')).toBe(true);
  });

  it('does not fire refunds that failed or were canceled', async () => {
    fakeList('/v2/refunds', 'refunds', () => [{ ...refund(1, NOW, '1.00', '9.00'), status: 'failed' }]);
    expect(await run(refundedPerform)).toEqual([]);
  });
});

describe('Chargeback Received (polling)', () => {
  it('fires once per chargeback with its payment', async () => {
    const chargebacks = [
      { resource: 'chargeback', id: 'chb_c1', amount: { value: '10.00', currency: 'EUR' }, createdAt: iso(NOW), reason: { code: 'MD06', description: 'Refund request' }, reversedAt: null, paymentId: 'tr_p00001', _embedded: { payment: payment(1, NOW - 200 * HOUR) } },
    ];
    fakeList('/v2/chargebacks', 'chargebacks', () => chargebacks);
    const result = await run(chargebackPerform);
    expect(result).toEqual([expect.objectContaining({ id: 'chb_c1', chargeback_reason_code: 'MD06', payment_id: 'tr_p00001', payment_status: 'paid' })]);
  });
});

describe('Payment Link Paid (polling)', () => {
  it('fires a link paid long after it was created, once', async () => {
    const links = Array.from({ length: 300 }, (_, n) => ({
      resource: 'payment-link',
      id: `pl_l${String(n).padStart(4, '0')}`,
      description: `Invoice INV-2026-${n}`,
      amount: { value: '50.00', currency: 'EUR' },
      archived: false,
      createdAt: iso(NOW - n * HOUR),
      paidAt: n === 280 ? null : iso(NOW - n * HOUR + 60_000),
      expiresAt: null,
      _links: { paymentLink: { href: `https://payment-links.mollie.com/payment/l${n}` } },
    }));
    fakeList('/v2/payment-links', 'payment_links', () => links);
    const paid = zap();
    paid.populate(await populate(linkPaidPerform));
    links[280].paidAt = iso(NOW + HOUR);
    const fired = [...paid.fire(await run(linkPaidPerform)), ...paid.fire(await run(linkPaidPerform))];
    expect(fired).toEqual(['pl_l0280:paid']);
    expect((await run(linkPaidPerform))[0]).toMatchObject({ invoice_number: 'INV-2026-280', payment_link_id: 'pl_l0280' });
  });
});

describe('dropdown triggers', () => {
  it('lists the API key’s own profile, or every profile of an access token', async () => {
    nock(MOLLIE).get('/v2/profiles/me').reply(200, { id: 'pfl_key00001', name: 'Shop', website: 'https://shop.example', mode: 'live' });
    expect(await run(profilesPerform)).toEqual([{ id: 'pfl_key00001', name: 'Shop (https://shop.example)', website: 'https://shop.example', mode: 'live' }]);
    nock(MOLLIE).get('/v2/profiles').query({ limit: '250' }).reply(200, { _embedded: { profiles: [] }, _links: {} });
    expect(await run(profilesPerform, { authData: hubspotAuth(FAKE.mollieAccessToken) })).toEqual([]);
  });

  it('lists payment methods, and reports Mollie errors', async () => {
    nock(MOLLIE).get('/v2/methods').reply(200, { _embedded: { methods: [{ id: 'ideal', description: 'iDEAL' }] }, _links: {} });
    expect(await run(methodsPerform)).toEqual([{ id: 'ideal', name: 'iDEAL' }]);
    nock(MOLLIE).get('/v2/methods').reply(401, { status: 401, detail: 'Failed to authenticate' });
    expect((await failure(run(methodsPerform))).name).toBe('ExpiredAuthError');
    expect((await failure(run(methodsPerform, { inputData: { profile_id: 'nope' } }))).message).toMatch(/^Website profile /);
  });
});
