/** What the fake Mollie charges per settled item, in 4-decimal units (minor units × 100), and the VAT on it. */

/** Fees (net) per method or item kind: fixed per item plus basis points of the amount. */
export const FEES: Record<string, { fixed: number; basisPoints: number; description: string }> = {
  ideal: { fixed: 2900, basisPoints: 0, description: 'iDEAL' },
  creditcard: { fixed: 2500, basisPoints: 180, description: 'Credit card' },
  banktransfer: { fixed: 2500, basisPoints: 0, description: 'Bank transfer' },
  directdebit: { fixed: 2500, basisPoints: 0, description: 'SEPA Direct Debit' },
  paypal: { fixed: 1000, basisPoints: 0, description: 'PayPal' },
  refund: { fixed: 2500, basisPoints: 0, description: 'Refunds' },
  chargeback: { fixed: 50000, basisPoints: 0, description: 'Chargebacks' },
};

const VAT_PERCENT = 21n;
export const vatOf = (net4: bigint) => (net4 * VAT_PERCENT + 50n) / 100n;
/** Minor units of a 4-decimal amount, half up. */
export const minorOf = (units4: bigint) => Number((units4 + 50n) / 100n);

/** "0.25" or "0.2500" → 4-decimal units. */
export const units4Of = (value: string): bigint => {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(value.trim());
  if (!match) throw new Error(`A cost is a positive amount with at most 4 decimals, not "${value}"`);
  return BigInt(match[1]) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
};

/** A 4-decimal amount as Mollie writes costs: "2.5410". */
export const four = (units: bigint): string => {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(5, '0');
  return `${sign}${digits.slice(0, -4)}.${digits.slice(-4)}`;
};
