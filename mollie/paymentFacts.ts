/**
 * A Mollie payment's facts as every step shows and uses them: the one reading
 * of a payment (matching/reading.ts `readPayment`), never a reader of its own.
 * Triggers, Find Payment, the record steps, settlement lines and payment links
 * all take the invoice numbers, the CRM customer ids and the payer's e-mail
 * from here, so one payment reads alike in every step.
 *
 * Several invoices are several: `invoiceNumbers` lists them all, `invoiceNumber`
 * is set only when the payment names exactly one. An order number is never an
 * invoice number.
 */
import { readPayment, type MatchPaymentInput, type PaymentReading, type ReadingContext } from '../matching';

export interface PaymentFacts {
  reading: PaymentReading;
  /** Every invoice the payment names, as written, in the order read. */
  invoiceNumbers: string[];
  /** The invoice, when the payment names exactly one. */
  invoiceNumber?: string;
  /** Where the invoice numbers were read: `metadata`, `description`, or both (`metadata, description`). */
  invoiceSource?: string;
  /** The CRM customer ids in the payment's metadata, as written. */
  customerIds: string[];
  /** The payer's e-mail (comparable form: lower case, IDNA domain), the first the reading found. */
  email?: string;
}

/** The one value of a list, or undefined when it holds none or several ("several are several, never the first"). */
export const onlyOne = <T>(values: readonly T[]): T | undefined =>
  values.length === 1 ? values[0] : undefined;

/** Several values as one output field: comma-separated, in their order. */
export const listed = (values: readonly string[]): string => values.join(', ');

const sourceKind = (source: string) =>
  source.startsWith('metadata') ? 'metadata' : source.startsWith('description') ? 'description' : source;

/** The facts of a reading (for a step that has read the payment with its customer and mandates). */
export const factsOf = (reading: PaymentReading): PaymentFacts => {
  const invoiceNumbers = reading.invoices.map((invoice) => invoice.number);
  const sources = [...new Set(reading.invoices.map((invoice) => sourceKind(invoice.source)))];
  return {
    reading,
    invoiceNumbers,
    invoiceNumber: onlyOne(invoiceNumbers),
    invoiceSource: sources.length ? listed(sources) : undefined,
    customerIds: reading.customerIds.map((id) => id.value),
    email: reading.emails[0]?.address,
  };
};

/**
 * The facts of a Mollie payment (or of anything shaped like one: a settlement
 * item, a payment link's description), with its customer and mandates where
 * the caller has them.
 */
export const paymentFacts = (payment: object, context: ReadingContext = {}): PaymentFacts =>
  factsOf(readPayment(payment as MatchPaymentInput, context));
