/**
 * Mollie's payments list in memory, for the trigger benchmark's table and the
 * polling property tests: newest first, `from` (inclusive) + `limit` as
 * Mollie pages them, a 400 for a `from` that does not exist (a deleted item).
 * Each request adds msPerRequest to `spent`, the modelled time of the poll.
 */
import type { Page, PageRequest } from '../mollie/client';
import type { StateStore } from '../triggerEngine/state';
import type { MolliePayment } from '../mollie/types';

/** `createdMs` and `changedMs` spare the baselines parsing dates (the pollers under test parse Mollie's strings). */
export type FakePayment = MolliePayment & { createdMs: number; changedMs?: number };

export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
export const AT_FIELD = { paid: 'paidAt', failed: 'failedAt', canceled: 'canceledAt', expired: 'expiredAt' } as const;
export type FinalStatus = keyof typeof AT_FIELD;

export class FakeAccount {
  payments: FakePayment[] = [];
  private index = new Map<string, number>();
  requests = 0;
  /** Modelled milliseconds spent on requests since it was last reset. */
  spent = 0;
  /** Every status change, in the order they happened. */
  readonly changes: Array<{ at: number; id: string; status: FinalStatus }> = [];
  /** Answers the next list request with this status instead (once). */
  failNext: number | null = null;
  constructor(private readonly msPerRequest = 250) {}

  create(createdMs: number, method = 'banktransfer', status = method === 'directdebit' ? 'pending' : 'open'): FakePayment {
    const id = `tr_${this.payments.length.toString(36).padStart(8, '0')}`;
    const payment = { resource: 'payment', id, mode: 'test', createdAt: iso(createdMs), createdMs, status, method, amount: { value: '10.00', currency: 'EUR' } };
    this.index.set(id, this.payments.length);
    this.payments.push(payment as unknown as FakePayment);
    return payment as unknown as FakePayment;
  }

  settle(payment: FakePayment, status: FinalStatus, at: number) {
    payment.status = status;
    payment.changedMs = at;
    this.changes.push({ at, id: payment.id, status });
    (payment as unknown as Record<string, string>)[AT_FIELD[status]] = iso(at);
  }

  /** Deletes an item (Mollie deletes payment links never opened): a `from` naming it answers 400 from now on. */
  remove(id: string) {
    this.payments = this.payments.filter((payment) => payment.id !== id);
    this.index = new Map(this.payments.map((payment, at) => [payment.id, at]));
  }

  /** How many payments were created at or after `ms` (payments are created in time order). */
  countCreatedSince(ms: number): number {
    let low = 0;
    let high = this.payments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.payments[mid].createdMs < ms) low = mid + 1;
      else high = mid;
    }
    return this.payments.length - low;
  }

  /** Counts `pages` requests without building them (for a baseline whose outcome is known without reading). */
  charge(pages: number) {
    this.requests += pages;
    this.spent += pages * this.msPerRequest;
  }

  list = async ({ from, limit = 50 }: PageRequest): Promise<Page<FakePayment>> => {
    this.requests++;
    this.spent += this.msPerRequest;
    const failing = this.failNext;
    this.failNext = null;
    const start = from === undefined ? this.payments.length - 1 : this.index.get(from);
    const status = failing ?? (start === undefined ? 400 : null);
    if (status !== null) throw Object.assign(new Error(JSON.stringify({ message: 'Mollie refused the request', status })), { status });
    const items: FakePayment[] = [];
    for (let i = start!; i >= 0 && items.length < limit; i--) items.push(this.payments[i]);
    const next = start! - limit;
    return { items, nextFrom: next >= 0 ? this.payments[next].id : undefined };
  };
}

/** z.cache as a JSON round trip, as Zapier stores it; `lose()` drops it (evicted, expired). */
export const memoryStore = <T>(): StateStore<T> & { lose: () => void; peek: () => T | null } => {
  let saved: string | null = null;
  return {
    load: async () => (saved === null ? null : (JSON.parse(saved) as T)),
    save: async (value) => void (saved = JSON.stringify(value)),
    lose: () => void (saved = null),
    peek: () => (saved === null ? null : (JSON.parse(saved) as T)),
  };
};
