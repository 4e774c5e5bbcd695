/**
 * E-mail addresses in every form payer and CRM data hold them, reduced to one
 * comparable form. Parsing is RFC 5322 (`email-addresses`, with RFC 6532 for
 * Unicode); comparison is exact after extraction, never fuzzy.
 *
 * Read: `jan@x.nl`, `JAN@X.NL `, `"Jan de Vries" <jan@x.nl>`, `Jan <jan@x.nl>`,
 * `<jan@x.nl>`, `mailto:jan@x.nl`, `'jan@x.nl'`, `jan@x.nl (Jan)`, lists
 * (`a@x.nl, b@y.nl`, `a@x.nl; b@y.nl`), internationalised domains.
 * Compared: local part lower-cased, domain as IDNA ASCII (`url.domainToASCII`),
 * so `jan@bäckerei.de` = `JAN@xn--bckerei-5wa.de`.
 */
import emailAddresses from 'email-addresses';
import { domainToASCII } from 'node:url';

/** Quote pairs a bare address is sometimes wrapped in. */
const QUOTES: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['‘', '’'],
  ['“', '”'],
  ['«', '»'],
  ['`', '`'],
];

const unquote = (text: string): string => {
  let value = text.trim();
  for (let changed = true; changed && value.length > 1;) {
    changed = false;
    for (const [open, close] of QUOTES) {
      if (value.startsWith(open) && value.endsWith(close) && value.length > open.length + close.length) {
        value = value.slice(open.length, -close.length).trim();
        changed = true;
      }
    }
  }
  return value;
};

/** `mailto:` anywhere an address starts (also inside angle brackets), and a `?subject=…` tail. */
const withoutMailto = (text: string): string =>
  text.replace(/mailto:/gi, '').replace(/\?[^\s>]*(?=>|$)/g, '');

/** A domain with at least one dot and a top-level label, in ASCII (punycode) and lower case; undefined when it is none. */
const asciiDomain = (domain: string): string | undefined => {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, ''));
  return ascii &&
    /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(ascii) &&
    /(?:^|\.)(?:[a-z]{2,}|xn--[a-z0-9-]+)$/.test(ascii)
    ? ascii
    : undefined;
};

/** The comparable form of one parsed mailbox. */
const comparable = (local: string, domain: string): string | undefined => {
  const ascii = asciiDomain(domain);
  const mailbox = local.normalize('NFC').toLowerCase();
  return ascii && mailbox && !/[\s<>"]/.test(mailbox) ? `${mailbox}@${ascii}` : undefined;
};

const parse = (input: string) =>
  emailAddresses({ input, rfc6532: true, rejectTLD: false, atInDisplayName: true });

/** The addresses of one list item, by the RFC parser, else the `<…>` part, else nothing. */
const addressesOfItem = (item: string): string[] => {
  const text = unquote(item).replace(/[.,;:]+$/, '');
  if (!text.includes('@')) return [];
  const parsed = parse(text);
  if (parsed) {
    return parsed.addresses
      .flatMap((entry) => (entry.type === 'group' ? entry.addresses : [entry]))
      .flatMap((box) => comparable(box.local, box.domain) ?? []);
  }
  const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(text)?.[1];
  const inner = angled ? parse(unquote(angled)) : null;
  return inner
    ? inner.addresses.flatMap((entry) =>
        entry.type === 'mailbox' ? (comparable(entry.local, entry.domain) ?? []) : [],
      )
    : [];
};

/** A plain address (no name, brackets, quotes or Unicode): read without the RFC parser, the common case by far. */
const PLAIN = /^[a-z0-9._%+'=!#$&*/?^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2,}|xn--[a-z0-9-]+)$/i;
const plain = (value: string): string | undefined => {
  const text = value.trim();
  return PLAIN.test(text) && !/^\.|\.\.|\.@|@-|-\./.test(text) && !/^mailto:/i.test(text)
    ? text.toLowerCase()
    : undefined;
};

/**
 * Every e-mail address a value holds, each in its comparable form, in the
 * order written and without repeats. Anything that is not an address gives
 * nothing (never a guess): `jan@x` and `jan@x..nl` are no address, and a
 * mistyped address (`info@bakkerijdevreis.nl`) matches nothing.
 */
export const emailsIn = (...values: unknown[]): string[] => {
  const found = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || !value.includes('@')) continue;
    const simple = plain(value);
    if (simple) {
      found.add(simple);
      continue;
    }
    const text = withoutMailto(value.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g, ' ')).trim();
    const whole = addressesOfItem(text);
    // A list the parser took as one item fails; then each item separated by , ; or a line break is read alone.
    let items =
      whole.length > 0 && !/[;\n]/.test(text)
        ? whole
        : text.split(/[;\n]|,(?=[^,]*@)/).flatMap(addressesOfItem);
    // Addresses separated by spaces only: "a@x.nl b@y.nl".
    if (items.length === 0 && whole.length === 0) items = text.split(/\s+/).flatMap(addressesOfItem);
    for (const address of items.length > 0 ? items : whole) found.add(address);
  }
  return [...found];
};

/** The one address a value holds in comparable form, or undefined when it holds none or several. */
export const normalEmail = (value: unknown): string | undefined => {
  const found = emailsIn(value);
  return found.length === 1 ? found[0] : undefined;
};

/** Whether two written addresses are the same mailbox after extraction (exact: no fuzziness). */
export const sameEmail = (a: string, b: string): boolean => {
  const left = normalEmail(a);
  return left !== undefined && left === normalEmail(b);
};

/** The mailbox without its "+tag": `jan+shop@x.nl` → `jan@x.nl` (a weaker key, see the engine). */
export const baseEmail = (address: string): string => address.replace(/\+[^@]*@/, '@');
