/**
 * `npx tsx bench/matchingEval.ts`: the matching engine on every labelled case set (test/matching-cases.json and
 * each test/fixtures/matching-cases-*.json, as `npm run match:eval` runs them), summed up per set and per kind in
 * bench/results/matching.json for the figures the docs quote. The top-level figures are test/matching-cases.json's.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate, readCases, type Score } from '../matching/evaluate';
import { RESULTS_DIR, type MatchingFile, type MatchingScore, type MatchingSet } from './figures/results';

const root = path.resolve(__dirname, '..');
const MAIN = 'test/matching-cases.json';
const SETS = [
  MAIN,
  ...readdirSync(path.join(root, 'test/fixtures'))
    .filter((name) => /^matching-cases.*\.json$/.test(name))
    .sort()
    .map((name) => `test/fixtures/${name}`),
];

const scoreOf = (s: Score): MatchingScore => ({ cases: s.cases, precision: s.precision, recall: s.recall, falseMatches: s.falseMatches });

const evaluateSet = (file: string) => {
  const { outcomes, score, baseline, byKind } = evaluate(readCases(JSON.parse(readFileSync(path.join(root, file), 'utf8'))));
  const notNamed = outcomes.filter((outcome) => !outcome.correct && outcome.accountId === null).map((outcome) => outcome.id);
  const set: MatchingSet = { file, ...scoreOf(score), notNamed: notNamed.length, byKind: byKind.map(({ kind, score: s }) => ({ kind, ...scoreOf(s) })) };
  return { set, score, baseline, notNamed };
};

const main = () => {
  const evaluated = SETS.map(evaluateSet);
  const { score, baseline, notNamed } = evaluated[0];
  const result: MatchingFile = {
    file: MAIN,
    cases: score.cases,
    precision: score.precision,
    recall: score.recall,
    falseMatches: score.falseMatches,
    notNamed,
    baseline: { precision: baseline.precision, recall: baseline.recall, falseMatches: baseline.falseMatches },
    sets: evaluated.map(({ set }) => set),
  };
  writeFileSync(path.join(RESULTS_DIR, 'matching.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const { set } of evaluated) {
    console.log(`${set.file}: precision ${set.precision.toFixed(3)}, recall ${set.recall.toFixed(3)}, ${set.falseMatches} false matches on ${set.cases} cases (${set.byKind.length} kinds)`);
  }
  console.log('Written to bench/results/matching.json; `npx tsx bench/docs.ts` quotes it.');
};

main();
