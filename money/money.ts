/**
 * Money is a decimal string plus an ISO 4217 currency, as Mollie writes it.
 * Arithmetic happens on integer minor units (bigint), never on floats.
 * Every ISO 4217 currency has its decimals (the currency-codes library: BHD 3,
 * CLF 4, JPY 0, CNY 2 …): Mollie's spec allows a payment in any of them.
 */
import { code as isoCurrency } from 'currency-codes';

export interface Money {
  currency: string;
  value: string;
}

/** The currencies Mollie accepts for a payment link, with their decimals (JPY and ISK have none). */
export const CURRENCY_DECIMALS: Readonly<Record<string, number>> = {
  AED: 2,
  AUD: 2,
  BGN: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  ILS: 2,
  ISK: 0,
  JPY: 0,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  PHP: 2,
  PLN: 2,
  RON: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TWD: 2,
  USD: 2,
  ZAR: 2,
};

/** A code that is not an ISO 4217 currency: no amount in it can be read. */
export class UnknownCurrencyError extends Error {
  constructor(readonly currency: string) {
    super(`"${String(currency).slice(0, 12)}" is not an ISO 4217 currency code`);
    this.name = 'UnknownCurrencyError';
  }
}

/** True for an ISO 4217 code (three capitals the standard lists). */
export const isCurrency = (currency: unknown): currency is string =>
  typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) && isoCurrency(currency) !== undefined;

export const decimalsOf = (currency: string): number => {
  if (!isCurrency(currency)) throw new UnknownCurrencyError(currency);
  return isoCurrency(currency)!.digits;
};

/** An amount whose value is not a decimal number ("ten", "1e3"): nothing can be computed with it. */
export class MalformedAmountError extends Error {
  constructor(readonly value: unknown) {
    super(`"${String(value).slice(0, 20)}" is not a decimal amount`);
    this.name = 'MalformedAmountError';
  }
}
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

export const toMinor = (money: Money): bigint => {
  const decimals = decimalsOf(money.currency);
  if (typeof money.value !== 'string' || !DECIMAL.test(money.value))
    throw new MalformedAmountError(money.value);
  const [whole, fraction = ''] = money.value.replace(/^-/, '').split('.');
  const minor =
    BigInt(whole) * 10n ** BigInt(decimals) +
    BigInt(fraction.padEnd(decimals, '0').slice(0, decimals) || '0');
  return money.value.startsWith('-') ? -minor : minor;
};

export const formatMinor = (minor: bigint, currency: string): string => {
  const decimals = decimalsOf(currency);
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(decimals + 1, '0');
  return decimals === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
};

export const fromMinor = (minor: bigint, currency: string): Money => ({
  currency,
  value: formatMinor(minor, currency),
});

export const sameMoney = (a: Money, b: Money): boolean =>
  a.currency === b.currency && toMinor(a) === toMinor(b);

export const subtractMoney = (a: Money, b: Money): Money => {
  if (a.currency !== b.currency) throw new Error(`Cannot subtract ${b.currency} from ${a.currency}`);
  return fromMinor(toMinor(a) - toMinor(b), a.currency);
};
