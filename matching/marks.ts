/**
 * What marks a number in payer text: the word before it (`introOf`), a code
 * of its own (`ownMark`), a series before it, the shape it shares with the
 * number before it in a list. Small pure helpers of references.ts; each looks
 * at a bounded number of tokens.
 */
import { isStreetWord, noiseOf } from './noise';
import type { NoiseKind, Token } from './tokens';
import {
  AMOUNT_WORDS,
  COMPANY_ID_WORDS,
  CUSTOMER_WORDS,
  foldWord,
  INVOICE_CODES_ANY_CASE,
  INVOICE_CODES_UPPER,
  INVOICE_WORDS,
  JOINER_WORDS,
  MONTH_WORDS,
  NUMBER_WORDS,
  ORDER_CODES_UPPER,
  ORDER_WORDS,
  OTHER_REFERENCE_WORDS,
  PAYMENT_REFERENCE_WORDS,
  PHONE_WORDS,
  POSTCODE_WORDS,
} from './vocabulary';

export type Intro =
  | 'invoice'
  | 'order'
  | Exclude<NoiseKind, 'email' | 'url' | 'date' | 'time' | 'vat rate' | 'iban'>
  | 'street';

/** What a word before a number says the number is. */
export const introOf = (word: string, written: string): Intro | undefined => {
  if (INVOICE_WORDS.has(word) || (INVOICE_CODES_UPPER.has(written) && written.length > 1)) return 'invoice';
  if (ORDER_WORDS.has(word) || ORDER_CODES_UPPER.has(written)) return 'order';
  if (CUSTOMER_WORDS.has(word)) return 'customer number';
  if (OTHER_REFERENCE_WORDS.has(word)) return 'reference';
  if (PAYMENT_REFERENCE_WORDS.has(word)) return 'structured reference';
  if (PHONE_WORDS.has(word)) return 'phone';
  if (COMPANY_ID_WORDS.has(word)) return 'company id';
  if (POSTCODE_WORDS.has(word)) return 'postcode';
  if (AMOUNT_WORDS.has(word)) return 'amount';
  // A word with a number word glued to it says what its stem says: `Medlemsnr`, `Lidnr.`, `debnr`, `Kundnr`.
  const stem = NUMBER_SUFFIX.exec(word)?.[1];
  return stem
    ? (introOf(stem, '') ?? (stem.endsWith('s') ? introOf(stem.slice(0, -1), '') : undefined))
    : undefined;
};
/** A folded word ending in a number word, with at least two letters before it: `medlemsnr` → `medlems`. */
const NUMBER_SUFFIX = /^(\p{L}{2,}?)(?:nummer|number|numero|nro|nr|no|id)$/u;

/** The shape of a number for list continuation: letter runs → A, digit runs → 9, any separator → -. */
export const shapeOf = (text: string) =>
  text
    .replace(/\p{L}+/gu, 'A')
    .replace(/\d+/g, '9')
    .replace(/[-/._'’ ]/g, '-');
/** Whether `next` continues a list begun by `first` (whose shape is `firstShape`): the same shape, and for plain numbers about the same length. */
export const compatible = (first: string, firstShape: string, next: string) =>
  firstShape === shapeOf(next) && (!/^\d+$/.test(first) || Math.abs(first.length - next.length) <= 1);

/** A code token's own mark: an invoice code (`RE-2026-0024`, `inv2024.0012`) or an order code (`ORD-5520`). */
export const ownMark = (text: string): 'invoice' | 'order' | undefined => {
  const letters = /^(\p{L}+)(?=[-/._]?\d)/u.exec(text)?.[1];
  if (!letters) return undefined;
  const word = foldWord(letters);
  if (
    INVOICE_CODES_ANY_CASE.has(word) ||
    INVOICE_WORDS.has(word) ||
    (letters === letters.toUpperCase() && INVOICE_CODES_UPPER.has(letters))
  )
    return 'invoice';
  if (letters === letters.toUpperCase() && ORDER_CODES_UPPER.has(letters)) return 'order';
  return undefined;
};

/** `Nr.12`, `nº12`, `No12` → `12`: a number word glued to the number is no part of it. */
export const withoutNumberWord = (text: string): string => {
  const match = /^(\p{L}+)[.]?(?=\d)/u.exec(text);
  return match && NUMBER_WORDS.has(foldWord(match[1])) ? text.slice(match[0].length) : text;
};

/**
 * `facturen 1001/1002` and `2026-11/2026-12` are lists; `2026/0621`, `2024/12` and
 * `VF/2026/0365` are one number. Parts split on `/` form a list when they all have the
 * same shape and are either compound (`2026-11`) or, after a plural word, close numbers.
 */
export const slashList = (text: string, plural: boolean): string[] => {
  const parts = text.split('/');
  if (parts.length < 2 || parts.some((part) => !part || !/\d/.test(part))) return [text];
  if (!parts.every((part) => shapeOf(part) === shapeOf(parts[0]) && part.length === parts[0].length))
    return [text];
  if (/[-._]/.test(parts[0]) || /\p{L}/u.test(parts[0])) return parts;
  const values = parts.map(Number);
  return plural && Math.max(...values) - Math.min(...values) <= 100 ? parts : [text];
};

/**
 * A series before a number: a short word (1–4 letters) no vocabulary knows, right before a
 * number (`FPR 404/26`, `FR 2026/193`). After an invoice word: in capitals, or in any case before a number
 * with a separator (`fattura fpr 404/26`); without one: 2–4 letters before a number with a separator
 * (`fpr 409/26`, read as unmarked).
 */
export const isSeries = (tokens: Token[], i: number, afterInvoiceWord: boolean): boolean => {
  const [token, next] = [tokens[i], tokens[i + 1]];
  if (next?.kind !== 'code' || !next.spaced || !/\p{L}/u.test(token.text) || token.text.length > 4)
    return false;
  const word = foldWord(token.text);
  if (
    introOf(word, token.text) ||
    JOINER_WORDS.has(word) ||
    NUMBER_WORDS.has(word) ||
    MONTH_WORDS.has(word) ||
    isStreetWord(token)
  )
    return false;
  const structured = /[-/.]/.test(next.text);
  return afterInvoiceWord
    ? /^\p{Lu}+$/u.test(token.text) || structured
    : structured && /^\p{L}{2,4}$/u.test(token.text);
};

/** Adjacent words glued by `.` or `-` without spaces (`Re.-Nr.`, `Rg.-Nr.`, `Kd.-Nr.`): their folded join, and how many tokens it spans. */
export const compoundAt = (tokens: Token[], i: number): { word: string; span: number } | undefined => {
  let word = foldWord(tokens[i].text);
  let j = i + 1;
  while (j < tokens.length && tokens[j].kind === 'sign' && '.-'.includes(tokens[j].text) && !tokens[j].spaced)
    j++;
  const next = tokens[j];
  if (j === i + 1 || next?.kind !== 'word' || next.spaced) return undefined;
  word += foldWord(next.text);
  return { word, span: j - i };
};

/**
 * `2026 0621`: a year and a number group written with a space, read as one number unless
 * the group is noise (`2026 10115 Berlin`); a group with a leading zero is no postcode here.
 */
export const joinedYear = (tokens: Token[], i: number, written: string): { number: string } | undefined => {
  const next = tokens[i + 1];
  if (!/^20\d{2}$/.test(written) || next?.kind !== 'code' || !next.spaced || !/^\d{2,6}$/.test(next.text))
    return undefined;
  const noise = next.noise ? { strong: true } : noiseOf(tokens, i + 1, false);
  if (noise && (noise.strong || !next.text.startsWith('0'))) return undefined;
  return { number: `${written} ${next.text}` };
};
