/**
 * HubSpot's answers read as HubSpot means them: a 207 with errors[] is a
 * failure, `context.propertyName` is an array, a same-named non-unique
 * property is explained, a currency the portal has not enabled is named.
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../sandbox';
import { HUBSPOT, failure, hubspotAuth, resetNock } from './helpers/connection';
import { appTester, dropAnswerOnce, fixtures, recordInput, withAdapter } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

const input = () => recordInput('tr_hubspot01', { amount: { currency: 'EUR', value: '10.00' }, description: 'Order', paidAt: undefined });

describe('HubSpot answers, on the wire (nock)', () => {
  afterEach(resetNock);
  const dealProperties = [
    { name: 'mollie_payment_id', label: 'Mollie payment ID', type: 'string', hasUniqueValue: true },
    { name: 'mollie_payment_status', label: 's', type: 'string', hasUniqueValue: false },
    { name: 'mollie_amount_refunded', label: 'r', type: 'string', hasUniqueValue: false },
    { name: 'mollie_linked_account', label: 'a', type: 'string', hasUniqueValue: false },
  ];
  const before = () => {
    nock(HUBSPOT).get('/crm/v3/properties/deals').optionally().reply(200, { results: dealProperties });
    nock(HUBSPOT).get('/crm/v3/objects/deals/tr_hubspot01').query(true).reply(404, { status: 'error', message: 'Object not found.', category: 'OBJECT_NOT_FOUND', correlationId: 'c' });
  };
  const upsert = () => withAdapter(hubspotAuth(), (adapter) => adapter.upsertPaymentRecord(input()));

  it.each([
    ['an input refused for a property value', { category: 'VALIDATION_ERROR', message: 'Property values were not valid', context: { propertyName: ['amount'] } }, /^HubSpot refused the record: Property values were not valid Field: amount\./],
    ['an input in conflict', { category: 'CONFLICT', message: 'A record with mollie_payment_id tr_hubspot01 already exists', context: { propertyName: ['mollie_payment_id'] } }, /^HubSpot refused the record: A record with .* Field: mollie_payment_id\./],
    ['an error without context', { category: 'INTERNAL', message: 'Something failed', context: {} }, /^HubSpot refused the record: Something failed$/],
  ])('a 207 Multi-Status naming %s is an error, not a created record', async (_case, error, message) => {
    before();
    nock(HUBSPOT)
      .post('/crm/v3/objects/deals/batch/upsert')
      .reply(207, { status: 'COMPLETE', results: [], numErrors: 1, errors: [{ status: 'error', links: {}, errors: [], ...error }], startedAt: '2026-11-01T09:00:00Z', completedAt: '2026-11-01T09:00:00Z' });
    expect((await failure(upsert())).message).toMatch(message);
  });

  it('a currency refused as a plain 400 gets the same clear message as in a 207', async () => {
    before();
    nock(HUBSPOT)
      .post('/crm/v3/objects/deals/batch/upsert')
      .reply(400, { status: 'error', message: 'Property values were not valid: EUR is not an allowed option', category: 'VALIDATION_ERROR', correlationId: 'c', errors: [{ message: 'x', context: { propertyName: ['deal_currency_code'] } }] });
    expect((await failure(upsert())).message).toMatch(/^Currency: your HubSpot account has not enabled EUR/);
  });

  it.each([
    [{ errors: [{ message: 'bad', context: { propertyName: ['amount'] } }] }, 'amount'],
    [{ context: { propertyName: ['dealname', 'amount'] } }, 'dealname, amount'],
  ])('a 400 whose context.propertyName is an array names the field: %j', async (body, field) => {
    before();
    nock(HUBSPOT)
      .post('/crm/v3/objects/deals/batch/upsert')
      .reply(400, { status: 'error', message: 'Property values were not valid', category: 'VALIDATION_ERROR', correlationId: 'c', ...body });
    expect((await failure(upsert())).message).toContain(`Field: ${field}.`);
  });
});

describe('HubSpot portal settings, on the fake', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ seed: 51 });
    Object.assign(process.env, sb.env());
  });
  afterEach(() => sb.close());
  const record = (paymentId: string, inputData: Record<string, unknown> = {}) =>
    appTester(appMethod('creates.create_crm_payment_record.operation.perform'), { authData: fixtures(sb).hubspot.authData, inputData: { payment_id: paymentId, ...inputData } } as Partial<Bundle>);
  const paid = (currency = 'EUR', status: 'paid' | 'open' = 'paid') => {
    const payment = sb.mollie.createPayment({ amount: { currency, value: '12.00' }, description: 'Order' });
    if (status === 'paid') sb.mollie.setPaymentStatus(payment.id, 'paid');
    return payment.id;
  };

  it('an existing non-unique mollie_payment_id property is explained, not silently used', async () => {
    sb.hubspot.defineProperty('deals', { name: 'mollie_payment_id', label: 'Mollie payment ID (made by hand)', hasUniqueValue: false });
    const error = await failure(record(paid()));
    expect(error.message).toMatch(/^HubSpot deals property "mollie_payment_id" already exists but does not require unique values/);
    expect(sb.hubspot.all('deals')).toHaveLength(0);
  });

  it.each(['USD', 'GBP', 'SEK'])('a deal in %s, which the portal has not enabled, gets a clear message', async (currency) => {
    const error = await failure(record(paid(currency)));
    expect(error.message).toMatch(new RegExp(`^Currency: your HubSpot account has not enabled ${currency}`));
    expect(sb.hubspot.all('deals')).toHaveLength(0);
  });

  it('a currency the portal enabled is recorded', async () => {
    sb.hubspot.currencies.push('USD');
    expect(await record(paid('USD'))).toMatchObject({ outcome: 'created', currency: 'USD' });
  });

  it('an unpaid payment is not put in a won stage the step names; it is halted with the reason', async () => {
    const error = await failure(record(paid('EUR', 'open'), { pipeline_id: 'default', stage_id: 'closedwon' }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/^Stage: payment tr_\w+ is open, not paid, so it was not recorded in the won stage "Closed Won"/);
    expect(sb.hubspot.all('deals')).toHaveLength(0);
  });
});

describe('HubSpot accounts as contacts', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ seed: 52 });
    Object.assign(process.env, sb.env());
  });
  afterEach(() => sb.close());
  const asContacts = () => ({ ...fixtures(sb).hubspot.authData, crmAccountObject: 'contacts' });
  const contactsNamed = (firstname: string) => sb.hubspot.all('contacts').filter((c) => c.properties.firstname === firstname);

  it.each([
    ['with an e-mail', { name: 'Jan Dropped', email: 'jan@dropped.nl' }],
    ['without an e-mail', { name: 'Piet Dropped', customerId: 'P-1' }],
  ])('Create CRM Account retried after "created, then the connection dropped" returns the contact it made (%s)', async (_case, account) => {
    dropAnswerOnce(sb.servers.hubspot, (method, path) => method === 'POST' && path === '/crm/v3/objects/contacts');
    expect((await failure(withAdapter(asContacts(), (adapter) => adapter.createAccount(account)))).name).toBe('ThrottledError');
    const retried = await withAdapter(asContacts(), (adapter) => adapter.createAccount(account));
    expect(contactsNamed(account.name.split(' ')[0]).map((c) => c.id)).toEqual([retried.id]);
    expect(retried.name).toBe(account.name);
  });

  it('a contact with the e-mail made outside the app is named, not taken over', async () => {
    sb.hubspot.create('contacts', { email: 'taken@elsewhere.nl', firstname: 'Someone' });
    const error = await failure(withAdapter(asContacts(), (adapter) => adapter.createAccount({ name: 'New Person', email: 'taken@elsewhere.nl' })));
    expect(error.message).toMatch(/^E-mail: HubSpot already has a contact with taken@elsewhere.nl/);
    expect(sb.hubspot.all('contacts')).toHaveLength(1);
  });
});

