/**
 * What Unmatched Payment hands the review step: the accounts considered, as
 * line items a review step can offer as choices (id and name), and one ready
 * sentence for a Slack message, an e-mail or an approval step.
 */
import type { Candidate } from '../matching';
import { unmatchedPaymentSample } from './payment';

export interface CandidateLine {
  id: string;
  name: string;
  /** The keys that pointed to this account, e.g. "email, iban". */
  pointed_to_by: string;
}

export const LINK_STEP = 'Link Payment to CRM Account';

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/** "Payment tr_x of EUR 121.00 ("Invoice 12") from jan@x.nl" out of a trigger item's own fields. */
const paymentWords = (item: Record<string, unknown>): string => {
  const amount = [text(item.amount_currency), text(item.amount_value)].filter(Boolean).join(' ');
  const description = text(item.description);
  const email = text(item.customer_email);
  return [
    `Payment ${text(item.payment_id) || text(item.id)}`,
    amount && `of ${amount}`,
    description && `("${description}")`,
    email && `from ${email}`,
  ]
    .filter(Boolean)
    .join(' ');
};

const sentence = (words: string) => (/[.!?]$/.test(words.trim()) ? words.trim() : `${words.trim()}.`);

/** The review step's fields for an announced payment: the candidates as line items, and the sentence. */
export const reviewFields = (
  item: Record<string, unknown>,
  candidates: Candidate[],
  explanation: string,
  checked = true,
) => {
  const lines: CandidateLine[] = candidates.map((candidate) => ({
    id: candidate.id,
    name: candidate.name,
    pointed_to_by: candidate.pointedToBy.join(', '),
  }));
  const considered = lines.length
    ? `Accounts considered: ${lines.map((line) => `${line.name} (${line.id})`).join(', ')}.`
    : 'No account was found for it.';
  const what = checked
    ? 'could not be matched to one CRM account with certainty'
    : 'was not checked against the CRM';
  const review_message = [
    `${paymentWords(item)} ${what}: ${sentence(explanation)}`,
    checked ? considered : '',
    `Choose its account with ${LINK_STEP}; the payer's next payment then matches by itself.`,
  ]
    .filter(Boolean)
    .join(' ');
  return { candidate_accounts: lines, review_message };
};

export const REVIEW_OUTPUT_FIELDS = [
  { key: 'candidate_accounts', label: 'Accounts considered (line items: ID, name, keys)' },
  { key: 'candidate_accounts[]id', label: 'Accounts considered: account ID' },
  { key: 'candidate_accounts[]name', label: 'Accounts considered: account name' },
  { key: 'candidate_accounts[]pointed_to_by', label: 'Accounts considered: keys pointing to it' },
  { key: 'review_message', label: 'Message for the review step' },
];

const SAMPLE_CANDIDATES: Candidate[] = [
  { id: '18390123456', name: 'Shared One', pointedToBy: ['email'] },
  { id: '18390123457', name: 'Shared Two', pointedToBy: ['email'] },
];
const SAMPLE_EXPLANATION =
  'billingAddress.email "office@shared.nl" belongs to 2 accounts (Shared One, Shared Two).';
const SAMPLE_PAYMENT = {
  ...unmatchedPaymentSample,
  match_explanation: SAMPLE_EXPLANATION,
  customer_email: 'office@shared.nl',
};

/** Unmatched Payment's sample: the payment, why it did not match, and what the review step gets. */
export const UNMATCHED_REVIEW_SAMPLE = {
  ...SAMPLE_PAYMENT,
  ...reviewFields(SAMPLE_PAYMENT, SAMPLE_CANDIDATES, SAMPLE_EXPLANATION),
};
