import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import type { MollieClient } from '../mollie/client';
import { mollieClient } from '../mollie/client';
import { FAKE, MOLLIE, failure, hubspotAuth } from './helpers/connection';

const appTester = createAppTester(App);
const withMollie = <T>(authData: Record<string, unknown>, use: (mollie: MollieClient) => Promise<T>, profileId?: string) =>
  appTester((z: ZObject, bundle: Bundle) => use(mollieClient(z, bundle, { profileId })), { authData } as Partial<Bundle>);

const halList = (key: string, items: object[], nextFrom?: string) => ({
  count: items.length,
  _embedded: { [key]: items },
  _links: { next: nextFrom ? { href: `${MOLLIE}/v2/${key}?from=${nextFrom}&limit=2`, type: 'application/hal+json' } : null },
});

afterEach(() => nock.cleanAll());

describe('Mollie client', () => {
  it('lists payments a page at a time and hands back the cursor for the next page', async () => {
    nock(MOLLIE).get('/v2/payments').query({ limit: '2' }).reply(200, halList('payments', [{ id: 'tr_3' }, { id: 'tr_2' }], 'tr_1'));
    nock(MOLLIE).get('/v2/payments').query({ limit: '2', from: 'tr_1' }).reply(200, halList('payments', [{ id: 'tr_1' }]));

    const pages = await withMollie(hubspotAuth(), async (mollie) => {
      const first = await mollie.payments.list({ limit: 2 });
      const second = await mollie.payments.list({ limit: 2, from: first.nextFrom });
      return [first, second];
    });

    expect(pages[0]).toEqual({ items: [{ id: 'tr_3' }, { id: 'tr_2' }], nextFrom: 'tr_1' });
    expect(pages[1]).toEqual({ items: [{ id: 'tr_1' }], nextFrom: undefined });
  });

  it('returns null for a payment that does not exist', async () => {
    nock(MOLLIE).get('/v2/payments/tr_gone').reply(404, { status: 404, title: 'Not Found', detail: 'No payment exists with token tr_gone.' });
    expect(await withMollie(hubspotAuth(), (mollie) => mollie.payments.get('tr_gone'))).toBeNull();
  });

  it('keeps other failures as errors in Mollie’s words', async () => {
    nock(MOLLIE).get('/v2/payments/tr_x').reply(401, { status: 401, title: 'Unauthorized Request', detail: 'Failed to authenticate' });
    const error = await failure(withMollie(hubspotAuth(), (mollie) => mollie.payments.get('tr_x')));
    expect(error.name).toBe('ExpiredAuthError');
  });

  it('passes profileId and testmode with an access token, using the only profile it can see', async () => {
    nock(MOLLIE).get('/v2/profiles').query({ limit: '250' }).reply(200, halList('profiles', [{ id: 'pfl_only', name: 'Shop' }]));
    const payments = nock(MOLLIE).get('/v2/payments').query({ profileId: 'pfl_only', testmode: 'true', limit: '50' }).reply(200, halList('payments', []));
    const links = nock(MOLLIE)
      .post('/v2/payment-links', (body) => body.profileId === 'pfl_only' && body.testmode === true && body.description === 'INV-1')
      .reply(201, { id: 'pl_1' });

    await withMollie({ ...hubspotAuth(FAKE.mollieAccessToken), mollieMode: 'test' }, async (mollie) => {
      await mollie.payments.list({ limit: 50 });
      await mollie.paymentLinks.create({ description: 'INV-1' });
    });

    expect(payments.isDone() && links.isDone()).toBe(true);
  });

  it('asks the user to choose a profile when an access token sees several', async () => {
    nock(MOLLIE).get('/v2/profiles').query(true).reply(200, halList('profiles', [{ id: 'pfl_a' }, { id: 'pfl_b' }]));
    const error = await failure(withMollie(hubspotAuth(FAKE.mollieAccessToken), (mollie) => mollie.payments.list()));
    expect(error.message).toMatch(/^Website profile: choose the Mollie website profile to use \(this access token can see 2\)/);
  });

  it('uses the chosen profile without looking it up', async () => {
    const payments = nock(MOLLIE).get('/v2/payments').query({ profileId: 'pfl_b', testmode: 'false' }).reply(200, halList('payments', []));
    await withMollie(hubspotAuth(FAKE.mollieAccessToken), (mollie) => mollie.payments.list(), 'pfl_b');
    expect(payments.isDone()).toBe(true);
  });

  it('sends no profile or mode with an API key, whose key already decides both', async () => {
    const refunds = nock(MOLLIE).get('/v2/refunds').query({}).reply(200, halList('refunds', [{ id: 're_1' }]));
    const page = await withMollie(hubspotAuth(), (mollie) => mollie.refunds.list());
    expect(page.items).toEqual([{ id: 're_1' }]);
    expect(refunds.isDone()).toBe(true);
  });
});

describe('Mollie that cannot be reached', () => {
  it('a timeout is retried later, naming Mollie', async () => {
    nock(MOLLIE).get('/v2/payments/tr_slow').delay(300).reply(200, { id: 'tr_slow' });
    process.env.REQUEST_TIMEOUT_MS = '50';
    try {
      const error = await failure(withMollie(hubspotAuth(), (mollie) => mollie.payments.get('tr_slow')));
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 30 });
      expect(error.message).toBe('Mollie could not be reached (no answer before the timeout). Zapier will try again.');
    } finally {
      delete process.env.REQUEST_TIMEOUT_MS;
    }
  });

  it('a dropped connection is retried later, naming Mollie', async () => {
    nock(MOLLIE).get('/v2/payments/tr_drop').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await failure(withMollie(hubspotAuth(), (mollie) => mollie.payments.get('tr_drop')));
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toMatch(/^Mollie could not be reached \(connection failed: ECONNRESET\)/);
  });
});
