import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import { refuse as refuseInput, refuseUnsafeLine } from '../http/refuse';
import { mollieId } from '../mollie/ids';
import type { CrmAccount, PaymentRecord } from './adapter';
import { normalizeEmail } from './common';

/** What the operations share: input checks before any request, and the flat output shapes. */
export { refuse as refuseInput } from '../http/refuse';

export const optionalText = (value: unknown, field: string, max = 255): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return refuseInput(field, 'must be text.');
  const text = String(value).trim();
  if (text.length > max) return refuseInput(field, `is longer than ${max} characters.`);
  return refuseUnsafeLine(text, field) || undefined;
};

/** A CRM record id (account, pipeline, stage): letters, digits, - and _ only, so it cannot reach another path or filter. */
export const optionalId = (value: unknown, field: string, max = 64): string | undefined => {
  const text = optionalText(value, field, max);
  if (text && !/^[A-Za-z0-9_-]+$/.test(text)) return refuseInput(field, `"${text.slice(0, 40)}" is not a record ID: use letters, digits, - and _ only.`);
  return text;
};

export const requiredText = (value: unknown, field: string, max = 255): string =>
  optionalText(value, field, max) ?? refuseInput(field, 'is empty. Fill it in or map a value from an earlier step.');

/** name@domain.tld: letters (any script), digits and the characters e-mail allows before the @; no quotes, brackets or spaces. */
const EMAIL = /^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

export const optionalEmail = (value: unknown, field = 'E-mail'): string | undefined => {
  const text = optionalText(value, field, 254);
  if (text && !EMAIL.test(text)) return refuseInput(field, `"${text.slice(0, 60)}" is not an e-mail address.`);
  return text ? normalizeEmail(text) : undefined;
};

export const molliePaymentId = (value: unknown, field = 'Mollie payment ID'): string => mollieId(value, 'payment', field);

export const crmName = (bundle: Pick<Bundle, 'authData'>) => readCredentials(bundle.authData).crm;

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

export const recordOutput = (record: PaymentRecord, extra: { crm: string; outcome?: string; match_note?: string; invoice_number?: string }) => ({
  id: record.id,
  mollie_payment_id: record.molliePaymentId,
  account_id: record.accountId ?? '',
  invoice_number: record.invoiceNumber ?? extra.invoice_number ?? '',
  amount: record.amount.value,
  currency: record.amount.currency,
  amount_refunded: record.amountRefunded.value,
  status: record.status,
  url: record.url,
  crm: extra.crm,
  outcome: extra.outcome ?? 'found',
  match_note: extra.match_note ?? '',
});

export const RECORD_OUTPUT_FIELDS = [
  { key: 'id', label: 'Payment record ID' },
  { key: 'mollie_payment_id', label: 'Mollie payment ID' },
  { key: 'account_id', label: 'Account ID' },
  { key: 'invoice_number', label: 'Invoice number' },
  { key: 'amount', label: 'Amount' },
  { key: 'currency', label: 'Currency' },
  { key: 'amount_refunded', label: 'Amount refunded' },
  { key: 'status', label: 'Status (paid, partially refunded, refunded, charged back, failed)' },
  { key: 'url', label: 'Record in the CRM' },
  { key: 'crm', label: 'CRM' },
  { key: 'outcome', label: 'Outcome (created, updated, unchanged, found)' },
  { key: 'match_note', label: 'How the account was chosen' },
];

export const RECORD_SAMPLE = {
  id: '30198765432',
  mollie_payment_id: 'tr_WDqYK6vllg',
  account_id: '18390123456',
  invoice_number: '2026-0042',
  amount: '121.00',
  currency: 'EUR',
  amount_refunded: '0.00',
  status: 'paid',
  url: 'https://app-eu1.hubspot.com/contacts/24000001/record/0-3/30198765432',
  crm: 'hubspot',
  outcome: 'created',
  match_note: 'Matched on customer ID CUST-1042 from the payment\'s metadata.',
};

export type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
