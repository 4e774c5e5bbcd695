/**
 * `npm run soak`: the fault soak (see bench/soak/run.ts). Prints its figures
 * and writes bench/results/soak.md and soak.json; with --json it prints the
 * result as JSON only and writes nothing (the CI test runs it so). Exits 1
 * when a payment was lost, duplicated or recorded wrongly.
 *
 * With --workers N (default 2, one per core) the payments are shared among N
 * processes, each with its own sandbox and Zap (seed × 100 + worker), and the
 * figures added up.
 *
 *   npm run soak -- [--payments 1000] [--fault-rate 0.2] [--seed 1] [--crm hubspot|moneybird|pipedrive]
 *                   [--concurrency 8] [--double-rate 0.1] [--days 2] [--workers 2] [--account-creates 0]
 *                   [--poll-minutes 15] [--json]
 *
 * --account-creates N adds N Create CRM Account runs under the same faults (a create the
 * vendor carried out before the connection dropped included); each account must exist once.
 */
import '../sandbox/localHarness';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CRMS, type CrmName } from './soak/crm';
import { markdown, textTable } from './soak/report';
import { DEFAULTS, mergeResults, runSoak, type SoakOptions, type SoakResult } from './soak/run';

const { values } = parseArgs({
  options: {
    payments: { type: 'string' },
    'fault-rate': { type: 'string' },
    seed: { type: 'string' },
    crm: { type: 'string' },
    concurrency: { type: 'string' },
    'double-rate': { type: 'string' },
    days: { type: 'string' },
    workers: { type: 'string' },
    'account-creates': { type: 'string' },
    'poll-minutes': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const number = (raw: string | undefined, name: string, fallback: number, check: (value: number) => boolean): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new Error(`--${name}: "${raw}" is out of range`);
  return value;
};

const crm = (values.crm ?? DEFAULTS.crm) as CrmName;
if (!CRMS.includes(crm)) throw new Error(`--crm: use one of ${CRMS.join(', ')}`);

const options: Partial<SoakOptions> = {
  payments: number(values.payments, 'payments', DEFAULTS.payments, (v) => Number.isInteger(v) && v > 0 && v <= 20_000),
  faultRate: number(values['fault-rate'], 'fault-rate', DEFAULTS.faultRate, (v) => v >= 0 && v < 1),
  seed: number(values.seed, 'seed', DEFAULTS.seed, Number.isInteger),
  concurrency: number(values.concurrency, 'concurrency', DEFAULTS.concurrency, (v) => Number.isInteger(v) && v > 0 && v <= 64),
  doubleRate: number(values['double-rate'], 'double-rate', DEFAULTS.doubleRate, (v) => v >= 0 && v <= 1),
  days: number(values.days, 'days', DEFAULTS.days, (v) => v > 0 && v <= 30),
  pollMinutes: number(values['poll-minutes'], 'poll-minutes', DEFAULTS.pollMinutes, (v) => Number.isInteger(v) && v >= 1 && v <= 240),
  accountCreates: number(values['account-creates'], 'account-creates', DEFAULTS.accountCreates, (v) => Number.isInteger(v) && v >= 0 && v <= 5_000),
  crm,
};
const workers = number(values.workers, 'workers', 2, (v) => Number.isInteger(v) && v > 0 && v <= 8);

const root = path.resolve(__dirname, '..');

/** One worker: this script again, on its share of the payments, in its own process (as bench/triggers.ts does). */
const runWorker = (index: number, payments: number): Promise<SoakResult> =>
  new Promise((resolve, reject) => {
    const args = ['bench/soak.ts', '--json', '--workers', '1', '--payments', String(payments), '--seed', String(options.seed! * 100 + index)];
    for (const key of ['fault-rate', 'crm', 'concurrency', 'double-rate', 'days', 'poll-minutes'] as const) if (values[key] !== undefined) args.push(`--${key}`, String(values[key]));
    const accounts = options.accountCreates!;
    if (accounts) args.push('--account-creates', String(Math.floor(accounts / workers) + (index - 1 < accounts % workers ? 1 : 0)));
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      // zapier-platform-core exits when RSS passes 450 MB: keep each worker's heap small.
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=320`.trim() },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) return reject(new Error(`soak worker ${index} exited with ${code}`));
      resolve(JSON.parse(out) as SoakResult);
    });
  });

const soak = async (log: (line: string) => void): Promise<SoakResult> => {
  if (workers === 1) return runSoak({ ...options, onProgress: log });
  const started = Date.now();
  const shares = Array.from({ length: workers }, (_, index) => Math.floor(options.payments! / workers) + (index < options.payments! % workers ? 1 : 0));
  log(`  ${workers} workers, ${shares.join(' + ')} payments`);
  const parts = await Promise.all(shares.map((payments, index) => runWorker(index + 1, payments)));
  return mergeResults(parts, { ...DEFAULTS, ...options }, (Date.now() - started) / 1000);
};

const main = async () => {
  const log = values.json ? () => undefined : (line: string) => console.log(line);
  log(`Fault soak: ${options.payments} payments, ${Math.round(options.faultRate! * 100)} % faults, ${crm}, seed ${options.seed}…`);
  const result = await soak(log);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.log(`\n${textTable(result)}`);
    const dir = path.resolve(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'soak.md'), markdown(result));
    writeFileSync(path.join(dir, 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nWritten: bench/results/soak.md, bench/results/soak.json`);
  }
  if (result.lost || result.duplicated || result.wrong || result.unexpected || result.accounts.missing || result.accounts.duplicated || result.foreignRequests) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
