import { Router, type Handler, type SandboxRequest, type SandboxResponse } from '../http';
import { financialRoutes } from './financial';
import { contactRoutes } from './contacts';
import { MoneybirdError, priceOf, type Invoice, type MoneybirdStore, type Payment } from './store';

const json = (body: unknown, status = 200): SandboxResponse => ({ status, body, headers: { 'Content-Type': 'application/json' } });

/** Moneybird's error body. */
export const moneybirdError = (status: number, error: string, symbolic: Record<string, string> = {}): SandboxResponse => json({ error, symbolic }, status);
/** Moneybird's validation error body: the field, its problems, and their codes. */
const validationError = (status: number, field: { name: string; problem: string; code: string }): SandboxResponse =>
  json({ error: { [field.name]: [field.problem] }, details: { [field.name]: [{ error: field.code }] } }, status);

const PER_PAGE_DEFAULT = 50;
const PER_PAGE_MAX = 100;
/** One page of a list (`page` from 1, `per_page` at most 100), with the Link header Moneybird sends for the next and previous pages. */
const paged = (req: SandboxRequest, items: unknown[]): SandboxResponse => {
  const perPageRaw = req.query.get('per_page');
  const pageRaw = req.query.get('page');
  const perPage = perPageRaw === null ? PER_PAGE_DEFAULT : Number(perPageRaw);
  const page = pageRaw === null ? 1 : Number(pageRaw);
  if (!/^\d+$/.test(perPageRaw ?? '1') || !(perPage >= 1 && perPage <= PER_PAGE_MAX)) throw new MoneybirdError(400, 'per_page does not have a valid value');
  if (!/^\d+$/.test(pageRaw ?? '1') || page < 1) throw new MoneybirdError(400, 'page does not have a valid value');
  const link = (to: number) => {
    const url = new URL(req.url.href);
    url.searchParams.set('page', String(to));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.pathname}${url.search}>`;
  };
  const links = [...(page * perPage < items.length ? [`${link(page + 1)}; rel="next"`] : []), ...(page > 1 ? [`${link(page - 1)}; rel="prev"`] : [])];
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: { 'Content-Type': 'application/json', 'X-Total-Count': String(items.length), ...(links.length ? { Link: links.join(', ') } : {}) },
  };
};

type Json = Record<string, unknown>;
const parse = (req: SandboxRequest): Json => {
  try {
    return req.rawBody ? (JSON.parse(req.rawBody) as Json) : {};
  } catch {
    throw new MoneybirdError(400, 'Invalid JSON');
  }
};

export function moneybirdRoutes(store: MoneybirdStore, tokens: string[]): Handler {
  const adm = store.administration;
  const base = `/api/v2/:adm`;
  const paymentView = (p: Payment) => ({
    id: p.id,
    administration_id: adm.id,
    invoice_type: 'SalesInvoice',
    invoice_id: p.invoice_id,
    financial_account_id: null,
    user_id: '496081346724103269',
    payment_transaction_id: null,
    transaction_identifier: p.transaction_identifier,
    price: priceOf(p.cents),
    price_base: priceOf(p.cents),
    payment_date: p.payment_date,
    credit_invoice_id: null,
    financial_mutation_id: p.financial_mutation_id ?? null,
    ledger_account_id: null,
    linked_payment_id: null,
    manual_payment_action: 'payment_without_proof',
    created_at: p.created_at,
    updated_at: p.created_at,
  });
  const invoiceView = (i: Invoice) => {
    const paid = store.paid(i);
    return {
      id: i.id,
      administration_id: adm.id,
      contact_id: i.contact_id,
      invoice_id: i.invoice_id,
      state: store.state(i),
      invoice_date: i.invoice_date,
      due_date: i.due_date,
      currency: i.currency,
      paused: false,
      created_at: i.created_at,
      updated_at: i.created_at,
      version: 1,
      payments: i.payments.map(paymentView),
      total_paid: priceOf(paid),
      total_unpaid: priceOf(i.totalCents - paid > 0n ? i.totalCents - paid : 0n),
      total_price_incl_tax: priceOf(i.totalCents),
      url: `https://moneybird.com/${adm.id}/sales_invoices/${i.id}`,
    };
  };
  const invoice = (id: string) => {
    const found = store.invoices.get(id);
    if (!found) throw new MoneybirdError(404, 'record not found');
    return found;
  };
  const filterOf = (raw: string | null) => Object.fromEntries((raw ?? '').split(',').filter(Boolean).map((term) => term.split(/:(.*)/s).slice(0, 2)));

  const router = new Router();
  contactRoutes(router, store, base, json, paged, parse);
  router
    .add('GET', `${base}/sales_invoices/find_by_invoice_id/:number`, (_req, { number }) => {
      const found = [...store.invoices.values()].find((i) => i.invoice_id === number);
      if (!found) throw new MoneybirdError(404, `Sales invoice with invoice_id: ${number} was not found`);
      return json(invoiceView(found));
    })
    .add('GET', `${base}/sales_invoices/:id`, (_req, { id }) => json(invoiceView(invoice(id))))
    .add('GET', `${base}/sales_invoices`, (req) => {
      const filter = filterOf(req.query.get('filter'));
      const states = (filter.state ?? 'all').split('|');
      return paged(
        req,
        [...store.invoices.values()]
          .filter((i) => states.includes('all') || states.includes(store.state(i)))
          .filter((i) => !filter.contact_id || i.contact_id === filter.contact_id)
          .map(invoiceView),
      );
    })
    .add('POST', `${base}/sales_invoices/:id/payments`, (req, { id }) => {
      const body = parse(req);
      if (!body.payment || typeof body.payment !== 'object') throw new MoneybirdError(400, 'payment is missing');
      return json(paymentView(store.addPayment(invoice(id).id, body.payment as Json)), 201);
    })
    .add('DELETE', `${base}/sales_invoices/:id/payments/:paymentId`, (_req, { id, paymentId }) => {
      store.deletePayment(id, paymentId);
      return { status: 204 };
    });

  financialRoutes(router, store, paymentView);

  const answer = async (req: SandboxRequest): Promise<SandboxResponse> => {
    try {
      if (req.path === '/api/v2/administrations' && req.method === 'GET') {
        return json([{ id: adm.id, name: adm.name, language: 'nl', currency: adm.currency, country: 'NL', time_zone: 'Europe/Amsterdam', access: 'user', suspended: false }]);
      }
      const admId = /^\/api\/v2\/([^/]+)\//.exec(req.path)?.[1];
      if (admId && admId !== adm.id) return moneybirdError(404, 'Administration not found');
      if (req.rawBody) store.received.push({ method: req.method, path: req.path, body: parse(req) });
      return (await router.handle(req)) ?? moneybirdError(404, `No route for ${req.method} ${req.path}`);
    } catch (error) {
      if (error instanceof MoneybirdError) return error.field ? validationError(error.status, error.field) : moneybirdError(error.status, error.message, error.symbolic);
      throw error;
    }
  };
  return async (req) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !tokens.includes(token)) return moneybirdError(401, 'Token is invalid or expired');
    const limit = store.rateWindow.take(token);
    if (limit.refused) return limit.refused;
    const response = await answer(req);
    return { ...response, headers: { ...response.headers, ...limit.headers } };
  };
}
