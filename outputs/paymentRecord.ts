import type { PaymentRecord } from '../crm/adapter';

/**
 * A CRM payment record as the record steps give it: what the record holds (the invoice number only when the
 * CRM stores it: Moneybird's invoice, the HubSpot deal property or Pipedrive deal field "Mollie invoice number").
 */
export const recordOutput = (
  record: PaymentRecord,
  extra: { crm: string; outcome?: string; match_note?: string },
) => ({
  id: record.id,
  mollie_payment_id: record.molliePaymentId,
  account_id: record.accountId ?? '',
  invoice_number: record.invoiceNumber ?? '',
  amount: record.amount.value,
  currency: record.amount.currency,
  amount_refunded: record.amountRefunded.value,
  status: record.status,
  url: record.url,
  crm: extra.crm,
  outcome: extra.outcome ?? 'found',
  match_note: extra.match_note ?? '',
});

export type RecordOutput = ReturnType<typeof recordOutput>;

export const RECORD_OUTPUT_FIELDS = [
  { key: 'id', label: 'Payment record ID' },
  { key: 'mollie_payment_id', label: 'Mollie payment ID' },
  { key: 'account_id', label: 'Account ID' },
  { key: 'invoice_number', label: 'Invoice number (as the record holds it)' },
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
  match_note: "Matched on customer ID CUST-1042 from the payment's metadata.",
};
