import { runSettlementSoak } from '../bench/soak/settlements';

/**
 * Settlement import under faults (bench/soak/settlements.ts), scaled down for
 * CI: 3 payouts of 4 payments (plus refunds, chargebacks, fees), 10 % of the
 * requests to Mollie and Moneybird faulted (429s, 5xx, answers past the
 * timeout, drops, writes done before the answer was lost), runs retried while
 * throttled, some runs made twice at once, every payout replayed after it worked.
 * Bounded by work (runs × attempts), not by time.
 */
describe('settlement import under faults', () => {
  it('leaves exactly one statement per payout, every line once, every matchable payment linked once, no invoice paid twice', async () => {
    const result = await runSettlementSoak({ settlements: 3, paymentsPerSettlement: 4, faultRate: 0.1, seed: 5 });
    expect({ lost: result.lost, duplicated: result.duplicated, unlinked: result.unlinked, givenUp: result.givenUp, unexpected: result.unexpectedErrors }).toEqual({
      lost: 0,
      duplicated: 0,
      unlinked: 0,
      givenUp: 0,
      unexpected: {},
    });
    expect(result.lines).toBeGreaterThan(25);
    // The statement, a link and a payment registration were each done by Moneybird with the answer lost, and retried.
    expect(result.actedDrops).toBe(3);
    expect(result.retries).toBeGreaterThan(10);
    for (const side of ['mollie', 'crm'] as const) expect(Object.values(result.faults[side]).filter((count) => count > 0).length).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
