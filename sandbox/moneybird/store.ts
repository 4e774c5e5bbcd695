import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { VirtualClock } from '../clock';
import { MONEYBIRD_LIMITS, MoneybirdRateWindow, type MoneybirdLimits } from './rateLimit';

export class MoneybirdError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly symbolic: Record<string, string> = {},
    /** A validation failure (422) names its field: Moneybird answers `{ error: { field: [message] }, details }`. */
    readonly field?: { name: string; problem: string; code: string },
  ) {
    super(message);
  }
}

export interface Contact {
  id: string;
  company_name: string | null;
  firstname: string | null;
  lastname: string | null;
  customer_id: string;
  email: string | null;
  send_invoices_to_email: string | null;
  /** The contact's IBAN (shown as `bank_account` too: Moneybird's answers carry the SEPA IBAN in both). */
  sepa_iban: string | null;
  sepa_iban_account_name: string | null;
  sepa_bic: string | null;
  created_at: string;
  updated_at: string;
}

/** The contact fields a create or update takes (PATCH: only what is given changes; an empty string removes an optional one). */
export type ContactChange = Partial<Pick<Contact, 'company_name' | 'firstname' | 'lastname' | 'customer_id' | 'email' | 'send_invoices_to_email' | 'sepa_iban' | 'sepa_iban_account_name' | 'sepa_bic'>> & {
  bank_account?: string | null;
};

const invalid = (name: string, problem: string, code: string) => new MoneybirdError(422, `${name} ${problem}`, {}, { name, problem, code });

/** Checks the SEPA fields Moneybird validates ("Should be a valid IBAN", "Should be a valid BIC"); the IBAN is kept in electronic form. */
function sepaFields(change: ContactChange): Partial<Contact> {
  const out: Partial<Contact> = {};
  const iban = change.sepa_iban ?? change.bank_account;
  if (iban !== undefined && iban !== null) {
    const compact = electronicFormatIBAN(iban) ?? '';
    if (iban !== '' && !isValidIBAN(compact)) throw invalid('sepa_iban', 'is not a valid IBAN', 'invalid');
    out.sepa_iban = iban === '' ? '' : compact;
  }
  if (change.sepa_bic !== undefined && change.sepa_bic !== null && change.sepa_bic !== '' && !isValidBIC(change.sepa_bic)) throw invalid('sepa_bic', 'is not a valid BIC', 'invalid');
  if (change.sepa_bic !== undefined) out.sepa_bic = change.sepa_bic;
  if (change.sepa_iban_account_name !== undefined) out.sepa_iban_account_name = change.sepa_iban_account_name;
  return out;
}

export interface Payment {
  id: string;
  invoice_id: string;
  /** The PSP reference (a Mollie tr_ id); null for a payment registered by hand. */
  transaction_identifier: string | null;
  /** In cents (minor units), signed: money received is positive, money paid back (a refund, a credit invoice paid) negative. */
  cents: bigint;
  payment_date: string;
  created_at: string;
  /** How it was registered: payment_without_proof, bank_transfer (on a mutation), private_payment, cash_payment, … */
  manual_payment_action: string | null;
  /** The bank/PSP mutation this payment is linked to (sandbox/moneybird/financial.ts), and its financial account. */
  financial_mutation_id?: string;
  financial_account_id?: string;
  /** A payment that settles an invoice against a credit invoice: that credit invoice. */
  credit_invoice_id?: string;
}

export interface Invoice {
  id: string;
  contact_id: string;
  invoice_id: string;
  currency: string;
  /** Negative for a credit invoice. */
  totalCents: bigint;
  invoice_date: string;
  due_date: string;
  created_at: string;
  updated_at: string;
  /** Moneybird's change counter (synchronization lists it): raised on every change, payments included. */
  version: number;
  /** The invoice's free reference (e.g. an order number): GET /sales_invoices filters on it. */
  reference: string | null;
  /** A credit invoice: the invoice it credits. */
  original_sales_invoice_id: string | null;
  payments: Payment[];
  /** Drafts and other states the app must not book on. */
  draft?: boolean;
}

/** The administration as GET /administrations lists it. */
export interface Administration {
  id: string;
  name: string;
  currency: string;
  /** IANA zone: the administration's dates (invoice dates, bank dates, named periods) are in it. */
  time_zone: string;
  /** Nothing may be booked on or before this date (YYYY-MM-DD), null when no period is locked. */
  period_locked_until: string | null;
}

/** "10.5", "10,50", 10.5 → cents, without floats. */
export const centsOf = (raw: unknown): bigint => {
  const text = String(raw).trim().replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new MoneybirdError(422, `price is not a number`, { price: 'not_a_number' });
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0').slice(0, 2) || '0');
  return match[1] ? -cents : cents;
};
export const priceOf = (cents: bigint): string => {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** The state of one fake Moneybird administration: contacts, sales invoices and their payments. */
export class MoneybirdStore {
  readonly administration: Administration;
  readonly contacts = new Map<string, Contact>();
  readonly invoices = new Map<string, Invoice>();
  readonly received: { method: string; path: string; body: unknown }[] = [];
  /** 150 requests per 5 minutes per token, as Moneybird allows (false: none). */
  readonly rateWindow: MoneybirdRateWindow;
  private next = 496081520000000000n;

  constructor(
    readonly clock: VirtualClock,
    administration: Pick<Administration, 'id' | 'name' | 'currency'> & Partial<Administration> = { id: '123456789', name: 'Sandbox Bakery B.V.', currency: 'EUR' },
    options: { rateLimits?: MoneybirdLimits | false } = {},
  ) {
    this.administration = { time_zone: 'Europe/Amsterdam', period_locked_until: null, ...administration };
    this.rateWindow = new MoneybirdRateWindow(clock, options.rateLimits ?? MONEYBIRD_LIMITS);
  }

  id(): string {
    this.next += 1n;
    return String(this.next);
  }

  createContact(input: ContactChange): Contact {
    if (!input.company_name && !input.firstname && !input.lastname) {
      throw new MoneybirdError(422, 'Company name, first name or last name must be filled in', { company_name: 'blank' });
    }
    if (input.customer_id && [...this.contacts.values()].some((c) => c.customer_id === input.customer_id)) {
      throw new MoneybirdError(422, 'Customer id has already been taken', {}, { name: 'customer_id', problem: 'has already been taken', code: 'taken' });
    }
    const now = this.clock.now().toISOString();
    const id = this.id();
    const contact: Contact = {
      id,
      company_name: input.company_name ?? null,
      firstname: input.firstname ?? null,
      lastname: input.lastname ?? null,
      customer_id: input.customer_id ?? String(this.contacts.size + 1),
      email: input.email ?? null,
      send_invoices_to_email: input.send_invoices_to_email ?? input.email ?? null,
      sepa_iban: null,
      sepa_iban_account_name: null,
      sepa_bic: null,
      ...sepaFields(input),
      created_at: now,
      updated_at: now,
    };
    this.contacts.set(id, contact);
    return contact;
  }

  /** PATCH /contacts/{id}: what is given changes, the rest stays; a contact keeps a company name or a first or last name. */
  updateContact(id: string, change: ContactChange): Contact {
    const contact = this.contacts.get(id);
    if (!contact) throw new MoneybirdError(404, 'record not found', { id: 'not_found' });
    const names = { company_name: contact.company_name, firstname: contact.firstname, lastname: contact.lastname };
    for (const name of ['company_name', 'firstname', 'lastname'] as const) if (change[name] !== undefined) names[name] = change[name] || null;
    if (!names.company_name && !names.firstname && !names.lastname) throw invalid('company_name', 'is required', 'blank');
    if (change.customer_id && [...this.contacts.values()].some((c) => c !== contact && c.customer_id === change.customer_id)) throw invalid('customer_id', 'has already been taken', 'taken');
    const sepa = sepaFields(change);
    Object.assign(contact, names, sepa, {
      ...(change.customer_id ? { customer_id: change.customer_id } : {}),
      ...(change.send_invoices_to_email !== undefined ? { send_invoices_to_email: change.send_invoices_to_email } : {}),
      updated_at: this.clock.now().toISOString(),
    });
    return contact;
  }

  createInvoice(input: { contactId: string; number: string; total: string; currency?: string; daysAgo?: number; reference?: string; originalInvoiceId?: string }): Invoice {
    const now = this.clock.now();
    const date = new Date(now.getTime() - (input.daysAgo ?? 5) * 86_400_000).toISOString().slice(0, 10);
    const invoice: Invoice = {
      id: this.id(),
      contact_id: input.contactId,
      invoice_id: input.number,
      currency: input.currency ?? this.administration.currency,
      totalCents: centsOf(input.total),
      invoice_date: date,
      due_date: date,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      version: Math.floor(now.getTime() / 1000),
      reference: input.reference ?? null,
      original_sales_invoice_id: input.originalInvoiceId ?? null,
      payments: [],
    };
    this.invoices.set(invoice.id, invoice);
    return invoice;
  }

  /** A credit invoice for (part of) an invoice: its total is minus `total` (default: the whole invoice), same contact and currency. */
  createCreditInvoice(original: Invoice, input: { number: string; total?: string; daysAgo?: number; reference?: string }): Invoice {
    const credited = input.total === undefined ? original.totalCents : centsOf(input.total);
    if (credited <= 0n) throw new Error('A credit invoice credits a positive amount');
    return this.createInvoice({ contactId: original.contact_id, number: input.number, total: priceOf(-credited), currency: original.currency, daysAgo: input.daysAgo, reference: input.reference, originalInvoiceId: original.id });
  }

  /** A payment a bookkeeper registered by hand: no transaction identifier, linked to no bank line. */
  payByHand(invoiceId: string, input: { price: string; date?: string; action?: string }): Payment {
    return this.addPayment(invoiceId, { price: input.price, payment_date: input.date ?? this.clock.now().toISOString().slice(0, 10), manual_payment_action: input.action ?? 'payment_without_proof' });
  }

  /** Records a change: Moneybird raises the version and updated_at. */
  touch(invoice: Invoice): void {
    const now = this.clock.now();
    invoice.version = Math.max(invoice.version + 1, Math.floor(now.getTime() / 1000));
    invoice.updated_at = now.toISOString();
  }

  paid(invoice: Invoice): bigint {
    return invoice.payments.reduce((sum, p) => sum + p.cents, 0n);
  }

  isCredit(invoice: Invoice): boolean {
    return invoice.totalCents < 0n;
  }

  state(invoice: Invoice): string {
    if (invoice.draft) return 'draft';
    const paid = this.paid(invoice);
    return (this.isCredit(invoice) ? paid <= invoice.totalCents : paid >= invoice.totalCents) ? 'paid' : 'open';
  }

  /** What is still to be paid (an invoice) or paid back (a credit invoice, negative); 0 once settled. */
  unpaid(invoice: Invoice): bigint {
    const left = invoice.totalCents - this.paid(invoice);
    return this.isCredit(invoice) ? (left < 0n ? left : 0n) : left > 0n ? left : 0n;
  }

  addPayment(invoiceId: string, input: { price?: unknown; payment_date?: unknown; transaction_identifier?: unknown; manual_payment_action?: unknown }): Payment {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice) throw new MoneybirdError(404, 'record not found');
    if (input.price === undefined || input.price === null || input.price === '') throw new MoneybirdError(422, 'Price is required', { price: 'blank' });
    if (typeof input.payment_date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(input.payment_date)) {
      throw new MoneybirdError(422, 'Payment date is required', { payment_date: 'blank' });
    }
    const cents = centsOf(input.price);
    // An invoice cannot have more paid back than was paid; a credit invoice (negative total) cannot have money received.
    if (!this.isCredit(invoice) && this.paid(invoice) + cents < 0n) throw new MoneybirdError(422, 'Price would make the amount paid negative', { price: 'too_low' });
    if (this.isCredit(invoice) && this.paid(invoice) + cents > 0n) throw new MoneybirdError(422, 'Price would make the amount paid back on a credit invoice positive', { price: 'too_high' });
    const payment: Payment = {
      id: this.id(),
      invoice_id: invoiceId,
      transaction_identifier: typeof input.transaction_identifier === 'string' ? input.transaction_identifier : null,
      cents,
      payment_date: input.payment_date.slice(0, 10),
      created_at: this.clock.now().toISOString(),
      manual_payment_action: typeof input.manual_payment_action === 'string' ? input.manual_payment_action : null,
    };
    invoice.payments.push(payment);
    this.touch(invoice);
    return payment;
  }

  deletePayment(invoiceId: string, paymentId: string): void {
    const invoice = this.invoices.get(invoiceId);
    const index = invoice?.payments.findIndex((p) => p.id === paymentId) ?? -1;
    if (!invoice || index < 0) throw new MoneybirdError(404, 'record not found');
    invoice.payments.splice(index, 1);
    this.touch(invoice);
  }

  /** Every payment of every invoice. */
  allPayments(): Payment[] {
    return [...this.invoices.values()].flatMap((invoice) => invoice.payments);
  }

  /** Payments registered for this Mollie payment (the tests' invariant: one, plus refund corrections). */
  paymentsFor(molliePaymentId: string): Payment[] {
    return this.allPayments().filter((p) => p.transaction_identifier === molliePaymentId);
  }
}
