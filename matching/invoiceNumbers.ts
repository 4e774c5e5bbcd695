/**
 * THE rule for comparing invoice numbers, used wherever two invoice numbers
 * meet (the engine, the CRM's invoices, payment links, searches).
 *
 * Two invoice numbers are the same when their canonical forms are equal:
 * - case is ignored, and so are separators: `2026/0621` = `2026-0621` = `2026 0621` = `2026.0621`;
 * - letters and digits are separate groups: `RE2026-0024` = `RE-2026-0024`;
 * - leading zeros inside a number group are dropped: `2024-0012` = `2024-12`
 *   (one CRM pads its invoices one way, so two real invoices never differ only in padding);
 * - a leading word that only says "invoice" is dropped (`INV`, `Invoice`, `Factuur`, `Rechnung`,
 *   `RE`, `RG`, `F`, `FA`, `FV`, `VF`, `FT`, `Fattura`, `Faktura`, `Lasku`, `Nr`, `No`, `N°` …), so
 *   `INV-2024-0012` = `Factuur 2024/12` = `F2024-0012` and `VF/2026/0365` = `FV 2026/365`;
 * - every other letter is kept: `CN-2024-0012` (a credit note) ≠ `INV-2024-0012`, and years differ:
 *   `INV-2023-0012` ≠ `INV-2024-0012` ≠ `INV-2024-0120`.
 */

/** Leading groups that only mean "invoice" or "number" (upper case, diacritics removed). */
const INVOICE_PREFIXES = new Set([
  'INV',
  'INVOICE',
  'INVNO',
  'INVNR',
  'F',
  'FA',
  'FAC',
  'FACT',
  'FACTUUR',
  'FACTUURNR',
  'FACTURE',
  'FACTURA',
  'FRA',
  'FATTURA',
  'FATT',
  'FT',
  'FATURA',
  'FV',
  'VF',
  'FVAT',
  'RE',
  'RG',
  'RENR',
  'RGNR',
  'RECHNUNG',
  'RECHNUNGSNR',
  'FAKTURA',
  'FAKTURANR',
  'FAKT',
  'LASKU',
  'LASKUNRO',
  'NR',
  'NO',
  'NRO',
  'NUM',
  'NUMBER',
  'NUMMER',
  'N',
]);

/** Upper case, diacritics removed ("Nº" keeps its N; "º" and "°" become separators). */
const fold = (text: string): string =>
  (/^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '')).toUpperCase();

/** The groups of an invoice number: runs of letters or digits, split on everything else. */
const groupsOf = (text: string): string[] => fold(text).match(/[A-Z]+|\d+/g) ?? [];

/**
 * The canonical form of an invoice number (see the rule above), or undefined
 * when it holds no digit at all. `RE-2026-0024` → `2026-24`, `VF/2026/0365` →
 * `2026-365`, `CN-2024-0012` → `CN-2024-12`, `#12` → `12`.
 */
export const canonicalInvoiceNumber = (text: string): string | undefined => {
  const groups = groupsOf(text).map((group) => (/^\d/.test(group) ? group.replace(/^0+(?=\d)/, '') : group));
  let start = 0;
  while (start < groups.length - 1 && start < 3 && INVOICE_PREFIXES.has(groups[start])) start++;
  const kept = groups.slice(start);
  return kept.some((group) => /\d/.test(group)) ? kept.join('-') : undefined;
};

/** Whether two written invoice numbers are the same invoice number (THE single comparison rule). */
export const sameInvoiceNumber = (a: string, b: string): boolean => {
  const left = canonicalInvoiceNumber(a);
  return left !== undefined && left === canonicalInvoiceNumber(b);
};

/** The last number group of a canonical invoice number: `2024-12` → `12`. */
export const sequenceOf = (canonical: string): string => canonical.slice(canonical.lastIndexOf('-') + 1);

/** Whether a canonical number is a short form (one group, e.g. `12`), which may stand for the sequence of a longer one. */
export const isShortForm = (canonical: string): boolean => !canonical.includes('-');

/**
 * The number without a leading invoice word or code, as a CRM that numbers
 * `2024-0012` stores it: `INV-2024-0012` → `2024-0012`, `F2024-0012` → `2024-0012`;
 * unchanged when no such prefix stands before it. For CRM look-ups only:
 * comparisons use `sameInvoiceNumber`.
 */
export const withoutInvoicePrefix = (number: string): string => {
  const match = /^(\p{L}+)[\s./#:_-]*(?=\d)/u.exec(number.trim());
  return match && INVOICE_PREFIXES.has(fold(match[1])) ? number.trim().slice(match[0].length) : number.trim();
};
