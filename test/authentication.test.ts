import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { FAKE, HUBSPOT, MOLLIE, MONEYBIRD, PIPEDRIVE, failure, hubspotAuth, moneybirdAuth, pipedriveAuth } from './helpers/connection';
import { appMethod } from './helpers/app';

const testConnection = appMethod('authentication.test');
const connectionLabel = appMethod<string>('authentication.connectionLabel');

const appTester = createAppTester(App);
const testAuth = (authData: Record<string, string | undefined>) => appTester(testConnection, { authData });
const label = (inputData: Record<string, unknown>) => appTester(connectionLabel, { inputData });

afterEach(() => nock.cleanAll());

describe('connection test', () => {
  it('checks a Mollie API key on profiles/me and a HubSpot token, each with its own credential', async () => {
    const mollie = nock(MOLLIE, { reqheaders: { authorization: `Bearer ${FAKE.mollieTestKey}` } })
      .get('/v2/profiles/me')
      .reply(200, { resource: 'profile', id: 'pfl_abc', name: 'Bakkerij de Vries', mode: 'test' });
    const hubspot = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${FAKE.hubspotToken}` } })
      .get('/account-info/v3/details')
      .reply(200, { portalId: 4242, uiDomain: 'app-eu1.hubspot.com' });

    const result = await testAuth(hubspotAuth());

    expect(result).toEqual({ mollieAccount: 'Bakkerij de Vries', mollieMode: 'test', crm: 'HubSpot', crmAccount: 'HubSpot account 4242' });
    expect(mollie.isDone() && hubspot.isDone()).toBe(true);
  });

  it('checks an access token on organizations/me and a Moneybird token against its administration', async () => {
    nock(MOLLIE, { reqheaders: { authorization: `Bearer ${FAKE.mollieAccessToken}` } })
      .get('/v2/organizations/me')
      .reply(200, { resource: 'organization', id: 'org_1', name: 'De Vries Holding' });
    nock(MONEYBIRD, { reqheaders: { authorization: `Bearer ${FAKE.moneybirdToken}` } })
      .get('/api/v2/administrations')
      .reply(200, [{ id: FAKE.moneybirdAdministrationId, name: 'Bakkerij BV' }]);

    const result = await testAuth({ ...moneybirdAuth(FAKE.mollieAccessToken), mollieMode: 'test' });

    expect(result).toMatchObject({ mollieAccount: 'De Vries Holding', mollieMode: 'test', crmAccount: 'Moneybird Bakkerij BV' });
  });

  it('checks a Pipedrive token with its x-api-token header on the company domain', async () => {
    nock(MOLLIE).get('/v2/profiles/me').reply(200, { resource: 'profile', id: 'pfl_abc', name: 'Shop', mode: 'live' });
    nock(PIPEDRIVE, { reqheaders: { 'x-api-token': FAKE.pipedriveToken }, badheaders: ['authorization'] })
      .get('/api/v1/users/me')
      .reply(200, { success: true, data: { name: 'Anna', company_name: 'Acme BV' } });

    const result = await testAuth(pipedriveAuth(FAKE.mollieLiveKey));

    expect(result).toMatchObject({ mollieMode: 'live', crm: 'Pipedrive', crmAccount: 'Pipedrive Acme BV' });
  });

  it('says which Moneybird administrations the token can see when the id is not one of them', async () => {
    nock(MOLLIE).get('/v2/profiles/me').reply(200, { id: 'pfl_abc', name: 'Shop' });
    nock(MONEYBIRD).get('/api/v2/administrations').reply(200, [{ id: '42', name: 'Other BV' }]);

    const error = await failure(testAuth(moneybirdAuth()));

    expect(error.message).toMatch(/Moneybird administration ID: this token has no administration 123456789\. It can see: Other BV \(42\)/);
  });

  it('reports a rejected Mollie key as expired auth that names Mollie, without asking the CRM', async () => {
    nock(MOLLIE).get('/v2/profiles/me').reply(401, { status: 401, title: 'Unauthorized Request', detail: 'Missing authentication, or failed to authenticate' });

    const error = await failure(testAuth(hubspotAuth()));

    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/^Mollie did not accept the Mollie credential \(401\): Missing authentication, or failed to authenticate\. Reconnect the account with a valid one\./);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each([
    ['HubSpot', hubspotAuth(), HUBSPOT, '/account-info/v3/details', { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' }],
    ['Moneybird', moneybirdAuth(), MONEYBIRD, '/api/v2/administrations', { error: 'Token is invalid', symbolic: { token: 'invalid' } }],
    ['Pipedrive', pipedriveAuth(), PIPEDRIVE, '/api/v1/users/me', { success: false, error: 'unauthorized access', errorCode: 401 }],
  ])('reports a rejected %s token as expired auth that names the CRM', async (crm, authData, host, path, body) => {
    nock(MOLLIE).get('/v2/profiles/me').reply(200, { id: 'pfl_abc', name: 'Shop' });
    nock(host).get(path).reply(401, body);

    const error = await failure(testAuth(authData));

    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain(`${crm} did not accept the ${crm} token (401)`);
    expect(error.message).not.toContain('Mollie credential');
  });

  it.each([
    ['an empty Mollie credential', { ...hubspotAuth(), mollieCredential: '' }, /Mollie API key or access token is empty/],
    ['a key with a trailing space', { ...hubspotAuth(), mollieCredential: `${FAKE.mollieTestKey} ` }, /space or line break/],
    ['a wrong prefix', { ...hubspotAuth(), mollieCredential: 'sk_live_abcdefghijklmnopqrstuvwxyz' }, /must start with test_ or live_/],
    ['an empty CRM token', { ...hubspotAuth(), crmToken: '' }, /CRM token \(HubSpot\) is empty/],
  ])('refuses %s before sending any request', async (_case, authData, problem) => {
    const requests: string[] = [];
    nock.emitter.on('no match', (request: Request) => requests.push(request.url));

    const error = await failure(testAuth(authData));

    expect(error.message).toMatch(problem);
    expect(requests).toEqual([]);
    nock.emitter.removeAllListeners('no match');
  });
});

describe('connection test after a success', () => {
  it('still asks the CRM: a token revoked since the last test fails, whatever was remembered', async () => {
    const tester = createAppTester(App);
    nock(MOLLIE).persist().get('/v2/profiles/me').reply(200, { id: 'pfl_abc', name: 'Shop' });
    nock(HUBSPOT).get('/account-info/v3/details').reply(200, { portalId: 4242 });
    await tester(testConnection, { authData: hubspotAuth() });
    nock(HUBSPOT).get('/account-info/v3/details').reply(401, { status: 'error', message: 'The token was revoked.', category: 'INVALID_AUTHENTICATION' });

    const error = await failure(tester(testConnection, { authData: hubspotAuth() }));

    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('The token was revoked.');
  });
});

describe('connection label', () => {
  it('names the Mollie account, its mode and the CRM account', async () => {
    const text = await label({ mollieAccount: 'Bakkerij de Vries', mollieMode: 'live', crm: 'HubSpot', crmAccount: 'HubSpot account 4242' });
    expect(text).toBe('Bakkerij de Vries (Mollie live) + HubSpot account 4242');
  });

  it('holds no credential even when the whole connection is in the bundle', async () => {
    nock(MOLLIE).get('/v2/profiles/me').reply(200, { id: 'pfl_abc', name: 'Shop' });
    nock(HUBSPOT).get('/account-info/v3/details').reply(200, { portalId: 1 });
    const result = (await testAuth(hubspotAuth())) as Record<string, unknown>;

    const text = await appTester(connectionLabel, { authData: hubspotAuth(), inputData: result });

    expect(text).not.toContain(FAKE.mollieTestKey);
    expect(text).not.toContain(FAKE.hubspotToken);
  });
});

describe('connection fields', () => {
  const fields = App.authentication!.fields as Array<{ key: string; type?: string; isNoSecret?: boolean; helpText?: string }>;

  it('marks every field that is not a credential isNoSecret, so Zapier’s log scrubber leaves words like "hubspot" alone', () => {
    expect(fields.filter((field) => field.type !== 'password' && !field.isNoSecret).map((field) => field.key)).toEqual([]);
    expect(fields.filter((field) => field.type === 'password').map((field) => [field.key, field.isNoSecret])).toEqual([
      ['mollieCredential', undefined],
      ['crmToken', undefined],
    ]);
  });

  it('keeps every connection field’s help text within the 1,000 characters Zapier’s schema allows', () => {
    for (const field of fields) expect({ key: field.key, length: (field.helpText ?? '').length <= 1000 }).toEqual({ key: field.key, length: true });
  });

  it('names the access-token scope each feature needs', () => {
    const help = fields.find((field) => field.key === 'mollieCredential')!.helpText!;
    for (const scope of ['payments.read', 'refunds.read', 'payment-links.read', 'payment-links.write', 'customers.read', 'profiles.read', 'organizations.read', 'webhooks.write', 'settlements.read']) {
      expect(help).toContain(`\`${scope}\``);
    }
  });
});
