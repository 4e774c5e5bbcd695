/**
 * Fake Moneybird bookkeeping, as its OpenAPI document describes it:
 * financial accounts (a bank account and a PSP account "Mollie"), financial
 * statements with their mutations, ledger accounts, and link_booking, which
 * books a mutation on a sales invoice (a new payment), on a payment already
 * registered on an invoice, or on a ledger account, each for part of the
 * mutation if need be; a payment registered with `bank_transfer` is linked to
 * its mutation at once. A mutation is processed when nothing of it is left
 * open. Nothing is booked in a locked period of the administration.
 */
import { MoneybirdError, centsOf, priceOf, type MoneybirdStore, type Payment } from './store';

/** Ledger accounts a bank line can be booked on (Moneybird's allowed_document_types). */
const ON_MUTATIONS = 'financial_mutation';

export interface FinancialAccount {
  id: string;
  type: string;
  name: string;
  identifier: string;
  provider: string | null;
  currency: string;
  active: boolean;
}

export interface LedgerAccount {
  id: string;
  name: string;
  account_type: string;
  /** What may be booked on it; a bank line only where it holds financial_mutation. */
  allowed_document_types: string[];
  active: boolean;
}

export interface LedgerBooking {
  id: string;
  ledger_account_id: string;
  cents: bigint;
  description: string | null;
  created_at: string;
}

export interface Mutation {
  id: string;
  financial_account_id: string;
  financial_statement_id: string;
  date: string;
  message: string;
  cents: bigint;
  batch_reference: string | null;
  account_servicer_transaction_id: string | null;
  /** Invoice payments linked to this mutation. */
  payments: Payment[];
  bookings: LedgerBooking[];
  created_at: string;
  version: number;
}

export interface Statement {
  id: string;
  financial_account_id: string;
  reference: string;
  official_date: string | null;
  official_balance: string | null;
  mutationIds: string[];
}

export class FinancialBooks {
  readonly accounts = new Map<string, FinancialAccount>();
  readonly ledgers = new Map<string, LedgerAccount>();
  readonly statements = new Map<string, Statement>();
  readonly mutations = new Map<string, Mutation>();

  constructor(private readonly store: MoneybirdStore) {
    this.addAccount({ type: 'FinancialAccount::BankAccount', name: 'ING Zakelijk', identifier: 'NL55INGB0000000000', provider: 'ing' });
    this.addAccount({ type: 'FinancialAccount::PaymentServiceProvider', name: 'Mollie', identifier: 'Mollie', provider: 'mollie' });
    for (const ledger of [
      { name: 'Omzet', account_type: 'revenue', allowed_document_types: ['sales_invoice', 'general_journal_document', ON_MUTATIONS] },
      { name: 'Transactiekosten', account_type: 'expenses', allowed_document_types: ['purchase_invoice', 'general_journal_document', ON_MUTATIONS, 'payment'] },
      { name: 'Kruisposten', account_type: 'temporary', allowed_document_types: ['general_journal_document', ON_MUTATIONS] },
      // Accounts receivable: Moneybird keeps it itself, no bank line is booked on it directly.
      { name: 'Debiteuren', account_type: 'current_assets', allowed_document_types: ['general_journal_document'] },
    ]) {
      const id = store.id();
      this.ledgers.set(id, { id, active: true, ...ledger });
    }
  }

  /** Another financial account (a second PSP account, one in another currency, an archived one). */
  addAccount(input: Omit<FinancialAccount, 'id' | 'currency' | 'active'> & Partial<Pick<FinancialAccount, 'currency' | 'active'>>): FinancialAccount {
    const account: FinancialAccount = { id: this.store.id(), currency: this.store.administration.currency, active: true, ...input };
    this.accounts.set(account.id, account);
    return account;
  }

  accountNamed(name: string): FinancialAccount {
    return [...this.accounts.values()].find((account) => account.name === name)!;
  }

  ledgerNamed(name: string): LedgerAccount {
    return [...this.ledgers.values()].find((ledger) => ledger.name === name)!;
  }

  open(mutation: Mutation): bigint {
    return mutation.cents - mutation.payments.reduce((sum, p) => sum + p.cents, 0n) - mutation.bookings.reduce((sum, b) => sum + b.cents, 0n);
  }

  /** Statements with this reference (for tests and the demo: the app must leave exactly one per settlement). */
  statementsWith(reference: string): Statement[] {
    return [...this.statements.values()].filter((statement) => statement.reference === reference);
  }

  createStatement(input: Record<string, unknown>): Statement {
    const accountId = String(input.financial_account_id ?? '');
    if (!this.accounts.get(accountId)?.active) throw new MoneybirdError(422, 'Financial account is invalid', { financial_account_id: 'invalid' });
    if (typeof input.reference !== 'string' || !input.reference.trim()) throw new MoneybirdError(422, "Reference can't be blank", { reference: 'blank' });
    const raw = input.financial_mutations_attributes;
    const rows = (Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : []) as Record<string, unknown>[];
    const statement: Statement = {
      id: this.store.id(),
      financial_account_id: accountId,
      reference: input.reference,
      official_date: typeof input.official_date === 'string' ? input.official_date : null,
      official_balance: input.official_balance === undefined || input.official_balance === null ? null : priceOf(centsOf(input.official_balance)),
      mutationIds: [],
    };
    const mutations = rows.map((row, index) => {
      if (typeof row.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(row.date)) throw new MoneybirdError(422, `Financial mutations ${index}: date is invalid`, { date: 'invalid' });
      if (row.amount === undefined || row.amount === null || row.amount === '') throw new MoneybirdError(422, `Financial mutations ${index}: amount can't be blank`, { amount: 'blank' });
      const locked = this.store.administration.period_locked_until;
      if (locked && row.date <= locked) throw new MoneybirdError(422, `Financial mutations ${index}: date lies in a locked period (until ${locked})`, { date: 'locked' });
      return {
        id: this.store.id(),
        financial_account_id: accountId,
        financial_statement_id: statement.id,
        date: row.date,
        message: typeof row.message === 'string' ? row.message : '',
        cents: centsOf(row.amount),
        batch_reference: typeof row.batch_reference === 'string' ? row.batch_reference : null,
        account_servicer_transaction_id: typeof row.account_servicer_transaction_id === 'string' ? row.account_servicer_transaction_id : null,
        payments: [],
        bookings: [],
        created_at: this.store.clock.now().toISOString(),
        version: 1,
      } satisfies Mutation;
    });
    for (const mutation of mutations) {
      this.mutations.set(mutation.id, mutation);
      statement.mutationIds.push(mutation.id);
    }
    this.statements.set(statement.id, statement);
    return statement;
  }

  deleteStatement(id: string): void {
    const statement = this.statements.get(id);
    if (!statement) throw new MoneybirdError(404, 'record not found');
    for (const mutationId of statement.mutationIds) {
      for (const payment of this.mutations.get(mutationId)?.payments ?? []) Object.assign(payment, { financial_mutation_id: undefined, financial_account_id: undefined });
      this.mutations.delete(mutationId);
    }
    this.statements.delete(id);
  }

  mutation(id: string): Mutation {
    const mutation = this.mutations.get(id);
    if (!mutation) throw new MoneybirdError(404, 'record not found');
    return mutation;
  }

  /** link_booking: SalesInvoice (registers a payment), Payment (an existing one), LedgerAccount. */
  link(id: string, body: Record<string, unknown>): void {
    const mutation = this.mutation(id);
    const type = body.booking_type;
    const bookingId = String(body.booking_id ?? '');
    const direction = mutation.cents < 0n ? -1n : 1n;
    const open = this.open(mutation);
    const refuse = (message: string, field: string) => {
      throw new MoneybirdError(400, message, { [field]: 'invalid' });
    };
    if (type === 'SalesInvoice') {
      const invoice = this.store.invoices.get(bookingId) ?? refuse('Sales invoice not found', 'booking_id');
      const price = centsOf(body.price_base ?? body.price ?? '');
      if (price <= 0n) refuse('Price base must be positive for a sales invoice', 'price_base');
      if (price > open * direction) refuse('Price base is more than the open amount of the mutation', 'price_base');
      const payment = this.store.addPayment(invoice!.id, { price: priceOf(price * direction), payment_date: mutation.date, manual_payment_action: 'bank_transfer' });
      this.attach(mutation, payment);
    } else if (type === 'Payment') {
      const payment = this.store.allPayments().find((p) => p.id === bookingId) ?? refuse('Payment not found', 'booking_id');
      if (payment!.financial_mutation_id) refuse('Payment is already linked to a financial mutation', 'booking_id');
      if ((payment!.cents < 0n ? -1n : 1n) !== direction) refuse('Payment goes the other way than the mutation', 'booking_id');
      if (payment!.cents * direction > open * direction) refuse('Payment is more than the open amount of the mutation', 'booking_id');
      this.attach(mutation, payment!);
    } else if (type === 'LedgerAccount') {
      const ledger = this.ledgers.get(bookingId);
      if (!ledger) refuse('Ledger account not found', 'booking_id');
      if (!ledger!.active || !ledger!.allowed_document_types.includes(ON_MUTATIONS)) refuse(`Ledger account ${ledger!.name} does not take bank lines`, 'booking_id');
      const price = centsOf(body.price_base ?? '');
      mutation.bookings.push({ id: this.store.id(), ledger_account_id: bookingId, cents: price * direction, description: typeof body.description === 'string' ? body.description : null, created_at: this.store.clock.now().toISOString() });
    } else {
      refuse(`Booking type ${String(type)} is not supported by the sandbox`, 'booking_type');
    }
    mutation.version++;
  }

  private attach(mutation: Mutation, payment: Payment): void {
    payment.financial_mutation_id = mutation.id;
    payment.financial_account_id = mutation.financial_account_id;
    mutation.payments.push(payment);
    this.store.touch(this.store.invoices.get(payment.invoice_id)!);
  }

  /**
   * POST …/payments with manual_payment_action bank_transfer: the payment is registered and linked to its
   * mutation in one request. The price is signed (money back is negative), goes the mutation's way, and fits in what is open.
   */
  payOnMutation(invoiceId: string, input: Record<string, unknown>): Payment {
    const refuse = (field: string, problem: string): never => {
      throw new MoneybirdError(422, `${field} ${problem}`, {}, { name: field, problem, code: 'invalid' });
    };
    if (input.manual_payment_action !== undefined && input.manual_payment_action !== 'bank_transfer') refuse('manual_payment_action', 'must be bank_transfer with a financial mutation');
    const mutation = this.mutations.get(String(input.financial_mutation_id ?? '')) ?? refuse('financial_mutation_id', 'is invalid');
    const cents = centsOf(input.price ?? '');
    const direction = mutation.cents < 0n ? -1n : 1n;
    if (cents === 0n || (cents < 0n ? -1n : 1n) !== direction) refuse('price', 'goes the other way than the financial mutation');
    if (cents * direction > this.open(mutation) * direction) refuse('price', 'is more than the open amount of the financial mutation');
    const payment = this.store.addPayment(invoiceId, { ...input, manual_payment_action: 'bank_transfer' });
    this.attach(mutation, payment);
    mutation.version++;
    return payment;
  }

  unlink(id: string, body: Record<string, unknown>): void {
    const mutation = this.mutation(id);
    const bookingId = String(body.booking_id ?? '');
    if (body.booking_type === 'Payment') {
      const index = mutation.payments.findIndex((p) => p.id === bookingId);
      if (index < 0) throw new MoneybirdError(404, 'record not found');
      const [payment] = mutation.payments.splice(index, 1);
      payment.financial_mutation_id = undefined;
      payment.financial_account_id = undefined;
    } else if (body.booking_type === 'LedgerAccountBooking') {
      const index = mutation.bookings.findIndex((b) => b.id === bookingId);
      if (index < 0) throw new MoneybirdError(404, 'record not found');
      mutation.bookings.splice(index, 1);
    } else throw new MoneybirdError(400, 'booking_type must be Payment or LedgerAccountBooking', { booking_type: 'invalid' });
    mutation.version++;
  }

  /** The mutations a filter selects (period as YYYYMMDD..YYYYMMDD or YYYYMM..YYYYMM, financial_account_id, state). */
  filtered(raw: string | null): Mutation[] {
    const filter = Object.fromEntries((raw ?? '').split(',').filter(Boolean).map((term) => term.split(/:(.*)/s).slice(0, 2)));
    const range = /^(\d{6}|\d{8})\.\.(\d{6}|\d{8})$/.exec(filter.period ?? '');
    if (filter.period && !range) throw new MoneybirdError(400, 'Filter period is invalid', { filter: 'invalid' });
    const from = range ? (range[1].length === 6 ? `${range[1]}01` : range[1]) : '00000000';
    const to = range ? (range[2].length === 6 ? `${range[2]}31` : range[2]) : '99999999';
    const states = (filter.state ?? 'all').split('|');
    return [...this.mutations.values()].filter((m) => {
      const day = m.date.replace(/-/g, '');
      const state = this.open(m) === 0n ? 'processed' : 'unprocessed';
      return day >= from && day <= to && (!filter.financial_account_id || m.financial_account_id === filter.financial_account_id) && (states.includes('all') || states.includes(state));
    });
  }
}

const books = new WeakMap<MoneybirdStore, FinancialBooks>();
/** The bookkeeping of a fake Moneybird administration. */
export const booksOf = (store: MoneybirdStore): FinancialBooks => {
  let found = books.get(store);
  if (!found) books.set(store, (found = new FinancialBooks(store)));
  return found;
};
