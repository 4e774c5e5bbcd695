/** The Record Settlement in the Books step's output: what was booked, and what still needs a person. */
import type { MollieSettlement, SplitSettlement } from '../mollie/settlementLines';
import { LINE_OUTPUT_FIELDS, lineOutput } from './settlement';
import type { BookingResult } from '../crm/books';

export const bookingOutput = (
  settlement: MollieSettlement,
  split: SplitSettlement,
  result: BookingResult,
  crm: string,
) => ({
  id: result.id || settlement.id,
  settlement_id: settlement.id,
  reference: settlement.reference ?? '',
  crm,
  outcome: result.outcome,
  url: result.url,
  currency: split.totals.currency,
  amount: split.totals.settlement.value,
  lines_booked: result.booked,
  lines_already_booked: result.alreadyBooked,
  linked_to_existing_payments: result.linkedToExistingPayment,
  fees_booked: result.feesBooked,
  fees_left_for_bookkeeper: result.feesLeft,
  statement_balance: result.statementBalance,
  note: result.note ?? '',
  needs_person_count: result.needsPerson.length,
  needs_person: result.needsPerson
    .map(({ line, reason }) => `${line.mollieId} ${line.amount.currency} ${line.amount.value}: ${reason}`)
    .join('\n'),
  unmatched: result.needsPerson.map(({ line, reason }) => ({ ...lineOutput(line), reason })),
});

export type BookingOutput = ReturnType<typeof bookingOutput>;

export const SETTLEMENT_RECORD_OUTPUT_FIELDS = [
  { key: 'id', label: 'Statement ID (Moneybird) or settlement ID' },
  { key: 'settlement_id', label: 'Settlement ID' },
  { key: 'reference', label: 'Bank reference' },
  { key: 'crm', label: 'CRM' },
  { key: 'outcome', label: 'Outcome (created, updated, unchanged)' },
  { key: 'url', label: 'Statement in Moneybird' },
  { key: 'currency', label: 'Currency' },
  { key: 'amount', label: 'Amount paid out' },
  { key: 'lines_booked', label: 'Lines booked in this run', type: 'integer' as const },
  { key: 'lines_already_booked', label: 'Lines booked before (replays)', type: 'integer' as const },
  {
    key: 'linked_to_existing_payments',
    label: 'Payments already recorded (linked, not paid again)',
    type: 'integer' as const,
  },
  { key: 'fees_booked', label: 'Fee lines booked', type: 'integer' as const },
  { key: 'fees_left_for_bookkeeper', label: 'Fee lines left for the bookkeeper', type: 'integer' as const },
  { key: 'statement_balance', label: 'Statement total (0.00: the payout empties the Mollie account)' },
  { key: 'note', label: 'Note (e.g. the payout is already in the books, and where)' },
  { key: 'needs_person_count', label: 'Lines that still need a person', type: 'integer' as const },
  { key: 'needs_person', label: 'What still needs a person (one line each)' },
  { key: 'unmatched', label: 'Unmatched lines' },
  ...LINE_OUTPUT_FIELDS.map((field) => ({
    key: field.key.replace('lines[]', 'unmatched[]'),
    label: field.label.replace('Line:', 'Unmatched line:'),
  })),
  { key: 'unmatched[]reason', label: 'Unmatched line: why it was not booked' },
];

export const SETTLEMENT_RECORD_SAMPLE = {
  id: '496081520000000123',
  settlement_id: 'stl_jDk30akdN',
  reference: '1234567.2611.03',
  crm: 'moneybird',
  outcome: 'created',
  url: 'https://moneybird.com/123456789/financial_statements/496081520000000123',
  currency: 'EUR',
  amount: '115.44',
  lines_booked: 1,
  lines_already_booked: 0,
  linked_to_existing_payments: 1,
  fees_booked: 1,
  fees_left_for_bookkeeper: 0,
  statement_balance: '0.00',
  note: '',
  needs_person_count: 1,
  needs_person: 're_4qqhO89gsT EUR -5.00: Moneybird has no sales invoice 2026-0031',
  unmatched: [
    {
      type: 'refund' as const,
      mollie_id: 're_4qqhO89gsT',
      payment_id: 'tr_7UhSN1zuXS',
      invoice_number: '2026-0031',
      invoice_numbers: '2026-0031',
      customer_id: '',
      description: 'Refund order 31',
      method: 'ideal',
      date: '2026-11-18',
      amount: '-5.00',
      gross_amount: '5.00',
      gross_currency: 'EUR',
      fee: '0.25',
      net: '',
      vat: '',
      reason: 'Moneybird has no sales invoice 2026-0031',
    },
  ],
};
