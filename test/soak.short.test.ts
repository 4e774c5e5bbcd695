import { spawn } from 'node:child_process';
import path from 'node:path';
import type { CrmName } from '../bench/soak/crm';
import type { SoakResult } from '../bench/soak/run';

/**
 * The fault soak (`npm run soak`), scaled down for CI: 50 payments per CRM over one virtual day,
 * polled hourly (Zapier polls every 1-15 minutes; the interval changes nothing the soak checks),
 * 20 % of requests to Mollie and the CRM faulted (nonsense answers and redirects, within the
 * vendor's origin and to another one, among the faults), the three CRMs side by side. Each runs
 * in its own process: zapier-platform-core exits a process past 450 MB after 250 runs.
 *
 * The soak ends by its work, not by a clock: its virtual days run out, each run settles within
 * its retries and replays, and a cap on attempts stops a runaway with an error. Nothing here
 * kills it after a number of seconds, so a busy machine makes it slower, never red. (Jest's own
 * timeout below is only the net every test has, set far beyond what the work takes.)
 *
 * Each also runs Create CRM Account for 8 new customers under the same faults (a create the vendor
 * carried out before the connection dropped included): each account must exist exactly once.
 */
const root = path.resolve(__dirname, '..');
const PAYMENTS = 50;
const ACCOUNTS = 8;

const soak = (crm: CrmName): Promise<{ code: number | null; result: SoakResult }> =>
  new Promise((resolve, reject) => {
    const args = ['bench/soak.ts', '--payments', String(PAYMENTS), '--days', '1', '--poll-minutes', '60', '--fault-rate', '0.2', '--seed', '7', '--crm', crm, '--workers', '1', '--account-creates', String(ACCOUNTS), '--json'];
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
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

describe(`fault soak, short (${PAYMENTS} payments per CRM, 20 % faults)`, () => {
  it('loses and duplicates nothing in any CRM (payment records and new accounts), sends nothing to another origin, while faults hit both sides and runs were retried', async () => {
    const crms: CrmName[] = ['hubspot', 'moneybird', 'pipedrive'];
    const runs = await Promise.all(crms.map(soak));
    runs.forEach(({ code, result }, index) => {
      const crm = crms[index];
      expect({ crm, lost: result.lost, duplicated: result.duplicated, wrong: result.wrong, unexpected: result.unexpected, foreign: result.foreignRequests, examples: result.examples }).toEqual({
        crm,
        lost: 0,
        duplicated: 0,
        wrong: 0,
        unexpected: 0,
        foreign: 0,
        examples: [],
      });
      expect({ crm, accounts: result.accounts }).toEqual({ crm, accounts: { created: ACCOUNTS, missing: 0, duplicated: 0 } });
      expect(result.paid).toBeGreaterThan(PAYMENTS / 2);
      // Every paid payment fired the trigger once (failed polls included) and has its record.
      expect(result.zap.triggered).toBe(result.paid);
      expect(result.recordsCreated).toBe(result.paid);
      expect(result.zap.givenUp).toBe(0);
      expect(result.faultsTotal / (result.requests.mollie + result.requests.crm)).toBeGreaterThan(0.15);
      for (const side of ['mollie', 'crm'] as const) expect(Object.values(result.faults[side]).filter((count) => count > 0).length).toBeGreaterThanOrEqual(6);
      expect(result.zap.retries).toBeGreaterThan(20);
      expect(code).toBe(0);
    });
    expect(runs.reduce((sum, { result }) => sum + result.zap.concurrentDoubles, 0)).toBeGreaterThan(0);
    // The new fault shapes were met, on both sides (which requests draw which fault depends on the order runs reach the fakes).
    for (const kind of ['nonsense', 'redirect, same origin', 'redirect, other origin'] as const) {
      for (const side of ['mollie', 'crm'] as const) {
        expect({ kind, side, met: runs.some(({ result }) => result.faults[side][kind] > 0) }).toEqual({ kind, side, met: true });
      }
    }
    const acted = runs.reduce((sum, { result }) => sum + result.faults.crm['slow, vendor acted'] + result.faults.crm['drop, vendor acted'], 0);
    expect(acted).toBeGreaterThan(5);
  }, 900_000);
});
