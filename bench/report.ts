/** The trigger benchmark's tables (bench/results/triggers.md, quoted in the README). */
import type { WorkloadResult } from './pollerTable';
import type { SimulationResult } from './simulation';
import type { PollerName, PollerResult, Stats } from './triggerStats';

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
const num = (value: number, digits = 0) => value.toFixed(digits);
const triple = (s: Stats, digits = 0) => `${num(s.median, digits)} / ${num(s.p99, digits)} / ${num(s.max, digits)}`;
const ratio = (value: number, floor: number) => (floor === 0 ? '–' : `${(value / floor).toFixed(2)}×`);

export const LABEL: Record<PollerName, string> = {
  ours: '**new: page map**',
  sweep: 'today’s sweep',
  naive: 'naive newest page',
  rescan: 'full re-scan',
};

const row = (r: PollerResult, workload: string, rescan: PollerResult | undefined) =>
  `| ${workload} | ${r.trigger} | ${LABEL[r.poller]} | ${r.delivered} / ${r.happened} (${pct(r.delivered, r.happened)}) | ${r.duplicates} | ${r.spurious} | ` +
  `${triple(r.requestsPerPoll)} (mean ${num(r.requestsPerPoll.mean, 1)}) | ${num(r.modelledMsPerPoll.p99 / 1000, 2)} / ${num(r.modelledMsPerPoll.max / 1000, 2)} | ` +
  `${r.firstPoll.requests} (${num(r.firstPoll.modelledSeconds, 2)} s) | ${triple(r.lateDelayHours, 2)} | ${triple(r.delayHours, 2)} | ` +
  `${rescan && r.poller === 'ours' ? `${ratio(r.requestsPerPoll.mean, rescan.requestsPerPoll.mean)} / ${ratio(r.lateDelayHours.p99, rescan.lateDelayHours.p99)}` : ''} |`;

/** The side-by-side table of every workload, and the end-to-end check. */
export const markdownReport = (
  workloads: WorkloadResult[],
  endToEnd: SimulationResult,
  meta: { pollMinutes: number; msPerRequest: number; realSeconds: number; cpuSeconds: number },
) => {
  const lines = [
    `Pollers driven through their ChangeSource over an in-memory Mollie payments list (newest first, \`from\` + \`limit\` 250), polled every ` +
      `${meta.pollMinutes} minutes in virtual time, ${meta.msPerRequest} ms modelled per request (the run's deadline and each poll's budget ` +
      `are measured on that clock). Zapier's dedupe is one seen-set per Zap; the first poll (turning the Zap on) only fills it. Events are ` +
      `counted when they happen while the Zaps are on; polling goes on 24 h longer. *Late* changes are those an hour or more after the payment ` +
      `was created (bank transfers, direct debits). Requests and seconds per poll are over every poll after the first, which has its own column.`,
    '',
    ...workloads.map((w) => `- **${w.label}**: ${w.describe}; ${w.historyDays} days of history before the Zaps go on, then ${w.days} days (${w.payments.toLocaleString('en')} payments in all).`),
    '',
    '| Workload | Trigger | Poller | Delivered / happened | Duplicates | Old fired | Requests per poll (median / p99 / max) | Modelled s per poll (p99 / max) | First poll | Late-change delay, h (median / p99 / max) | All delays, h (median / p99 / max) | New vs full re-scan (requests / p99 late delay) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...workloads.flatMap((w) =>
      w.results.map((r) => row(r, w.label, w.results.find((other) => other.trigger === r.trigger && other.poller === 'rescan'))),
    ),
    '',
    `End to end (createAppTester, real HTTP to the loopback sandbox, the app's own triggers and z.cache; ${endToEnd.options.days} days at ` +
      `${endToEnd.options.paymentsPerDay} payments a day after ${endToEnd.options.historyDays} days of history, ${endToEnd.paymentsInPeriod.toLocaleString('en')} ` +
      `payments in the period, ${endToEnd.options.msPerRequest} ms per request):`,
    '',
    '| Trigger | Delivered / happened | Duplicates | Old fired | Requests per poll (median / p99 / max) | First poll | Late-change delay, h (median / p99 / max) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...endToEnd.results.map(
      (r) =>
        `| ${r.trigger} | ${r.delivered} / ${r.happened} (${pct(r.delivered, r.happened)}) | ${r.duplicates} | ${r.spurious} | ${triple(r.requestsPerPoll)} | ` +
        `${r.firstPoll.requests} (${num(r.firstPoll.modelledSeconds, 2)} s) | ${r.lateChanges ? triple(r.lateDelayHours, 2) : '–'} |`,
    ),
    '',
    `Real time: ${num(meta.realSeconds)} s (\`npm run bench:triggers\`); CPU: ${num(meta.cpuSeconds)} s for the table, ${num(endToEnd.cpuSeconds ?? 0)} s ` +
      `end to end, in two processes side by side (the real time is the longer of the two on an idle two-core machine, more when it is shared).`,
  ];
  return lines.join('\n');
};
