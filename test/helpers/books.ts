/**
 * What the bookkeeping tests (test/books.*.test.ts) share: the three
 * connections on the sandbox, running Record Settlement in the Books and
 * Settlement Paid Out, live payments paid out, and reading back what a
 * payout left in Moneybird: its statement, the mutation of each Mollie item
 * (found by the Mollie id the mutation names), and the invoices' payments.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import {
  SANDBOX_ACCESS_TOKEN,
  SANDBOX_HUBSPOT_TOKEN,
  SANDBOX_MONEYBIRD_ADMINISTRATION_ID,
  SANDBOX_MONEYBIRD_TOKEN,
  SANDBOX_PIPEDRIVE_DOMAIN,
  SANDBOX_PIPEDRIVE_TOKEN,
  type Sandbox,
} from '../../sandbox';
import { booksOf, type Mutation, type Statement } from '../../sandbox/moneybird/financial';
import { priceOf, type Invoice } from '../../sandbox/moneybird/store';
import type { Settlement } from '../../sandbox/mollie/settlements';
import type { Payment } from '../../sandbox/mollie/types';
import { appMethod } from './app';

const recordSettlement = appMethod('creates.record_settlement.operation.perform');
const createCrmPaymentRecord = appMethod('creates.create_crm_payment_record.operation.perform');
const settlementPaidOut = appMethod('triggers.settlement_paid_out.operation.perform');

export type Out = Record<string, unknown> & { lines?: Array<Record<string, string>> };
export type Crm = 'moneybird' | 'hubspot' | 'pipedrive';

const mollie = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live' };
export const AUTH: Record<Crm, Record<string, string>> = {
  moneybird: { ...mollie, crm: 'moneybird', crmToken: SANDBOX_MONEYBIRD_TOKEN, moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID },
  hubspot: { ...mollie, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN },
  pipedrive: { ...mollie, crm: 'pipedrive', crmToken: SANDBOX_PIPEDRIVE_TOKEN, pipedriveCompanyDomain: SANDBOX_PIPEDRIVE_DOMAIN },
};

const appTester = createAppTester(App) as ReturnType<typeof createAppTester> & { zcacheTestObj: Record<string, unknown> };
/**
 * The app caches what it learnt about a CRM (its fields, its properties, a payout's lines) in z.cache: a test that
 * starts a new, empty sandbox starts with an empty cache too (call it in beforeEach).
 */
export const forgetCache = () => {
  appTester.zcacheTestObj = {};
};
const authOf = (_sb: Sandbox, crm: Crm, extra: Record<string, string> = {}) => ({ ...AUTH[crm], ...extra });
export const run = <T>(fn: (z: ZObject, bundle: Bundle) => unknown, bundle: Record<string, unknown>) => appTester(fn as never, { inputData: {}, meta: {}, ...bundle } as never) as Promise<T>;

/** Record Settlement in the Books; for Moneybird on the "Mollie" account with fees on "Transactiekosten" unless `input` says otherwise. */
export const book = (sb: Sandbox, crm: Crm, settlement: Settlement | string, input: Record<string, unknown> = {}, authData: Record<string, string> = {}) => {
  const settlement_id = typeof settlement === 'string' ? settlement : settlement.id;
  const finance = booksOf(sb.moneybird);
  const moneybird = crm === 'moneybird' ? { financial_account_id: finance.accountNamed('Mollie').id, fee_ledger_account_id: finance.ledgerNamed('Transactiekosten').id } : {};
  return run<Out>(recordSettlement, { authData: authOf(sb, crm, authData), inputData: { settlement_id, ...moneybird, ...input } });
};

/** Create or Update CRM Payment Record, as a Payment Paid Zap runs it. */
export const recordPayment = (sb: Sandbox, crm: Crm, payment: Payment, input: Record<string, unknown> = {}) => {
  const invoice = (payment.metadata as { invoiceNumber?: string } | null)?.invoiceNumber;
  return run<Out>(createCrmPaymentRecord, { authData: authOf(sb, crm), inputData: { payment_id: payment.id, ...(crm === 'moneybird' && invoice ? { invoice_number: invoice } : {}), ...input } });
};

export const paidOutItems = (sb: Sandbox, crm: Crm = 'moneybird') => run<Out[]>(settlementPaidOut, { authData: authOf(sb, crm) });

/** A live payment for an invoice, paid at `at` (default now). */
export const livePayment = (sb: Sandbox, value: string, invoice: string, options: { at?: Date; metadata?: Record<string, unknown>; method?: Payment['method'] } = {}): Payment => {
  const at = options.at ?? sb.clock.now();
  const payment = sb.mollie.createPayment({
    amount: { currency: 'EUR', value },
    description: `Invoice ${invoice}`,
    metadata: { invoiceNumber: invoice, ...options.metadata },
    method: options.method ?? 'ideal',
    mode: 'live',
    createdAt: new Date(at.getTime() - 60_000),
  });
  sb.mollie.setPaymentStatus(payment.id, 'paid', at);
  return payment;
};

/** A Moneybird contact and its invoices by number: { '2026-0101': '100.00', … }. */
export const invoices = (sb: Sandbox, totals: Record<string, string>, customerId = 'CUST-1'): Record<string, Invoice> => {
  const contact = [...sb.moneybird.contacts.values()].find((c) => c.customer_id === customerId) ?? sb.moneybird.createContact({ company_name: `Klant ${customerId}`, customer_id: customerId });
  return Object.fromEntries(Object.entries(totals).map(([number, total]) => [number, sb.moneybird.createInvoice({ contactId: contact.id, number, total })]));
};

/** The statements a payout left in Moneybird: those whose reference or mutations name it. */
export const statementsOf = (sb: Sandbox, settlement: Settlement): Statement[] => {
  const finance = booksOf(sb.moneybird);
  const names = (text: string | null | undefined) => !!text && (text.includes(settlement.id) || (!!settlement.reference && text.includes(settlement.reference)));
  return [...finance.statements.values()].filter(
    (statement) => names(statement.reference) || statement.mutationIds.some((id) => names(finance.mutations.get(id)?.account_servicer_transaction_id) || names(finance.mutations.get(id)?.batch_reference)),
  );
};

/** The mutation of one Mollie item (tr_, cpt_, re_, chb_) in the payout's statement: the one whose message or transaction id names it. */
export const mutationOf = (sb: Sandbox, settlement: Settlement, mollieId: string): Mutation => {
  const finance = booksOf(sb.moneybird);
  const found = statementsOf(sb, settlement)
    .flatMap((statement) => statement.mutationIds.map((id) => finance.mutations.get(id)!))
    .filter((mutation) => mutation.message.includes(mollieId) || mutation.account_servicer_transaction_id?.includes(mollieId));
  if (found.length !== 1) throw new Error(`expected one mutation naming ${mollieId} in the statement of ${settlement.id}, found ${found.length}`);
  return found[0];
};

/** An amount the fake keeps in cents, as Moneybird writes it ("-10.00"): assertions compare strings (jest cannot report a bigint from a worker). */
export const price = priceOf;

/** What every invoice holds now (payment ids and amounts), to show that nothing else changed. */
export const snapshot = (sb: Sandbox) => new Map([...sb.moneybird.invoices.values()].map((invoice) => [invoice.id, invoice.payments.map((p) => `${p.id}:${p.cents}`)]));

/** The invoices whose payments changed since `before`: added or removed payments per invoice number. */
export const changedSince = (sb: Sandbox, before: ReturnType<typeof snapshot>): Record<string, { added: string[]; removed: string[] }> => {
  const changes: Record<string, { added: string[]; removed: string[] }> = {};
  for (const invoice of sb.moneybird.invoices.values()) {
    const was = before.get(invoice.id) ?? [];
    const now = invoice.payments.map((p) => `${p.id}:${p.cents}`);
    const added = invoice.payments.filter((p) => !was.includes(`${p.id}:${p.cents}`)).map((p) => priceOf(p.cents));
    const removed = was.filter((entry) => !now.includes(entry));
    if (added.length || removed.length) changes[invoice.invoice_id] = { added, removed };
  }
  return changes;
};

/** Requests a fake received while `fn` ran. */
export const requestsDuring = async <T>(server: Sandbox['servers'][keyof Sandbox['servers']], fn: () => Promise<T>) => {
  const start = server.requestLog.length;
  const result = await fn();
  const requests = server.requestLog.slice(start);
  return { result, requests, writes: requests.filter((r) => r.method !== 'GET' && !/synchronization$/.test(r.path)) };
};
