import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { useClock, withDeadline } from '../http/deadline';
import { bucketKey, bucketOf } from '../paymentLinks/index';
import { SANDBOX_API_KEY, SANDBOX_HUBSPOT_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { failure } from './helpers/connection';
import { appMethod } from './helpers/app';

const createLink = appMethod('creates.create_payment_link.operation.perform');
const findLink = appMethod('searches.find_payment_link.operation.perform');

/** Each request to Mollie costs this much virtual time: 40 pages of 250 links = 10 s of a run's 25 s. */
const REQUEST_MS = 250;
let requestMs = REQUEST_MS;
const authData = { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };

let sandbox: Sandbox;
let virtualNow = 0;
let requests: string[] = [];
const savedEnv = { ...process.env };

/** z whose every request advances the virtual clock, as a real vendor's latency would. */
const slow = (z: ZObject): ZObject =>
  ({
    ...z,
    request: (...args: Parameters<ZObject['request']>) => {
      virtualNow += requestMs;
      const options = args[0] as { url?: string; method?: string };
      requests.push(`${options.method ?? 'GET'} ${new URL(String(options.url)).pathname}`);
      return z.request(...args);
    },
  }) as ZObject;

/** One Zapier run: the shared deadline over the perform, in virtual time. */
let budgetMs: number | undefined;
/** False: the perform runs without a deadline around it, as it would if nothing opened one. */
let underRunDeadline = true;
const run = <T>(appTester: ReturnType<typeof createAppTester>, perform: (z: ZObject, bundle: Bundle) => Promise<T>, inputData: Record<string, unknown>) => {
  requests = [];
  const invocation = (z: ZObject, bundle: Bundle) => (underRunDeadline ? withDeadline(() => perform(slow(z), bundle), budgetMs) : perform(slow(z), bundle));
  return appTester(invocation, { authData, inputData } as Partial<Bundle>) as Promise<T>;
};
const create = (appTester: ReturnType<typeof createAppTester>, invoice: string, amount = '121.00') =>
  run(appTester, createLink as never, { invoice_number: invoice, amount }) as Promise<Record<string, unknown>>;
const find = (appTester: ReturnType<typeof createAppTester>, invoice: string) =>
  run(appTester, findLink as never, { invoice_number: invoice }) as Promise<Array<Record<string, unknown>>>;
/** A run that reads 24 pages (6,000 links) at most: (10 s - the 4 s kept back) / 250 ms; keeps "beyond" tests small. */
const SHORT_RUN_MS = 10_000;

/** `count` links, the first (oldest) for `oldestInvoice`, the others for other invoices. */
const seedLinks = (count: number, oldestInvoice: string) => {
  sandbox.mollie.createPaymentLink({ description: `Invoice ${oldestInvoice}`, amount: { value: '121.00', currency: 'EUR' } });
  for (let index = 1; index < count; index++) {
    sandbox.clock.advance(1000);
    sandbox.mollie.createPaymentLink({ description: `Invoice INV-2020-${index}`, amount: { value: '10.00', currency: 'EUR' } });
  }
};
const linksFor = (description: string) => [...sandbox.mollie.paymentLinks.values()].filter((link) => link.description === description);
const listPages = () => requests.filter((request) => request === 'GET /v2/payment-links').length;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: 12 });
  Object.assign(process.env, sandbox.env());
  virtualNow = 0;
  budgetMs = undefined;
  requestMs = REQUEST_MS;
  underRunDeadline = true;
  useClock(() => virtualNow);
});
afterEach(async () => {
  useClock();
  process.env = { ...savedEnv };
  await sandbox.close();
});

describe('one link per invoice in an account with 10,000+ links', () => {
  it('finds the oldest of 10,001 links within one run (cold cache), and never makes a second one', async () => {
    seedLinks(10_001, 'INV-2019-0001');
    const result = await create(createAppTester(App), 'INV-2019-0001');
    expect(result).toMatchObject({ outcome: 'existing', invoice_number: 'INV-2019-0001' });
    expect(listPages()).toBe(41);
    expect(virtualNow).toBeLessThan(25_000);
    expect(linksFor('Invoice INV-2019-0001')).toHaveLength(1);
  });

  it('a later run reads only the links made since: the index remembers what was read', async () => {
    seedLinks(10_001, 'INV-2019-0001');
    const appTester = createAppTester(App);
    await create(appTester, 'INV-2019-0001');
    sandbox.mollie.createPaymentLink({ description: 'Invoice INV-2021-0500', amount: { value: '5.00', currency: 'EUR' } });

    expect(await create(appTester, 'INV-2020-17', '10.00')).toMatchObject({ outcome: 'existing', invoice_number: 'INV-2020-17' });
    expect(listPages()).toBe(1);
    expect(await create(appTester, 'INV-2025-0001')).toMatchObject({ outcome: 'created' });
    expect(listPages()).toBe(1);
  });

  it('beyond what one run can read it stops instead of creating, and the next try reads on and finds the link', async () => {
    seedLinks(10_001, 'INV-2019-0001');
    budgetMs = SHORT_RUN_MS;
    const appTester = createAppTester(App);

    const stopped = await failure(create(appTester, 'INV-2019-0001'));
    expect(stopped.name).toBe('ThrottledError');
    expect(stopped.message).toMatch(/^Mollie has more payment links than one run can read: this run read 6000 of them, newest first, and none is for invoice INV-2019-0001\./);
    expect(stopped.message).toMatch(/instead of creating one/);
    expect(requests.filter((request) => request.startsWith('POST'))).toEqual([]);
    expect(virtualNow).toBeLessThan(SHORT_RUN_MS);

    const found = await find(appTester, 'INV-2019-0001');
    expect(found).toEqual([expect.objectContaining({ invoice_number: 'INV-2019-0001', outcome: 'existing' })]);
    expect(linksFor('Invoice INV-2019-0001')).toHaveLength(1);
  });

  it('Find Payment Link says it could not look everywhere rather than "not found" (a Find or Create would make a duplicate)', async () => {
    seedLinks(10_001, 'INV-2019-0001');
    budgetMs = SHORT_RUN_MS;
    const error = await failure(find(createAppTester(App), 'INV-2030-0001'));
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toMatch(/none is for invoice INV-2030-0001/);
  });

  it('keeps within 25 s even where no run deadline was opened (1 s a request: 21 pages, then it stops)', async () => {
    seedLinks(10_001, 'INV-2019-0001');
    underRunDeadline = false;
    requestMs = 1000;
    const error = await failure(create(createAppTester(App), 'INV-2019-0001'));
    expect(error.message).toMatch(/this run read 5250 of them/);
    expect(virtualNow).toBeLessThanOrEqual(25_000);
    expect(linksFor('Invoice INV-2019-0001')).toHaveLength(1);
  });

  it('starts the index again when part of it was evicted, rather than trusting the hole', async () => {
    seedLinks(10_001, 'INV-2019-0001');
    const appTester = createAppTester(App);
    await create(appTester, 'INV-2019-0001');
    const evictBucket = (z: ZObject) =>
      (z.cache as unknown as { delete: (key: string, scope: string[]) => Promise<boolean> }).delete(bucketKey(bucketOf('2019-1')), ['auth']);
    await appTester(evictBucket as never, { authData } as Partial<Bundle>);

    expect(await create(appTester, 'INV-2019-0001')).toMatchObject({ outcome: 'existing' });
    expect(linksFor('Invoice INV-2019-0001')).toHaveLength(1);
  });
});
