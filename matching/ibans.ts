/**
 * The payer's bank account as a key: IBANs compared in their electronic form
 * (no spaces, upper case) and only when valid (ISO 13616 checksum, via
 * `ibantools`), never partially: `nl91 abna 0417 1643 00` = `NL91ABNA0417164300`,
 * while `NL91ABNA041716430` or a BBAN alone is no IBAN at all.
 */
import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';

/** The IBAN in electronic form when the value is a valid IBAN, else undefined. */
export const normalIban = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const electronic = electronicFormatIBAN(value.replace(/[\s\u00a0.-]+/g, ''));
  return electronic && isValidIBAN(electronic) ? electronic : undefined;
};

/** Whether two written IBANs are the same account (both must be valid). */
export const sameIban = (a: string, b: string): boolean => {
  const left = normalIban(a);
  return left !== undefined && left === normalIban(b);
};

/** How people read an IBAN: `NL91 ABNA 0417 1643 00`. */
export const friendlyIban = (iban: string): string => friendlyFormatIBAN(iban) ?? iban;

/**
 * The payment methods whose `details.consumerAccount` is the payer's IBAN
 * (Mollie's payment method reference). PayPal's is an e-mail and cards have
 * none, so only these are read, and only a valid IBAN counts.
 */
export const IBAN_METHODS: ReadonlySet<string> = new Set([
  'banktransfer',
  'directdebit',
  'ideal',
  'bancontact',
  'belfius',
  'kbc',
  'eps',
  'giropay',
  'sofort',
  'trustly',
  'paybybank',
]);
