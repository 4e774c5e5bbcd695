/** A refund, with the payment it belongs to under `payment_`. */
import type { MollieRefund } from '../mollie/types';
import { metadataText, pick, text, type NormalizedPayment, type OutputField } from './fields';
import { embeddedPayment, paymentPart, paymentPartSample, paymentPrefixedFields } from './payment';

/** A refund with the payment it belongs to (embedded by the list call, never fetched per item). */
export const normalizeRefund = (
  refund: MollieRefund,
  payment = embeddedPayment(refund),
): NormalizedPayment => ({
  id: refund.id,
  refund_id: refund.id,
  refund_status: refund.status,
  refund_amount_value: refund.amount.value,
  refund_amount_currency: refund.amount.currency,
  refund_description: text(refund.description),
  refund_created_at: refund.createdAt,
  refund_metadata_json: metadataText(refund.metadata),
  is_full_refund: payment
    ? payment.amountRemaining?.value !== undefined && /^0+(\.0+)?$/.test(payment.amountRemaining.value)
    : null,
  payment_id: refund.paymentId,
  ...paymentPart(payment),
});

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

/** What a refund webhook event carries: the refund and its payment id, no payment fields (those need another request). */
export const refundEventOutputFields = refundOutputFields.filter(
  ({ key }) => !key.startsWith('payment_') || key === 'payment_id',
);
/** A refund item cut to the event's keys, so the instant trigger's sample (performList) and its deliveries agree. */
export const refundEventItem = <T extends Record<string, unknown>>(item: T): T =>
  pick(item, refundEventOutputFields);

export const refundEventSample = refundEventItem(refundSample);
