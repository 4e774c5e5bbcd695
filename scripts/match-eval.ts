/**
 * `npm run --silent match:eval -- FILE`: runs the matching engine on every
 * case of FILE (../shared/matching-cases.md) and prints one JSON line per
 * case, the summary line, the exact-e-mail-only baseline beside it, and, when
 * cases carry a `kind`, one line per kind (`kind=… precision=… recall=…
 * false_matches=… cases=…`, in the order kinds first appear).
 * A missing or malformed file: a message on stderr and exit code 1.
 */
import { readFileSync } from 'node:fs';
import { baselineLine, evaluate, kindLine, readCases, summaryLine } from '../matching/evaluate';

const main = (args: string[]): number => {
  const file = args.find((arg) => arg !== '--');
  if (!file) {
    process.stderr.write('Usage: npm run --silent match:eval -- FILE (a JSON array of matching cases)\n');
    return 1;
  }
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`match:eval: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 1;
  }
  let cases;
  try {
    cases = readCases(JSON.parse(raw));
  } catch (error) {
    process.stderr.write(`match:eval: ${file} is not a matching case file: ${(error as Error).message}\n`);
    return 1;
  }
  const { outcomes, score, baseline, byKind } = evaluate(cases);
  const lines = outcomes.map((outcome) => JSON.stringify(outcome));
  lines.push(summaryLine(score), baselineLine(baseline), ...byKind.map(({ kind, score: own }) => kindLine(kind, own)));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
};

process.exitCode = main(process.argv.slice(2));
