/**
 * Every labelled set the project keeps (test/matching-cases.json and
 * test/fixtures/matching-*.json, found on disk so a new set is judged too),
 * evaluated by matching/evaluate.ts: no false match, in total or in any kind,
 * and a recall at least at the set's floor (0.95 for a set not named here).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, readCases } from '../matching/evaluate';

/** The recall each set must keep (where it stood when the floor was set, rounded down). */
const RECALL_FLOORS: Record<string, number> = {
  'matching-cases.json': 0.97,
  'matching-cases-eu.json': 0.99,
  'matching-cases-holdout.json': 1,
  'matching-cases-independent.json': 0.97,
};
const DEFAULT_FLOOR = 0.95;

const fixtures = join(__dirname, 'fixtures');
const sets = [
  join(__dirname, 'matching-cases.json'),
  ...readdirSync(fixtures)
    .filter((name) => /^matching-.*\.json$/.test(name))
    .map((name) => join(fixtures, name)),
];

describe.each(sets.map((path) => [path.slice(path.lastIndexOf('/') + 1), path]))('labelled set %s', (name, path) => {
  const cases = readCases(JSON.parse(readFileSync(path, 'utf8')));
  const { score, byKind } = evaluate(cases);

  it('has cases, and every expected account is one of the case\'s accounts', () => {
    expect(cases.length).toBeGreaterThan(0);
    const strays = cases.filter((item) => item.expected !== null && !item.accounts.some((account) => account.id === item.expected));
    expect(strays.map((item) => item.id)).toEqual([]);
  });

  it('gets no false match, in total or in any kind', () => {
    expect(score.falseMatches).toBe(0);
    expect(byKind.filter(({ score: own }) => own.falseMatches > 0).map(({ kind }) => kind)).toEqual([]);
  });

  it(`keeps its recall floor (${RECALL_FLOORS[name] ?? DEFAULT_FLOOR})`, () => {
    expect(score.recall).toBeGreaterThanOrEqual(RECALL_FLOORS[name] ?? DEFAULT_FLOOR);
  });
});

describe('the independent set', () => {
  const data = JSON.parse(readFileSync(join(fixtures, 'matching-cases-independent.json'), 'utf8')) as Array<{ kind?: string; why?: string; expected: string | null }>;

  it('says of every case its kind and the rule that decides it, and holds both answers', () => {
    expect(data.filter((item) => !item.kind || !item.why)).toEqual([]);
    expect(data.some((item) => item.expected === null)).toBe(true);
    expect(data.some((item) => item.expected !== null)).toBe(true);
  });
});
