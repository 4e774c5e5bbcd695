/**
 * The little money arithmetic the engine needs, on decimal strings and never
 * on floats: whether a payment pays an invoice's amount, and the sum of
 * several invoices. Values are compared as decimals ("121.00" = "121" =
 * "121.0"), so no currency table is needed here.
 */

import type { Money } from '../money/money';

/** Money as Mollie and the CRMs write it: a decimal string plus an ISO 4217 currency (money/money.ts). */
export type MatchMoney = Money;

interface Decimal {
  /** The value times 10^scale. */
  units: bigint;
  scale: number;
}

const decimal = (value: unknown): Decimal | undefined => {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : '';
  const match = /^(-?)(\d{1,18})(?:\.(\d{1,8}))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2]}${fraction}` || '0');
  return { units: match[1] ? -units : units, scale: fraction.length };
};

const rescale = (d: Decimal, scale: number): bigint => d.units * 10n ** BigInt(scale - d.scale);

/** Money as the engine reads it from a loose object, or undefined when value or currency is missing or malformed. */
export const moneyOf = (
  amount: { value?: unknown; currency?: unknown } | null | undefined,
): MatchMoney | undefined => {
  const value =
    typeof amount?.value === 'number'
      ? String(amount.value)
      : typeof amount?.value === 'string'
        ? amount.value.trim()
        : '';
  const currency = typeof amount?.currency === 'string' ? amount.currency.trim().toUpperCase() : '';
  return decimal(value) && /^[A-Z]{3}$/.test(currency) ? { value, currency } : undefined;
};

/** Whether two amounts are the same money: same currency, same decimal value. */
export const sameAmount = (a: MatchMoney | undefined, b: MatchMoney | undefined): boolean => {
  if (!a || !b || a.currency.toUpperCase() !== b.currency.toUpperCase()) return false;
  const [x, y] = [decimal(a.value), decimal(b.value)];
  if (!x || !y) return false;
  const scale = Math.max(x.scale, y.scale);
  return rescale(x, scale) === rescale(y, scale);
};

/** Whether `parts` (all in `total`'s currency) add up exactly to `total`. */
export const addsUpTo = (parts: MatchMoney[], total: MatchMoney): boolean => {
  const all = [...parts, total].map((money) => ({ money, d: decimal(money.value) }));
  if (
    parts.length === 0 ||
    all.some(({ money, d }) => !d || money.currency.toUpperCase() !== total.currency.toUpperCase())
  )
    return false;
  const scale = Math.max(...all.map(({ d }) => d!.scale));
  const sum = all.slice(0, -1).reduce((acc, { d }) => acc + rescale(d!, scale), 0n);
  return sum === rescale(all[all.length - 1].d!, scale);
};

export const describeMoney = (money: MatchMoney | undefined): string =>
  money ? `${money.value} ${money.currency}` : 'unknown';
