/**
 * One flat, labelled shape for every payment-shaped output of the app, so a
 * Zap builder maps "Customer e-mail" or "Invoice number" without knowing where
 * Mollie keeps it. Reused by triggers, searches and the CRM steps.
 *
 * Amounts stay decimal strings in the currency's own decimals (JPY "1000").
 */
import { formatMinor, isCurrency } from '../money/money';
import { listed, paymentFacts } from '../mollie/paymentFacts';
import type { Amount, MollieCustomer, MolliePayment } from '../mollie/types';
import {
  asEventOutput,
  asRecord,
  metadataText,
  text,
  type Loose,
  type NormalizedPayment,
  type OutputField,
} from './fields';

export type { NormalizedPayment, OutputField } from './fields';

export interface NormalizeContext {
  /** The Mollie customer (`cst_`), only when the caller already has it: polling never fetches one per item. */
  customer?: Pick<MollieCustomer, 'id' | 'name' | 'email' | 'metadata'> | null;
}

/** An amount Mollie may leave out (e.g. amountRefunded on an unpaid payment) reads as zero in the payment's currency. */
const valueOr = (amount: Amount | undefined | null, currency: string): string | null => {
  if (amount?.value) return amount.value;
  return isCurrency(currency) ? formatMinor(0n, currency) : null;
};

/**
 * The metadata under fixed keys, so every item has the same ones (the editor's
 * sample, the output fields and live items agree): the two keys this app's
 * flows use, and the whole metadata as JSON for anything else. Null when absent.
 * These show the metadata as it is; what it means is read by the payment's
 * reading (`invoice_number`, `crm_customer_id`, `customer_email`).
 */
const metadataFields = (metadata: unknown): NormalizedPayment => {
  const record = asRecord(metadata);
  return {
    metadata_invoiceNumber: metadataText(record?.invoiceNumber),
    metadata_customerId: metadataText(record?.customerId),
    metadata_json: metadataText(metadata),
  };
};

const orNull = (value: string | undefined): string | null => value || null;

/**
 * A payment as every payment-shaped output shows it. The invoice numbers, the
 * CRM customer ID, the payer's e-mail and name are the payment's one reading
 * (mollie/paymentFacts.ts): `invoice_numbers` lists every invoice the payment
 * names, `invoice_number` holds it only when it names exactly one.
 */
export const normalizePayment = (
  payment: MolliePayment,
  context: NormalizeContext = {},
): NormalizedPayment => {
  const loose = payment as unknown as Loose;
  const currency = payment.amount.currency;
  const links = asRecord(loose._links);
  const facts = paymentFacts(payment, { customer: context.customer });
  return {
    id: payment.id,
    payment_id: payment.id,
    status: payment.status,
    amount_value: payment.amount.value,
    amount_currency: currency,
    amount_refunded_value: valueOr(payment.amountRefunded, currency),
    amount_remaining_value:
      payment.status === 'paid'
        ? valueOr(payment.amountRemaining ?? payment.amount, currency)
        : valueOr(null, currency),
    amount_charged_back_value: valueOr(payment.amountChargedBack, currency),
    description: payment.description ?? null,
    method: payment.method ?? null,
    customer_email: orNull(facts.email),
    customer_name: orNull(facts.reading.payerName?.value),
    mollie_customer_id: text(payment.customerId),
    invoice_number: orNull(facts.invoiceNumber),
    invoice_numbers: orNull(listed(facts.invoiceNumbers)),
    invoice_number_source: orNull(facts.invoiceSource),
    crm_customer_id: orNull(listed(facts.customerIds)),
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
  { key: 'invoice_numbers', label: 'Invoice numbers (every invoice the payment names, comma-separated)' },
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
  invoice_numbers: 'INV-2026-00042',
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

/** A payment as a status trigger gives it: the event id names the status reached (`tr_x:paid`). */
export const paymentEventOutputFields = asEventOutput(
  paymentOutputFields,
  'tr_7UhSN1zuXS:paid',
  'Payment ID',
);
export const paidPaymentSample: NormalizedPayment = { ...paymentSample, id: 'tr_7UhSN1zuXS:paid' };
export const failedPaymentSample: NormalizedPayment = {
  ...paymentSample,
  id: 'tr_Wq2kTx8PbR:failed',
  payment_id: 'tr_Wq2kTx8PbR',
  status: 'failed',
  method: 'directdebit',
  amount_remaining_value: '0.00',
  paid_at: null,
  failed_at: '2026-11-07T06:02:40+00:00',
  dashboard_url: 'https://my.mollie.com/dashboard/org_1234567/payments/tr_Wq2kTx8PbR',
};

/** A paid payment the matching engine could not tie to one account, with why (Unmatched Payment). */
export const unmatchedPaymentOutputFields: OutputField[] = [
  ...paymentEventOutputFields,
  {
    key: 'match_reason',
    label: 'Why it did not match (none_found, ambiguous, conflict, weak_evidence, not_checked)',
  },
  { key: 'match_explanation', label: 'What the matching found' },
  { key: 'candidates', label: 'Accounts considered' },
  { key: 'candidate_ids', label: 'IDs of the accounts considered' },
];
export const unmatchedPaymentSample: NormalizedPayment = {
  ...paymentSample,
  id: 'tr_7UhSN1zuXS:unmatched',
  match_reason: 'ambiguous',
  match_explanation:
    'billingAddress.email "office@shared.nl" belongs to 2 accounts (Shared One, Shared Two).',
  candidates: 'Shared One, Shared Two',
  candidate_ids: '18390123456, 18390123457',
};

/** The payment's fields under a prefix (`payment_`), for outputs about something that belongs to a payment. */
const prefixed = (normalized: NormalizedPayment, prefix = 'payment_'): NormalizedPayment =>
  Object.fromEntries(
    Object.entries(normalized)
      .filter(([key]) => key !== 'id')
      .map(([key, value]) => [key === 'payment_id' ? key : `${prefix}${key}`, value]),
  );

const prefixedFields = (
  fields: OutputField[],
  prefix = 'payment_',
  labelPrefix = 'Payment: ',
): OutputField[] =>
  fields
    .filter((field) => field.key !== 'id')
    .map((field) =>
      field.key === 'payment_id'
        ? field
        : { ...field, key: `${prefix}${field.key}`, label: `${labelPrefix}${field.label}` },
    );

/** The payment's fields under `payment_`; all null when the payment was not embedded, so the keys stay the same. */
export const paymentPart = (payment: MolliePayment | null | undefined): NormalizedPayment =>
  payment
    ? prefixed(normalizePayment(payment))
    : Object.fromEntries(
        prefixedFields(paymentOutputFields)
          .filter(({ key }) => key !== 'payment_id')
          .map(({ key }) => [key, null]),
      );

export const embeddedPayment = (item: { _embedded?: unknown }): MolliePayment | undefined =>
  asRecord(asRecord(item._embedded)?.payment) as MolliePayment | undefined;

/** The payment part of a refund's or chargeback's fields and sample. */
export const paymentPrefixedFields = prefixedFields(paymentOutputFields);
export const paymentPartSample = prefixed(paymentSample);
