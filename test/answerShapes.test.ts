/**
 * Answers of the wrong shape for their request (issue 19 §4): a list where one record is wanted, an
 * entity missing a field its vendor's spec requires (a webhook payment without an amount), give []
 * or a halt naming what is missing, never an unexpected TypeError; every ISO 4217 currency has its
 * decimals (a CNY payment is recorded), while Create Payment Link still refuses what Mollie does not take.
 */
import { createHmac } from 'node:crypto';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import codes from 'currency-codes';
import App from '../index';
import { appMethod, appHooks } from './helpers/app';
import { decimalsOf, formatMinor, toMinor } from '../money/money';
import { startSandbox, type Sandbox } from '../sandbox';
import { FAKE, HUBSPOT, MOLLIE, MONEYBIRD, PIPEDRIVE, hubspotAuth, moneybirdAuth, pipedriveAuth } from './helpers/connection';
import { HOUR, NOW, fakeList, iso, payment } from './helpers/mollieFake';
import { fixtures } from './helpers/crmFixtures';

const createLink = appMethod('creates.create_payment_link.operation.perform');
const recordPayment = appMethod('creates.create_crm_payment_record.operation.perform');
const findAccount = appMethod('searches.find_crm_account.operation.perform');
const findRecord = appMethod('searches.find_crm_payment_record.operation.perform');
const findPayment = appMethod('searches.find_payment.operation.perform');
const paidPerform = appMethod('triggers.payment_paid.operation.perform');
const paidHooks = appHooks('payment_paid_instant');
const refundedHooks = appHooks('payment_refunded_instant');

type Perform = (z: ZObject, bundle: Bundle) => unknown;
const appTester = createAppTester(App);
const run = (perform: unknown, bundle: Record<string, unknown>) => appTester(perform as never, { inputData: {}, meta: {}, ...bundle } as never) as Promise<unknown>;

/** What a run ends in: its output, or its error's class and message. */
const outcome = async (promise: Promise<unknown>) => {
  try {
    return { output: await promise };
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
};
/** [] or a halt naming `what`: never an unexpected error, never a made-up record. */
const emptyOrHaltNaming = (result: { output?: unknown; name?: string; message?: string }, what: RegExp) => {
  if ('output' in result) {
    expect(result.output).toEqual([]);
    return;
  }
  expect(result.message).not.toMatch(/unexpected/i);
  expect(result.name).toBe('HaltedError');
  expect(result.message).toMatch(what);
};

afterEach(() => nock.cleanAll());

const MB = `/api/v2/${FAKE.moneybirdAdministrationId}`;
const contact = (id: string) => ({ id, company_name: `Contact ${id}`, customer_id: 'C-1', email: 'a@b.nl', contact_people: [] });

describe('a list where one record is wanted gives [] or a halt naming it, never a made-up record', () => {
  it.each([
    [
      'Moneybird contact by customer ID',
      () => nock(MONEYBIRD).get(`${MB}/contacts/customer_id/C-1`).reply(200, [contact('1'), contact('2')]),
      () => run(findAccount, { authData: moneybirdAuth(), inputData: { customer_id: 'C-1' } }),
      /contact/,
    ],
    [
      'Moneybird contact by customer ID, an empty list',
      () => nock(MONEYBIRD).get(`${MB}/contacts/customer_id/C-1`).reply(200, []),
      () => run(findAccount, { authData: moneybirdAuth(), inputData: { customer_id: 'C-1' } }),
      /contact/,
    ],
    [
      'Pipedrive organization by id',
      () => {
        nock(PIPEDRIVE).get('/api/v1/organizationFields').query(true).reply(200, { success: true, data: [{ key: 'abc', name: 'Customer ID' }], additional_data: { pagination: { more_items_in_collection: false } } });
        nock(PIPEDRIVE).get('/api/v2/organizations/search').query(true).reply(200, { success: true, data: { items: [{ result_score: 1, item: { id: 5, name: 'Org' } }] } });
        nock(PIPEDRIVE).get('/api/v2/organizations/5').reply(200, { success: true, data: [{ id: 5, name: 'Org', custom_fields: { abc: 'C-1' } }] });
      },
      () => run(findAccount, { authData: pipedriveAuth(), inputData: { customer_id: 'C-1' } }),
      /organization/,
    ],
    [
      'HubSpot deal by Mollie payment id',
      () => {
        nock(HUBSPOT).get('/crm/v3/properties/deals/mollie_payment_id').reply(200, { name: 'mollie_payment_id', label: 'Mollie payment ID', type: 'string', fieldType: 'text', groupName: 'dealinformation', hasUniqueValue: true });
        nock(HUBSPOT).get('/crm/v3/objects/deals/tr_WDqYK6vllg').query(true).reply(200, { results: [{ id: '1', properties: {} }] });
      },
      () => run(findRecord, { authData: hubspotAuth(), inputData: { payment_id: 'tr_WDqYK6vllg' } }),
      /deal/,
    ],
    [
      'Mollie payment by id',
      () => nock(MOLLIE).get('/v2/payments/tr_WDqYK6vllg').reply(200, { count: 1, _embedded: { payments: [payment(1, NOW)] }, _links: {} }),
      () => run(findPayment, { authData: hubspotAuth(), inputData: { payment_id: 'tr_WDqYK6vllg' } }),
      /payment/,
    ],
  ])('%s', async (_case, answer, ask, what) => {
    answer();
    const result = await outcome(ask());
    emptyOrHaltNaming(result, what);
    expect(JSON.stringify(result)).not.toMatch(/undefined/);
  });
});

describe('an entity missing a field its spec requires gives [] or a halt naming the field', () => {
  const SECRET = 'whsec0123456789abcdefghijklmnopq';
  const tokenAuth = { ...hubspotAuth(FAKE.mollieAccessToken), mollieMode: 'test' };
  const delivery = (type: string, entity: object) => {
    const body = JSON.stringify({ resource: 'event', id: 'event_GvJ8WHrp5isUdRub9CJyH', type, entityId: (entity as { id?: string }).id ?? 'tr_x', createdAt: iso(NOW), _embedded: { entity }, _links: {} });
    const sig = createHmac('sha256', SECRET).update(body).digest('hex');
    return { subscribeData: { id: 'hook_abc123', secret: SECRET }, rawRequest: { method: 'POST', headers: { 'X-Mollie-Signature': `sha256=${sig}` }, content: body, querystring: '' }, cleanedRequest: JSON.parse(body) };
  };
  const without = (entity: Record<string, unknown>, ...fields: string[]) => Object.fromEntries(Object.entries(entity).filter(([key]) => !fields.includes(key)));
  const paid = payment(7, NOW);
  const refund = { resource: 'refund', id: 're_4qqhO89gsT', mode: 'test', status: 'refunded', amount: { value: '1.00', currency: 'EUR' }, description: '', metadata: null, paymentId: 'tr_p00007', createdAt: iso(NOW), _links: {}, _embedded: { payment: paid } };

  it.each([
    ['a signed payment.paid event whose payment has no amount', paidHooks.perform, 'payment.paid', without(paid, 'amount'), /amount/],
    ['… an amount without a currency', paidHooks.perform, 'payment.paid', { ...paid, amount: { value: '10.00' } }, /amount\.currency/],
    ['… an amount that is not a number', paidHooks.perform, 'payment.paid', { ...paid, amount: { value: 'ten', currency: 'EUR' } }, /amount\.value/],
    ['… a payment without a status', paidHooks.perform, 'payment.paid', without(paid, 'status'), /status/],
    ['… a payment without an id', paidHooks.perform, 'payment.paid', without(paid, 'id'), /\bid\b/],
    ['a signed refund event without an amount', refundedHooks.perform, 'refund.refunded', without(refund, 'amount'), /amount/],
    ['a signed refund event whose payment has no amount', refundedHooks.perform, 'refund.refunded', { ...refund, _embedded: { payment: without(paid, 'amount') } }, /amount/],
  ] as Array<[string, Perform, string, Record<string, unknown>, RegExp]>)('%s', async (_case, perform, type, entity, what) => {
    emptyOrHaltNaming(await outcome(run(perform, { authData: tokenAuth, ...delivery(type, entity) })), what);
  });

  it('Find Payment: a payment read without an amount halts naming it', async () => {
    nock(MOLLIE).get('/v2/payments/tr_p00007').reply(200, without(paid, 'amount'));
    emptyOrHaltNaming(await outcome(run(findPayment, { authData: hubspotAuth(), inputData: { payment_id: 'tr_p00007' } })), /amount/);
  });

  it('Create CRM Payment Record: a payment read without an amount halts naming it, before anything is written', async () => {
    nock(MOLLIE).get('/v2/payments/tr_p00007').reply(200, without(paid, 'amount'));
    emptyOrHaltNaming(await outcome(run(recordPayment, { authData: hubspotAuth(), inputData: { payment_id: 'tr_p00007', account_id: '42' } })), /amount/);
  });

  it('Payment Paid: one listed payment without an amount does not stop the others from firing', async () => {
    fakeList('/v2/payments', 'payments', () => [payment(1, NOW - HOUR), without(payment(2, NOW - 2 * HOUR), 'amount') as ReturnType<typeof payment>, payment(3, NOW - 3 * HOUR)]);
    const result = await outcome(run(paidPerform, { authData: hubspotAuth() }));
    expect(result).toEqual({ output: [expect.objectContaining({ id: 'tr_p00001:paid' }), expect.objectContaining({ id: 'tr_p00003:paid' })] });
  });
});

describe('every ISO 4217 currency has its decimals', () => {
  it.each(codes.codes())('%s', (code) => {
    const digits = codes.code(code)!.digits;
    expect(decimalsOf(code)).toBe(digits);
    const value = digits === 0 ? '12' : `12.${'3'.repeat(digits)}`;
    expect(formatMinor(toMinor({ currency: code, value }), code)).toBe(value);
  });

  describe('a payment in a currency Mollie settles but the app did not know is recorded (sandbox)', () => {
    let sb: Sandbox;
    beforeAll(async () => {
      sb = await startSandbox({ seed: 41 });
      Object.assign(process.env, sb.env());
    });
    afterAll(() => sb.close());

    it.each([
      ['CNY', '88.00', 'pipedrive'],
      ['INR', '1500.50', 'pipedrive'],
      ['CNY', '88.00', 'hubspot'],
    ] as const)('%s %s on %s', async (currency, value, crm) => {
      const made = sb.mollie.createPayment({ amount: { currency, value }, description: 'Order' });
      sb.mollie.setPaymentStatus(made.id, 'paid');
      const result = await outcome(run(recordPayment, { authData: fixtures(sb)[crm].authData, inputData: { payment_id: made.id } }));
      if (crm === 'hubspot') {
        // The sandbox portal has only EUR enabled: HubSpot's refusal, in words, not a crash.
        expect(result.message).toMatch(/^\{"message":"Currency: your HubSpot account has not enabled CNY/);
      } else {
        expect(result).toMatchObject({ output: { outcome: 'created', amount: value, currency } });
      }
    });
  });

  it.each(['CNY', 'INR', 'KWD', 'XAU'])('Create Payment Link still refuses %s, which Mollie does not accept for links', async (currency) => {
    const result = await outcome(run(createLink, { authData: hubspotAuth(), inputData: { invoice_number: 'INV-1', amount: '10', currency } }));
    expect(result.message).toMatch(/^\{"message":"Currency .* is not a currency Mollie accepts/);
  });
});
