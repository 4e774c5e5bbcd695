/** An amount in integer minor units (cents; yen for JPY). */
export interface Money {
  currency: string;
  minor: number;
}

export interface ApiAmount {
  value: string;
  currency: string;
}

const ZERO_DECIMAL = new Set(['JPY']);

export function decimals(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

export function toApi(money: Money): ApiAmount {
  const d = decimals(money.currency);
  const sign = money.minor < 0 ? '-' : '';
  const digits = String(Math.abs(money.minor)).padStart(d + 1, '0');
  const value = d === 0 ? digits : `${digits.slice(0, -d)}.${digits.slice(-d)}`;
  return { value: sign + value, currency: money.currency };
}

/** Parses an API amount; returns an error detail string when invalid. */
export function fromApi(input: unknown): Money | string {
  if (typeof input !== 'object' || input === null) return 'The amount is missing or not an object.';
  const { value, currency } = input as Record<string, unknown>;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return 'The amount currency is invalid.';
  const d = decimals(currency);
  const pattern = d === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${d}}$`);
  if (typeof value !== 'string' || !pattern.test(value)) {
    return `The amount value must be a string with ${d} decimals for ${currency}.`;
  }
  return { currency, minor: Number(value.replace('.', '')) };
}
