/** The fake's settlements, balance transactions and balance as Mollie's API shows them. */
import { toApi, type Money } from './money';
import { four, vatOf } from './fees';
import type { BalanceTransaction, Settlement, SettlementBook } from './settlements';
import { docs, iso, link, type Json } from './views';

/** Revenue and costs per year and month: revenue per method of the items, costs per row of `book.costs`. */
const periodsOf = (book: SettlementBook, s: Settlement): Json => {
  const amount4 = (units: bigint): Json => ({ currency: s.currency, value: four(units) });
  const periods: Record<string, Record<string, { revenue: Json[]; costs: Json[] }>> = {};
  const period = (year: string, month: string) => ((periods[year] ??= {})[month] ??= { revenue: [], costs: [] });
  for (const row of book.costs(s)) {
    const items = s.items.filter((item) => item.kind !== 'cost' && item.method === row.method && iso(item.at).slice(0, 7) === `${row.year}-${row.month}`);
    if (items.length > 0 && row.method !== null && !period(row.year, row.month).revenue.some((revenue) => revenue.method === row.method)) {
      const gross = amount4(BigInt(items.reduce((sum, item) => sum + item.minor, 0)) * 100n);
      period(row.year, row.month).revenue.push({ description: row.description, method: row.method, count: items.length, amountNet: gross, amountVat: null, amountGross: gross });
    }
    period(row.year, row.month).costs.push({
      description: row.description,
      method: row.method,
      count: row.count,
      rate: { fixed: amount4(row.fixed4), ...(row.basisPoints ? { percentage: (row.basisPoints / 100).toFixed(2) } : {}) },
      amountNet: amount4(row.net4),
      amountVat: amount4(vatOf(row.net4)),
      amountGross: amount4(row.net4 + vatOf(row.net4)),
    });
  }
  return periods;
};

export function settlementView(book: SettlementBook, s: Settlement, base: string): Json {
  const self = `${base}/v2/settlements/${s.id}`;
  return {
    resource: 'settlement',
    id: s.id,
    reference: s.reference || null,
    createdAt: iso(s.createdAt),
    settledAt: s.settledAt ? iso(s.settledAt) : null,
    status: s.status,
    amount: toApi({ currency: s.currency, minor: book.amountMinor(s) } as Money) as unknown as Json,
    balanceId: book.balanceId,
    periods: periodsOf(book, s),
    _links: {
      self: link(self),
      payments: link(`${self}/payments`),
      captures: link(`${self}/captures`),
      refunds: link(`${self}/refunds`),
      chargebacks: link(`${self}/chargebacks`),
      documentation: docs('get-settlement'),
    },
  };
}

export function transactionView(t: BalanceTransaction, currency = 'EUR'): Json {
  const money = (minor: number) => toApi({ currency, minor });
  return {
    resource: 'balance-transaction',
    id: t.id,
    type: t.type,
    resultAmount: money(t.initial + t.deductions),
    initialAmount: money(t.initial),
    ...(t.deductions ? { deductions: money(t.deductions), deductionDetails: { fees: money(t.deductions) } } : {}),
    createdAt: iso(t.createdAt),
    context: t.context,
  };
}

export function balanceView(book: SettlementBook, base: string): Json {
  const open = [...book.settlements.values()].find((s) => s.status === 'open');
  const pending = open ? book.amountMinor(open) : 0;
  return {
    resource: 'balance',
    id: book.balanceId,
    mode: 'live',
    createdAt: iso(book.store.profile.createdAt),
    currency: 'EUR',
    description: 'Primary balance',
    status: 'active',
    transferFrequency: 'daily',
    transferThreshold: toApi({ currency: 'EUR', minor: 0 }),
    transferReference: null,
    transferDestination: { type: 'bank-account', bankAccount: 'NL55INGB0000000000', beneficiaryName: book.store.organization.name },
    availableAmount: toApi({ currency: 'EUR', minor: 0 }),
    pendingAmount: toApi({ currency: 'EUR', minor: pending }),
    _links: { self: link(`${base}/v2/balances/${book.balanceId}`), documentation: docs('get-balance') },
  };
}
