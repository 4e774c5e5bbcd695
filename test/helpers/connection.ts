import nock from 'nock';

/** Recognizable fake credentials: tests assert that they never leak. */
export const FAKE = {
  mollieTestKey: 'test_FakeMollieKey0000000000000000',
  mollieLiveKey: 'live_FakeMollieLiveKey00000000',
  mollieAccessToken: 'access_FakeMollieOrgToken0000',
  hubspotToken: 'pat-eu1-fake-hubspot-token-0000',
  moneybirdToken: 'fake-moneybird-token-000000000',
  pipedriveToken: 'fakepipedrivetoken000000000',
  moneybirdAdministrationId: '123456789',
  pipedriveDomain: 'acme',
} as const;

export const MOLLIE = 'https://api.mollie.com';
export const HUBSPOT = 'https://api.hubapi.com';
export const MONEYBIRD = 'https://moneybird.com';
export const PIPEDRIVE = 'https://acme.pipedrive.com';

export const hubspotAuth = (mollieCredential: string = FAKE.mollieTestKey) => ({
  mollieCredential,
  crm: 'hubspot',
  crmToken: FAKE.hubspotToken,
});

export const moneybirdAuth = (mollieCredential: string = FAKE.mollieTestKey) => ({
  mollieCredential,
  crm: 'moneybird',
  crmToken: FAKE.moneybirdToken,
  moneybirdAdministrationId: FAKE.moneybirdAdministrationId,
});

export const pipedriveAuth = (mollieCredential: string = FAKE.mollieTestKey) => ({
  mollieCredential,
  crm: 'pipedrive',
  crmToken: FAKE.pipedriveToken,
  pipedriveCompanyDomain: FAKE.pipedriveDomain,
});

/** Zapier errors carry a JSON message; this reads it back. */
export const errorBody = (error: unknown): { message?: string; code?: string; status?: number; delay?: number } => {
  const message = error instanceof Error ? error.message : String(error);
  try {
    return JSON.parse(message) as { message?: string };
  } catch {
    return { message };
  }
};

/** Runs a promise that must fail and returns the error's name and parsed body. */
export const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, ...errorBody(error) };
  }
  throw new Error('expected a failure, but it succeeded');
};

export const resetNock = () => {
  nock.cleanAll();
};
