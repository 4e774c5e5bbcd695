import { refuse } from '../http/refuse';

/**
 * Money is a decimal string plus an ISO 4217 currency, as Mollie writes it.
 * Arithmetic happens on integer minor units (bigint), never on floats.
 */
export interface Money {
  currency: string;
  value: string;
}

/** The currencies Mollie accepts, with their decimals (JPY and ISK have none). */
export const CURRENCY_DECIMALS: Readonly<Record<string, number>> = {
  AED: 2, AUD: 2, BGN: 2, BRL: 2, CAD: 2, CHF: 2, CZK: 2, DKK: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 2,
  ILS: 2, ISK: 0, JPY: 0, MXN: 2, MYR: 2, NOK: 2, NZD: 2, PHP: 2, PLN: 2, RON: 2, SEK: 2, SGD: 2,
  THB: 2, TWD: 2, USD: 2, ZAR: 2,
};

/** Larger than any single payment Mollie takes, small enough to catch a pasted phone number. */
const MAX_MAJOR_UNITS = 10n ** 9n;


export const decimalsOf = (currency: string): number => {
  const decimals = CURRENCY_DECIMALS[currency];
  if (decimals === undefined) throw new Error(`Unknown currency ${currency}`);
  return decimals;
};

/** Reads a currency code typed by a user: three letters Mollie supports, any case. */
export const parseCurrency = (raw: unknown, field = 'Currency'): string => {
  const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (!code) return refuse(field, 'is empty. Use a three-letter code such as EUR.');
  if (!(code in CURRENCY_DECIMALS)) {
    return refuse(field, `"${code.slice(0, 10)}" is not a currency Mollie accepts. Use one of ${Object.keys(CURRENCY_DECIMALS).join(', ')}.`);
  }
  return code;
};

/**
 * Reads an amount typed or mapped by a user: digits with a dot and at most the
 * currency's decimals ("12.5" and "12.50" for EUR, "1000" for JPY), above zero.
 * Refuses "12,50", "-1", "1e3", "0.001", "abc" with a message naming the field.
 */
export const parseAmount = (raw: unknown, currency: string, field = 'Amount'): Money => {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const decimals = decimalsOf(currency);
  const example = decimals === 0 ? '1000' : '12.50';
  if (!text) return refuse(field, `is empty. Enter an amount such as ${example}.`);
  if (/^\d+,\d+$/.test(text)) return refuse(field, `"${text}" uses a comma. Use a dot for decimals, e.g. ${example}.`);
  if (text.startsWith('-')) return refuse(field, `must be more than zero (got "${text.slice(0, 20)}").`);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return refuse(field, `"${text.slice(0, 20)}" is not an amount. Use digits and a dot, e.g. ${example}.`);
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    return refuse(field, `"${text}" has more decimals than ${currency} allows (${decimals}). Use e.g. ${example}.`);
  }
  const minor = BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (minor <= 0n) return refuse(field, `must be more than zero (got "${text}").`);
  if (minor >= MAX_MAJOR_UNITS * 10n ** BigInt(decimals)) return refuse(field, `"${text.slice(0, 20)}" is larger than any payment Mollie accepts.`);
  return { currency, value: formatMinor(minor, currency) };
};

export const toMinor = (money: Money): bigint => {
  const decimals = decimalsOf(money.currency);
  const [whole, fraction = ''] = money.value.replace(/^-/, '').split('.');
  const minor = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0').slice(0, decimals) || '0');
  return money.value.startsWith('-') ? -minor : minor;
};

export const formatMinor = (minor: bigint, currency: string): string => {
  const decimals = decimalsOf(currency);
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(decimals + 1, '0');
  return decimals === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
};

export const fromMinor = (minor: bigint, currency: string): Money => ({ currency, value: formatMinor(minor, currency) });

export const sameMoney = (a: Money, b: Money): boolean => a.currency === b.currency && toMinor(a) === toMinor(b);

export const subtractMoney = (a: Money, b: Money): Money => {
  if (a.currency !== b.currency) throw new Error(`Cannot subtract ${b.currency} from ${a.currency}`);
  return fromMinor(toMinor(a) - toMinor(b), a.currency);
};
