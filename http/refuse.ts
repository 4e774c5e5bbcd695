import { errors } from 'zapier-platform-core';
import { shorten } from './text';

/**
 * Refuses bad input before any request is sent, with a message that starts
 * with the field's label, e.g. "Amount "12,50" uses a comma. …".
 */
export const refuse = (
  field: string,
  problem: string,
  code: 'InvalidInput' | 'InvalidCredential' = 'InvalidInput',
): never => {
  throw new errors.Error(`${field} ${problem}`, code, 400);
};

type Code = 'InvalidInput' | 'InvalidCredential';

/**
 * Line breaks of every kind (\n \r \v \f, NEL U+0085, U+2028, U+2029), tabs and every other
 * C0 and C1 control character: never part of a one-line value, a way to inject headers or lines.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Control characters no text needs (a multi-line text keeps its tabs and line feeds). */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What a browser would read as markup: a tag, opened or closed, with or without whitespace after
 * its name (<svg/onload=…>, <img/src=x>, <a\nhref>, an unclosed <img src=x), a comment, doctype,
 * CDATA or processing instruction, and script URLs. "a < b", "<3" and "Jan <jan@x.nl>" are text.
 */
const MARKUP = [
  /<\/?[a-z][a-z0-9-]*(?=[\s/>]|$)/i,
  /<![a-z[-]/i,
  /<\?[a-z]/i,
  /\b(?:java|vb|live)[\s\u0000]*script[\s\u0000]*:/i,
  /\bdata[\s\u0000]*:[\s\u0000]*text\/html/i,
];

/** What a broken mapping leaves in a field: JavaScript's words for no value, never a real one. */
const PLACEHOLDER = /^(?:[+-]?(?:nan|infinity)|null|undefined|\[object object\])$/i;

const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** A value as a message may repeat it: cut short between whole characters, with control characters, line breaks and direction controls shown as "?". */
export const shown = (text: string, max: number): string => shorten(text, max).replace(CONTROLS, '?');

/**
 * What Zapier leaves in a field when a mapping had no value to fill in: `{{123__field}}`
 * (step id, two underscores, the field's path), the whole value or inside text.
 */
const UNFILLED_MAPPING = /\{\{\s*\d+__[^{}\r\n]{0,200}?\}\}/;

/** Refuses a value (text, or a list of texts) holding a mapping Zapier could not fill in: it is never searched, created or sent. */
export const refuseUnfilledMapping = <T>(value: T, field: string, code?: Code): T => {
  const texts = (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string',
  );
  for (const text of texts) {
    const mapping = UNFILLED_MAPPING.exec(text)?.[0];
    if (mapping) {
      refuse(
        field,
        `holds ${shown(mapping, 60)}, a mapping Zapier could not fill in: the step it points to gave no value for it. Map the field again, or check that step's output.`,
        code,
      );
    }
  }
  return value;
};

/**
 * Direction controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates) make text
 * read differently from what it is ("invoice‮fdp.exe"): never in text a person or payer sees.
 */
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** Refuses HTML, invisible control characters and direction controls in a text field (shown by a vendor to people, where markup does not belong). */
export const refuseMarkup = (text: string, field: string, code?: Code): string => {
  refuseUnfilledMapping(text, field, code);
  if (CONTROL_IN_TEXT.test(text))
    return refuse(field, 'contains an invisible control character. Enter plain text.', code);
  if (DIRECTION_CONTROL.test(text)) {
    return refuse(
      field,
      'contains a text direction control (U+202A–U+202E or U+2066–U+2069), which makes text read differently from what it is. Enter it without.',
      code,
    );
  }
  return MARKUP.some((pattern) => pattern.test(text))
    ? refuse(field, 'contains HTML (a tag such as <script>). Enter plain text.', code)
    : text;
};

/** Percent-decodes while anything is left to decode (at most a few times), so %252e reads as "." too; an invalid escape stays as it is. */
const decodedFully = (text: string): string => {
  let current = text;
  for (let round = 0; round < 4 && current.includes('%'); round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) break;
    current = next;
  }
  return current;
};

const isDots = (part: string) => part === '.' || part === '..';
/** True when the text, or one of its "/"-separated parts, is "." or ".." once decoded: what a URL drops or climbs up by. */
export const hasDotSegment = (text: string): boolean => decodedFully(text.trim()).split(/[/\\]/).some(isDots);

/**
 * Refuses an id that a web address would normalise away (".", "..", %2e and other encoded forms): it could
 * name another record. `whole: true` looks at the value as a whole only (a field whose own check reads its parts).
 */
export const refuseDotSegments = (
  text: string,
  field: string,
  code?: Code,
  options: { whole?: boolean } = {},
): string =>
  (options.whole ? isDots(decodedFully(text.trim())) : hasDotSegment(text))
    ? refuse(
        field,
        `"${shown(text.trim(), 40)}" cannot name a record: a web address would drop it ("." and ".." mean this folder and the one above, also when encoded as %2e). Use the real value.`,
        code,
      )
    : text;

/** Refuses "NaN", "Infinity", "null", "undefined" and the like where text or an id is expected. */
export const refusePlaceholder = (text: string, field: string, code?: Code): string =>
  PLACEHOLDER.test(text.trim())
    ? refuse(
        field,
        `is "${text.trim()}", which a broken mapping produces, not a value. Map the field again.`,
        code,
      )
    : text;

/** Refuses unfilled mappings, line breaks, other control characters, direction controls, HTML tags and placeholder words in a one-line text field. */
export const refuseUnsafeLine = (text: string, field: string, code?: Code): string => {
  refuseUnfilledMapping(text, field, code);
  if (CONTROL.test(text))
    return refuse(field, 'contains a line break or another control character. Enter it on one line.', code);
  return refusePlaceholder(refuseMarkup(text, field, code), field, code);
};

/** The longest web address accepted: what browsers and vendors reliably keep. */
export const MAX_URL_LENGTH = 2048;

/**
 * A web address as typed: http(s), a host, no user name or password in it, no spaces, quotes or
 * control characters (the URL parser would silently drop some: what is sent is what was typed).
 */
export const parseWebAddress = (
  raw: unknown,
  field: string,
  example = 'https://example.com/thank-you',
): string | undefined => {
  refuseUnfilledMapping(raw, field);
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) return undefined;
  if (text.length > MAX_URL_LENGTH)
    return refuse(
      field,
      `is ${text.length} characters long; a web address may have at most ${MAX_URL_LENGTH}.`,
    );
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const unsafe = /[\s<>"'`{}|\\^\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
  if (!url || !/^https?:\/\//i.test(text) || !url.hostname || url.username || url.password || unsafe) {
    return refuse(field, `"${shown(text, 60)}" is not a web address. Use e.g. ${example}.`);
  }
  return text;
};

/** Years a date typed into a step may have: anything else is a typo or a broken mapping. */
export const DATE_YEARS = { from: 1970, to: 2199 } as const;

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

const offsetMinutes = (zone: string | undefined): number | undefined => {
  if (!zone || /^z$/i.test(zone)) return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match || Number(match[2]) > 23 || Number(match[3]) > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
};

/**
 * A date or date-time in ISO 8601 (2026-04-30, 2026-04-30T23:59:59Z, …+02:00), as epoch
 * milliseconds. Refused: other forms, days a calendar does not have (30 February, month 13,
 * 24:00), and years outside DATE_YEARS (0000, 275760). Without a zone, UTC.
 */
export const parseDateInput = (
  raw: unknown,
  field: string,
  example = '2026-04-30T23:59:59Z',
): number | undefined => {
  if (raw === undefined || raw === null || raw === '') return undefined;
  refuseUnfilledMapping(raw, field);
  const text = typeof raw === 'string' ? raw.trim() : '';
  const typed = shown(String(raw), 40);
  const match = ISO_DATE.exec(text);
  if (!match) return refuse(field, `"${typed}" is not a date. Use e.g. ${example}.`);
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (year < DATE_YEARS.from || year > DATE_YEARS.to)
    return refuse(
      field,
      `"${typed}" has the year ${match[1]}; use a year from ${DATE_YEARS.from} to ${DATE_YEARS.to}.`,
    );
  const offset = offsetMinutes(match[8]);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const calendar = new Date(utc);
  const real =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!real || offset === undefined)
    return refuse(field, `"${typed}" is not a day or time a calendar has. Use e.g. ${example}.`);
  const fraction = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
  return utc + fraction - offset * 60_000;
};
