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

export const decimalsOf = (currency: string): number => {
  const decimals = CURRENCY_DECIMALS[currency];
  if (decimals === undefined) throw new Error(`Unknown currency ${currency}`);
  return decimals;
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
