/**
 * The labelled sets and the per-kind evaluation: the generated European set
 * (scripts/make-european-cases.ts), the hand-written holdout phrased
 * differently, and the project's earlier set; match:eval prints a line per kind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, readCases, scoreByKind } from '../matching/evaluate';
import european from './fixtures/matching-cases-eu.json';
import holdout from './fixtures/matching-cases-holdout.json';
import earlier from './matching-cases.json';

describe.each([
  ['generated European set', european as unknown[], 400],
  ['hand-written holdout', holdout as unknown[], 30],
])('%s', (_name, data, minimum) => {
  const cases = readCases(data);
  const { score, byKind } = evaluate(cases);

  it('is large enough, and every case has a kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(minimum);
    expect(cases.every((item) => typeof item.kind === 'string' && item.kind.length > 0)).toBe(true);
  });

  it('gets no false match and a recall of at least 0.95', () => {
    expect(score.falseMatches).toBe(0);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('has no false match in any kind', () => {
    expect(byKind.filter(({ score: own }) => own.falseMatches > 0).map(({ kind }) => kind)).toEqual([]);
  });
});

describe('the classes the generated set covers', () => {
  const kinds = new Set((european as Array<{ kind: string }>).map((item) => item.kind));
  it.each([
    'invoice-words-nl', 'invoice-words-be', 'invoice-words-ie', 'invoice-words-de', 'invoice-words-fr', 'invoice-words-es', 'invoice-words-it', 'invoice-words-pt',
    'invoice-words-se', 'invoice-words-dk', 'invoice-words-no', 'invoice-words-fi', 'invoice-words-pl', 'invoice-letters', 'invoice-lists', 'unmarked-exact',
    'noise-postcode', 'noise-house-number', 'noise-date', 'noise-time', 'noise-vat-rate', 'noise-amount', 'noise-phone', 'noise-iban', 'noise-structured-reference',
    'noise-customer-number', 'order-number', 'email-wrapped', 'email-idn', 'iban-match', 'iban-mandate', 'iban-shared', 'iban-not-held', 'metadata-keys',
    'metadata-json-string', 'customer-metadata', 'conflict-id-invoice', 'conflict-customer-metadata-email', 'conflict-iban-invoice', 'conflict-invoice-email',
  ])('%s', (kind) => {
    expect(kinds.has(kind)).toBe(true);
  });

  it('has cases with and without an account in the noise kinds (the decoy is never the answer)', () => {
    const noise = (european as Array<{ kind: string; expected: string | null }>).filter((item) => item.kind.startsWith('noise-'));
    expect(noise.some((item) => item.expected === null)).toBe(true);
    expect(noise.some((item) => item.expected !== null)).toBe(true);
  });
});

describe('the earlier labelled set', () => {
  it('keeps 0 false matches; its only misses are the cases the engine refuses by design', () => {
    const cases = readCases(earlier);
    const { outcomes, score } = evaluate(cases);
    expect(score.falseMatches).toBe(0);
    const missed = cases.filter((item, index) => item.expected !== null && outcomes[index].accountId === null);
    expect(missed.every((item) => /refuses by design/.test(item.note ?? ''))).toBe(true);
  });
});

describe('scores per kind', () => {
  it('counts each kind apart, in the order kinds first appear', () => {
    const cases = readCases([
      { id: '1', kind: 'b', payment: {}, accounts: [{ id: 'x', name: 'X', emails: [], customerIds: [] }], expected: 'x' },
      { id: '2', kind: 'a', payment: {}, accounts: [], expected: null },
      { id: '3', kind: 'b', payment: {}, accounts: [{ id: 'x', name: 'X', emails: [], customerIds: [] }], expected: null },
    ]);
    const byKind = scoreByKind([{ accountId: 'x' }, { accountId: null }, { accountId: 'x' }], cases);
    expect(byKind).toEqual([
      { kind: 'b', score: { precision: 0.5, recall: 1, falseMatches: 1, cases: 2 } },
      { kind: 'a', score: { precision: 1, recall: 1, falseMatches: 0, cases: 1 } },
    ]);
    expect(scoreByKind([{ accountId: null }], readCases([{ id: '1', payment: {}, accounts: [], expected: null }]))).toEqual([]);
  });

  it('refuses malformed kinds, IBAN lists and mandates, naming the case', () => {
    expect(() => readCases([{ id: 'x', kind: 3, payment: {}, accounts: [], expected: null }])).toThrow('case #1 (x): "kind" must be a string');
    expect(() => readCases([{ id: 'x', payment: {}, accounts: [{ id: 'a', name: 'A', emails: [], customerIds: [], ibans: 'NL91' }], expected: null }])).toThrow(/"ibans" must be an array of strings/);
    expect(() => readCases([{ id: 'x', payment: {}, mandates: {}, accounts: [], expected: null }])).toThrow(/"mandates" must be an array/);
  });

  it('npm run match:eval prints the cases, the summary, the baseline, then one line per kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'match-eval-kinds-'));
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify((european as unknown[]).slice(0, 20)));
    const lines = execFileSync('npx', ['tsx', 'scripts/match-eval.ts', file], { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim().split('\n');
    expect(lines.slice(0, 20).every((line) => 'correct' in JSON.parse(line))).toBe(true);
    expect(lines[20]).toMatch(/^precision=\d\.\d{3} recall=\d\.\d{3} false_matches=\d+ cases=20$/);
    expect(lines[21]).toMatch(/^baseline exact-email: /);
    const kinds = [...new Set((european as Array<{ kind: string }>).slice(0, 20).map((item) => item.kind))];
    expect(lines.slice(22)).toEqual(kinds.map((kind) => expect.stringMatching(new RegExp(`^kind=${kind} precision=\\d\\.\\d{3} recall=\\d\\.\\d{3} false_matches=\\d+ cases=\\d+$`))));
  });
});
