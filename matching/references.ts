/**
 * Reading the numbers in payer text: which are invoice references, which are
 * order numbers, which are noise, and which are bare numbers nothing marks.
 * One pass over the tokens with a small state, so the cost is linear in the
 * length of the text (`#1, #1, …` included).
 *
 * - A number is an **invoice reference** when an invoice word stands before it
 *   (`Factuur`, `Rechnung Nr.`, `Facture n°`, `Fakturor`, `Lasku nro`, `nr faktury`…,
 *   see vocabulary.ts), when it carries an invoice code (`INV-…`, `RE-…`, `F2024-…`,
 *   `FV/…`), when it follows `#` with no other word before it (`#12`), or when it
 *   continues a list of such references (`Fakturor 2026-11, 2026-12`, `invoices 12 and 13`,
 *   `facturen 1001/1002`) with the same shape.
 * - A number after an order word (`Order #5520`, `Bestellung`, `commande`, `PO`) is an
 *   **order number**; after a customer, contract, booking, phone, tax or payment-reference
 *   word it is **noise**; so are dates, times, amounts, VAT rates, postcodes, house
 *   numbers, phone numbers, IBANs and structured references (noise.ts, tokens.ts).
 * - Any other number is **unmarked**: it may only count as the exact invoice number a
 *   CRM holds, with its amount (the engine's rule), never as a short form.
 */
import { canonicalInvoiceNumber } from './invoiceNumbers';
import { isStreetWord, noiseOf } from './noise';
import { tokenize, type NoiseKind, type Token } from './tokens';
import {
  AMOUNT_WORDS,
  COMPANY_ID_WORDS,
  CUSTOMER_WORDS,
  foldWord,
  INVOICE_CODES_ANY_CASE,
  INVOICE_CODES_UPPER,
  INVOICE_WORDS,
  JOINER_SIGNS,
  JOINER_WORDS,
  MONTH_WORDS,
  NUMBER_WORDS,
  ORDER_CODES_UPPER,
  ORDER_WORDS,
  OTHER_REFERENCE_WORDS,
  PAYMENT_REFERENCE_WORDS,
  PHONE_WORDS,
  PLURAL_INVOICE_WORDS,
  POSTCODE_WORDS,
} from './vocabulary';

export interface FoundNumber {
  /** The number as written (without a glued `Nr.` or `#`), e.g. `RE-2026-0024`, `2026/0621`. */
  number: string;
  /** Its canonical form (invoiceNumbers.ts). */
  canonical: string;
  /** Marked only by a `#` (`#12`, `#12, #13`): an order number elsewhere in the payment overrides it. */
  weak?: true;
}

export interface IgnoredNumber {
  text: string;
  kind: NoiseKind;
}

export interface TextReading {
  /** Invoice references the text marks as such, in the order written, without repeats. */
  invoices: FoundNumber[];
  /** Numbers nothing marks: each may only be the exact invoice number a CRM holds, with its amount. */
  unmarked: FoundNumber[];
  /** Order numbers (never invoice numbers). */
  orders: FoundNumber[];
  /** Numbers recognised as something else, with what they are. */
  ignored: IgnoredNumber[];
}

type Intro = 'invoice' | 'order' | Exclude<NoiseKind, 'email' | 'url' | 'date' | 'time' | 'vat rate' | 'iban'> | 'street';

/** What a word before a number says the number is. */
const introOf = (word: string, written: string): Intro | undefined => {
  if (INVOICE_WORDS.has(word) || (INVOICE_CODES_UPPER.has(written) && written.length > 1)) return 'invoice';
  if (ORDER_WORDS.has(word) || ORDER_CODES_UPPER.has(written)) return 'order';
  if (CUSTOMER_WORDS.has(word)) return 'customer number';
  if (OTHER_REFERENCE_WORDS.has(word)) return 'reference';
  if (PAYMENT_REFERENCE_WORDS.has(word)) return 'structured reference';
  if (PHONE_WORDS.has(word)) return 'phone';
  if (COMPANY_ID_WORDS.has(word)) return 'company id';
  if (POSTCODE_WORDS.has(word)) return 'postcode';
  if (AMOUNT_WORDS.has(word)) return 'amount';
  return undefined;
};

/** The shape of a number for list continuation: letter runs → A, digit runs → 9, separators kept. */
const shapeOf = (text: string) => text.replace(/\p{L}+/gu, 'A').replace(/\d+/g, '9');
const compatible = (first: string, next: string) =>
  shapeOf(first) === shapeOf(next) && (!/^\d+$/.test(first) || Math.abs(first.length - next.length) <= 1);

/** A code token's own mark: an invoice code (`RE-2026-0024`, `inv2024.0012`) or an order code (`ORD-5520`). */
const ownMark = (text: string): 'invoice' | 'order' | undefined => {
  const letters = /^(\p{L}+)(?=[-/._]?\d)/u.exec(text)?.[1];
  if (!letters) return undefined;
  const word = foldWord(letters);
  if (INVOICE_CODES_ANY_CASE.has(word) || INVOICE_WORDS.has(word) || (letters === letters.toUpperCase() && INVOICE_CODES_UPPER.has(letters))) return 'invoice';
  if (letters === letters.toUpperCase() && ORDER_CODES_UPPER.has(letters)) return 'order';
  return undefined;
};

/** `Nr.12`, `nº12`, `No12` → `12`: a number word glued to the number is no part of it. */
const withoutNumberWord = (text: string): string => {
  const match = /^(\p{L}+)[.]?(?=\d)/u.exec(text);
  return match && NUMBER_WORDS.has(foldWord(match[1])) ? text.slice(match[0].length) : text;
};

/**
 * `facturen 1001/1002` and `2026-11/2026-12` are lists; `2026/0621`, `2024/12` and
 * `VF/2026/0365` are one number. Parts split on `/` form a list when they all have the
 * same shape and are either compound (`2026-11`) or, after a plural word, close numbers.
 */
const slashList = (text: string, plural: boolean): string[] => {
  const parts = text.split('/');
  if (parts.length < 2 || parts.some((part) => !part || !/\d/.test(part))) return [text];
  if (!parts.every((part) => shapeOf(part) === shapeOf(parts[0]) && part.length === parts[0].length)) return [text];
  if (/[-._]/.test(parts[0]) || /\p{L}/u.test(parts[0])) return parts;
  const values = parts.map(Number);
  return plural && Math.max(...values) - Math.min(...values) <= 100 ? parts : [text];
};

/**
 * A series before a number: a short word (1–4 letters) no vocabulary knows, right before a
 * number with a separator (`FPR 404/26`, `FR 2026/193`). After an invoice word it must be in
 * capitals (`Fattura FPR 404/26`); without one any case will do (`fpr 409/26`, read as unmarked).
 */
const isSeries = (tokens: Token[], i: number, afterInvoiceWord: boolean): boolean => {
  const [token, next] = [tokens[i], tokens[i + 1]];
  if (next?.kind !== 'code' || !next.spaced || !/\p{L}/u.test(token.text) || token.text.length > 4) return false;
  const word = foldWord(token.text);
  if (introOf(word, token.text) || JOINER_WORDS.has(word) || NUMBER_WORDS.has(word) || MONTH_WORDS.has(word) || isStreetWord(token)) return false;
  return afterInvoiceWord ? /^\p{Lu}+$/u.test(token.text) : /[-/.]/.test(next.text) && /^\p{L}{2,4}$/u.test(token.text);
};

/** Adjacent words glued by `.` or `-` without spaces (`Re.-Nr.`, `Rg.-Nr.`, `Kd.-Nr.`): their folded join, and how many tokens it spans. */
const compoundAt = (tokens: Token[], i: number): { word: string; span: number } | undefined => {
  let word = foldWord(tokens[i].text);
  let j = i + 1;
  while (j < tokens.length && tokens[j].kind === 'sign' && '.-'.includes(tokens[j].text) && !tokens[j].spaced) j++;
  const next = tokens[j];
  if (j === i + 1 || next?.kind !== 'word' || next.spaced) return undefined;
  word += foldWord(next.text);
  return { word, span: j - i };
};

interface List {
  kind: 'invoice' | 'order';
  first: string;
  plural: boolean;
  joined: boolean;
  /** Joined by a comma after a singular word: a postcode may follow (`Rechnung 12345, 10115 Berlin`). */
  byComma: boolean;
  /** Started by a `#` alone. */
  weak: boolean;
}

export interface ReadTextOptions {
  /** Read the whole text as an invoice field (a metadata key said so): every number not noise is a reference. */
  assume?: 'invoice' | 'order';
  /** The field's name was plural (`invoices`), so `1001/1002` is a list. */
  plural?: boolean;
}

/** Reads the numbers of one text (see the rules above). */
export const readText = (text: string, options: ReadTextOptions = {}): TextReading => {
  const tokens = tokenize(text);
  const out: TextReading = { invoices: [], unmarked: [], orders: [], ignored: [] };
  const seen = { invoice: new Set<string>(), unmarked: new Set<string>(), order: new Set<string>() };
  const add = (kind: 'invoice' | 'order' | 'unmarked', number: string, weak = false) => {
    const canonical = canonicalInvoiceNumber(number);
    if (!canonical || seen[kind].has(canonical)) return;
    seen[kind].add(canonical);
    (kind === 'invoice' ? out.invoices : kind === 'order' ? out.orders : out.unmarked).push({ number, canonical, ...(weak ? { weak: true as const } : {}) });
  };
  /** One span (an IBAN, a phone number written in groups) is one entry: where the last entry starts, and its last token. */
  let last = { start: 0, token: -2 };
  const ignore = (kind: NoiseKind, from: number, to = from) => {
    const end = tokens[Math.min(to, tokens.length - 1)].end;
    const previous = out.ignored[out.ignored.length - 1];
    if (previous && previous.kind === kind && last.token === from - 1) previous.text = text.slice(last.start, end);
    else {
      last = { start: tokens[from].start, token: to };
      out.ignored.push({ text: text.slice(last.start, end), kind });
    }
    last.token = to;
  };

  let intro: { kind: Intro; plural: boolean; age: number } | undefined = options.assume ? { kind: options.assume, plural: !!options.plural, age: 0 } : undefined;
  let list: List | undefined;
  let hash = false;
  /** A series written before the number (`FPR 404/26`, `FR 2026/193`, `A 2026-12`): part of it. */
  let series: string | undefined;
  /** Codes still to skip as part of a noise run (a phone number or reference written in groups). */
  let run: NoiseKind | undefined;
  const reset = () => {
    intro = options.assume ? { kind: options.assume, plural: !!options.plural, age: 0 } : undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'sign') {
      if (token.text === '#') hash = true;
      else if (JOINER_SIGNS.includes(token.text)) {
        if (list) {
          list.joined = true;
          list.byComma = (token.text === ',' || token.text === ';') && !list.plural;
        }
        if (token.text === ',' || token.text === ';') reset();
        run = undefined;
      } else if (!':-–—(.°"\'“”'.includes(token.text)) {
        reset();
        list = undefined;
        run = undefined;
      }
      continue;
    }
    if (token.kind === 'word') {
      run = undefined;
      const compound = compoundAt(tokens, i);
      const compoundIntro = compound && introOf(compound.word, '');
      const word = compoundIntro ? compound.word : foldWord(token.text);
      if (compoundIntro) i += compound.span;
      if (list && JOINER_WORDS.has(word)) {
        list.joined = true;
        continue;
      }
      if (NUMBER_WORDS.has(word)) continue;
      if (!compoundIntro && isSeries(tokens, i, intro?.kind === 'invoice')) {
        series = token.text;
        continue;
      }
      // "Faktura VAT nr …" (Polish), "Rechnung MwSt": a tax word right after an invoice word qualifies it.
      if (intro?.kind === 'invoice' && COMPANY_ID_WORDS.has(word)) continue;
      const said = compoundIntro || introOf(word, token.text);
      if (said) {
        intro = { kind: said, plural: PLURAL_INVOICE_WORDS.has(word), age: 0 };
        list = undefined;
      } else if (isStreetWord(token)) {
        intro = { kind: 'street', plural: false, age: 0 };
        list = undefined;
      } else if (intro?.kind === 'street' && intro.age < 4) {
        intro.age++;
      } else {
        reset();
        list = undefined;
      }
      hash = false;
      continue;
    }

    // A code: what is it?
    const bare = withoutNumberWord(token.text);
    const prefix = series;
    series = undefined;
    const written = prefix ? `${prefix} ${bare}` : bare;
    const afterHash = hash;
    hash = false;
    if (run && token.spaced && /^\d+$/.test(written)) {
      ignore(run, i);
      continue;
    }
    run = undefined;
    const marked = intro?.kind === 'invoice' || intro?.kind === 'order' || (list?.joined ?? false) || ownMark(written) !== undefined;
    const noise = noiseOf(tokens, i, !marked);
    const skip = (kind: NoiseKind) => {
      ignore(kind, i, i + (noise?.swallow ?? 0));
      i += noise?.swallow ?? 0;
    };

    if (intro && intro.kind !== 'invoice' && intro.kind !== 'order') {
      // What the number says of itself as a whole (an IBAN, a phone number) is more precise than the word before it.
      const kind: NoiseKind = token.noise ?? (intro.kind === 'street' ? 'house number' : intro.kind);
      skip(kind);
      if (kind === 'phone' || kind === 'structured reference') run = kind;
      reset();
      list = undefined;
      continue;
    }
    if (noise?.strong) {
      // A date-shaped number right after an invoice word ("FV 17/03/2026", Polish numbering) may be the
      // invoice number: it stays, but only as an unmarked number (the exact number with its amount);
      // under a metadata invoice key it is the invoice number.
      if (noise.kind === 'date' && intro?.kind === 'invoice') add(options.assume ? 'invoice' : 'unmarked', written);
      else skip(noise.kind);
      list = undefined;
      continue;
    }
    const own = ownMark(written);
    const byWord = intro?.kind === 'invoice' || intro?.kind === 'order';
    const inList = !byWord && list?.joined && compatible(list.first, written) && !(list.byComma && noise);
    const kind: 'invoice' | 'order' | undefined = byWord ? (intro!.kind as 'invoice' | 'order') : inList ? list!.kind : (own ?? (afterHash && !noise ? 'invoice' : undefined));
    const weak = !byWord && (inList ? !!list?.weak : !own);
    if (kind) {
      const plural = intro?.plural ?? list?.plural ?? false;
      const joined = joinedYear(tokens, i, written);
      const parts = joined ? [joined.number] : kind === 'invoice' ? slashList(written, plural || !!options.plural) : [written];
      for (const part of parts) add(kind, part, weak);
      if (joined) i += 1;
      list = { kind, first: parts[0], plural, joined: false, byComma: false, weak };
      reset();
      continue;
    }
    list = undefined;
    const joined = joinedYear(tokens, i, bare);
    if (joined) {
      add('unmarked', joined.number);
      i += 1;
    } else if (noise) {
      skip(noise.kind);
    } else {
      if (prefix) add('unmarked', written);
      add('unmarked', bare);
    }
  }
  return out;
};

/**
 * `2026 0621`: a year and a number group written with a space, read as one number unless
 * the group is noise (`2026 10115 Berlin`); a group with a leading zero is no postcode here.
 */
const joinedYear = (tokens: Token[], i: number, written: string): { number: string } | undefined => {
  const next = tokens[i + 1];
  if (!/^20\d{2}$/.test(written) || next?.kind !== 'code' || !next.spaced || !/^\d{2,6}$/.test(next.text)) return undefined;
  const noise = next.noise ? { strong: true } : noiseOf(tokens, i + 1, false);
  if (noise && (noise.strong || !next.text.startsWith('0'))) return undefined;
  return { number: `${written} ${next.text}` };
};
