import type { CreatePerform, InferInputData, ZObject } from 'zapier-platform-core';
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { CURRENCY_DECIMALS, parseAmount, parseCurrency } from '../mollie/money';
import { ensurePaymentLink, linkDescription, parseInvoiceNumber, type PaymentLinkOutput } from '../mollie/paymentLinks';

export const PAYMENT_LINK_SAMPLE: PaymentLinkOutput & Record<string, unknown> = {
  id: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
  url: 'https://payment-links.mollie.com/payment/4Y0eZitmBnQ6IDoMqZQKh',
  invoiceNumber: 'INV-2024-0012',
  description: 'Invoice INV-2024-0012 - Website maintenance, March',
  amount: { value: '121.00', currency: 'EUR' },
  status: 'open',
  paid: false,
  paidAt: null,
  expiresAt: '2024-04-30T23:59:59+00:00',
  createdAt: '2024-04-02T09:14:51+00:00',
  redirectUrl: 'https://example.com/thank-you',
  allowedMethods: 'ideal,creditcard',
  crmAccountId: '18294620',
  outcome: 'created',
  replaces: null,
  mode: 'test',
};

/** Shared with Find Payment Link: both return a payment link in this shape. */
export const PAYMENT_LINK_OUTPUT_FIELDS = [
  { key: 'id', label: 'Payment Link ID', type: 'string' },
  { key: 'url', label: 'Payment Link URL (send this to the payer)', type: 'string' },
  { key: 'invoiceNumber', label: 'Invoice Number', type: 'string' },
  { key: 'description', label: 'Description', type: 'string' },
  { key: 'amount__value', label: 'Amount', type: 'string' },
  { key: 'amount__currency', label: 'Currency', type: 'string' },
  { key: 'status', label: 'Status (open, paid, expired, archived)', type: 'string' },
  { key: 'paid', label: 'Paid', type: 'boolean' },
  { key: 'paidAt', label: 'Paid At', type: 'datetime' },
  { key: 'expiresAt', label: 'Expires At', type: 'datetime' },
  { key: 'createdAt', label: 'Created At', type: 'datetime' },
  { key: 'redirectUrl', label: 'Redirect URL', type: 'string' },
  { key: 'allowedMethods', label: 'Allowed Payment Methods', type: 'string' },
  { key: 'crmAccountId', label: 'CRM Account ID', type: 'string' },
  { key: 'outcome', label: 'Outcome (created or existing)', type: 'string' },
  { key: 'replaces', label: 'Replaces Expired or Archived Link ID', type: 'string' },
  { key: 'mode', label: 'Mode (test or live)', type: 'string' },
] as const;

const inputFields = defineInputFields([
  {
    key: 'invoiceNumber',
    label: 'Invoice Number',
    type: 'string',
    required: true,
    helpText:
      'The invoice this link is for, as written on it (e.g. `INV-2024-0012`). One invoice gets one link: asking again for the same ' +
      'invoice returns the link it already has, and marks it paid once it is paid.',
  },
  {
    key: 'amount',
    label: 'Amount',
    type: 'string',
    required: true,
    helpText: 'The amount to pay, with a dot for decimals and no more decimals than the currency has: `121.00` or `121.5` for EUR, `1000` for JPY.',
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
    key: 'crmAccountId',
    label: 'CRM Account ID',
    type: 'string',
    required: false,
    helpText: 'The CRM account the invoice belongs to (e.g. from a Find CRM Account step). It is returned with the link so later steps can use it.',
  },
  {
    key: 'expiresAt',
    label: 'Expires At',
    type: 'datetime',
    required: false,
    helpText: 'When the link stops accepting payments; must be in the future. Leave empty for a link that does not expire.',
  },
  {
    key: 'redirectUrl',
    label: 'Redirect URL',
    type: 'string',
    required: false,
    helpText: 'Where the payer goes after paying (an `https://` address). Leave empty for Mollie’s own confirmation page.',
  },
  {
    key: 'allowedMethods',
    label: 'Allowed Payment Methods',
    type: 'string',
    list: true,
    required: false,
    dynamic: 'payment_methods.id.name',
    helpText: 'Limit the link to these payment methods. The list shows the methods active on your Mollie profile; leave empty to offer all of them.',
  },
]);

type Input = InferInputData<typeof inputFields>;

const readExpiry = (z: ZObject, raw: unknown): string | undefined => {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const time = typeof raw === 'string' || typeof raw === 'number' ? new Date(raw).getTime() : NaN;
  if (Number.isNaN(time)) throw new z.errors.Error(`Expires At "${String(raw).slice(0, 40)}" is not a date. Use e.g. 2024-04-30T23:59:59Z.`, 'InvalidInput', 400);
  if (time <= Date.now()) throw new z.errors.Error(`Expires At ${new Date(time).toISOString()} is in the past; a link must expire in the future.`, 'InvalidInput', 400);
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, '+00:00');
};

const readUrl = (z: ZObject, raw: unknown): string | undefined => {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) throw new z.errors.Error(`Redirect URL "${text.slice(0, 60)}" is not a web address. Use e.g. https://example.com/thank-you.`, 'InvalidInput', 400);
  return text;
};

const readMethods = (z: ZObject, raw: unknown): string[] | undefined => {
  const values = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : []).map((value) => String(value).trim()).filter(Boolean);
  for (const value of values) {
    if (!/^[a-z0-9_]+$/.test(value)) throw new z.errors.Error(`Allowed Payment Methods: "${value.slice(0, 30)}" is not a Mollie method id such as ideal or creditcard.`, 'InvalidInput', 400);
  }
  return values.length ? [...new Set(values)] : undefined;
};

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  // Every check happens before the first request.
  const invoiceNumber = parseInvoiceNumber(input.invoiceNumber);
  const currency = parseCurrency(input.currency || 'EUR');
  const amount = parseAmount(input.amount, currency);
  const description = linkDescription(invoiceNumber, input.description);
  const expiresAt = readExpiry(z, input.expiresAt);
  const redirectUrl = readUrl(z, input.redirectUrl);
  const allowedMethods = readMethods(z, input.allowedMethods);
  const crmAccountId = typeof input.crmAccountId === 'string' && input.crmAccountId.trim() ? input.crmAccountId.trim() : undefined;
  return ensurePaymentLink(z, bundle, { invoiceNumber, amount, description, crmAccountId, expiresAt, redirectUrl, allowedMethods });
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
    sample: { ...PAYMENT_LINK_SAMPLE },
    outputFields: [...PAYMENT_LINK_OUTPUT_FIELDS],
  },
});
