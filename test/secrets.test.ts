/**
 * Secrets: every operation runs against the sandbox with recognizable credentials and debug logging
 * on, on its success path and with each vendor failing (401, 422, 500 and a plain-text 502 whose body
 * repeats the credential the vendor received). Everything is captured and searched for every
 * credential:
 *
 * - outputs (as JSON) and error messages;
 * - every log zapier-platform-core's logger receives, before its scrubbing (z.console lines, its
 *   HTTP request logs with headers and bodies, "Unhandled error" logs) and after it (what Zapier
 *   stores), via a wrapper around core's create-logger;
 * - what core prints with LOG_TO_STDOUT and DETAILED_LOG_TO_STDOUT (console.log / console.error);
 * - what each sandbox server received (requestLog: path, query, headers).
 *
 * The one place a credential may appear is the auth header of a request to its own vendor (and that
 * vendor's own response, e.g. an error repeating it, in the unscrubbed HTTP log). Every server must
 * have received its own credential and no other: Mollie never sees a CRM token, nor a CRM the Mollie key.
 *
 * Mollie runs with the FAKE.* key and token (the sandbox takes custom Mollie credentials); the CRM
 * fakes accept only their SANDBOX_* tokens, so those are the CRM secrets searched for.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppTester, type Bundle } from 'zapier-platform-core';
import App from '../index';
import { vendorOfUrl } from '../http/vendors';
import type { Vendor } from '../http/endpoints';
import {
  SANDBOX_ACCESS_TOKEN,
  SANDBOX_API_KEY,
  SANDBOX_HUBSPOT_TOKEN,
  SANDBOX_MONEYBIRD_TOKEN,
  SANDBOX_PIPEDRIVE_TOKEN,
  startSandbox,
  type LoggedRequest,
  type Sandbox,
  type SandboxRequest,
  type SandboxResponse,
} from '../sandbox';
import { FAKE } from './helpers/connection';
import { CRMS, fixtures } from './helpers/crmFixtures';
// Core's Lambda guard (exit past 450 MB RSS after 250 runs) measures the whole Jest process and every file it ran before: not this file's doing.
jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

// ---------------------------------------------------------------------------------------------
// Capture: core's logger, wrapped to keep each log as received (raw) and as scrubbed for Zapier.
// ---------------------------------------------------------------------------------------------
type Log = { message: unknown; data: Record<string, unknown> };
const mockRawLogs: Log[] = [];
const mockSafeLogs: Log[] = [];
jest.mock('zapier-platform-core/src/tools/create-logger', () => {
  const actual = jest.requireActual('zapier-platform-core/src/tools/create-logger') as (event: object, options: object) => {
    (message: unknown, data: object): Promise<unknown>;
    end: unknown;
  };
  return (event: object, options: object) => {
    const customLogger = (message: unknown, data: Record<string, unknown>) => mockSafeLogs.push({ message, data });
    const logger = actual({ ...event, customLogger }, options);
    const wrapped = (message: unknown, data: Record<string, unknown> = {}) => {
      mockRawLogs.push({ message, data: { ...data } });
      return logger(message, data);
    };
    wrapped.end = logger.end;
    return wrapped;
  };
});

/** Everything printed with debug logging on (core's stdout logs and z.console). */
const printed: string[] = [];

// ---------------------------------------------------------------------------------------------
// The credentials searched for, and where each may legitimately go
// ---------------------------------------------------------------------------------------------
const SECRETS: Record<string, string> = {
  'Mollie API key': FAKE.mollieTestKey,
  'Mollie access token': FAKE.mollieAccessToken,
  'HubSpot token': SANDBOX_HUBSPOT_TOKEN,
  'Moneybird token': SANDBOX_MONEYBIRD_TOKEN,
  'Pipedrive token': SANDBOX_PIPEDRIVE_TOKEN,
  // Not used here, searched all the same.
  'sandbox Mollie key': SANDBOX_API_KEY,
  'sandbox Mollie token': SANDBOX_ACCESS_TOKEN,
  'fake HubSpot token': FAKE.hubspotToken,
  'fake Moneybird token': FAKE.moneybirdToken,
  'fake Pipedrive token': FAKE.pipedriveToken,
};
const OWNER: Record<string, Vendor> = {
  [FAKE.mollieTestKey]: 'mollie',
  [FAKE.mollieAccessToken]: 'mollie',
  [SANDBOX_HUBSPOT_TOKEN]: 'hubspot',
  [SANDBOX_MONEYBIRD_TOKEN]: 'moneybird',
  [SANDBOX_PIPEDRIVE_TOKEN]: 'pipedrive',
};
/** The header a vendor's credential travels in. */
const AUTH_HEADER: Record<Vendor, string> = { mollie: 'authorization', hubspot: 'authorization', moneybird: 'authorization', pipedrive: 'x-api-token' };

const json = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v)) ?? String(value);

/** The credentials a text contains (raw or URL-encoded). */
const secretsIn = (text: string): string[] =>
  Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret) || text.includes(encodeURIComponent(secret)))
    .map(([name]) => name);

// ---------------------------------------------------------------------------------------------
// The sandbox, a loopback receiver for webhook deliveries, and the runs
// ---------------------------------------------------------------------------------------------
let sb: Sandbox;
let receiver: Server;
let targetUrl: string;
const deliveries: Array<{ body: string; headers: IncomingHttpHeaders }> = [];
const appTester = createAppTester(App);

type Perform = (z: unknown, bundle: Bundle) => unknown;
interface Run {
  what: string;
  output?: unknown;
  error?: unknown;
}
interface Op {
  what: string;
  fn: Perform;
  inputData?: Record<string, unknown>;
  bundle?: () => Record<string, unknown>;
  /** Only with an access token (instant triggers), or only with an API key. */
  credential?: 'token' | 'key';
}

const operation = (kind: 'triggers' | 'searches' | 'creates', key: string, method = 'perform') =>
  ((App as unknown as Record<string, Record<string, { operation: Record<string, Perform> }>>)[kind][key].operation[method]);
const authentication = App.authentication as unknown as { test: Perform; connectionLabel: Perform };

interface Seed {
  paymentId: string;
  invoice: string;
}

/** Every operation of the app, with input that takes it down its main path. */
let runCount = 0;
const operations = (seed: Seed): Op[] => {
  const unique = ++runCount;
  const instant = ['payment_paid_instant', 'payment_failed_instant', 'payment_refunded_instant'];
  let subscribeData: Record<string, string> = {};
  return [
    ...['payment_paid', 'payment_failed', 'payment_refunded', 'chargeback_received', 'payment_link_paid', 'unmatched_payment', 'profiles', 'payment_methods', 'crm_pipelines', 'crm_stages'].map(
      (key): Op => ({ what: `trigger ${key}`, fn: operation('triggers', key), inputData: key === 'payment_failed' ? { include_canceled_expired: true } : {} }),
    ),
    { what: 'search find_crm_account', fn: operation('searches', 'find_crm_account'), inputData: { email: 'finance@acme.nl', customer_id: 'CUST-1' } },
    { what: 'search find_crm_payment_record', fn: operation('searches', 'find_crm_payment_record'), inputData: { payment_id: seed.paymentId, invoice_number: seed.invoice } },
    { what: 'search match_payment', fn: operation('searches', 'match_payment'), inputData: { payment_id: seed.paymentId } },
    { what: 'search find_payment_link', fn: operation('searches', 'find_payment_link'), inputData: { invoice_number: 'INV-2026-0777' } },
    { what: 'create create_crm_account', fn: operation('creates', 'create_crm_account'), inputData: { name: `New Co ${unique}`, email: `new${unique}@co.example`, customer_id: `CUST-NEW-${unique}` } },
    { what: 'create create_crm_payment_record', fn: operation('creates', 'create_crm_payment_record'), inputData: { payment_id: seed.paymentId, invoice_number: seed.invoice } },
    { what: 'create create_payment_link', fn: operation('creates', 'create_payment_link'), inputData: { invoice_number: 'INV-2026-0777', amount: '121.00', description: 'Website', crm_account_id: '42' } },
    // An API key cannot subscribe: the refusal is captured too.
    ...instant.flatMap((key): Op[] => [
      { what: `${key} performSubscribe (API key)`, fn: operation('triggers', key, 'performSubscribe'), bundle: () => ({ targetUrl }), credential: 'key' },
      { what: `${key} performList (API key)`, fn: operation('triggers', key, 'performList'), credential: 'key' },
    ]),
    // With an access token: subscribe, list, receive a real signed delivery, unsubscribe.
    {
      what: 'payment_paid_instant performSubscribe',
      fn: async (z, bundle) => (subscribeData = (await operation('triggers', 'payment_paid_instant', 'performSubscribe')(z, bundle)) as Record<string, string>),
      bundle: () => ({ targetUrl }),
      credential: 'token',
    },
    ...instant.map((key): Op => ({ what: `${key} performList`, fn: operation('triggers', key, 'performList'), credential: 'token' })),
    {
      what: 'payment_paid_instant perform (a signed delivery)',
      fn: operation('triggers', 'payment_paid_instant'),
      bundle: () => {
        const delivery = deliveries[deliveries.length - 1] ?? { body: '{}', headers: {} };
        return { subscribeData, rawRequest: { method: 'POST', querystring: '', headers: delivery.headers, content: delivery.body }, cleanedRequest: JSON.parse(delivery.body) };
      },
      credential: 'token',
    },
    { what: 'payment_paid_instant performUnsubscribe', fn: operation('triggers', 'payment_paid_instant', 'performUnsubscribe'), bundle: () => ({ subscribeData }), credential: 'token' },
  ];
};

/** Runs an operation as Zapier would; keeps its output or error. */
const runOne = async (op: Op, authData: Record<string, string>): Promise<Run> => {
  const bundle = { authData, inputData: op.inputData ?? {}, meta: {}, ...(op.bundle?.() ?? {}) } as unknown as Bundle;
  try {
    return { what: op.what, output: await appTester(op.fn as never, bundle) };
  } catch (error) {
    return { what: op.what, error };
  }
};

/** The connection test and label, then every operation the credential allows. */
const runAll = async (seed: Seed, authData: Record<string, string>, afterSubscribe?: () => Promise<void>): Promise<Run[]> => {
  const runs: Run[] = [];
  const tested = await runOne({ what: 'connection test', fn: authentication.test }, authData);
  runs.push(tested);
  runs.push(await runOne({ what: 'connection label', fn: authentication.connectionLabel, inputData: (tested.output ?? {}) as Record<string, unknown> }, authData));
  const credential = authData.mollieCredential.startsWith('access_') ? 'token' : 'key';
  for (const op of operations(seed).filter((candidate) => !candidate.credential || candidate.credential === credential)) {
    runs.push(await runOne(op, authData));
    if (op.what === 'payment_paid_instant performSubscribe') await afterSubscribe?.();
  }
  return runs;
};

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------
/**
 * An unscrubbed HTTP log without what may hold a credential: the auth header of a request to the
 * credential's own vendor, and that vendor's own credential in its response (e.g. an error repeating it).
 */
const withoutOwnCredential = (data: Record<string, unknown>, authData: Record<string, string>): Record<string, unknown> => {
  if (data.log_type !== 'http' || typeof data.request_url !== 'string') return data;
  const vendor = vendorOfUrl(data.request_url, authData);
  if (!vendor) return data;
  const own = Object.values(SECRETS).filter((secret) => OWNER[secret] === vendor);
  const headers = { ...((data.request_headers ?? {}) as Record<string, string>) };
  for (const name of Object.keys(headers)) {
    const value = String(headers[name]);
    if (name.toLowerCase() === AUTH_HEADER[vendor] && own.some((secret) => value === secret || value === `Bearer ${secret}`)) delete headers[name];
  }
  const withoutOwn = (value: unknown) => own.reduce((text, secret) => text.split(secret).join('[own credential]'), json(value));
  return { ...data, request_headers: headers, response_content: withoutOwn(data.response_content), response_headers: withoutOwn(data.response_headers) };
};

/** What each server received: only its own credential, and only in its auth header. */
const serverFindings = (server: Vendor, log: LoggedRequest[]): string[] =>
  log.flatMap((request) => {
    const where = `${server} server ${request.method} ${request.path}`;
    const header = request.headers[AUTH_HEADER[server]] ?? '';
    const credential = header.replace(/^Bearer /, '');
    const findings: string[] = [];
    if (credential && OWNER[credential] !== server) findings.push(`${where}: auth header holds ${secretsIn(credential).join(', ') || 'an unknown credential'}`);
    const rest = json({ path: request.path, query: request.query, headers: { ...request.headers, [AUTH_HEADER[server]]: undefined } });
    for (const name of secretsIn(rest)) findings.push(`${where}: ${name} outside the auth header`);
    return findings;
  });

interface Marks {
  raw: number;
  safe: number;
  printed: number;
  requests: Record<Vendor, number>;
}
const mark = (): Marks => ({
  raw: mockRawLogs.length,
  safe: mockSafeLogs.length,
  printed: printed.length,
  requests: { mollie: sb.servers.mollie.requestLog.length, hubspot: sb.servers.hubspot.requestLog.length, moneybird: sb.servers.moneybird.requestLog.length, pipedrive: sb.servers.pipedrive.requestLog.length },
});

/** Every place a credential showed up since `from`, other than its own vendor's auth header. */
const leaks = (from: Marks, runs: Run[], authData: Record<string, string>): string[] => {
  const findings: string[] = [];
  const check = (where: string, text: string) => secretsIn(text).forEach((name) => findings.push(`${where}: ${name}`));
  for (const run of runs) {
    if ('output' in run) check(`${run.what} output`, json(run.output));
    if (run.error) check(`${run.what} error`, `${json(run.error)} ${String(run.error)}`);
  }
  mockRawLogs.slice(from.raw).forEach((log, i) => check(`raw log #${i} "${String(log.message).slice(0, 60)}"`, json({ message: log.message, data: withoutOwnCredential(log.data, authData) })));
  mockSafeLogs.slice(from.safe).forEach((log, i) => check(`scrubbed log #${i} "${String(log.message).slice(0, 60)}"`, json(log)));
  printed.slice(from.printed).forEach((line, i) => check(`stdout line #${i} "${line.slice(0, 60)}"`, line));
  for (const server of Object.keys(sb.servers) as Vendor[]) findings.push(...serverFindings(server, sb.servers[server].requestLog.slice(from.requests[server])));
  return findings;
};

/** Which credentials each server received in its auth header since `from`. */
const credentialsReceived = (from: Marks): Record<Vendor, string[]> => {
  const seen = (server: Vendor) =>
    [...new Set(sb.servers[server].requestLog.slice(from.requests[server]).map((request) => (request.headers[AUTH_HEADER[server]] ?? '').replace(/^Bearer /, '')))].flatMap(secretsIn).sort();
  return { mollie: seen('mollie'), hubspot: seen('hubspot'), moneybird: seen('moneybird'), pipedrive: seen('pipedrive') };
};

const errorText = (run: Run) => (run.error instanceof Error ? run.error.message : '');

// ---------------------------------------------------------------------------------------------
// Faults: each vendor fails, repeating the credential it received in every field of its error shape
// ---------------------------------------------------------------------------------------------
const credentialOf = (server: Vendor, req: SandboxRequest) => String(req.headers[AUTH_HEADER[server]] ?? '');
const echoBody = (server: Vendor, status: number, said: string): unknown => {
  const text = `credential ${said} was refused`;
  if (server === 'mollie') return { status, title: text, detail: text, field: said };
  if (server === 'hubspot') return { status: 'error', message: text, category: 'VALIDATION_ERROR', errors: [{ message: text, in: said, context: { propertyName: said } }] };
  if (server === 'moneybird') return { error: { [said]: [text] }, symbolic: { token: said } };
  return { success: false, error: text, error_info: text, errorCode: status };
};
const FAULTS: Array<[string, number, (server: Vendor, req: SandboxRequest) => SandboxResponse]> = [
  ['401', 401, (server, req) => ({ status: 401, body: echoBody(server, 401, credentialOf(server, req)) })],
  ['422', 422, (server, req) => ({ status: 422, body: echoBody(server, 422, credentialOf(server, req)) })],
  ['500', 500, (server, req) => ({ status: 500, body: echoBody(server, 500, credentialOf(server, req)) })],
  ['a plain-text 502', 502, (server, req) => ({ status: 502, body: `upstream said: ${credentialOf(server, req)}`, headers: { 'Content-Type': 'text/plain', 'WWW-Authenticate': credentialOf(server, req) } })],
];

// ---------------------------------------------------------------------------------------------
beforeAll(async () => {
  sb = await startSandbox({ seed: 3, credentials: { apiKeys: [FAKE.mollieTestKey], accessTokens: [FAKE.mollieAccessToken] } });
  Object.assign(process.env, sb.env(), { LOG_TO_STDOUT: 'true', DETAILED_LOG_TO_STDOUT: 'true' });
  for (const method of ['log', 'error', 'warn', 'info'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map((arg) => (typeof arg === 'string' ? arg : json(arg))).join(' ')));
  }
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/catch`;
});
afterAll(async () => {
  delete process.env.LOG_TO_STDOUT;
  delete process.env.DETAILED_LOG_TO_STDOUT;
  jest.restoreAllMocks();
  await new Promise((resolve) => receiver.close(resolve));
  await sb.close();
});

describe.each(CRMS)('no credential leaks, with %s as the CRM', (crm) => {
  let seed: Seed;
  let connection: Record<string, string>;

  beforeAll(() => {
    const fx = fixtures(sb)[crm];
    connection = { ...fx.authData, mollieCredential: FAKE.mollieTestKey };
    const acme = fx.seedAccount({ name: 'Acme B.V.', email: 'finance@acme.nl', customerId: 'CUST-1' });
    const invoice = `2026-0${CRMS.indexOf(crm)}01`;
    fx.seedInvoice(acme, invoice, '50.00');
    const payment = sb.mollie.createPayment({ amount: { value: '50.00', currency: 'EUR' }, description: `Invoice ${invoice}`, metadata: { customerId: 'CUST-1', invoiceNumber: invoice }, billingAddress: { email: 'finance@acme.nl' } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    sb.mollie.createRefund(payment.id, { amount: '10.00' });
    const other = sb.mollie.createPayment({ amount: { value: '20.00', currency: 'EUR' }, billingAddress: { email: 'stranger@example.com' } });
    sb.mollie.setPaymentStatus(other.id, 'paid');
    sb.mollie.createChargeback(other.id);
    const failed = sb.mollie.createPayment({ method: 'directdebit' });
    sb.mollie.setPaymentStatus(failed.id, 'failed');
    seed = { paymentId: payment.id, invoice };
  });

  const afterSubscribe = async () => {
    const paid = sb.mollie.createPayment({ amount: { value: '7.50', currency: 'EUR' } });
    sb.mollie.setPaymentStatus(paid.id, 'paid');
    await sb.mollie.deliverWebhooks();
  };

  it.each([
    ['an API key', FAKE.mollieTestKey, {}],
    ['an access token', FAKE.mollieAccessToken, { mollieMode: 'test' }],
  ])('every operation succeeds with %s, and no credential appears outside its own auth header', async (_credential, mollieCredential, extra) => {
    const authData = { ...connection, mollieCredential, ...extra };
    const from = mark();
    const runs = await runAll(seed, authData, afterSubscribe);

    expect(leaks(from, runs, authData)).toEqual([]);
    // The runs did their work: every operation the credential allows succeeded, each vendor saw its own credential.
    const refusedOnPurpose = (run: Run) => run.what.endsWith('(API key)') && /access token/.test(errorText(run));
    expect(runs.filter((run) => run.error && !refusedOnPurpose(run)).map((run) => `${run.what}: ${errorText(run)}`)).toEqual([]);
    expect(credentialsReceived(from)).toEqual({
      mollie: [mollieCredential === FAKE.mollieTestKey ? 'Mollie API key' : 'Mollie access token'],
      hubspot: crm === 'hubspot' ? ['HubSpot token'] : [],
      moneybird: crm === 'moneybird' ? ['Moneybird token'] : [],
      pipedrive: crm === 'pipedrive' ? ['Pipedrive token'] : [],
    });
    expect(mockRawLogs.slice(from.raw).some((log) => log.data.log_type === 'http')).toBe(true);
    expect(printed.length).toBeGreaterThan(from.printed);

    // The webhook signing secret: only in what performSubscribe returns (Zapier keeps it as subscribeData)
    // and in Mollie's answer to the create, as core received it; nowhere in what is logged or shown.
    const subscribed = runs.find((run) => run.what === 'payment_paid_instant performSubscribe');
    if (subscribed) {
      expect(runs.find((run) => run.what === 'payment_paid_instant perform (a signed delivery)')?.output).toEqual([expect.objectContaining({ status: 'paid' })]);
      const { secret } = subscribed.output as { secret: string };
      expect(secret).toMatch(/^\w{16,}$/);
      const holders = [
        ...runs.filter((run) => run !== subscribed && json(run).includes(secret)).map((run) => run.what),
        ...mockRawLogs.slice(from.raw).filter((log) => json(log).includes(secret)).map((log) => `raw log ${String(log.message)}`),
        ...mockSafeLogs.slice(from.safe).filter((log) => json(log).includes(secret)).map((log) => `scrubbed log ${String(log.message)}`),
        ...printed.slice(from.printed).filter((line) => line.includes(secret)).map((line) => `stdout ${line.slice(0, 60)}`),
      ];
      expect(holders).toEqual([expect.stringMatching(/^raw log 201 POST http:\/\/127\.0\.0\.1:\d+\/v2\/webhooks$/)]);
    }
  });

  describe.each(['mollie', crm] as Vendor[])('when %s fails', (server) => {
    afterEach(() => {
      sb.servers[server].faults = undefined;
    });

    it.each(FAULTS)('with %s repeating the credential it received, no operation leaks it', async (_fault, status, fault) => {
      sb.servers[server].faults = (req) => fault(server, req);
      const authData = { ...connection };
      const from = mark();
      const runs = await runAll(seed, authData);

      expect(leaks(from, runs, authData)).toEqual([]);
      // The vendor's words reached the messages, with the credential taken out.
      const failed = runs.filter((run) => new RegExp(`\\(${status}\\)`).test(errorText(run)));
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.filter((run) => errorText(run).includes('[redacted]')).length).toBe(failed.length);
    });
  });
});
