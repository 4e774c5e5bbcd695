import nock from 'nock';
import { takeViolations, violationReport } from '../../sandbox/contract';
import { checkNockRequests } from '../../sandbox/contract/nock';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Scope } = require('nock/lib/scope') as { Scope: { prototype: Parameters<typeof checkNockRequests>[0] } };

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

// Requests answered by nock are checked against the vendors' specs as well (request direction).
checkNockRequests(Scope.prototype);

// Every exchange with a sandbox fake is checked against the vendor's OpenAPI spec: any file whose
// requests or fake responses break it fails here, whether or not it asks.
afterAll(() => {
  const violations = takeViolations();
  if (violations.length) throw new Error(violationReport(violations));
});
