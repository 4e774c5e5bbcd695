/**
 * The rules docs/matching.md states that no other test holds on its own: the weight of each key when it
 * alone points to one account (read from CONFIDENCE, the constants the weights table is generated from),
 * the refusal below the minimum, the payment methods whose payer IBAN is read, and the numbers a text names as
 * something else (contract, booking, tax, OCR). Through matching/'s exports only.
 */
import { CONFIDENCE, DEFAULT_MIN_CONFIDENCE, matchPayment, readPayment, readText } from '../matching';
import type { MatchAccount, MatchCustomerInput, MatchedBy, MatchPaymentInput } from '../matching';

const eur = (value: string) => ({ value, currency: 'EUR' });
const IBAN = 'NL91ABNA0417164300';
const noord: MatchAccount = {
  id: 'a1',
  name: 'Stichting Noord',
  emails: ['info@noord.nl'],
  customerIds: ['C-1', 'cst_noord'],
  ibans: [IBAN],
  invoices: [
    { number: '2026-0012', amount: eur('121.00'), state: 'open' },
    { number: '2026-0013', amount: eur('79.00'), state: 'open' },
  ],
};
const zuid: MatchAccount = { id: 'a2', name: 'Stichting Zuid', emails: ['info@zuid.nl', 'shared@coop.nl'], customerIds: ['C-2'], invoices: [] };
const west: MatchAccount = { id: 'a3', name: 'Stichting West', emails: ['shared@coop.nl'], customerIds: ['C-3'], invoices: [{ number: '2026-0099', amount: eur('5.00'), state: 'open' }] };
const ACCOUNTS = [noord, zuid, west];
const pay = (fields: Partial<MatchPaymentInput>): MatchPaymentInput => ({ id: 'tr_1', amount: eur('10.00'), description: 'Webshop', method: 'creditcard', details: null, ...fields });

describe('each key alone decides with its weight (CONFIDENCE in matching/evidence.ts)', () => {
  it.each<[string, Partial<MatchPaymentInput>, MatchCustomerInput | undefined, string, MatchedBy, number]>([
    ['metadata customer id', { metadata: { customer_id: 'c-2' } }, undefined, 'a2', 'metadata_id', CONFIDENCE.metadataId],
    ['invoice number with the payment’s amount', { description: 'Factuur 2026-0012', amount: eur('121.00') }, undefined, 'a1', 'invoice_number', CONFIDENCE.invoiceWithAmount],
    ['several invoices of one account adding up', { description: 'Facturen 2026-0012 en 2026-0013', amount: eur('200.00') }, undefined, 'a1', 'invoice_number', CONFIDENCE.invoiceWithAmount],
    ['the Mollie customer’s cst_ id held in the CRM', { customerId: 'cst_noord' }, { id: 'cst_noord' }, 'a1', 'mollie_customer', CONFIDENCE.mollieCustomer],
    ['the CRM id in the Mollie customer’s metadata', { customerId: 'cst_9' }, { id: 'cst_9', metadata: { crmId: 'C-2' } }, 'a2', 'mollie_customer', CONFIDENCE.mollieCustomer],
    ['the payer’s IBAN', { method: 'banktransfer', details: { consumerAccount: 'nl91 abna 0417 1643 00' } }, undefined, 'a1', 'iban', CONFIDENCE.iban],
    ['a marked short form with the exact amount', { description: 'Factuur 12', amount: eur('121.00') }, undefined, 'a1', 'invoice_number', CONFIDENCE.invoiceShortForm],
    ['e-mail', { billingAddress: { email: 'INFO@noord.nl' } }, undefined, 'a1', 'email', CONFIDENCE.email],
    ['several shared keys that leave one account', { billingAddress: { email: 'shared@coop.nl' }, description: 'Factuur 2026-0099', amount: eur('2.00') }, undefined, 'a3', 'email', CONFIDENCE.narrowed],
    ['the mailbox without its +tag', { billingAddress: { email: 'info+shop@noord.nl' } }, undefined, 'a1', 'email', CONFIDENCE.emailWithoutPlusTag],
  ])('%s', (_key, fields, customer, accountId, matchedBy, confidence) => {
    expect(matchPayment(pay(fields), customer, ACCOUNTS)).toMatchObject({ accountId, matchedBy, confidence, reason: null });
  });

  it('the weights keep the order of the keys, and none is below the minimum', () => {
    const { metadataId, invoiceWithAmount, mollieCustomer, iban, email, narrowed, emailWithoutPlusTag } = CONFIDENCE;
    expect([metadataId, invoiceWithAmount, mollieCustomer, iban, email, narrowed, emailWithoutPlusTag]).toEqual(
      [metadataId, invoiceWithAmount, mollieCustomer, iban, email, narrowed, emailWithoutPlusTag].sort((a, b) => b - a),
    );
    expect(Math.min(...Object.values(CONFIDENCE))).toBeGreaterThanOrEqual(DEFAULT_MIN_CONFIDENCE);
  });

  it.each([
    ['a +tag mailbox under a stricter minimum', { billingAddress: { email: 'info+shop@noord.nl' } }, CONFIDENCE.email],
    ['an e-mail under a minimum above it', { billingAddress: { email: 'info@noord.nl' } }, CONFIDENCE.email + 0.01],
  ])('a match below the minimum is refused: %s', (_case, fields, minConfidence) => {
    expect(matchPayment(pay(fields), undefined, ACCOUNTS, { minConfidence })).toMatchObject({ accountId: null, reason: 'weak_evidence' });
  });
});

describe('the payer’s IBAN is read on bank methods only', () => {
  const BANK_METHODS = ['banktransfer', 'directdebit', 'ideal', 'bancontact', 'belfius', 'kbc', 'eps', 'giropay', 'sofort', 'trustly', 'paybybank'];
  it.each(BANK_METHODS)('%s: details.consumerAccount is the payer’s IBAN', (method) => {
    expect(readPayment(pay({ method, details: { consumerAccount: 'nl91 abna 0417 1643 00' } })).payerIban).toEqual({ iban: IBAN, source: 'details.consumerAccount' });
  });

  it.each(['creditcard', 'paypal', 'applepay', 'klarna', 'voucher'])('%s: no IBAN, whatever consumerAccount holds', (method) => {
    expect(readPayment(pay({ method, details: { consumerAccount: IBAN } })).ibans).toEqual([]);
  });
});

describe('numbers the text names as something else are never evidence', () => {
  it.each([
    ['Contractnummer 88231 factuur 2026-12', '88231'],
    ['Vertragsnummer 88231 Rechnung 2026-12', '88231'],
    ['Buchungsnummer 5521 Rechnung 2026-12', '5521'],
    ['booking 5521 invoice 2026-12', '5521'],
    ['OCR 4711000123 Faktura 2026-12', '4711000123'],
    ['Steuernummer 12/345/67890 Rechnung 2026-12', '12/345/67890'],
  ])('%s: %s is neither an invoice nor an unmarked number', (text, number) => {
    const read = readText(text);
    expect(read.invoices.map((found) => found.number)).toEqual(['2026-12']);
    expect(read.unmarked.map((found) => found.number)).not.toContain(number);
    expect(read.ignored.length).toBeGreaterThan(0);
  });

  it('a contract number alone points to no account, even one with an invoice of that number and amount', () => {
    const holder: MatchAccount = { id: 'a9', name: 'Decoy', emails: [], customerIds: [], invoices: [{ number: '88231', amount: eur('10.00'), state: 'open' }] };
    expect(matchPayment(pay({ description: 'Contract 88231' }), undefined, [holder])).toMatchObject({ accountId: null, reason: 'none_found' });
  });
});
