import { composeIBAN } from 'ibantools';
import type { Random } from '../random';
import { toApi } from './money';
import type { MollieStore, Transition } from './store';
import { METHODS, type Customer, type Details, type Method, type Payment } from './types';

/** Options for `store.seed`. */
export interface SeedOptions {
  /** Payments are spread over this many days before now (default 30). */
  days?: number;
  /** Number of customers to create (default count / 3, at least 3). */
  customers?: number;
}

const FIRST = ['Anna', 'Bram', 'Chloé', 'Daan', 'Emma', 'Finn', 'Julia', 'Lars', 'Noor', 'Sophie', 'Tim', 'Yara'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Dekker', 'Peters'];
const DOMAINS = ['example.com', 'example.org', 'example.net'];
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A valid Dutch IBAN (its check digits computed), as a bank would report the payer's account. */
export function iban(rng: Random): string {
  rng.int(10, 99); // drawn as before the check digits were computed, so seeded histories stay the same
  return composeIBAN({ countryCode: 'NL', bban: `INGB${String(rng.int(0, 9_999_999_999)).padStart(10, '0')}` })!;
}

/** Method-specific `details` as Mollie fills them once a payment is paid (the payer's when the payment names one). */
export function defaultDetails(rng: Random, p: Payment, customer?: Customer): Details | null {
  const name = p.payer?.name ?? customer?.name ?? p.billingAddress?.givenName ?? 'T. Tester';
  const account = () => p.payer?.account ?? iban(rng);
  const bic = p.payer?.bic === undefined ? 'INGBNL2A' : p.payer.bic;
  switch (p.method) {
    case 'ideal':
      return { consumerName: name, consumerAccount: account(), consumerBic: bic };
    case 'banktransfer':
      return {
        bankName: 'Stichting Mollie Payments',
        bankAccount: 'NL10ABNA0000000001',
        bankBic: 'ABNANL2A',
        transferReference: `RF${rng.int(10, 99)}-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
        consumerName: name,
        consumerAccount: account(),
        consumerBic: bic,
      };
    case 'directdebit':
      return { transferReference: `SD${rng.int(10, 99)}-${rng.int(1000, 9999)}`, consumerName: name, consumerAccount: account(), consumerBic: bic };
    case 'creditcard':
      return { cardHolder: name, cardNumber: String(rng.int(1000, 9999)), cardLabel: rng.pick(['Visa', 'Mastercard']), cardCountryCode: 'NL' };
    case 'paypal':
      return { consumerName: name, consumerAccount: p.payer?.account ?? customer?.email ?? p.billingAddress?.email ?? 'payer@example.com', paypalReference: rng.hex(17).toUpperCase() };
    default:
      return null;
  }
}

function outcome(rng: Random, method: Method): { status: Transition; after: number } {
  const slow = method === 'banktransfer' || method === 'directdebit';
  const r = rng.next();
  if (r < 0.72) return { status: 'paid', after: slow ? rng.int(1, 5) * DAY + rng.int(0, DAY) : rng.int(1, 10) * MINUTE };
  if (r < 0.8) return { status: 'failed', after: method === 'directdebit' ? rng.int(2, 6) * DAY : rng.int(1, 10) * MINUTE };
  if (r < 0.88) return { status: 'canceled', after: rng.int(1, 15) * MINUTE };
  if (r < 0.95) return { status: 'expired', after: method === 'banktransfer' ? 12 * DAY : 15 * MINUTE };
  return { status: 'paid', after: rng.int(20, 40) * DAY };
}

function amountFor(rng: Random, currency: string): { value: string; currency: string } {
  if (currency === 'JPY') return { value: String(rng.int(5, 500) * 100), currency };
  const minor = rng.int(100, 250_000);
  return { value: `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`, currency };
}

/** Creates customers and `count` payments in creation order; outcomes not yet due are scheduled. */
export function seedPayments(store: MollieStore, count: number, options: SeedOptions = {}): Payment[] {
  const rng = store.random;
  const now = store.clock.now().getTime();
  const days = options.days ?? 30;
  const customers: Customer[] = [];
  for (let i = 0; i < (options.customers ?? Math.max(3, Math.ceil(count / 3))); i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    customers.push(
      store.createCustomer({
        name: `${first} ${last}`,
        email: `${local}${i}@${rng.pick(DOMAINS)}`,
        locale: rng.pick(['nl_NL', 'en_US', 'de_DE']),
        metadata: { crmId: `C-${String(1000 + i)}` },
        createdAt: new Date(now - (days + 30) * DAY),
      }),
    );
  }
  const times = Array.from({ length: count }, () => now - rng.int(0, days * DAY)).sort((a, b) => a - b);
  const year = store.clock.now().getUTCFullYear();
  return times.map((time, i) => {
    const method = rng.pick(METHODS);
    const currency = rng.chance(0.7) ? 'EUR' : rng.pick(['GBP', 'USD', 'JPY']);
    const customer = rng.chance(0.8) ? rng.pick(customers) : undefined;
    const invoiceNumber = `INV-${year}-${String(i + 1).padStart(5, '0')}`;
    const crmId = (customer?.metadata as { crmId?: string } | null)?.crmId;
    const payment = store.createPayment({
      createdAt: new Date(time),
      amount: amountFor(rng, currency),
      description: `Invoice ${invoiceNumber}`,
      method,
      metadata: rng.chance(0.1) ? null : { invoiceNumber, ...(crmId ? { customerId: crmId } : {}) },
      customerId: customer && rng.chance(0.7) ? customer.id : null,
      billingAddress:
        customer && method !== 'paypal' && rng.chance(0.6)
          ? { givenName: customer.name?.split(' ')[0] ?? '', familyName: customer.name?.split(' ').slice(1).join(' ') ?? '', email: customer.email ?? '' }
          : null,
    });
    if (method === 'directdebit') payment.status = 'pending';
    const { status, after } = outcome(rng, method);
    if (status === 'paid') payment.details = defaultDetails(rng, payment, customer);
    const at = new Date(time + after);
    if (at.getTime() <= now) {
      store.setPaymentStatus(payment.id, status, at);
      if (status === 'paid' && rng.chance(0.06)) {
        const partial = rng.chance(0.5) && payment.amount.minor > 1;
        const amount = partial ? { ...payment.amount, minor: Math.floor(payment.amount.minor / 2) } : undefined;
        store.createRefund(payment.id, amount && { amount: toApi(amount) }, new Date(Math.min(now, at.getTime() + rng.int(1, 5) * DAY)));
      } else if (status === 'paid' && rng.chance(0.02)) {
        store.createChargeback(payment.id, {}, new Date(Math.min(now, at.getTime() + rng.int(5, 20) * DAY)));
      }
    } else {
      store.schedulePaymentStatus(payment.id, status, at);
    }
    return payment;
  });
}
