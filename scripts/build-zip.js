// Builds the pushable zip offline and proves that it loads.
//
// `zapier-platform build` cannot run in the project directory itself: the CLI's
// own ~26k files in node_modules exhaust the open-file limit while it copies.
// So the compiled app is staged in a temporary folder with production
// dependencies only. The build also asks Zapier's servers for style checks,
// which cannot be reached offline: a loopback stand-in answers "no findings"
// (test/appDefinition.test.ts mirrors those checks locally instead).
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const output = path.join(root, 'build', 'build.zip');
const STAGED = ['index.js', 'lib', 'package.json', 'package-lock.json', '.zapierapprc', '.gitignore'];

const run = (command, args, cwd, env = process.env) => execFileSync(command, args, { cwd, env, stdio: 'inherit' });

/** Runs a command without blocking this process, so the loopback stand-in can answer it. */
const runAsync = (command, args, cwd, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });

const startStandInForZapier = () =>
  new Promise((resolve) => {
    const server = http.createServer((request, response) => {
      request.resume();
      const body = request.url.endsWith('/check') ? { errors: { total_failures: 0, results: [] }, warnings: { total_failures: 0 } } : {};
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

const main = async () => {
  if (!fs.existsSync(path.join(root, 'lib', 'index.js'))) throw new Error('lib/index.js is missing: run `npm run build` first.');
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'mollie-crm-build-'));
  const server = await startStandInForZapier();
  try {
    for (const entry of STAGED) fs.cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
    run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], stage);
    const endpoint = `http://127.0.0.1:${server.address().port}`;
    await runAsync('zapier-platform', ['build', '--skip-dep-install'], stage, { ...process.env, ZAPIER_BASE_ENDPOINT: endpoint, ZAPIER_ENDPOINT: `${endpoint}/api/platform/cli` });
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.copyFileSync(path.join(stage, 'build', 'build.zip'), output);
  } finally {
    server.close();
    fs.rmSync(stage, { recursive: true, force: true });
  }
  verifyZipLoads();
};

/** Unzips the build and requires its index.js, as Zapier's runtime does. */
const verifyZipLoads = () => {
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'mollie-crm-zip-'));
  try {
    run('unzip', ['-q', output, '-d', unpacked], root);
    const app = require(path.join(unpacked, 'index.js'));
    const definition = app.default ?? app;
    const counts = ['triggers', 'searches', 'creates'].map((kind) => `${Object.keys(definition[kind] ?? {}).length} ${kind}`);
    if (typeof definition.authentication?.test !== 'function') throw new Error('the zipped app has no connection test');
    const kib = (fs.statSync(output).size / 1024).toFixed(0);
    console.log(`build/build.zip (${kib} KiB) loads: version ${definition.version}, ${counts.join(', ')}.`);
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
};

main().catch((error) => {
  console.error(`build:zip failed: ${error.message}`);
  process.exit(1);
});
