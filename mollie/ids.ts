import { errors } from 'zapier-platform-core';

const PREFIXES = {
  payment: 'tr_',
  refund: 're_',
  chargeback: 'chb_',
  paymentLink: 'pl_',
  customer: 'cst_',
  profile: 'pfl_',
  webhook: 'hook_',
} as const;

export type MollieIdKind = keyof typeof PREFIXES;

/** Checks a Mollie id typed or mapped by a user; the message names the field. */
export const mollieId = (value: unknown, kind: MollieIdKind, field: string): string => {
  const prefix = PREFIXES[kind];
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (!text) throw new errors.Error(`${field} is empty. Map a Mollie id that starts with ${prefix}.`, 'InvalidInput', 400);
  if (!text.startsWith(prefix) || !/^[a-z]+_[A-Za-z0-9]+$/.test(text)) {
    throw new errors.Error(`${field} must be a Mollie id that starts with ${prefix} (got "${text.slice(0, 40)}").`, 'InvalidInput', 400);
  }
  return text;
};
