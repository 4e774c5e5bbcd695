/**
 * The settlement soak: payouts (each a few days of live payments with a
 * refund and a chargeback now and then, and now and then a refund or a
 * chargeback of a payment of the payout before, paid out in this one) imported into the Moneybird fake by
 * Record Settlement in the Books while both Mollie and Moneybird inject
 * faults (429 with and without Retry-After, 500/502/503, answers past the
 * timeout, dropped connections, and writes the vendor did before the answer
 * was lost). Zapier's behaviour is modelled by work, not time: a run that
 * throws ThrottledError is run again (up to `attempts`), some runs are made
 * twice at once, and every payout is replayed after it succeeded.
 *
 * Then a count per payout: exactly one statement, exactly one mutation per
 * line plus the payout (none lost, none duplicated), every matchable payment,
 * refund and chargeback linked once on its own invoice with its own amount, no
 * invoice paid twice, every invoice holding what was paid out for it, each fee
 * booked once.
 */
import '../../sandbox/localHarness';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { perform as recordSettlement } from '../../creates/recordSettlement';
import { DAY, Random, SANDBOX_ACCESS_TOKEN, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN, startSandbox } from '../../sandbox';
import { booksOf } from '../../sandbox/moneybird/financial';
import { settlementsOf } from '../../sandbox/mollie/settlements';
import { FaultInjector, type FaultKind, type Side } from './faults';

export interface SettlementSoakOptions {
  settlements: number;
  paymentsPerSettlement: number;
  faultRate: number;
  seed: number;
  /** Tries per run before it counts as given up: Zapier's throttle retries (10) times autoreplay's runs (6), as in bench/soak/run.ts. */
  attempts: number;
  doubleRate: number;
  requestTimeoutMs: number;
  slowMs: [number, number];
  /** Writes (method and path pattern) whose first request is done by Moneybird but its answer lost, on top of the random faults. */
  actedDrops: Array<[string, RegExp]>;
}

export const SETTLEMENT_SOAK_DEFAULTS: SettlementSoakOptions = {
  settlements: 10,
  paymentsPerSettlement: 8,
  faultRate: 0.2,
  seed: 1,
  attempts: 60,
  doubleRate: 0.3,
  requestTimeoutMs: 1_000,
  slowMs: [1_100, 1_200],
  actedDrops: [
    ['POST', /\/financial_statements$/],
    ['PATCH', /\/link_booking$/],
    ['POST', /\/sales_invoices\/\d+\/payments$/],
  ],
};

export interface SettlementSoakResult {
  options: SettlementSoakOptions;
  settlements: number;
  lines: number;
  /** Refunds and chargebacks paid out in a later payout than their payment's. */
  laterCorrections: number;
  runs: number;
  attempts: number;
  retries: number;
  givenUp: number;
  /** Payouts without a statement, and line mutations missing from their statement. */
  lost: number;
  /** Statements beyond one per payout, mutations beyond one per line, payments or fee bookings made twice. */
  duplicated: number;
  /** Matchable payment lines left unlinked, or linked to the wrong invoice. */
  unlinked: number;
  unexpectedErrors: Record<string, number>;
  /** What was lost, duplicated or left unlinked, a few examples. */
  examples: string[];
  faults: Record<Side, Record<FaultKind, number>>;
  faultsTotal: number;
  requests: Record<Side, number>;
  /** The planned acted-then-dropped writes that happened. */
  actedDrops: number;
  realSeconds: number;
}

const appTester = createAppTester(App);

/** The seconds a ThrottledError asks to wait (Zapier's JSON message), 60 when it does not say. */
const delayOf = (error: unknown): number => {
  try {
    const delay = (JSON.parse((error as Error).message) as { delay?: unknown }).delay;
    return typeof delay === 'number' && delay > 0 ? delay : 60;
  } catch {
    return 60;
  }
};
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** Redirect faults point here; the app must never follow them (nothing listens on port 9). */
const UNUSED_ORIGIN = 'http://127.0.0.1:9';

export const runSettlementSoak = async (input: Partial<SettlementSoakOptions> = {}): Promise<SettlementSoakResult> => {
  const options = { ...SETTLEMENT_SOAK_DEFAULTS, ...input };
  const started = Date.now();
  const sandbox = await startSandbox({ seed: options.seed });
  const previousEnv = { ...process.env };
  Object.assign(process.env, sandbox.env(), { REQUEST_TIMEOUT_MS: String(options.requestTimeoutMs) });
  const rng = new Random(options.seed * 7919);
  const faults = new FaultInjector({ rate: options.faultRate, seed: options.seed * 104_729, slowMs: options.slowMs, retryAfterSeconds: 1, now: () => sandbox.clock.now().getTime(), foreignOrigin: UNUSED_ORIGIN });
  faults.attach(sandbox.servers.mollie, 'mollie', 'mollie');
  faults.attach(sandbox.servers.moneybird, 'crm', 'moneybird');
  const drawn = sandbox.servers.moneybird.faults!;
  const planned = [...options.actedDrops];
  sandbox.servers.moneybird.faults = (req) => {
    const index = faults.enabled ? planned.findIndex(([method, path]) => method === req.method && path.test(req.path)) : -1;
    if (index < 0) return drawn(req);
    planned.splice(index, 1);
    result.actedDrops++;
    return { status: 503, drop: true, process: true };
  };
  const authData = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live', crm: 'moneybird', crmToken: SANDBOX_MONEYBIRD_TOKEN, moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID };
  const finance = booksOf(sandbox.moneybird);
  const inputFor = (settlementId: string) => ({ settlement_id: settlementId, financial_account_id: finance.accountNamed('Mollie').id, fee_ledger_account_id: finance.ledgerNamed('Transactiekosten').id });
  const result: SettlementSoakResult = {
    options,
    settlements: 0,
    lines: 0,
    laterCorrections: 0,
    runs: 0,
    attempts: 0,
    retries: 0,
    givenUp: 0,
    lost: 0,
    duplicated: 0,
    unlinked: 0,
    unexpectedErrors: {},
    examples: [],
    faults: faults.counts,
    faultsTotal: 0,
    requests: faults.requests,
    actedDrops: 0,
    realSeconds: 0,
  };

  try {
    const contact = sandbox.moneybird.createContact({ company_name: 'Soak Customer B.V.', customer_id: 'SOAK-1' });
    const payouts: Array<{ id: string; payments: string[] }> = [];
    /** What each invoice should hold once every payout is booked: its payment less what was refunded and charged back. */
    const expected = new Map<string, number>();
    let invoiceNumber = 0;
    for (let s = 0; s < options.settlements; s++) {
      const start = sandbox.clock.now().getTime();
      const payments = Array.from({ length: options.paymentsPerSettlement }, (_, index) => {
        const number = `SOAK-${String(++invoiceNumber).padStart(5, '0')}`;
        const cents = rng.int(500, 50_000);
        sandbox.moneybird.createInvoice({ contactId: contact.id, number, total: money(cents) });
        const payment = sandbox.mollie.createPayment({ amount: { currency: 'EUR', value: money(cents) }, description: `Invoice ${number}`, metadata: { customerId: 'SOAK-1', invoiceNumber: number }, mode: 'live', method: rng.pick(['ideal', 'creditcard', 'banktransfer'] as const), createdAt: new Date(start + index * 60_000) });
        sandbox.mollie.setPaymentStatus(payment.id, 'paid', new Date(start + index * 60_000 + 30_000));
        expected.set(number, cents);
        return payment;
      });
      const numberOf = (paymentId: string) => (sandbox.mollie.payments.get(paymentId)!.metadata as { invoiceNumber: string }).invoiceNumber;
      const refund = (paymentId: string, cents: number) => {
        sandbox.mollie.createRefund(paymentId, { amount: money(cents) });
        expected.set(numberOf(paymentId), expected.get(numberOf(paymentId))! - cents);
      };
      const chargeBack = (paymentId: string) => {
        sandbox.mollie.createChargeback(paymentId);
        expected.set(numberOf(paymentId), 0);
      };
      if (rng.chance(0.6)) refund(payments[0].id, 200);
      if (rng.chance(0.4)) chargeBack(payments[1].id);
      // Of the payout before: a refund and a chargeback made now, so paid out in this payout, not their payment's.
      const before = payouts[payouts.length - 1];
      if (before && rng.chance(0.5)) {
        refund(before.payments[3], 300);
        result.laterCorrections++;
      }
      if (before && rng.chance(0.4)) {
        chargeBack(before.payments[2]);
        result.laterCorrections++;
      }
      sandbox.clock.advance(DAY);
      payouts.push({ id: settlementsOf(sandbox.mollie).payOut().id, payments: payments.map((p) => p.id) });
    }
    result.settlements = payouts.length;

    faults.enabled = true;
    /** One Zap run as Zapier makes it: retried while it is throttled, up to `attempts`. */
    const zapRun = async (settlementId: string) => {
      result.runs++;
      for (let attempt = 1; attempt <= options.attempts; attempt++) {
        result.attempts++;
        try {
          await appTester(recordSettlement as (z: ZObject, b: Bundle) => Promise<unknown>, { authData, inputData: inputFor(settlementId), meta: {} } as unknown as Partial<Bundle>);
          return;
        } catch (error) {
          const name = (error as Error).name;
          if (name !== 'ThrottledError') result.unexpectedErrors[`${name}: ${(error as Error).message.slice(0, 120)}`] = (result.unexpectedErrors[`${name}: ${(error as Error).message.slice(0, 120)}`] ?? 0) + 1;
          result.retries++;
          // Zapier waits the delay the error asks for before the retry: virtual time passes (Moneybird's rate window refills).
          sandbox.clock.advance(delayOf(error) * 1000);
        }
      }
      result.givenUp++;
    };
    for (const payout of payouts) {
      await Promise.all(rng.chance(options.doubleRate) ? [zapRun(payout.id), zapRun(payout.id)] : [zapRun(payout.id)]);
      await zapRun(payout.id); // a replay of a run that already succeeded
    }
    faults.enabled = false;

    for (const payout of payouts) {
      const settlement = settlementsOf(sandbox.mollie).settlements.get(payout.id)!;
      const statements = finance.statementsWith(`Mollie ${settlement.reference}`);
      if (statements.length === 0) {
        result.lost++;
        continue;
      }
      result.duplicated += statements.length - 1;
      const mutations = statements[0].mutationIds.map((id) => finance.mutations.get(id)!);
      const keys = mutations.map((m) => m.account_servicer_transaction_id);
      const lines = settlement.items.length + settlementsOf(sandbox.mollie).costs(settlement).length + 1;
      result.lines += lines;
      result.lost += Math.max(0, lines - new Set(keys).size);
      result.duplicated += keys.length - new Set(keys).size;
      for (const mutation of mutations) {
        const note = (what: string) => result.examples.length < 10 && result.examples.push(`${what}: ${mutation.account_servicer_transaction_id} ${mutation.cents} open ${finance.open(mutation)} payments ${mutation.payments.map((p) => p.cents).join(',')} bookings ${mutation.bookings.length}`);
        if (mutation.bookings.length > 1) result.duplicated += (note('booked twice'), mutation.bookings.length - 1);
        if (mutation.payments.length > 1) result.duplicated += (note('linked twice'), mutation.payments.length - 1);
        const item = settlement.items.find((candidate) => mutation.account_servicer_transaction_id?.endsWith(`:${candidate.id}`));
        if (item && finance.open(mutation) !== 0n) result.unlinked += (note('unlinked'), 1);
        const paymentId = item && (item.kind === 'refund' ? sandbox.mollie.refunds.get(item.id)?.paymentId : item.kind === 'chargeback' ? sandbox.mollie.chargebacks.get(item.id)?.paymentId : item.id);
        const itsInvoice = paymentId && (sandbox.mollie.payments.get(paymentId)?.metadata as { invoiceNumber?: string } | undefined)?.invoiceNumber;
        const wrong = mutation.payments.filter((p) => sandbox.moneybird.invoices.get(p.invoice_id)?.invoice_id !== itsInvoice || p.cents !== mutation.cents);
        if (item && wrong.length) result.unlinked += (note('on another invoice or amount'), 1);
        if (!item && /:(\d{4}-\d{2}):/.test(mutation.account_servicer_transaction_id ?? '') && mutation.bookings.length !== 1) result.unlinked += (note('fee not booked once'), 1);
      }
    }
    for (const invoice of sandbox.moneybird.invoices.values()) {
      const positive = invoice.payments.filter((p) => p.cents > 0n);
      const note = (what: string) => result.examples.length < 10 && result.examples.push(`${what}: invoice ${invoice.invoice_id} payments ${invoice.payments.map((p) => `${p.cents}@${p.financial_mutation_id ?? '-'}`).join(',')}`);
      if (positive.length > 1) result.duplicated += (note('paid twice'), positive.length - 1);
      if (sandbox.moneybird.paid(invoice) > invoice.totalCents) result.duplicated += (note('overpaid'), 1);
      const held = sandbox.moneybird.paid(invoice);
      const wanted = BigInt(expected.get(invoice.invoice_id) ?? 0);
      if (held > wanted) result.duplicated += (note(`holds more than paid out (${wanted})`), 1);
      if (held < wanted) result.lost += (note(`holds less than paid out (${wanted})`), 1);
    }
  } finally {
    faults.enabled = false;
    process.env = previousEnv;
    await sandbox.close();
  }
  result.faultsTotal = faults.total;
  result.realSeconds = Math.round((Date.now() - started) / 100) / 10;
  return result;
};

if (require.main === module) {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? Number(args[index + 1]) : undefined;
  };
  const options: Partial<SettlementSoakOptions> = {
    ...(value('settlements') ? { settlements: value('settlements') } : {}),
    ...(value('payments') ? { paymentsPerSettlement: value('payments') } : {}),
    ...(value('fault-rate') !== undefined ? { faultRate: value('fault-rate') } : {}),
    ...(value('seed') ? { seed: value('seed') } : {}),
  };
  runSettlementSoak(options).then((result) => {
    console.log(JSON.stringify(result, null, 2));
    process.exit(result.lost + result.duplicated + result.unlinked + result.givenUp === 0 ? 0 : 1);
  });
}
