import type { InferInputData, SearchPerform } from 'zapier-platform-core';
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { optionalEmail, optionalText, refuseInput } from '../operations/inputs';
import { mollieId } from '../mollie/ids';
import { paymentOutputFields, paymentSample, type NormalizedPayment } from '../outputs/payment';
import { parseInvoiceNumber } from '../paymentLinks/paymentLinks';
import { findNewestPayment, findPaymentById, MAX_SEARCH_PAGES, SEARCH_PAGE_SIZE } from '../payments/search';

const inputFields = defineInputFields([
  {
    key: 'payment_id',
    label: 'Payment ID',
    type: 'string',
    required: false,
    helpText:
      'The Mollie payment ID, e.g. `tr_WDqYK6vllg`. The ID a payment trigger gives (`tr_WDqYK6vllg:paid`) works too. ' +
      'Leave empty to find the newest payment by e-mail or invoice number instead.',
  },
  {
    key: 'customer_email',
    label: 'Customer e-mail',
    type: 'string',
    required: false,
    helpText:
      'Finds the newest payment whose payer e-mail (billing address, PayPal payer or metadata) is this address (capitals do not matter).',
  },
  {
    key: 'invoice_number',
    label: 'Invoice number',
    type: 'string',
    required: false,
    helpText:
      'Finds the newest payment for this invoice, read from its metadata or its description (`INV-2024-0012` also finds "Factuur 2024/12"; ' +
      'a payment for several invoices is found by each of them, an order number never). ' +
      `Without a payment ID only the newest ${(MAX_SEARCH_PAGES * SEARCH_PAGE_SIZE).toLocaleString('en')} payments are looked at; ` +
      'when the payment is not among them the step says how far back it looked.',
  },
]);

/** "tr_x:paid" (the id a payment trigger gives) → "tr_x", then the shared check. */
const paymentId = (raw: unknown): string =>
  mollieId(typeof raw === 'string' ? raw.trim().replace(/:[a-z_]+$/, '') : raw, 'payment', 'Payment ID');

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const id = optionalText(input.payment_id, 'Payment ID', 80);
  const email = optionalEmail(input.customer_email, 'Customer e-mail');
  const invoiceText = optionalText(input.invoice_number, 'Invoice number', 40)
    ? parseInvoiceNumber(input.invoice_number)
    : undefined;
  if (id) {
    if (email || invoiceText)
      refuseInput(
        'Payment ID',
        'finds one payment by itself: leave Customer e-mail and Invoice number empty when you fill it in.',
      );
    return findPaymentById(z, bundle, paymentId(id));
  }
  if (!email && !invoiceText)
    refuseInput('Payment ID, Customer e-mail or Invoice number', 'is needed: fill in at least one of them.');
  return findNewestPayment(z, bundle, { email, invoiceText });
}) satisfies SearchPerform<InferInputData<typeof inputFields>, NormalizedPayment>;

export default defineSearch({
  key: 'find_payment',
  noun: 'Payment',
  display: {
    label: 'Find Payment',
    description:
      'Finds a Mollie payment by its ID, or the newest payment for a customer e-mail or invoice number.',
  },
  operation: {
    inputFields,
    perform,
    sample: paymentSample,
    outputFields: paymentOutputFields,
  },
});
