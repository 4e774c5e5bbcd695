import { spawn } from 'node:child_process';
import path from 'node:path';
import type { SettlementSoakResult } from '../bench/soak/settlements';

/**
 * Settlement import under faults (bench/soak/settlements.ts), scaled down for
 * CI: 3 payouts of 4 payments (plus refunds, chargebacks, fees, and refunds and
 * chargebacks of the payout before's payments), 10 % of the
 * requests to Mollie and Moneybird faulted (429s, 5xx, answers past the
 * timeout, drops, writes done before the answer was lost), runs retried while
 * throttled, some runs made twice at once, every payout replayed after it worked.
 * Bounded by work (runs × attempts), not by time. In its own process, as the
 * other soak: zapier-platform-core ends a process that grew past 450 MB.
 */
const root = path.resolve(__dirname, '..');

const soak = (): Promise<{ code: number | null; result: SettlementSoakResult }> =>
  new Promise((resolve, reject) => {
    const args = ['bench/soak/settlements.ts', '--settlements', '3', '--payments', '4', '--fault-rate', '0.1', '--seed', '5'];
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=320' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, result: JSON.parse(out) as SettlementSoakResult });
      } catch {
        reject(new Error(`the settlement soak ended with ${code} and printed no result`));
      }
    });
  });

describe('settlement import under faults', () => {
  it('leaves exactly one statement per payout, every line once, every matchable payment linked once, no invoice paid twice', async () => {
    const { code, result } = await soak();
    expect({ lost: result.lost, duplicated: result.duplicated, unlinked: result.unlinked, givenUp: result.givenUp, unexpected: result.unexpectedErrors, examples: result.examples }).toEqual({
      lost: 0,
      duplicated: 0,
      unlinked: 0,
      givenUp: 0,
      unexpected: {},
      examples: [],
    });
    expect(result.lines).toBeGreaterThan(25);
    // Refunds and chargebacks of an earlier payout's payments, paid out in a later payout, were among them.
    expect(result.laterCorrections).toBeGreaterThan(0);
    // The statement, a link and a payment registration were each done by Moneybird with the answer lost, and retried.
    expect(result.actedDrops).toBe(3);
    expect(result.retries).toBeGreaterThan(10);
    // Mollie is read once per payout (a paid-out settlement never changes), so it meets fewer faults than Moneybird.
    const kinds = (side: 'mollie' | 'crm') => Object.values(result.faults[side]).filter((count) => count > 0).length;
    expect({ mollie: kinds('mollie') >= 2, moneybird: kinds('crm') >= 6 }).toEqual({ mollie: true, moneybird: true });
    expect(code).toBe(0);
  }, 900_000);
});
