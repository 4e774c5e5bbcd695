import { refuse, refuseUnfilledMapping, shown } from '../http/refuse';

/** One real-looking id of each kind, shown in messages. */
export const MOLLIE_ID_EXAMPLES = {
  payment: 'tr_WDqYK6vllg',
  refund: 're_4qqhO89gsT',
  chargeback: 'chb_n9z0tp',
  paymentLink: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
  customer: 'cst_8wmqcHMN4U',
  profile: 'pfl_QkEhN94Ba',
} as const;

export type MollieIdKind = keyof typeof MOLLIE_ID_EXAMPLES;

const LABELS: Record<MollieIdKind, string> = {
  payment: 'payment',
  refund: 'refund',
  chargeback: 'chargeback',
  paymentLink: 'payment link',
  customer: 'customer',
  profile: 'profile',
};

/**
 * The status a trigger item's event id carries after the Mollie id (`tr_x:paid`).
 * A user mapping the trigger's ID instead of its Payment ID means the payment,
 * so every field that wants a Mollie id accepts the event id too.
 */
export const EVENT_SUFFIXES = [
  'paid',
  'failed',
  'canceled',
  'expired',
  'authorized',
  'pending',
  'open',
  'refunded',
  'charged_back',
  'unmatched',
] as const;
const EVENT_ID = new RegExp(`^(.+):(?:${EVENT_SUFFIXES.join('|')})$`, 'i');

/** The Mollie id inside a trigger's event id (`tr_x:paid` → `tr_x`); anything else as it is. */
export const withoutEventSuffix = (text: string): string => EVENT_ID.exec(text)?.[1] ?? text;

/** Which kind of Mollie id a text is, by its prefix (a refund id mapped into a payment field, say). */
const kindOf = (text: string): MollieIdKind | undefined =>
  (Object.keys(MOLLIE_ID_EXAMPLES) as MollieIdKind[]).find(
    (kind) =>
      /^[a-z]+_[A-Za-z0-9]{4,}$/.test(text) && text.startsWith(MOLLIE_ID_EXAMPLES[kind].split('_')[0] + '_'),
  );

/** Checks a Mollie id typed or mapped by a user; the message names the field and shows what one looks like. */
export const mollieId = (value: unknown, kind: MollieIdKind, field: string): string => {
  refuseUnfilledMapping(value, field);
  const example = MOLLIE_ID_EXAMPLES[kind];
  const prefix = example.slice(0, example.indexOf('_') + 1);
  const given = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  const text = withoutEventSuffix(given);
  if (!text) return refuse(field, `is empty. Map a Mollie ${LABELS[kind]} ID, e.g. ${example}.`);
  if (text.length > 64 || !text.startsWith(prefix) || !/^[a-z]+_[A-Za-z0-9]{4,}$/.test(text)) {
    const other = kindOf(text);
    const mapped =
      other && other !== kind
        ? ` It is a Mollie ${LABELS[other]} ID: map the ${LABELS[kind]}'s ID instead.`
        : '';
    return refuse(
      field,
      `"${shown(given, 40)}" is not a Mollie ${LABELS[kind]} ID; those look like ${example}.${mapped}`,
    );
  }
  return text;
};
