/**
 * Splitting payer text into tokens in one pass, and marking the spans that
 * are noise as a whole (IBANs, structured payment references, international
 * phone numbers, e-mail addresses, links, timestamps) before any number in
 * them is looked at. Every pattern here has bounded repetition, so the cost
 * is linear in the length of the text.
 */
import { normalIban } from './ibans';

export type NoiseKind =
  | 'postcode'
  | 'house number'
  | 'date'
  | 'time'
  | 'amount'
  | 'vat rate'
  | 'phone'
  | 'iban'
  | 'structured reference'
  | 'customer number'
  | 'reference'
  | 'company id'
  | 'quantity'
  | 'email'
  | 'url';

export interface Token {
  kind: 'word' | 'code' | 'sign';
  text: string;
  start: number;
  end: number;
  /** Whether whitespace separates it from the token before. */
  spaced: boolean;
  /** Set when a whole-span pattern covers the token. */
  noise?: NoiseKind;
  /** A word's folded form, once computed (vocabulary.ts `foldWord`). */
  folded?: string;
}

/** Letters and digits joined by single `-`, `/`, `.`, `_` or apostrophes; or one other visible character. */
const TOKEN = /[\p{L}\p{N}]+(?:[-/._'’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** ISO 7064 mod 97-10 over a reference whose letters count A=10 … Z=35 (IBAN and RF creditor references). */
const mod97 = (text: string): number => {
  let rest = 0;
  for (const char of text) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest;
};

/** An RF creditor reference (ISO 11649): `RF18 5390 0754 7034`, `RF18539007547034`. */
export const isCreditorReference = (text: string): boolean => {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  return /^RF\d{2}[A-Z0-9]{1,21}$/.test(compact) && mod97(`${compact.slice(4)}${compact.slice(0, 4)}`) === 1;
};

/** A Belgian structured communication (OGM/VCS): `090/9337/55493`, the last two digits the first ten mod 97 (0 → 97). */
export const isBelgianStructured = (text: string): boolean => {
  const digits = text.replace(/\D/g, '');
  if (digits.length !== 12) return false;
  const check = Number(BigInt(digits.slice(0, 10)) % 97n) || 97;
  return check === Number(digits.slice(10));
};

interface SpanRule {
  kind: NoiseKind;
  /** A cheap test of the whole text: the pattern runs only when it passes. */
  when: RegExp;
  pattern: RegExp;
  /** The longest valid prefix of the match, or undefined when none is valid. */
  accept?: (match: string) => string | undefined;
}

/** Drops trailing groups until the check passes (a pattern may run into the next word). */
const longestValid = (check: (text: string) => boolean) => (match: string) => {
  for (let text = match; text; text = text.replace(/[\s-]*[A-Za-z0-9]{1,4}$/, '')) {
    if (check(text)) return text;
    if (!/[\s-]/.test(text)) return undefined;
  }
  return undefined;
};

const SPAN_RULES: SpanRule[] = [
  { kind: 'email', when: /@/, pattern: /[^\s<>()[\]"',;:@]{1,64}@[^\s<>()[\]"',;:@]{1,253}/g },
  { kind: 'url', when: /https?:|www\./i, pattern: /\b(?:https?:\/\/|www\.)[^\s]{1,2000}/gi },
  {
    kind: 'date',
    when: /\d:\d/,
    pattern: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?/g,
  },
  {
    kind: 'structured reference',
    when: /[+*]{3}/,
    pattern: /[+*]{3}\s{0,2}\d{3}\s{0,2}\/\s{0,2}\d{4}\s{0,2}\/\s{0,2}\d{5}\s{0,2}[+*]{3}/g,
  },
  {
    kind: 'structured reference',
    when: /RF\d\d/i,
    pattern: /\bRF\d{2}(?:[ -]?(?!RF\d\d)[A-Z0-9]{1,4}){1,6}\b/gi,
    accept: longestValid(isCreditorReference),
  },
  {
    kind: 'iban',
    when: /[A-Z]{2}\d\d/i,
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/gi,
    accept: longestValid((text) => normalIban(text) !== undefined),
  },
  {
    kind: 'phone',
    when: /\+\d|00\d/,
    pattern: /(?<![\w+])(?:\+\d{1,3}|00\d{2,3}(?=[ .\-/(]))(?:[ .\-/]?\(?\d{1,4}\)?){2,6}/g,
    // Groups joined by slashes only are a date or an invoice number (`0042/11/2026`), never a phone number.
    accept: (text) =>
      text.replace(/\D/g, '').length >= 8 && !/^\d+(?:\/\d+)+$/.test(text) ? text : undefined,
  },
];

/** The spans of the text that are noise as a whole, sorted by start. */
const noiseSpans = (text: string): Array<{ start: number; end: number; kind: NoiseKind }> => {
  const spans: Array<{ start: number; end: number; kind: NoiseKind }> = [];
  for (const rule of SPAN_RULES) {
    if (!rule.when.test(text)) continue;
    const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const accepted = rule.accept ? rule.accept(match[0]) : match[0];
      if (accepted) spans.push({ start: match.index, end: match.index + accepted.length, kind: rule.kind });
      // Go on right after what was accepted, or one character on when nothing was: a span may start inside a
      // rejected match ("RF19 9187 … IBAN FR92 …"). Each pattern is bounded, so this stays linear.
      pattern.lastIndex = match.index + Math.max(accepted?.length ?? 0, 1);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
};

/** The tokens of a text, with the noise spans marked on the tokens they cover. */
export const tokenize = (text: string): Token[] => {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const value = match[0];
    const start = match.index!;
    const kind = /\d/.test(value) || /\p{N}/u.test(value) ? 'code' : /^\p{L}/u.test(value) ? 'word' : 'sign';
    tokens.push({ kind, text: value, start, end: start + value.length, spaced: start > previousEnd });
    previousEnd = start + value.length;
  }
  const spans = noiseSpans(text);
  let first = 0;
  for (const span of spans) {
    while (first < tokens.length && tokens[first].end <= span.start) first++;
    for (let i = first; i < tokens.length && tokens[i].start < span.end; i++) tokens[i].noise ??= span.kind;
  }
  return tokens;
};
