/**
 * `npm run bench:triggers`: 30 simulated days on the sandbox (virtual clock, no
 * real waiting), our polling triggers against the naive poller, side by side.
 * The workload is deterministic, so two processes each run a share of the Zaps
 * on the same seed (two cores); the results are merged. Prints the table and
 * writes bench/results/triggers.md and triggers.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { markdownReport } from './report';
import type { SimulationOptions, SimulationResult, TriggerName } from './simulation';
import { TRIGGERS } from './simulation';

const OPTIONS: SimulationOptions = { historyDays: 20, days: 30, paymentsPerDay: 700, pollMinutes: 15, drainHours: 24, seed: 42, msPerRequest: 50 };

const SHARES: Array<Array<{ trigger: TriggerName; poller: 'ours' | 'naive' }>> = [
  [
    { trigger: 'payment_paid', poller: 'ours' },
    { trigger: 'payment_refunded', poller: 'ours' },
    { trigger: 'chargeback_received', poller: 'ours' },
  ],
  [{ trigger: 'payment_failed', poller: 'ours' }, ...TRIGGERS.map((trigger) => ({ trigger, poller: 'naive' as const }))],
];

const root = path.resolve(__dirname, '..');

const runShare = (zaps: SimulationOptions['zaps'], index: number): Promise<SimulationResult> => {
  const out = path.join(tmpdir(), `bench-triggers-${process.pid}-${index}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['bench/triggersWorker.ts', JSON.stringify({ ...OPTIONS, zaps }), out], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      // zapier-platform-core exits when RSS passes 450 MB; the sandbox shares the process, so keep the heap small.
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=320`.trim() },
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`benchmark worker ${index} exited with ${code}`));
      const result = JSON.parse(readFileSync(out, 'utf8')) as SimulationResult;
      rmSync(out, { force: true });
      resolve(result);
    });
  });
};

const main = async () => {
  const started = Date.now();
  console.log(`Simulating ${OPTIONS.days} days at ${OPTIONS.paymentsPerDay} payments/day in ${SHARES.length} processes…`);
  const shares = await Promise.all(SHARES.map(runShare));
  const order = (r: SimulationResult['results'][number]) => TRIGGERS.indexOf(r.trigger) * 2 + (r.poller === 'ours' ? 0 : 1);
  const merged: SimulationResult = {
    ...shares[0],
    results: shares.flatMap((share) => share.results).sort((a, b) => order(a) - order(b)),
    realSeconds: (Date.now() - started) / 1000,
  };
  const report = `# Trigger benchmark\n\n${markdownReport(merged)}\n`;
  const dir = path.join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'triggers.md'), report);
  writeFileSync(path.join(dir, 'triggers.json'), `${JSON.stringify(merged, null, 2)}\n`);
  console.log(report);
  console.log('Written to bench/results/triggers.md and bench/results/triggers.json.');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
