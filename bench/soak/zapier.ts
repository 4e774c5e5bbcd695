/**
 * How Zapier runs one Zap (payment_paid → create_crm_payment_record), as the
 * soak models it:
 *  - it polls the trigger every `pollMinutes`; the first poll only fills the
 *    seen-set (isPopulatingDedupe); a poll that fails is just tried again at
 *    the next one; an item id not seen before starts one run;
 *  - a run that throws ThrottledError is run again after the error's delay
 *    (up to `throttleRetries` times, then it counts as failed);
 *  - a failed run is replayed by autoreplay on its schedule, up to `replays`
 *    times, and is then given up;
 *  - with probability `doubleRate` a run is executed twice at the same moment
 *    (Zapier delivers at least once), each copy retried on its own.
 * Time is virtual: retries are due at virtual times, and all that is due at
 * one time runs together, `concurrency` at a time. The work is bounded by
 * counts: retries and replays per run, and `maxAttempts` in all.
 * The steps run as Zapier calls them: the app definition's performs (under
 * the run's deadline and error guard), not the bare functions.
 */
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { MINUTE, type Random } from '../../sandbox';

type Perform = (z: unknown, bundle: Bundle) => Promise<unknown>;
const paymentPaid = (App.triggers.payment_paid.operation as { perform: unknown }).perform as Perform;
const STEPS = {
  record: App.creates.create_crm_payment_record.operation.perform as unknown as Perform,
  account: App.creates.create_crm_account.operation.perform as unknown as Perform,
};
export type Step = keyof typeof STEPS;

export interface ZapOptions {
  authData: Record<string, string>;
  pollMinutes: number;
  concurrency: number;
  doubleRate: number;
  throttleRetries: number;
  replays: number;
  /** Attempts in all, at most: past it the soak stops with an error instead of running on. */
  maxAttempts: number;
}

/** Zapier's autoreplay schedule, in virtual time. */
export const AUTOREPLAY_MINUTES = [5, 30, 60, 180, 360];

export interface ZapStats {
  polls: number;
  pollsFailed: number;
  triggered: number;
  runs: number;
  concurrentDoubles: number;
  attempts: number;
  /** Real milliseconds of the slowest attempt: every request has a timeout, so no attempt hangs. */
  slowestAttemptMs: number;
  /** Attempts that threw ThrottledError and were run again after the delay. */
  retries: number;
  /** Failed runs that autoreplay ran again. */
  replays: number;
  /** Runs that ended without success after all retries and replays. */
  givenUp: number;
  outcomes: Record<string, number>;
  errors: Record<string, number>;
}

interface Run {
  step: Step;
  /** Copies of one run share a key, and run at the same moment. */
  key: string;
  inputData: Record<string, string>;
  throttled: number;
  replayed: number;
}

interface Due {
  at: number;
  run: Run;
}

const errorKind = (error: unknown): { name: string; delaySeconds?: number; message: string } => {
  const name = (error as Error)?.name ?? 'Error';
  const text = (error as Error)?.message ?? String(error);
  try {
    const parsed = JSON.parse(text) as { delay?: number; message?: string };
    return { name, delaySeconds: parsed.delay, message: parsed.message ?? text };
  } catch {
    return { name, message: text };
  }
};

export class Zap {
  readonly stats: ZapStats = {
    polls: 0,
    pollsFailed: 0,
    triggered: 0,
    runs: 0,
    concurrentDoubles: 0,
    attempts: 0,
    slowestAttemptMs: 0,
    retries: 0,
    replays: 0,
    givenUp: 0,
    outcomes: {},
    errors: {},
  };
  /** One tester per Zap: its in-memory z.cache holds the trigger's state and the adapters' locks. */
  private readonly tester = createAppTester(App);
  private readonly seen = new Set<string>();
  private queue: Due[] = [];

  constructor(
    private readonly options: ZapOptions,
    private readonly random: Random,
  ) {}

  /** The next virtual time a run is due, or Infinity. */
  get nextDue(): number {
    return this.queue.reduce((min, due) => Math.min(min, due.at), Infinity);
  }

  get idle(): boolean {
    return this.queue.length === 0;
  }

  /** One poll; returns whether it succeeded. New items start runs, due now. */
  async poll(now: number, first = false): Promise<boolean> {
    this.stats.polls++;
    let items: Array<{ id: string }>;
    try {
      const bundle = { authData: this.options.authData, inputData: {}, meta: { isPopulatingDedupe: first } } as Partial<Bundle>;
      items = (await this.tester(paymentPaid as never, bundle)) as Array<{ id: string }>;
    } catch (error) {
      this.stats.pollsFailed++;
      this.count(this.stats.errors, `poll: ${errorKind(error).name}`);
      return false;
    }
    for (const item of items) {
      if (this.seen.has(item.id)) continue;
      this.seen.add(item.id);
      if (first) continue;
      this.stats.triggered++;
      const paymentId = item.id.split(':')[0];
      // Mapped from the trigger's Invoice number, as a Zap maps it (Moneybird requires it).
      const invoiceNumber = (item as { invoice_number?: string | null }).invoice_number;
      this.start('record', paymentId, { payment_id: paymentId, ...(invoiceNumber ? { invoice_number: invoiceNumber } : {}) }, now);
    }
    return true;
  }

  /** Starts a run of a step, due now; Zapier executes some runs twice at the same moment. */
  start(step: Step, key: string, inputData: Record<string, string>, now: number): void {
    const copies = this.random.chance(this.options.doubleRate) ? 2 : 1;
    if (copies === 2) this.stats.concurrentDoubles++;
    for (let copy = 0; copy < copies; copy++) {
      this.stats.runs++;
      this.queue.push({ at: now, run: { step, key: `${step}:${key}`, inputData, throttled: 0, replayed: 0 } });
    }
  }

  /** Runs everything due at or before `now`; copies of one payment due together run at the same moment. */
  async runDue(now: number): Promise<void> {
    const due = this.queue.filter((entry) => entry.at <= now);
    this.queue = this.queue.filter((entry) => entry.at > now);
    const groups = new Map<string, Run[]>();
    for (const { run } of due) groups.set(run.key, [...(groups.get(run.key) ?? []), run]);
    const units = [...groups.values()];
    let next = 0;
    const worker = async () => {
      while (next < units.length) {
        const unit = units[next++];
        await Promise.all(unit.map((run) => this.attempt(run, now)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, units.length) }, worker));
  }

  private async attempt(run: Run, now: number): Promise<void> {
    if (++this.stats.attempts > this.options.maxAttempts) throw new Error(`the soak made more than ${this.options.maxAttempts} attempts without settling`);
    const started = Date.now();
    try {
      const bundle = { authData: this.options.authData, inputData: run.inputData } as Partial<Bundle>;
      const out = (await this.tester(STEPS[run.step] as never, bundle)) as { outcome?: string };
      this.count(this.stats.outcomes, `${run.step}: ${out.outcome ?? 'created'}`);
    } catch (error) {
      const kind = errorKind(error);
      this.count(this.stats.errors, `${kind.name}: ${kind.message.replace(/\d+/g, 'N').slice(0, 100)}`);
      if (kind.name === 'ThrottledError' && run.throttled < this.options.throttleRetries) {
        run.throttled++;
        this.stats.retries++;
        // Due after the delay, on the next whole virtual minute: what falls due together runs together.
        this.queue.push({ at: Math.ceil((now + Math.max(1, kind.delaySeconds ?? 60) * 1000) / MINUTE) * MINUTE, run });
      } else if (run.replayed < this.options.replays) {
        this.stats.replays++;
        this.queue.push({ at: now + AUTOREPLAY_MINUTES[Math.min(run.replayed, AUTOREPLAY_MINUTES.length - 1)] * MINUTE, run });
        run.replayed++;
        run.throttled = 0;
      } else {
        this.stats.givenUp++;
      }
    } finally {
      this.stats.slowestAttemptMs = Math.max(this.stats.slowestAttemptMs, Date.now() - started);
    }
  }

  private count(into: Record<string, number>, key: string): void {
    into[key] = (into[key] ?? 0) + 1;
  }
}
