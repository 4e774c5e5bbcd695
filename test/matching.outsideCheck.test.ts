/**
 * The rules the outside check (test/fixtures/matching-cases-independent.json)
 * added to matching/: webshop order keys, slashed numbers that are no phone
 * numbers, words glued to a number word, quantities, lists ended by noise, a
 * lone `#` in a shop's own key, short forms of several invoices, short
 * references that fit two accounts, and the explanation of a key an earlier
 * link set. Tables of classes, each row a shape real data has.
 */
import { LINKED_CUSTOMER_ID_KEY, LINKED_FROM_KEY, matchPayment, meaningOf, readPayment, readText } from '../matching';
import type { MatchAccount } from '../matching';
import { TAUGHT_FROM_KEY, TAUGHT_ID_KEY } from '../teaching/customerMetadata';

const eur = (value: string) => ({ value, currency: 'EUR' });
const account = (id: string, extra: Partial<MatchAccount> = {}): MatchAccount => ({ id, name: `Account ${id}`, emails: [], customerIds: [], ...extra });
const invoice = (number: string, value: string, state: 'open' | 'paid' = 'open') => ({ number, amount: eur(value), state });

describe('webshop platforms’ own order keys are order keys', () => {
  it.each(['increment_id', 'quote_id', 'id_order', 'lightspeed_order_id', 'wc_order_id', 'order_name', 'ccv_order_number', 'shopOrderLabel'])('%s', (key) => {
    expect(meaningOf(key)).toBe('order');
  });
  it.each([
    ['invoice_number', 'invoice'],
    ['customer_id', 'customerId'],
    ['crmLinkedFrom', undefined],
  ])('%s stays %s', (key, meaning) => {
    expect(meaningOf(key)).toBe(meaning);
  });

  it('so the same number in the description is no invoice number either', () => {
    const facts = readPayment({ description: 'Magento 000000123', metadata: { increment_id: '000000123' }, amount: eur('77.00') });
    expect(facts.orderNumbers.map((fact) => fact.number)).toEqual(['000000123']);
    expect([...facts.invoices, ...facts.unmarkedNumbers]).toEqual([]);
  });
});

describe('numbers glued by slashes are no phone number; phone numbers stay phone numbers', () => {
  it.each([
    ['Faktura VAT FV/0042/11/2026', ['FV/0042/11/2026']],
    ['Faktura 0042/11/2026', ['0042/11/2026']],
  ])('%s', (text, expected) => {
    expect(readText(text).invoices.map((found) => found.number)).toEqual(expected);
  });
  it.each(['bel 0031 20 123 4567', 'tel 0031/20/1234567', '+31 20 123 4567'])('%s', (text) => {
    const read = readText(text);
    expect([...read.invoices, ...read.unmarked]).toEqual([]);
    expect(read.ignored.map((item) => item.kind)).toContain('phone');
  });
});

describe('a word glued to a number word says what its stem says', () => {
  it.each([
    ['Medlemsnr 3311', 'reference'],
    ['Lidnr. 3311', 'reference'],
    ['debnr 3311', 'customer number'],
    ['Deb.nr. 3311', 'customer number'],
    ['relnr 3311', 'customer number'],
    ['KNr 3311', 'customer number'],
    ['Polisnr 3311', 'reference'],
  ])('%s: %s', (text, kind) => {
    const read = readText(text);
    expect([...read.invoices, ...read.unmarked]).toEqual([]);
    expect(read.ignored).toEqual([{ text: '3311', kind }]);
  });
  it.each([
    ['fnr 12', ['12']],
    ['factnr 2026-0012', ['2026-0012']],
  ])('%s is an invoice reference', (text, expected) => {
    expect(readText(text).invoices.map((found) => found.number)).toEqual(expected);
  });
});

describe('address parts, periods, instalments and utility accounts are noise', () => {
  it.each([
    'Postbus 3311', 'Postfach 3311', 'Postboks 3311', 'BP 3311', 'Rue de la Loi 16 bus 3', 'Wohnung 12', 'Appartement 12', 'Zimmer 12', 'huisnr 2',
    'KW 48', 'Week 48', 'vecka 48', 'uke 48', 'viikko 48', 'Periode 11', 'Abschlag 3', 'Vertragskonto 3311', 'Zählernummer 3311', 'Objekt 3311', 'Vorgang 3311',
  ])('%s', (text) => {
    const read = readText(text);
    expect([...read.invoices, ...read.unmarked]).toEqual([]);
    expect(read.ignored.length).toBeGreaterThan(0);
  });
  it.each(['Factuur 2026-0012 bus 3', 'Rechnung 2026-0012 KW 48', 'Faktura 2026-0012 Postboks 3311'])('%s: the invoice stays', (text) => {
    expect(readText(text).invoices.map((found) => found.number)).toEqual(['2026-0012']);
  });
});

describe('quantities are noise', () => {
  it.each([
    ['Factuur 2026-0012 en 2 x 10 stuks', ['2', '10']],
    ['3 Stück, Rechnung 1001', ['3']],
    ['5 pcs', ['5']],
  ])('%s', (text, quantities) => {
    const read = readText(text);
    expect(read.unmarked).toEqual([]);
    expect(read.ignored.filter((item) => item.kind === 'quantity').map((item) => item.text)).toEqual(quantities);
  });
});

describe('a list of invoices ends at noise after a comma, and small words name no place', () => {
  it.each([
    ['Factures 1001 et 1002, 1050 Ixelles', ['1001', '1002']],
    ['Fakturor 1001, 1002, 114 55 Stockholm', ['1001', '1002']],
    ['Fakturaer 1001 og 1002, 2100 København', ['1001', '1002']],
    ['Rechnungen 1001, 1002 vom 12.11.', ['1001', '1002']],
    ['facturen 1001 en 1002 klantnr 3311', ['1001', '1002']],
    ['Laskut 1396 ja 1788, Mannerheimintie 61, 20100 Turku', ['1396', '1788']],
  ])('%s', (text, expected) => {
    expect(readText(text).invoices.map((found) => found.number)).toEqual(expected);
  });
});

describe('a lone # marks an invoice only where a person typed it', () => {
  it.each([
    ['description', { description: '#5520' }, ['5520'], []],
    ['a shop’s own metadata key', { metadata: { name: '#5520' } }, [], ['5520']],
    ['plain-text metadata', { metadata: '#5520' }, ['5520'], []],
  ])('%s', (_where, payment, invoices, unmarked) => {
    const facts = readPayment({ ...payment, amount: eur('77.00') });
    expect(facts.invoices.map((fact) => fact.number)).toEqual(invoices);
    expect(facts.unmarkedNumbers.map((fact) => fact.number)).toEqual(unmarked);
  });
});

describe('short references', () => {
  it.each([
    ['several short forms of one account adding up', 'fact. 12 + 13', [account('a', { invoices: [invoice('2026-0012', '100.00'), invoice('2026-0013', '50.00')] }), account('b')], '150.00', 'a'],
    ['one of them paid', 'fact. 12 + 13', [account('a', { invoices: [invoice('2026-0012', '100.00', 'paid'), invoice('2026-0013', '50.00')] }), account('b')], '150.00', null],
    ['a sequence in two accounts', 'fact. 12 + 13', [account('a', { invoices: [invoice('2026-0012', '100.00'), invoice('2026-0013', '50.00')] }), account('b', { invoices: [invoice('2025-0013', '10.00')] })], '150.00', null],
    ['one account’s whole number, another’s sequence', 'Rechnung 24', [account('a', { invoices: [invoice('RE-2026-0024', '121.00')] }), account('b', { invoices: [invoice('24', '121.00')] })], '121.00', null],
    ['the year written short', 'factuur 26-0012', [account('a', { invoices: [invoice('2026-0012', '121.00')] }), account('b', { invoices: [invoice('2025-0012', '121.00')] })], '121.00', 'a'],
    ['the year written in full', 'Faktura 2026-117', [account('a', { invoices: [invoice('26-117', '121.00')] }), account('b')], '121.00', 'a'],
    ['the year written short, another amount', 'factuur 26-0012', [account('a', { invoices: [invoice('2026-0012', '99.00')] }), account('b')], '121.00', null],
    ['as written on one account, the year in full on another', 'factuur 26-0012', [account('a', { invoices: [invoice('2026-0012', '121.00')] }), account('b', { invoices: [invoice('26-0012', '121.00')] })], '121.00', null],
    ['the whole number alone', 'Rechnung 24', [account('a', { invoices: [invoice('RE-2026-0024', '99.00')] }), account('b', { invoices: [invoice('24', '121.00')] })], '121.00', 'b'],
  ])('%s', (_name, description, accounts, value, expected) => {
    expect(matchPayment({ description, amount: eur(value) }, undefined, accounts).accountId).toBe(expected);
  });
});

describe('a key an earlier link set says so', () => {
  const accounts = [account('a', { customerIds: ['C-1'] }), account('b', { customerIds: ['C-2'] })];
  const customer = (metadata: unknown) => ({ id: 'cst_1', metadata });

  it('teaching writes the keys the reading reads', () => {
    expect([TAUGHT_ID_KEY, TAUGHT_FROM_KEY]).toEqual([LINKED_CUSTOMER_ID_KEY, LINKED_FROM_KEY]);
    expect(meaningOf(LINKED_CUSTOMER_ID_KEY)).toBe('customerId');
  });

  it.each([
    ['set by a link', { [LINKED_CUSTOMER_ID_KEY]: 'C-1', [LINKED_FROM_KEY]: 'tr_first1' }, /Mollie customer metadata crmCustomerId "C-1", set when tr_first1 was linked/],
    ['set by hand', { [LINKED_CUSTOMER_ID_KEY]: 'C-1' }, /Mollie customer metadata crmCustomerId "C-1"\.$/],
    ['a link value that is no payment id', { [LINKED_CUSTOMER_ID_KEY]: 'C-1', [LINKED_FROM_KEY]: 'see <script>' }, /crmCustomerId "C-1"\.$/],
    ['another customer key beside it', { klantnummer: 'C-1', [LINKED_FROM_KEY]: 'tr_first1' }, /klantnummer "C-1"\.$/],
  ])('%s', (_name, metadata, explanation) => {
    const result = matchPayment({ description: 'Abonnement', amount: eur('25.00'), customerId: 'cst_1' }, customer(metadata), accounts);
    expect(result.accountId).toBe('a');
    expect(result.explanation).toMatch(explanation);
  });

  it('and a conflict names it too', () => {
    const result = matchPayment(
      { description: 'Abonnement', amount: eur('25.00'), customerId: 'cst_1', metadata: { customerId: 'C-2' } },
      customer({ [LINKED_CUSTOMER_ID_KEY]: 'C-1', [LINKED_FROM_KEY]: 'tr_first1' }),
      accounts,
    );
    expect(result.reason).toBe('conflict');
    expect(result.explanation).toMatch(/set when tr_first1 was linked/);
  });
});
