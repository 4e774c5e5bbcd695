/**
 * Every operation, every vendor failure: 401, 404, 422, 429 and 5xx from Mollie or the CRM
 * become the right Zapier error in the vendor's words (or [] where "not found" is an answer),
 * never a raw ResponseError; and a vendor answering nonsense (an HTML page with a 200 or a 404,
 * JSON cut off) is retried naming the vendor, never "not found", never a TypeError.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { HUBSPOT, MOLLIE, failure, hubspotAuth } from './helpers/connection';
// Core's Lambda guard (exit past 450 MB RSS after 250 runs) measures the whole Jest process and every file it ran before: not this file's doing.
jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Operation = { operation: { perform?: unknown; performList?: unknown } };

const VALID_INPUT: Record<string, Record<string, unknown>> = {
  find_crm_account: { email: 'finance@acme.nl' },
  match_payment: { payment_id: 'tr_abc12345' },
  find_crm_payment_record: { payment_id: 'tr_abc12345' },
  find_payment_link: { invoice_number: 'INV-2026-0001' },
  create_crm_account: { name: 'Acme B.V.', email: 'finance@acme.nl' },
  create_crm_payment_record: { payment_id: 'tr_abc12345' },
  create_payment_link: { invoice_number: 'INV-2026-0001', amount: '10.00' },
  crm_stages: { pipeline_id: 'default' },
  link_payment_to_crm_account: { payment_id: 'tr_abc12345', account_id: '123' },
};

const operations = (['triggers', 'searches', 'creates'] as const).flatMap((kind) =>
  Object.entries(App[kind] as Record<string, Operation>).flatMap(([key, op]) => {
    const perform = (typeof op.operation.perform === 'function' ? op.operation.perform : op.operation.performList) as Perform | undefined;
    return perform && !key.endsWith('_instant') ? [{ kind, key, perform }] : [];
  }),
);

const REACHES = {
  Mollie: ['chargeback_received', 'create_crm_payment_record', 'create_payment_link', 'find_payment_link', 'link_payment_to_crm_account', 'match_payment',
    'payment_failed', 'payment_link_paid', 'payment_methods', 'payment_paid', 'payment_refunded', 'profiles', 'unmatched_payment'],
  HubSpot: ['create_crm_account', 'create_crm_payment_record', 'crm_accounts', 'crm_pipelines', 'crm_stages', 'find_crm_account', 'find_crm_payment_record',
    'link_payment_to_crm_account', 'match_payment'],
};

const appTester = createAppTester(App);
const run = (perform: Perform, key: string) =>
  appTester(perform, { authData: hubspotAuth(), inputData: VALID_INPUT[key] ?? {}, meta: {} } as unknown as Partial<Bundle>);

let failedRequests = 0;
const everyRequestFails = (host: string, status: number, body: object | string, headers: Record<string, string> = {}) => {
  for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
    nock(host)
      .persist()
      [method](/.*/)
      .reply(() => {
        failedRequests += 1;
        return [status, body, headers];
      });
  }
};
const PAYMENT = {
  resource: 'payment',
  id: 'tr_abc12345',
  mode: 'test',
  status: 'paid',
  createdAt: '2026-11-01T10:00:00+00:00',
  paidAt: '2026-11-01T10:05:00+00:00',
  amount: { value: '10.00', currency: 'EUR' },
  amountRefunded: { value: '0.00', currency: 'EUR' },
  amountRemaining: { value: '10.00', currency: 'EUR' },
  description: 'Order 1',
  metadata: { customerId: 'C-1' },
  billingAddress: { email: 'finance@acme.nl' },
};

/** The vendor that is not failing answers like the real one would on an empty account. */
const otherHostSucceeds = (host: string) => {
  if (host === MOLLIE) {
    nock(host).persist().get('/v2/payments/tr_abc12345').reply(200, PAYMENT);
    nock(host).persist().get('/v2/profiles/me').reply(200, { resource: 'profile', id: 'pfl_abc12345', name: 'Shop' });
    nock(host).persist().get(/.*/).reply(200, { count: 0, _embedded: {}, _links: { next: null } });
    return;
  }
  nock(host).persist().get(/.*/).reply(404, { status: 'error', message: 'Object not found', category: 'OBJECT_NOT_FOUND' });
  nock(host).persist().post(/\/search$/).reply(200, { results: [], total: 0 });
};

describe.each([
  ['Mollie', MOLLIE, HUBSPOT, { status: 0, title: 'Error', detail: 'Mollie says no' }, 'Mollie says no'],
  ['HubSpot', HUBSPOT, MOLLIE, { status: 'error', message: 'HubSpot says no', category: 'X' }, 'HubSpot says no'],
])('when %s fails', (vendor, failing, other, body, words) => {
  const reached = new Set<string>();
  afterEach(() => nock.cleanAll());
  afterAll(() => {
    // Guard against a vacuous run: these operations must really have met the failing vendor.
    expect([...reached].sort()).toEqual(REACHES[vendor as keyof typeof REACHES]);
  });

  it.each(operations.map((op) => [op.key, op] as const))('%s', async (_key, { kind, key, perform }) => {
    const outcomes: string[] = [];
    for (const [status, headers] of [[401, {}], [404, {}], [422, {}], [429, { 'Retry-After': '5' }], [503, {}]] as const) {
      nock.cleanAll();
      failedRequests = 0;
      everyRequestFails(failing, status, { ...body, status }, headers);
      otherHostSucceeds(other);
      try {
        const result = await run(perform, key);
        outcomes.push(`${status}:ok`);
        if (failedRequests > 0) reached.add(key);
        if (failedRequests === 0) continue; // this operation does not call the failing vendor
        if (status !== 404) expect({ status, result }).toEqual({ status, result: 'an error' });
        expect(Array.isArray(result) || kind === 'creates').toBe(true);
      } catch (error) {
        const { name, message, delay } = await failure(Promise.reject(error));
        outcomes.push(`${status}:${name}`);
        if (failedRequests > 0) reached.add(key);
        if (failedRequests === 0) continue; // failed before reaching the vendor under test
        expect(name).not.toBe('ResponseError');
        if (status === 401) expect(name).toBe('ExpiredAuthError');
        if (status === 429) expect({ name, delay }).toEqual({ name: 'ThrottledError', delay: 5 });
        if (status === 503) expect(name).toBe('ThrottledError');
        if (status === 422 || status === 404) expect(name).toBe('AppError');
        if (status !== 404) expect(message).toContain(words);
      }
    }
    expect(outcomes).toHaveLength(5);
  });

  const NONSENSE: Array<[string, number, string, Record<string, string>]> = [
    ['an HTML page with a 200', 200, '<html><body>Maintenance</body></html>', { 'Content-Type': 'text/html' }],
    ['an HTML page with a 404', 404, '<html><body>Not Found</body></html>', { 'Content-Type': 'text/html' }],
    ['JSON cut off', 200, '{"results": [', { 'Content-Type': 'application/json' }],
  ];
  it.each(operations.map((op) => [op.key, op] as const))('%s: nonsense is retried, naming the vendor', async (_key, { key, perform }) => {
    for (const [shape, status, body, headers] of NONSENSE) {
      nock.cleanAll();
      failedRequests = 0;
      everyRequestFails(failing, status, body, headers);
      otherHostSucceeds(other);
      const outcome = await run(perform, key).then(
        () => ({ name: 'ok', message: '' }),
        (error: unknown) => failure(Promise.reject(error)),
      );
      if (failedRequests === 0) continue; // this operation does not call the failing vendor
      expect({ shape, name: outcome.name }).toEqual({ shape, name: 'ThrottledError' });
      expect(outcome.message).toMatch(new RegExp(`^${vendor} answered with`));
    }
  });
});
