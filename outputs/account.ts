import type { CrmAccount } from '../crm/adapter';

/** A CRM account as the searches and creates give it. */
export type AccountOutput = ReturnType<typeof accountOutput>;
export const accountOutput = (account: CrmAccount, extra: { crm: string; matched_by?: string; ambiguous?: boolean; match_count?: number }) => ({
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
