/**
 * Issue 18, the usual API errors, on the sandbox: when Moneybird (or the
 * HubSpot or Pipedrive deals) answer 401, 404, 422, 429 or 5xx at any stage
 * of booking a payout (reading invoices, making the statement, booking a
 * line, writing a deal), the step fails with the right Zapier error in the
 * vendor's words (or, for a line Moneybird refuses, lists it for a person with
 * those words), and the retry Zapier makes books the payout completely, once.
 */
import type { SandboxRequest, SandboxResponse } from '../sandbox/http';
import { startSandbox, type Sandbox } from '../sandbox';
import { settlementsOf, type Settlement } from '../sandbox/mollie/settlements';
import { failure } from './helpers/connection';
import { book, forgetCache, invoices, livePayment, price, statementsOf, type Crm, type Out } from './helpers/books';

let sb: Sandbox;
let seed = 1900;
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: seed++ });
  Object.assign(process.env, sb.env());
  sb.moneybird.rateWindow.limits = false;
});
afterEach(() => sb.close());

/** Two invoice payments and a partial refund of the second, in one payout. */
const payout = (): Settlement => {
  invoices(sb, { '2026-1101': '100.00', '2026-1102': '45.50' });
  livePayment(sb, '100.00', '2026-1101');
  const second = livePayment(sb, '45.50', '2026-1102');
  sb.mollie.createRefund(second.id, { amount: '5.50' });
  sb.clock.advance(60_000);
  return settlementsOf(sb.mollie).payOut();
};

const WORDS = 'the vendor says no';
/** A vendor's error answer, in its own shape; 429 with the Retry-After the vendor sends (Moneybird: the epoch second the window resets). */
const answer = (vendor: 'moneybird' | 'hubspot' | 'pipedrive', status: number): SandboxResponse => {
  const body =
    vendor === 'moneybird'
      ? { error: WORDS, symbolic: {} }
      : vendor === 'hubspot'
        ? { status: 'error', message: WORDS, correlationId: '00000000-0000-0000-0000-000000000000', category: 'VALIDATION_ERROR' }
        : { success: false, error: WORDS, error_info: '', data: null };
  const retry = vendor === 'moneybird' ? String(Math.ceil(Date.now() / 1000) + 60) : '10';
  return { status, body, headers: { 'Content-Type': 'application/json', ...(status === 429 ? { 'Retry-After': retry } : {}) } };
};
/** Fails the first request that `at` selects, once. */
const failOnce = (server: Sandbox['servers'][keyof Sandbox['servers']], at: (req: SandboxRequest) => boolean, response: SandboxResponse) => {
  let done = false;
  server.faults = (req) => {
    if (done || !at(req)) return undefined;
    done = true;
    return response;
  };
  return () => done;
};

const NAMES: Record<number, string> = { 401: 'ExpiredAuthError', 404: 'AppError', 422: 'AppError', 429: 'ThrottledError', 500: 'ThrottledError', 503: 'ThrottledError' };

const STAGES: Array<[string, (req: SandboxRequest) => boolean]> = [
  ['reading an invoice', (req) => req.method === 'GET' && req.path.includes('/sales_invoices')],
  ['making the statement', (req) => req.method === 'POST' && req.path.endsWith('/financial_statements')],
  ['booking a line', (req) => (req.method === 'PATCH' && req.path.endsWith('/link_booking')) || (req.method === 'POST' && /\/sales_invoices\/[^/]+\/payments$/.test(req.path))],
];

describe.each(STAGES)('Moneybird fails while %s', (_stage, at) => {
  it.each(Object.entries(NAMES).map(([status, name]) => [Number(status), name] as const))('%i → %s in Moneybird’s words; the retry books the payout once', async (status, name) => {
    const settlement = payout();
    const hit = failOnce(sb.servers.moneybird, at, answer('moneybird', status));
    const first = await book(sb, 'moneybird', settlement).then(
      (out: Out) => ({ out }),
      async (error: unknown) => ({ error: await failure(Promise.reject(error)) }),
    );
    expect(hit()).toBe(true);
    if ('out' in first) {
      // Only a line Moneybird refuses may be left for a person instead of failing the step (a 404 on a look-up: "not there").
      expect(status === 404 || status === 422).toBe(true);
      expect(String(first.out.needs_person)).toMatch(status === 404 ? new RegExp(`${WORDS}|no sales invoice`) : new RegExp(WORDS));
    } else {
      expect({ name: first.error.name, words: first.error.message?.includes(WORDS) }).toEqual({ name, words: true });
      if (status === 429) expect(first.error.delay).toBeGreaterThanOrEqual(1);
      if (status === 429) expect(first.error.delay).toBeLessThanOrEqual(300);
    }
    sb.servers.moneybird.faults = undefined;
    const retry = await book(sb, 'moneybird', settlement);
    expect({ statements: statementsOf(sb, settlement).length, balance: retry.statement_balance, needsPerson: retry.needs_person }).toEqual({ statements: 1, balance: '0.00', needsPerson: '' });
    const paid = [...sb.moneybird.invoices.values()].map((invoice) => [invoice.invoice_id, invoice.payments.map((p) => price(p.cents)).sort()]);
    expect(paid).toEqual([
      ['2026-1101', ['100.00']],
      ['2026-1102', ['-5.50', '45.50']],
    ]);
  });
});

const DEAL_WRITES: Record<Exclude<Crm, 'moneybird'>, (req: SandboxRequest) => boolean> = {
  hubspot: (req) => req.method === 'POST' && /\/crm\/v3\/objects\/deals\/batch\/(upsert|update)$/.test(req.path),
  pipedrive: (req) => (req.method === 'PATCH' || req.method === 'POST') && /\/api\/v[12]\/deals(\/\d+)?$/.test(req.path),
};
describe.each(['hubspot', 'pipedrive'] as const)('%s fails while a deal is written', (crm) => {
  it.each([401, 422, 429, 500].map((status) => [status, NAMES[status]] as const))('%i → %s in its words; the retry brings every deal up to date', async (status, name) => {
    const settlement = payout();
    const hit = failOnce(sb.servers[crm], DEAL_WRITES[crm], answer(crm, status));
    const error = await failure(book(sb, crm, settlement));
    expect(hit()).toBe(true);
    expect({ name: error.name, words: error.message?.includes(WORDS) }).toEqual({ name, words: true });
    sb.servers[crm].faults = undefined;
    sb.clock.advance(60_000);
    await book(sb, crm, settlement);
    const statuses = crm === 'hubspot' ? sb.hubspot.all('deals').map((deal) => deal.properties.mollie_payment_status) : [...sb.pipedrive.deals.values()].map((deal) => deal.status);
    expect(statuses).toHaveLength(2);
  });
});
