/**
 * Record Settlement in the Books, Moneybird, for a large payout: Moneybird
 * requests per line, and the hours it takes to book a payout under Moneybird's
 * limit of 150 requests per 5 minutes (the sandbox's rate window on).
 *
 * The payout: `payments` live payments, each for its own invoice (one customer
 * per ten payments, the customer ID in the metadata), a quarter recorded before
 * (as Create CRM Payment Record leaves them), one in ten refunded in part; paid out with its
 * fees. Two measurements on fresh sandboxes:
 * - requests: the rate window off, runs without a deadline until done;
 * - hours: the rate window on, each Zap run under its 25 s budget, every
 *   Moneybird request taking `latencyMs` of virtual time (Mollie `mollieLatencyMs`);
 *   a throttled run is retried as Zapier does: after the window resets
 *   (Moneybird's 429) or after the delay the step asks for (out of time).
 * Virtual time throughout: the figures do not depend on this machine's speed.
 *
 *   npx tsx bench/perf/books.ts [--payments 2000] [--latency 250] [--json]
 */
import '../../sandbox/localHarness';
import { useClock, withDeadline } from '../../http/deadline';
import { startSandbox, type Sandbox } from '../../sandbox';
import { settlementsOf } from '../../sandbox/mollie/settlements';
import { MONEYBIRD_LIMITS } from '../../sandbox/moneybird/rateLimit';
import { book, forgetCache, invoices, livePayment, type Out } from '../../test/helpers/books';

export interface BooksBenchOptions {
  payments: number;
  latencyMs: number;
  mollieLatencyMs: number;
  seed: number;
}
export const BOOKS_BENCH_DEFAULTS: BooksBenchOptions = { payments: 2000, latencyMs: 250, mollieLatencyMs: 150, seed: 1888 };

export interface BooksFigures {
  lines: number;
  requests: number;
  requestsPerLine: number;
  runs: number;
  needsPerson: number;
  balance: string;
}
export interface BooksBenchResult {
  options: BooksBenchOptions;
  /** The rate window off: Moneybird requests over every run until the payout is booked. */
  unlimited: BooksFigures;
  /** The rate window on, 25 s per run, latency in virtual time. */
  limited: BooksFigures & { hours: number; throttledByMoneybird: number; outOfTime: number };
  realSeconds: number;
}

const money = (n: number) => `${10 + (n % 50)}.${String((n * 37) % 100).padStart(2, '0')}`;

/** The payout described above, on a fresh sandbox; the rate window stays off while it is made. */
const payout = async (sb: Sandbox, count: number) => {
  sb.moneybird.rateWindow.limits = false;
  const numbers = Array.from({ length: count }, (_, i) => `2026-B${String(i + 1).padStart(5, '0')}`);
  for (let c = 0; c * 10 < count; c++) invoices(sb, Object.fromEntries(numbers.slice(c * 10, c * 10 + 10).map((number, j) => [number, money(c * 10 + j)])), `BENCH-${c}`);
  const payments = numbers.map((number, i) => livePayment(sb, money(i), number, { metadata: { customerId: `BENCH-${Math.floor(i / 10)}` } }));
  // Recorded before as Create CRM Payment Record leaves it (its Mollie id, no bank line), made in the fake directly:
  // thousands of step runs in one process would have zapier-platform-core end it for its memory.
  payments.forEach((payment, i) => {
    if (i % 4 !== 0) return;
    const invoice = [...sb.moneybird.invoices.values()].find((candidate) => candidate.invoice_id === numbers[i])!;
    sb.moneybird.addPayment(invoice.id, { price: money(i), payment_date: sb.clock.now().toISOString().slice(0, 10), transaction_identifier: payment.id, manual_payment_action: 'payment_without_proof' });
  });
  for (const payment of payments.filter((_, i) => i % 10 === 3)) sb.mollie.createRefund(payment.id, { amount: '1.00' });
  sb.clock.advance(60_000);
  return settlementsOf(sb.mollie).payOut();
};

const delayOf = (error: unknown): number => {
  const own = (error as { delay?: unknown }).delay;
  if (typeof own === 'number') return own;
  try {
    const delay = (JSON.parse((error as Error).message) as { delay?: unknown }).delay;
    return typeof delay === 'number' ? delay : 60;
  } catch {
    return 60;
  }
};

const measure = async (options: BooksBenchOptions, limited: boolean) => {
  forgetCache();
  const sb = await startSandbox({ seed: options.seed });
  const previousEnv = { ...process.env };
  Object.assign(process.env, sb.env());
  try {
    const settlement = await payout(sb, options.payments);
    const lines = settlement.items.length + settlementsOf(sb.mollie).costs(settlement).length;
    const moneybird = sb.servers.moneybird;
    const start = moneybird.requestLog.length;
    const began = sb.clock.now().getTime();
    // Moneybird's window as the fake keeps it (first request after a reset opens it; refused requests do not count).
    const limit = MONEYBIRD_LIMITS;
    const window = { start: -Infinity, used: 0 };
    let refusedByWindow = false;
    if (limited) {
      sb.moneybird.rateWindow.limits = limit;
      useClock(() => sb.clock.now().getTime());
      moneybird.faults = () => {
        sb.clock.advance(options.latencyMs);
        const now = sb.clock.now().getTime();
        if (now >= window.start + limit.windowMs) Object.assign(window, { start: now, used: 0 });
        if (window.used >= limit.requests) refusedByWindow = true;
        else window.used++;
        return undefined;
      };
      sb.servers.mollie.faults = () => {
        sb.clock.advance(options.mollieLatencyMs);
        return undefined;
      };
    }
    let out: Out | undefined;
    let runs = 0;
    let throttledByMoneybird = 0;
    let outOfTime = 0;
    try {
      while (!out && runs < 5_000) {
        runs++;
        refusedByWindow = false;
        const attempt = () => book(sb, 'moneybird', settlement);
        out = await (limited ? withDeadline(attempt) : attempt()).catch((error: Error) => {
          if (error.name !== 'ThrottledError') throw error;
          if (process.env.BENCH_DEBUG) console.error(error.message.slice(0, 300));
          if (refusedByWindow) {
            throttledByMoneybird++;
            sb.clock.set(new Date(Math.max(sb.clock.now().getTime(), window.start + limit.windowMs)));
          } else {
            outOfTime++;
            sb.clock.advance(delayOf(error) * 1000);
          }
          return undefined;
        });
      }
    } finally {
      useClock();
      moneybird.faults = undefined;
      sb.servers.mollie.faults = undefined;
    }
    if (!out) throw new Error(`the payout was not booked in ${runs} runs`);
    const requests = moneybird.requestLog.length - start;
    const figures: BooksFigures = {
      lines,
      requests,
      requestsPerLine: Math.round((requests / lines) * 100) / 100,
      runs,
      needsPerson: Number(out.needs_person_count),
      balance: String(out.statement_balance),
    };
    return { figures, hours: Math.round(((sb.clock.now().getTime() - began) / 3_600_000) * 100) / 100, throttledByMoneybird, outOfTime };
  } finally {
    process.env = previousEnv;
    await sb.close();
  }
};

export const runBooksBench = async (input: Partial<BooksBenchOptions> = {}): Promise<BooksBenchResult> => {
  const options = { ...BOOKS_BENCH_DEFAULTS, ...input };
  const started = Date.now();
  const unlimited = await measure(options, false);
  const limited = await measure(options, true);
  return {
    options,
    unlimited: unlimited.figures,
    limited: { ...limited.figures, hours: limited.hours, throttledByMoneybird: limited.throttledByMoneybird, outOfTime: limited.outOfTime },
    realSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
};

/** The benchmark row, as bench tables show it. */
export const booksRow = (result: BooksBenchResult): string => {
  const { options, unlimited, limited } = result;
  return (
    `| Moneybird requests per line, ${options.payments}-payment payout | ${unlimited.requestsPerLine} (${unlimited.requests} for ${unlimited.lines} lines) | ≤ 2 + a constant | ` +
    `${limited.hours} h to book under 150 requests / 5 min (${limited.runs} runs: ${limited.throttledByMoneybird} after a 429, ${limited.outOfTime} out of time; ${options.latencyMs} ms per request) |`
  );
};

if (require.main === module) {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? Number(args[index + 1]) : undefined;
  };
  runBooksBench({
    ...(value('payments') ? { payments: value('payments') } : {}),
    ...(value('latency') ? { latencyMs: value('latency') } : {}),
  }).then(
    (result) => {
      console.log(args.includes('--json') ? JSON.stringify(result, null, 2) : `${booksRow(result)}\n${JSON.stringify(result)}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
