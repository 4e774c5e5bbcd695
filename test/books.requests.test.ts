/**
 * Issue 18, item 6: a large payout is booked within Moneybird's limits: at
 * most 2 Moneybird requests per line on average plus a constant per payout
 * (the statement made with its mutations in as few requests as the API
 * allows, invoices read in pages rather than one by one). Counted on the
 * sandbox's Moneybird (its rate window off, so nothing is retried for the
 * limit's sake), over every attempt a Zap run needs, with every line booked.
 * Figures for the benchmark (hours for 2,000 payments under 150 requests per
 * 5 minutes) belong in bench/, not here.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { settlementsOf } from '../sandbox/mollie/settlements';
import { book, invoices, livePayment, recordPayment, type Out, forgetCache } from './helpers/books';

const PER_LINE = 2;
const PER_PAYOUT = 25;

let sb: Sandbox;
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: 1880 });
  Object.assign(process.env, sb.env());
  sb.moneybird.rateWindow.limits = false;
});
afterEach(() => sb.close());

/**
 * A payout of `count` payments, each for its own invoice, a quarter recorded before by Create CRM
 * Payment Record, one in ten refunded in part; booked until done. Moneybird requests over all attempts, and its lines.
 */
const measure = async (count: number) => {
  const numbers = Array.from({ length: count }, (_, i) => `2026-${String(count).padStart(4, '0')}-${String(i + 1).padStart(4, '0')}`);
  invoices(sb, Object.fromEntries(numbers.map((number, i) => [number, `${10 + (i % 50)}.00`])), `CUST-${count}`);
  const payments = numbers.map((number, i) => livePayment(sb, `${10 + (i % 50)}.00`, number, { metadata: { customerId: `CUST-${count}` } }));
  for (const payment of payments.filter((_, i) => i % 4 === 0)) await recordPayment(sb, 'moneybird', payment);
  for (const payment of payments.filter((_, i) => i % 10 === 3)) sb.mollie.createRefund(payment.id, { amount: '1.00' });
  sb.clock.advance(60_000);
  const settlement = settlementsOf(sb.mollie).payOut();
  const start = sb.servers.moneybird.requestLog.length;
  let out: Out | undefined;
  for (let attempt = 0; attempt < 30 && !out; attempt++) {
    out = await book(sb, 'moneybird', settlement).catch((error: Error) => {
      if (error.name !== 'ThrottledError') throw error;
      return undefined;
    });
  }
  const requests = sb.servers.moneybird.requestLog.length - start;
  const lines = settlement.items.length + settlementsOf(sb.mollie).costs(settlement).length;
  return { out: out!, requests, lines };
};

test.failing(`a payout of 200 payments: at most ${PER_LINE} Moneybird requests per line plus ${PER_PAYOUT} for the payout, every line booked`, async () => {
  const { out, requests, lines } = await measure(200);
  expect({ needsPerson: out.needs_person, balance: out.statement_balance }).toEqual({ needsPerson: '', balance: '0.00' });
  expect(lines).toBeGreaterThan(200);
  expect(requests).toBeLessThanOrEqual(PER_LINE * lines + PER_PAYOUT);
});

test.failing(`each line more costs at most ${PER_LINE} Moneybird requests (40 payments against 120)`, async () => {
  const small = await measure(40);
  const large = await measure(120);
  expect(large.requests - small.requests).toBeLessThanOrEqual(PER_LINE * (large.lines - small.lines));
});
