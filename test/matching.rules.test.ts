/**
 * The rules docs/matching.md states that no other test holds on its own: the weight of each key when it
 * alone points to one account (read from CONFIDENCE, the constants the weights table is generated from),
 * and the refusal below the minimum. Through matching/'s exports only.
 */
import { CONFIDENCE, DEFAULT_MIN_CONFIDENCE, matchPayment } from '../matching';
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
