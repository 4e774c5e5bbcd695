/**
 * matching/: the ground floor (pure, no I/O, no imports from the app above).
 * - reading.ts: THE reading of a payment (`readPayment`): invoice references, order numbers,
 *   customer ids, e-mails, IBANs, payer name, Mollie customer, each with its source.
 * - invoiceNumbers.ts: THE invoice number comparison (`canonicalInvoiceNumber`, `sameInvoiceNumber`).
 * - emails.ts, ibans.ts: e-mails and IBANs in comparable form.
 * - engine.ts: which account a payment belongs to (`matchPayment`, `matchReading`), and what to
 *   ask the CRM for (`candidateQuery`, `queryFor`).
 */
export {
  candidateQuery,
  matchPayment,
  matchReading,
  queryFor,
  CONFIDENCE,
  DEFAULT_MIN_CONFIDENCE,
} from './engine';
export { readPayment } from './reading';
export type {
  EmailFact,
  IbanFact,
  IgnoredFact,
  NumberFact,
  PaymentReading,
  ReadingContext,
  ValueFact,
} from './reading';
export { canonicalInvoiceNumber, sameInvoiceNumber } from './invoiceNumbers';
export { readText } from './references';
export type { FoundNumber, TextReading } from './references';
export { baseEmail, emailsIn, normalEmail, sameEmail } from './emails';
export { friendlyIban, normalIban, sameIban } from './ibans';
export { meaningOf, metadataKey } from './metadata';
export { LINKED_CUSTOMER_ID_KEY, LINKED_FROM_KEY } from './linkedCustomer';
export { normalId } from './evidence';
export { addsUpTo, sameAmount } from './amounts';
export { exactEmailBaseline } from './baseline';
export type { NoiseKind } from './tokens';
export type * from './types';
