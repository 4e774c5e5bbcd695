/**
 * The README tells the truth about the app: every table renders (each row has
 * the header's number of cells), and in every recipe section each **bold**
 * label is one the app really shows (a step, an input field, an output field)
 * and each {{…}} maps a real output field. Any section whose heading says
 * "recipe" is a recipe section, whoever writes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import App from '../index';

type Field = { label?: string; key: string };
type Op = { display?: { label?: string }; operation?: { inputFields?: unknown[]; outputFields?: unknown[] } };
type Definition = Record<'triggers' | 'searches' | 'creates' | 'searchOrCreates', Record<string, Op> | undefined>;

/** Labels of fields, including those a field function gives for each CRM. */
const fieldLabels = (fields: unknown[] = []): string[] =>
  fields
    .flatMap((field) =>
      typeof field === 'function' ? ['hubspot', 'moneybird', 'pipedrive', undefined].flatMap((crm) => (field as (z: unknown, b: unknown) => Field[])({}, { authData: { crm }, inputData: {} })) : [field as Field],
    )
    .map((field) => field.label ?? field.key);

const appLabels = (app: Definition) => {
  const ops = (['triggers', 'searches', 'creates', 'searchOrCreates'] as const).flatMap((kind) => Object.values(app[kind] ?? {}));
  const outputs = new Set(ops.flatMap((op) => fieldLabels(op.operation?.outputFields)));
  const shown = new Set([...outputs, ...ops.map((op) => op.display?.label ?? ''), ...ops.flatMap((op) => fieldLabels(op.operation?.inputFields))]);
  return { shown, outputs };
};

/** The README without code blocks and HTML comments (which hold examples, not claims). */
const prose = (markdown: string) => markdown.replace(/<!--[\s\S]*?-->/g, '').replace(/^```[\s\S]*?^```/gm, '');

const cells = (row: string) => row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).length;

/** Tables whose rows do not all have the header's number of cells. */
const brokenTables = (markdown: string): string[] => {
  const problems: string[] = [];
  let table: string[] = [];
  const check = () => {
    if (table.length) {
      const width = cells(table[0]);
      table.forEach((row, index) => {
        if (cells(row) !== width) problems.push(`row ${index + 1} of the table "${table[0].slice(0, 50)}" has ${cells(row)} cells, the header ${width}: ${row.slice(0, 60)}`);
      });
      if (table.length < 2 || !/^\|?\s*:?-{3,}/.test(table[1].trim())) problems.push(`the table "${table[0].slice(0, 50)}" has no separator row`);
    }
    table = [];
  };
  for (const line of prose(markdown).split('\n')) {
    if (line.trim().startsWith('|')) table.push(line);
    else check();
  }
  check();
  return problems;
};

/** The steps of every recipe section: numbered items and their indented continuation lines. */
const recipeSteps = (markdown: string): string[] => {
  const steps: string[] = [];
  let inRecipes = 0;
  let step: string | undefined;
  const end = () => {
    if (step !== undefined) steps.push(step);
    step = undefined;
  };
  for (const line of prose(markdown).split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      end();
      const level = heading[1].length;
      if (/recipe/i.test(heading[2])) inRecipes = level;
      else if (inRecipes && level <= inRecipes) inRecipes = 0;
      continue;
    }
    if (!inRecipes) continue;
    if (/^\s*\d+\.\s/.test(line)) {
      end();
      step = line;
    } else if (step !== undefined && /^\s+\S/.test(line)) step += `\n${line}`;
    else end();
  }
  end();
  return steps;
};

/** Bold labels and {{…}} placeholders in recipe steps that the app does not show. */
const unknownRecipeLabels = (markdown: string, app: Definition): string[] => {
  const { shown, outputs } = appLabels(app);
  const problems: string[] = [];
  for (const step of recipeSteps(markdown)) {
    const flat = step.replace(/\s*\n\s*/g, ' ');
    for (const [, label] of flat.matchAll(/\*\*([^*]+)\*\*/g)) if (!shown.has(label.trim())) problems.push(`**${label}** is no label the app shows (in: ${flat.slice(0, 60)}…)`);
    for (const [, label] of flat.matchAll(/\{\{([^}]+)\}\}/g)) if (!outputs.has(label.trim())) problems.push(`{{${label}}} is no output field label (in: ${flat.slice(0, 60)}…)`);
  }
  return problems;
};

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README.md tells the truth', () => {
  it('every table renders: each row has the header’s number of cells', () => {
    expect(brokenTables(README)).toEqual([]);
  });

  it('has recipes, and every bold label and {{…}} in them is one the app shows', () => {
    expect(recipeSteps(README).length).toBeGreaterThanOrEqual(10);
    expect(unknownRecipeLabels(README, App as never)).toEqual([]);
  });
});

describe('the README checks catch what is wrong', () => {
  const app: Definition = {
    triggers: { paid: { display: { label: 'Payment Paid' }, operation: { inputFields: [{ key: 'method', label: 'Payment method' }], outputFields: [{ key: 'id', label: 'Payment ID' }] } } },
    searches: { find: { display: { label: 'Find Account' }, operation: { inputFields: [() => [{ key: 'inv', label: 'Invoice number' }]], outputFields: [] } } },
    creates: undefined,
    searchOrCreates: undefined,
  };

  it('a row with a cell too few or too many, and a table without separator', () => {
    const markdown = ['| A | B |', '| --- | --- |', '| 1 | 2 |', '| `x` | search | oops |', '| 1 |', '', '| C | D |', '| 1 | 2 |'].join('\n');
    expect(brokenTables(markdown)).toEqual([
      expect.stringMatching(/^row 4 of the table "\| A \| B \|" has 3 cells, the header 2/),
      expect.stringMatching(/^row 5 .* has 1 cells, the header 2/),
      'the table "| C | D |" has no separator row',
    ]);
  });

  it('an escaped pipe is no cell border, and tables in code blocks are examples', () => {
    expect(brokenTables(['| A | B |', '| --- | --- |', '| a \\| b | c |', '```', '| x |', '```'].join('\n'))).toEqual([]);
  });

  it('a bold label or a placeholder the app does not show, in any section called a recipe, and only there', () => {
    const markdown = [
      '## Settlements recipe',
      '1. Trigger: **Payment Paid**; **Payment method**: iDEAL; **Invoice number**.',
      '2. Action: map **Payment Id** and `{{Payment ID}} {{Amount}}`',
      '   then **Find Acount**.',
      '## Elsewhere',
      '1. **Not checked here**.',
      '### Zap recipes',
      '1. **Also checked**',
    ].join('\n');
    expect(unknownRecipeLabels(markdown, app)).toEqual([
      expect.stringMatching(/^\*\*Payment Id\*\* is no label/),
      expect.stringMatching(/^\*\*Find Acount\*\* is no label/),
      expect.stringMatching(/^\{\{Amount\}\} is no output field label/),
      expect.stringMatching(/^\*\*Also checked\*\* is no label/),
    ]);
  });
});
