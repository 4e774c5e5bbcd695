/**
 * `npm run bench:deadline`: every operation's worst realistic case, run the
 * way Zapier runs it (test/helpers/zapier.ts) against the sandbox, with
 * 250 ms per vendor request in VIRTUAL time (nothing waits). Prints, per case:
 * requests, modelled seconds, PASS/FAIL against the app's 25 s budget
 * (Zapier stops a run at 30 s), and whether the operation said what it could
 * not reach. Writes bench/results/deadline.md and deadline.json.
 *
 * It measures whatever the branch holds: re-run it after merging.
 */
import '../sandbox/localHarness';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle } from 'zapier-platform-core';
import { RUN_BUDGET_MS } from '../http/deadline';
import { DAY, MINUTE, SANDBOX_ACCESS_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import type { CrmName } from '../crm/adapter';
import { CRMS, fixtures, type CrmFixture } from '../test/helpers/crmFixtures';
import { paidPayment } from '../test/helpers/paidPayment';
import { emulateZapier, VENDOR_LATENCY_MS, ZAPIER_RUN_LIMIT_MS, type Invocation } from '../test/helpers/zapier';

interface Outcome {
  step: Invocation;
  /** Whether the operation covered all it had to (every payment in the window, every link, every payer). */
  reached: boolean;
  note: string;
  /** What the operation did about what it did not reach, when that is not a message (a trigger carrying it to later polls). */
  carried?: string;
}

interface Case {
  operation: string;
  scenario: string;
  run: (sb: Sandbox) => Promise<Outcome>;
}

interface Row {
  operation: string;
  scenario: string;
  requests: number;
  seconds: number;
  verdict: 'PASS' | 'FAIL';
  status: string;
  honest: string;
  note: string;
}

/** Words an operation uses when it tells the user what it did not get to. */
const SAYS_WHAT_IT_MISSED = /not (reached|read|checked|looked|decided)|did not (reach|read|check|get to)|could not (reach|read|check|finish)|only the (first|newest|latest)|time (ran out|is up)|next (poll|run)|incomplete|partial/i;

const honesty = ({ step, reached, carried }: Outcome): string => {
  if (step.status === 'timeout') return 'NO: stopped by Zapier at 30 s';
  if (reached) return 'n/a: reached everything';
  if (carried) return `yes: ${carried}`;
  const said = `${step.message ?? ''} ${JSON.stringify(step.output ?? '')}`;
  return SAYS_WHAT_IT_MISSED.test(said) ? 'yes' : 'NO: silently partial';
};

/** The message without the common halt preamble, short. */
const reason = (step: Invocation) => (step.message ?? step.status).replace(/^Nothing certain, so nothing was chosen \([^)]*\): /, '').slice(0, 100);

const since = (sb: Sandbox, days: number) => sb.clock.now().getTime() - days * DAY;
const paidSince = (sb: Sandbox, days: number) =>
  [...sb.mollie.payments.values()].filter((payment) => payment.status === 'paid' && payment.createdAt.getTime() >= since(sb, days)).length;
const requestsTo = (sb: Sandbox, method: string, pathPrefix: string, from: number) =>
  sb.servers.mollie.requestLog.slice(from).filter((request) => request.method === method && request.path.startsWith(pathPrefix)).length;

const crmZapier = (sb: Sandbox, crm: CrmName) => {
  const fx = fixtures(sb)[crm];
  return { fx, zapier: emulateZapier({ bundle: { authData: fx.authData } }) };
};

/** `count` accounts sharing `emailCount` e-mails (so each e-mail is on count / emailCount accounts). */
const sharedAccounts = (fx: CrmFixture, count: number, emailCount: number) =>
  Array.from({ length: count }, (_, n) => fx.seedAccount({ name: `Shared ${n}`, email: `office${n % emailCount}@shared.nl` }));

const seedLinks = (sb: Sandbox, count: number, paidEvery = 0) => {
  for (let n = 0; n < count; n++) {
    const link = sb.mollie.createPaymentLink({ description: `Invoice INV-L${String(n).padStart(5, '0')}`, amount: { currency: 'EUR', value: '10.00' } });
    if (paidEvery && n % paidEvery === 0) sb.mollie.payPaymentLink(link.id);
    sb.clock.advance(MINUTE);
  }
};

/**
 * Turning a Zap on must seed dedupe with everything a later poll could still return: `seed` says how many
 * items that is (for refunds and chargebacks, listed when they happen, only the newest page: later polls read no further).
 */
/** A search whose key is shared by 500 accounts: the right answer is no account (halted), however much it read. */
const sharedEmailSearch = (crm: CrmName, key: string, scenario: string, input: (sb: Sandbox) => Record<string, string>): Case => ({
  operation: `${key} · ${crm}`,
  scenario,
  run: async (sb) => {
    const { fx, zapier } = crmZapier(sb, crm);
    sharedAccounts(fx, 500, 1);
    sb.clock.advance(MINUTE);
    const step = await zapier.search(key, { inputData: input(sb) });
    return { step, reached: step.status === 'halted' && !step.first, note: step.first ? `picked ${String(step.first.name)}` : reason(step) };
  },
});

const turnOnCase = (key: string, scenario: string, seed: (sb: Sandbox) => number, bundle: Partial<Bundle> = {}): Case => ({
  operation: `${key} (turn on)`,
  scenario,
  run: async (sb) => {
    const expected = seed(sb);
    const zapier = emulateZapier({ bundle: { authData: fixtures(sb).hubspot.authData } });
    const step = await zapier.invoke<unknown[]>(`triggers.${key}.operation.perform`, zapier.bundleFor(bundle, { isPopulatingDedupe: true }));
    const returned = step.output?.length ?? 0;
    return { step, reached: returned >= expected, note: `${returned} items seeded into dedupe; ${expected} could still fire later` };
  },
});
const NEWEST_PAGE = 250;

const CASES: Case[] = [
  turnOnCase('payment_paid', '20,000 payments in 30 days', (sb) => (sb.mollie.seed(20_000, { days: 30 }), paidSince(sb, 30))),
  turnOnCase('payment_failed', '20,000 payments in 30 days', (sb) => {
    sb.mollie.seed(20_000, { days: 30 });
    return [...sb.mollie.payments.values()].filter((payment) => payment.status === 'failed' && payment.createdAt.getTime() >= since(sb, 30)).length;
  }),
  turnOnCase('payment_refunded', '20,000 payments in 30 days (~800 refunds)', (sb) => (sb.mollie.seed(20_000, { days: 30 }), Math.min(NEWEST_PAGE, sb.mollie.refunds.size))),
  turnOnCase('chargeback_received', '20,000 payments in 30 days', (sb) => (sb.mollie.seed(20_000, { days: 30 }), Math.min(NEWEST_PAGE, sb.mollie.chargebacks.size))),
  turnOnCase('payment_link_paid', '10,000 links, 2,000 paid', (sb) => (seedLinks(sb, 10_000, 5), [...sb.mollie.paymentLinks.values()].filter((link) => link.paidAt).length)),
  // Unmatched Payment returns nothing when turned on (it records what was already paid as decided instead).
  turnOnCase('unmatched_payment', '20,000 payments in 30 days', (sb) => (sb.mollie.seed(20_000, { days: 30 }), 0)),
  {
    operation: 'payment_paid (poll)',
    scenario: '20,000 payments; 700 new since the last poll',
    run: async (sb) => {
      sb.mollie.seed(20_000, { days: 30 });
      const zapier = emulateZapier({ bundle: { authData: fixtures(sb).hubspot.authData } });
      const zap = await zapier.turnOn('payment_paid');
      sb.clock.advance(MINUTE);
      for (let n = 0; n < 700; n++) paidPayment(sb, { createdAt: new Date(sb.clock.now().getTime() + n * 1000) });
      sb.clock.advance(15 * MINUTE);
      const poll = await zap.poll();
      const news = poll.fired.length + poll.held.length;
      return { step: poll, reached: news >= 700, note: `${news} of 700 new paid payments found (${poll.held.length} held by flood protection)` };
    },
  },
  {
    operation: 'payment_paid (Test trigger)',
    scenario: '20,000 payments in 30 days',
    run: async (sb) => {
      sb.mollie.seed(20_000, { days: 30 });
      const step = await emulateZapier({ bundle: { authData: fixtures(sb).hubspot.authData } }).testTrigger('payment_paid');
      return { step, reached: step.shown.length > 0, note: `${step.output?.length ?? 0} returned, ${step.shown.length} shown` };
    },
  },
  {
    operation: 'payment_paid_instant (Test trigger)',
    scenario: '20,000 payments in 30 days, access token',
    run: async (sb) => {
      sb.mollie.seed(20_000, { days: 30 });
      const authData = { ...fixtures(sb).hubspot.authData, mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'test' };
      const step = await emulateZapier({ bundle: { authData } }).testTrigger('payment_paid_instant');
      return { step, reached: step.shown.length > 0, note: `${step.output?.length ?? 0} returned, ${step.shown.length} shown` };
    },
  },
  ...CRMS.map((crm): Case => ({
    operation: `unmatched_payment (poll) · ${crm}`,
    scenario: '200 paid in a burst; payers share e-mails with 60 accounts (20 e-mails × 3)',
    run: async (sb) => {
      const { fx, zapier } = crmZapier(sb, crm);
      sharedAccounts(fx, 60, 20);
      const zap = await zapier.turnOn('unmatched_payment');
      sb.clock.advance(MINUTE);
      for (let n = 0; n < 200; n++) paidPayment(sb, { billingAddress: { email: `office${n % 20}@shared.nl` } });
      sb.clock.advance(15 * MINUTE);
      const poll = await zap.poll();
      const first = poll.fired.length + poll.held.length;
      let announced = first;
      let polls = 1;
      while (announced < 200 && polls < 40) {
        sb.clock.advance(15 * MINUTE);
        const next = await zap.poll();
        announced += next.fired.length + next.held.length;
        polls += 1;
      }
      const carried = announced === 200 ? `the rest in later polls: all 200 after ${polls} polls` : undefined;
      return { step: poll, reached: first >= 200, carried, note: `${first} of 200 ambiguous payments announced in the first poll (${poll.held.length} held by flood protection); ${announced} after ${polls} polls` };
    },
  })),
  ...(['existing link is the oldest of 10,000', 'invoice has no link yet'] as const).map((scenario): Case => ({
    operation: 'find_payment_link + create_payment_link (find or create)',
    scenario: `10,000 links; ${scenario}`,
    run: async (sb) => {
      const invoice = scenario.startsWith('existing') ? 'INV-L00000' : 'INV-NEW-1';
      seedLinks(sb, 10_000);
      const before = sb.servers.mollie.requestLog.length;
      const linksBefore = sb.mollie.paymentLinks.size;
      const pair = await emulateZapier({ bundle: { authData: fixtures(sb).hubspot.authData } }).searchOrCreate('find_payment_link', {
        inputData: { invoice_number: invoice, amount: '10.00', currency: 'EUR' },
      });
      const step = pair.created ?? pair.search;
      const steps = { ...step, requests: pair.search.requests + (pair.created?.requests ?? 0), elapsedMs: pair.search.elapsedMs + (pair.created?.elapsedMs ?? 0) };
      const pages = requestsTo(sb, 'GET', '/v2/payment-links', before);
      const duplicated = scenario.startsWith('existing') && sb.mollie.paymentLinks.size > linksBefore;
      const reached = scenario.startsWith('existing') ? !duplicated : pages >= 40;
      return { step: steps, reached, note: `${pages} list pages read; ${duplicated ? 'made a SECOND link for the invoice' : pair.created ? 'created the link' : 'found the link'}` };
    },
  })),
  ...CRMS.flatMap((crm): Case[] => [
    sharedEmailSearch(crm, 'match_payment', 'payer e-mail on 500 accounts', (sb) => ({ payment_id: paidPayment(sb, { billingAddress: { email: 'office0@shared.nl' } }) })),
    sharedEmailSearch(crm, 'find_crm_account', 'e-mail on 500 accounts', () => ({ email: 'office0@shared.nl' })),
    {
      operation: `create_crm_payment_record · ${crm}`,
      scenario: 'no account given; payer e-mail on 60 accounts',
      run: async (sb) => {
        const { fx, zapier } = crmZapier(sb, crm);
        const [first] = sharedAccounts(fx, 60, 1);
        fx.seedInvoice(first, '2026-0001', '25.00');
        sb.clock.advance(MINUTE);
        const id = paidPayment(sb, { billingAddress: { email: 'office0@shared.nl' }, metadata: { invoiceNumber: '2026-0001' } });
        const step = await zapier.create('create_crm_payment_record', { inputData: { payment_id: id, invoice_number: '2026-0001' } });
        return { step, reached: step.status === 'success', note: step.status === 'success' ? `outcome ${String((step.output as Record<string, unknown>)?.outcome)}` : (step.message ?? '').slice(0, 90) };
      },
    },
    {
      operation: `find_crm_payment_record · ${crm}`,
      scenario: 'the record of a payment, in an account with 200 paid invoices',
      run: async (sb) => {
        const { fx, zapier } = crmZapier(sb, crm);
        const account = fx.seedAccount({ name: 'Busy B.V.', email: 'busy@busy.nl', customerId: 'BUSY-1' });
        for (let n = 1; n <= 200; n++) fx.seedInvoice(account, `2026-${String(n).padStart(4, '0')}`, '25.00');
        const id = paidPayment(sb, { metadata: { invoiceNumber: '2026-0200' } });
        await zapier.create('create_crm_payment_record', { inputData: { payment_id: id, account_id: account, invoice_number: '2026-0200' } });
        const step = await zapier.search('find_crm_payment_record', { inputData: { payment_id: id, account_id: account, invoice_number: '2026-0200' } });
        return { step, reached: !!step.first, note: step.first ? 'found the record' : (step.message ?? '').slice(0, 90) };
      },
    },
    {
      operation: `create_crm_account · ${crm}`,
      scenario: 'a new account',
      run: async (sb) => {
        const { zapier } = crmZapier(sb, crm);
        const step = await zapier.create('create_crm_account', { inputData: { name: 'New B.V.', email: 'new@new.nl', customer_id: 'NEW-1' } });
        return { step, reached: step.status === 'success', note: step.status === 'success' ? 'created' : (step.message ?? '').slice(0, 90) };
      },
    },
  ]),
];

const run = async (): Promise<Row[]> => {
  const rows: Row[] = [];
  for (const testCase of CASES) {
    const sb = await startSandbox({ seed: 31, clock: undefined });
    Object.assign(process.env, sb.env());
    try {
      const outcome = await testCase.run(sb);
      const seconds = outcome.step.elapsedMs / 1000;
      const verdict = outcome.step.status !== 'timeout' && outcome.step.elapsedMs <= RUN_BUDGET_MS ? 'PASS' : 'FAIL';
      const status = outcome.step.status === 'errored' ? `errored: ${(outcome.step.message ?? '').slice(0, 60)}` : outcome.step.status;
      rows.push({ operation: testCase.operation, scenario: testCase.scenario, requests: outcome.step.requests, seconds, verdict, status, honest: honesty(outcome), note: outcome.note });
    } finally {
      await sb.close();
    }
    const last = rows[rows.length - 1];
    console.log(`${last.verdict}  ${last.seconds.toFixed(2).padStart(6)} s  ${String(last.requests).padStart(4)} req  ${last.operation} — ${last.scenario} — ${last.status}; honest: ${last.honest}; ${last.note}`);
  }
  return rows;
};

const markdown = (rows: Row[]) => [
  '# Worst cases against the 25 s budget',
  '',
  `Every operation run the way Zapier runs it (test/helpers/zapier.ts) on the sandbox, ${VENDOR_LATENCY_MS} ms per vendor request in virtual time; ` +
    `PASS is at most ${RUN_BUDGET_MS / 1000} s modelled and not stopped by Zapier (${ZAPIER_RUN_LIMIT_MS / 1000} s). "Honest" asks whether an ` +
    'operation that did not reach everything said so (output or message). Regenerate: `npm run bench:deadline`.',
  '',
  '| Operation | Worst case | Requests | Modelled s | Verdict | Status | Honest about what it did not reach | Note |',
  '| --- | --- | ---: | ---: | --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.operation} | ${row.scenario} | ${row.requests} | ${row.seconds.toFixed(2)} | ${row.verdict} | ${row.status} | ${row.honest} | ${row.note.replace(/\|/g, '/')} |`),
  '',
  `${rows.filter((row) => row.verdict === 'PASS').length} of ${rows.length} pass; measured ${new Date().toISOString().slice(0, 10)}.`,
  '',
].join('\n');

run()
  .then((rows) => {
    const dir = path.resolve(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'deadline.md'), markdown(rows));
    writeFileSync(path.join(dir, 'deadline.json'), `${JSON.stringify(rows, null, 2)}\n`);
    console.log(`\n${rows.filter((row) => row.verdict === 'PASS').length} of ${rows.length} pass. Wrote bench/results/deadline.md and deadline.json.`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
