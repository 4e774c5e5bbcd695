/**
 * Fake Moneybird sales invoices, as its OpenAPI document describes them:
 * invoices and credit invoices (a negative total, `original_sales_invoice_id`),
 * their payments (with a PSP reference, or registered by hand without one),
 * the list with its filters (state, period, reference, contact_id,
 * created_after, updated_after) read in pages, and the synchronization pair:
 * every id and version for a filter, then up to 100 invoices per request.
 */
import type { Router, SandboxRequest } from '../http';
import { booksOf } from './financial';
import { paged } from './paging';
import { filterTerms, periodOf, within } from './periods';
import { MoneybirdError, priceOf, type Invoice, type MoneybirdStore, type Payment } from './store';

type Json = Record<string, unknown>;
const json = (body: unknown, status = 200) => ({ status, body, headers: { 'Content-Type': 'application/json' } });
const parse = (req: SandboxRequest): Json => {
  try {
    return req.rawBody ? (JSON.parse(req.rawBody) as Json) : {};
  } catch {
    throw new MoneybirdError(400, 'Invalid JSON');
  }
};

const STATES = ['all', 'draft', 'open', 'scheduled', 'pending_payment', 'late', 'reminded', 'paid', 'uncollectible'];

/** A payment as Moneybird shows it (on its invoice, on a mutation, or alone). */
export const paymentViewOf = (store: MoneybirdStore) => (p: Payment): Json => ({
  id: p.id,
  administration_id: store.administration.id,
  invoice_type: 'SalesInvoice',
  invoice_id: p.invoice_id,
  financial_account_id: p.financial_account_id ?? null,
  user_id: '496081346724103269',
  payment_transaction_id: null,
  transaction_identifier: p.transaction_identifier,
  price: priceOf(p.cents),
  price_base: priceOf(p.cents),
  payment_date: p.payment_date,
  credit_invoice_id: p.credit_invoice_id ?? null,
  financial_mutation_id: p.financial_mutation_id ?? null,
  ledger_account_id: null,
  linked_payment_id: null,
  manual_payment_action: p.manual_payment_action,
  created_at: p.created_at,
  updated_at: p.created_at,
});

export const invoiceViewOf = (store: MoneybirdStore) => {
  const paymentView = paymentViewOf(store);
  return (i: Invoice): Json => ({
    id: i.id,
    administration_id: store.administration.id,
    contact_id: i.contact_id,
    invoice_id: i.invoice_id,
    state: store.state(i),
    invoice_date: i.invoice_date,
    due_date: i.due_date,
    reference: i.reference,
    currency: i.currency,
    original_sales_invoice_id: i.original_sales_invoice_id,
    paused: false,
    created_at: i.created_at,
    updated_at: i.updated_at,
    version: i.version,
    payments: i.payments.map(paymentView),
    total_paid: priceOf(store.paid(i)),
    total_unpaid: priceOf(store.unpaid(i)),
    total_unpaid_base: priceOf(store.unpaid(i)),
    total_price_incl_tax: priceOf(i.totalCents),
    total_price_incl_tax_base: priceOf(i.totalCents),
    url: `https://moneybird.com/${store.administration.id}/sales_invoices/${i.id}`,
  });
};

/** The invoices a `filter` selects; without a period, the current year (the spec's default). */
export const filteredInvoices = (store: MoneybirdStore, raw: string | null): Invoice[] => {
  const filter = filterTerms(raw);
  const states = (filter.state ?? 'all').split('|');
  if (states.some((state) => !STATES.includes(state))) throw new MoneybirdError(400, 'Status is not included in the list', { filter: 'invalid' });
  const period = periodOf(filter.period ?? 'this_year', store.clock.now(), store.administration.time_zone);
  const references = filter.reference?.split('|');
  const instant = (name: string) => {
    if (filter[name] === undefined) return undefined;
    const at = Date.parse(filter[name].replace(' UTC', 'Z').replace(' ', 'T'));
    if (Number.isNaN(at)) throw new MoneybirdError(400, `Filter ${name} is invalid`, { filter: 'invalid' });
    return at;
  };
  const [createdAfter, updatedAfter] = [instant('created_after'), instant('updated_after')];
  return [...store.invoices.values()].filter(
    (i) =>
      (states.includes('all') || states.includes(store.state(i))) &&
      within(i.invoice_date, period) &&
      (!references || (i.reference !== null && references.includes(i.reference))) &&
      (!filter.contact_id || i.contact_id === filter.contact_id) &&
      (createdAfter === undefined || Date.parse(i.created_at) > createdAfter) &&
      (updatedAfter === undefined || Date.parse(i.updated_at) > updatedAfter),
  );
};

/** Registers the sales invoice endpoints on the Moneybird fake's router. */
export function invoiceRoutes(router: Router, store: MoneybirdStore): void {
  const base = `/api/v2/:adm`;
  const view = invoiceViewOf(store);
  const paymentView = paymentViewOf(store);
  const finance = booksOf(store);
  const invoice = (id: string) => {
    const found = store.invoices.get(id);
    if (!found) throw new MoneybirdError(404, 'record not found');
    return found;
  };

  router
    .add('GET', `${base}/sales_invoices/find_by_invoice_id/:number`, (_req, { number }) => {
      const found = [...store.invoices.values()].find((i) => i.invoice_id === number);
      if (!found) throw new MoneybirdError(404, `Sales invoice with invoice_id: ${number} was not found`);
      return json(view(found));
    })
    .add('GET', `${base}/sales_invoices/find_by_reference/:reference`, (_req, { reference }) => {
      const found = [...store.invoices.values()].find((i) => i.reference === reference);
      if (!found) throw new MoneybirdError(404, `Sales invoice with reference: ${reference} was not found`);
      return json(view(found));
    })
    .add('GET', `${base}/sales_invoices/synchronization`, (req) => json(filteredInvoices(store, req.query.get('filter')).map((i) => ({ id: i.id, version: i.version }))))
    .add('POST', `${base}/sales_invoices/synchronization`, (req) => {
      const ids = parse(req).ids;
      if (!Array.isArray(ids)) throw new MoneybirdError(400, 'ids is missing', { ids: 'blank' });
      return json(ids.slice(0, 100).flatMap((id) => (store.invoices.has(String(id)) ? [view(store.invoices.get(String(id))!)] : [])));
    })
    .add('GET', `${base}/sales_invoices/:id`, (_req, { id }) => json(view(invoice(id))))
    .add('GET', `${base}/sales_invoices`, (req) => paged(req, filteredInvoices(store, req.query.get('filter')).map(view)))
    .add('POST', `${base}/sales_invoices/:id/payments`, (req, { id }) => {
      const body = parse(req);
      if (!body.payment || typeof body.payment !== 'object') throw new MoneybirdError(400, 'payment is missing');
      const input = body.payment as Json;
      // A payment on a bank line: registered and linked to that mutation at once.
      if (input.manual_payment_action === 'bank_transfer' || input.financial_mutation_id !== undefined) return json(paymentView(finance.payOnMutation(invoice(id).id, input)), 201);
      return json(paymentView(store.addPayment(invoice(id).id, input)), 201);
    })
    .add('DELETE', `${base}/sales_invoices/:id/payments/:paymentId`, (_req, { id, paymentId }) => {
      store.deletePayment(id, paymentId);
      return { status: 204 };
    })
    .add('PATCH', `${base}/sales_invoices/:id/register_payment_creditinvoice`, (_req, { id }) => {
      const credit = invoice(id);
      const original = credit.original_sales_invoice_id ? store.invoices.get(credit.original_sales_invoice_id) : undefined;
      if (!store.isCredit(credit) || !original) throw new MoneybirdError(400, 'Invoice is not a credit invoice of another invoice', { id: 'invalid' });
      const open = store.unpaid(credit);
      if (open === 0n || store.unpaid(original) < -open) throw new MoneybirdError(400, 'Invoice does not accept a payment', { id: 'invalid' });
      const date = store.clock.now().toISOString().slice(0, 10);
      store.addPayment(credit.id, { price: priceOf(open), payment_date: date, manual_payment_action: 'invoices_settlement' }).credit_invoice_id = credit.id;
      store.addPayment(original.id, { price: priceOf(-open), payment_date: date, manual_payment_action: 'invoices_settlement' }).credit_invoice_id = credit.id;
      return json(view(credit));
    });
}
