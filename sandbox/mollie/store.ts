import type { VirtualClock } from '../clock';
import type { LoggedRequest } from '../http';
import type { Random } from '../random';
import { addMandate, type MandateInput } from './customers';
import { fromApi, toApi, type ApiAmount, type Money } from './money';
import { defaultDetails, seedPayments, type SeedOptions } from './seed';
import {
  FINAL_STATUSES,
  type Address,
  type Chargeback,
  type Customer,
  type Details,
  type Mandate,
  type Method,
  type Mode,
  type Organization,
  type Payment,
  type PaymentLink,
  type Payer,
  type PaymentStatus,
  type Profile,
  type Refund,
  type RefundStatus,
  type Webhook,
} from './types';
import * as views from './views';
import { subscribes, WebhookOutbox, type Delivery, type DeliveryResult } from './webhooks';

export interface StoreOptions {
  clock: VirtualClock;
  random: Random;
  baseUrl: string;
  requestLog?: LoggedRequest[];
}

export interface PaymentInput {
  amount?: ApiAmount;
  description?: string;
  method?: Method | null;
  metadata?: unknown;
  customerId?: string | null;
  /** A direct debit collected on this mandate: its customer and account become the payment's. */
  mandateId?: string | null;
  /** Who pays, and from which account: the consumer details Mollie shows once the payment is paid (random when absent). */
  payer?: Payer | null;
  billingAddress?: Address | null;
  details?: Details | null;
  redirectUrl?: string | null;
  webhookUrl?: string | null;
  mode?: Mode;
  createdAt?: Date;
}

export interface PaymentLinkInput {
  description: string;
  amount?: ApiAmount | null;
  minimumAmount?: ApiAmount | null;
  reusable?: boolean;
  redirectUrl?: string | null;
  webhookUrl?: string | null;
  expiresAt?: Date | null;
  allowedMethods?: string[] | null;
  mode?: Mode;
}

export type Transition = Exclude<PaymentStatus, 'open'>;

function money(input: ApiAmount | string, currency: string): Money {
  const parsed = fromApi(typeof input === 'string' ? { value: input, currency } : input);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

/** State of the fake Mollie account plus the controls tests and simulations drive it with. */
export class MollieStore {
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly baseUrl: string;
  /** Every HTTP request the fake received (method, path, query, headers). */
  readonly requestLog: LoggedRequest[];
  readonly profile: Profile;
  readonly organization: Organization;
  readonly payments = new Map<string, Payment>();
  readonly refunds = new Map<string, Refund>();
  readonly chargebacks = new Map<string, Chargeback>();
  readonly paymentLinks = new Map<string, PaymentLink>();
  /** How many items were deleted so far (lists cached by length must not survive one). */
  deletions = 0;
  readonly customers = new Map<string, Customer>();
  readonly mandates = new Map<string, Mandate>();
  readonly webhooks = new Map<string, Webhook>();
  private readonly outbox = new WebhookOutbox();
  private scheduled: Array<{ at: number; seq: number; run: (at: Date) => void }> = [];
  private seq = 0;
  private silent = false;

  constructor(options: StoreOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.baseUrl = options.baseUrl;
    this.requestLog = options.requestLog ?? [];
    const created = new Date(this.clock.now().getTime() - 400 * 86_400_000);
    this.profile = {
      id: this.newId('pfl_'),
      name: 'Sandbox Shop',
      website: 'https://shop.example.com',
      email: 'info@shop.example.com',
      phone: '+31208202070',
      createdAt: created,
    };
    this.organization = { id: this.newId('org_', 7), name: 'Sandbox Shop B.V.', email: 'finance@shop.example.com' };
    this.clock.onChange(() => this.tick());
  }

  newId(prefix: string, length = 10): string {
    return prefix + (prefix === 'org_' ? String(this.random.int(10 ** (length - 1), 10 ** length - 1)) : this.random.alnum(length));
  }

  /** Seeds reproducible customers and payments created over the past `days` (no webhook events). */
  seed(count: number, options: SeedOptions = {}): Payment[] {
    this.silent = true;
    try {
      return seedPayments(this, count, options);
    } finally {
      this.silent = false;
    }
  }

  createCustomer(input: Partial<Omit<Customer, 'id'>> = {}): Customer {
    const customer: Customer = {
      id: this.newId('cst_'),
      mode: input.mode ?? 'test',
      createdAt: input.createdAt ?? this.clock.now(),
      name: input.name ?? null,
      email: input.email ?? null,
      locale: input.locale ?? null,
      metadata: input.metadata ?? null,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  /** Gives a customer a valid mandate (a SEPA Direct Debit IBAN, or a PayPal address); payments made with `mandateId` are collected on it. */
  createMandate(customerId: string, input: MandateInput): Mandate {
    return addMandate(this, this.get(this.customers, customerId), input);
  }

  /** Creates an open payment at the current virtual time (or `createdAt` when seeding history). */
  createPayment(input: PaymentInput = {}): Payment {
    const createdAt = input.createdAt ?? this.clock.now();
    const mandate = input.mandateId ? this.get(this.mandates, input.mandateId) : undefined;
    const method = mandate?.method ?? (input.method === undefined ? 'ideal' : input.method);
    const ttl = method === 'banktransfer' ? 12 * 86_400_000 : 15 * 60_000;
    const payment: Payment = {
      id: this.newId('tr_'),
      mode: input.mode ?? 'test',
      profileId: this.profile.id,
      createdAt,
      status: 'open',
      amount: money(input.amount ?? { value: '10.00', currency: 'EUR' }, 'EUR'),
      description: input.description ?? 'Sandbox payment',
      method,
      metadata: input.metadata ?? null,
      customerId: mandate?.customerId ?? input.customerId ?? null,
      mandateId: mandate?.id ?? null,
      payer: mandate ? { name: mandate.consumerName, account: mandate.consumerAccount, bic: mandate.consumerBic } : (input.payer ?? null),
      billingAddress: input.billingAddress ?? null,
      details: input.details ?? null,
      redirectUrl: input.redirectUrl ?? 'https://shop.example.com/return',
      webhookUrl: input.webhookUrl ?? null,
      expiresAt: method === 'directdebit' ? null : new Date(createdAt.getTime() + ttl),
      paidAt: null,
      failedAt: null,
      canceledAt: null,
      expiredAt: null,
      refundedMinor: 0,
      chargedBackMinor: 0,
      paymentLinkId: null,
    };
    this.payments.set(payment.id, payment);
    return payment;
  }

  /** Moves a payment to a new status at `at` (default now) and emits `payment.<status>`. */
  setPaymentStatus(id: string, status: Transition, at: Date = this.clock.now()): Payment {
    const p = this.get(this.payments, id);
    if (FINAL_STATUSES.includes(p.status)) throw new Error(`Payment ${id} is already ${p.status}`);
    p.status = status;
    if (status === 'paid') {
      p.paidAt = at;
      p.details ??= defaultDetails(this.random, p, this.customers.get(p.customerId ?? ''));
    }
    if (status === 'failed') p.failedAt = at;
    if (status === 'canceled') p.canceledAt = at;
    if (status === 'expired') p.expiredAt = at;
    this.emit(`payment.${status}`, p.id, p.mode, this.view(p), at);
    return p;
  }

  schedulePaymentStatus(id: string, status: Transition, at: Date): void {
    this.schedule(at, (t) => this.setPaymentStatus(id, status, t));
  }

  /** Runs `action` once virtual time reaches `at` (via clock.advance/set or tick). */
  schedule(at: Date, action: (at: Date) => void): void {
    this.scheduled.push({ at: at.getTime(), seq: this.seq++, run: action });
    this.scheduled.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.tick();
  }

  /** Applies every scheduled action that is due, in time order, at its own timestamp. Returns how many ran. */
  tick(): number {
    const now = this.clock.now().getTime();
    let ran = 0;
    while (this.scheduled.length > 0 && this.scheduled[0].at <= now) {
      const next = this.scheduled.shift()!;
      next.run(new Date(next.at));
      ran++;
    }
    return ran;
  }

  scheduledCount(): number {
    return this.scheduled.length;
  }

  /** Refunds part (amount in the payment's currency, e.g. '5.00') or all of what remains. */
  createRefund(
    paymentId: string,
    input: { amount?: ApiAmount | string; description?: string; metadata?: unknown; status?: RefundStatus } = {},
    at: Date = this.clock.now(),
  ): Refund {
    const p = this.get(this.payments, paymentId);
    const remaining = p.amount.minor - p.refundedMinor - p.chargedBackMinor;
    const amount = input.amount === undefined ? { currency: p.amount.currency, minor: remaining } : money(input.amount, p.amount.currency);
    if (p.status !== 'paid') throw new Error(`Payment ${paymentId} is ${p.status}, not paid`);
    if (amount.currency !== p.amount.currency || amount.minor <= 0 || amount.minor > remaining) {
      throw new Error(`Refund amount must be between 0 and the remaining ${remaining} minor units of ${p.amount.currency}`);
    }
    const refund: Refund = {
      id: this.newId('re_'),
      mode: p.mode,
      profileId: p.profileId,
      paymentId,
      createdAt: at,
      amount,
      description: input.description ?? '',
      metadata: input.metadata ?? null,
      status: input.status ?? 'refunded',
    };
    this.refunds.set(refund.id, refund);
    p.refundedMinor += amount.minor;
    this.emit(`refund.${refund.status}`, refund.id, refund.mode, views.refundView(refund, this.baseUrl), at);
    return refund;
  }

  setRefundStatus(id: string, status: RefundStatus, at: Date = this.clock.now()): Refund {
    const refund = this.get(this.refunds, id);
    const p = this.get(this.payments, refund.paymentId);
    const counted = (s: RefundStatus) => s !== 'failed' && s !== 'canceled';
    p.refundedMinor += (counted(status) ? 1 : 0) * refund.amount.minor - (counted(refund.status) ? 1 : 0) * refund.amount.minor;
    refund.status = status;
    this.emit(`refund.${status}`, id, refund.mode, views.refundView(refund, this.baseUrl), at);
    return refund;
  }

  createChargeback(
    paymentId: string,
    input: { amount?: ApiAmount | string; reason?: Chargeback['reason'] } = {},
    at: Date = this.clock.now(),
  ): Chargeback {
    const p = this.get(this.payments, paymentId);
    if (p.status !== 'paid') throw new Error(`Payment ${paymentId} is ${p.status}, not paid`);
    const amount = input.amount === undefined ? { ...p.amount } : money(input.amount, p.amount.currency);
    const chargeback: Chargeback = {
      id: this.newId('chb_'),
      mode: p.mode,
      profileId: p.profileId,
      paymentId,
      createdAt: at,
      amount,
      reason: input.reason ?? { code: 'AC01', description: 'Account identifier incorrect (i.e. invalid IBAN)' },
      reversedAt: null,
    };
    this.chargebacks.set(chargeback.id, chargeback);
    p.chargedBackMinor += amount.minor;
    this.emit('chargeback.received', chargeback.id, p.mode, views.chargebackView(chargeback, this.baseUrl), at);
    return chargeback;
  }

  reverseChargeback(id: string, at: Date = this.clock.now()): Chargeback {
    const chargeback = this.get(this.chargebacks, id);
    if (chargeback.reversedAt) return chargeback;
    chargeback.reversedAt = at;
    this.get(this.payments, chargeback.paymentId).chargedBackMinor -= chargeback.amount.minor;
    this.emit('chargeback.reversed', id, chargeback.mode, views.chargebackView(chargeback, this.baseUrl), at);
    return chargeback;
  }

  createPaymentLink(input: PaymentLinkInput): PaymentLink {
    const currency = input.amount?.currency ?? input.minimumAmount?.currency ?? 'EUR';
    const link: PaymentLink = {
      id: this.newId('pl_'),
      mode: input.mode ?? 'test',
      profileId: this.profile.id,
      createdAt: this.clock.now(),
      description: input.description,
      amount: input.amount ? money(input.amount, currency) : null,
      minimumAmount: input.minimumAmount ? money(input.minimumAmount, currency) : null,
      archived: false,
      reusable: input.reusable ?? false,
      redirectUrl: input.redirectUrl ?? null,
      webhookUrl: input.webhookUrl ?? null,
      expiresAt: input.expiresAt ?? null,
      allowedMethods: input.allowedMethods ?? null,
      paidAt: null,
    };
    this.paymentLinks.set(link.id, link);
    return link;
  }

  /** Deletes a payment link, as DELETE /v2/payment-links/{id} does: a cursor pointing at it stops working. */
  deletePaymentLink(id: string): boolean {
    const deleted = this.paymentLinks.delete(id);
    if (deleted) this.deletions += 1;
    return deleted;
  }

  /** A payer completes the link: creates a paid payment that, as in real Mollie, does not point back to the link. */
  payPaymentLink(
    id: string,
    input: { amount?: ApiAmount | string; method?: Method; billingAddress?: Address; details?: Details } = {},
  ): Payment {
    const link = this.get(this.paymentLinks, id);
    const now = this.clock.now();
    if (link.archived) throw new Error(`Payment link ${id} is archived`);
    if (link.expiresAt && link.expiresAt <= now) throw new Error(`Payment link ${id} has expired`);
    if (link.paidAt && !link.reusable) throw new Error(`Payment link ${id} was already paid`);
    const currency = link.amount?.currency ?? link.minimumAmount?.currency ?? 'EUR';
    const amount = link.amount ?? (input.amount === undefined ? undefined : money(input.amount, currency));
    if (!amount) throw new Error(`Payment link ${id} has no fixed amount; pass one`);
    if (link.minimumAmount && amount.minor < link.minimumAmount.minor) throw new Error('Amount is below the minimum');
    const payment = this.createPayment({
      amount: toApi(amount),
      description: link.description,
      method: input.method ?? 'ideal',
      billingAddress: input.billingAddress ?? null,
      details: input.details ?? null,
      redirectUrl: link.redirectUrl,
      webhookUrl: link.webhookUrl,
      mode: link.mode,
    });
    payment.paymentLinkId = link.id;
    this.setPaymentStatus(payment.id, 'paid', now);
    link.paidAt ??= now;
    this.emit('payment-link.paid', link.id, link.mode, views.paymentLinkView(link, this.baseUrl), now);
    return payment;
  }

  createWebhook(input: { name: string; url: string; eventTypes: string[]; mode?: Mode }): Webhook {
    const webhook: Webhook = {
      id: this.newId('hook_'),
      mode: input.mode ?? 'test',
      createdAt: this.clock.now(),
      name: input.name,
      url: input.url,
      eventTypes: input.eventTypes,
      secret: this.random.alnum(32),
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  /** Webhook deliveries waiting to be sent. */
  pendingDeliveries(): readonly Delivery[] {
    return this.outbox.pending();
  }

  /** POSTs the pending deliveries now; failed ones stay pending. */
  deliverWebhooks(): Promise<DeliveryResult[]> {
    return this.outbox.deliver();
  }

  view(p: Payment): views.Json {
    return views.paymentView(p, this.baseUrl, this.organization.id);
  }

  private emit(type: string, entityId: string, mode: Mode, entity: views.Json, at: Date): void {
    if (this.silent) return;
    const targets = [...this.webhooks.values()].filter((w) => w.mode === mode && subscribes(w, type));
    if (targets.length === 0) return;
    const id = this.newId('event_', 21);
    const self = entity._links as Record<string, { href: string }>;
    this.outbox.enqueue(targets, {
      resource: 'event',
      id,
      type,
      entityId,
      createdAt: views.iso(at),
      _embedded: { entity },
      _links: {
        self: views.link(`${this.baseUrl}/v2/events/${id}`),
        documentation: views.docs('webhooks'),
        entity: views.link(self.self.href),
      },
    });
  }

  private get<T>(map: Map<string, T>, id: string): T {
    const found = map.get(id);
    if (!found) throw new Error(`Unknown id ${id}`);
    return found;
  }
}
