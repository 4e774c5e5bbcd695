import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SimulationOptions, SimulationResult } from '../bench/simulation';
import { TRIGGERS } from '../bench/simulation';
import { LIGHT_REQUESTS } from '../triggerEngine/pageMap';

/**
 * The benchmark's simulation, scaled down: correctness only (timing is the benchmark's job). It runs in its
 * own process, as the benchmark does: zapier-platform-core exits a process whose memory passes 450 MB after
 * 250 runs, and a jest worker holding the sandbox and the suite gets there.
 */
describe('trigger simulation (2 days, ~1,000 payments, polled every 15 minutes)', () => {
  it('delivers every payment paid (also days later), refund and chargeback exactly once, and nothing from before the Zap was on', () => {
    const root = path.resolve(__dirname, '..');
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-'));
    const options: SimulationOptions = {
      historyDays: 3,
      days: 2,
      paymentsPerDay: 500,
      drainHours: 12,
      seed: 7,
      // payment_failed runs the same page-map poller as payment_paid (test/polling.test.ts and the benchmark cover both).
      triggers: TRIGGERS.filter((trigger) => trigger !== 'payment_failed'),
    };
    try {
      execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['bench/triggersWorker.ts', JSON.stringify(options), path.join(dir, 'out.json')], {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=320' },
      });
      const result = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')) as SimulationResult;
      expect(result.paymentsInPeriod).toBeGreaterThan(900);
      for (const r of result.results) {
        expect({ trigger: r.trigger, delivered: r.delivered, duplicates: r.duplicates, spurious: r.spurious }).toEqual({
          trigger: r.trigger,
          delivered: r.happened,
          duplicates: 0,
          spurious: 0,
        });
        expect(r.requestsPerPoll.median).toBeLessThanOrEqual(LIGHT_REQUESTS);
      }
      expect(result.results.find((r) => r.trigger === 'payment_paid')!.happened).toBeGreaterThan(500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Bounded by its work (a fixed simulated period), not by the clock: the timeout is only a safety net for a hang.
  }, 900_000);
});
