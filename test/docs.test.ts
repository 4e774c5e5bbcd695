/**
 * The README and docs/ quote figures only from bench/results (through bench/figures/), keep every
 * promise and every matching rule (docs/matching.md) to a test that exists, and link only to documents that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FIGURES, figureProblems, fillFigures, quotedFigures, unquotedText } from '../bench/figures';
import { readResults, type Results } from '../bench/figures/results';

const ROOT = join(__dirname, '..');
const DOCUMENTS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Figures that look measured (hours with decimals, percentiles, throughput, sizes, scores) written outside a figure marker. */
const MEASURED = [
  /\b\d+\.\d+ ?h\b/,
  /\b(?:p99|median|percentile)\W{1,3}\d/i,
  /\d ?(?:payments\/s|KiB|MB)\b/,
  /\b(?:precision|recall)[= ]\d/i,
];
const unquotedFigures = (markdown: string): string[] =>
  unquotedText(markdown)
    .split('\n')
    .filter((line) => MEASURED.some((pattern) => pattern.test(line)))
    .map((line) => line.trim());

interface PromiseRow {
  id: string;
  file: string;
  test: string;
}

/** The rows of a table of tests (docs/promises.md, docs/matching.md): id (`P…` or `M…`), test file, the quoted part of the test's title. */
const testRows = (markdown: string, prefix: 'P' | 'M'): PromiseRow[] =>
  markdown
    .split('\n')
    .map((line) => new RegExp(`^\\| (${prefix}\\d+) \\| .* \\| \`([^\`]+)\` \\| \`(.+)\` \\|$`).exec(line))
    .flatMap((match) =>
      match ? [{ id: match[1], file: match[2], test: match[3].replace(/\\\|/g, '|') }] : [],
    );
const promiseRows = (markdown: string) => testRows(markdown, 'P');

/** Rows naming a test file that does not exist, or a test that file does not hold. */
const missingTests = (rows: PromiseRow[], source: (file: string) => string | undefined): string[] =>
  rows.flatMap((row) => {
    const text = source(row.file);
    if (text === undefined) return [`${row.id}: ${row.file} does not exist`];
    return text.includes(row.test) ? [] : [`${row.id}: ${row.file} has no test "${row.test}"`];
  });

/**
 * The promise ids the README carries (`<!-- promise: P1 -->`, in its promises section or beside a promise
 * made elsewhere), and the bullets of its promises section that carry none.
 */
const readmePromises = (markdown: string) => {
  const section = /^## What the app promises\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '';
  const bullets = section.split(/\n(?=- )/).filter((bullet) => bullet.startsWith('- '));
  return {
    ids: [...new Set([...markdown.matchAll(/<!-- promise: (P\d+) -->/g)].map((match) => match[1]))],
    unheld: bullets
      .filter((bullet) => !/<!-- promise: P\d+ -->/.test(bullet))
      .map((bullet) => bullet.slice(0, 60)),
  };
};

/** Problems with the promises: README bullets without a test, ids without a row, rows naming tests that do not exist. */
const promiseProblems = (
  readme: string,
  table: string,
  source: (file: string) => string | undefined,
): string[] => {
  const rows = promiseRows(table);
  const { ids, unheld } = readmePromises(readme);
  return [
    ...unheld.map((bullet) => `the README promises "${bullet}…" with no <!-- promise: … --> id`),
    ...ids
      .filter((id) => !rows.some((row) => row.id === id))
      .map((id) => `${id} has no test in docs/promises.md`),
    ...[...new Set(rows.map((row) => row.id))]
      .filter((id) => !ids.includes(id))
      .map((id) => `${id} in docs/promises.md is no promise of the README`),
    ...missingTests(rows, source),
  ];
};

/** The rule ids docs/matching.md states (`**M1**`) outside its table. */
const statedRules = (markdown: string): string[] => [
  ...new Set([...markdown.matchAll(/\*\*(M\d+)\*\*/g)].map((match) => match[1])),
];

/** Problems with the rules: stated ids without a row, rows for no stated rule, rows naming tests that do not exist. */
const ruleProblems = (markdown: string, source: (file: string) => string | undefined): string[] => {
  const rows = testRows(markdown, 'M');
  const ids = statedRules(markdown);
  return [
    ...ids.filter((id) => !rows.some((row) => row.id === id)).map((id) => `${id} has no test in the rules table`),
    ...[...new Set(rows.map((row) => row.id))]
      .filter((id) => !ids.includes(id))
      .map((id) => `${id} in the rules table is no stated rule`),
    ...missingTests(rows, source),
  ];
};

/**
 * The README's matching section: each of its paragraphs and bullets (but the link to docs/matching.md) names the
 * rules it states (`<!-- rules: M1 M5 -->`), and each named rule is stated in docs/matching.md.
 */
const readmeRuleProblems = (readme: string, matching: string): string[] => {
  const section = /^## How a payment finds its account\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (section === undefined) return ['the README has no section "How a payment finds its account"'];
  const stated = statedRules(matching);
  return section
    .split(/\n\s*\n|\n(?=- )/)
    .map((block) => block.trim())
    .filter((block) => block && !block.includes('](docs/matching.md)'))
    .flatMap((block) => {
      const ids = /<!-- rules: (M\d+(?: M\d+)*) -->/.exec(block)?.[1].split(' ');
      if (!ids) return [`the README states "${block.slice(0, 60)}…" with no <!-- rules: … --> ids`];
      return ids.filter((id) => !stated.includes(id)).map((id) => `the README names ${id}, which docs/matching.md does not state`);
    });
};

const testSource = (file: string) => (existsSync(join(ROOT, file)) ? read(file) : undefined);

/** Relative links to files that do not exist (anchors and web addresses aside). */
const brokenLinks = (file: string, markdown: string): string[] =>
  [...unquotedText(markdown).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z]+:/i.test(target) && !existsSync(resolve(ROOT, dirname(file), target)))
    .map((target) => `${file} links to ${target}, which does not exist`);

describe('the documents quote figures from bench/results only', () => {
  const results = readResults();

  it.each(DOCUMENTS)('%s: every quoted figure is its results file’s', (file) => {
    expect(figureProblems(read(file), results)).toEqual([]);
  });

  it.each(DOCUMENTS)('%s: no measured figure stands outside a figure marker', (file) => {
    expect(unquotedFigures(read(file))).toEqual([]);
  });

  it('every figure the generator knows is quoted in some document', () => {
    const quoted = new Set(DOCUMENTS.flatMap((file) => quotedFigures(read(file))));
    expect(FIGURES.map((figure) => figure.name).filter((name) => !quoted.has(name))).toEqual([]);
  });
});

describe('every promise of the README is held by a test that exists', () => {
  it('each promise names a test in docs/promises.md, and each named test exists', () => {
    expect(promiseProblems(read('README.md'), read('docs/promises.md'), testSource)).toEqual([]);
    expect(promiseRows(read('docs/promises.md')).length).toBeGreaterThanOrEqual(
      readmePromises(read('README.md')).ids.length,
    );
  });
});

describe('every matching rule docs/matching.md states is held by a test that exists', () => {
  it('each rule id has a row, and each named test exists', () => {
    const markdown = read('docs/matching.md');
    expect(ruleProblems(markdown, testSource)).toEqual([]);
    expect(statedRules(markdown).length).toBeGreaterThan(0);
  });

  it('each rule the README states names its rules in docs/matching.md', () => {
    expect(readmeRuleProblems(read('README.md'), read('docs/matching.md'))).toEqual([]);
  });
});

describe('links between the documents', () => {
  it.each(DOCUMENTS)('%s links only to files that exist', (file) => {
    expect(brokenLinks(file, read(file))).toEqual([]);
  });
});

describe('the document checks catch what is wrong', () => {
  const results = readResults();
  const quote = (name: string, text: string) => `<!-- fig:${name} -->${text}<!-- /fig -->`;
  const correct = fillFigures(quote('polling.late.p99', ''), results);

  it.each<[string, string, RegExp]>([
    [
      'a figure changed by hand',
      quote('polling.late.p99', '0.42 h'),
      /^figure "polling.late.p99" says "0.42 h", its results file/,
    ],
    ['a figure no generator knows', quote('polling.made.up', '1 h'), /^unknown figure "polling.made.up"/],
    [
      'a marker left open',
      `${correct} <!-- fig:polling.late.max -->1.00 h`,
      /^2 figure markers opened, 1 closed/,
    ],
  ])('%s', (_case, markdown, problem) => {
    expect(figureProblems(markdown, results)).toEqual([expect.stringMatching(problem)]);
  });

  it('a figure that disagrees with a changed results file', () => {
    const shop = results.triggers.workloads.find((workload) => workload.workload === 'shop700')!;
    const changed: Results = structuredClone(results);
    changed.triggers.workloads.find(
      (workload) => workload.workload === 'shop700',
    )!.results[0].lateDelayHours.p99 = shop.results[0].lateDelayHours.p99 + 9;
    expect(figureProblems(correct, results)).toEqual([]);
    expect(figureProblems(correct, changed)).toEqual([expect.stringMatching(/^figure "polling.late.p99"/)]);
  });

  it.each([
    ['p99 9.66 h in prose', 'Late changes fire within p99 9.66 h.', 1],
    ['a median typed by hand', 'The median: 3 requests.', 1],
    ['a throughput', 'It matches 71,955 payments/s.', 1],
    ['a score, even in inline code', 'Its `precision=1.000` on the cases.', 1],
    ['the same inside a marker', `Late changes fire within ${correct}.`, 0],
    ['inside a code block', '```\nprecision=1.000 recall=0.971\n```', 0],
    ['a constant with a unit that is no measurement', 'Each request gets at most 10 s of the run’s 25 s.', 0],
  ])('unquoted figures: %s', (_case, markdown, count) => {
    expect(unquotedFigures(markdown)).toHaveLength(count);
  });

  it('a promise without a test, a test that does not exist, a row for no promise', () => {
    const readme = [
      '## What the app promises',
      '- Held. <!-- promise: P1 -->',
      '- Not held.',
      '- Held elsewhere. <!-- promise: P2 -->',
      '## Limits',
    ].join('\n');
    const table = [
      '| ID | Promise | Test file | Test |',
      '| --- | --- | --- | --- |',
      '| P1 | Held. | `test/a.test.ts` | `it works` |',
      '| P3 | Gone. | `test/b.test.ts` | `x` |',
    ].join('\n');
    const sources: Record<string, string> = { 'test/a.test.ts': "it('it works', () => {})" };
    expect(promiseProblems(readme, table, (file) => sources[file])).toEqual([
      'the README promises "- Not held.…" with no <!-- promise: … --> id',
      'P2 has no test in docs/promises.md',
      'P3 in docs/promises.md is no promise of the README',
      'P3: test/b.test.ts does not exist',
    ]);
    expect(promiseProblems(readme, table.replace('it works', 'it fails'), (file) => sources[file])).toContain(
      'P1: test/a.test.ts has no test "it fails"',
    );
  });

  it('a rule without a test, a test that does not exist, a row for no rule', () => {
    const markdown = [
      '- **M1** Held.',
      '- **M2** Not held.',
      '| ID | Rule | Test file | Test |',
      '| --- | --- | --- | --- |',
      '| M1 | Held. | `test/a.test.ts` | `it works` |',
      '| M3 | Gone. | `test/b.test.ts` | `x` |',
    ].join('\n');
    const sources: Record<string, string> = { 'test/a.test.ts': "it('it works', () => {})" };
    expect(ruleProblems(markdown, (file) => sources[file])).toEqual([
      'M2 has no test in the rules table',
      'M3 in the rules table is no stated rule',
      'M3: test/b.test.ts does not exist',
    ]);
    expect(ruleProblems(markdown.replace('it works', 'it fails'), (file) => sources[file])).toContain(
      'M1: test/a.test.ts has no test "it fails"',
    );
  });

  it('a README matching rule with no rule id, or an id docs/matching.md does not state', () => {
    const readme = [
      '## How a payment finds its account',
      '',
      'Held. <!-- rules: M1 -->',
      '',
      '- Not held.',
      '- Held by a rule that is gone. <!-- rules: M1 M9 -->',
      '',
      'In full: [docs/matching.md](docs/matching.md).',
      '',
      '## Next',
    ].join('\n');
    expect(readmeRuleProblems(readme, '- **M1** Held.')).toEqual([
      'the README states "- Not held.…" with no <!-- rules: … --> ids',
      'the README names M9, which docs/matching.md does not state',
    ]);
    expect(readmeRuleProblems('## Other\n', '')).toEqual(['the README has no section "How a payment finds its account"']);
  });

  it('a link to a document that does not exist', () => {
    expect(
      brokenLinks(
        'docs/x.md',
        'See [polling](polling.md), [gone](gone.md), [web](https://example.com) and [up](../README.md#top).',
      ),
    ).toEqual(['docs/x.md links to gone.md, which does not exist']);
  });
});
