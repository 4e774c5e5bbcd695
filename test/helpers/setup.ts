import nock from 'nock';

// No test reaches the internet: only the local sandbox on loopback is allowed.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
for (const name of ['MOLLIE_API_BASE', 'HUBSPOT_API_BASE', 'MONEYBIRD_API_BASE', 'PIPEDRIVE_API_BASE']) delete process.env[name];

// nock patches node's http process-wide; each test file gets its own nock, so
// the previous file's interception must be lifted before the next one loads.
afterAll(() => {
  nock.cleanAll();
  nock.restore();
});
