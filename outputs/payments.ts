/**
 * One flat, labelled shape for every payment-shaped output of the app, so a
 * Zap builder maps "Customer e-mail" or "Invoice number" without knowing where
 * Mollie keeps it. Reused by triggers, searches and the CRM steps.
 *
 * Amounts stay decimal strings in the currency's own decimals (JPY "1000").
 */
import { findInvoiceNumbers } from '../matching/keys';
import { CURRENCY_DECIMALS, formatMinor } from '../money/money';
import type { Amount, MollieChargeback, MollieCustomer, MolliePayment, MolliePaymentLink, MollieRefund } from '../mollie/types';

export interface OutputField {
  key: string;
  label: string;
  type?: 'string' | 'number' | 'boolean' | 'datetime';
}

export interface NormalizeContext {
  /** The Mollie customer (`cst_`), only when the caller already has it: polling never fetches one per item. */
  customer?: Pick<MollieCustomer, 'id' | 'name' | 'email'> | null;
}

/** Every item of one shape has the same keys, whatever Mollie left out: a missing value is null, never a missing key. */
export type NormalizedPayment = Record<string, string | boolean | null>;

type Loose = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const asRecord = (value: unknown): Loose | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = (value: unknown): string | null => {
  const candidate = text(value)?.trim();
  return candidate && EMAIL.test(candidate) ? candidate : null;
};

/** An amount Mollie may leave out (e.g. amountRefunded on an unpaid payment) reads as zero in the payment's currency. */
const valueOr = (amount: Amount | undefined | null, currency: string): string | null => {
  if (amount?.value) return amount.value;
  return currency in CURRENCY_DECIMALS ? formatMinor(0n, currency) : null;
};

const INVOICE_KEYS = ['invoiceNumber', 'invoice_number', 'invoice', 'invoiceId', 'invoice_id', 'orderNumber'];
const CRM_CUSTOMER_KEYS = ['crmCustomerId', 'crm_customer_id', 'customerId', 'customer_id', 'crmId', 'crm_id'];

const firstOf = (metadata: Loose | undefined, keys: string[]): string | null => {
  for (const key of keys) {
    const value = metadata?.[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
};

const metadataText = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/**
 * The metadata under fixed keys, so every item has the same ones (the editor's
 * sample, the output fields and live items agree): the two keys this app's
 * flows use, and the whole metadata as JSON for anything else. Null when absent.
 */
export const metadataFields = (metadata: unknown): NormalizedPayment => {
  const record = asRecord(metadata);
  return {
    metadata_invoiceNumber: metadataText(record?.invoiceNumber),
    metadata_customerId: metadataText(record?.customerId),
    metadata_json: metadataText(metadata),
  };
};

const customerName = (payment: Loose, details: Loose | undefined, context: NormalizeContext): string | null => {
  const billing = asRecord(payment.billingAddress);
  const billingName = [text(billing?.givenName), text(billing?.familyName)].filter(Boolean).join(' ');
  return text(billingName) ?? text(details?.consumerName) ?? text(details?.cardHolder) ?? text(context.customer?.name);
};

/**
 * The customer's e-mail from whichever field has it: the billing address, then
 * the PayPal payer (details.consumerAccount when it is an e-mail), then the
 * Mollie customer when the caller already has it.
 */
export const customerEmail = (payment: MolliePayment, context: NormalizeContext = {}): string | null => {
  const loose = payment as unknown as Loose;
  return (
    email(asRecord(loose.billingAddress)?.email) ??
    email(asRecord(loose.details)?.consumerAccount) ??
    email(context.customer?.email) ??
    null
  );
};

/** The invoice number a payment carries, and where it was read: its metadata, else its description (read as the matching engine reads it). */
export const paymentInvoiceNumber = (payment: Pick<MolliePayment, 'metadata' | 'description'>): { number: string | null; source: 'metadata' | 'description' | null } => {
  const fromMetadata = firstOf(asRecord(payment.metadata), INVOICE_KEYS);
  if (fromMetadata) return { number: fromMetadata, source: 'metadata' };
  const [fromDescription] = findInvoiceNumbers(payment.description ?? '');
  return fromDescription ? { number: fromDescription.number, source: 'description' } : { number: null, source: null };
};

export const normalizePayment = (payment: MolliePayment, context: NormalizeContext = {}): NormalizedPayment => {
  const loose = payment as unknown as Loose;
  const details = asRecord(loose.details);
  const metadata = asRecord(payment.metadata);
  const currency = payment.amount.currency;
  const links = asRecord(loose._links);
  const invoice = paymentInvoiceNumber(payment);
  return {
    id: payment.id,
    payment_id: payment.id,
    status: payment.status,
    amount_value: payment.amount.value,
    amount_currency: currency,
    amount_refunded_value: valueOr(payment.amountRefunded, currency),
    amount_remaining_value: payment.status === 'paid' ? valueOr(payment.amountRemaining ?? payment.amount, currency) : valueOr(null, currency),
    amount_charged_back_value: valueOr(payment.amountChargedBack, currency),
    description: payment.description ?? null,
    method: payment.method ?? null,
    customer_email: customerEmail(payment, context),
    customer_name: customerName(loose, details, context),
    mollie_customer_id: text(payment.customerId),
    invoice_number: invoice.number,
    invoice_number_source: invoice.source,
    crm_customer_id: firstOf(metadata, CRM_CUSTOMER_KEYS),
    created_at: payment.createdAt,
    paid_at: text(payment.paidAt),
    failed_at: text(payment.failedAt),
    canceled_at: text(payment.canceledAt),
    expired_at: text(payment.expiredAt),
    mode: payment.mode,
    dashboard_url: text(asRecord(links?.dashboard)?.href),
    profile_id: text(payment.profileId),
    ...metadataFields(payment.metadata),
  };
};

export const paymentOutputFields: OutputField[] = [
  { key: 'id', label: 'ID' },
  { key: 'payment_id', label: 'Payment ID (tr_…)' },
  { key: 'status', label: 'Status (open, pending, authorized, paid, failed, canceled, expired)' },
  { key: 'amount_value', label: 'Amount (in the currency’s decimals, e.g. 10.00 or 1000 for JPY)' },
  { key: 'amount_currency', label: 'Currency (ISO 4217)' },
  { key: 'amount_refunded_value', label: 'Amount refunded so far' },
  { key: 'amount_remaining_value', label: 'Amount remaining (refundable)' },
  { key: 'amount_charged_back_value', label: 'Amount charged back' },
  { key: 'description', label: 'Description' },
  { key: 'method', label: 'Payment method' },
  { key: 'customer_email', label: 'Customer e-mail' },
  { key: 'customer_name', label: 'Customer name' },
  { key: 'mollie_customer_id', label: 'Mollie customer ID (cst_…)' },
  { key: 'invoice_number', label: 'Invoice number (from metadata or description)' },
  { key: 'invoice_number_source', label: 'Invoice number read from (metadata or description)' },
  { key: 'crm_customer_id', label: 'CRM customer ID (from metadata)' },
  { key: 'created_at', label: 'Created at', type: 'datetime' },
  { key: 'paid_at', label: 'Paid at', type: 'datetime' },
  { key: 'failed_at', label: 'Failed at', type: 'datetime' },
  { key: 'canceled_at', label: 'Canceled at', type: 'datetime' },
  { key: 'expired_at', label: 'Expired at', type: 'datetime' },
  { key: 'mode', label: 'Mode (test or live)' },
  { key: 'dashboard_url', label: 'Mollie dashboard link' },
  { key: 'profile_id', label: 'Mollie profile ID (pfl_…)' },
  { key: 'metadata_invoiceNumber', label: 'Metadata: invoiceNumber' },
  { key: 'metadata_customerId', label: 'Metadata: customerId' },
  { key: 'metadata_json', label: 'Metadata (all of it, as JSON)' },
];

export const paymentSample: NormalizedPayment = {
  id: 'tr_7UhSN1zuXS',
  payment_id: 'tr_7UhSN1zuXS',
  status: 'paid',
  amount_value: '121.00',
  amount_currency: 'EUR',
  amount_refunded_value: '0.00',
  amount_remaining_value: '121.00',
  amount_charged_back_value: '0.00',
  description: 'Invoice INV-2026-00042',
  method: 'banktransfer',
  customer_email: 'anna.devries@example.com',
  customer_name: 'Anna de Vries',
  mollie_customer_id: 'cst_8wmqcHMN4U',
  invoice_number: 'INV-2026-00042',
  invoice_number_source: 'metadata',
  crm_customer_id: 'C-1042',
  created_at: '2026-11-02T09:14:03+00:00',
  paid_at: '2026-11-05T13:41:52+00:00',
  failed_at: null,
  canceled_at: null,
  expired_at: null,
  mode: 'live',
  dashboard_url: 'https://my.mollie.com/dashboard/org_1234567/payments/tr_7UhSN1zuXS',
  profile_id: 'pfl_QkEhN94Ba',
  metadata_invoiceNumber: 'INV-2026-00042',
  metadata_customerId: 'C-1042',
  metadata_json: '{"invoiceNumber":"INV-2026-00042","customerId":"C-1042"}',
};

/** The payment's fields under a prefix (`payment_`), for outputs about something that belongs to a payment. */
export const prefixed = (normalized: NormalizedPayment, prefix = 'payment_'): NormalizedPayment =>
  Object.fromEntries(
    Object.entries(normalized)
      .filter(([key]) => key !== 'id')
      .map(([key, value]) => [key === 'payment_id' ? key : `${prefix}${key}`, value]),
  );

export const prefixedFields = (fields: OutputField[], prefix = 'payment_', labelPrefix = 'Payment: '): OutputField[] =>
  fields
    .filter((field) => field.key !== 'id')
    .map((field) => (field.key === 'payment_id' ? field : { ...field, key: `${prefix}${field.key}`, label: `${labelPrefix}${field.label}` }));

/** The payment's fields under `payment_`; all null when the payment was not embedded, so the keys stay the same. */
const paymentPart = (payment: MolliePayment | null | undefined): NormalizedPayment =>
  payment
    ? prefixed(normalizePayment(payment))
    : Object.fromEntries(prefixedFields(paymentOutputFields).filter(({ key }) => key !== 'payment_id').map(({ key }) => [key, null]));

const embeddedPayment = (item: { _embedded?: unknown }): MolliePayment | undefined =>
  asRecord(asRecord(item._embedded)?.payment) as MolliePayment | undefined;

/** A refund with the payment it belongs to (embedded by the list call, never fetched per item). */
export const normalizeRefund = (refund: MollieRefund, payment = embeddedPayment(refund)): NormalizedPayment => ({
  id: refund.id,
  refund_id: refund.id,
  refund_status: refund.status,
  refund_amount_value: refund.amount.value,
  refund_amount_currency: refund.amount.currency,
  refund_description: text(refund.description),
  refund_created_at: refund.createdAt,
  refund_metadata_json: metadataText(refund.metadata),
  is_full_refund: payment ? payment.amountRemaining?.value !== undefined && /^0+(\.0+)?$/.test(payment.amountRemaining.value) : null,
  payment_id: refund.paymentId,
  ...paymentPart(payment),
});

export const normalizeChargeback = (chargeback: MollieChargeback, payment = embeddedPayment(chargeback)): NormalizedPayment => ({
  id: chargeback.id,
  chargeback_id: chargeback.id,
  chargeback_amount_value: chargeback.amount.value,
  chargeback_amount_currency: chargeback.amount.currency,
  chargeback_reason_code: text(chargeback.reason?.code),
  chargeback_reason: text(chargeback.reason?.description),
  chargeback_created_at: chargeback.createdAt,
  chargeback_reversed_at: text(chargeback.reversedAt),
  payment_id: chargeback.paymentId,
  ...paymentPart(payment),
});

/** The invoice number a payment link was made for: links made by this app read "Invoice <number>" or "Invoice <number> - <text>". */
export const invoiceNumberOfLink = (description: string | null | undefined): string | null =>
  /^Invoice (\S+)(?: - |$)/.exec(description ?? '')?.[1] ?? null;

export type PaymentLinkStatus = 'open' | 'paid' | 'expired' | 'archived';

export const paymentLinkStatus = (link: Pick<MolliePaymentLink, 'paidAt' | 'archived' | 'expiresAt'>, now = Date.now()): PaymentLinkStatus => {
  if (link.paidAt) return 'paid';
  if (link.archived) return 'archived';
  if (link.expiresAt && Date.parse(link.expiresAt) <= now) return 'expired';
  return 'open';
};

/** One shape for a payment link, wherever it comes out (Payment Link Paid, Create and Find Payment Link). */
export const normalizePaymentLink = (link: MolliePaymentLink, now = Date.now()): NormalizedPayment => {
  const loose = link as unknown as Loose;
  const amount = asRecord(loose.amount);
  const status = paymentLinkStatus(link, now);
  return {
    id: link.id,
    payment_link_id: link.id,
    url: text(asRecord(asRecord(loose._links)?.paymentLink)?.href),
    invoice_number: invoiceNumberOfLink(link.description),
    description: text(link.description),
    amount_value: text(amount?.value),
    amount_currency: text(amount?.currency),
    status,
    paid: status === 'paid',
    paid_at: text(loose.paidAt),
    expires_at: text(loose.expiresAt),
    created_at: text(loose.createdAt),
    redirect_url: text(loose.redirectUrl),
    allowed_methods: Array.isArray(loose.allowedMethods) ? loose.allowedMethods.join(',') : '',
    mode: text(loose.mode),
    profile_id: text(loose.profileId),
  };
};

const paymentPrefixedFields = prefixedFields(paymentOutputFields);

export const refundOutputFields: OutputField[] = [
  { key: 'id', label: 'ID' },
  { key: 'refund_id', label: 'Refund ID (re_…)' },
  { key: 'refund_status', label: 'Refund status (queued, pending, processing, refunded)' },
  { key: 'refund_amount_value', label: 'Refund amount' },
  { key: 'refund_amount_currency', label: 'Refund currency' },
  { key: 'refund_description', label: 'Refund description' },
  { key: 'refund_created_at', label: 'Refund created at', type: 'datetime' },
  { key: 'refund_metadata_json', label: 'Refund metadata (as JSON)' },
  { key: 'is_full_refund', label: 'Payment fully refunded now', type: 'boolean' },
  ...paymentPrefixedFields,
];

const paymentPartSample = prefixed(paymentSample);

export const refundSample: NormalizedPayment = {
  id: 're_4qqhO89gsT',
  refund_id: 're_4qqhO89gsT',
  refund_status: 'pending',
  refund_amount_value: '21.00',
  refund_amount_currency: 'EUR',
  refund_description: 'Returned one item',
  refund_created_at: '2026-11-09T10:02:11+00:00',
  refund_metadata_json: null,
  is_full_refund: false,
  ...paymentPartSample,
  payment_amount_refunded_value: '21.00',
  payment_amount_remaining_value: '100.00',
};

export const chargebackOutputFields: OutputField[] = [
  { key: 'id', label: 'ID' },
  { key: 'chargeback_id', label: 'Chargeback ID (chb_…)' },
  { key: 'chargeback_amount_value', label: 'Chargeback amount' },
  { key: 'chargeback_amount_currency', label: 'Chargeback currency' },
  { key: 'chargeback_reason_code', label: 'Reason code (SEPA, e.g. AC01)' },
  { key: 'chargeback_reason', label: 'Reason' },
  { key: 'chargeback_created_at', label: 'Chargeback received at', type: 'datetime' },
  { key: 'chargeback_reversed_at', label: 'Chargeback reversed at', type: 'datetime' },
  ...paymentPrefixedFields,
];

export const chargebackSample: NormalizedPayment = {
  id: 'chb_n9z0tp',
  chargeback_id: 'chb_n9z0tp',
  chargeback_amount_value: '121.00',
  chargeback_amount_currency: 'EUR',
  chargeback_reason_code: 'MD06',
  chargeback_reason: 'Refund request by end customer',
  chargeback_created_at: '2026-11-20T08:00:00+00:00',
  chargeback_reversed_at: null,
  ...paymentPartSample,
  payment_method: 'directdebit',
  payment_amount_charged_back_value: '121.00',
  payment_amount_remaining_value: '0.00',
};

export const paymentLinkOutputFields: OutputField[] = [
  { key: 'id', label: 'ID' },
  { key: 'payment_link_id', label: 'Payment link ID (pl_…)' },
  { key: 'url', label: 'Payment link URL (send this to the payer)' },
  { key: 'invoice_number', label: 'Invoice number' },
  { key: 'description', label: 'Description' },
  { key: 'amount_value', label: 'Amount' },
  { key: 'amount_currency', label: 'Currency' },
  { key: 'status', label: 'Status (open, paid, expired, archived)' },
  { key: 'paid', label: 'Paid', type: 'boolean' },
  { key: 'paid_at', label: 'Paid at', type: 'datetime' },
  { key: 'expires_at', label: 'Expires at', type: 'datetime' },
  { key: 'created_at', label: 'Created at', type: 'datetime' },
  { key: 'redirect_url', label: 'Redirect URL' },
  { key: 'allowed_methods', label: 'Allowed payment methods' },
  { key: 'mode', label: 'Mode (test or live)' },
  { key: 'profile_id', label: 'Mollie profile ID (pfl_…)' },
];

export const paymentLinkSample: NormalizedPayment = {
  id: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
  payment_link_id: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
  url: 'https://payment-links.mollie.com/payment/4Y0eZitmBnQ6IDoMqZQKh',
  invoice_number: 'INV-2026-00042',
  description: 'Invoice INV-2026-00042 - Website maintenance, October',
  amount_value: '121.00',
  amount_currency: 'EUR',
  status: 'paid',
  paid: true,
  paid_at: '2026-11-04T16:20:00+00:00',
  expires_at: null,
  created_at: '2026-11-02T09:00:00+00:00',
  redirect_url: 'https://example.com/thank-you',
  allowed_methods: 'ideal,creditcard',
  mode: 'live',
  profile_id: 'pfl_QkEhN94Ba',
};

/** What a refund webhook event carries: the refund and its payment id, no payment fields (those need another request). */
export const refundEventOutputFields = refundOutputFields.filter(({ key }) => !key.startsWith('payment_') || key === 'payment_id');

const pick = <T extends Record<string, unknown>>(item: T, fields: OutputField[]): T =>
  Object.fromEntries(fields.map(({ key }) => [key, item[key] ?? null])) as T;

/** A refund item cut to the event's keys, so the instant trigger's sample (performList) and its deliveries agree. */
export const refundEventItem = <T extends Record<string, unknown>>(item: T): T => pick(item, refundEventOutputFields);

export const refundEventSample = refundEventItem(refundSample);

/** A status trigger's item id names the event (the thing and the status it reached, `tr_x:paid`), so it is labelled as such. */
const asEventOutput = (fields: OutputField[], example: string, plainId: string): OutputField[] =>
  fields.map((field) => (field.key === 'id' ? { ...field, label: `Event ID (e.g. ${example}; for the ID itself map ${plainId})` } : field));

export const paymentEventOutputFields = asEventOutput(paymentOutputFields, 'tr_7UhSN1zuXS:paid', 'Payment ID');
export const paymentLinkEventOutputFields = asEventOutput(paymentLinkOutputFields, 'pl_4Y0eZitmBnQ6IDoMqZQKh:paid', 'Payment link ID');
