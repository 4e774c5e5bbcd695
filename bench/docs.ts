/**
 * `npx tsx bench/docs.ts`: writes the figures the README and docs/ quote from bench/results/* (bench/figures/).
 * `--check` only lists what is out of date and exits 1 if anything is. Run it after any benchmark.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { figureProblems, fillFigures } from './figures';
import { readResults } from './figures/results';

const root = path.resolve(__dirname, '..');

/** The README and every markdown file in docs/. */
export const documentFiles = (): string[] => [
  path.join(root, 'README.md'),
  ...readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(root, 'docs', name)),
];

/** Rewrites every quoted figure from the results files; returns the files it changed. */
export const writeDocFigures = (): string[] => {
  const results = readResults();
  return documentFiles().filter((file) => {
    const before = readFileSync(file, 'utf8');
    const after = fillFigures(before, results);
    if (after !== before) writeFileSync(file, after);
    return after !== before;
  });
};

if (require.main === module) {
  const results = readResults();
  if (process.argv.includes('--check')) {
    const problems = documentFiles().flatMap((file) =>
      figureProblems(readFileSync(file, 'utf8'), results).map(
        (problem) => `${path.relative(root, file)}: ${problem}`,
      ),
    );
    console.log(problems.length ? problems.join('\n') : 'Every quoted figure agrees with bench/results.');
    process.exitCode = problems.length ? 1 : 0;
  } else {
    const changed = writeDocFigures();
    console.log(
      changed.length
        ? `Figures rewritten in ${changed.map((file) => path.relative(root, file)).join(', ')}.`
        : 'Every quoted figure was already current.',
    );
  }
}
