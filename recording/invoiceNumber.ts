import type { CrmAdapter } from '../crm/adapter';
import { refuse } from '../http/refuse';
import type { PaymentReading } from '../matching';
import { listed, onlyOne } from '../mollie/paymentFacts';

export type InvoiceChoice =
  { invoiceNumber?: string; problem?: undefined } | { problem: string; invoiceNumber?: undefined };

/**
 * The invoice a record goes on: the step's own value wins; else the
 * payment's own reading, when it names exactly one invoice (several are
 * several, never "the first"). A CRM that records payments on invoices
 * (Moneybird) has a problem (said after the field's name) when the payment
 * names none or several.
 */
export const invoiceChoice = (
  crm: Pick<CrmAdapter, 'recordsOnInvoices'>,
  given: string | undefined,
  reading: PaymentReading,
  paymentId: string,
): InvoiceChoice => {
  if (given) return { invoiceNumber: given };
  const numbers = reading.invoices.map((invoice) => invoice.number);
  const only = onlyOne(numbers);
  if (only || !crm.recordsOnInvoices) return { invoiceNumber: only };
  if (numbers.length === 0)
    return {
      problem: `is empty and payment ${paymentId} names no invoice: map the number of the Moneybird invoice it pays.`,
    };
  return {
    problem: `is empty and payment ${paymentId} names several invoices (${listed(numbers)}): map the one to book it on.`,
  };
};

/** `invoiceChoice`, refusing (naming the field) where it has a problem. */
export const invoiceForRecord = (
  crm: Pick<CrmAdapter, 'recordsOnInvoices'>,
  given: string | undefined,
  reading: PaymentReading,
  paymentId: string,
  field = 'Invoice number',
): string | undefined => {
  const choice = invoiceChoice(crm, given, reading, paymentId);
  return choice.problem ? refuse(field, choice.problem) : choice.invoiceNumber;
};
