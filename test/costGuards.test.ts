/**
 * Cost guards on work the vendors drive (issue 19 §6):
 * - a list cursor that loops, repeats or names another host is detected: a clear error naming the
 *   vendor, after a few requests, not retried (the same answer would come back) — Mollie's
 *   `_links.next`, HubSpot's `paging.next.after`, Pipedrive's `next_cursor`, Moneybird's pages;
 * - no parser's cost grows faster than linearly with its input (the table feeds each one long,
 *   hostile input and asserts it completes; the figures are in bench/parsers.ts);
 * - CPU work counts against the run's deadline, also when the clock is a virtual one.
 */
import { PARSERS } from '../bench/parsers';
import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { appMethod } from './helpers/app';
import { hasTimeFor, useClock, withDeadline } from '../http/deadline';
import { recentlyAdded } from '../crm/pipedrive/recent';
import { FAKE, HUBSPOT, MOLLIE, MONEYBIRD, hubspotAuth, moneybirdAuth } from './helpers/connection';
import { NOW, payment } from './helpers/mollieFake';

const createLink = appMethod('creates.create_payment_link.operation.perform');
const findAccount = appMethod('searches.find_crm_account.operation.perform');
const findPayment = appMethod('searches.find_payment.operation.perform');
const paidPerform = appMethod('triggers.payment_paid.operation.perform');
const refundedPerform = appMethod('triggers.payment_refunded.operation.perform');

const appTester = createAppTester(App);
const run = (perform: unknown, bundle: Record<string, unknown>) => appTester(perform as never, { inputData: {}, meta: {}, ...bundle } as never) as Promise<unknown>;
const outcome = async (promise: Promise<unknown>) => {
  try {
    return { output: await promise };
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
};

afterEach(() => nock.cleanAll());

/** Safety net: a loop that is not stopped ends here (nock answers no more), never hangs the test. */
const AT_MOST = 12;
const FEW = 4;

const expectStoppedLoop = (result: { output?: unknown; name?: string; message?: string }, vendor: string, requests: number) => {
  expect(result.message ?? 'no error').toMatch(new RegExp(`${vendor} answered a list page whose next page`));
  expect(result.name).not.toBe('ThrottledError');
  expect(requests).toBeLessThanOrEqual(FEW);
};

describe('Mollie: a `_links.next` that loops, repeats or names another host stops the reading', () => {
  const refundOf = (n: number) => ({ resource: 'refund', id: `re_loop${n}`, status: 'refunded', amount: { value: '1.00', currency: 'EUR' }, createdAt: new Date(NOW - n * 60_000).toISOString(), paymentId: 'tr_p00001', description: '' });
  const linkOf = (n: number) => ({ resource: 'payment-link', id: `pl_loop${n}`, description: `Invoice OTHER-${n}`, amount: { value: '1.00', currency: 'EUR' }, archived: false, createdAt: new Date(NOW - n * 60_000).toISOString(), paidAt: null, expiresAt: null, _links: {} });
  const itemOf = (key: string, n: number) => (key === 'payments' ? payment(n, NOW - n * 60_000) : key === 'refunds' ? refundOf(n) : linkOf(n));

  /** Where each page's next link points, by the page (its `from`, '' for the first): a server answers a page the same way every time. */
  type Next = (path: string, prefix: string) => (from: string) => string;
  const NEXTS: Array<[string, Next]> = [
    ['the page it is on', (path, p) => () => `${MOLLIE}/v2/${path}?from=${p}same&limit=250`],
    ['a page read before (a circle of two)', (path, p) => (from) => `${MOLLIE}/v2/${path}?from=${from === `${p}odd` ? `${p}even` : `${p}odd`}&limit=250`],
    ['another host', (path, p) => () => `https://api.mollie.com.evil.example/v2/${path}?from=${p}elsewhere&limit=250`],
    ['another list', (_path, p) => () => `${MOLLIE}/v2/customers?from=${p}other&limit=250`],
  ];
  const PREFIX: Record<string, string> = { payments: 'tr_', refunds: 're_', payment_links: 'pl_' };
  const pageNumber = (from: string) => ({ '': 0, same: 1, odd: 1, even: 2 })[from.replace(/^[a-z]+_/, '')] ?? 3;

  /** Transfer as Zapier runs it: page after page, the cursor kept between calls, until an empty page or an error. */
  const transfer = (perform: unknown) => async (bundle: Record<string, unknown>) => {
    let cursor: string | null = null;
    const withCursor = (z: { cursor: unknown }, b: unknown) => {
      z.cursor = { get: async () => cursor, set: async (value: string) => ((cursor = value), null) };
      return (perform as (z: unknown, b: unknown) => unknown)(z, b);
    };
    for (let page = 0; page < AT_MOST; page++) {
      const items = (await run(withCursor, { ...bundle, meta: { isBulkRead: true, page } })) as unknown[];
      if (!items.length) return [];
    }
    return 'never ended';
  };
  const OPERATIONS: Array<[string, string, string, (bundle: Record<string, unknown>) => Promise<unknown>, Record<string, unknown>]> = [
    ['Payment Paid, turning the Zap on', 'payments', 'payments', (bundle) => run(paidPerform, { ...bundle, meta: { isPopulatingDedupe: true } }), {}],
    ['Payment Paid, a Transfer', 'payments', 'payments', transfer(paidPerform), {}],
    ['Payment Refunded, a Transfer', 'refunds', 'refunds', transfer(refundedPerform), {}],
    ['Find Payment by e-mail', 'payments', 'payments', (bundle) => run(findPayment, bundle), { inputData: { customer_email: 'nobody@example.com' } }],
    ['Create Payment Link (the scan for the invoice)', 'payment-links', 'payment_links', (bundle) => run(createLink, bundle), { inputData: { invoice_number: 'INV-1', amount: '1.00' } }],
  ];
  it.each(OPERATIONS.flatMap(([name, path, key, ask, bundle]) => NEXTS.map(([next, href]) => ({ name, next, path, key, ask, bundle, href }))))(
    '$name: next is $next',
    async ({ path, key, ask, bundle, href }) => {
      let served = 0;
      const next = href(path, PREFIX[key]);
      nock(MOLLIE)
        .get(`/v2/${path}`)
        .query(true)
        .times(AT_MOST)
        .reply(200, (uri) => {
          served++;
          const url = new URL(typeof uri === 'string' ? uri : (uri as unknown as { url: string }).url, MOLLIE);
          const from = url.searchParams.get('from') ?? '';
          return { count: 1, _embedded: { [key]: [itemOf(key, pageNumber(from))] }, _links: { next: { href: next(from), type: 'application/hal+json' } } };
        });
      const result = await outcome(ask({ authData: hubspotAuth(), ...bundle }));
      expectStoppedLoop(result, 'Mollie', served);
    },
  );
});

describe('HubSpot: a `paging.next.after` that repeats stops the search', () => {
  const contact = (n: number) => ({ id: String(n), properties: { email: 'anna@example.com', firstname: 'Anna', lastname: String(n) }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', archived: false });
  it.each([
    ['the same after again', () => '100'],
    ['a circle of two', (n: number) => (n % 2 ? '100' : '200')],
  ])('%s', async (_case, after) => {
    let served = 0;
    nock(HUBSPOT)
      .post('/crm/v3/objects/contacts/search')
      .times(AT_MOST)
      .reply(200, () => ({ total: 1000, results: [contact(++served)], paging: { next: { after: after(served) } } }));
    nock(HUBSPOT).post('/crm/v4/associations/contacts/companies/batch/read').optionally().reply(200, { status: 'COMPLETE', results: [] });
    const result = await outcome(run(findAccount, { authData: { ...hubspotAuth(), crmAccountObject: 'contacts' }, inputData: { email: 'anna@example.com' } }));
    nock(HUBSPOT).get('/account-info/v3/details').optionally().reply(200, { portalId: 1 });
    expectStoppedLoop(result, 'HubSpot', served);
  });
});

describe('Moneybird: pages that come back the same stop the reading', () => {
  const contacts = (from: number) => Array.from({ length: 100 }, (_, n) => ({ id: String(1000 + from + n), company_name: `C ${from + n}`, email: `x${from + n}@example.com`, contact_people: [] }));
  it.each([
    ['every page the same (the page parameter ignored)', () => 0],
    ['a circle of two pages', (page: number) => (page % 2) * 100],
  ])('%s', async (_case, offset) => {
    let served = 0;
    nock(MONEYBIRD)
      .get(`/api/v2/${FAKE.moneybirdAdministrationId}/contacts`)
      .query(true)
      .times(AT_MOST)
      .reply(200, () => contacts(offset(++served)));
    const result = await outcome(run(findAccount, { authData: moneybirdAuth(), inputData: { email: 'anna@example.com' } }));
    expectStoppedLoop(result, 'Moneybird', served);
  });
});

describe('Pipedrive: a `next_cursor` that repeats stops the reading', () => {
  it.each([
    ['the same cursor again', () => 'c1'],
    ['a circle of two', (n: number) => (n % 2 ? 'c1' : 'c2')],
  ])('%s', async (_case, cursor) => {
    let served = 0;
    const call = (async () => {
      served++;
      return { status: 200, data: { success: true, data: [{ id: served, add_time: new Date(NOW).toISOString() }], additional_data: { next_cursor: cursor(served) } } };
    }) as never;
    const result = await outcome(recentlyAdded(call, '/api/v2/organizations', {}, () => true));
    expectStoppedLoop(result, 'Pipedrive', served);
  });
});

describe('no parser’s cost grows faster than linearly with its input', () => {
  // Long enough that a quadratic parser (the old e-mail check: 2.7 s at 32 k characters) cannot finish within the hang safety net.
  const N = 400_000;
  const quietly = (work: () => unknown) => {
    try {
      return work();
    } catch {
      return undefined;
    }
  };
  const HOSTILE: Array<[string, string]> = [
    ['"<a" repeated', '<a'.repeat(N / 2)],
    ['"<" and letters, never closed', `<${'a'.repeat(N)}`],
    ['"javascript" without a colon', 'javascript '.repeat(N / 11)],
    ['"{{1__" never closed', '{{1__'.repeat(N / 5)],
    ['"a@" then "b." pairs and a space', `a@${'b.'.repeat(N / 2)} `],
    ['"a@", "b." pairs, a space and more', `a@${'b.'.repeat(N / 2)} x`],
    ['"a@" then "b-" pairs and a "!"', `a@${'b-'.repeat(N / 2)}!`],
    ['words and spaces', 'Factuur 2024 nr '.repeat(N / 16)],
    ['dots and dashes', '.-'.repeat(N / 2)],
    ['digits with a trailing letter', `${'1'.repeat(N)}x`],
    ['"%2e" repeated', '%2e'.repeat(N / 3)],
    ['"tr_" and colons', 'tr_a:'.repeat(N / 5)],
    ['"INV-" and digits', 'INV-1 '.repeat(N / 6)],
    ['emoji', '👨‍👩‍👧‍👦'.repeat(N / 11)],
  ];
  it.each(PARSERS.flatMap(([parser, parse]) => HOSTILE.map(([input, text]) => ({ parser, parse, input, text }))))('$parser completes on $input', ({ parse, text }) => {
    quietly(() => parse(text));
    expect(true).toBe(true);
  });
});

describe('CPU work counts against the run’s deadline, also on a virtual clock', () => {
  afterEach(() => useClock());
  /** About one millisecond of CPU, however fast the machine: the loop below needs about `budget` rounds. */
  const burnOneMs = () => {
    const start = process.cpuUsage();
    while (process.cpuUsage(start).user + process.cpuUsage(start).system < 1000) Math.sqrt(Math.random());
  };
  const SAFETY = 3000;
  it.each([0, 50, 200])('a CPU-bound loop that asks for time ends, with the virtual clock standing still (budget %i ms)', async (budget) => {
    const frozen = Date.parse('2026-11-01T09:00:00Z');
    useClock(() => frozen);
    let rounds = 0;
    await withDeadline(async () => {
      while (hasTimeFor(1) && rounds < SAFETY) {
        rounds++;
        burnOneMs();
      }
    }, budget);
    expect(rounds).toBeLessThan(SAFETY);
  });
});
