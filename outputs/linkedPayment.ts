import { RECORD_OUTPUT_FIELDS, RECORD_SAMPLE } from './paymentRecord';

/**
 * Link Payment to CRM Account's output: the payment record as the record
 * step gives it, what the link taught (one line per fact), and the key the
 * payer's next payment will match on.
 */
export const LINKED_PAYMENT_OUTPUT_FIELDS = [
  ...RECORD_OUTPUT_FIELDS,
  { key: 'taught', label: 'What was taught (line items: fact, value, outcome, reason)' },
  { key: 'taught[]fact', label: 'Taught: fact (mollie_customer, iban, email)' },
  { key: 'taught[]value', label: 'Taught: value' },
  { key: 'taught[]outcome', label: 'Taught: outcome (taught, already there, refused)' },
  { key: 'taught[]reason', label: 'Taught: where it went, or why not' },
  {
    key: 'next_match_by',
    label: 'Next payment matches by (mollie_customer, iban, email; empty when nothing identifies the payer)',
  },
  { key: 'teaching_summary', label: 'What was taught, in a sentence' },
];

export const LINKED_PAYMENT_SAMPLE = {
  ...RECORD_SAMPLE,
  outcome: 'updated',
  match_note: 'Chosen in the review step: Bakkerij de Vries.',
  taught: [
    {
      fact: 'mollie_customer',
      value: 'CUST-1042',
      outcome: 'taught',
      reason: "Noted in Mollie customer cst_8wmqcHMN4U's metadata (crmCustomerId), next to what was there.",
    },
    {
      fact: 'iban',
      value: 'NL91ABNA0417164300',
      outcome: 'taught',
      reason: 'Noted as the HubSpot company property iban of Bakkerij de Vries.',
    },
    {
      fact: 'email',
      value: 'jan@bakkerijdevries.nl',
      outcome: 'already there',
      reason: 'Bakkerij de Vries already has jan@bakkerijdevries.nl.',
    },
  ],
  next_match_by: 'mollie_customer',
  teaching_summary:
    "Taught: Mollie customer metadata, IBAN. Already known: e-mail. The payer's next payment matches Bakkerij de Vries by Mollie customer metadata " +
    '(payments of Mollie customer cst_8wmqcHMN4U carry CUST-1042).',
};
