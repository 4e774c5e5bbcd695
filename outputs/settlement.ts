/**
 * The flat, labelled shape of a settlement for Zapier: the settlement's own
 * fields, its totals, and its lines as Zapier line items (`lines`), so a Zap
 * can loop over them or hand them to an accounting step as a table.
 */
import { toMinor } from '../money/money';
import type { MollieSettlement, SettlementLine, SplitSettlement } from '../mollie/settlementLines';

export const lineOutput = (line: SettlementLine) => ({
  type: line.kind,
  mollie_id: line.mollieId,
  payment_id: line.paymentId,
  invoice_number: line.invoiceNumber,
  invoice_numbers: line.invoiceNumbers.join(', '),
  customer_id: line.customerId,
  description: line.description,
  method: line.method,
  date: line.date,
  amount: line.amount.value,
  gross_amount: line.grossAmount.value,
  gross_currency: line.grossAmount.currency,
  fee: line.fee?.value ?? '',
  net: line.net ?? '',
  vat: line.vat ?? '',
});

export type LineOutput = ReturnType<typeof lineOutput>;

export const settlementOutput = (settlement: MollieSettlement, split: SplitSettlement) => {
  const count = (kind: SettlementLine['kind']) => split.lines.filter((line) => line.kind === kind).length;
  return {
    id: `${settlement.id}:${settlement.status}`,
    settlement_id: settlement.id,
    reference: settlement.reference ?? '',
    status: settlement.status,
    settled_at: settlement.settledAt ?? '',
    currency: split.totals.currency,
    amount: split.totals.settlement.value,
    revenue: split.totals.revenue.value,
    refunds: split.totals.refunds.value,
    chargebacks: split.totals.chargebacks.value,
    costs: split.totals.costs.value,
    difference: split.totals.difference.value,
    lines_add_up: toMinor(split.totals.difference) === 0n,
    payment_count: count('payment') + count('capture'),
    refund_count: count('refund'),
    chargeback_count: count('chargeback'),
    balance_id: settlement.balanceId,
    lines: split.lines.map(lineOutput),
  };
};

export type SettlementOutput = ReturnType<typeof settlementOutput>;

export const LINE_OUTPUT_FIELDS = [
  { key: 'lines[]type', label: 'Line: type (payment, capture, refund, chargeback, cost, difference)' },
  { key: 'lines[]mollie_id', label: 'Line: Mollie ID' },
  { key: 'lines[]payment_id', label: 'Line: Mollie payment ID' },
  { key: 'lines[]invoice_number', label: 'Line: invoice number (when the payment names exactly one)' },
  {
    key: 'lines[]invoice_numbers',
    label: 'Line: invoice numbers (every invoice the payment names, comma-separated)',
  },
  { key: 'lines[]customer_id', label: 'Line: CRM customer ID (from the metadata)' },
  { key: 'lines[]description', label: 'Line: description' },
  { key: 'lines[]method', label: 'Line: payment method' },
  { key: 'lines[]date', label: 'Line: date' },
  { key: 'lines[]amount', label: 'Line: amount in the payout (negative for refunds, chargebacks and costs)' },
  { key: 'lines[]gross_amount', label: 'Line: gross amount' },
  { key: 'lines[]gross_currency', label: 'Line: currency of the gross amount' },
  { key: 'lines[]fee', label: 'Line: fee Mollie charged (where Mollie states it)' },
  { key: 'lines[]net', label: 'Line: cost excluding VAT' },
  { key: 'lines[]vat', label: 'Line: VAT on the cost' },
];

export const SETTLEMENT_OUTPUT_FIELDS = [
  { key: 'id', label: 'Event ID (settlement and status)' },
  { key: 'settlement_id', label: 'Settlement ID (stl_…)' },
  { key: 'reference', label: 'Bank reference (on your bank statement)' },
  { key: 'status', label: 'Status' },
  { key: 'settled_at', label: 'Paid out at', type: 'datetime' as const },
  { key: 'currency', label: 'Currency' },
  { key: 'amount', label: 'Amount paid out' },
  { key: 'revenue', label: 'Total of payments and captures' },
  { key: 'refunds', label: 'Total of refunds (negative)' },
  { key: 'chargebacks', label: 'Total of chargebacks (negative)' },
  { key: 'costs', label: 'Total of Mollie fees incl. VAT (negative)' },
  { key: 'difference', label: 'Difference Mollie did not itemize (0.00 when the lines explain everything)' },
  { key: 'lines_add_up', label: 'Lines explain the payout completely', type: 'boolean' as const },
  { key: 'payment_count', label: 'Number of payments and captures', type: 'integer' as const },
  { key: 'refund_count', label: 'Number of refunds', type: 'integer' as const },
  { key: 'chargeback_count', label: 'Number of chargebacks', type: 'integer' as const },
  { key: 'balance_id', label: 'Mollie balance ID' },
  { key: 'lines', label: 'Lines (one per payment, capture, refund, chargeback and fee)' },
  ...LINE_OUTPUT_FIELDS,
];

const SAMPLE_LINE: LineOutput = {
  type: 'payment',
  mollie_id: 'tr_5B8cwPMGnU',
  payment_id: 'tr_5B8cwPMGnU',
  invoice_number: '2026-0042',
  invoice_numbers: '2026-0042',
  customer_id: 'CUST-1042',
  description: 'Invoice 2026-0042',
  method: 'ideal',
  date: '2026-11-16',
  amount: '121.00',
  gross_amount: '121.00',
  gross_currency: 'EUR',
  fee: '0.35',
  net: '',
  vat: '',
};

export const SETTLEMENT_SAMPLE: SettlementOutput = {
  id: 'stl_jDk30akdN:paidout',
  settlement_id: 'stl_jDk30akdN',
  reference: '1234567.2611.03',
  status: 'paidout',
  settled_at: '2026-11-20T09:41:44+00:00',
  currency: 'EUR',
  amount: '115.44',
  revenue: '121.00',
  refunds: '-5.00',
  chargebacks: '0.00',
  costs: '-0.56',
  difference: '0.00',
  lines_add_up: true,
  payment_count: 1,
  refund_count: 1,
  chargeback_count: 0,
  balance_id: 'bal_3kUf4yU2nT',
  lines: [
    SAMPLE_LINE,
    {
      ...SAMPLE_LINE,
      type: 'refund' as const,
      mollie_id: 're_4qqhO89gsT',
      payment_id: 'tr_7UhSN1zuXS',
      invoice_number: '2026-0031',
      invoice_numbers: '2026-0031',
      customer_id: '',
      description: 'Refund order 31',
      date: '2026-11-18',
      amount: '-5.00',
      gross_amount: '5.00',
      fee: '0.25',
    },
    {
      ...SAMPLE_LINE,
      type: 'cost' as const,
      mollie_id: 'stl_jDk30akdN:2026-11:ideal',
      payment_id: '',
      invoice_number: '',
      invoice_numbers: '',
      customer_id: '',
      description: 'Mollie fees iDEAL 2026-11 (1×)',
      date: '2026-11-20',
      amount: '-0.56',
      gross_amount: '0.56',
      fee: '',
      net: '0.4628',
      vat: '0.0972',
    },
  ],
};
