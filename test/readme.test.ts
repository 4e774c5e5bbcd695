/**
 * The README tells the truth about the app: every table renders (each row has
 * the header's number of cells), and in every recipe section each **bold**
 * label is one the app really shows (a step, an input field, an output field)
 * and each {{…}} maps a real output field. Any section whose heading says
 * "recipe" is a recipe section, whoever writes it. Its table of steps holds
 * every step the app shows, under its label and key (a step still being built
 * is marked "(coming)" until it is in the app), and its connection table every
 * connection field. It is for Zap builders: at most 250 lines, the two
 * commands at the top.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import App from '../index';
import { cellsOf, findTable } from '../bench/figures/markdown';

type Field = { label?: string; key: string };
type Op = {
  display?: { label?: string; hidden?: boolean };
  operation?: { inputFields?: unknown[]; outputFields?: unknown[] };
};
type Definition = Record<
  'triggers' | 'searches' | 'creates' | 'searchOrCreates',
  Record<string, Op> | undefined
>;

/** Labels of fields, including those a field function gives for each CRM. */
const fieldLabels = (fields: unknown[] = []): string[] =>
  fields
    .flatMap((field) =>
      typeof field === 'function'
        ? ['hubspot', 'moneybird', 'pipedrive', undefined].flatMap((crm) =>
            (field as (z: unknown, b: unknown) => Field[])({}, { authData: { crm }, inputData: {} }),
          )
        : [field as Field],
    )
    .map((field) => field.label ?? field.key);

const appLabels = (app: Definition) => {
  const ops = (['triggers', 'searches', 'creates', 'searchOrCreates'] as const).flatMap((kind) =>
    Object.values(app[kind] ?? {}),
  );
  const outputs = new Set(ops.flatMap((op) => fieldLabels(op.operation?.outputFields)));
  const shown = new Set([
    ...outputs,
    ...ops.map((op) => op.display?.label ?? ''),
    ...ops.flatMap((op) => fieldLabels(op.operation?.inputFields)),
  ]);
  return { shown, outputs };
};

/** The README without code blocks and HTML comments (which hold examples, not claims). */
const prose = (markdown: string) =>
  markdown.replace(/<!--[\s\S]*?-->/g, '').replace(/^```[\s\S]*?^```/gm, '');

const cells = (row: string) => cellsOf(row).length;

/** Tables whose rows do not all have the header's number of cells. */
const brokenTables = (markdown: string): string[] => {
  const problems: string[] = [];
  let table: string[] = [];
  const check = () => {
    if (table.length) {
      const width = cells(table[0]);
      table.forEach((row, index) => {
        if (cells(row) !== width)
          problems.push(
            `row ${index + 1} of the table "${table[0].slice(0, 50)}" has ${cells(row)} cells, the header ${width}: ${row.slice(0, 60)}`,
          );
      });
      if (table.length < 2 || !/^\|?\s*:?-{3,}/.test(table[1].trim()))
        problems.push(`the table "${table[0].slice(0, 50)}" has no separator row`);
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
    for (const [, label] of flat.matchAll(/\*\*([^*]+)\*\*/g))
      if (!shown.has(label.trim()))
        problems.push(`**${label}** is no label the app shows (in: ${flat.slice(0, 60)}…)`);
    for (const [, label] of flat.matchAll(/\{\{([^}]+)\}\}/g))
      if (!outputs.has(label.trim()))
        problems.push(`{{${label}}} is no output field label (in: ${flat.slice(0, 60)}…)`);
  }
  return problems;
};

/** The rows of the first table whose first header cell is `firstHeader`, as cells (code marks kept). */
const tableRows = (markdown: string, firstHeader: string): string[][] =>
  (findTable(prose(markdown), firstHeader)?.lines.slice(2) ?? []).map(cellsOf);

const COMING = ' (coming)';
const KINDS = { triggers: 'trigger', searches: 'search', creates: 'create' } as const;

/** Steps the app shows that the table of steps lacks or names wrongly, and rows for steps the app does not have. */
const stepTableProblems = (markdown: string, app: Definition): string[] => {
  const rows = tableRows(markdown, 'Step in the Zap editor').map(([label, key, kind]) => ({
    label,
    key: key.replace(/`/g, ''),
    kind,
  }));
  const steps = (Object.keys(KINDS) as Array<keyof typeof KINDS>).flatMap((group) =>
    Object.entries(app[group] ?? {})
      .filter(([, op]) => !op.display?.hidden)
      .map(([key, op]) => ({ key, label: op.display?.label ?? key, kind: KINDS[group] })),
  );
  const problems: string[] = [];
  for (const step of steps) {
    const row = rows.find((item) => item.key === step.key);
    if (!row) problems.push(`${step.label} (${step.key}) is missing from the table of steps`);
    else if (row.label.endsWith(COMING))
      problems.push(`${step.key} is in the app now: check its row and recipe, and drop "${COMING.trim()}"`);
    else if (row.label !== step.label || row.kind !== step.kind)
      problems.push(
        `${step.key} is "${step.label}" (${step.kind}) in the app, "${row.label}" (${row.kind}) in the table`,
      );
  }
  for (const row of rows)
    if (!steps.some((step) => step.key === row.key) && !row.label.endsWith(COMING))
      problems.push(`${row.key} is in the table, not in the app`);
  return problems;
};

/** Connection fields the connection table lacks, and rows that are no connection field. */
const connectionTableProblems = (
  markdown: string,
  fields: Array<{ label?: string; key: string }>,
): string[] => {
  const listed = tableRows(markdown, 'Field').map(([label]) => label);
  const labels = fields.map((field) => field.label ?? field.key);
  return [
    ...labels
      .filter((label) => !listed.includes(label))
      .map((label) => `the connection field "${label}" is missing from the connection table`),
    ...listed
      .filter((label) => !labels.includes(label))
      .map((label) => `"${label}" in the connection table is no connection field`),
  ];
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

  it('lists every step the app shows, under its label and key, and no step the app lacks', () => {
    expect(stepTableProblems(README, App as never)).toEqual([]);
  });

  it('lists every connection field', () => {
    expect(
      connectionTableProblems(
        README,
        (App as unknown as { authentication: { fields: Array<{ label?: string; key: string }> } })
          .authentication.fields,
      ),
    ).toEqual([]);
  });

  it('is for Zap builders: at most 250 lines, with npm start and npm test at the top', () => {
    const lines = README.split('\n');
    expect(lines.length).toBeLessThanOrEqual(250);
    expect(lines.slice(0, 20).filter((line) => /^npm (start|test)\b/.test(line))).toHaveLength(2);
  });
});

describe('the README checks catch what is wrong', () => {
  const app: Definition = {
    triggers: {
      paid: {
        display: { label: 'Payment Paid' },
        operation: {
          inputFields: [{ key: 'method', label: 'Payment method' }],
          outputFields: [{ key: 'id', label: 'Payment ID' }],
        },
      },
    },
    searches: {
      find: {
        display: { label: 'Find Account' },
        operation: { inputFields: [() => [{ key: 'inv', label: 'Invoice number' }]], outputFields: [] },
      },
    },
    creates: undefined,
    searchOrCreates: undefined,
  };

  it('a row with a cell too few or too many, and a table without separator', () => {
    const markdown = [
      '| A | B |',
      '| --- | --- |',
      '| 1 | 2 |',
      '| `x` | search | oops |',
      '| 1 |',
      '',
      '| C | D |',
      '| 1 | 2 |',
    ].join('\n');
    expect(brokenTables(markdown)).toEqual([
      expect.stringMatching(/^row 4 of the table "\| A \| B \|" has 3 cells, the header 2/),
      expect.stringMatching(/^row 5 .* has 1 cells, the header 2/),
      'the table "| C | D |" has no separator row',
    ]);
  });

  it('an escaped pipe is no cell border, and tables in code blocks are examples', () => {
    expect(
      brokenTables(['| A | B |', '| --- | --- |', '| a \\| b | c |', '```', '| x |', '```'].join('\n')),
    ).toEqual([]);
  });

  it('a step missing from the table of steps, named wrongly, not in the app, or coming though it is there', () => {
    const table = (...rows: string[]) =>
      ['| Step in the Zap editor | Key | Kind | What it does |', '| --- | --- | --- | --- |', ...rows].join(
        '\n',
      );
    expect(
      stepTableProblems(
        table('| Payment Paid | `paid` | trigger | x |', '| Find Account | `find` | search | x |'),
        app,
      ),
    ).toEqual([]);
    expect(
      stepTableProblems(
        table(
          '| Find Acount | `find` | search | x |',
          '| Gone | `gone` | create | x |',
          '| Soon (coming) | `soon` | create | x |',
        ),
        app,
      ),
    ).toEqual([
      'Payment Paid (paid) is missing from the table of steps',
      'find is "Find Account" (search) in the app, "Find Acount" (search) in the table',
      'gone is in the table, not in the app',
    ]);
    expect(
      stepTableProblems(
        table('| Payment Paid (coming) | `paid` | trigger | x |', '| Find Account | `find` | search | x |'),
        app,
      ),
    ).toEqual(['paid is in the app now: check its row and recipe, and drop "(coming)"']);
  });

  it('a connection field missing from the connection table, and a row that is none', () => {
    const table = [
      '| Field | What to fill in |',
      '| --- | --- |',
      '| CRM token | x |',
      '| Password | x |',
    ].join('\n');
    expect(
      connectionTableProblems(table, [
        { key: 'crmToken', label: 'CRM token' },
        { key: 'crm', label: 'CRM' },
      ]),
    ).toEqual([
      'the connection field "CRM" is missing from the connection table',
      '"Password" in the connection table is no connection field',
    ]);
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
