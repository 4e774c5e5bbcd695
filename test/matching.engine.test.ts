/**
 * The engine's rules on the new facts: the payer's IBAN, the Mollie
 * customer's metadata, unmarked numbers, noise next to decoy invoices, the
 * priority of keys and conflicts between them.
 */
import { candidateQuery, CONFIDENCE, matchPayment, readPayment, queryFor } from '../matching';
import type { MatchAccount, MatchPaymentInput, MatchResult } from '../matching';
import { MAX_QUERY_NUMBERS } from '../matching/engine';

const eur = (value: string) => ({ value, currency: 'EUR' });
const NL_IBAN = 'NL91ABNA0417164300';
const DE_IBAN = 'DE89370400440532013000';
const noord: MatchAccount = { id: 'a1', name: 'Stichting Noord', emails: ['Info Noord <INFO@NOORD.NL>'], customerIds: ['C-1'], ibans: ['nl91 abna 0417 1643 00'], invoices: [{ number: '2026-0012', amount: eur('121.00'), state: 'open' }] };
const zuid: MatchAccount = { id: 'a2', name: 'Stichting Zuid', emails: ['info@zuid.nl'], customerIds: ['C-2'], ibans: [DE_IBAN], invoices: [{ number: '2026-0013', amount: eur('80.00'), state: 'open' }] };
const accounts = [noord, zuid];
const pay = (fields: Partial<MatchPaymentInput> = {}): MatchPaymentInput => ({ id: 'tr_1', amount: eur('10.00'), description: 'Webshop', method: 'ideal', details: null, ...fields });
const bank = (iban: string) => ({ method: 'ideal', details: { consumerName: 'X', consumerAccount: iban } });
const match = (fields: Partial<MatchPaymentInput>, list = accounts, customer?: Record<string, unknown>, mandates?: unknown[]): MatchResult =>
  matchPayment(pay(fields), customer, list, { mandates: mandates as never });

describe("the payer's IBAN", () => {
  it('held on one account decides, normalised on both sides, and says so', () => {
    const result = match(bank('NL91 ABNA 0417 1643 00'));
    expect(result).toMatchObject({ accountId: 'a1', matchedBy: 'iban', confidence: CONFIDENCE.iban });
    expect(result.explanation).toBe('Matched Stichting Noord by IBAN NL91 ABNA 0417 1643 00 (details.consumerAccount).');
  });

  it('from the mandates when the payment has none', () => {
    const mandates = [{ id: 'mdt_1', method: 'directdebit', details: { consumerAccount: 'de89 3704 0044 0532 0130 00' } }];
    expect(match({ method: 'creditcard', details: { cardNumber: '1234' } }, accounts, undefined, mandates)).toMatchObject({ accountId: 'a2', matchedBy: 'iban' });
  });

  it('on several accounts decides nothing alone, and picks with another key', () => {
    const shared = [{ ...noord }, { ...zuid, ibans: [NL_IBAN] }];
    expect(match(bank(NL_IBAN), shared)).toMatchObject({ accountId: null, reason: 'ambiguous' });
    expect(match({ ...bank(NL_IBAN), description: 'Factuur 2026-0013', amount: eur('80.00') }, shared)).toMatchObject({ accountId: 'a2', matchedBy: 'invoice_number' });
    expect(match({ ...bank(NL_IBAN), billingAddress: { email: 'INFO@ZUID.NL' } }, shared)).toMatchObject({ accountId: 'a2', matchedBy: 'email' });
  });

  it('is never partial: another valid IBAN of the same bank is no match', () => {
    expect(match(bank('NL02ABNA0123456789'))).toMatchObject({ accountId: null, reason: 'none_found' });
  });

  it('against another key is a conflict', () => {
    expect(match({ ...bank(NL_IBAN), description: 'Factuur 2026-0013', amount: eur('80.00') }).reason).toBe('conflict');
    expect(match({ ...bank(NL_IBAN), billingAddress: { email: 'info@zuid.nl' } }).reason).toBe('conflict');
  });

  it('is asked of the CRM', () => {
    expect(candidateQuery(pay(bank('nl91 abna 0417 1643 00'))).ibans).toEqual([NL_IBAN]);
  });
});

describe('priority: metadata customer ID → invoice → Mollie customer → IBAN → e-mail', () => {
  const customer = { id: 'cst_1', metadata: { crmId: 'C-1' } };
  it.each([
    ['metadata id over invoice', { metadata: { customerId: 'C-1' }, description: 'Factuur 2026-0012', amount: eur('121.00') }, undefined, 'metadata_id'],
    ['invoice over Mollie customer', { customerId: 'cst_1', description: 'Factuur 2026-0012', amount: eur('121.00') }, customer, 'invoice_number'],
    ['Mollie customer over IBAN', { customerId: 'cst_1', ...bank(NL_IBAN) }, customer, 'mollie_customer'],
    ['IBAN over e-mail', { ...bank(NL_IBAN), billingAddress: { email: 'info@noord.nl' } }, undefined, 'iban'],
  ])('%s', (_name, fields, who, matchedBy) => {
    expect(match(fields as Partial<MatchPaymentInput>, accounts, who)).toMatchObject({ accountId: 'a1', matchedBy });
  });
});

describe("the Mollie customer's metadata (as Link Payment to CRM Account writes it)", () => {
  it('decides, and the explanation says "Mollie customer metadata"', () => {
    const result = match({ customerId: 'cst_9' }, accounts, { id: 'cst_9', metadata: '{"crm_customer_id":"C-2"}' });
    expect(result).toMatchObject({ accountId: 'a2', matchedBy: 'mollie_customer', confidence: CONFIDENCE.mollieCustomer });
    expect(result.explanation).toBe('Matched Stichting Zuid by Mollie customer metadata crm_customer_id "C-2".');
  });

  it('against the invoice is a conflict', () => {
    const result = match({ customerId: 'cst_9', description: 'Factuur 2026-0012', amount: eur('121.00') }, accounts, { id: 'cst_9', metadata: { crmId: 'C-2' } });
    expect(result).toMatchObject({ accountId: null, reason: 'conflict' });
    expect(result.explanation).toMatch(/Mollie customer metadata crmId "C-2" → Stichting Zuid/);
  });
});

describe('numbers the text does not mark as an invoice', () => {
  it('count as the exact invoice number with its amount', () => {
    expect(match({ description: '2026-0012 Stichting Noord', amount: eur('121.00') })).toMatchObject({ accountId: 'a1', matchedBy: 'invoice_number' });
  });

  it('never with another amount, and never as a short form', () => {
    expect(match({ description: '2026-0012 Stichting Noord', amount: eur('50.00') })).toMatchObject({ accountId: null, reason: 'none_found' });
    expect(match({ description: 'Betaling 12', amount: eur('121.00') })).toMatchObject({ accountId: null, reason: 'none_found' });
    expect(match({ description: 'Factuur 12', amount: eur('121.00') })).toMatchObject({ accountId: 'a1', confidence: CONFIDENCE.invoiceShortForm });
  });

  it('do not block another key when they match nothing', () => {
    expect(match({ description: 'Betaling 2026-0013', amount: eur('121.00'), billingAddress: { email: 'info@noord.nl' } })).toMatchObject({ accountId: 'a1' });
  });
});

describe('noise next to a decoy invoice of the same amount is never evidence', () => {
  type Row = [string, string];
  const rows: Row[] = [
    ['Betaling Kerkstraat 12, 1043 AB Amsterdam', '1043'],
    ['Paiement 1050 Etterbeek', '1050'],
    ['Zahlung Hauptstraße 12, 10115 Berlin', '12'],
    ['Betaling d.d. 15-03-2026', '15'],
    ['Betaling + 21% btw', '21'],
    ['Betrag 121,00 EUR', '121'],
    ['Tel. 020 123 4567', '4567'],
    ['+++090/9337/55493+++', '55493'],
    ['Order #5520', '5520'],
    ['Kundennummer 4711', '4711'],
    ['IBAN NL91 ABNA 0417 1643 00', '417'],
  ];
  it.each(rows)('%s (decoy invoice %s)', (description, decoy) => {
    const decoys: MatchAccount[] = [
      { id: 'd1', name: 'Decoy exact', emails: [], customerIds: [], invoices: [{ number: decoy, amount: eur('121.00'), state: 'open' }] },
      { id: 'd2', name: 'Decoy sequence', emails: [], customerIds: [], invoices: [{ number: `2026-${decoy.padStart(4, '0')}`, amount: eur('121.00'), state: 'open' }] },
    ];
    expect(matchPayment(pay({ description, amount: eur('121.00') }), undefined, [decoys[0]]).accountId).toBeNull();
    expect(matchPayment(pay({ description, amount: eur('121.00') }), undefined, [decoys[1]]).accountId).toBeNull();
  });
});

describe('several invoices and orders', () => {
  it('invoices of two accounts paid at once: no account', () => {
    expect(match({ description: 'Facturen 2026-0012 en 2026-0013', amount: eur('201.00') }).accountId).toBeNull();
  });

  it('a `#` number the metadata calls an order is no invoice', () => {
    const decoy: MatchAccount = { id: 'd', name: 'Decoy', emails: [], customerIds: [], invoices: [{ number: 'INV-2025-5520', amount: eur('10.00'), state: 'open' }] };
    expect(matchPayment(pay({ description: '#5520' }), undefined, [decoy]).accountId).toBe('d');
    expect(matchPayment(pay({ description: '#5520', metadata: { order_id: '5520' } }), undefined, [decoy]).accountId).toBeNull();
  });
});

describe('what to ask the CRM', () => {
  it('invoice references as written, then unmarked numbers, at most MAX_QUERY_NUMBERS', () => {
    expect(candidateQuery(pay({ description: 'Rechnung RE-2026-0024, Ref 2026-0099', metadata: { invoiceNumber: 'RE-2026-0024' } })).invoiceNumbers).toEqual(['RE-2026-0024', '2026-0099']);
    const many = Array.from({ length: 60 }, (_, i) => `2026-${1000 + i}`).join(', ');
    expect(candidateQuery(pay({ description: `Facturen ${many}` })).invoiceNumbers).toHaveLength(MAX_QUERY_NUMBERS);
    expect(readPayment(pay({ description: `Facturen ${many}` })).invoices).toHaveLength(60);
  });

  it('e-mails in comparable form, from every source', () => {
    const reading = readPayment(pay({ billingAddress: { email: '"Jan" <Jan+Shop@Bäckerei.de>' } }), { customer: { email: 'mailto:JAN@X.NL' } });
    expect(queryFor(reading).emails).toEqual(['jan+shop@xn--bckerei-5wa.de', 'jan@xn--bckerei-5wa.de', 'jan@x.nl']);
  });
});
