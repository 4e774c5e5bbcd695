/**
 * Link Payment to CRM Account: a person chose the account of a payment the
 * app could not place. The payment is recorded on that account exactly as
 * the record step records it, and then the app is taught what identifies the
 * payer (teaching/teach.ts), so the payer's next payment matches by itself.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import { VENDOR_LABELS } from '../http/endpoints';
import { readPayment } from '../matching';
import type { MollieClient } from '../mollie/client';
import type { MolliePayment } from '../mollie/types';
import { customerMandates } from '../mollie/customers';
import { invoiceForRecord } from '../recording/invoiceNumber';
import { recordPayment } from '../recording/recordPayment';
import { teach } from './teach';

export interface LinkRequest {
  /** The payment the step was given (read by the step, operations/stepPayment.ts). */
  payment: MolliePayment;
  accountId: string;
  /** The invoice to book on (Moneybird); the payment's own reading when empty. */
  invoiceNumber?: string;
}

export const linkPayment = async (z: ZObject, bundle: Pick<Bundle, 'authData'>, mollie: MollieClient, request: LinkRequest) => {
  const adapter = crmAdapter(z, bundle);
  const { payment } = request;
  const customer = payment.customerId ? await mollie.customers.get(payment.customerId) : null;
  const withoutMandates = readPayment(payment, { customer });
  // The customer's mandates name the payer's IBAN when the payment itself does not.
  const mandates = customer && withoutMandates.ibans.length === 0 ? await customerMandates(z, bundle, customer.id) : [];
  const reading = mandates.length ? readPayment(payment, { customer, mandates }) : withoutMandates;
  const invoiceNumber = invoiceForRecord(adapter.crm, request.invoiceNumber, reading, payment.id);

  const account = await adapter.getAccount(request.accountId);
  if (!account) {
    throw new z.errors.Error(`Account: ${VENDOR_LABELS[adapter.crm]} has no account ${request.accountId}, so payment ${payment.id} was not recorded. Choose the account again.`, 'NotFound', 404);
  }
  const record = await recordPayment(adapter, payment, { accountId: account.id, note: `Chosen in the review step: ${account.name}.`, invoiceNumber });
  const lesson = await teach(z, bundle, { adapter, account, reading, customer, paymentId: payment.id });
  return { ...record, taught: lesson.lines, next_match_by: lesson.nextMatchBy, teaching_summary: lesson.summary };
};
