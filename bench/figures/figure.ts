/** One quoted figure: how it is computed from the results files, and what it means. */
import type { Results } from './results';

export interface Figure {
  name: string;
  /** The results file it comes from. */
  from: string;
  /** What the figure means, in a sentence (docs/benchmarks.md lists them all). */
  meaning: string;
  render: (results: Results) => string;
  /** A block (a table, lines): written on lines of its own between the markers. */
  block?: boolean;
}

/** A figure quoted inside a sentence. */
export const inline = (name: string, from: string, meaning: string, render: Figure['render']): Figure => ({
  name,
  from,
  meaning,
  render,
});

/** A figure that is a table or a few lines of its own. */
export const block = (name: string, from: string, meaning: string, render: Figure['render']): Figure => ({
  name,
  from,
  meaning,
  render,
  block: true,
});

export const n = (value: number, digits = 0) =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const hours = (value: number) => `${value.toFixed(2)} h`;
export const seconds = (value: number) => `${value.toFixed(2)} s`;
/** "91–94", or "5" when all are the same. */
export const range = (values: number[], show: (value: number) => string = String) => {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? show(low) : `${show(low)}–${show(high)}`;
};
