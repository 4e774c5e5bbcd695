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
import {
  compatible,
  compoundAt,
  introOf,
  isSeries,
  joinedYear,
  ownMark,
  shapeOf,
  slashList,
  withoutNumberWord,
  type Intro,
} from './marks';
import { isStreetWord, noiseOf } from './noise';
import { tokenize, type NoiseKind, type Token } from './tokens';
import {
  COMPANY_ID_WORDS,
  foldWord,
  JOINER_SIGNS,
  JOINER_WORDS,
  NUMBER_WORDS,
  PLURAL_INVOICE_WORDS,
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

interface List {
  kind: 'invoice' | 'order';
  first: string;
  shape: string;
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

/** One pass over the tokens of one text; the state is what the last words said. */
class TextReader {
  readonly out: TextReading = { invoices: [], unmarked: [], orders: [], ignored: [] };
  private readonly seen = {
    invoice: new Set<string>(),
    unmarked: new Set<string>(),
    order: new Set<string>(),
  };
  private intro: { kind: Intro; plural: boolean; age: number } | undefined;
  private list: List | undefined;
  private hash = false;
  /** A series written before the number (`FPR 404/26`, `FR 2026/193`): part of it. */
  private series: string | undefined;
  /** Noise written in groups (a phone number, a reference): the next bare digit groups belong to it. */
  private run: NoiseKind | undefined;
  /** Where the last ignored entry starts, and its last token: one span is one entry. */
  private last = { start: 0, token: -2 };

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly options: ReadTextOptions,
  ) {
    this.reset();
  }

  read(): TextReading {
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      if (token.kind === 'sign') this.sign(token);
      else if (token.kind === 'word') i = this.word(i);
      else i = this.code(i);
    }
    return this.out;
  }

  private reset() {
    this.intro = this.options.assume
      ? { kind: this.options.assume, plural: !!this.options.plural, age: 0 }
      : undefined;
  }

  /** Canonical forms already computed in this text (repeated numbers are common, and cheap to look up). */
  private readonly canonicals = new Map<string, string | undefined>();

  private add(kind: 'invoice' | 'order' | 'unmarked', number: string, weak = false) {
    let canonical = this.canonicals.get(number);
    if (canonical === undefined && !this.canonicals.has(number)) {
      canonical = canonicalInvoiceNumber(number);
      this.canonicals.set(number, canonical);
    }
    if (!canonical || this.seen[kind].has(canonical)) return;
    this.seen[kind].add(canonical);
    const found: FoundNumber = weak ? { number, canonical, weak } : { number, canonical };
    (kind === 'invoice' ? this.out.invoices : kind === 'order' ? this.out.orders : this.out.unmarked).push(
      found,
    );
  }

  /** Records tokens `from`…`to` as noise; returns the last token index. */
  private ignore(kind: NoiseKind, from: number, to = from): number {
    const end = this.tokens[Math.min(to, this.tokens.length - 1)].end;
    const previous = this.out.ignored[this.out.ignored.length - 1];
    if (previous && previous.kind === kind && this.last.token === from - 1)
      previous.text = this.text.slice(this.last.start, end);
    else {
      this.last = { start: this.tokens[from].start, token: to };
      this.out.ignored.push({ text: this.text.slice(this.last.start, end), kind });
    }
    this.last.token = to;
    return to;
  }

  private sign(token: Token) {
    // A phone number or reference in groups ends at any sign but a glued - / . (`020-123`, `(0)20`).
    if (token.spaced || !'-/.()'.includes(token.text)) this.run = undefined;
    if (token.text === '#') this.hash = true;
    else if (JOINER_SIGNS.includes(token.text)) {
      const comma = token.text === ',' || token.text === ';';
      if (this.list) {
        this.list.joined = true;
        this.list.byComma = comma && !this.list.plural;
      }
      // A street keeps its number across a comma (`Rua Augusta, 136`).
      if (comma && this.intro?.kind !== 'street') this.reset();
    } else if (!FILLER_SIGNS.includes(token.text)) {
      this.reset();
      this.list = undefined;
    }
  }

  /** Whether a comma stands right before token `i`: what is noise there ends a list (`1001 et 1002, 1050 Ixelles`). */
  private afterComma(i: number): boolean {
    const before = this.tokens[i - 1];
    return before?.kind === 'sign' && before.text === ',';
  }

  /** A word: a joiner, a number word, a series, or what it says of the next number. Returns the last token index it used. */
  private word(i: number): number {
    const token = this.tokens[i];
    this.run = undefined;
    const compound = compoundAt(this.tokens, i);
    const compoundIntro = compound && introOf(compound.word, '');
    const word = compoundIntro ? compound.word : (token.folded ??= foldWord(token.text));
    const end = compoundIntro ? i + compound.span : i;
    if (this.list && JOINER_WORDS.has(word)) {
      this.list.joined = true;
      return end;
    }
    if (NUMBER_WORDS.has(word)) return end;
    if (!compoundIntro && isSeries(this.tokens, i, this.intro?.kind === 'invoice')) {
      this.series = token.text;
      return end;
    }
    // "Faktura VAT nr …" (Polish), "Rechnung MwSt": a tax word right after an invoice word qualifies it.
    if (this.intro?.kind === 'invoice' && COMPANY_ID_WORDS.has(word)) return end;
    const said = compoundIntro || introOf(word, token.text);
    if (said) this.intro = { kind: said, plural: PLURAL_INVOICE_WORDS.has(word), age: 0 };
    else if (isStreetWord(token)) this.intro = { kind: 'street', plural: false, age: 0 };
    else if (this.intro?.kind === 'street' && this.intro.age < 4) this.intro.age++;
    else this.reset();
    if (!(this.intro?.kind === 'street' && this.intro.age > 0)) this.list = undefined;
    this.hash = false;
    return end;
  }

  /** A number: invoice reference, order number, noise or unmarked. Returns the last token index it used. */
  private code(i: number): number {
    const token = this.tokens[i];
    const bare = withoutNumberWord(token.text);
    const prefix = this.series;
    const written = prefix ? `${prefix} ${bare}` : bare;
    const afterHash = this.hash;
    this.series = undefined;
    this.hash = false;
    if (this.run && token.spaced && /^\d+$/.test(written)) return this.ignore(this.run, i);
    this.run = undefined;

    const intro = this.intro;
    const list = this.list;
    const own = ownMark(written);
    const byWord = intro?.kind === 'invoice' || intro?.kind === 'order';
    const noise = noiseOf(this.tokens, i, !(byWord || list?.joined || own));
    const swallow = i + (noise?.swallow ?? 0);

    if (intro && !byWord) {
      // What the number says of itself as a whole (an IBAN, a phone number) is more precise than the word before it.
      const kind: NoiseKind =
        token.noise ?? (intro.kind === 'street' ? 'house number' : (intro.kind as NoiseKind));
      if (kind === 'phone' || kind === 'structured reference') this.run = kind;
      this.reset();
      this.list = undefined;
      return this.ignore(kind, i, swallow);
    }
    if (noise?.strong) {
      this.list = undefined;
      // A date-shaped number right after an invoice word ("FV 17/03/2026", Polish numbering) may be the
      // invoice number: it stays as an unmarked number (only the exact number with its amount counts);
      // under a metadata invoice key it is the invoice number.
      if (noise.kind !== 'date' || intro?.kind !== 'invoice') return this.ignore(noise.kind, i, swallow);
      this.add(this.options.assume ? 'invoice' : 'unmarked', written);
      return i;
    }
    const inList =
      !byWord &&
      !!list?.joined &&
      compatible(list.first, list.shape, written) &&
      !(noise && (noise.strong || list.byComma || this.afterComma(i)));
    const kind = byWord
      ? (intro!.kind as 'invoice' | 'order')
      : inList
        ? list!.kind
        : (own ?? (afterHash && !noise ? 'invoice' : undefined));
    const joined = joinedYear(this.tokens, i, kind ? written : bare);
    if (kind) {
      const weak = !byWord && (inList ? list!.weak : !own);
      const plural = intro?.plural ?? list?.plural ?? false;
      const parts = joined
        ? [joined.number]
        : kind === 'invoice'
          ? slashList(written, plural || !!this.options.plural)
          : [written];
      for (const part of parts) this.add(kind, part, weak);
      // The number without the series before it may still be the exact invoice number (`factuur van 2026-12`).
      if (prefix && !joined) this.add('unmarked', bare);
      this.list = {
        kind,
        first: parts[0],
        shape: shapeOf(parts[0]),
        plural,
        joined: false,
        byComma: false,
        weak,
      };
      this.reset();
      return joined ? i + 1 : i;
    }
    this.list = undefined;
    if (joined) {
      this.add('unmarked', joined.number);
      return i + 1;
    }
    if (noise) return this.ignore(noise.kind, i, swallow);
    if (prefix) this.add('unmarked', written);
    this.add('unmarked', bare);
    return i;
  }
}

/** Signs that keep what the word before said: `Factuur: 12`, `Rechnung Nr.-12`, `n° 12`, `(12)`. */
const FILLER_SIGNS = ':-–—(.°"\'“”';

/** Reads the numbers of one text (see the rules above). */
export const readText = (text: string, options: ReadTextOptions = {}): TextReading =>
  new TextReader(text, tokenize(text), options).read();
