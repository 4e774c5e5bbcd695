/**
 * One deadline per Zapier invocation, shared by every request it makes.
 *
 * Zapier gives an invocation 30 s in all. `withDeadline` (wrapped around
 * every perform) opens a budget of RUN_BUDGET_MS; `timeLeftMs` is what is
 * left of it, so a request gets the time that remains instead of a fresh
 * timeout, and a loop over pages can stop in time and say what it did not
 * reach. Outside a run (plain unit tests) there is no deadline.
 *
 * The clock can be replaced (`useClock`) so tests and benchmarks model
 * vendor latency in virtual time instead of waiting for it. The app's own CPU
 * work still counts then: while a replaced clock stands still, the CPU time the
 * process spends (beyond CPU_SLACK_MS, the small change a few lines of code
 * cost) is added to it, so a loop that only computes (a parser, a split, a
 * match) runs out of time as it would on the wall clock, while a model that
 * moves its clock per request keeps its exact figures.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What an invocation may spend, leaving Zapier's 30 s some room. */
export const RUN_BUDGET_MS = 25_000;

type Clock = () => number;
let clock: Clock = Date.now;

/** Milliseconds of CPU (user and system) this process has used. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
/** CPU a replaced clock lets pass unnoticed while it stands still: what a few lines of code and a garbage collection cost. */
export const CPU_SLACK_MS = 250;
/** On a replaced clock: its last value, and the CPU time used when it took that value. Undefined on the wall clock, which counts CPU work by itself. */
let still: { value: number; cpuAt: number } | undefined;

/** Replaces the clock the deadline is measured on; no argument restores real time. */
export const useClock = (next?: Clock): void => {
  clock = next ?? Date.now;
  still = next ? { value: next(), cpuAt: cpuMs() } : undefined;
};

/** Now: the clock's time, plus (on a replaced clock standing still) the CPU time spent since it last moved, beyond CPU_SLACK_MS. */
export const nowMs = (): number => {
  const value = clock();
  if (!still) return value;
  const cpu = cpuMs();
  if (value !== still.value) still = { value, cpuAt: cpu };
  return value + Math.max(0, cpu - still.cpuAt - CPU_SLACK_MS);
};

interface Run {
  deadline: number;
}

const runs = new AsyncLocalStorage<Run>();

/** Runs `work` under one deadline; a nested call keeps the outer (earlier) deadline. */
export const withDeadline = <T>(work: () => Promise<T>, budgetMs: number = RUN_BUDGET_MS): Promise<T> => {
  const outer = runs.getStore();
  const deadline = Math.min(outer?.deadline ?? Infinity, nowMs() + budgetMs);
  return runs.run({ deadline }, work);
};

/** Milliseconds left in the current run (Infinity outside one). */
export const timeLeftMs = (): number => {
  const run = runs.getStore();
  return run ? run.deadline - nowMs() : Infinity;
};

/** True while at least `ms` of the run are left. */
export const hasTimeFor = (ms: number): boolean => timeLeftMs() >= ms;
