import { parseMollieCredential, readCredentials } from '../http/credentials';
import { FAKE, hubspotAuth, moneybirdAuth, pipedriveAuth, errorBody } from './helpers/connection';

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return errorBody(error).message ?? '';
  }
  throw new Error('expected the credential to be refused');
};

describe('Mollie credential', () => {
  it('reads test and live API keys with their mode', () => {
    expect(parseMollieCredential(FAKE.mollieTestKey)).toEqual({ kind: 'apiKey', token: FAKE.mollieTestKey, mode: 'test' });
    expect(parseMollieCredential(FAKE.mollieLiveKey)).toMatchObject({ kind: 'apiKey', mode: 'live' });
  });

  it('reads an organization access token, live unless test mode is chosen', () => {
    expect(parseMollieCredential(FAKE.mollieAccessToken)).toMatchObject({ kind: 'accessToken', mode: 'live' });
    expect(parseMollieCredential(FAKE.mollieAccessToken, 'test')).toMatchObject({ kind: 'accessToken', mode: 'test' });
  });

  it.each([
    ['empty', '', /is empty/],
    ['only spaces', '   ', /is empty/],
    ['a trailing space', `${FAKE.mollieTestKey} `, /space or line break/],
    ['a leading newline', `\n${FAKE.mollieTestKey}`, /space or line break/],
    ['no prefix', 'abcdefghijklmnopqrstuvwxyz0123', /must start with test_ or live_.*access_/],
    ['a wrong prefix', 'prod_abcdefghijklmnopqrstuvwxyz0123', /must start with test_ or live_/],
    ['a truncated key', 'test_abc', /too short/],
    ['a CRM token pasted instead', FAKE.hubspotToken, /must start with/],
  ])('refuses %s, naming the field', (_case, value, problem) => {
    const message = messageOf(() => parseMollieCredential(value));
    expect(message).toMatch(/^Mollie API key or access token/);
    expect(message).toMatch(problem);
  });

  it('refuses a missing credential', () => {
    expect(messageOf(() => parseMollieCredential(undefined))).toMatch(/Mollie API key or access token is empty/);
  });
});

describe('CRM fields', () => {
  it('reads each CRM with its extra field', () => {
    expect(readCredentials(hubspotAuth())).toMatchObject({ crm: 'hubspot', crmToken: FAKE.hubspotToken });
    expect(readCredentials(moneybirdAuth())).toMatchObject({ crm: 'moneybird', moneybirdAdministrationId: '123456789' });
    expect(readCredentials(pipedriveAuth())).toMatchObject({ crm: 'pipedrive', pipedriveDomain: 'acme' });
  });

  it('accepts a Pipedrive domain typed as a whole address', () => {
    const auth = { ...pipedriveAuth(), pipedriveCompanyDomain: 'https://Acme.pipedrive.com/' };
    expect(readCredentials(auth).pipedriveDomain).toBe('acme');
  });

  it.each([
    ['an unknown CRM', { ...hubspotAuth(), crm: 'salesforce' }, /^CRM must be one of HubSpot, Moneybird, Pipedrive/],
    ['an empty CRM token', { ...hubspotAuth(), crmToken: '' }, /^CRM token \(HubSpot\) is empty/],
    ['a CRM token with a space', { ...hubspotAuth(), crmToken: 'pat eu1' }, /^CRM token \(HubSpot\) contains a space/],
    ['a Mollie key as CRM token', { ...hubspotAuth(), crmToken: FAKE.mollieTestKey }, /^CRM token \(HubSpot\) looks like a Mollie credential/],
    ['a missing administration', { ...moneybirdAuth(), moneybirdAdministrationId: '' }, /^Moneybird administration ID is empty/],
    ['a non-numeric administration', { ...moneybirdAuth(), moneybirdAdministrationId: 'acme' }, /^Moneybird administration ID must be the number/],
    ['a missing Pipedrive domain', { ...pipedriveAuth(), pipedriveCompanyDomain: undefined }, /^Pipedrive company domain is empty/],
    ['a malformed Pipedrive domain', { ...pipedriveAuth(), pipedriveCompanyDomain: 'acme.example.com/x' }, /^Pipedrive company domain must be/],
  ])('refuses %s, naming the field', (_case, authData, problem) => {
    expect(messageOf(() => readCredentials(authData))).toMatch(problem);
  });
});
