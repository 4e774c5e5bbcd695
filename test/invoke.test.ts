/**
 * Zapier's own CLI, offline: `zapier-platform invoke` runs the built app
 * against `npm run sandbox` for a trigger, a search and a create.
 * Everything lives in a temporary app folder (the build, the `.env` the
 * sandbox writes), so nothing is left in the repository.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TRY_IT } from '../sandbox/serve';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const run = promisify(execFile);

let app: string;
let sandbox: ChildProcess;
let sandboxExit: Promise<number | null>;

/** The built app as Zapier loads it: index.js → lib/, with the project's node_modules. */
const buildApp = () => {
  app = mkdtempSync(join(tmpdir(), 'mollie-crm-invoke-'));
  const build = spawnSync(process.execPath, [TSC, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(app, 'lib')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  for (const file of ['index.js', 'package.json']) copyFileSync(join(ROOT, file), join(app, file));
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
};

const startSandbox = () =>
  new Promise<void>((ready, fail) => {
    sandbox = spawn(process.execPath, [TSX, 'sandbox/serve.ts', '--write-env', join(app, '.env')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    sandboxExit = new Promise((exited) => sandbox.on('exit', (code) => exited(code)));
    let output = '';
    sandbox.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready.')) ready();
    });
    sandbox.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    sandbox.on('exit', (code) => fail(new Error(`sandbox exited (${code}) before it was ready: ${output}`)));
  });

/** One `zapier-platform invoke`, its JSON answer parsed. No call can reach Zapier: its endpoint is a closed loopback port. */
const invoke = async (...args: string[]) => {
  const { stdout } = await run(process.execPath, [CLI, 'invoke', ...args, '--non-interactive'], {
    cwd: app,
    env: { ...process.env, HOME: app, DISABLE_ZAPIER_ANALYTICS: '1', ZAPIER_BASE_ENDPOINT: 'http://127.0.0.1:9' },
    timeout: 600_000,
  });
  return JSON.parse(stdout.slice(stdout.search(/^[[{]/m)));
};

beforeAll(async () => {
  buildApp();
  await startSandbox();
}, 900_000);

afterAll(async () => {
  sandbox?.kill('SIGTERM');
  await sandboxExit;
  if (app) rmSync(app, { recursive: true, force: true });
}, 900_000);

describe('zapier-platform invoke against npm run sandbox', () => {
  it('the sandbox wrote the .env invoke reads: the connection and where the fakes are', () => {
    const env = readFileSync(join(app, '.env'), 'utf8');
    expect(env).toMatch(/^authData_mollieCredential='test_/m);
    expect(env).toMatch(/^authData_crm='hubspot'$/m);
    for (const name of ['MOLLIE_API_BASE', 'HUBSPOT_API_BASE', 'MONEYBIRD_API_BASE', 'PIPEDRIVE_API_BASE']) expect(env).toMatch(new RegExp(`^${name}='http://127\\.0\\.0\\.1:\\d+'$`, 'm'));
  });

  it('runs a trigger, a search and a create with the real CLI', async () => {
    const [paid, found, created] = await Promise.all([
      invoke('trigger', 'payment_paid'),
      invoke('search', 'find_payment', '-i', JSON.stringify({ invoice_number: TRY_IT.invoice })),
      invoke('create', 'create_payment_link', '-i', JSON.stringify({ invoice_number: 'INV-2026-00010', amount: '50.00' })),
    ]);

    expect(paid).toEqual(expect.arrayContaining([expect.objectContaining({ invoice_number: TRY_IT.invoice, invoice_number_source: 'description', customer_email: TRY_IT.email, status: 'paid' })]));
    expect(found).toEqual([expect.objectContaining({ invoice_number: TRY_IT.invoice, amount_value: TRY_IT.amount, customer_email: TRY_IT.email })]);
    expect(created).toMatchObject({ outcome: 'created', invoice_number: 'INV-2026-00010', amount_value: '50.00', url: expect.stringMatching(/^https:\/\//) });
  }, 900_000);

  it('never overwrites a .env it did not write (one with real credentials)', () => {
    const foreign = join(app, 'real.env');
    writeFileSync(foreign, "authData_mollieCredential='live_yours'\n");
    const refused = spawnSync(process.execPath, [TSX, 'sandbox/serve.ts', '--write-env', foreign], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/real\.env exists and was not written by the sandbox \(real credentials\?\)\. Move it aside/);
    expect(readFileSync(foreign, 'utf8')).toBe("authData_mollieCredential='live_yours'\n");
  }, 900_000);

  it('stopping the sandbox removes the .env it wrote', async () => {
    sandbox.kill('SIGTERM');
    expect(await sandboxExit).toBe(0);
    expect(existsSync(join(app, '.env'))).toBe(false);
  }, 900_000);
});
