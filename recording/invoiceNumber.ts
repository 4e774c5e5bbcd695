import type { CrmName } from '../crm/adapter';
import { refuse } from '../http/refuse';
import type { PaymentReading } from '../matching';

/**
 * The invoice a record goes on: the step's own value wins; else the
 * payment's own reading, when it names exactly one invoice (several are
 * several, never "the first"). Moneybird books a payment on an invoice, so
 * there the step refuses, naming the field, when the payment names none or
 * several.
 */
export const invoiceForRecord = (crm: CrmName, given: string | undefined, reading: PaymentReading, paymentId: string, field = 'Invoice number'): string | undefined => {
  if (given) return given;
  const [only, ...more] = reading.invoices;
  if (only && more.length === 0) return only.number;
  if (crm !== 'moneybird') return undefined;
  if (!only) return refuse(field, `is empty and payment ${paymentId} names no invoice: map the number of the Moneybird invoice it pays.`);
  return refuse(field, `is empty and payment ${paymentId} names several invoices (${reading.invoices.map((invoice) => invoice.number).join(', ')}): map the one to book it on.`);
};
