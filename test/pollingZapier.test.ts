import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { SAMPLE_SIZE } from '../triggerEngine/history';
import { DAY, SANDBOX_API_KEY, SANDBOX_HUBSPOT_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { hubspotAuth } from './helpers/connection';
import { fakeList, HOUR, iso, NOW, payment, zap } from './helpers/mollieFake';
import { appMethod } from './helpers/app';

const chargebackPerform = appMethod('triggers.chargeback_received.operation.perform');
const failedPerform = appMethod('triggers.payment_failed.operation.perform');
const linkPaidPerform = appMethod('triggers.payment_link_paid.operation.perform');
const paidPerform = appMethod('triggers.payment_paid.operation.perform');
const refundedPerform = appMethod('triggers.payment_refunded.operation.perform');

/** "Test trigger" (isLoadingSample) and Transfer (isBulkRead, meta.page, z.cursor), run as Zapier runs them. */
const appTester = createAppTester(App);
const zcache = appTester as unknown as { zcacheTestObj: Record<string, unknown> };
type Perform = (z: ZObject, bundle: Bundle) => unknown;
type Item = { id: string } & Record<string, unknown>;
const run = (perform: Perform, meta: Record<string, unknown> = {}, authData: Record<string, string> = hubspotAuth()) =>
  appTester(perform as never, { authData, inputData: {}, meta } as never) as Promise<Item[]>;

beforeEach(() => {
  zcache.zcacheTestObj = {};
});
afterEach(() => nock.cleanAll());

const refunds = Array.from({ length: 30 }, (_, n) => ({
  resource: 'refund',
  id: `re_r${n}`,
  status: 'refunded',
  amount: { value: '1.00', currency: 'EUR' },
  createdAt: iso(NOW - n * HOUR),
  paymentId: `tr_p${n}`,
  _embedded: { payment: payment(n, NOW - 100 * HOUR) },
}));
const chargebacks = Array.from({ length: 30 }, (_, n) => ({
  resource: 'chargeback',
  id: `chb_c${n}`,
  amount: { value: '1.00', currency: 'EUR' },
  createdAt: iso(NOW - n * HOUR),
  reason: { code: 'MD06', description: 'Refund request' },
  reversedAt: null,
  paymentId: `tr_p${n}`,
  _embedded: { payment: payment(n, NOW - 200 * HOUR) },
}));
const links = Array.from({ length: 30 }, (_, n) => ({
  resource: 'payment-link',
  id: `pl_l${String(n).padStart(4, '0')}`,
  description: `Invoice INV-${n}`,
  amount: { value: '50.00', currency: 'EUR' },
  archived: false,
  createdAt: iso(NOW - n * HOUR),
  paidAt: n % 3 === 0 ? null : iso(NOW - n * HOUR + 60_000),
  expiresAt: null,
  _links: { paymentLink: { href: `https://payment-links.mollie.com/payment/l${n}` } },
}));
const paymentsMix = Array.from({ length: 400 }, (_, n) => payment(n, NOW - n * HOUR, n % 4 === 1 ? 'failed' : n % 4 === 2 ? 'open' : 'paid'));

const triggers: Array<[string, Perform, string, string, () => Array<Record<string, unknown> & { id: string; createdAt: string }>]> = [
  ['payment_paid', paidPerform, '/v2/payments', 'payments', () => paymentsMix],
  ['payment_failed', failedPerform, '/v2/payments', 'payments', () => paymentsMix],
  ['payment_refunded', refundedPerform, '/v2/refunds', 'refunds', () => refunds],
  ['chargeback_received', chargebackPerform, '/v2/chargebacks', 'chargebacks', () => chargebacks],
  ['payment_link_paid', linkPaidPerform, '/v2/payment-links', 'payment_links', () => links],
];

describe('Test trigger (isLoadingSample)', () => {
  it.each(triggers)('%s returns a few real recent items and writes no polling state; test, then turn on, fires nothing old', async (_key, perform, path, key, items) => {
    const list = fakeList(path, key, items);
    const sample = await run(perform, { isLoadingSample: true });
    expect(sample.length).toBeGreaterThanOrEqual(3);
    expect(sample.length).toBeLessThanOrEqual(SAMPLE_SIZE);
    const real = new Set(items().map((item) => item.id));
    for (const item of sample) expect(real.has(String(item.id).split(':')[0])).toBe(true);
    expect(list.queries).toHaveLength(1);
    expect(zcache.zcacheTestObj).toEqual({});

    const dedupe = zap();
    dedupe.populate(await run(perform, { isPopulatingDedupe: true }));
    for (let poll = 0; poll < 3; poll++) expect(dedupe.fire(await run(perform))).toEqual([]);
  });
});

describe('Transfer (history import)', () => {
  let sb: Sandbox;
  const env = { ...process.env };
  afterEach(async () => {
    process.env = { ...env };
    await sb?.close();
  });

  it('pages through a year of paid payments newest first, each once, without touching the polling state', async () => {
    sb = await startSandbox({ seed: 3 });
    Object.assign(process.env, sb.env());
    const yearAgo = sb.clock.now().getTime() - 365 * DAY;
    const paid: string[] = [];
    for (let n = 0; n < 365 * 6; n++) {
      const createdAt = new Date(yearAgo + n * (DAY / 6));
      const made = sb.mollie.createPayment({ createdAt, method: 'ideal' });
      if (n % 7 === 3) continue; // left open: not part of the import
      sb.mollie.setPaymentStatus(made.id, n % 11 === 5 ? 'failed' : 'paid', new Date(createdAt.getTime() + 60_000));
      if (n % 11 !== 5) paid.push(made.id);
    }
    const cursor: { value: string | null } = { value: null };
    const withCursor = (z: ZObject, bundle: Bundle) => {
      (z as unknown as { cursor: ZObject['cursor'] }).cursor = {
        get: async () => cursor.value as string,
        set: async (value: string) => ((cursor.value = value), null),
      };
      return paidPerform(z, bundle);
    };
    const authData = { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };
    const imported: Item[] = [];
    for (let page = 0; page < 100; page++) {
      const items = await run(withCursor, { isBulkRead: true, page }, authData);
      if (!items.length) break;
      imported.push(...items);
    }
    const ids = imported.map((item) => item.payment_id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...paid].sort());
    const created = imported.map((item) => Date.parse(item.created_at as string));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(zcache.zcacheTestObj).toEqual({});
  });
});
