/**
 * Every figure the README and docs/ quote, each computed from a results file in bench/results/, never typed
 * by hand. In the markdown a figure stands between `<!-- fig:NAME -->` and `<!-- /fig -->`; `npx tsx bench/docs.ts`
 * writes the current values there, and test/docs.test.ts fails when a quoted figure and its results file disagree.
 */
import { block, type Figure } from './figure';
import { MATCHING_FIGURES } from './matching';
import { OPERATION_FIGURES } from './operations';
import { QUALITY_FIGURES } from './quality';
import type { Results } from './results';
import { TRIGGER_FIGURES } from './triggers';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const NAMED: Figure[] = [...TRIGGER_FIGURES, ...OPERATION_FIGURES, ...QUALITY_FIGURES, ...MATCHING_FIGURES];

/** Every figure a document may quote, the glossary of the inline ones included. */
export const FIGURES: Figure[] = [
  ...NAMED,
  block(
    'figures.glossary',
    'bench/figures/',
    'Every figure quoted in a sentence: its value, its file and its meaning.',
    (r) =>
      [
        '| Figure | Value | From | Meaning |',
        '| --- | --- | --- | --- |',
        ...NAMED.filter((figure) => !figure.block).map(
          (figure) =>
            `| \`${figure.name}\` | ${cell(figure.render(r))} | ${figure.from} | ${cell(figure.meaning)} |`,
        ),
      ].join('\n'),
  ),
];

const BY_NAME = new Map(FIGURES.map((figure) => [figure.name, figure]));
/** A quoted figure; a marker written in `code` (right after a backtick) is an example, not a figure. */
const MARKER = /(?<!`)<!-- fig:([\w.-]+) -->([\s\S]*?)<!-- \/fig -->/g;

/** What stands between the markers of a figure. */
export const figureText = (name: string, results: Results): string => {
  const figure = BY_NAME.get(name);
  if (!figure) throw new Error(`unknown figure "${name}" (bench/figures/ lists them)`);
  const text = figure.render(results);
  return figure.block ? `\n${text}\n` : text;
};

/** The markdown with every quoted figure rewritten from the results. */
export const fillFigures = (markdown: string, results: Results): string =>
  markdown.replace(
    MARKER,
    (_all, name: string) => `<!-- fig:${name} -->${figureText(name, results)}<!-- /fig -->`,
  );

/** Quoted figures that are unknown or differ from their results file, and markers left open. */
export const figureProblems = (markdown: string, results: Results): string[] => {
  const problems: string[] = [];
  for (const [, name, quoted] of markdown.matchAll(MARKER)) {
    if (!BY_NAME.has(name)) problems.push(`unknown figure "${name}"`);
    else if (quoted !== figureText(name, results)) {
      const wanted = figureText(name, results).trim();
      problems.push(
        `figure "${name}" says "${quoted.trim().slice(0, 80)}", its results file "${wanted.slice(0, 80)}"`,
      );
    }
  }
  const opened = [...markdown.matchAll(/(?<!`)<!-- fig:/g)].length;
  const closed = [...markdown.matchAll(/(?<!`)<!-- \/fig -->/g)].length;
  if (opened !== closed) problems.push(`${opened} figure markers opened, ${closed} closed`);
  return problems;
};

/** The text of a markdown document outside figure markers, code blocks and HTML comments: what no generator wrote. */
export const unquotedText = (markdown: string): string =>
  markdown
    .replace(MARKER, ' ')
    .replace(/^```[\s\S]*?^```/gm, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');

/** The names of the figures a markdown text quotes. */
export const quotedFigures = (markdown: string): string[] =>
  [...markdown.matchAll(MARKER)].map(([, name]) => name);
