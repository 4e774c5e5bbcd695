/**
 * The comparable forms: THE invoice number rule, e-mail addresses in every
 * form payer data holds them, IBANs. Exact after extraction, never fuzzy.
 */
import { canonicalInvoiceNumber, emailsIn, normalEmail, normalIban, sameEmail, sameIban, sameInvoiceNumber } from '../matching';
import { withoutInvoicePrefix } from '../matching/invoiceNumbers';

describe('invoice numbers: one comparison rule', () => {
  it.each([
    ['2026/0621', '2026-0621'],
    ['2026/0621', '2026 0621'],
    ['2026-0621', '2026.0621'],
    ['re-2026-0024', 'RE-2026-0024'],
    ['RE2026-0024', 'RE-2026-0024'],
    ['RE-2026-0024', 'Rechnung 2026/24'],
    ['VF/2026/0365', 'vf 2026 365'],
    ['VF/2026/0365', 'FV/2026/0365'],
    ['FA-2026-0365', 'Facture 2026-365'],
    ['INV-2024-0012', 'Factuur 2024/12'],
    ['INV-2024-0012', 'inv2024.012'],
    ['F2024-0012', '2024-0012'],
    ['FT 2026/123', '2026/123'],
    ['Nº 12', '#12'],
    ['Re.-Nr. 4711', '4711'],
    ['FPR 404/26', 'fpr 404-26'],
  ])('%s = %s', (a, b) => {
    expect(sameInvoiceNumber(a, b)).toBe(true);
    expect(canonicalInvoiceNumber(a)).toBe(canonicalInvoiceNumber(b));
  });

  it.each([
    ['INV-2024-0012', 'INV-2023-0012'],
    ['INV-2024-0012', 'INV-2024-0120'],
    ['INV-2024-0012', 'CN-2024-0012'],
    ['RE-2026-0024', 'GS-2026-0024'],
    ['2026-0012', '2026-0012A'],
    ['12', '2026-0012'],
    ['FPR 404/26', '404/26'],
    ['abc', 'abc'],
  ])('%s ≠ %s', (a, b) => {
    expect(sameInvoiceNumber(a, b)).toBe(false);
  });

  it('the canonical form is written down, and undefined without a digit', () => {
    expect(canonicalInvoiceNumber('RE-2026-0024')).toBe('2026-24');
    expect(canonicalInvoiceNumber('VF/2026/0365')).toBe('2026-365');
    expect(canonicalInvoiceNumber('CN-2024-0012')).toBe('CN-2024-12');
    expect(canonicalInvoiceNumber('Factuur')).toBeUndefined();
  });

  it('for CRM look-ups, the number without its invoice prefix', () => {
    expect(['INV-2024-0012', 'F2024-0012', 'RE 2026-0024', '2026-0012', 'CN-2024-0012'].map(withoutInvoicePrefix)).toEqual(['2024-0012', '2024-0012', '2026-0024', '2026-0012', 'CN-2024-0012']);
  });
});

describe('e-mails in every form payer data holds them', () => {
  it.each([
    ['jan@x.nl', 'jan@x.nl'],
    ['  JAN@X.NL ', 'jan@x.nl'],
    ['"Jan de Vries" <jan@x.nl>', 'jan@x.nl'],
    ['Jan de Vries <Jan@X.nl>', 'jan@x.nl'],
    ['<JAN@X.NL>', 'jan@x.nl'],
    ['mailto:jan@x.nl', 'jan@x.nl'],
    ['MAILTO:JAN@X.NL', 'jan@x.nl'],
    ['<mailto:jan@x.nl>', 'jan@x.nl'],
    ['mailto:jan@x.nl?subject=Factuur', 'jan@x.nl'],
    ["'jan@x.nl'", 'jan@x.nl'],
    ['"jan@x.nl"', 'jan@x.nl'],
    ['“jan@x.nl”', 'jan@x.nl'],
    ['jan@x.nl (Jan)', 'jan@x.nl'],
    ['jan@x.nl.', 'jan@x.nl'],
    ['Müller, Hans <hans@müller.de>', 'hans@xn--mller-kva.de'],
    ['kontakt@bäckerei-müller.de', 'kontakt@xn--bckerei-mller-bfb28a.de'],
    ['KONTAKT@XN--BCKEREI-MLLER-BFB28A.DE', 'kontakt@xn--bckerei-mller-bfb28a.de'],
  ])('%s → %s', (written, address) => {
    expect(normalEmail(written)).toBe(address);
  });

  it('Unicode and punycode domains are the same address', () => {
    expect(sameEmail('info@kött-och-fisk.se', 'INFO@xn--ktt-och-fisk-4ib.se')).toBe(true);
    expect(sameEmail('"Info" <info@pâtisserie-léa.fr>', 'info@xn--ptisserie-la-pbb2i.fr')).toBe(true);
  });

  it('lists give each address once', () => {
    expect(emailsIn('a@x.nl, b@y.nl', 'a@x.nl; c@z.nl', 'Jan <jan@x.nl>, Piet <piet@y.nl>')).toEqual(['a@x.nl', 'b@y.nl', 'c@z.nl', 'jan@x.nl', 'piet@y.nl']);
  });

  it.each(['jan@x', 'jan@x..nl', 'not an address', '', 'jan', '@x.nl', 'jan@', '<>'])('%j is no address', (written) => {
    expect(normalEmail(written)).toBeUndefined();
  });

  it('never fuzzy: a mistyped address is another address', () => {
    expect(sameEmail('info@bakkerijdevries.nl', 'info@bakkerijdevreis.nl')).toBe(false);
    expect(sameEmail('jan+shop@x.nl', 'jan@x.nl')).toBe(false);
  });
});

describe('IBANs: normalised, valid, never partial', () => {
  it.each([
    ['NL91ABNA0417164300', 'NL91ABNA0417164300'],
    ['nl91 abna 0417 1643 00', 'NL91ABNA0417164300'],
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['BE68-5390-0754-7034', 'BE68539007547034'],
  ])('%s → %s', (written, iban) => {
    expect(normalIban(written)).toBe(iban);
  });

  it.each(['NL91ABNA0417164301', 'NL91ABNA041716430', '0417164300', 'ABNA0417164300', 'jan@x.nl', ''])('%j is no IBAN', (written) => {
    expect(normalIban(written)).toBeUndefined();
  });

  it('compares whole IBANs only', () => {
    expect(sameIban('nl91abna0417164300', 'NL91 ABNA 0417 1643 00')).toBe(true);
    expect(sameIban('NL91ABNA0417164300', 'NL91ABNA041716430')).toBe(false);
  });
});
