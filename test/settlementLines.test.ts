/**
 * The settlement split: lines add up to the payout exactly, in the currency's
 * decimals, with Mollie's 4-decimal costs rounded so that they fit, and a
 * "difference" line (never a silent fix) when Mollie's figures leave a gap.
 */
import { toMinor } from '../money/money';
import { linesTotal, splitSettlement, type MollieSettlement, type SettledItem, type SettlementCost } from '../mollie/settlementLines';

const cost = (currency: string, method: string, count: number, net: string, vat: string, gross: string): SettlementCost => ({
  description: method,
  method,
  count,
  amountNet: { currency, value: net },
  amountVat: { currency, value: vat },
  amountGross: { currency, value: gross },
});
const settlement = (currency: string, amount: string, costs: SettlementCost[], months: [string, string][] = [['2026', '11']]): MollieSettlement => ({
  id: 'stl_jDk30akdN',
  reference: '1234567.2611.03',
  status: 'paidout',
  amount: { currency, value: amount },
  balanceId: 'bal_3kUf4yU2nT',
  settledAt: '2026-11-20T09:41:44+00:00',
  periods: Object.fromEntries(months.map(([year, month], index) => [year, { [month]: { costs: index === 0 ? costs : [] } }])),
});
let n = 0;
const item = (kind: SettledItem['kind'], currency: string, settled: string | null, extra: Partial<SettledItem> = {}): SettledItem => ({
  id: `${{ payment: 'tr', capture: 'cpt', refund: 're', chargeback: 'chb' }[kind]}_item${++n}`,
  kind,
  paymentId: `tr_pay${n}`,
  amount: { currency, value: (settled ?? '0').replace('-', '') },
  settlementAmount: settled === null ? null : { currency, value: settled },
  description: `Order ${n}`,
  date: '2026-11-18T10:00:00+00:00',
  ...extra,
});

describe('splitSettlement: the lines add up to the payout', () => {
  it.each([
    {
      name: "Mollie's own example: iDEAL 6 × and 2 refunds, costs with 4 decimals",
      s: settlement('EUR', '39.75', [cost('EUR', 'ideal', 6, '2.1000', '0.4410', '2.5410'), cost('EUR', 'refund', 2, '0.5000', '0.1050', '0.6050')]),
      items: [...['20.00', '15.00', '14.35', '14.35', '11.20', '11.20'].map((v) => item('payment', 'EUR', v)), item('refund', 'EUR', '-28.00'), item('refund', 'EUR', '-15.20')],
      costs: ['-2.54', '-0.61'],
    },
    {
      name: 'JPY: no decimals, costs rounded to whole yen',
      s: settlement('JPY', '9753', [cost('JPY', 'creditcard', 3, '203.2000', '42.6720', '245.8720')]),
      items: [item('payment', 'JPY', '5000'), item('payment', 'JPY', '3999'), item('payment', 'JPY', '1000')],
      costs: ['-246'],
    },
    {
      name: 'a refund larger than the day’s payments: the payout is negative',
      s: settlement('EUR', '-40.86', [cost('EUR', 'ideal', 1, '0.2900', '0.0609', '0.3509'), cost('EUR', 'refund', 1, '0.4200', '0.0882', '0.5082')]),
      items: [item('payment', 'EUR', '10.00'), item('refund', 'EUR', '-50.00')],
      costs: ['-0.35', '-0.51'],
    },
    {
      name: 'JPY refund larger than the payments',
      s: settlement('JPY', '-41046', [cost('JPY', 'refund', 1, '38.0000', '7.9800', '45.9800')]),
      items: [item('payment', 'JPY', '9000'), item('refund', 'JPY', '-50000')],
      costs: ['-46'],
    },
    {
      name: 'a chargeback, a capture, and a PayPal payment Mollie did not settle (0.00)',
      s: settlement('EUR', '88.40', [cost('EUR', 'chargeback', 1, '1.2500', '0.2625', '1.5125'), cost('EUR', 'klarna', 1, '0.0714', '0.0150', '0.0864')]),
      items: [item('payment', 'EUR', '25.00'), item('capture', 'EUR', '90.00'), item('chargeback', 'EUR', '-25.00'), item('payment', 'EUR', null)],
      costs: ['-1.51', '-0.09'],
    },
    {
      name: 'Mollie took a cent more than its unrounded costs say: the cents go to the largest remainders',
      s: settlement('EUR', '98.99', [cost('EUR', 'ideal', 3, '0.3333', '0.0700', '0.3333'), cost('EUR', 'ideal', 3, '0.3333', '0.0700', '0.3334'), cost('EUR', 'ideal', 3, '0.3333', '0.0700', '0.3333')]),
      items: [item('payment', 'EUR', '100.00')],
      costs: ['-0.34', '-0.34', '-0.33'],
    },
  ])('$name', ({ s, items, costs }) => {
    const { lines, totals } = splitSettlement(s, items);
    const currency = s.amount.currency;
    expect(lines.filter((line) => line.kind === 'difference')).toEqual([]);
    expect(lines.filter((line) => line.kind === 'cost').map((line) => line.amount.value)).toEqual(costs);
    expect(linesTotal(lines, currency)).toEqual({ currency, value: s.amount.value });
    expect(totals.settlement.value).toBe(s.amount.value);
    for (const line of lines) {
      // Every amount in the currency's own decimals (JPY "246", EUR "0.35"), never a float's "0.35000000000000003".
      expect(line.amount.value).toMatch(currency === 'JPY' ? /^-?\d+$/ : /^-?\d+\.\d{2}$/);
    }
    expect(toMinor(totals.revenue) + toMinor(totals.refunds) + toMinor(totals.chargebacks) + toMinor(totals.costs)).toBe(toMinor(totals.settlement));
  });

  it('a gap Mollie does not explain becomes a difference line (for a person), so the lines still add up', () => {
    const s = settlement('EUR', '80.00', [cost('EUR', 'ideal', 1, '0.2900', '0.0609', '0.3509')]);
    const { lines, totals } = splitSettlement(s, [item('payment', 'EUR', '100.00')]);
    expect(lines.map((line) => [line.kind, line.amount.value])).toEqual([['payment', '100.00'], ['cost', '-0.35'], ['difference', '-19.65']]);
    expect(totals.difference.value).toBe('-19.65');
    expect(linesTotal(lines, 'EUR').value).toBe('80.00');
  });

  it('refunds and chargebacks count negative even if a settlement amount comes unsigned; payments positive', () => {
    const { lines } = splitSettlement(settlement('EUR', '5.00', []), [item('payment', 'EUR', '10.00'), item('refund', 'EUR', '5.00')]);
    expect(lines.map((line) => line.amount.value)).toEqual(['10.00', '-5.00']);
  });

  it('carries the fee Mollie states per item, the invoice number and the CRM customer id', () => {
    const payment = item('payment', 'EUR', '121.00', { description: 'Factuur 2026/0042', metadata: { klantnummer: 'CUST-1042' } });
    const refund = item('refund', 'EUR', '-21.00', { description: 'Refund', payment: { description: 'x', metadata: { invoiceNumber: 'INV-7' } } });
    const { lines } = splitSettlement(settlement('EUR', '100.00', []), [payment, refund], new Map([[payment.id, { currency: 'EUR', value: '0.29' }]]));
    expect(lines.map((line) => [line.invoiceNumber, line.customerId, line.fee?.value])).toEqual([
      ['2026/0042', 'CUST-1042', '0.29'],
      ['INV-7', '', undefined],
    ]);
  });
});

describe('a line\'s invoice number: as the matching engine reads it, never a guess', () => {
  it.each([
    [{ invoiceNumber: 'F2026-0042' }, 'Order 5', 'F2026-0042'],
    [{ factuur: 2026042 }, '', '2026042'],
    [null, 'Invoice 2026-0042 - Drukwerk', '2026-0042'],
    [null, 'Payment for invoices 2026-0042 and 2026-0043', undefined],
    [null, 'Order 5531', undefined],
    ['{"invoice":"INV-9"}', '', 'INV-9'],
  ])('%j + %j → %j', (metadata, description, expected) => {
    const [line] = splitSettlement(settlement('EUR', '10.00', []), [item('payment', 'EUR', '10.00', { description, metadata })]).lines;
    expect(line.invoiceNumber || undefined).toBe(expected);
  });
});
