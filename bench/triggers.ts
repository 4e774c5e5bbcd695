/**
 * `npm run bench:triggers`: the polling triggers side by side. In this
 * process, four pollers (the page map, today's sweep, the naive newest page,
 * a full re-scan) on three workloads, driven through their ChangeSource in
 * virtual time (bench/pollerTable.ts, seconds); in a second process at the
 * same time, the app's real triggers end to end through createAppTester and
 * the sandbox (bench/simulation.ts). Prints the tables and writes
 * bench/results/triggers.md and triggers.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runWorkload, type TableOptions, type WorkloadResult } from './pollerTable';
import { markdownReport } from './report';
import type { SimulationOptions, SimulationResult } from './simulation';
import { WORKLOADS } from './workloads';

const TABLE: TableOptions = { pollMinutes: 15, drainHours: 24, msPerRequest: 250, seed: 42 };
/** Short enough to run beside the table in under two minutes; long enough for bank transfers paid days later. */
const END_TO_END: SimulationOptions = { historyDays: 14, days: 2, paymentsPerDay: 300, pollMinutes: 15, drainHours: 12, seed: 42, msPerRequest: 250 };

const root = path.resolve(__dirname, '..');

const endToEnd = (): Promise<SimulationResult> => {
  const out = path.join(tmpdir(), `bench-triggers-${process.pid}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['bench/triggersWorker.ts', JSON.stringify(END_TO_END), out], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      // zapier-platform-core exits when RSS passes 450 MB; the sandbox shares the process, so keep the heap small.
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=320`.trim() },
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`end-to-end worker exited with ${code}`));
      const result = JSON.parse(readFileSync(out, 'utf8')) as SimulationResult;
      rmSync(out, { force: true });
      resolve(result);
    });
  });
};

const main = async () => {
  const started = Date.now();
  console.log(`Trigger benchmark: ${WORKLOADS.length} workloads × 4 pollers in virtual time, and the triggers end to end in a second process…`);
  const e2e = endToEnd();
  const workloads: WorkloadResult[] = [];
  for (const workload of WORKLOADS) {
    workloads.push(await runWorkload(workload, TABLE));
    console.log(`  ${workload.label}: done (${workloads.at(-1)!.realSeconds.toFixed(0)} s)`);
  }
  const cpuSeconds = process.cpuUsage().user / 1e6;
  const e2eResult = await e2e;
  const realSeconds = (Date.now() - started) / 1000;
  const report = `# Trigger benchmark\n\n${markdownReport(workloads, e2eResult, { ...TABLE, realSeconds, cpuSeconds })}\n`;
  const main700 = workloads[0];
  const json = {
    generatedAt: new Date().toISOString(),
    table: TABLE,
    workloads,
    endToEnd: e2eResult,
    // The 700-a-day workload in the shape `npm run bench` (bench/all.ts) reads.
    options: { days: main700.days, historyDays: main700.historyDays, paymentsPerDay: 700, pollMinutes: TABLE.pollMinutes, msPerRequest: TABLE.msPerRequest },
    payments: main700.payments,
    paymentsInPeriod: main700.paymentsInPeriod,
    results: main700.results,
    realSeconds,
    cpuSeconds,
  };
  const dir = path.join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'triggers.md'), report);
  writeFileSync(path.join(dir, 'triggers.json'), `${JSON.stringify(json, null, 2)}\n`);
  console.log(report);
  console.log('Written to bench/results/triggers.md and bench/results/triggers.json.');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
