/** The matching engine: pure, synchronous, no I/O. */
export { candidateQuery, matchPayment, CONFIDENCE, DEFAULT_MIN_CONFIDENCE } from './engine';
export { exactEmailBaseline } from './baseline';
export {
  canonicalInvoice,
  findInvoiceNumbers,
  normalEmail,
  baseEmail,
  DEFAULT_INVOICE_PATTERNS,
  DEFAULT_METADATA_EMAIL_KEYS,
  DEFAULT_METADATA_ID_KEYS,
  DEFAULT_METADATA_INVOICE_KEYS,
} from './keys';
export type * from './types';
