/** Find CRM Account for Payment: the matching engine behind a search, on the sandbox and against vendor errors. */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { ENDPOINT_ENV } from '../http/endpoints';
import { MAX_ACCOUNTS_PER_KEY } from '../recording/accountForPayment';
import { startSandbox, type Sandbox } from '../sandbox';
import { HUBSPOT, MOLLIE, failure, hubspotAuth } from './helpers/connection';
import { appTester, CRMS, fixtures, type CrmFixture } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

type Out = Record<string, unknown>;
const search = (authData: Record<string, string>, inputData: Out) =>
  appTester(appMethod('searches.match_payment.operation.perform'), { authData, inputData } as Partial<Bundle>) as Promise<Out[]>;

describe.each(CRMS)('match_payment on the sandbox: %s', (crm) => {
  let sb: Sandbox;
  let fx: CrmFixture;
  let acme: string;
  const requests = () => Object.values(sb.servers).reduce((sum, server) => sum + server.requestLog.length, 0);
  const paid = (input: Parameters<Sandbox['mollie']['createPayment']>[0]) => {
    const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '50.00' }, description: 'Order 77', ...input });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    return payment.id;
  };

  beforeAll(async () => {
    sb = await startSandbox({ seed: 5 });
    Object.assign(process.env, sb.env());
    fx = fixtures(sb)[crm];
    acme = fx.seedAccount({ name: 'Acme B.V.', email: 'finance@acme.nl', customerId: 'CUST-1' });
    fx.seedAccount({ name: 'Globex', email: 'billing@globex.nl', customerId: 'CUST-2' });
    fx.seedAccount({ name: 'Shared One', email: 'office@shared.nl' });
    fx.seedAccount({ name: 'Shared Two', email: 'office@shared.nl' });
  });
  afterAll(() => sb.close());

  it('matches on the customer ID in the metadata, with full confidence', async () => {
    const [account] = await search(fx.authData, { payment_id: paid({ metadata: { customerId: 'CUST-1' } }) });
    expect(account).toMatchObject({ id: acme, name: 'Acme B.V.', matched_by: 'metadata_id', confidence: 1, crm });
    expect(account.explanation).toBe('Matched Acme B.V. by metadata.customerId "CUST-1".');
  });

  it('matches on the payer’s e-mail, whatever its capitals and spaces', async () => {
    const [account] = await search(fx.authData, { payment_id: paid({ billingAddress: { email: '  Finance@ACME.nl ' } }) });
    expect(account).toMatchObject({ id: acme, matched_by: 'email', confidence: 0.8 });
  });

  it('picks no account when an e-mail is shared by two accounts: the step halts and says why', async () => {
    const halted = await failure(search(fx.authData, { payment_id: paid({ billingAddress: { email: 'office@shared.nl' } }) }));
    expect(halted).toMatchObject({ name: 'HaltedError', message: expect.stringMatching(/office@shared\.nl" belongs to 2 accounts \(Shared One, Shared Two\)/) });
  });

  it('picks no account when two keys point at different accounts: the step halts and says why', async () => {
    const id = paid({ metadata: { customerId: 'CUST-2' }, billingAddress: { email: 'finance@acme.nl' } });
    expect(await failure(search(fx.authData, { payment_id: id }))).toMatchObject({ name: 'HaltedError', message: expect.stringMatching(/Globex|Acme/) });
  });

  describe('an e-mail shared by 60 accounts', () => {
    const coop = `office@${crm}-sixty.nl`;
    let member: string;
    beforeAll(() => {
      member = fx.seedAccount({ name: 'Coop member with ID', email: coop, customerId: 'CUST-60' });
      for (let n = 0; n < 59; n++) fx.seedAccount({ name: `Coop member ${n}`, email: coop });
    });
    const crmRequests = () => sb.servers[crm].requestLog.length;

    it(`picks no account (the step halts and says why), after reading at most ${MAX_ACCOUNTS_PER_KEY} of them`, async () => {
      const id = paid({ billingAddress: { email: coop } });
      const before = crmRequests();
      expect(await failure(search(fx.authData, { payment_id: id }))).toMatchObject({ name: 'HaltedError', message: expect.stringContaining(coop) });
      expect(crmRequests() - before).toBeLessThanOrEqual(MAX_ACCOUNTS_PER_KEY + 3);
    });

    it('still matches on a customer ID beside it, reading no more', async () => {
      const id = paid({ billingAddress: { email: coop }, metadata: { customerId: 'CUST-60' } });
      const before = crmRequests();
      const [account] = await search(fx.authData, { payment_id: id });
      expect(account).toMatchObject({ id: member, matched_by: 'metadata_id' });
      expect(crmRequests() - before).toBeLessThanOrEqual(MAX_ACCOUNTS_PER_KEY + 4);
    });
  });

  it('finds nothing for a payer no account knows', async () => {
    expect(await search(fx.authData, { payment_id: paid({ billingAddress: { email: 'nobody@nowhere.nl' } }) })).toEqual([]);
  });

  it('says so when Mollie has no such payment', async () => {
    const error = await failure(search(fx.authData, { payment_id: 'tr_doesnotexist' }));
    expect(error.message).toBe("Mollie payment ID: Mollie has no payment tr_doesnotexist (with this connection's key and mode).");
  });

  it.each([[''], ['abc'], ['re_12345678'], ['tr_<b>x</b>']])('refuses %p as payment ID before any request', async (value) => {
    const before = requests();
    const error = await failure(search(fx.authData, { payment_id: value }));
    expect(error.message).toMatch(/^Mollie payment ID /);
    expect(requests()).toBe(before);
  });
});

describe('match_payment when a vendor fails', () => {
  beforeAll(() => Object.values(ENDPOINT_ENV).forEach((name) => delete process.env[name]));
  afterEach(() => nock.cleanAll());
  const payment = { resource: 'payment', id: 'tr_abc123', status: 'paid', amount: { value: '10.00', currency: 'EUR' }, description: 'x', metadata: { customerId: 'C-1' } };

  it.each([
    [401, 'ExpiredAuthError', /^Mollie did not accept/],
    [429, 'ThrottledError', /^Mollie asked us to slow down/],
    [503, 'ThrottledError', /^Mollie is having trouble \(503\)/],
  ])('Mollie %s → %s', async (status, name, message) => {
    nock(MOLLIE).get('/v2/payments/tr_abc123').reply(status, { status, title: 'x', detail: 'Mollie says no' });
    const error = await failure(search(hubspotAuth(), { payment_id: 'tr_abc123' }));
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('Mollie says no');
  });

  it.each([
    [401, 'ExpiredAuthError', /^HubSpot did not accept the HubSpot token/],
    [403, 'AppError', /^HubSpot refused access \(403\)/],
    [422, 'AppError', /^HubSpot refused the request \(422\)/],
    [429, 'ThrottledError', /^HubSpot asked us to slow down/],
    [500, 'ThrottledError', /^HubSpot is having trouble \(500\)/],
  ])('HubSpot %s → %s, in HubSpot’s words', async (status, name, message) => {
    nock(MOLLIE).get('/v2/payments/tr_abc123').reply(200, payment);
    nock(HUBSPOT).persist().post(/\/crm\/v3\/objects\/.*\/search/).reply(status, { status: 'error', message: 'HubSpot says no', category: 'X' });
    nock(HUBSPOT).persist().get(/.*/).reply(status, { status: 'error', message: 'HubSpot says no', category: 'X' });
    const error = await failure(search(hubspotAuth(), { payment_id: 'tr_abc123' }));
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('HubSpot says no');
  });
});
