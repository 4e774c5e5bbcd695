/**
 * Numbers that are something other than a reference, recognised from the
 * number itself and its immediate neighbours (at most two tokens either
 * side, so the cost per number is constant): dates, times, amounts, VAT
 * rates, postcodes, house numbers, phone numbers, IBANs and structured
 * references written in one piece.
 */
import { normalIban } from './ibans';
import { isBelgianStructured, isCreditorReference, type NoiseKind, type Token } from './tokens';
import {
  AMOUNT_WORDS,
  COMPANY_ID_WORDS,
  CUSTOMER_WORDS,
  FUNCTION_WORDS,
  OTHER_REFERENCE_WORDS,
  PAYMENT_REFERENCE_WORDS,
  PHONE_WORDS,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  foldWord,
  INVOICE_WORDS,
  JOINER_WORDS,
  MONTH_WORDS,
  NUMBER_WORDS,
  ORDER_WORDS,
  PERCENT_WORDS,
  QUANTITY_WORDS,
  STREET_SUFFIXES,
  STREET_WORDS,
  TIME_WORDS,
} from './vocabulary';

/** How sure a noise reading is: strong noise wins even over an invoice word before the number, weak noise does not. */
export interface Noise {
  kind: NoiseKind;
  strong: boolean;
  /** How many tokens after this one belong to the same noise (the decimals of `121,00`, the minutes of `10:30`). */
  swallow?: number;
}

const validDay = (day: number, month: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
const validYear = (year: number) => year >= 1900 && year <= 2099;

/** Dates written in one piece: `15-03-2026`, `2026-03-15`, `15.03.26`, `3/15/2026`; also `20260315`, `2026-03`, `03/2026`, `15-03` when `unmarked`. */
export const dateKind = (text: string, unmarked: boolean): boolean => {
  let m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{2}|\d{4})$/.exec(text);
  if (m) return validDay(+m[1], +m[2]) || validDay(+m[2], +m[1]);
  m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(text);
  if (m) return validYear(+m[1]) && validDay(+m[3], +m[2]);
  if (!unmarked) return false;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return validYear(+m[1]) && validDay(+m[3], +m[2]);
  const validMonth = (month: number) => month >= 1 && month <= 12;
  m = /^(\d{4})[-./](\d{1,2})$/.exec(text);
  if (m) return validYear(+m[1]) && validMonth(+m[2]);
  m = /^(\d{1,2})[-./](\d{4})$/.exec(text);
  if (m) return validYear(+m[2]) && validMonth(+m[1]);
  m = /^(\d{1,2})[-./](\d{1,2})$/.exec(text);
  if (m) return validDay(+m[1], +m[2]);
  return /^(?:19|20)\d{2}$/.test(text);
};

const isWord = (token: Token | undefined): token is Token => token?.kind === 'word';
const glued = (next: Token | undefined): boolean => next !== undefined && !next.spaced;
const isSign = (token: Token | undefined, signs: string): token is Token =>
  token?.kind === 'sign' && signs.includes(token.text);
/** A word token folded once (cached on the token). */
const folded = (token: Token | undefined): string =>
  isWord(token) ? (token.folded ??= foldWord(token.text)) : '';

/**
 * A place name after a postcode (`Etterbeek`, `København`, `BRUXELLES`, and in lower-case text `amsterdam`):
 * any word after a space that is no word of ours (invoice, order, list, month or number words).
 */
const isPlaceName = (token: Token | undefined): boolean => {
  if (!isWord(token) || !token.spaced || token.text.length < 2) return false;
  const word = folded(token);
  return !NOT_PLACE_WORDS.some((words) => words.has(word));
};
/** Words that name no place: the vocabulary's own words, and the small words that follow a number in payer text (`1002 vom 12.11.`). */
const NOT_PLACE_WORDS: ReadonlyArray<ReadonlySet<string>> = [
  INVOICE_WORDS,
  ORDER_WORDS,
  JOINER_WORDS,
  MONTH_WORDS,
  NUMBER_WORDS,
  CURRENCY_WORDS,
  CUSTOMER_WORDS,
  OTHER_REFERENCE_WORDS,
  PAYMENT_REFERENCE_WORDS,
  PHONE_WORDS,
  COMPANY_ID_WORDS,
  AMOUNT_WORDS,
  QUANTITY_WORDS,
  TIME_WORDS,
  FUNCTION_WORDS,
];

export const isStreetWord = (token: Token | undefined): boolean => {
  if (!isWord(token)) return false;
  const word = folded(token);
  return (
    STREET_WORDS.has(word) || (word.length > 4 && STREET_SUFFIXES.some((suffix) => word.endsWith(suffix)))
  );
};

const isCurrency = (token: Token | undefined): boolean =>
  (token?.kind === 'sign' && CURRENCY_SYMBOLS.includes(token.text)) ||
  (isWord(token) && CURRENCY_WORDS.has(folded(token)));
const isAmountWord = (token: Token | undefined): boolean => isWord(token) && AMOUNT_WORDS.has(folded(token));

const DIGITS = /^\d+$/;

/**
 * What a code token is when it is noise, from itself and its neighbours;
 * undefined when it may be a reference. `unmarked` says no invoice or order
 * word stands before it (then more shapes count as noise: a lone year, a
 * month `2026-03`, a decimal `12.50`, a domestic phone number).
 */
export const noiseOf = (tokens: Token[], i: number, unmarked: boolean): Noise | undefined => {
  const token = tokens[i];
  if (token.noise) return { kind: token.noise, strong: true };
  return DIGITS.test(token.text) ? digitNoise(tokens, i, unmarked) : shapedNoise(tokens, i, unmarked);
};

const isMonth = (token: Token | undefined) => isWord(token) && MONTH_WORDS.has(folded(token));
const amountAround = (tokens: Token[], i: number) =>
  isCurrency(tokens[i - 1]) ||
  isCurrency(tokens[i + 1]) ||
  isAmountWord(tokens[i - 1]) ||
  (isSign(tokens[i - 1], ':') && isAmountWord(tokens[i - 2]));
/** `121,00`, `1.234,56`, `12,-`: a comma glued to decimals after the number. */
const decimalsAfter = (tokens: Token[], i: number): boolean => {
  const [after, after2] = [tokens[i + 1], tokens[i + 2]];
  return (
    isSign(after, ',') &&
    glued(after) &&
    ((after2?.kind === 'code' && glued(after2) && /^\d{2}$/.test(after2.text)) || isSign(after2, '-'))
  );
};
/** `12 rue de la Paix`, `16, rue …`, `32 Patrick Street`: a number before a street word (one name word may stand between). */
const houseNumberBefore = (tokens: Token[], i: number) =>
  isStreetWord(tokens[i + 1]) ||
  (isSign(tokens[i + 1], ',') && isStreetWord(tokens[i + 2])) ||
  (isWord(tokens[i + 1]) && isStreetWord(tokens[i + 2]));

/** A number of digits only: the common case, checked with the fewest tests. */
const digitNoise = (tokens: Token[], i: number, unmarked: boolean): Noise | undefined => {
  const text = tokens[i].text;
  const length = text.length;
  const [before, after, after2] = [tokens[i - 1], tokens[i + 1], tokens[i + 2]];
  if (length <= 2) {
    // 10:30 · 21% · 21 procent · 15 maart · 15. März
    if (
      isSign(after, ':') &&
      glued(after) &&
      after2?.kind === 'code' &&
      glued(after2) &&
      /^\d{2}$/.test(after2.text)
    )
      return { kind: 'time', strong: true, swallow: 2 };
    if (isSign(after, '%') || PERCENT_WORDS.has(folded(after))) return { kind: 'vat rate', strong: true };
    if (+text >= 1 && +text <= 31 && (isMonth(after) || (isSign(after, '.') && isMonth(after2))))
      return { kind: 'date', strong: true };
    // The minutes of 14:15 when the hour was read as something else.
    if (
      length === 2 &&
      isSign(before, ':') &&
      !before.spaced &&
      !tokens[i].spaced &&
      tokens[i - 2]?.kind === 'code' &&
      /^\d{1,2}$/.test(tokens[i - 2].text)
    )
      return { kind: 'time', strong: true };
  }
  if (decimalsAfter(tokens, i)) return { kind: 'amount', strong: true, swallow: 2 };
  if (amountAround(tokens, i)) return { kind: 'amount', strong: true };
  if (length <= 4 && (isMonth(before) || (isSign(before, '.,') && isMonth(tokens[i - 2]))))
    return { kind: 'date', strong: true };
  // 1043 AB · 1050 Etterbeek · 10115 Berlin · 114 55 Stockholm
  if (
    length === 4 &&
    text[0] !== '0' &&
    isWord(after) &&
    after.spaced &&
    /^[A-Z]{2}$/.test(after.text) &&
    !JOINER_WORDS.has(folded(after))
  )
    return { kind: 'postcode', strong: true };
  if ((length === 4 || length === 5) && isPlaceName(after)) return { kind: 'postcode', strong: false };
  if (
    length === 3 &&
    after?.kind === 'code' &&
    after.spaced &&
    /^\d{2}$/.test(after.text) &&
    isPlaceName(after2)
  )
    return { kind: 'postcode', strong: false, swallow: 1 };
  if (length <= 4 && houseNumberBefore(tokens, i)) return { kind: 'house number', strong: false };
  // 2 x 10 stuks · 3 Stück · 10 × 12,50
  if (
    length <= 4 &&
    (QUANTITY_WORDS.has(folded(after)) ||
      isSign(after, '×*') ||
      folded(before) === 'x' ||
      isSign(before, '×*'))
  )
    return { kind: 'quantity', strong: false };
  if (!unmarked) return undefined;
  // 0612345678 · 06 12345678 · a lone year · 20260315
  if (text[0] === '0' && (length === 10 || length === 11)) return { kind: 'phone', strong: true };
  if (
    text[0] === '0' &&
    length >= 2 &&
    length <= 4 &&
    after?.kind === 'code' &&
    after.spaced &&
    /^\d{6,8}$/.test(after.text)
  )
    return { kind: 'phone', strong: true, swallow: 1 };
  return (length === 4 || length === 8) && dateKind(text, true) ? { kind: 'date', strong: false } : undefined;
};

/** A number with letters or separators. */
const shapedNoise = (tokens: Token[], i: number, unmarked: boolean): Noise | undefined => {
  const text = tokens[i].text;
  const [before, after] = [tokens[i - 1], tokens[i + 1]];
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/i.test(text) && normalIban(text)) return { kind: 'iban', strong: true };
  if (/^\d{3}\/\d{4}\/\d{5}$/.test(text) && isBelgianStructured(text))
    return { kind: 'structured reference', strong: true };
  if (/^RF\d{2}/i.test(text) && isCreditorReference(text))
    return { kind: 'structured reference', strong: true };
  // 14h30 · 10.30 uur · kl. 10.30
  if (/^\d{1,2}h\d{2}$/i.test(text)) return { kind: 'time', strong: true };
  if (/^\d{1,2}[.:]\d{2}$/.test(text) && (TIME_WORDS.has(folded(after)) || TIME_WORDS.has(folded(before))))
    return { kind: 'time', strong: true };
  // 13.5% · 1.234,56 · 121.00 EUR · 1.250 (thousands)
  if (/^\d{1,2}[.,]\d{1,2}$/.test(text) && (isSign(after, '%') || PERCENT_WORDS.has(folded(after))))
    return { kind: 'vat rate', strong: true };
  if (/^\d[\d.]*$/.test(text)) {
    if (decimalsAfter(tokens, i)) return { kind: 'amount', strong: true, swallow: 2 };
    if (amountAround(tokens, i)) return { kind: 'amount', strong: true };
    if (unmarked && (/^\d{1,3}(?:\.\d{3})+$/.test(text) || /^\d+\.\d{2}$/.test(text)))
      return { kind: 'amount', strong: false };
  }
  if (dateKind(text, false)) return { kind: 'date', strong: true };
  // 1043AB · 00-950 Warszawa · 1000-001 Lisboa · B-1050 Brussel
  if (/^\d{4}[A-Z]{2}$/.test(text) && !/^(?:19|20)/.test(text)) return { kind: 'postcode', strong: true };
  if (/^(?:\d{2}-\d{3}|\d{4}-\d{3}|[A-Z]{1,2}-\d{4,5})$/.test(text) && isPlaceName(after))
    return { kind: 'postcode', strong: false };
  if (/^\d{1,4}[a-z]$/i.test(text) && houseNumberBefore(tokens, i))
    return { kind: 'house number', strong: false };
  if (!unmarked) return undefined;
  // 06-12345678 · 020-1234567 · 2026-03 · 15-03
  if (/^0\d{1,3}-\d{6,8}$/.test(text)) return { kind: 'phone', strong: true };
  return dateKind(text, true) ? { kind: 'date', strong: false } : undefined;
};
