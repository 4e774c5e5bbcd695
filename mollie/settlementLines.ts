/**
 * A Mollie settlement split into lines that add up to the payout exactly:
 * one line per payment, capture, refund and chargeback (the amount each added
 * to or took from the payout), one per cost (fees per month and method, with
 * VAT), and, only when Mollie's own figures leave a gap, one "difference" line
 * that a person must look at. All arithmetic on integer minor units (bigint).
 */
import type { Money } from '../money/money';
import { decimalsOf, formatMinor, fromMinor, toMinor } from '../money/money';
import { listed, onlyOne, paymentFacts } from './paymentFacts';

export type LineKind = 'payment' | 'capture' | 'refund' | 'chargeback' | 'cost' | 'difference';

interface Amount {
  currency: string;
  value: string;
}

export interface SettlementCost {
  description: string;
  method: string | null;
  count: number;
  amountNet: Amount;
  amountVat: Amount | null;
  amountGross: Amount;
}

export interface MollieSettlement {
  id: string;
  reference?: string | null;
  status: string;
  amount: Amount;
  balanceId: string;
  createdAt?: string;
  settledAt?: string | null;
  periods?: Record<string, Record<string, { costs?: SettlementCost[]; revenue?: unknown[] }>>;
}

/** What the settlement lists say about one payment, capture, refund or chargeback (the payment embedded where Mollie gives it). */
export interface SettledItem {
  id: string;
  kind: Exclude<LineKind, 'cost' | 'difference'>;
  paymentId: string;
  amount: Amount;
  settlementAmount?: Amount | null;
  description?: string | null;
  metadata?: unknown;
  method?: string | null;
  date?: string | null;
  /** The payment this item belongs to, for the invoice number and customer of a refund, chargeback or capture. */
  payment?:
    | (Record<string, unknown> & { description?: string | null; metadata?: unknown; method?: string | null })
    | null;
}

export interface SettlementLine {
  kind: LineKind;
  /** tr_, cpt_, re_, chb_ id; for costs "<settlement>:<year-month>:<method>". */
  mollieId: string;
  paymentId: string;
  /** The invoice, when the payment names exactly one ('' otherwise): what a line is booked on. */
  invoiceNumber: string;
  /** Every invoice the payment names, as its one reading reads them (several are several). */
  invoiceNumbers: string[];
  /** The CRM customer ids the payment's metadata names, comma-separated. */
  customerId: string;
  description: string;
  method: string;
  date: string;
  /** A refund's or chargeback's own invoice, when its metadata names one (e.g. the credit invoice it pays back); '' otherwise. */
  ownInvoiceNumber?: string;
  /** The moment behind `date` (ISO instant: paid, refunded, charged back, settled), so the books can date it in their own time zone. */
  at?: string;
  /** What the line adds to the payout (negative for refunds, chargebacks and costs), in the settlement's currency. */
  amount: Money;
  /** The item's own amount as Mollie states it (a refund of 5.00 is "5.00"), in its own currency. */
  grossAmount: Money;
  /** The fee Mollie deducted for this item, where Mollie states it (balance transactions). */
  fee?: Money;
  /** Cost lines: net and VAT as Mollie states them (unrounded). */
  net?: string;
  vat?: string;
  /** The Mollie payment the line belongs to, as Mollie sent it (for recording it in a CRM); not part of the output. */
  payment?: Record<string, unknown> | null;
}

export interface SettlementTotals {
  currency: string;
  revenue: Money;
  refunds: Money;
  chargebacks: Money;
  costs: Money;
  difference: Money;
  settlement: Money;
}

/**
 * What the line's payment says (its one reading, mollie/paymentFacts.ts): a
 * refund, chargeback or capture belongs to its payment's invoice, so it is read
 * from the payment where Mollie embedded it ("Refund order #5571" is no
 * invoice 5571), else from the item itself.
 */
const itemFacts = (item: SettledItem) =>
  paymentFacts(item.payment ?? { description: item.description, metadata: item.metadata });
/** What a refund or chargeback names itself, in its metadata only (its description is no invoice reference): e.g. a credit invoice. */
const ownInvoice = (item: SettledItem) =>
  (item.kind === 'refund' || item.kind === 'chargeback') && item.payment && item.metadata
    ? (onlyOne(paymentFacts({ metadata: item.metadata }).invoiceNumbers) ?? '')
    : '';

/** A decimal string at a given precision (Mollie states costs with 4 decimals): integer units, never a float. */
const scaled = (value: string, decimals: number): bigint => {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`Mollie sent an amount that is not a number: "${value.slice(0, 20)}"`);
  const fraction = (match[3] ?? '').padEnd(decimals, '0');
  if (fraction.length > decimals && /[1-9]/.test(fraction.slice(decimals)))
    throw new Error(`Mollie sent more than ${decimals} decimals: "${value}"`);
  const units = BigInt(match[2]) * 10n ** BigInt(decimals) + BigInt(fraction.slice(0, decimals) || '0');
  return match[1] ? -units : units;
};

const COST_DECIMALS = 4;

/** The currency's minor units of an amount given with COST_DECIMALS decimals, rounded half away from zero. */
const roundToMinor = (units: bigint, currency: string): bigint => {
  const step = 10n ** BigInt(COST_DECIMALS - decimalsOf(currency));
  const magnitude = units < 0n ? -units : units;
  const rounded = (magnitude + step / 2n) / step;
  return units < 0n ? -rounded : rounded;
};

/**
 * Splits `total` minor units over parts given with COST_DECIMALS decimals so
 * that each part is within one minor unit of its exact value and the parts
 * sum to `total` (largest remainder).
 */
const apportion = (exact: bigint[], total: bigint, currency: string): bigint[] => {
  const step = 10n ** BigInt(COST_DECIMALS - decimalsOf(currency));
  const floors = exact.map((units) => (units >= 0n ? units / step : -((-units + step - 1n) / step)));
  let left = total - floors.reduce((sum, part) => sum + part, 0n);
  const order = exact
    .map((units, index) => ({ index, remainder: units - floors[index] * step }))
    .sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  const parts = [...floors];
  for (const { index } of order) {
    if (left <= 0n) break;
    parts[index] += 1n;
    left -= 1n;
  }
  return parts;
};

const money = (minor: bigint, currency: string): Money => fromMinor(minor, currency);
const same = (amount: Amount, currency: string): Money => ({
  currency,
  value: formatMinor(toMinor({ currency, value: amount.value }), currency),
});

const SIGN: Record<SettledItem['kind'], 1n | -1n> = {
  payment: 1n,
  capture: 1n,
  refund: -1n,
  chargeback: -1n,
};

const itemLine = (item: SettledItem, currency: string, fees: ReadonlyMap<string, Money>): SettlementLine => {
  const facts = itemFacts(item);
  const description = item.description || item.payment?.description || '';
  // settlementAmount is signed by Mollie (refunds and chargebacks negative); absent when Mollie did not settle it (e.g. PayPal).
  const settled = item.settlementAmount
    ? toMinor(
        item.settlementAmount.currency === currency
          ? item.settlementAmount
          : { ...item.settlementAmount, currency },
      )
    : 0n;
  const magnitude = settled < 0n ? -settled : settled;
  return {
    kind: item.kind,
    mollieId: item.id,
    paymentId: item.paymentId,
    invoiceNumber: facts.invoiceNumber ?? '',
    invoiceNumbers: facts.invoiceNumbers,
    ownInvoiceNumber: ownInvoice(item),
    customerId: listed(facts.customerIds),
    description,
    method: item.method ?? item.payment?.method ?? '',
    date: (item.date ?? '').slice(0, 10),
    at: item.date ?? '',
    amount: money(SIGN[item.kind] * magnitude, currency),
    grossAmount: same(item.amount, item.amount.currency),
    ...(fees.has(item.id) ? { fee: fees.get(item.id) } : {}),
    payment: item.payment ?? null,
  };
};

export interface SplitSettlement {
  lines: SettlementLine[];
  totals: SettlementTotals;
}

/**
 * The settlement's lines and totals. The cost lines are Mollie's costs per
 * month and method, rounded so that they add up to what Mollie deducted; if
 * Mollie's figures leave more than rounding unexplained, a "difference" line
 * holds it, so the lines always add up to the settlement amount exactly.
 */
export const splitSettlement = (
  settlement: MollieSettlement,
  items: SettledItem[],
  fees: ReadonlyMap<string, Money> = new Map(),
): SplitSettlement => {
  const currency = settlement.amount.currency;
  const at = settlement.settledAt ?? settlement.createdAt ?? '';
  const date = at.slice(0, 10);
  const itemLines = items.map((item) => itemLine(item, currency, fees));
  const sum = (lines: SettlementLine[]) => lines.reduce((total, line) => total + toMinor(line.amount), 0n);
  const settled = toMinor(settlement.amount);

  const costs = Object.entries(settlement.periods ?? {}).flatMap(([year, months]) =>
    Object.entries(months).flatMap(([month, period]) =>
      (period.costs ?? []).map((cost) => ({ cost, period: `${year}-${month}` })),
    ),
  );
  const exact = costs.map(({ cost }) => scaled(cost.amountGross.value, COST_DECIMALS));
  const exactTotal = exact.reduce((total, part) => total + part, 0n);
  const deducted = sum(itemLines) - settled;
  // What Mollie deducted for costs is the gap between the items and the payout; rounding explains up to one minor unit per cost line.
  const rounding = deducted - roundToMinor(exactTotal, currency);
  const explained =
    rounding === 0n || (costs.length > 0 && (rounding < 0n ? -rounding : rounding) <= BigInt(costs.length));
  const costTotal = explained ? deducted : roundToMinor(exactTotal, currency);
  const parts = apportion(exact, costTotal, currency);
  const costLines: SettlementLine[] = costs.map(({ cost, period }, index) => ({
    kind: 'cost',
    mollieId: `${settlement.id}:${period}:${cost.method ?? 'other'}`,
    paymentId: '',
    invoiceNumber: '',
    invoiceNumbers: [],
    customerId: '',
    description: `Mollie fees ${cost.description} ${period} (${cost.count}×)`,
    method: cost.method ?? '',
    date,
    at,
    amount: money(-parts[index], currency),
    grossAmount: money(parts[index], currency),
    net: cost.amountNet.value,
    vat: cost.amountVat?.value ?? formatMinor(0n, currency),
  }));

  const lines = [...itemLines, ...costLines];
  const gap = settled - sum(lines);
  if (gap !== 0n) {
    lines.push({
      kind: 'difference',
      mollieId: `${settlement.id}:difference`,
      paymentId: '',
      invoiceNumber: '',
      invoiceNumbers: [],
      customerId: '',
      description:
        'Difference Mollie did not itemize (e.g. a rolling reserve, an invoice settled from the balance, or items Mollie has not listed yet)',
      method: '',
      date,
      at,
      amount: money(gap, currency),
      grossAmount: money(gap < 0n ? -gap : gap, currency),
    });
  }
  const ofKind = (...kinds: LineKind[]) =>
    money(sum(lines.filter((line) => kinds.includes(line.kind))), currency);
  return {
    lines,
    totals: {
      currency,
      revenue: ofKind('payment', 'capture'),
      refunds: ofKind('refund'),
      chargebacks: ofKind('chargeback'),
      costs: ofKind('cost'),
      difference: ofKind('difference'),
      settlement: money(settled, currency),
    },
  };
};

/** The invariant: the lines add up to the payout, exactly. */
export const linesTotal = (lines: SettlementLine[], currency: string): Money =>
  money(
    lines.reduce((total, line) => total + toMinor(line.amount), 0n),
    currency,
  );
