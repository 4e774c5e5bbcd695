import { spawn } from 'node:child_process';
import path from 'node:path';
import type { CrmName } from '../bench/soak/crm';
import type { SoakResult } from '../bench/soak/run';

/**
 * The fault soak (`npm run soak`), scaled down for CI: 150 payments per CRM,
 * 20 % of requests to Mollie and the CRM faulted, the three CRMs side by side
 * (about 75 s on 2 cores). Each runs in its own process: zapier-platform-core
 * exits a process past 450 MB after 250 runs, and a soak makes about a thousand.
 */
const root = path.resolve(__dirname, '..');

const soak = (crm: CrmName): Promise<{ code: number | null; result: SoakResult }> =>
  new Promise((resolve, reject) => {
    const args = ['bench/soak.ts', '--payments', '150', '--fault-rate', '0.2', '--seed', '7', '--crm', crm, '--workers', '1', '--json'];
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 115_000,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=320' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, result: JSON.parse(out) as SoakResult });
      } catch {
        reject(new Error(`the ${crm} soak ended with ${code} and printed no result`));
      }
    });
  });

describe('fault soak, short (150 payments per CRM, 20 % faults)', () => {
  it('loses and duplicates nothing in any CRM, while faults hit both sides and runs were retried', async () => {
    const crms: CrmName[] = ['hubspot', 'moneybird', 'pipedrive'];
    const runs = await Promise.all(crms.map(soak));
    runs.forEach(({ code, result }, index) => {
      const crm = crms[index];
      expect({ crm, lost: result.lost, duplicated: result.duplicated, wrong: result.wrong, unexpected: result.unexpected, examples: result.examples }).toEqual({
        crm,
        lost: 0,
        duplicated: 0,
        wrong: 0,
        unexpected: 0,
        examples: [],
      });
      expect(result.paid).toBeGreaterThan(100);
      // Every paid payment fired the trigger once (failed polls included) and has its record.
      expect(result.zap.triggered).toBe(result.paid);
      expect(result.recordsCreated).toBe(result.paid);
      expect(result.faultsTotal / (result.requests.mollie + result.requests.crm)).toBeGreaterThan(0.15);
      for (const side of ['mollie', 'crm'] as const) expect(Object.values(result.faults[side]).filter((count) => count > 0).length).toBeGreaterThanOrEqual(5);
      expect(result.zap.retries).toBeGreaterThan(50);
      expect(result.zap.concurrentDoubles).toBeGreaterThan(0);
      expect(code).toBe(0);
    });
    const acted = runs.reduce((sum, { result }) => sum + result.faults.crm['slow, vendor acted'] + result.faults.crm['drop, vendor acted'], 0);
    expect(acted).toBeGreaterThan(5);
  }, 120_000);
});
