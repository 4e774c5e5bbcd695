/**
 * Payouts to test bookkeeping with: live payments paid out over several
 * settlements, with the cases a bookkeeper meets (see `seedPayouts`).
 */
import { DAY } from '../clock';
import { capturesOf, type Capture } from './captures';
import { settlementsOf, type Settlement } from './settlements';
import type { MollieStore } from './store';
import type { Chargeback, Payment, Refund } from './types';

/** What `seedPayouts` makes: per payout, the items it pays out. */
export interface SeededItems {
  payments: Payment[];
  captures: Capture[];
  refunds: Refund[];
  chargebacks: Chargeback[];
}
export interface SeededPayout extends SeededItems {
  settlement: Settlement;
}

/** Options for `seedPayouts`; every share is of the payments made. */
export interface PayoutPlan {
  /** Payouts, oldest first (default 3); the last one at the clock's now. */
  payouts?: number;
  /** Payments (or captured payments) made for each payout (default 5). */
  payments?: number;
  /** Share of payments refunded (default 0.2): in full, in part, or in two parts. */
  refunds?: number;
  /** Share of payments charged back (default 0.05). */
  chargebacks?: number;
  /** Share of refunds, chargebacks and second captures made after their payment's payout (default 0.5): paid out in the next one. */
  later?: number;
  /** Share of payments made with captureMode manual (default 0.1): captured at once, or in two parts. */
  captures?: number;
  /** Payouts (0-based) that hold costs only: no payments, only a fee Mollie charges. */
  costOnly?: number[];
  /** The invoice number of the n-th payment (from 1); default 2026-0001, 2026-0002, … */
  invoiceNumber?: (n: number) => string;
  /** The customer ID put in the n-th payment's metadata, if any. */
  customerId?: (n: number) => string | undefined;
  /** Days between payouts (default 1). */
  spacingDays?: number;
}

const euros = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * Live payouts with the cases bookkeeping meets: partial and double refunds,
 * chargebacks, captures in parts, refunds paid out in a later payout than their
 * payment, payouts of costs only. Reproducible from the store's seed. What is
 * made after the last payout stays in the open settlement (`afterLast`).
 */
export function seedPayouts(store: MollieStore, plan: PayoutPlan = {}): { payouts: SeededPayout[]; afterLast: SeededItems } {
  const rng = store.random;
  const book = settlementsOf(store);
  const captureBook = capturesOf(store);
  const count = plan.payouts ?? 3;
  const spacing = (plan.spacingDays ?? 1) * DAY;
  const now = store.clock.now().getTime();
  const invoiceNumber = plan.invoiceNumber ?? ((n: number) => `2026-${String(n).padStart(4, '0')}`);
  const empty = (): SeededItems => ({ payments: [], captures: [], refunds: [], chargebacks: [] });
  let deferred: Array<(at: Date, into: SeededItems) => void> = [];
  let n = 0;
  const payouts: SeededPayout[] = [];

  const later = (run: (at: Date, into: SeededItems) => void, at: Date, into: SeededItems, next: Array<(at: Date, into: SeededItems) => void>) =>
    rng.chance(plan.later ?? 0.5) ? next.push(run) : run(at, into);
  const refundsFor = (payment: Payment, at: () => Date, into: SeededItems, next: Array<(at: Date, into: SeededItems) => void>) => {
    const shape = rng.next();
    const part = () => Math.max(1, Math.floor((payment.amount.minor * rng.int(10, 45)) / 100));
    const parts = shape < 0.4 ? [undefined] : shape < 0.8 ? [part()] : [part(), part()];
    for (const minor of parts) {
      later((time, items) => items.refunds.push(store.createRefund(payment.id, minor === undefined ? {} : { amount: euros(minor) }, time)), at(), into, next);
    }
  };

  for (let k = 0; k < count; k++) {
    const payoutAt = now - (count - 1 - k) * spacing;
    const start = payoutAt - spacing + 60_000;
    const times = () => new Date(start + rng.int(0, spacing - 3 * 60_000));
    const into = empty();
    const next: Array<(at: Date, into: SeededItems) => void> = [];
    if (plan.costOnly?.includes(k)) {
      book.charge({ description: 'Mollie invoice settled from the balance', net: `${rng.int(5, 40)}.${String(rng.int(0, 99)).padStart(2, '0')}`, at: times() });
      next.push(...deferred);
    } else {
      for (const run of deferred) run(times(), into);
      for (let i = 0; i < (plan.payments ?? 5); i++) {
        const number = invoiceNumber(++n);
        const customerId = plan.customerId?.(n);
        const paidAt = times();
        const after = () => new Date(paidAt.getTime() + rng.int(60_000, payoutAt - paidAt.getTime() - 60_000));
        const input = {
          amount: { currency: 'EUR', value: euros(rng.int(500, 50_000)) },
          description: `Invoice ${number}`,
          metadata: { invoiceNumber: number, ...(customerId ? { customerId } : {}) },
          mode: 'live' as const,
          createdAt: new Date(paidAt.getTime() - 60_000),
        };
        let payment: Payment;
        let inParts = false;
        if (rng.chance(plan.captures ?? 0.1)) {
          payment = captureBook.authorize(input, new Date(paidAt.getTime() - 30_000));
          inParts = rng.chance(0.5) && payment.amount.minor > 1;
          into.captures.push(captureBook.capture(payment.id, inParts ? { amount: euros(Math.floor(payment.amount.minor / 2)) } : {}, paidAt));
          if (inParts) later((time, items) => items.captures.push(captureBook.capture(payment.id, {}, time)), after(), into, next);
        } else {
          payment = store.createPayment({ ...input, method: rng.pick(['ideal', 'creditcard', 'banktransfer'] as const) });
          store.setPaymentStatus(payment.id, 'paid', paidAt);
        }
        into.payments.push(payment);
        // A payment captured in parts is refunded nowhere here: Mollie refunds only what was captured.
        if (inParts) continue;
        if (rng.chance(plan.refunds ?? 0.2)) refundsFor(payment, after, into, next);
        else if (rng.chance(plan.chargebacks ?? 0.05)) later((time, items) => items.chargebacks.push(store.createChargeback(payment.id, {}, time)), after(), into, next);
      }
    }
    deferred = next;
    payouts.push({ settlement: book.payOut(new Date(payoutAt)), ...into });
  }
  const afterLast = empty();
  for (const run of deferred) run(new Date(now), afterLast);
  return { payouts, afterLast };
}
