import type { Sandbox } from '../../sandbox';

/** A payment made and paid in the sandbox (EUR 25.00 unless `input` says otherwise); returns its id. */
export const paidPayment = (sb: Sandbox, input: Parameters<Sandbox['mollie']['createPayment']>[0] = {}): string => {
  const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '25.00' }, description: 'Order', ...input });
  sb.mollie.setPaymentStatus(payment.id, 'paid');
  return payment.id;
};
