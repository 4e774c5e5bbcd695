/**
 * The fault soak: payments over virtual time through the whole flow (Payment
 * Paid trigger → matching → CRM record) while the Mollie and CRM fakes inject
 * faults, then a count of what the CRM holds for every payment. With
 * `accountCreates`, Create CRM Account runs as well, under the same faults
 * (a create the vendor carried out before the connection dropped included),
 * and each account must exist exactly once.
 *
 * It ends by work, not by the clock: the virtual days run out, every run
 * settles within its retries and replays, and `maxAttempts` caps the whole.
 * The app's deadline is measured on the fakes' virtual clock.
 */
import '../../sandbox/localHarness';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useClock } from '../../http/deadline';
import { DAY, HOUR, MINUTE, Random, startSandbox, type Sandbox } from '../../sandbox';
import type { Method } from '../../sandbox/mollie/types';
import { soakCrm, type CrmName, type SoakCrm } from './crm';
import { FaultInjector, type FaultKind, type Side } from './faults';
import { Zap, type ZapStats } from './zapier';

export interface SoakOptions {
  payments: number;
  /** Share of requests (Mollie and CRM) that get a fault. */
  faultRate: number;
  seed: number;
  crm: CrmName;
  /** Days over which the payments are created (bank transfers are paid up to 3 days later). */
  days: number;
  pollMinutes: number;
  /** Runs executing at the same moment, at most. */
  concurrency: number;
  /** Share of runs Zapier executes twice at the same moment. */
  doubleRate: number;
  throttleRetries: number;
  replays: number;
  /** The app's per-request timeout in the soak (REQUEST_TIMEOUT_MS), and how late a slow answer comes. */
  requestTimeoutMs: number;
  slowMs: [number, number];
  retryAfterSeconds: number;
  /** Create CRM Account runs to add (0: none), each a new customer, under the same faults. */
  accountCreates: number;
  onProgress?: (line: string) => void;
}

export const DEFAULTS: Omit<SoakOptions, 'onProgress'> = {
  payments: 1000,
  faultRate: 0.2,
  seed: 1,
  crm: 'hubspot',
  days: 2,
  pollMinutes: 15,
  concurrency: 8,
  doubleRate: 0.1,
  throttleRetries: 10,
  replays: 5,
  requestTimeoutMs: 300,
  slowMs: [400, 600],
  retryAfterSeconds: 1,
  accountCreates: 0,
};

export interface SoakResult {
  options: Omit<SoakOptions, 'onProgress'>;
  payments: number;
  paid: number;
  /** Paid payments whose account is in the CRM (the rest must be recorded without one). */
  matchable: number;
  recordsCreated: number;
  lost: number;
  duplicated: number;
  /** Records whose amount, status or account differ from the payment's. */
  wrong: number;
  /** Records for payments that were never paid. */
  unexpected: number;
  /** Create CRM Account runs, and the accounts they should have made that are missing or there twice. */
  accounts: { created: number; missing: number; duplicated: number };
  /** Requests that reached another origin through a redirect (must be 0: no credential leaves). */
  foreignRequests: number;
  zap: ZapStats;
  faults: Record<Side, Record<FaultKind, number>>;
  faultsTotal: number;
  requests: Record<Side, number>;
  virtualDays: number;
  realSeconds: number;
  examples: string[];
}

interface Planned {
  id: string;
  amount: string;
  paid: boolean;
  accountId?: string;
}

const METHODS: Method[] = ['ideal', 'ideal', 'creditcard', 'paypal', 'banktransfer'];

const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** Accounts in the CRM, and payments over `days` from `start`: 80 % by a known customer, the rest by unknown ones. */
const workload = (sandbox: Sandbox, crm: SoakCrm, options: SoakOptions, rng: Random, start: number): Planned[] => {
  const customers = Array.from({ length: Math.max(10, Math.round(options.payments / 4)) }, (_, index) => {
    const customerId = `C-${10000 + index}`;
    const email = `billing${index}@customer${index}.example`;
    return { customerId, email, accountId: crm.seedAccount({ name: `Customer ${index} B.V.`, customerId, email }) };
  });
  const planned: Planned[] = [];
  for (let index = 0; index < options.payments; index++) {
    const created = start + Math.floor(rng.next() * options.days * DAY);
    const known = rng.chance(0.8) ? rng.pick(customers) : undefined;
    const stranger = { customerId: `X-${index}`, email: `someone${index}@elsewhere.example` };
    const invoice = `INV-2026-${String(index + 1).padStart(5, '0')}`;
    const amount = money(rng.int(500, 250_000));
    // The account the record must name. Moneybird books on the invoice: a stranger's invoice belongs to an account the payment names only by number.
    const account = known?.accountId ?? (crm.name === 'moneybird' ? rng.pick(customers).accountId : undefined);
    if (account) crm.seedInvoice(account, invoice, amount);
    const method = rng.pick(METHODS);
    const paid = rng.chance(method === 'banktransfer' ? 0.8 : 0.85);
    const after = method === 'banktransfer' ? HOUR * rng.int(12, 72) : MINUTE * rng.int(1, 12);
    const status = paid ? 'paid' : rng.pick(['failed', 'canceled', 'expired'] as const);
    const entry: Planned = { id: '', amount, paid, accountId: account };
    planned.push(entry);
    sandbox.mollie.schedule(new Date(created), () => {
      const payment = sandbox.mollie.createPayment({
        createdAt: new Date(created),
        amount: { currency: 'EUR', value: amount },
        description: `Invoice ${invoice}`,
        method,
        metadata: { customerId: (known ?? stranger).customerId, invoiceNumber: invoice },
        billingAddress: { email: (known ?? stranger).email },
      });
      entry.id = payment.id;
      sandbox.mollie.schedulePaymentStatus(payment.id, status, new Date(created + after));
    });
  }
  return planned;
};

/** Another origin on loopback that counts what reaches it: a redirect must never bring a request here. */
const startCollector = async () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** Attempts the whole soak may make: far more than retries and replays need, so only a runaway reaches it. */
const maxAttempts = (options: SoakOptions) => (options.payments + options.accountCreates) * 2 * (options.throttleRetries + 1) * (options.replays + 1);

export const runSoak = async (input: Partial<SoakOptions> = {}): Promise<SoakResult> => {
  const options: SoakOptions = { ...DEFAULTS, ...input };
  const started = Date.now();
  const sandbox = await startSandbox({ seed: options.seed });
  const collector = await startCollector();
  const previousEnv = { ...process.env };
  Object.assign(process.env, sandbox.env(), { REQUEST_TIMEOUT_MS: String(options.requestTimeoutMs) });
  useClock(() => sandbox.clock.now().getTime());
  try {
    const rng = new Random(options.seed * 7919);
    const faults = new FaultInjector({
      rate: options.faultRate,
      seed: options.seed * 104_729,
      slowMs: options.slowMs,
      retryAfterSeconds: options.retryAfterSeconds,
      now: () => sandbox.clock.now().getTime(),
      foreignOrigin: collector.origin,
    });
    faults.attach(sandbox.servers.mollie, 'mollie', 'mollie');
    faults.attach(sandbox.servers[options.crm], 'crm', options.crm);
    const crm = soakCrm(sandbox, options.crm);
    const t0 = sandbox.clock.now().getTime();
    const planned = workload(sandbox, crm, options, rng, t0 + MINUTE);
    const zap = new Zap({ ...options, authData: crm.authData, maxAttempts: maxAttempts(options) }, new Random(options.seed * 31));
    const accounts = plannedAccounts(options, rng, t0);

    faults.enabled = true;
    // Turning the Zap on: Zapier tries the first poll (which fills the seen-set) until it works.
    for (let tries = 0; !(await zap.poll(t0, true)); tries++) if (tries > 50) throw new Error('the first poll never succeeded');
    const step = options.pollMinutes * MINUTE;
    const end = t0 + (options.days + 4) * DAY;
    let nextPoll = t0 + step;
    let lastReport = t0;
    let now = t0;
    while (nextPoll <= end || !zap.idle) {
      now = Math.min(nextPoll, zap.nextDue);
      sandbox.clock.set(new Date(now));
      if (now === nextPoll) {
        await zap.poll(now);
        for (const account of accounts.filter((planned) => planned.at > now - step && planned.at <= now)) {
          zap.start('account', account.customerId, { name: account.name, email: account.email, customer_id: account.customerId }, now);
        }
        nextPoll += step;
      }
      await zap.runDue(now);
      // The fakes keep every request: keep memory flat (zapier-platform-core stops a process past 450 MB).
      for (const server of Object.values(sandbox.servers)) server.requestLog.length = 0;
      sandbox.hubspot.received.length = 0;
      sandbox.moneybird.received.length = 0;
      if (now - lastReport >= 12 * HOUR) {
        lastReport = now;
        options.onProgress?.(
          `  day ${((now - t0) / DAY).toFixed(1)}: ${zap.stats.runs} runs, ${zap.stats.retries} retries, ${faults.total} faults, ${((Date.now() - started) / 1000).toFixed(0)} s`,
        );
      }
    }
    faults.enabled = false;
    const { onProgress: _progress, ...plain } = options;
    return {
      options: plain,
      ...verify(planned, crm),
      accounts: verifyAccounts(accounts, crm),
      foreignRequests: collector.hits(),
      zap: zap.stats,
      faults: faults.counts,
      faultsTotal: faults.total,
      requests: faults.requests,
      virtualDays: (now - t0) / DAY,
      realSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    process.env = previousEnv;
    useClock();
    await collector.close();
    await sandbox.close();
  }
};

interface PlannedAccount {
  at: number;
  name: string;
  email: string;
  customerId: string;
}

/** New customers over the soak's days, each created once by a Create CRM Account run. */
const plannedAccounts = (options: SoakOptions, rng: Random, start: number): PlannedAccount[] =>
  Array.from({ length: options.accountCreates }, (_, index) => ({
    at: start + Math.floor(rng.next() * options.days * DAY),
    name: `New Customer ${index} B.V.`,
    email: `finance${index}@new-customer${index}.example`,
    customerId: `N-${20000 + index}`,
  }));

const verifyAccounts = (accounts: PlannedAccount[], crm: SoakCrm) => {
  const counts = accounts.map((account) => crm.accountsNamed(account.name));
  return { created: accounts.length, missing: counts.filter((count) => count === 0).length, duplicated: counts.filter((count) => count > 1).length };
};

type Tree = { [key: string]: number | Tree };
const addInto = (into: Tree, from: Tree): Tree => {
  for (const [key, value] of Object.entries(from)) {
    if (typeof value === 'number') into[key] = ((into[key] as number | undefined) ?? 0) + value;
    else into[key] = addInto((into[key] as Tree | undefined) ?? {}, value);
  }
  return into;
};

/** The soak of several workers (each its own sandbox, Zap and share of the payments) as one result. */
export const mergeResults = (parts: SoakResult[], options: Omit<SoakOptions, 'onProgress'>, realSeconds: number): SoakResult => {
  const counted = ({ options: _o, examples: _e, virtualDays: _v, realSeconds: _r, ...numbers }: SoakResult) => numbers as unknown as Tree;
  const sum = parts.reduce((total, part) => addInto(total, counted(part)), {} as Tree) as unknown as Omit<SoakResult, 'options' | 'examples' | 'virtualDays' | 'realSeconds'>;
  const zap = { ...sum.zap, slowestAttemptMs: Math.max(...parts.map((part) => part.zap.slowestAttemptMs)) };
  return { ...sum, zap, options, examples: parts.flatMap((part) => part.examples), virtualDays: Math.max(...parts.map((part) => part.virtualDays)), realSeconds };
};

/** Lost: a paid payment without a record. Duplicated: a payment with more than one. Wrong: amount, status or account differ. */
const verify = (planned: Planned[], crm: SoakCrm) => {
  const examples: string[] = [];
  const note = (line: string) => void (examples.length < 12 && examples.push(line));
  let lost = 0;
  let duplicated = 0;
  let wrong = 0;
  let recordsCreated = 0;
  const paid = planned.filter((p) => p.paid);
  for (const payment of paid) {
    const records = crm.records(payment.id);
    recordsCreated += records.length;
    if (records.length === 0) {
      lost++;
      note(`lost: ${payment.id}`);
    } else if (records.length > 1) {
      duplicated++;
      note(`duplicated: ${payment.id} has ${records.length} records`);
    }
    for (const record of records) {
      if (record.amount !== payment.amount || record.status !== 'paid' || record.accountId !== payment.accountId) {
        wrong++;
        note(`wrong: ${payment.id} ${JSON.stringify(record)}, expected ${payment.amount} paid account ${payment.accountId ?? '(none)'}`);
      }
    }
  }
  const paidIds = new Set(paid.map((p) => p.id));
  const unexpected = crm.recordedIds().filter((id) => id && !paidIds.has(id)).length;
  if (unexpected) note(`unexpected: ${unexpected} records for payments that were not paid`);
  return {
    payments: planned.length,
    paid: paid.length,
    matchable: paid.filter((p) => p.accountId).length,
    recordsCreated,
    lost,
    duplicated,
    wrong,
    unexpected,
    examples,
  };
};
