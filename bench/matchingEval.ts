/**
 * `npx tsx bench/matchingEval.ts`: the matching engine on the labelled cases (test/matching-cases.json, as
 * `npm run match:eval` runs it), summed up in bench/results/matching.json for the figures the docs quote.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate, readCases } from '../matching/evaluate';
import { RESULTS_DIR, type MatchingFile } from './figures/results';

const CASES = 'test/matching-cases.json';

const main = () => {
  const root = path.resolve(__dirname, '..');
  const { outcomes, score, baseline } = evaluate(
    readCases(JSON.parse(readFileSync(path.join(root, CASES), 'utf8'))),
  );
  const result: MatchingFile = {
    file: CASES,
    cases: score.cases,
    precision: score.precision,
    recall: score.recall,
    falseMatches: score.falseMatches,
    notNamed: outcomes
      .filter((outcome) => !outcome.correct && outcome.accountId === null)
      .map((outcome) => outcome.id),
    baseline: { precision: baseline.precision, recall: baseline.recall, falseMatches: baseline.falseMatches },
  };
  writeFileSync(path.join(RESULTS_DIR, 'matching.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}, ${score.falseMatches} false matches on ${score.cases} cases: bench/results/matching.json`,
  );
};

main();
