import type { Money } from '../money/money';
import { fromMinor, toMinor } from '../money/money';
import type { MolliePayment } from '../mollie/types';
import { shorten } from '../http/text';
import type { PaymentRecord, PaymentRecordInput, RecordStatus } from './adapter';

const zero = (currency: string): Money => fromMinor(0n, currency);

const moneyOr = (value: { currency: string; value: string } | null | undefined, currency: string): Money =>
  value ? { currency: value.currency, value: value.value } : zero(currency);

/**
 * What a payment record says, from the Mollie payment: a chargeback wins over
 * refunds, a refund of everything is "refunded", of part "partially refunded".
 */
export const recordStatus = (
  payment: Pick<MolliePayment, 'status' | 'amount' | 'amountRefunded' | 'amountChargedBack'>,
): RecordStatus => {
  const currency = payment.amount.currency;
  if (payment.status !== 'paid') {
    return payment.status === 'pending' || payment.status === 'authorized'
      ? 'open'
      : (payment.status as RecordStatus);
  }
  if (toMinor(moneyOr(payment.amountChargedBack, currency)) > 0n) return 'charged back';
  const refunded = toMinor(moneyOr(payment.amountRefunded, currency));
  if (refunded <= 0n) return 'paid';
  return refunded >= toMinor(payment.amount) ? 'refunded' : 'partially refunded';
};

/**
 * Where a deal stands: only a payment whose money arrived is won revenue. An
 * open, pending or authorized payment stays open; failed, canceled and expired
 * ones are lost.
 */
export const dealOutcome = (status: RecordStatus): 'won' | 'lost' | 'open' => {
  if (status === 'open') return 'open';
  return status === 'failed' || status === 'canceled' || status === 'expired' ? 'lost' : 'won';
};

/** What the business still holds of the payment: paid minus refunded minus charged back; zero unless it was paid. */
export const netReceived = (
  input: Pick<PaymentRecordInput, 'status' | 'amount' | 'amountRefunded' | 'amountChargedBack'>,
): Money => {
  const { currency } = input.amount;
  if (!['paid', 'partially refunded', 'refunded', 'charged back'].includes(input.status))
    return zero(currency);
  const net = toMinor(input.amount) - toMinor(input.amountRefunded) - toMinor(input.amountChargedBack);
  return fromMinor(net > 0n ? net : 0n, currency);
};

/** The record input for a Mollie payment; the caller adds the account, invoice and pipeline. */
export const paymentRecordInput = (payment: MolliePayment): PaymentRecordInput => {
  const currency = payment.amount.currency;
  return {
    molliePaymentId: payment.id,
    amount: { currency, value: payment.amount.value },
    amountRefunded: moneyOr(payment.amountRefunded, currency),
    amountChargedBack: moneyOr(payment.amountChargedBack, currency),
    status: recordStatus(payment),
    description: payment.description ?? '',
    method: payment.method ?? undefined,
    paidAt: payment.paidAt ?? undefined,
  };
};

/** Refunded/charged-back/failed can be read back from what a CRM stored. */
export const RECORD_STATUSES: RecordStatus[] = [
  'paid',
  'partially refunded',
  'refunded',
  'charged back',
  'failed',
  'canceled',
  'expired',
  'open',
];
export const asRecordStatus = (value: unknown): RecordStatus =>
  RECORD_STATUSES.includes(value as RecordStatus) ? (value as RecordStatus) : 'paid';

/** Whether a stored record already says what the input says (nothing to write). */
export const sameRecord = (
  record: PaymentRecord,
  wanted: Pick<PaymentRecord, 'status' | 'amountRefunded' | 'accountId' | 'invoiceNumber'>,
): boolean =>
  record.status === wanted.status &&
  record.amountRefunded.value === wanted.amountRefunded.value &&
  (!wanted.accountId || record.accountId === wanted.accountId) &&
  (!wanted.invoiceNumber || record.invoiceNumber === wanted.invoiceNumber);

/** A record's title: the payment's description, shortened between whole characters so the Mollie id after it always fits. */
export const recordTitle = (
  input: Pick<PaymentRecordInput, 'description' | 'molliePaymentId'>,
  max: number,
): string => {
  const suffix = ` (${input.molliePaymentId})`;
  return `${shorten(input.description || 'Mollie payment', max - suffix.length)}${suffix}`;
};
