import type { CrmAccount } from '../crm/adapter';

/** A CRM account as the searches and creates give it. */
export type AccountOutput = ReturnType<typeof accountOutput>;
export const accountOutput = (
  account: CrmAccount,
  extra: { crm: string; matched_by?: string; ambiguous?: boolean; match_count?: number },
) => ({
  id: account.id,
  name: account.name,
  email: account.emails[0] ?? '',
  emails: account.emails.join(', '),
  customer_id: account.customerIds[0] ?? '',
  url: account.url,
  crm: extra.crm,
  matched_by: extra.matched_by ?? '',
  ambiguous: extra.ambiguous ?? false,
  match_count: extra.match_count ?? 1,
});

export const ACCOUNT_OUTPUT_FIELDS = [
  { key: 'id', label: 'Account ID' },
  { key: 'name', label: 'Account name' },
  { key: 'email', label: 'E-mail (first)' },
  { key: 'emails', label: 'All e-mails' },
  { key: 'customer_id', label: 'Customer ID' },
  { key: 'url', label: 'Account in the CRM' },
  { key: 'crm', label: 'CRM' },
  { key: 'matched_by', label: 'Matched by' },
  { key: 'ambiguous', label: 'Ambiguous (several accounts found)', type: 'boolean' as const },
  { key: 'match_count', label: 'Number of accounts found', type: 'integer' as const },
];

export const ACCOUNT_SAMPLE = {
  id: '18390123456',
  name: 'Bakkerij de Vries',
  email: 'finance@bakkerijdevries.nl',
  emails: 'finance@bakkerijdevries.nl, jan@bakkerijdevries.nl',
  customer_id: 'CUST-1042',
  url: 'https://app-eu1.hubspot.com/contacts/24000001/record/0-2/18390123456',
  crm: 'hubspot',
  matched_by: 'customer ID',
  ambiguous: false,
  match_count: 1,
};

export const CREATED_ACCOUNT_SAMPLE = { ...ACCOUNT_SAMPLE, matched_by: 'created' };

/** The account a Mollie payment belongs to, with how the matching engine found it (Find CRM Account for Payment). */
export const accountMatchOutput = (
  account: CrmAccount,
  match: {
    crm: string;
    paymentId: string;
    matchedBy: string;
    confidence: number;
    explanation: string;
    candidates: Array<{ name: string }>;
  },
) => ({
  ...accountOutput(account, {
    crm: match.crm,
    matched_by: match.matchedBy,
    ambiguous: false,
    match_count: 1,
  }),
  payment_id: match.paymentId,
  confidence: match.confidence,
  explanation: match.explanation,
  candidates_considered: match.candidates.map((candidate) => candidate.name).join(', '),
});

export type AccountMatchOutput = ReturnType<typeof accountMatchOutput>;

export const ACCOUNT_MATCH_OUTPUT_FIELDS = [
  ...ACCOUNT_OUTPUT_FIELDS.map((field) =>
    field.key === 'matched_by'
      ? { ...field, label: 'Matched by (metadata_id, invoice_number, mollie_customer, email)' }
      : field,
  ),
  { key: 'payment_id', label: 'Mollie payment ID' },
  { key: 'confidence', label: 'Confidence (0.7 to 1)', type: 'number' as const },
  { key: 'explanation', label: 'How it matched' },
  { key: 'candidates_considered', label: 'Accounts considered' },
];

export const ACCOUNT_MATCH_SAMPLE = {
  ...ACCOUNT_SAMPLE,
  matched_by: 'metadata_id',
  payment_id: 'tr_WDqYK6vllg',
  confidence: 1,
  explanation: 'Matched Bakkerij de Vries by metadata.customerId "CUST-1042".',
  candidates_considered: 'Bakkerij de Vries',
};
