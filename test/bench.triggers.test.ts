import { simulate, TRIGGERS } from '../bench/simulation';

/** The benchmark's simulation, scaled down: correctness only (timing is the benchmark's job). */
describe('trigger simulation (2 days, ~1,000 payments, polled every 15 minutes)', () => {
  it('delivers every status change, refund and chargeback exactly once, and nothing from before the Zap was on', async () => {
    const result = await simulate({
      historyDays: 4,
      days: 2,
      paymentsPerDay: 500,
      drainHours: 16,
      seed: 7,
      zaps: TRIGGERS.map((trigger) => ({ trigger, poller: 'ours' as const })),
    });
    expect(result.paymentsInPeriod).toBeGreaterThan(900);
    for (const r of result.results) {
      expect({ trigger: r.trigger, delivered: r.delivered, duplicates: r.duplicates, spurious: r.spurious }).toEqual({
        trigger: r.trigger,
        delivered: r.happened,
        duplicates: 0,
        spurious: 0,
      });
      expect(r.requestsPerPoll.median).toBeLessThanOrEqual(2);
    }
    expect(result.results.find((r) => r.trigger === 'payment_paid')!.happened).toBeGreaterThan(500);
  }, 180_000);
});
