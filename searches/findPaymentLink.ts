import type { InferInputData, SearchPerform } from 'zapier-platform-core';
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { canonicalInvoiceNumber } from '../matching';
import { mollieClient } from '../mollie/client';
import {
  existingLinkSample,
  invoiceLinkOutput,
  invoiceLinkOutputFields,
  type PaymentLinkOutput,
} from '../outputs/paymentLink';
import {
  findInvoiceLink,
  LINK_LOOKUP_HELP,
  parseInvoiceNumber,
  unfinishedScan,
} from '../paymentLinks/paymentLinks';

const inputFields = defineInputFields([
  {
    key: 'invoice_number',
    label: 'Invoice number',
    type: 'string',
    required: true,
    helpText:
      'The invoice to find the payment link of, e.g. `INV-2024-0012` (padding and case do not matter: `inv-2024-12` finds it too). ' +
      'Finds the link made by Create Payment Link for Invoice, or made in the Mollie dashboard with this one invoice in its description, when it is paid or still payable; expired and archived ones are not returned. ' +
      LINK_LOOKUP_HELP,
  },
]);

export const perform = (async (z, bundle) => {
  const invoiceNumber = parseInvoiceNumber(bundle.inputData.invoice_number);
  const found = await findInvoiceLink(z, mollieClient(z, bundle), canonicalInvoiceNumber(invoiceNumber)!);
  if (found.link)
    return [
      invoiceLinkOutput(found.link, {
        outcome: 'existing',
        crmAccountId: found.remembered?.crmAccountId ?? null,
      }),
    ];
  // "Not found" only when every link was looked at: a Find or Create step would otherwise make a second link.
  if (!found.complete) unfinishedScan(z, invoiceNumber, found);
  return [];
}) satisfies SearchPerform<InferInputData<typeof inputFields>, PaymentLinkOutput>;

export default defineSearch({
  key: 'find_payment_link',
  noun: 'Payment Link',
  display: {
    label: 'Find Payment Link by Invoice',
    description: 'Finds the Mollie payment link made for an invoice number, with whether it has been paid.',
  },
  operation: {
    inputFields,
    perform,
    sample: existingLinkSample,
    outputFields: invoiceLinkOutputFields,
  },
});
