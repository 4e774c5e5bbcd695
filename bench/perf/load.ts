/**
 * The built zip's size, and how long a cold `require` of the app takes: each
 * run in a fresh Node 22 process (node_modules/.bin/node), timed inside it, so
 * Node's own start-up is not counted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LoadFigures {
  zipBytes: number;
  zipBuiltAt: string;
  runs: number;
  /** Median milliseconds of `require(<unzipped build>/index.js)`, and of the part after zapier-platform-core was loaded. */
  zip: { totalMs: number; appMs: number };
  /** The same for `require('./lib/index.js')` in the source tree (dev node_modules). */
  source: { totalMs: number; appMs: number };
}

const root = path.resolve(__dirname, '../..');
const NODE = path.join(root, 'node_modules/.bin/node');

/** One fresh process: the whole require, and the app's own share (zapier-platform-core, which it loads first, timed apart). */
const coldRequire = (file: string) => {
  const script = [
    'const t0 = process.hrtime.bigint();',
    `require(require.resolve('zapier-platform-core', { paths: [${JSON.stringify(path.dirname(file))}] }));`,
    'const t1 = process.hrtime.bigint();',
    `require(${JSON.stringify(file)});`,
    'const t2 = process.hrtime.bigint();',
    'process.stdout.write(JSON.stringify([Number(t2 - t0) / 1e6, Number(t2 - t1) / 1e6]));',
  ].join('\n');
  return JSON.parse(execFileSync(NODE, ['-e', script], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' })) as [number, number];
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const medianRequire = (file: string, runs: number) => {
  const samples = Array.from({ length: runs }, () => coldRequire(file));
  return { totalMs: median(samples.map(([total]) => total)), appMs: median(samples.map(([, app]) => app)) };
};

export const measureLoad = (runs = 7): LoadFigures => {
  const zip = path.join(root, 'build/build.zip');
  const stat = statSync(zip);
  const unpacked = mkdtempSync(path.join(tmpdir(), 'bench-zip-'));
  try {
    execFileSync('unzip', ['-q', zip, '-d', unpacked]);
    return {
      zipBytes: stat.size,
      zipBuiltAt: stat.mtime.toISOString(),
      runs,
      zip: medianRequire(path.join(unpacked, 'index.js'), runs),
      source: medianRequire(path.join(root, 'lib/index.js'), runs),
    };
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
};
