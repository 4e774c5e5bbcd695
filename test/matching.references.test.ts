/**
 * The reading of payer text (matching/references.ts): invoice words in the
 * languages of Mollie's markets, abbreviations, lists, numbers with letters,
 * order numbers, and every kind of noise. Tables of classes, each row a shape
 * payers write.
 */
import { readText } from '../matching';
import type { NoiseKind } from '../matching';

const invoices = (text: string) => readText(text).invoices.map((found) => found.number);
const canonical = (text: string) => readText(text).invoices.map((found) => found.canonical);

describe('invoice words in the languages of Mollie’s markets, with their abbreviations', () => {
  it.each([
    ['nl', 'Factuur 2026-0012', ['2026-0012']],
    ['nl', 'Betaling factuurnummer: F2026-0012', ['F2026-0012']],
    ['nl', 'Factuurnr. 2026-0012', ['2026-0012']],
    ['nl', 'fact. 2026-0012', ['2026-0012']],
    ['nl', 'Nota 2026-0012', ['2026-0012']],
    ['en', 'Payment for invoice INV-2026-0012, thanks', ['INV-2026-0012']],
    ['en', 'Invoice no. 12', ['12']],
    ['en', 'Inv. 2026-0012', ['2026-0012']],
    ['en', 'Settling inv#2026-0091', ['2026-0091']],
    ['de', 'Rechnung RE-2026-0024', ['RE-2026-0024']],
    ['de', 'Rechnungsnr. 2026-0024', ['2026-0024']],
    ['de', 'Re.-Nr. 2026-0024', ['2026-0024']],
    ['de', 'Rg.-Nr.: 2026/0024', ['2026/0024']],
    ['de', 'Rechnungs-Nr. 4711', ['4711']],
    ['de', 'RgNr 4711', ['4711']],
    ['fr', 'Facture n° FA-2026-0365', ['FA-2026-0365']],
    ['fr', 'Règlement de votre facture N°FA2026-44', ['FA2026-44']],
    ['fr', 'Fact. 2026-0012', ['2026-0012']],
    ['es', 'Pago factura nº 2026/0012', ['2026/0012']],
    ['es', 'Fra. nº A-2026/318', ['A-2026/318']],
    ['es', 'Nº de factura: 2026/45', ['2026/45']],
    ['it', 'Fattura n. 12/2026', ['12/2026']],
    ['it', 'Saldo fatt. 87/2026', ['87/2026']],
    ['it', 'Bonifico fattura n° FPR 404/26', ['FPR 404/26']],
    ['it', 'fattura nr. fpr 806/25', ['fpr 806/25']],
    ['pt', 'Pagamento da fatura n.º 2026/123', ['2026/123']],
    ['pt', 'Fatura FT 2026/123', ['2026/123']],
    ['pt', 'Factura FR 2026/193', ['FR 2026/193']],
    ['sv', 'Faktura 10422', ['10422']],
    ['sv', 'Fakturanr 10422', ['10422']],
    ['sv', 'Fakt.nr 2026-44', ['2026-44']],
    ['da', 'Fakturanr. 2211', ['2211']],
    ['da', 'Fakt. nr. 2211', ['2211']],
    ['no', 'Fakturanummer 30451', ['30451']],
    ['fi', 'Lasku nro 5512', ['5512']],
    ['fi', 'Laskunumero 5512', ['5512']],
    ['pl', 'Faktura VAT nr FV/2026/0365', ['FV/2026/0365']],
    ['pl', 'nr faktury 2026/11', ['2026/11']],
    ['pl', 'Zapłata za fakturę 2026/11', ['2026/11']],
  ])('%s: %s', (_lang, text, expected) => {
    expect(invoices(text)).toEqual(expected);
  });

  it('reads an invoice word in any case and a number glued to a code', () => {
    expect(invoices('FACTUUR 2026-0012')).toEqual(['2026-0012']);
    expect(invoices('inv2024.0012')).toEqual(['inv2024.0012']);
    expect(invoices('Factuurnr.2026-12')).toEqual(['Factuurnr.2026-12']);
    expect(canonical('Factuurnr.2026-12')).toEqual(['2026-12']);
  });
});

describe('numbers that carry their own invoice code (letters and separators)', () => {
  it.each([
    ['RE-2026-0024 Müller GmbH', ['RE-2026-0024']],
    ['VF/2026/0365', ['VF/2026/0365']],
    ['FV/2026/0365 Kowalski', ['FV/2026/0365']],
    ['F2024-0012 Factuur', ['F2024-0012']],
    ['INV-2026-00042 - Website', ['INV-2026-00042']],
    ['FAC-00365', ['FAC-00365']],
  ])('%s', (text, expected) => {
    expect(invoices(text)).toEqual(expected);
  });

  it('a lower-case or unknown code is no mark: the number stays unmarked (exact only)', () => {
    expect(readText('re-2026-0024').invoices).toEqual([]);
    expect(readText('re-2026-0024').unmarked.map((found) => found.canonical)).toEqual(['2026-24']);
    expect(readText('fpr 409/26').unmarked.map((found) => found.number)).toEqual(['fpr 409/26', '409/26']);
  });
});

describe('several invoices are several: plurals and lists', () => {
  it.each([
    ['Fakturor 2026-11, 2026-12', ['2026-11', '2026-12']],
    ['Fakturaer 2026-11 og 2026-12', ['2026-11', '2026-12']],
    ['Laskut 2026-11 ja 2026-12', ['2026-11', '2026-12']],
    ['invoices 12 and 13', ['12', '13']],
    ['Invoices 12, 13 and 14', ['12', '13', '14']],
    ['facturen 1001/1002', ['1001', '1002']],
    ['Facturen 2026-11/2026-12', ['2026-11', '2026-12']],
    ['Factuur 2024/12 en 2024/13', ['2024/12', '2024/13']],
    ['Rechnungen RE-11 und RE-12', ['RE-11', 'RE-12']],
    ['Faktury FV/2026/11, FV/2026/12', ['FV/2026/11', 'FV/2026/12']],
    ['Fakturaer nr. 2211 + 2212', ['2211', '2212']],
    ['Factures 2026-0011 et 2026-0012', ['2026-0011', '2026-0012']],
    ['Facturas 2026/11 y 2026/12', ['2026/11', '2026/12']],
    ['Fatture 101 e 102', ['101', '102']],
    ['Faktury 2026/11 i 2026/12', ['2026/11', '2026/12']],
    ['Settling inv#2026-0091 & inv#2026-0092', ['2026-0091', '2026-0092']],
  ])('%s', (text, expected) => {
    expect(invoices(text)).toEqual(expected);
  });

  it.each([
    ['Factuur 2026/0621', ['2026/0621']],
    ['Factuur 2024/12', ['2024/12']],
    ['Factuur 2026 0621', ['2026 0621']],
    ['VF/2026/0365', ['VF/2026/0365']],
  ])('one number with separators is one invoice: %s', (text, expected) => {
    expect(invoices(text)).toEqual(expected);
  });

  it('a list stops at a number of another shape, and a comma after a singular word does not take a postcode', () => {
    expect(invoices('Rechnung 12345, 10115 Berlin')).toEqual(['12345']);
    expect(invoices('Factuur 2026-0012, 1043 AB Amsterdam')).toEqual(['2026-0012']);
    expect(invoices('Rechnung 12, 10115 Berlin')).toEqual(['12']);
  });

  it('repeats are read once', () => {
    expect(invoices('#1, #1, #1')).toEqual(['1']);
    expect(invoices('Factuur 2026-0012 (factuur 2026/12)')).toEqual(['2026-0012']);
  });
});

describe('order numbers are kept apart, never invoice numbers', () => {
  it.each([
    ['Order #5520', ['5520']],
    ['Refund order #5571', ['5571']],
    ['Bestelling 5520', ['5520']],
    ['Bestellnr. 4711', ['4711']],
    ['Best.-Nr. 4711', ['4711']],
    ['Commande n° 8841', ['8841']],
    ['Pedido nº 1200', ['1200']],
    ['Ordine n. 1200', ['1200']],
    ['Encomenda 1200', ['1200']],
    ['Beställning 1200', ['1200']],
    ['Ordrenr. 1200', ['1200']],
    ['Tilausnumero 1200', ['1200']],
    ['Zamówienie nr 1200', ['1200']],
    ['PO 4711', ['4711']],
    ['po 4711', ['4711']],
    ['ORD-5520', ['ORD-5520']],
    ['Orders 5520, 5521', ['5520', '5521']],
  ])('%s', (text, orders) => {
    const read = readText(text);
    expect(read.orders.map((found) => found.number)).toEqual(orders);
    expect(read.invoices).toEqual([]);
  });

  it('an invoice and an order in one text are each what they are', () => {
    const read = readText('Invoice 2026-0012, order 5520');
    expect(read.invoices.map((found) => found.number)).toEqual(['2026-0012']);
    expect(read.orders.map((found) => found.number)).toEqual(['5520']);
    expect(readText('Faktura nr 2026/11 for ordre 5520').orders.map((found) => found.number)).toEqual(['5520']);
  });

  it('`#` alone marks a reference weakly (an order number elsewhere overrides it)', () => {
    expect(readText('#12 webshop').invoices).toEqual([{ number: '12', canonical: '12', weak: true }]);
    expect(readText('Invoice #12').invoices).toEqual([{ number: '12', canonical: '12' }]);
  });
});

type NoiseRow = [string, NoiseKind, string[]];
describe('noise never becomes evidence', () => {
  const rows: NoiseRow[] = [
    ['Factuur 2026-0012, 1043 AB Amsterdam', 'postcode', ['2026-0012']],
    ['Betaling 1050 Etterbeek', 'postcode', []],
    ['Rechnung RE-2026-0024 Müller GmbH, 10115 Berlin', 'postcode', ['RE-2026-0024']],
    ['Facture 2026-12, 75002 Paris', 'postcode', ['2026-12']],
    ['Faktura 2026-12, 114 55 Stockholm', 'postcode', ['2026-12']],
    ['Faktura 2026/11, 00-950 Warszawa', 'postcode', ['2026/11']],
    ['Fatura 2026/123, 1100-048 Lisboa', 'postcode', ['2026/123']],
    ['Facture 2026/0012, B-1050 Bruxelles', 'postcode', ['2026/0012']],
    ['Kerkstraat 12, factuur 2026-0012', 'house number', ['2026-0012']],
    ['Rue de la Loi 16, facture 2026-0012', 'house number', ['2026-0012']],
    ['Facture 2026-0012 - 12 rue de la Paix', 'house number', ['2026-0012']],
    ['Faktura 2026-12 Karl Johans gate 5', 'house number', ['2026-12']],
    ['Factuur 2026-0012 d.d. 15-03-2026', 'date', ['2026-0012']],
    ['Rechnung 2026-0024 vom 12.03.2026', 'date', ['2026-0024']],
    ['Fattura 12/2026 del 15 marzo 2026', 'date', ['12/2026']],
    ['Betalning 2026-03-15', 'date', []],
    ['Factuur 2026-0012 om 14:30 uur', 'time', ['2026-0012']],
    ['Facture 2026-0012 à 14h30', 'time', ['2026-0012']],
    ['Factuur 2026-0012 + 21% btw', 'vat rate', ['2026-0012']],
    ['Rechnung 2026-0024 inkl. 19 % MwSt.', 'vat rate', ['2026-0024']],
    ['Factuur 2026-0012 bedrag € 121,00', 'amount', ['2026-0012']],
    ['EUR 1.250,00 Rechnung 2026-31', 'amount', ['2026-31']],
    ['Facture 2026-0012 montant 1858,49 €', 'amount', ['2026-0012']],
    ['Faktura 2026-12 tel. 020 123 4567', 'phone', ['2026-12']],
    ['invoice 2026-12 +31 20 123 4567', 'phone', ['2026-12']],
    ['Betaling 06-12345678', 'phone', []],
    ['Rechnung 2026-0024 IBAN DE89 3704 0044 0532 0130 00', 'iban', ['2026-0024']],
    ['Factuur 2026-12 van NL91ABNA0417164300', 'iban', ['2026-12']],
    ['+++090/9337/55493+++ Factuur 2026-12', 'structured reference', ['2026-12']],
    ['Facture 2026/0012 communication 090/9337/55493', 'structured reference', ['2026/0012']],
    ['RF18 5390 0754 7034 Factuur 12', 'structured reference', ['12']],
    ['Faktura 30451 KID 0030451123', 'structured reference', ['30451']],
    ['Lasku 5512, viitenumero 55120 00021', 'structured reference', ['5512']],
    ['Kundennummer 12345 Rechnung 2026-0012', 'customer number', ['2026-0012']],
    ['Klantnummer 4711', 'customer number', []],
    ['BTW NL123456789B01 factuur 2026-12', 'company id', ['2026-12']],
    // Lower-case text, the street before a comma, a street word after a name, Danish definite forms.
    ['factuur 2026-0012, hoofdweg 95, 1043 ab amsterdam', 'postcode', ['2026-0012']],
    ['lasku 2026-12, kauppakatu 168, 00100 helsinki', 'postcode', ['2026-12']],
    ['Fatura 2026/77, Rua Augusta, 136, 1100-048 Lisboa', 'house number', ['2026/77']],
    ['Invoice INV-2026-0012, 32 Patrick Street', 'house number', ['INV-2026-0012']],
    ['Faktura 2026-12, Strandvejen 105, 8000 Aarhus C', 'house number', ['2026-12']],
    ['Faktura 2026-12 Tlf +47 308 47 742 - 12:45', 'time', ['2026-12']],
    ['Rechnung 2026-12 RF19 9187 0538 8020 IBAN FR92 3649 0384 76B3 Y6IE KUX3 871', 'iban', ['2026-12']],
    ['Fattura 2026/12 rf95 5436 5103 7207 rf89 5585 4488 7765', 'structured reference', ['2026/12']],
  ];

  it.each(rows)('%s: %s ignored', (text, kind, expected) => {
    const read = readText(text);
    expect(read.invoices.map((found) => found.number)).toEqual(expected);
    expect(read.ignored.map((item) => item.kind)).toContain(kind);
    expect(read.unmarked).toEqual([]);
  });

  it('a date-shaped number right after an invoice word stays only as an exact candidate (Polish FV 17/03/2026)', () => {
    const read = readText('Przelew za FV 17/03/2026');
    expect(read.invoices).toEqual([]);
    expect(read.unmarked.map((found) => found.number)).toEqual(['17/03/2026']);
  });

  it('numbers nothing marks are unmarked: each may only be an exact invoice number', () => {
    expect(readText('Betaling 2026-0012').unmarked.map((found) => found.number)).toEqual(['2026-0012']);
    expect(readText('Betaling 48213').unmarked.map((found) => found.number)).toEqual(['48213']);
    expect(readText('Betaling 2026 0621').unmarked.map((found) => found.number)).toEqual(['2026 0621']);
  });
});
