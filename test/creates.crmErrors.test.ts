/** Every CRM's failures reach the user in the vendor's words and the right Zapier error class (nock, no sandbox). */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { FAKE, HUBSPOT, MONEYBIRD, PIPEDRIVE, failure, hubspotAuth, moneybirdAuth, pipedriveAuth, resetNock } from './helpers/connection';
import { appTester } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

/** The reads each CRM's Create CRM Account makes before it creates (so a retry finds what an earlier try made). */
const CASES = {
  hubspot: {
    auth: hubspotAuth(),
    host: HUBSPOT,
    path: '/crm/v3/objects/companies',
    body: (m: string) => ({ status: 'error', message: m, category: 'X', correlationId: 'c' }),
    // Property checks and field lists are remembered per connection (z.cache): read once in this file.
    before: () => {
      nock(HUBSPOT).get('/crm/v3/properties/companies').optionally().reply(200, { results: [{ name: 'mollie_account_key', label: 'k', type: 'string', hasUniqueValue: true }] });
      // A 409 on create: the app looks for the account an earlier try made with the same key, and finds none here.
      nock(HUBSPOT).get(/^\/crm\/v3\/objects\/companies\/[0-9a-f]+/).query(true).optionally().reply(404, { status: 'error', message: 'not found', category: 'OBJECT_NOT_FOUND', correlationId: 'c' });
    },
  },
  moneybird: {
    auth: moneybirdAuth(),
    host: MONEYBIRD,
    path: `/api/v2/${FAKE.moneybirdAdministrationId}/contacts`,
    body: (m: string) => ({ error: m, symbolic: {} }),
    before: () => nock(MONEYBIRD).get(`/api/v2/${FAKE.moneybirdAdministrationId}/contacts`).query(true).reply(200, []),
  },
  pipedrive: {
    auth: pipedriveAuth(),
    host: PIPEDRIVE,
    path: '/api/v2/organizations',
    body: (m: string) => ({ success: false, error: m }),
    before: () => {
      nock(PIPEDRIVE).get('/api/v1/organizationFields').query(true).optionally().reply(200, { success: true, data: [] });
      nock(PIPEDRIVE).get('/api/v2/organizations').query(true).reply(200, { success: true, data: [], additional_data: { next_cursor: null } });
      nock(PIPEDRIVE).get('/api/v2/organizations/search').query(true).reply(200, { success: true, data: { items: [] } });
    },
  },
};

const STATUSES: [number, string, RegExp][] = [
  [401, 'ExpiredAuthError', /did not accept the .* token \(401\): vendor says 401/],
  [403, 'AppError', /refused access \(403\): vendor says 403/],
  [404, 'AppError', /could not find it \(404\): vendor says 404/],
  [409, 'AppError', /refused the request \(409\): vendor says 409/],
  [422, 'AppError', /refused the request \(422\): vendor says 422/],
  [429, 'ThrottledError', /slow down \(429\): vendor says 429/],
  [503, 'ThrottledError', /having trouble \(503\): vendor says 503/],
];

afterEach(resetNock);

describe.each(Object.entries(CASES))('%s errors on create_crm_account', (_crm, c) => {
  it.each(STATUSES)('%i becomes %s with the vendor message', async (status, name, message) => {
    c.before();
    nock(c.host).post(c.path).reply(status, c.body(`vendor says ${status}`), { 'Retry-After': '7' });
    const error = await failure(appTester(appMethod('creates.create_crm_account.operation.perform'), { authData: c.auth, inputData: { name: 'Acme' } } as Partial<Bundle>));
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error)).not.toContain(c.auth.crmToken);
    if (status === 429) expect(error.delay).toBe(7);
    expect(nock.isDone()).toBe(true);
  });
});

describe('searches: not found is []', () => {
  it('HubSpot: no contact with the e-mail', async () => {
    nock(HUBSPOT).post('/crm/v3/objects/contacts/search').reply(200, { total: 0, results: [] });
    expect(await appTester(appMethod('searches.find_crm_account.operation.perform'), { authData: hubspotAuth(), inputData: { email: 'x@y.nl' } } as Partial<Bundle>)).toEqual([]);
  });
  it('Moneybird: customer ID 404 is []', async () => {
    nock(MONEYBIRD).get(`/api/v2/${FAKE.moneybirdAdministrationId}/contacts/customer_id/C-1`).reply(404, { error: 'record not found', symbolic: { customer_id: 'not_found' } });
    expect(await appTester(appMethod('searches.find_crm_account.operation.perform'), { authData: moneybirdAuth(), inputData: { customer_id: 'C-1' } } as Partial<Bundle>)).toEqual([]);
  });
  it('Pipedrive: no person with the e-mail', async () => {
    nock(PIPEDRIVE).get('/api/v2/persons/search').query(true).reply(200, { success: true, data: { items: [] } });
    expect(await appTester(appMethod('searches.find_crm_account.operation.perform'), { authData: pipedriveAuth(), inputData: { email: 'x@y.nl' } } as Partial<Bundle>)).toEqual([]);
  });
});
