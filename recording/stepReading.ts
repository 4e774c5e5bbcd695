/**
 * How a step that places a payment reads it: the payment with its Mollie
 * customer (when it has one) and, when the payment itself names no IBAN, the
 * customer's mandates, through the one reading (matching/reading.ts). Every
 * step that decides on an account (Find CRM Account for Payment, Unmatched
 * Payment, the record steps, Link Payment to CRM Account, the settlement books)
 * reads a payment here, so they read it alike.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { PaymentReading } from '../matching';
import type { MollieClient } from '../mollie/client';
import { customerMandates } from '../mollie/customers';
import { paymentFacts } from '../mollie/paymentFacts';
import type { MollieCustomer, MolliePayment } from '../mollie/types';

export interface PaymentSource {
  z: ZObject;
  bundle: Pick<Bundle, 'authData'>;
  mollie: MollieClient;
}

export interface StepPayment {
  payment: MolliePayment;
  customer: MollieCustomer | null;
  reading: PaymentReading;
}

/**
 * The payment alone, without its customer: what a step given its account needs (the invoice and the
 * CRM customer IDs the payment itself names, which the customer does not change). No request.
 */
export const ownFacts = (payment: MolliePayment): StepPayment => ({
  payment,
  customer: null,
  reading: paymentFacts(payment).reading,
});

export const readStepPayment = async (
  { z, bundle, mollie }: PaymentSource,
  payment: MolliePayment,
): Promise<StepPayment> => {
  const customer = payment.customerId ? ((await mollie.customers.get(payment.customerId)) ?? null) : null;
  const withoutMandates = paymentFacts(payment, { customer });
  // The customer's mandates name the payer's IBAN when the payment itself does not.
  const mandates =
    customer && withoutMandates.reading.ibans.length === 0
      ? await customerMandates(z, bundle, customer.id)
      : [];
  const { reading } = mandates.length ? paymentFacts(payment, { customer, mandates }) : withoutMandates;
  return { payment, customer, reading };
};
