/**
 * One line means one line (issue 10 §4), at the shared checks every one-line field, text, date and
 * web address passes (http/refuse.ts): each family broadly, and what must still pass. The same
 * families through the operations, with nothing sent, are in test/badInput.test.ts.
 */
import { DATE_YEARS, MAX_URL_LENGTH, parseDateInput, parseWebAddress, refuseMarkup, refusePlaceholder, refuseUnsafeLine } from '../http/refuse';
import { errorBody } from './helpers/connection';

const FIELD = 'Name';
const refusal = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return errorBody(error).message ?? String(error);
  }
  return undefined;
};

const LINE_BREAKS_AND_CONTROLS: Array<[string, string]> = [
  ['line feed', '\n'],
  ['carriage return', '\r'],
  ['CR LF', '\r\n'],
  ['vertical tab', '\v'],
  ['form feed', '\f'],
  ['tab', '\t'],
  ['next line U+0085', '\u0085'],
  ['line separator U+2028', '\u2028'],
  ['paragraph separator U+2029', '\u2029'],
  ['NUL', '\u0000'],
  ['start of heading', '\u0001'],
  ['bell', '\u0007'],
  ['backspace', '\u0008'],
  ['escape', '\u001b'],
  ['unit separator', '\u001f'],
  ['DEL', '\u007f'],
  ['C1 padding U+0080', '\u0080'],
  ['C1 reverse line feed U+008D', '\u008d'],
  ['C1 control sequence U+009B', '\u009b'],
  ['C1 application command U+009F', '\u009f'],
];

describe('a one-line field refuses every kind of line break and control character', () => {
  it.each(LINE_BREAKS_AND_CONTROLS)('%s inside the text', (_name, char) => {
    expect(refusal(() => refuseUnsafeLine(`Acme${char}Set-Cookie: a=b`, FIELD))).toBe(`${FIELD} contains a line break or another control character. Enter it on one line.`);
  });
  it.each(LINE_BREAKS_AND_CONTROLS.filter(([, char]) => !/[\t\n\r]/.test(char)))('%s in a multi-line text too', (_name, char) => {
    expect(refusal(() => refuseMarkup(`Line one${char}line two`, 'Description'))).toMatch(/^Description contains an invisible control character/);
  });
  it.each(['Line one\nline two', 'Tab\tseparated', 'CR\r\nLF'])('a multi-line text keeps %j', (text) => {
    expect(refuseMarkup(text, 'Description')).toBe(text);
  });
});

const MARKUP: string[] = [
  '<svg/onload=alert(1)>',
  '<svg/onload=alert(1)',
  '<img/src=x onerror=alert(1)>',
  '<img src=x onerror=alert(1)//',
  '<iframe/src=//evil.test>',
  '<body/onload=alert(1)>',
  '<details/open/ontoggle=alert(1)>',
  '<x onclick=alert(1)>click',
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.test/x.js></SCRIPT>',
  '</b>',
  '</title><script>',
  '<b>bold</b>',
  '<a href=x>',
  '<style>@import "//evil.test"</style>',
  '<base href=//evil.test/>',
  '<meta http-equiv=refresh content=0;url=//evil.test>',
  '<input autofocus onfocus=alert(1)>',
  '<math><mtext></mtext></math>',
  '<custom-element>',
  '<!-- comment -->',
  '<!--><svg onload=alert(1)>',
  '<!DOCTYPE html>',
  '<![CDATA[x]]>',
  '<?xml version="1.0"?>',
  '<?php echo 1; ?>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java script:alert(1)',
  'javascript :alert(1)',
  'vbscript:msgbox(1)',
  'livescript:x',
  'data:text/html,<b>x</b>',
  'DATA: text/html;base64,PHNjcmlwdD4=',
  'Acme<br/>B.V.',
  'Acme <img',
];

describe('the HTML check catches markup with or without whitespace, and script addresses', () => {
  it.each(MARKUP)('%j', (text) => {
    expect(refusal(() => refuseMarkup(text, FIELD))).toBe(`${FIELD} contains HTML (a tag such as <script>). Enter plain text.`);
  });
  it.each(['<a\nhref=x>', '<img\tsrc=x>', '<svg\fonload=x>'])('%j in a multi-line text', (text) => {
    expect(refusal(() => refuseMarkup(text, 'Description'))).toMatch(/^Description contains (HTML|an invisible control character)/);
  });
});

const PLAIN_TEXT = [
  'a < b',
  'a <= b',
  '<3',
  'I <3 payments',
  'Jan <jan@example.nl>',
  'x<5',
  'Price 5 > 3',
  'Acme & Co',
  'R&D <-> Sales',
  'Café Zoë',
  'Müller GmbH',
  'Ålesund AS',
  '日本株式会社',
  'Invoice #12/2026',
  "O'Brien Ltd.",
  'JavaScript developers B.V.',
  'Data: text and more',
  '🎉 Party Co',
  'Nancy',
  'Infinity B.V.',
  'Null Island Ltd',
  'none',
  '0',
  'N/A',
];

describe('plain text passes every check', () => {
  it.each(PLAIN_TEXT)('%j', (text) => {
    expect(refuseUnsafeLine(text, FIELD)).toBe(text);
  });
});

const PLACEHOLDERS = ['NaN', 'nan', 'Infinity', '-Infinity', '+Infinity', 'infinity', 'undefined', 'null', 'NULL', 'Null', '[object Object]', ' NaN '];

describe('"NaN", "Infinity", "null", "undefined" are a broken mapping, not a value', () => {
  it.each(PLACEHOLDERS)('%j in a one-line field', (text) => {
    expect(refusal(() => refuseUnsafeLine(text, FIELD))).toBe(`${FIELD} is "${text.trim()}", which a broken mapping produces, not a value. Map the field again.`);
  });
  it.each(PLACEHOLDERS)('%j as an id', (text) => {
    expect(refusal(() => refusePlaceholder(text, 'Account ID'))).toMatch(/^Account ID is ".*", which a broken mapping produces/);
  });
});

const IMPOSSIBLE_DATES = [
  '2026-02-30',
  '2026-02-30T10:00:00Z',
  '2027-02-29T10:00:00Z',
  '2026-02-31',
  '2026-04-31T10:00:00Z',
  '2026-06-31',
  '2026-09-31',
  '2026-11-31',
  '2026-13-01',
  '2026-00-10',
  '2026-04-00',
  '2026-04-32',
  '2026-04-30T24:00:00Z',
  '2026-04-30T23:60:00Z',
  '2026-04-30T23:59:60Z',
  '2026-04-30T23:59:59+24:00',
  '2026-04-30T23:59:59+02:60',
];
const ABSURD_DATES = ['275760-09-13', '+275760-09-13T00:00:00Z', '0000-01-01', '0001-01-01T00:00:00Z', '1969-12-31', '2200-01-01', '9999-12-31'];
const NOT_ISO = [
  '30/04/2026',
  '04/30/2026',
  '30-04-2026',
  'April 30, 2026',
  '30 April 2026',
  'next tuesday',
  'tomorrow',
  '1777507200000',
  '1e12',
  '2026-4-30',
  '2026-04-3',
  '26-04-30',
  '2026/04/30',
  '2026-04-30T1:00',
  '2026-04-30T10',
  '2026-04-30T10:00:00 CET',
  'NaN',
  'Infinity',
  'null',
];

describe('dates: impossible, absurd and non-ISO dates are refused, naming the field', () => {
  it.each(IMPOSSIBLE_DATES)('%s is not a day or time a calendar has', (text) => {
    expect(refusal(() => parseDateInput(text, 'Expires at'))).toMatch(/^Expires at ".*" is not a day or time a calendar has\./);
  });
  it.each(ABSURD_DATES)('%s has an absurd year', (text) => {
    expect(refusal(() => parseDateInput(text, 'Expires at'))).toMatch(new RegExp(`^Expires at ".*" (has the year .*; use a year from ${DATE_YEARS.from} to ${DATE_YEARS.to}|is not a date)`));
  });
  it.each(NOT_ISO)('%s is not an ISO 8601 date', (text) => {
    expect(refusal(() => parseDateInput(text, 'Expires at'))).toMatch(/^Expires at ".*" is not a date\. Use e\.g\. /);
  });
  it.each([12345, true, {}, ['2026-04-30']])('%j (not text) is not a date', (value) => {
    expect(refusal(() => parseDateInput(value, 'Expires at'))).toMatch(/^Expires at ".*" is not a date/);
  });
  it.each<[string, string]>([
    ['2026-04-30', '2026-04-30T00:00:00.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['2026-04-30T23:59:59Z', '2026-04-30T23:59:59.000Z'],
    ['2026-04-30T23:59:59.5Z', '2026-04-30T23:59:59.500Z'],
    ['2026-04-30T23:59:59.123456Z', '2026-04-30T23:59:59.123Z'],
    ['2026-04-30T23:59:59+02:00', '2026-04-30T21:59:59.000Z'],
    ['2026-04-30T23:59:59-0500', '2026-05-01T04:59:59.000Z'],
    ['2026-04-30 23:59', '2026-04-30T23:59:00.000Z'],
    ['2026-12-31t23:59:59z', '2026-12-31T23:59:59.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(new Date(parseDateInput(text, 'Expires at')!).toISOString()).toBe(iso);
  });
  it('no value is no date', () => {
    expect([parseDateInput(undefined, 'Expires at'), parseDateInput(null, 'Expires at'), parseDateInput('', 'Expires at')]).toEqual([undefined, undefined, undefined]);
  });
});

const BAD_ADDRESSES = [
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  'vbscript:x',
  'ftp://shop.example.com/x',
  'file:///etc/passwd',
  'https://',
  'http:/shop.example.com',
  '//shop.example.com/x',
  'shop.example.com/thanks',
  'https://user:secret@shop.example.com/x',
  'https://shop.example.com@evil.test/x',
  'https://shop.example.com/ thanks',
  'https://shop.example.com/\tthanks',
  'https://shop.example.com/\u2028thanks',
  'https://shop.example.com/\u0085thanks',
  'https://shop.example.com/<script>',
  'https://shop.example.com/"onmouseover="x',
  "https://shop.example.com/'x'",
  'https://shop.example.com/`x`',
  'https://shop.example.com/{x}',
  'https://shop.example.com/a\\b',
  'NaN',
];

describe('web addresses', () => {
  it.each(BAD_ADDRESSES)('%j is not a web address', (text) => {
    expect(refusal(() => parseWebAddress(text, 'Redirect URL'))).toMatch(/^Redirect URL ".*" is not a web address\. Use e\.g\. https:\/\//);
  });
  it.each([MAX_URL_LENGTH + 1, 5_000, 100_000])(`an address of %i characters is over the ${MAX_URL_LENGTH} limit`, (length) => {
    const text = `https://shop.example.com/${'a'.repeat(length - 25)}`;
    expect(text.length).toBe(length);
    expect(refusal(() => parseWebAddress(text, 'Redirect URL'))).toBe(`Redirect URL is ${length} characters long; a web address may have at most ${MAX_URL_LENGTH}.`);
  });
  it.each([
    'https://shop.example.com/thank-you',
    'https://shop.example.com/thanks?order=12&lang=nl#done',
    'http://localhost:3000/x',
    'https://xn--caf-dma.example/',
    `https://shop.example.com/${'a'.repeat(MAX_URL_LENGTH - 25)}`,
  ])('%s is one', (text) => {
    expect(parseWebAddress(text, 'Redirect URL')).toBe(text);
  });
});
