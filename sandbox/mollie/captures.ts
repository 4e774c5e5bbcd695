/**
 * Fake Mollie captures, as the spec describes them: a payment made with
 * captureMode manual is authorized first; each capture takes part (or the
 * rest) of it, the first one makes the payment paid. Such a payment is paid
 * out through its captures (one settlement line per capture), not as a payment.
 */
import type { SandboxResponse } from '../http';
import { fromApi, toApi, type ApiAmount, type Money } from './money';
import type { MollieStore, PaymentInput } from './store';
import type { Payment } from './types';
import { docs, iso, link, type Json } from './views';

export interface Capture {
  id: string;
  mode: Payment['mode'];
  paymentId: string;
  amount: Money;
  description: string;
  metadata: unknown;
  status: 'pending' | 'succeeded' | 'failed';
  createdAt: Date;
}

export class CaptureBook {
  readonly captures = new Map<string, Capture>();
  private readonly manual = new Set<string>();

  constructor(private readonly store: MollieStore) {}

  /** A payment with captureMode manual (a card by default), authorized at `at`: nothing is paid until a capture. */
  authorize(input: PaymentInput = {}, at: Date = this.store.clock.now()): Payment {
    const payment = this.store.createPayment({ method: 'creditcard', ...input, createdAt: input.createdAt ?? at });
    this.manual.add(payment.id);
    this.store.setPaymentStatus(payment.id, 'authorized', at);
    return payment;
  }

  isManual(paymentId: string): boolean {
    return this.manual.has(paymentId);
  }

  /** What the payment's captures took so far, in minor units. */
  capturedMinor(paymentId: string): number {
    return this.of(paymentId).reduce((sum, capture) => sum + capture.amount.minor, 0);
  }

  of(paymentId: string): Capture[] {
    return [...this.captures.values()].filter((capture) => capture.paymentId === paymentId);
  }

  /** Captures part (e.g. '40.00') or all that is left of an authorized payment; the first capture makes it paid. */
  capture(paymentId: string, input: { amount?: ApiAmount | string; description?: string; metadata?: unknown } = {}, at: Date = this.store.clock.now()): Capture {
    const payment = this.store.payments.get(paymentId);
    if (!payment || !this.manual.has(paymentId)) throw new Error(`Payment ${paymentId} was not made with captureMode manual`);
    if (payment.status !== 'authorized' && payment.status !== 'paid') throw new Error(`Payment ${paymentId} is ${payment.status}, not authorized`);
    const left = payment.amount.minor - this.capturedMinor(paymentId);
    const parsed = input.amount === undefined ? { currency: payment.amount.currency, minor: left } : fromApi(typeof input.amount === 'string' ? { value: input.amount, currency: payment.amount.currency } : input.amount);
    if (typeof parsed === 'string') throw new Error(parsed);
    if (parsed.currency !== payment.amount.currency || parsed.minor <= 0 || parsed.minor > left) throw new Error(`A capture must be between 0 and the ${left} minor units left`);
    const capture: Capture = {
      id: this.store.newId('cpt_', 22),
      mode: payment.mode,
      paymentId,
      amount: parsed,
      description: input.description ?? `Capture for ${payment.description}`.slice(0, 255),
      metadata: input.metadata ?? null,
      status: 'succeeded',
      createdAt: at,
    };
    this.captures.set(capture.id, capture);
    if (payment.status === 'authorized') this.store.setPaymentStatus(paymentId, 'paid', at);
    return capture;
  }
}

const books = new WeakMap<MollieStore, CaptureBook>();
/** The captures of a fake Mollie account. */
export const capturesOf = (store: MollieStore): CaptureBook => {
  let book = books.get(store);
  if (!book) books.set(store, (book = new CaptureBook(store)));
  return book;
};

export function captureView(c: Capture, base: string, settlementId: string | null): Json {
  const payment = `${base}/v2/payments/${c.paymentId}`;
  return {
    resource: 'capture',
    id: c.id,
    mode: c.mode,
    description: c.description,
    amount: toApi(c.amount),
    status: c.status,
    metadata: c.metadata,
    paymentId: c.paymentId,
    ...(settlementId ? { settlementId } : {}),
    createdAt: iso(c.createdAt),
    _links: {
      self: link(`${payment}/captures/${c.id}`),
      payment: link(payment),
      ...(settlementId ? { settlement: link(`${base}/v2/settlements/${settlementId}`) } : {}),
      documentation: docs('get-capture'),
    },
  };
}

/** A capture in a settlement's list: the capture, plus what it added to the payout. */
export const settledCaptureView = (c: Capture, base: string, settlementId: string, settlementAmount: Json | ApiAmount): Json => ({
  ...captureView(c, base, settlementId),
  settlementAmount,
});

interface Ctx {
  params: Record<string, string>;
  caller: { mode: string };
  req: { query: URLSearchParams };
}
type On = (method: string, path: string, auth: 'any', needsProfile: boolean, fn: (ctx: never) => SandboxResponse) => void;
type Page = (ctx: never, items: Array<{ id: string; createdAt: Date }>, key: string, render: (item: never) => Json) => SandboxResponse;

/** GET /v2/payments/{id}/captures and /v2/payments/{id}/captures/{captureId} (API keys and tokens alike). */
export function captureRoutes(store: MollieStore, base: string, on: On, page: Page, error: (status: number, detail: string) => SandboxResponse, settlementOf: (captureId: string) => string | null): void {
  const book = capturesOf(store);
  const payment = (ctx: Ctx) => {
    const found = store.payments.get(ctx.params.id);
    return found && found.mode === ctx.caller.mode ? found : undefined;
  };
  const withPayment = (ctx: Ctx, view: Json, p: Payment) => ((ctx.req.query.get('embed') ?? '').split(',').includes('payment') ? { ...view, _embedded: { payment: store.view(p) } } : view);
  on('GET', '/v2/payments/:id/captures', 'any', false, ((ctx: Ctx) => {
    const p = payment(ctx);
    if (!p) return error(404, `No payment exists with token ${ctx.params.id}.`);
    return page(ctx as never, book.of(p.id), 'captures', ((c: Capture) => withPayment(ctx, captureView(c, base, settlementOf(c.id)), p)) as (item: never) => Json);
  }) as (ctx: never) => SandboxResponse);
  on('GET', '/v2/payments/:id/captures/:captureId', 'any', false, ((ctx: Ctx) => {
    const p = payment(ctx);
    const capture = p && book.captures.get(ctx.params.captureId);
    if (!p || !capture || capture.paymentId !== p.id) return error(404, `No capture exists with token ${ctx.params.captureId}.`);
    return { status: 200, body: withPayment(ctx, captureView(capture, base, settlementOf(capture.id)), p) };
  }) as (ctx: never) => SandboxResponse);
}
