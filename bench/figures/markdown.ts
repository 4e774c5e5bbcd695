/** Reading markdown tables: the results files' (bench/results/*.md) and the README's. */

/** The cells of a table row; an escaped pipe (`\|`) is no cell border. */
export const cellsOf = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());

/** A markdown table: its header cells, its rows as header → cell, and its lines as written. */
export interface MdTable {
  header: string[];
  rows: Array<Record<string, string>>;
  lines: string[];
}

/** The first table in a markdown text whose first header cell is `firstHeader`, or undefined. */
export const findTable = (markdown: string, firstHeader: string): MdTable | undefined => {
  const lines = markdown.split('\n');
  const isRow = (line: string) => line.trim().startsWith('|');
  const start = lines.findIndex((line) => isRow(line) && cellsOf(line)[0] === firstHeader);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && !isRow(line));
  const tableLines = lines.slice(start, end < 0 ? undefined : end);
  const header = cellsOf(tableLines[0]);
  const rows = tableLines
    .slice(2)
    .map((line) => Object.fromEntries(cellsOf(line).map((cell, index) => [header[index], cell])));
  return { header, rows, lines: tableLines };
};

/** The same, for a table that must be there. */
export const mdTable = (markdown: string, firstHeader: string): MdTable => {
  const table = findTable(markdown, firstHeader);
  if (!table) throw new Error(`no table starting with "${firstHeader}"`);
  return table;
};
