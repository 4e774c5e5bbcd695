/**
 * The pure parts of the review loop: what is written to a Mollie customer's
 * metadata (or why nothing), which invoice a linked payment is booked on, and
 * the review step's candidates and message.
 */
import { readPayment } from '../matching';
import { invoiceForRecord } from '../recording/invoiceNumber';
import { METADATA_LIMIT, metadataChange, TAUGHT_FROM_KEY, TAUGHT_ID_KEY } from '../teaching/customerMetadata';
import { reviewFields } from '../outputs/unmatchedReview';

const PAYMENT = { id: 'tr_WDqYK6vllg', amount: { value: '50.00', currency: 'EUR' }, description: 'Bestelling 5520', customerId: 'cst_8wmqcHMN4U' };
const change = (metadata: unknown, customerId = 'CUST-1042') => {
  const customer = { id: 'cst_8wmqcHMN4U', metadata };
  return metadataChange(customer as never, readPayment(PAYMENT, { customer }), customerId, PAYMENT.id);
};

describe("the Mollie customer's metadata", () => {
  it.each([
    ['none yet', null, { [TAUGHT_ID_KEY]: 'CUST-1042', [TAUGHT_FROM_KEY]: PAYMENT.id }],
    ['other keys, kept', { shop: 'web', tier: 2, tags: ['a'] }, { shop: 'web', tier: 2, tags: ['a'], [TAUGHT_ID_KEY]: 'CUST-1042', [TAUGHT_FROM_KEY]: PAYMENT.id }],
  ])('%s: the customer ID is added next to what is there', (_case, metadata, written) => {
    expect(change(metadata)).toEqual({ write: written });
  });

  it.each([
    ['under our key', { crmCustomerId: 'CUST-1042' }],
    ['under a key of the shop, in another case', { klantnummer: 'cust-1042', shop: 'web' }],
    ['nested', { customer: { id: 'CUST-1042' } }],
  ])('already there (%s): nothing is written', (_case, metadata) => {
    expect(change(metadata)).toEqual({ line: expect.objectContaining({ fact: 'mollie_customer', value: 'CUST-1042', outcome: 'already there' }) });
  });

  it.each([
    ['another customer ID', { customerId: 'CUST-9999' }, /already names customer ID "CUST-9999" \(customer\.metadata\.customerId\); it was not replaced/],
    ['metadata that is text', 'vip customer', /not a set of keys; it was kept as it is/],
    ['metadata that is a list', ['a', 'b'], /not a set of keys/],
    ['metadata that is full', { notes: 'x'.repeat(METADATA_LIMIT - 40) }, /metadata is full/],
  ])('%s: refused, nothing written, the reason said', (_case, metadata, reason) => {
    const result = change(metadata);
    expect(result.write).toBeUndefined();
    expect(result.line).toMatchObject({ fact: 'mollie_customer', outcome: 'refused', reason: expect.stringMatching(reason) });
  });
});

describe('the invoice a linked payment is booked on', () => {
  const reading = (description: string, metadata: object | null = null) => readPayment({ ...PAYMENT, description, metadata });
  it.each([
    ['moneybird', 'INV-7', 'Invoice 2026-0042', 'INV-7'],
    ['moneybird', undefined, 'Factuur 2026-0042', '2026-0042'],
    ['moneybird', undefined, 'Rechnung RE-2026-0024', 'RE-2026-0024'],
    ['hubspot', undefined, 'Invoice 2026-0042', '2026-0042'],
    ['hubspot', undefined, 'Bestelling 5520', undefined],
    ['pipedrive', undefined, 'Invoices 2026-0042 and 2026-0043', undefined],
  ] as const)('%s, given %s, "%s" → %s', (crm, given, description, expected) => {
    expect(invoiceForRecord({ recordsOnInvoices: crm === 'moneybird' }, given, reading(description), PAYMENT.id)).toBe(expected);
  });
  it.each([
    ['Bestelling 5520', /Invoice number is empty and payment tr_WDqYK6vllg names no invoice/],
    ['Invoices 2026-0042 and 2026-0043', /names several invoices \(2026-0042, 2026-0043\): map the one to book it on/],
  ])('Moneybird refuses naming the field: "%s"', (description, message) => {
    expect(() => invoiceForRecord({ recordsOnInvoices: true }, undefined, reading(description), PAYMENT.id)).toThrow(message);
  });
});

describe("the review step's fields", () => {
  const item = { id: 'tr_x:unmatched', payment_id: 'tr_x', amount_value: '121.00', amount_currency: 'EUR', description: 'Invoice 12', customer_email: 'office@shared.nl' };
  const candidates = [
    { id: '11', name: 'Shared One', pointedToBy: ['email' as const] },
    { id: '12', name: 'Shared Two', pointedToBy: ['email' as const, 'iban' as const] },
  ];

  it('the candidates as line items with id, name and the keys pointing to each', () => {
    expect(reviewFields(item, candidates, 'x.').candidate_accounts).toEqual([
      { id: '11', name: 'Shared One', pointed_to_by: 'email' },
      { id: '12', name: 'Shared Two', pointed_to_by: 'email, iban' },
    ]);
  });

  it.each([
    [candidates, true, 'Payment tr_x of EUR 121.00 ("Invoice 12") from office@shared.nl could not be matched to one CRM account with certainty: it is shared. Accounts considered: Shared One (11), Shared Two (12). Choose its account with Link Payment to CRM Account; the payer\'s next payment then matches by itself.'],
    [[], true, 'Payment tr_x of EUR 121.00 ("Invoice 12") from office@shared.nl could not be matched to one CRM account with certainty: it is shared. No account was found for it. Choose its account with Link Payment to CRM Account; the payer\'s next payment then matches by itself.'],
    [[], false, 'Payment tr_x of EUR 121.00 ("Invoice 12") from office@shared.nl was not checked against the CRM: it is shared. Choose its account with Link Payment to CRM Account; the payer\'s next payment then matches by itself.'],
  ])('one ready sentence (%#)', (list, checked, message) => {
    expect(reviewFields(item, list, 'it is shared', checked).review_message).toBe(message);
  });

  it('says only what the payment has', () => {
    expect(reviewFields({ id: 'tr_y:unmatched', payment_id: 'tr_y' }, [], 'No key.').review_message).toMatch(/^Payment tr_y could not be matched/);
  });
});
