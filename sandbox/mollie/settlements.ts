/**
 * Fake Mollie settlements and balances, as the spec describes them: live
 * payments, captures, refunds and chargebacks collect in the open settlement
 * of the primary balance; `payOut()` closes it (open → paidout) with its costs
 * per month and method (4 decimals, VAT 21 %) deducted. Every movement is a
 * balance transaction with its fee under `deductions`. An item made after a
 * payout (a refund of a payment paid out before, say) waits for the next one.
 * `charge()` adds a cost that belongs to no item (a payout may hold costs only).
 */
import type { SandboxRequest, SandboxResponse } from '../http';
import { captureRoutes, capturesOf, settledCaptureView, type Capture } from './captures';
import { FEES, minorOf, units4Of, vatOf } from './fees';
import { toApi, type Money } from './money';
import type { MollieStore } from './store';
import { balanceView, settlementView, transactionView } from './settlementViews';
import type { Chargeback, Payment, Refund } from './types';
import { chargebackView, iso, link, refundView, type Json } from './views';

export type Kind = 'payment' | 'capture' | 'refund' | 'chargeback' | 'cost';


export interface Settled {
  kind: Kind;
  id: string;
  at: Date;
  /** The settlement method the item's fee is listed under (null: a cost of no method). */
  method: string | null;
  /** Signed minor units the item adds to the balance (0 for a cost). */
  minor: number;
  /** Net fee in minor units × 100 (4 decimals). */
  fee4: bigint;
  /** A cost's own description (fees of items are described by their method). */
  description?: string;
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

/** One row of a settlement's costs: per month, method (and description, for costs of no item). */
export interface CostRow {
  year: string;
  month: string;
  method: string | null;
  description: string;
  count: number;
  net4: bigint;
  /** The rate: fixed (4 decimals) and basis points of the amount. */
  fixed4: bigint;
  basisPoints: number;
}

export class SettlementBook {
  readonly settlements = new Map<string, Settlement>();
  readonly transactions: BalanceTransaction[] = [];
  readonly balanceId: string;
  private readonly settled = new Set<string>();
  private readonly charges: Settled[] = [];
  private sequence = 1;

  constructor(readonly store: MollieStore) {
    this.balanceId = store.newId('bal_');
  }

  private feeOf(kind: Kind, method: string, minor: number): bigint {
    const fee = FEES[kind === 'payment' || kind === 'capture' ? method : kind] ?? FEES.ideal;
    return BigInt(fee.fixed) + (BigInt(Math.abs(minor)) * 100n * BigInt(fee.basisPoints)) / 10_000n;
  }

  private record(kind: Kind, id: string, at: Date, method: string, minor: number, context: Json): Settled {
    const fee4 = this.feeOf(kind, method, minor);
    this.transactions.push({ id: this.store.newId('baltr_', 22), createdAt: at, type: kind, initial: minor, deductions: -minorOf(fee4 + vatOf(fee4)), context });
    return { kind, id, at, method, minor, fee4 };
  }

  /**
   * A cost that belongs to no payment (e.g. a monthly fee Mollie takes from the balance): net, 4 decimals at most,
   * VAT added. It goes into the open settlement; a settlement of such costs alone pays out a negative amount.
   */
  charge(input: { description: string; net: string; method?: string | null; at?: Date }): Settled {
    const at = input.at ?? this.store.clock.now();
    const net4 = units4Of(input.net);
    const cost: Settled = { kind: 'cost', id: this.store.newId('cost_'), at, method: input.method ?? null, minor: 0, fee4: net4, description: input.description };
    const gross = minorOf(net4 + vatOf(net4));
    this.transactions.push({ id: this.store.newId('baltr_', 22), createdAt: at, type: 'invoice-compensation', initial: -gross, deductions: 0, context: { 'invoice-compensation': { invoiceId: this.store.newId('inv_') } } });
    this.charges.push(cost);
    return cost;
  }

  /** The open settlement, with every live paid payment, capture, refund, chargeback and cost not settled before. */
  open(): Settlement {
    let current = [...this.settlements.values()].find((s) => s.status === 'open');
    if (!current) {
      current = { id: this.store.newId('stl_'), reference: '', status: 'open', createdAt: this.store.clock.now(), settledAt: null, currency: 'EUR', items: [], transferId: null };
      this.settlements.set(current.id, current);
    }
    const captures = capturesOf(this.store);
    const fresh = <T extends { id: string; mode: string }>(items: Iterable<T>) => [...items].filter((item) => item.mode === 'live' && !this.settled.has(item.id));
    const add = (item: Settled) => {
      current!.items.push(item);
      this.settled.add(item.id);
    };
    // A payment captured by hand (captureMode manual) is settled through its captures, not as a payment.
    for (const p of fresh(this.store.payments.values()).filter((p: Payment) => p.status === 'paid' && p.paidAt && !captures.isManual(p.id))) {
      add(this.record('payment', p.id, p.paidAt!, p.method ?? 'ideal', p.amount.minor, { payment: { paymentId: p.id, paymentDescription: p.description } }));
    }
    for (const c of fresh(captures.captures.values()).filter((c: Capture) => c.status === 'succeeded')) {
      const p = this.store.payments.get(c.paymentId)!;
      add(this.record('capture', c.id, c.createdAt, p.method ?? 'creditcard', c.amount.minor, { capture: { paymentId: p.id, captureId: c.id, paymentDescription: p.description, captureDescription: c.description } }));
    }
    for (const r of fresh(this.store.refunds.values()).filter((r: Refund) => r.status === 'refunded')) {
      add(this.record('refund', r.id, r.createdAt, 'refund', -r.amount.minor, { refund: { paymentId: r.paymentId, refundId: r.id, refundDescription: r.description } }));
    }
    for (const c of fresh(this.store.chargebacks.values()).filter((c: Chargeback) => !c.reversedAt)) {
      add(this.record('chargeback', c.id, c.createdAt, 'chargeback', -c.amount.minor, { chargeback: { paymentId: c.paymentId, chargebackId: c.id } }));
    }
    for (const cost of this.charges.filter((cost) => !this.settled.has(cost.id))) add(cost);
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

  /** Costs per month and method (a cost of no item per its description too). */
  costs(settlement: Settlement): CostRow[] {
    const rows = new Map<string, CostRow>();
    for (const item of settlement.items) {
      const [year, month] = [iso(item.at).slice(0, 4), iso(item.at).slice(5, 7)];
      const key = `${year}-${month}-${item.method}-${item.description ?? ''}`;
      const fee = item.kind === 'cost' ? { fixed: Number(item.fee4), basisPoints: 0, description: item.description! } : (FEES[item.method ?? ''] ?? FEES.ideal);
      const row = rows.get(key) ?? { year, month, method: item.method, description: fee.description, count: 0, net4: 0n, fixed4: BigInt(fee.fixed), basisPoints: fee.basisPoints };
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
    return settlementView(this, s, base);
  }

  transactionView(t: BalanceTransaction, currency = 'EUR'): Json {
    return transactionView(t, currency);
  }

  balanceView(base: string): Json {
    return balanceView(this, base);
  }
}

const books = new WeakMap<MollieStore, SettlementBook>();
/** The settlements and balance of a fake Mollie account. */
export const settlementsOf = (store: MollieStore): SettlementBook => {
  let book = books.get(store);
  if (!book) books.set(store, (book = new SettlementBook(store)));
  return book;
};

export interface RouteContext {
  req: SandboxRequest;
  params: Record<string, string>;
  caller: { mode: string };
}
export type On = (method: string, path: string, auth: 'token' | 'any', needsProfile: boolean, fn: (ctx: never) => SandboxResponse) => void;
export type Page = (ctx: never, items: Array<{ id: string; createdAt: Date }>, key: string, render: (item: never) => Json) => SandboxResponse;
export type NotFound = (status: number, detail: string) => SandboxResponse;

/** Registers the settlement, capture and balance endpoints (settlements and balances: organization access tokens only, as in the spec). */
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
  const settledAmount = (item: Settled) => toApi({ currency: 'EUR', minor: item.minor } as Money);

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
  route('/v2/settlements/:id/captures', (ctx) =>
    ofSettlement(ctx, 'capture', 'captures', (item, s) => {
      const capture = capturesOf(store).captures.get(item.id)!;
      return withPayment(ctx, settledCaptureView(capture, base, s.id, settledAmount(item)), capture.paymentId);
    }),
  );
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
  captureRoutes(store, base, on, page, error, (captureId) => [...book.settlements.values()].find((s) => s.items.some((item) => item.id === captureId))?.id ?? null);
}
