import type { CreatePerform, InferInputData } from 'zapier-platform-core';
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { crmIdInput } from '../crm/ids';
import { parseDateInput, parseWebAddress, refuse } from '../http/refuse';
import { CURRENCY_DECIMALS } from '../money/money';
import { parseAmount, parseCurrency } from '../money/parse';
import { createdLinkSample, invoiceLinkOutputFields, type PaymentLinkOutput } from '../outputs/paymentLink';
import {
  ensurePaymentLink,
  LINK_LOOKUP_HELP,
  linkDescription,
  parseInvoiceNumber,
} from '../paymentLinks/paymentLinks';

const inputFields = defineInputFields([
  {
    key: 'invoice_number',
    label: 'Invoice number',
    type: 'string',
    required: true,
    helpText:
      'The invoice this link is for, as written on it (e.g. `INV-2024-0012`). One invoice gets one link: asking again for the same ' +
      'invoice returns the link it already has, and marks it paid once it is paid. ' +
      LINK_LOOKUP_HELP,
  },
  {
    key: 'amount',
    label: 'Amount',
    type: 'string',
    required: true,
    helpText:
      'The amount to pay, with a dot for decimals and no more decimals than the currency has: `121.00` or `121.5` for EUR, `1000` for JPY.',
  },
  {
    key: 'currency',
    label: 'Currency',
    type: 'string',
    required: false,
    default: 'EUR',
    choices: Object.keys(CURRENCY_DECIMALS),
    helpText: 'The currency of the amount (ISO 4217). Defaults to EUR.',
  },
  {
    key: 'description',
    label: 'Description',
    type: 'text',
    required: false,
    helpText:
      'What the payer sees, after "Invoice <number> - ", which the app always puts first so the payment can be matched to the invoice ' +
      'later. Leave empty for just "Invoice <number>". At most 255 characters in all.',
  },
  {
    key: 'crm_account_id',
    label: 'CRM account ID',
    type: 'string',
    required: false,
    helpText:
      'The CRM account the invoice belongs to (e.g. from a Find CRM Account step). It is returned with the link so later steps can use it.',
  },
  {
    key: 'expires_at',
    label: 'Expires at',
    type: 'datetime',
    required: false,
    helpText:
      'When the link stops accepting payments; must be in the future. Leave empty for a link that does not expire.',
  },
  {
    key: 'redirect_url',
    label: 'Redirect URL',
    type: 'string',
    required: false,
    helpText:
      'Where the payer goes after paying (an `https://` address). Leave empty for Mollie’s own confirmation page.',
  },
  {
    key: 'allowed_methods',
    label: 'Allowed payment methods',
    type: 'string',
    list: true,
    required: false,
    dynamic: 'payment_methods.id.name',
    helpText:
      'Limit the link to these payment methods. The list shows the methods active on your Mollie profile; leave empty to offer all of them.',
  },
]);

type Input = InferInputData<typeof inputFields>;

const readExpiry = (raw: unknown): string | undefined => {
  const time = parseDateInput(raw, 'Expires at', '2024-04-30T23:59:59Z');
  if (time === undefined) return undefined;
  if (time <= Date.now())
    return refuse(
      'Expires at',
      `${new Date(time).toISOString()} is in the past; a link must expire in the future.`,
    );
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, '+00:00');
};

const readUrl = (raw: unknown): string | undefined => parseWebAddress(raw, 'Redirect URL');

const readMethods = (raw: unknown): string[] | undefined => {
  const values = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [])
    .map((value) => String(value).trim())
    .filter(Boolean);
  for (const value of values) {
    if (!/^[a-z0-9_]+$/.test(value))
      refuse(
        'Allowed payment methods',
        `"${value.slice(0, 30)}" is not a Mollie method id such as ideal or creditcard.`,
      );
  }
  return values.length ? [...new Set(values)] : undefined;
};

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  // Every check happens before the first request.
  const invoiceNumber = parseInvoiceNumber(input.invoice_number);
  const currency = parseCurrency(input.currency || 'EUR');
  const amount = parseAmount(input.amount, currency);
  const description = linkDescription(invoiceNumber, input.description);
  const expiresAt = readExpiry(input.expires_at);
  const redirectUrl = readUrl(input.redirect_url);
  const allowedMethods = readMethods(input.allowed_methods);
  const crmAccountId = crmIdInput(bundle, 'account', input.crm_account_id, 'CRM account ID');
  return ensurePaymentLink(z, bundle, {
    invoiceNumber,
    amount,
    description,
    crmAccountId,
    expiresAt,
    redirectUrl,
    allowedMethods,
  });
}) satisfies CreatePerform<Input, PaymentLinkOutput>;

export default defineCreate({
  key: 'create_payment_link',
  noun: 'Payment Link',
  display: {
    label: 'Create Payment Link for Invoice',
    description:
      'Creates a Mollie payment link for an invoice, once: asking again for the same invoice returns its existing link (marked paid when it is).',
  },
  operation: {
    inputFields,
    perform,
    sample: createdLinkSample,
    outputFields: invoiceLinkOutputFields,
  },
});
