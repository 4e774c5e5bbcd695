/** Figures of the trigger benchmark (`npm run bench:triggers`) and of bench.json (`npm run bench`). */
import { markdownReport } from '../report';
import type { PollerName, TriggerName } from '../triggerStats';
import { block, hours, inline, n, seconds, type Figure } from './figure';
import { mdTable, pollerResult, type Results } from './results';

const TRIGGERS = 'bench/results/triggers.json';
const BENCH = 'bench/results/bench.json';
const SHOP = 'Payment Paid, shop of 700 payments a day, the page map';

const shop = (r: Results, poller: PollerName = 'ours', trigger: TriggerName = 'payment_paid') =>
  pollerResult(r, 'shop700', trigger, poller);
const ours = (r: Results) => shop(r);

export const TRIGGER_FIGURES: Figure[] = [
  block(
    'triggers.table',
    TRIGGERS,
    'The whole trigger benchmark: four pollers on three workloads, and the app’s triggers end to end.',
    (r) =>
      markdownReport(r.triggers.workloads, r.triggers.endToEnd, {
        ...r.triggers.table,
        realSeconds: r.triggers.realSeconds,
        cpuSeconds: r.triggers.cpuSeconds,
      }),
  ),
  inline(
    'polling.late.p99',
    TRIGGERS,
    `99th percentile of the delay from a late status change (an hour or more after the payment was created) to the poll that fires it; ${SHOP}.`,
    (r) => hours(ours(r).lateDelayHours.p99),
  ),
  inline('polling.late.max', TRIGGERS, `The longest such delay; ${SHOP}.`, (r) =>
    hours(ours(r).lateDelayHours.max),
  ),
  inline('polling.late.median', TRIGGERS, `Median delay of a late status change; ${SHOP}.`, (r) =>
    hours(ours(r).lateDelayHours.median),
  ),
  inline(
    'polling.all.p99',
    TRIGGERS,
    `99th percentile of the delay of every status change, late or not; ${SHOP}.`,
    (r) => hours(ours(r).delayHours.p99),
  ),
  inline(
    'polling.rescan.late.p99',
    TRIGGERS,
    'The late-change p99 of a full re-scan of the window every poll: the floor, one poll interval.',
    (r) => hours(shop(r, 'rescan').lateDelayHours.p99),
  ),
  inline(
    'polling.sweep.all.p99',
    TRIGGERS,
    'The all-changes p99 of the sweep poller the app used before the page map, same workload.',
    (r) => hours(shop(r, 'sweep').delayHours.p99),
  ),
  inline(
    'polling.delivered',
    TRIGGERS,
    `Changes fired / changes that happened while the Zap was on; ${SHOP}.`,
    (r) => `${n(ours(r).delivered)} / ${n(ours(r).happened)}`,
  ),
  inline(
    'polling.naive.delivered',
    TRIGGERS,
    'Share of paid payments fired by a poller that reads only the newest page, same workload.',
    (r) => `${((100 * shop(r, 'naive').delivered) / shop(r, 'naive').happened).toFixed(1)}%`,
  ),
  inline(
    'polling.requests.median',
    TRIGGERS,
    `Median requests per poll, the first poll aside; ${SHOP}.`,
    (r) => n(ours(r).requestsPerPoll.median),
  ),
  inline(
    'polling.requests.max',
    TRIGGERS,
    `Most requests in one poll, the first aside, and their modelled time at 250 ms each; ${SHOP}.`,
    (r) => `${ours(r).requestsPerPoll.max} requests (${seconds(ours(r).modelledMsPerPoll.max / 1000)})`,
  ),
  inline('polling.requests.mean', TRIGGERS, `Mean requests per poll, the first aside; ${SHOP}.`, (r) =>
    n(ours(r).requestsPerPoll.mean, 1),
  ),
  inline(
    'polling.requests.vsRescan',
    TRIGGERS,
    'Mean requests per poll of the page map divided by those of a full re-scan, same workload.',
    (r) => `${(ours(r).requestsPerPoll.mean / shop(r, 'rescan').requestsPerPoll.mean).toFixed(2)}×`,
  ),
  inline(
    'polling.firstPoll',
    TRIGGERS,
    `Requests and modelled time of the poll that turns the Zap on (it maps the 30-day window); ${SHOP}.`,
    (r) => `${ours(r).firstPoll.requests} requests (${seconds(ours(r).firstPoll.modelledSeconds)})`,
  ),
  inline(
    'polling.small.requests',
    TRIGGERS,
    'Median / most requests per poll for a small shop (20 payments a day), Payment Paid.',
    (r) => {
      const small = pollerResult(r, 'small', 'payment_paid', 'ours');
      return `${small.requestsPerPoll.median} / ${small.requestsPerPoll.max}`;
    },
  ),
  inline(
    'polling.club.requests.mean',
    TRIGGERS,
    'Mean requests per poll for a club collecting 2,000 SEPA debits once a month, Payment Paid.',
    (r) => n(pollerResult(r, 'club', 'payment_paid', 'ours').requestsPerPoll.mean, 1),
  ),
  inline('polling.generatedAt', TRIGGERS, 'When the trigger benchmark was last run.', (r) =>
    r.triggers.generatedAt.slice(0, 10),
  ),

  // bench.json copies triggers.json as it was when `npm run bench` ran: docs/benchmarks.md explains the stale copy.
  inline(
    'bench.staleTriggers.p99',
    BENCH,
    'The all-changes p99 bench.json copied from triggers.json when it was written: the sweep poller of that day.',
    (r) =>
      hours(
        r.bench.triggers.results.find((item) => item.poller === 'ours' && item.trigger === 'payment_paid')!
          .delayHours.p99,
      ),
  ),
  inline('bench.generatedAt', BENCH, 'When `npm run bench` last wrote bench.json and bench.md.', (r) =>
    r.bench.generatedAt.slice(0, 10),
  ),
  inline(
    'bench.staleTriggers.written',
    BENCH,
    'Which triggers.json bench.json read.',
    (r) => r.bench.triggers.written,
  ),
  block(
    'bench.table',
    'bench/results/bench.md',
    'Matching throughput, requests per operation against their minimum, zip size and cold start; the trigger rows of bench.md are left out (docs/benchmarks.md says why).',
    (r) => {
      const table = mdTable(r.benchMd, 'Figure');
      const minimum = r.benchMd.split('\n').find((line) => line.startsWith('Minimum:')) ?? '';
      const rows = table.lines.slice(2).filter((line) => !line.startsWith('| Trigger '));
      return [...table.lines.slice(0, 2), ...rows, '', minimum].join('\n');
    },
  ),
];
