/**
 * The benchmark results files (bench/results/*), read as data for the figures the README and docs/ quote
 * (bench/figures/). Only reads: each file is written by its own benchmark.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkloadResult, TableOptions } from '../pollerTable';
import type { PollerName, PollerResult, TriggerName } from '../triggerStats';
import type { SimulationResult } from '../simulation';

export { mdTable } from './markdown';

export const RESULTS_DIR = path.resolve(__dirname, '..', 'results');

export interface TriggersFile {
  generatedAt: string;
  table: TableOptions;
  workloads: WorkloadResult[];
  endToEnd: SimulationResult;
  realSeconds: number;
  cpuSeconds: number;
}

/** bench/results/bench.json (`npm run bench`); its `triggers` part is a copy of triggers.json as it was then. */
export interface BenchFile {
  generatedAt: string;
  triggers: { file: string; written: string; results: PollerResult[] };
}

export interface DeadlineRow {
  operation: string;
  scenario: string;
  requests: number;
  seconds: number;
  verdict: string;
  status: string;
  honest: string;
  note: string;
}

export interface SoakFile {
  payments: number;
  paid: number;
  recordsCreated: number;
  lost: number;
  duplicated: number;
  wrong: number;
  foreignRequests: number;
  zap: {
    runs: number;
    retries: number;
    replays: number;
    givenUp: number;
    concurrentDoubles: number;
    polls: number;
    pollsFailed: number;
  };
  faultsTotal: number;
  requests: { mollie: number; crm: number };
  options: {
    payments: number;
    faultRate: number;
    seed: number;
    crm: string;
    days: number;
    pollMinutes: number;
  };
  virtualDays: number;
  realSeconds: number;
}

/** bench/results/matching.json (bench/matchingEval.ts). */
export interface MatchingFile {
  file: string;
  cases: number;
  precision: number;
  recall: number;
  falseMatches: number;
  notNamed: string[];
  baseline: { precision: number; recall: number; falseMatches: number };
  /** Every labelled set (the one above first), scored in full and per kind. */
  sets: MatchingSet[];
}

export interface MatchingScore {
  cases: number;
  precision: number;
  recall: number;
  falseMatches: number;
}

/** One labelled case set: its score, how many payers with an account it left unnamed, and its score per kind. */
export interface MatchingSet extends MatchingScore {
  file: string;
  notNamed: number;
  byKind: Array<MatchingScore & { kind: string }>;
}

export interface Results {
  triggers: TriggersFile;
  bench: BenchFile;
  benchMd: string;
  deadline: DeadlineRow[];
  deadlineMd: string;
  soak: SoakFile;
  unmatchedMd: string;
  matching: MatchingFile;
}

export const readResults = (dir = RESULTS_DIR): Results => {
  const text = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  const json = <T>(name: string) => JSON.parse(text(name)) as T;
  return {
    triggers: json<TriggersFile>('triggers.json'),
    bench: json<BenchFile>('bench.json'),
    benchMd: text('bench.md'),
    deadline: json<DeadlineRow[]>('deadline.json'),
    deadlineMd: text('deadline.md'),
    soak: json<SoakFile>('soak.json'),
    unmatchedMd: text('unmatched.md'),
    matching: json<MatchingFile>('matching.json'),
  };
};

/** One poller's result in one workload of the trigger table. */
export const pollerResult = (
  results: Results,
  workload: string,
  trigger: TriggerName,
  poller: PollerName,
): PollerResult => {
  const found = results.triggers.workloads
    .find((item) => item.workload === workload)
    ?.results.find((item) => item.trigger === trigger && item.poller === poller);
  if (!found) throw new Error(`triggers.json has no ${workload} / ${trigger} / ${poller}`);
  return found;
};

export const deadlineRow = (results: Results, operation: string, scenario?: string): DeadlineRow => {
  const found = results.deadline.find(
    (row) => row.operation === operation && (scenario === undefined || row.scenario === scenario),
  );
  if (!found) throw new Error(`deadline.json has no ${operation}${scenario ? ` / ${scenario}` : ''}`);
  return found;
};
