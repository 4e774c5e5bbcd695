import { refuse } from '../http/refuse';

const EXAMPLES = {
  payment: 'tr_WDqYK6vllg',
  refund: 're_4qqhO89gsT',
  chargeback: 'chb_n9z0tp',
  paymentLink: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
  customer: 'cst_8wmqcHMN4U',
  profile: 'pfl_QkEhN94Ba',
} as const;

export type MollieIdKind = keyof typeof EXAMPLES;

const LABELS: Record<MollieIdKind, string> = {
  payment: 'payment',
  refund: 'refund',
  chargeback: 'chargeback',
  paymentLink: 'payment link',
  customer: 'customer',
  profile: 'profile',
};

/** Checks a Mollie id typed or mapped by a user; the message names the field and shows what one looks like. */
export const mollieId = (value: unknown, kind: MollieIdKind, field: string): string => {
  const example = EXAMPLES[kind];
  const prefix = example.slice(0, example.indexOf('_') + 1);
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (!text) return refuse(field, `is empty. Map a Mollie ${LABELS[kind]} ID, e.g. ${example}.`);
  if (text.length > 64 || !text.startsWith(prefix) || !/^[a-z]+_[A-Za-z0-9]{4,}$/.test(text)) {
    return refuse(field, `"${text.slice(0, 40)}" is not a Mollie ${LABELS[kind]} ID; those look like ${example}.`);
  }
  return text;
};
