/**
 * `npm run bench` (after `npm run build:zip`): the performance figures in one
 * table. The trigger workload is read from bench/results/triggers.json (the
 * last `npm run bench:triggers`, ~6 min); `-- --with-triggers` re-runs it
 * first. Prints the table, writes bench/results/bench.md and bench.json, and
 * rewrites the figures README.md and docs/ quote from bench/results (bench/docs.ts).
 */
import '../sandbox/localHarness';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeDocFigures } from './docs';
import { measureLoad, type LoadFigures } from './perf/load';
import { measureMatching, type MatchingFigures } from './perf/matching';
import { DOCUMENTED, MINIMUM_RULE, measureRequests, rowKey, type RequestCount } from './perf/requests';
import type { PollerResult, SimulationResult, TriggerName } from './simulation';

const root = path.resolve(__dirname, '..');
const RESULTS = path.join(root, 'bench/results');
const TRIGGERS_FILE = path.join(RESULTS, 'triggers.json');

/** The commit date of an unchanged committed file, else its modification date. */
const writtenOn = (file: string) => {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  const committed = git('status', '--porcelain', '--', file) === '' ? git('log', '-1', '--format=committed %cs in %h', '--', file) : '';
  return committed || `written ${statSync(file).mtime.toISOString().slice(0, 10)}, not committed`;
};

type Row = [figure: string, value: string, target: string, note: string];

const n = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '–');
const SHORT: Record<TriggerName, string> = { payment_paid: 'paid', payment_failed: 'failed', payment_refunded: 'refunded', chargeback_received: 'chargebacks' };

const triggerRows = (sim: SimulationResult, written: string): Row[] => {
  const of = (poller: PollerResult['poller']) => sim.results.filter((r) => r.poller === poller);
  const each = (poller: PollerResult['poller'], show: (r: PollerResult) => string) => of(poller).map((r) => `${SHORT[r.trigger]} ${show(r)}`).join(' · ');
  const ours = of('ours');
  const { options } = sim;
  return [
    [
      'Trigger workload',
      `${n(sim.paymentsInPeriod)} payments in ${options.days} simulated days (${options.paymentsPerDay}/day, ${n(sim.payments)} with history), polled every ${options.pollMinutes} min`,
      '–',
      `From bench/results/triggers.json (\`npm run bench:triggers\`, ${n(sim.realSeconds)} s), ${written}; \`npm run bench -- --with-triggers\` re-runs it.`,
    ],
    [
      'Trigger events delivered',
      each('ours', (r) => `${n(r.delivered)}/${n(r.happened)}`),
      '100%, no duplicates',
      `Duplicates ${ours.reduce((s, r) => s + r.duplicates, 0)}, old or unknown fired ${ours.reduce((s, r) => s + r.spurious, 0)}. Naive newest-250 poller: ${each('naive', (r) => pct(r.delivered, r.happened))}.`,
    ],
    [
      'Trigger requests per poll (median / max)',
      each('ours', (r) => `${r.requestsPerPoll.median} / ${r.requestsPerPoll.max}`),
      'median ≤ 2',
      'The max is the Zap\'s first poll, which reads the 30-day window once to fill Zapier\'s dedupe.',
    ],
    [
      'Trigger delay, hours (median / p99)',
      each('ours', (r) => `${r.delayHours.median.toFixed(2)} / ${r.delayHours.p99.toFixed(2)}`),
      'one poll (0.25 h) for new items',
      'Changes to older payments (bank transfers, direct debits) are found by the sweep within one pass.',
    ],
  ];
};

const matchingRows = (m: MatchingFigures): Row[] => [
  [
    `Matching throughput, realistic (${n(m.accounts)} accounts)`,
    `${n(m.realistic.perSecond)} payments/s`,
    '–',
    `matchPayment in process, median of ${m.rounds} rounds after a warm-up; each of ${n(m.realistic.payments)} payments (mixed keys) gets the accounts its keys point to, ` +
      `as findCandidates returns them (mean ${m.realistic.meanCandidates.toFixed(2)}, max ${m.realistic.maxCandidates}; ${n(m.realistic.matched)} matched). The CRM search itself is not timed: see the request rows.`,
  ],
  [
    'Matching throughput, worst case',
    `${n(m.worstCase.perSecond)} payments/s (${n(1000 / m.worstCase.perSecond, 1)} ms each)`,
    '–',
    `All ${n(m.accounts)} accounts as candidates (${m.worstCase.payments} payments): the engine normalises every account's e-mails and invoice numbers per call. ` +
      `Same decision as the realistic case for ${m.worstCase.sameDecisions}/${m.worstCase.payments}.`,
  ],
  [
    'Reading one description, ms (1k / 10k / 100k characters)',
    m.reading.map((row) => `${row.text}: ${row.ms['1k'].toFixed(2)} / ${row.ms['10k'].toFixed(2)} / ${row.ms['100k'].toFixed(2)}`).join(' · '),
    '10k under 50 ms, growing linearly',
    `readPayment on adversarial text (bench/perf/matching.ts), median of ${m.rounds}; 100k/10k growth ${m.reading.map((row) => row.growth.toFixed(1)).join(', ')} (about 10 is linear).`,
  ],
  [`Heap for ${n(m.accounts)} accounts`, `${m.accountsHeapMb.toFixed(1)} MB`, '–', 'heapUsed after a full GC, before and after generating them.'],
];

const requestRows = (counts: RequestCount[]): Row[] =>
  counts.map((row) => {
    const documented = DOCUMENTED[rowKey(row)];
    const drift = documented && documented.count !== row.count ? `NOW ${row.count}, documented ${documented.count}. ` : '';
    return [`Requests: ${row.operation} (${row.crm})`, String(row.count), documented ? `min ${documented.minimum}` : '?', `${drift}${documented?.note ?? row.calls.join(', ')}`];
  });

const loadRows = (load: LoadFigures): Row[] => [
  ['Zip size (build/build.zip)', `${n(load.zipBytes / 1024)} KiB`, '< 50 MB (AWS Lambda zip upload)', `${n(load.zipBytes)} bytes, built ${load.zipBuiltAt.slice(0, 16).replace('T', ' ')} UTC by \`npm run build:zip\`.`],
  [
    'Cold require, built app',
    `${n(load.zip.totalMs)} ms`,
    'well inside the 30 s a step may take',
    `\`require(<unzipped build>/index.js)\` in a fresh Node 22 process, median of ${load.runs}; the app's own modules ${n(load.zip.appMs, 1)} ms, the rest is zapier-platform-core.`,
  ],
  ['Cold require, source tree', `${n(load.source.totalMs)} ms`, '–', `\`require('./lib/index.js')\` with the dev node_modules; own modules ${n(load.source.appMs, 1)} ms.`],
];

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const markdownTable = (rows: Row[]) =>
  ['| Figure | Value | Target / minimum | Note |', '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');

const main = async () => {
  const started = Date.now();
  if (process.argv.includes('--with-triggers')) {
    const rerun = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['bench/triggers.ts'], { cwd: root, stdio: 'inherit' });
    if (rerun.status !== 0) throw new Error('npm run bench:triggers failed');
  }
  const sim = JSON.parse(readFileSync(TRIGGERS_FILE, 'utf8')) as SimulationResult;
  const triggersWritten = writtenOn(TRIGGERS_FILE);
  console.log('Counting requests per operation on the sandbox…');
  const requests = await measureRequests();
  console.log('Matching 10,000 accounts…');
  const matching = measureMatching();
  console.log('Timing cold requires…');
  const load = measureLoad();
  const seconds = (Date.now() - started) / 1000;

  const table = markdownTable([...triggerRows(sim, triggersWritten), ...matchingRows(matching), ...requestRows(requests), ...loadRows(load)]);
  const footer = `${MINIMUM_RULE}\n\nRegenerate with \`npm run bench\` (builds the zip, then measures: about 30 s; \`npm run bench -- --with-triggers\` also re-runs the ~6 min trigger simulation).`;
  const section = `## Performance figures\n\n${table}\n\n${footer}`;
  writeFileSync(path.join(RESULTS, 'bench.md'), `${section.replace(/^## /, '# ')}\n\nReal time: ${n(seconds)} s.\n`);
  writeFileSync(
    path.join(RESULTS, 'bench.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), realSeconds: seconds, triggers: { file: 'bench/results/triggers.json', written: triggersWritten, results: sim.results }, matching, requests, load }, null, 2)}\n`,
  );
  const documents = writeDocFigures().map((file) => path.relative(root, file));
  console.log(`\n${table}\n\n${footer}\n\nWritten to bench/results/bench.md and bench/results/bench.json; figures rewritten in ${documents.join(', ') || 'no document'}. Real time: ${n(seconds)} s.`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
