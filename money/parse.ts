import { refuse, refuseUnfilledMapping, shown } from '../http/refuse';
import { CURRENCY_DECIMALS, decimalsOf, formatMinor, type Money } from './money';

/** Larger than any single payment Mollie takes, small enough to catch a pasted phone number. */
const MAX_MAJOR_UNITS = 10n ** 9n;

/** Reads a currency code typed by a user: three letters Mollie supports, any case. */
export const parseCurrency = (raw: unknown, field = 'Currency'): string => {
  refuseUnfilledMapping(raw, field);
  const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (!code) return refuse(field, 'is empty. Use a three-letter code such as EUR.');
  if (!(code in CURRENCY_DECIMALS)) {
    return refuse(
      field,
      `"${shown(code, 10)}" is not a currency Mollie accepts. Use one of ${Object.keys(CURRENCY_DECIMALS).join(', ')}.`,
    );
  }
  return code;
};

/**
 * Reads an amount typed or mapped by a user: digits with a dot and at most the
 * currency's decimals ("12.5" and "12.50" for EUR, "1000" for JPY), above zero.
 * Refuses "12,50", "-1", "1e3", "0.001", "abc" with a message naming the field.
 */
export const parseAmount = (raw: unknown, currency: string, field = 'Amount'): Money => {
  refuseUnfilledMapping(raw, field);
  const text =
    typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const decimals = decimalsOf(currency);
  const example = decimals === 0 ? '1000' : '12.50';
  if (!text) return refuse(field, `is empty. Enter an amount such as ${example}.`);
  if (/^\d+,\d+$/.test(text))
    return refuse(field, `"${text}" uses a comma. Use a dot for decimals, e.g. ${example}.`);
  if (text.startsWith('-')) return refuse(field, `must be more than zero (got "${shown(text, 20)}").`);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match)
    return refuse(field, `"${shown(text, 20)}" is not an amount. Use digits and a dot, e.g. ${example}.`);
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    return refuse(
      field,
      `"${text}" has more decimals than ${currency} allows (${decimals}). Use e.g. ${example}.`,
    );
  }
  const minor = BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (minor <= 0n) return refuse(field, `must be more than zero (got "${text}").`);
  if (minor >= MAX_MAJOR_UNITS * 10n ** BigInt(decimals))
    return refuse(field, `"${shown(text, 20)}" is larger than any payment Mollie accepts.`);
  return { currency, value: formatMinor(minor, currency) };
};
