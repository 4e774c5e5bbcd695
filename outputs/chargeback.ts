/** A chargeback, with the payment it belongs to under `payment_`. */
import type { MollieChargeback } from '../mollie/types';
import { text, type NormalizedPayment, type OutputField } from './fields';
import { embeddedPayment, paymentPart, paymentPartSample, paymentPrefixedFields } from './payment';

export const normalizeChargeback = (
  chargeback: MollieChargeback,
  payment = embeddedPayment(chargeback),
): NormalizedPayment => ({
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
