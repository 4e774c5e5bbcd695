/**
 * Reading and normalising the keys a payment carries: e-mail addresses,
 * customer IDs and invoice numbers. Pure functions, no I/O.
 */

/** Metadata keys are compared without case, "_", "-" or spaces: customerId = customer_id = Customer-ID. */
export const metadataKey = (key: string): string => key.toLowerCase().replace(/[\s_-]+/g, '');

export const DEFAULT_METADATA_ID_KEYS = [
  'customerId',
  'crmCustomerId',
  'crmId',
  'accountId',
  'crmAccountId',
  'clientId',
  'contactId',
  'companyId',
  'debtorId',
  'relationId',
  'customerNumber',
  'klantnummer',
];

export const DEFAULT_METADATA_INVOICE_KEYS = [
  'invoice',
  'invoiceNumber',
  'invoiceNo',
  'invoiceNr',
  'invoiceId',
  'invoiceReference',
  'invoiceRef',
  'factuur',
  'factuurnummer',
  'factuurNr',
];

export const DEFAULT_METADATA_EMAIL_KEYS = ['email', 'customerEmail', 'billingEmail'];

/** Words that introduce an invoice number, stripped before comparing (Dutch, English, German, French). */
const PREFIX = String.raw`(?:invoices|invoice|inv|facturen|factuurnummers|factuurnummer|factuur|factures|facture|fact|fac|rechnungen|rechnung|nota)`;
const NUMBER_WORD = String.raw`(?:(?:no|nr|number|nummer|num)\b\.?[\s:#]*)?`;
/** An invoice number as written: digits, optionally grouped by - / . _ (e.g. 2024-0012, 2024/12, 12). */
const NUMBER = String.raw`(\d+(?:[-/._]\d+)*)`;
/** The number must end there: not inside a longer word or number ("2024-0012a" is no invoice number). */
const END = String.raw`(?!\w|[-/._]\d)`;

/**
 * The default patterns: "INV-2024-0012", "inv2024.0012", "Factuur 2024/12",
 * "Invoice no. 12", "factuurnummer: F2024-0012", "F2024-0012", "#12", and the
 * description of the app's own payment links, "Invoice <any number> - <text>".
 */
export const DEFAULT_INVOICE_PATTERNS: RegExp[] = [
  // The app's own payment links: "Invoice <number>" or "Invoice <number> - <text>" (paymentLinks/paymentLinks.ts).
  /^Invoice (\S*\d\S*)(?= - |$)/g,
  new RegExp(String.raw`\b${PREFIX}\b\.?[\s\-_:#]*${NUMBER_WORD}F?${NUMBER}${END}`, 'gi'),
  new RegExp(String.raw`\b${PREFIX}(?=\d)${NUMBER}${END}`, 'gi'),
  new RegExp(String.raw`\bF(?=\d)${NUMBER}${END}`, 'g'),
  new RegExp(String.raw`#\s*${NUMBER}${END}`, 'g'),
];

/** One more number in a list: ", 2024-0013", " and INV-2024-0014", " en #15". */
const LIST_JOINER = /^\s*(?:,|&|\+|and\b|en\b|et\b|und\b)\s*/i;
const LIST_ITEM = new RegExp(
  String.raw`^\s*(?:,|&|\+|and\b|en\b|et\b|und\b)\s*(?:${PREFIX}[\s.\-_:#]*|F(?=\d)|#\s*)?${NUMBER}${END}`,
  'i',
);

const LEADING_PREFIX = new RegExp(String.raw`^(?:${PREFIX}|F(?=\d)|#)[\s.\-_:#]*${NUMBER_WORD}`, 'i');

/**
 * The canonical form of an invoice number, so that formats compare equal:
 * upper case; a leading "INV", "Factuur", "F", "#", "nr." removed; groups split
 * on any separator; leading zeros dropped in each number group.
 * "INV-2024-0012", "Factuur 2024/12", "inv2024.012" → "2024-12"; "#12" → "12".
 * Other letters are kept, so a credit note "CN-2024-0012" stays "CN-2024-12".
 * Decided: 2024-0012 and 2024-12 are the same invoice (one CRM numbers its
 * invoices one way, so two real invoices never differ only in padding).
 * Returns undefined when there is no digit at all.
 */
export const canonicalInvoice = (raw: string): string | undefined => {
  let text = raw.trim().toUpperCase();
  for (let i = 0; i < 2 && LEADING_PREFIX.test(text); i++) text = text.replace(LEADING_PREFIX, '');
  const groups = text
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
    .flatMap((group) => group.match(/[A-Z]+|\d+/g) ?? [])
    .map((group) => (/^\d+$/.test(group) ? group.replace(/^0+(?=\d)/, '') : group));
  return groups.some((group) => /\d/.test(group)) ? groups.join('-') : undefined;
};

/** The last number group of a canonical invoice number: "2024-12" → "12". */
export const sequenceOf = (canonical: string): string => canonical.split('-').pop() ?? canonical;

export interface FoundInvoice {
  /** The whole match as written, e.g. "INV-2024-0012" or "Factuur 2024/12". */
  written: string;
  /** The number part, e.g. "2024-0012" or "2024/12". */
  number: string;
  canonical: string;
}

/** Invoice numbers written in a text (deduplicated on their canonical form). */
export const findInvoiceNumbers = (
  text: string,
  patterns: RegExp[] = DEFAULT_INVOICE_PATTERNS,
): FoundInvoice[] => {
  const found = new Map<string, FoundInvoice>();
  for (const pattern of patterns) {
    const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    for (const match of text.matchAll(global)) {
      const add = (written: string, number: string) => {
        const canonical = canonicalInvoice(number);
        if (canonical && !found.has(canonical))
          found.set(canonical, { written: written.trim(), number: number.trim(), canonical });
      };
      add(match[0], match[1] ?? match[0]);
      // A list after the first: "Invoices 2024-0012 and 2024-0013", "INV-1, INV-2 & INV-3".
      let rest = text.slice((match.index ?? 0) + match[0].length);
      for (let next = LIST_ITEM.exec(rest); next; next = LIST_ITEM.exec(rest)) {
        add(next[0].replace(LIST_JOINER, ''), next[1]);
        rest = rest.slice(next[0].length);
      }
    }
  }
  return [...found.values()];
};

/**
 * name@domain.tld in its loosest form: one "@", something before it, a dot inside the part after it,
 * no white space. Read without a regular expression: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ backtracks over
 * every dot of a long hostile text (quadratic); this is one pass.
 */
export const looksLikeEmail = (text: string): boolean => {
  const at = text.indexOf('@');
  if (at < 1 || at !== text.lastIndexOf('@') || /\s/.test(text)) return false;
  return text.slice(at + 2, -1).includes('.');
};

/** A trimmed, lower-cased e-mail address, or undefined when it is not one. */
export const normalEmail = (raw: unknown): string | undefined => {
  if (typeof raw !== 'string') return undefined;
  const email = raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return looksLikeEmail(email) ? email : undefined;
};

/** The mailbox without its "+tag": "jan+shop@x.nl" → "jan@x.nl". */
export const baseEmail = (email: string): string => email.replace(/\+[^@]*@/, '@');

/** A customer ID as compared: trimmed, case-insensitive. "C-1042" = " c-1042 ". */
export const normalId = (raw: unknown): string | undefined => {
  const text =
    typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  return text ? text.toLowerCase() : undefined;
};

/** Metadata as an object: Mollie allows any JSON, and some shops send a JSON string. */
export const metadataObject = (metadata: unknown): Record<string, unknown> | undefined => {
  let value = metadata;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
};

/** Values under the given keys (compared with `metadataKey`), with the key as written. */
export const metadataValues = (metadata: unknown, keys: string[]): Array<{ key: string; value: unknown }> => {
  const object = metadataObject(metadata);
  if (!object) return [];
  const wanted = new Set(keys.map(metadataKey));
  return Object.entries(object)
    .filter(([key]) => wanted.has(metadataKey(key)))
    .flatMap(([key, value]) =>
      Array.isArray(value) ? value.map((item) => ({ key, value: item })) : [{ key, value }],
    );
};
