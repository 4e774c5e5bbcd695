import type { MatchAccount, MatchCustomerInput, MatchPaymentInput } from './types';

const field = (object: object | null | undefined, key: string): unknown =>
  object ? (object as Record<string, unknown>)[key] : undefined;

/**
 * What a plain Zap does today, kept as the yardstick for the evaluation: take
 * the payer's e-mail as Mollie gives it (billing address, else PayPal payer,
 * else the Mollie customer) and pick the first account holding exactly that
 * string. No trimming, no case folding, no other key, no doubt.
 */
export const exactEmailBaseline = (
  payment: MatchPaymentInput,
  customer: MatchCustomerInput | undefined,
  accounts: MatchAccount[],
): string | null => {
  const candidates = [
    field(payment.billingAddress, 'email'),
    field(payment.details, 'consumerAccount'),
    customer?.email,
  ];
  const email = candidates.find((value): value is string => typeof value === 'string' && value.includes('@'));
  if (!email) return null;
  return accounts.find((account) => account.emails.includes(email))?.id ?? null;
};
