/**
 * Fake Mollie settlements and balances, as the spec describes them: live
 * payments, refunds and chargebacks collect in the open settlement of the
 * primary balance; `payOut()` closes it (open → paidout) with its costs per
 * month and method (4 decimals, VAT 21 %) deducted. Every movement is a
 * balance transaction with its fee under `deductions`.
 */
import type { SandboxRequest, SandboxResponse } from '../http';
import { toApi, type Money } from './money';
import type { MollieStore } from './store';
import type { Chargeback, Payment, Refund } from './types';
import { chargebackView, docs, iso, link, refundView, type Json } from './views';

type Kind = 'payment' | 'refund' | 'chargeback';

/** Fees (net, 4 decimals in minor units × 100) the fake charges: fixed per item plus basis points of the amount. */
const FEES: Record<string, { fixed: number; basisPoints: number; description: string }> = {
  ideal: { fixed: 2900, basisPoints: 0, description: 'iDEAL' },
  creditcard: { fixed: 2500, basisPoints: 180, description: 'Credit card' },
  banktransfer: { fixed: 2500, basisPoints: 0, description: 'Bank transfer' },
  directdebit: { fixed: 2500, basisPoints: 0, description: 'SEPA Direct Debit' },
  paypal: { fixed: 1000, basisPoints: 0, description: 'PayPal' },
  refund: { fixed: 2500, basisPoints: 0, description: 'Refunds' },
  chargeback: { fixed: 50000, basisPoints: 0, description: 'Chargebacks' },
};
const VAT_PERCENT = 21n;

interface Settled {
  kind: Kind;
  id: string;
  at: Date;
  method: string;
  /** Signed minor units the item adds to the balance. */
  minor: number;
  /** Net fee in minor units × 100 (4 decimals). */
  fee4: bigint;
}

export interface Settlement {
  id: string;
  reference: string;
  status: 'open' | 'paidout';
  createdAt: Date;
  settledAt: Date | null;
  currency: string;
  items: Settled[];
  transferId: string | null;
}

export interface BalanceTransaction {
  id: string;
  createdAt: Date;
  type: string;
  initial: number;
  deductions: number;
  context: Json;
}

/** A 4-decimal amount as Mollie writes costs: "2.5410". */
const four = (units: bigint): string => {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(5, '0');
  return `${sign}${digits.slice(0, -4)}.${digits.slice(-4)}`;
};
const vatOf = (net4: bigint) => (net4 * VAT_PERCENT + 50n) / 100n;
/** Minor units of a 4-decimal amount, half up. */
const minorOf = (units4: bigint) => Number((units4 + 50n) / 100n);

export class SettlementBook {
  readonly settlements = new Map<string, Settlement>();
  readonly transactions: BalanceTransaction[] = [];
  readonly balanceId: string;
  private readonly settled = new Set<string>();
  private sequence = 1;

  constructor(private readonly store: MollieStore) {
    this.balanceId = store.newId('bal_');
  }

  private feeOf(kind: Kind, method: string, minor: number): bigint {
    const fee = FEES[kind === 'payment' ? method : kind] ?? FEES.ideal;
    return BigInt(fee.fixed) + (BigInt(Math.abs(minor)) * 100n * BigInt(fee.basisPoints)) / 10_000n;
  }

  private record(kind: Kind, id: string, at: Date, method: string, minor: number, context: Json): Settled {
    const fee4 = this.feeOf(kind, method, minor);
    this.transactions.push({ id: this.store.newId('baltr_', 22), createdAt: at, type: kind, initial: minor, deductions: -minorOf(fee4 + vatOf(fee4)), context });
    return { kind, id, at, method, minor, fee4 };
  }

  /** The open settlement, with every live paid payment, refund and chargeback not settled before. */
  open(): Settlement {
    let current = [...this.settlements.values()].find((s) => s.status === 'open');
    if (!current) {
      current = { id: this.store.newId('stl_'), reference: '', status: 'open', createdAt: this.store.clock.now(), settledAt: null, currency: 'EUR', items: [], transferId: null };
      this.settlements.set(current.id, current);
    }
    const fresh = <T extends { id: string; mode: string }>(items: Iterable<T>) => [...items].filter((item) => item.mode === 'live' && !this.settled.has(item.id));
    for (const p of fresh(this.store.payments.values()).filter((p: Payment) => p.status === 'paid' && p.paidAt)) {
      current.items.push(this.record('payment', p.id, p.paidAt!, p.method ?? 'ideal', p.amount.minor, { payment: { paymentId: p.id, paymentDescription: p.description } }));
      this.settled.add(p.id);
    }
    for (const r of fresh(this.store.refunds.values()).filter((r: Refund) => r.status === 'refunded')) {
      current.items.push(this.record('refund', r.id, r.createdAt, 'refund', -r.amount.minor, { refund: { paymentId: r.paymentId, refundId: r.id, refundDescription: r.description } }));
      this.settled.add(r.id);
    }
    for (const c of fresh(this.store.chargebacks.values()).filter((c: Chargeback) => !c.reversedAt)) {
      current.items.push(this.record('chargeback', c.id, c.createdAt, 'chargeback', -c.amount.minor, { chargeback: { paymentId: c.paymentId, chargebackId: c.id } }));
      this.settled.add(c.id);
    }
    return current;
  }

  /** Pays the open settlement out now (or at `at`): status paidout, a bank reference, and the outgoing transfer on the balance. */
  payOut(at: Date = this.store.clock.now()): Settlement {
    const settlement = this.open();
    settlement.status = 'paidout';
    settlement.settledAt = at;
    settlement.reference = `${this.store.organization.id.replace('org_', '')}.${iso(at).slice(2, 4)}${iso(at).slice(5, 7)}.${String(this.sequence++).padStart(2, '0')}`;
    settlement.transferId = this.store.newId('trf_');
    this.transactions.push({
      id: this.store.newId('baltr_', 22),
      createdAt: at,
      type: 'outgoing-transfer',
      initial: -this.amountMinor(settlement),
      deductions: 0,
      context: { 'outgoing-transfer': { transferId: settlement.transferId, settlementId: settlement.id } },
    });
    return settlement;
  }

  /** Costs per month and method: [period, method, count, net4]. */
  costs(settlement: Settlement): Array<{ year: string; month: string; method: string; count: number; net4: bigint }> {
    const rows = new Map<string, { year: string; month: string; method: string; count: number; net4: bigint }>();
    for (const item of settlement.items) {
      const [year, month] = [iso(item.at).slice(0, 4), iso(item.at).slice(5, 7)];
      const key = `${year}-${month}-${item.method}`;
      const row = rows.get(key) ?? { year, month, method: item.method, count: 0, net4: 0n };
      row.count++;
      row.net4 += item.fee4;
      rows.set(key, row);
    }
    return [...rows.values()];
  }

  amountMinor(settlement: Settlement): number {
    const revenue = settlement.items.reduce((sum, item) => sum + item.minor, 0);
    const costs4 = this.costs(settlement).reduce((sum, row) => sum + row.net4 + vatOf(row.net4), 0n);
    return revenue - minorOf(costs4);
  }

  view(s: Settlement, base: string): Json {
    const money = (minor: number): Json => toApi({ currency: s.currency, minor } as Money) as unknown as Json;
    const amount4 = (units: bigint): Json => ({ currency: s.currency, value: four(units) });
    const periods: Record<string, Record<string, Json>> = {};
    for (const row of this.costs(s)) {
      const period = ((periods[row.year] ??= {})[row.month] ??= { revenue: [], costs: [] }) as { revenue: Json[]; costs: Json[] };
      const fee = FEES[row.method] ?? FEES.ideal;
      const revenue = s.items.filter((item) => item.method === row.method && iso(item.at).slice(0, 7) === `${row.year}-${row.month}`).reduce((sum, item) => sum + item.minor, 0);
      const gross = amount4(BigInt(revenue) * 100n);
      period.revenue.push({ description: fee.description, method: row.method, count: row.count, amountNet: gross, amountVat: null, amountGross: gross });
      period.costs.push({
        description: fee.description,
        method: row.method,
        count: row.count,
        rate: { fixed: amount4(BigInt(fee.fixed)), ...(fee.basisPoints ? { percentage: (fee.basisPoints / 100).toFixed(2) } : {}) },
        amountNet: amount4(row.net4),
        amountVat: amount4(vatOf(row.net4)),
        amountGross: amount4(row.net4 + vatOf(row.net4)),
      });
    }
    const self = `${base}/v2/settlements/${s.id}`;
    return {
      resource: 'settlement',
      id: s.id,
      reference: s.reference || null,
      createdAt: iso(s.createdAt),
      settledAt: s.settledAt ? iso(s.settledAt) : null,
      status: s.status,
      amount: money(this.amountMinor(s)),
      balanceId: this.balanceId,
      periods,
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

  transactionView(t: BalanceTransaction, currency = 'EUR'): Json {
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

  balanceView(base: string): Json {
    const open = [...this.settlements.values()].find((s) => s.status === 'open');
    const pending = open ? this.amountMinor(open) : 0;
    return {
      resource: 'balance',
      id: this.balanceId,
      mode: 'live',
      createdAt: iso(this.store.profile.createdAt),
      currency: 'EUR',
      description: 'Primary balance',
      status: 'active',
      transferFrequency: 'daily',
      transferThreshold: toApi({ currency: 'EUR', minor: 0 }),
      transferReference: null,
      transferDestination: { type: 'bank-account', bankAccount: 'NL55INGB0000000000', beneficiaryName: this.store.organization.name },
      availableAmount: toApi({ currency: 'EUR', minor: 0 }),
      pendingAmount: toApi({ currency: 'EUR', minor: pending }),
      _links: { self: link(`${base}/v2/balances/${this.balanceId}`), documentation: docs('get-balance') },
    };
  }
}

const books = new WeakMap<MollieStore, SettlementBook>();
/** The settlements and balance of a fake Mollie account. */
export const settlementsOf = (store: MollieStore): SettlementBook => {
  let book = books.get(store);
  if (!book) books.set(store, (book = new SettlementBook(store)));
  return book;
};

interface RouteContext {
  req: SandboxRequest;
  params: Record<string, string>;
}
type On = (method: string, path: string, auth: 'token', needsProfile: boolean, fn: (ctx: never) => SandboxResponse) => void;
type Page = (ctx: never, items: Array<{ id: string; createdAt: Date }>, key: string, render: (item: never) => Json) => SandboxResponse;
type NotFound = (status: number, detail: string) => SandboxResponse;

/** Registers the settlement and balance endpoints (organization access tokens only, as in the spec). */
export function settlementRoutes(store: MollieStore, base: string, on: On, page: Page, error: NotFound): void {
  const book = settlementsOf(store);
  const find = (key: string) => book.settlements.get(key) ?? [...book.settlements.values()].find((s) => s.reference && s.reference === key);
  const ok = (body: Json): SandboxResponse => ({ status: 200, body });
  const route = (path: string, fn: (ctx: RouteContext) => SandboxResponse) => on('GET', path, 'token', false, fn as (ctx: never) => SandboxResponse);
  const list = (ctx: RouteContext, items: Array<{ id: string; createdAt: Date }>, key: string, render: (item: never) => Json) => page(ctx as never, items, key, render);
  const ofSettlement = (ctx: RouteContext, kind: Kind, key: string, render: (item: Settled, s: Settlement) => Json | undefined) => {
    const settlement = find(ctx.params.id);
    if (!settlement) return error(404, `No settlement exists with token ${ctx.params.id}.`);
    const items = settlement.items.filter((item) => item.kind === kind).map((item) => ({ ...item, createdAt: item.at }));
    return list(ctx, items, key, (item: Settled) => render(item, settlement)!);
  };
  const withPayment = (ctx: RouteContext, view: Json, paymentId: string): Json => {
    const payment = store.payments.get(paymentId);
    return (ctx.req.query.get('embed') ?? '').split(',').includes('payment') && payment ? { ...view, _embedded: { payment: store.view(payment) } } : view;
  };
  const settledAmount = (item: Settled) => toApi({ currency: 'EUR', minor: item.minor });

  route('/v2/settlements', (ctx) => list(ctx, [...book.settlements.values()], 'settlements', (s: Settlement) => book.view(s, base)));
  route('/v2/settlements/open', () => {
    const open = [...book.settlements.values()].find((s) => s.status === 'open');
    // The spec: the open balance is a settlement whose id is the word "open".
    return open ? ok({ ...book.view(open, base), id: 'open' }) : error(404, 'There is no open settlement.');
  });
  route('/v2/settlements/:id', (ctx) => {
    const settlement = find(ctx.params.id);
    return settlement ? ok(book.view(settlement, base)) : error(404, `No settlement exists with token ${ctx.params.id}.`);
  });
  route('/v2/settlements/:id/payments', (ctx) =>
    ofSettlement(ctx, 'payment', 'payments', (item, s) => ({ ...store.view(store.payments.get(item.id)!), settlementId: s.id, settlementAmount: settledAmount(item) })),
  );
  // The fake takes no capture-based methods (Klarna, in3): a settlement's capture list is empty.
  route('/v2/settlements/:id/captures', (ctx) => (find(ctx.params.id) ? list(ctx, [], 'captures', () => ({})) : error(404, `No settlement exists with token ${ctx.params.id}.`)));
  /** A settlement's refunds and chargebacks are the usual objects plus where and how much they were settled. */
  const settledView = (ctx: RouteContext, view: Json, item: Settled, s: Settlement, paymentId: string): Json => {
    const links = view._links as Json;
    return withPayment(ctx, { ...view, settlementId: s.id, settlementAmount: settledAmount(item), _links: { ...links, settlement: link(`${base}/v2/settlements/${s.id}`) } }, paymentId);
  };
  route('/v2/settlements/:id/refunds', (ctx) =>
    ofSettlement(ctx, 'refund', 'refunds', (item, s) => {
      const refund = store.refunds.get(item.id)!;
      return settledView(ctx, refundView(refund, base), item, s, refund.paymentId);
    }),
  );
  route('/v2/settlements/:id/chargebacks', (ctx) =>
    ofSettlement(ctx, 'chargeback', 'chargebacks', (item, s) => {
      const chargeback = store.chargebacks.get(item.id)!;
      return settledView(ctx, chargebackView(chargeback, base), item, s, chargeback.paymentId);
    }),
  );
  route('/v2/balances', (ctx) => list(ctx, [{ id: book.balanceId, createdAt: store.profile.createdAt }], 'balances', () => book.balanceView(base)));
  const balance = (id: string) => id === 'primary' || id === book.balanceId;
  route('/v2/balances/:id', (ctx) => (balance(ctx.params.id) ? ok(book.balanceView(base)) : error(404, `No balance exists with token ${ctx.params.id}.`)));
  route('/v2/balances/:id/transactions', (ctx) =>
    balance(ctx.params.id) ? list(ctx, book.transactions, 'balance_transactions', (t: BalanceTransaction) => book.transactionView(t)) : error(404, `No balance exists with token ${ctx.params.id}.`),
  );
}
