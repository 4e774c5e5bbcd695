/**
 * Matching throughput: the pure engine (matchPayment) on 10,000 generated CRM
 * accounts, in process. Realistic: each payment gets the accounts its keys
 * point to, as findCandidates would return them (looked up in an in-memory
 * index beforehand, not timed). Worst case: every payment gets all 10,000.
 * No requests: what a run costs in requests is in requests.ts.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { candidateQuery, canonicalInvoiceNumber, matchPayment, normalEmail, normalId, readPayment, type MatchAccount, type MatchCustomerInput, type MatchPaymentInput } from '../../matching';
import { Random } from '../../sandbox';

export interface MatchingFigures {
  accounts: number;
  /** Megabytes of heap the accounts take (after a full GC). */
  accountsHeapMb: number;
  realistic: { payments: number; perSecond: number; meanCandidates: number; maxCandidates: number; matched: number };
  worstCase: { payments: number; perSecond: number; sameDecisions: number };
  rounds: number;
  /** Reading one description of 1k, 10k and 100k characters of adversarial text (readPayment), ms. */
  reading: ReadingFigure[];
}

export interface ReadingFigure {
  text: string;
  /** Median milliseconds per readPayment, by description length in characters. */
  ms: Record<'1k' | '10k' | '100k', number>;
  /** ms(100k) / ms(10k): about 10 when the cost grows linearly with the length. */
  growth: number;
}

/** Adversarial descriptions: the shapes that cost most per character (lists, digits, signs, noise spans). */
const ADVERSARIAL: Record<string, string> = {
  '#1, #1, …': '#1, ',
  'Factuur 2026-0012 en …': 'Factuur 2026-0012 en ',
  '1 1 1 …': '1 ',
  '+1 +1 …': '+1 ',
  'NL91 NL91 …': 'NL91 ',
  'x@x@x@…': 'x@',
  'a.a.a.…': 'a.',
  'address, phone, OGM, …': 'Rechnung RE-2026-0024 Müller GmbH, Hauptstraße 12, 10115 Berlin, Tel. 030 1234567, +++090/9337/55493+++ ',
};

const medianMs = (run: () => unknown, rounds: number) => {
  run();
  const times = Array.from({ length: rounds }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
  return median(times);
};

/** How long reading one description takes, for 1k/10k/100k characters of each adversarial text (median of `rounds`). */
export const measureReading = (rounds = 5): ReadingFigure[] =>
  Object.entries(ADVERSARIAL).map(([text, unit]) => {
    const at = (length: number) => {
      const description = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      return medianMs(() => readPayment({ description, metadata: { note: description.slice(0, 1000) } }), rounds);
    };
    const ms = { '1k': at(1_000), '10k': at(10_000), '100k': at(100_000) };
    return { text, ms, growth: ms['100k'] / Math.max(ms['10k'], 0.001) };
  });

const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Dekker', 'Peters', 'Hendriks', 'Dijkstra'];
const TRADE = ['Bakkerij', 'Schildersbedrijf', 'Tandartspraktijk', 'Installatiebedrijf', 'Kapsalon', 'Fietsenmaker', 'Advocatenkantoor'];
const MAILBOXES = ['info', 'finance', 'boekhouding', 'administratie', 'facturen'];
const INVOICE_FORMATS = [(n: string) => `Invoice INV-${n}`, (n: string) => `Factuur ${n.replace('-', '/')}`, (n: string) => `Betaling factuurnummer: ${n}`, (n: string) => `inv ${n}`];

const money = (rng: Random) => ({ value: `${rng.int(10, 2500)}.${String(rng.int(0, 99)).padStart(2, '0')}`, currency: 'EUR' });

/** 10,000 accounts: customer IDs on most, one or two e-mails (some shared by an accounting office), open invoices on 40%. */
const makeAccounts = (rng: Random, count: number): MatchAccount[] => {
  let invoiceSeq = 1;
  return Array.from({ length: count }, (_, i) => {
    const name = `${rng.pick(TRADE)} ${rng.pick(LAST)}`;
    const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '')}${i}.nl`;
    const emails = [`${rng.pick(MAILBOXES)}@${domain}`];
    if (rng.chance(0.3)) emails.push(`${rng.pick(['jan', 'anna', 'noor', 'bram'])}@${domain}`);
    if (rng.chance(0.03)) emails.push(`klanten@boekhoudkantoor${rng.int(1, 60)}.nl`);
    const invoices = rng.chance(0.4)
      ? Array.from({ length: rng.int(1, 3) }, () => ({
          number: `2026-${String(invoiceSeq++).padStart(4, '0')}`,
          amount: money(rng),
          state: rng.chance(0.85) ? ('open' as const) : ('paid' as const),
        }))
      : undefined;
    return { id: String(1_000_000 + i), name, emails, customerIds: rng.chance(0.85) ? [`C-${10_000 + i}`] : [], ...(invoices ? { invoices } : {}) };
  });
};

type Case = { payment: MatchPaymentInput; customer?: MatchCustomerInput };

/**
 * Payments with a mix of keys: metadata customer ID (with the account's e-mail), invoice number with its amount,
 * e-mail alone (any of the account's, so now and then a shared one), +tagged e-mail, Mollie customer, unknown payer.
 */
const makePayments = (rng: Random, accounts: MatchAccount[], count: number): Case[] =>
  Array.from({ length: count }, (_, i) => {
    const account = rng.pick(accounts);
    const id = `tr_bench${i}`;
    const email = account.emails[0];
    const r = rng.next();
    const base = { id, amount: money(rng), description: `Order ${rng.int(10_000, 99_999)}` };
    if (r < 0.3 && account.customerIds[0]) return { payment: { ...base, metadata: { customerId: account.customerIds[0] }, billingAddress: { email } } };
    if (r < 0.55 && account.invoices) {
      const invoice = rng.pick(account.invoices);
      return { payment: { ...base, amount: invoice.amount, description: rng.pick(INVOICE_FORMATS)(invoice.number) } };
    }
    if (r < 0.75) {
      const written = rng.pick(account.emails);
      return { payment: { ...base, billingAddress: { email: rng.chance(0.3) ? ` ${written.toUpperCase()} ` : written } } };
    }
    if (r < 0.8) return { payment: { ...base, billingAddress: { email: email.replace('@', '+shop@') } } };
    if (r < 0.9) {
      const customer = { id: `cst_bench${i}`, email, metadata: account.customerIds[0] ? { customerId: account.customerIds[0] } : null };
      return { payment: { ...base, customerId: customer.id }, customer };
    }
    return { payment: { ...base, billingAddress: { email: `payer${i}@gmail.com` } } };
  });

/** What findCandidates returns: the accounts holding any of the query's e-mails, customer IDs or invoice numbers. */
const candidateIndex = (accounts: MatchAccount[]) => {
  const index = new Map<string, MatchAccount[]>();
  const add = (key: string | undefined, account: MatchAccount) => key && index.set(key, [...(index.get(key) ?? []), account]);
  for (const account of accounts) {
    account.emails.forEach((email) => add(`e:${normalEmail(email)}`, account));
    account.customerIds.forEach((id) => add(`c:${normalId(id)}`, account));
    account.invoices?.forEach((invoice) => add(`i:${canonicalInvoiceNumber(invoice.number)}`, account));
  }
  return ({ payment, customer }: Case): MatchAccount[] => {
    const query = candidateQuery(payment, customer);
    const keys = [...query.emails.map((e) => `e:${normalEmail(e)}`), ...query.customerIds.map((c) => `c:${normalId(c)}`), ...query.invoiceNumbers.map((n) => `i:${canonicalInvoiceNumber(n)}`)];
    return [...new Set(keys.flatMap((key) => index.get(key) ?? []))];
  };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Payments matched per second: one warm-up round, then the median of `rounds`. */
const throughput = (cases: Case[], candidates: (i: number) => MatchAccount[], rounds: number) => {
  const once = () => {
    const start = performance.now();
    cases.forEach((c, i) => matchPayment(c.payment, c.customer, candidates(i)));
    return cases.length / ((performance.now() - start) / 1000);
  };
  once();
  return median(Array.from({ length: rounds }, once));
};

const heapAfterGc = () => {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
};

export const measureMatching = (options: { accounts?: number; payments?: number; worstCasePayments?: number; rounds?: number } = {}): MatchingFigures => {
  const { accounts: count = 10_000, payments = 10_000, worstCasePayments = 60, rounds = 5 } = options;
  const rng = new Random(2026);
  const heapBefore = heapAfterGc();
  const accounts = makeAccounts(rng, count);
  const accountsHeapMb = (heapAfterGc() - heapBefore) / 2 ** 20;
  const cases = makePayments(rng, accounts, payments);
  const lookup = candidateIndex(accounts);
  const found = cases.map(lookup);
  const sizes = found.map((list) => list.length);
  const realistic = {
    payments,
    perSecond: throughput(cases, (i) => found[i], rounds),
    meanCandidates: sizes.reduce((a, b) => a + b, 0) / payments,
    maxCandidates: Math.max(...sizes),
    matched: cases.filter((c, i) => matchPayment(c.payment, c.customer, found[i]).accountId).length,
  };
  const worst = cases.slice(0, worstCasePayments);
  const sameDecisions = worst.filter((c, i) => matchPayment(c.payment, c.customer, accounts).accountId === matchPayment(c.payment, c.customer, found[i]).accountId).length;
  return {
    accounts: count,
    accountsHeapMb,
    realistic,
    worstCase: { payments: worst.length, perSecond: throughput(worst, () => accounts, rounds), sameDecisions },
    rounds,
    reading: measureReading(rounds),
  };
};

/** `npx tsx bench/perf/matching.ts`: the reading row alone (ms per description of 1k/10k/100k characters). */
if (require.main === module) {
  const fixed = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1).padStart(8);
  console.log(`${'adversarial description'.padEnd(26)}${'1k ms'.padStart(8)}${'10k ms'.padStart(8)}${'100k ms'.padStart(9)}  100k/10k`);
  for (const row of measureReading()) console.log(`${row.text.padEnd(26)}${fixed(row.ms['1k'])}${fixed(row.ms['10k'])} ${fixed(row.ms['100k'])}  ${row.growth.toFixed(1)}`);
}
