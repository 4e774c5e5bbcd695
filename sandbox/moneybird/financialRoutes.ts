/** The Moneybird fake's bookkeeping endpoints: financial accounts, ledger accounts, statements, mutations and link_booking. */
import type { Router, SandboxRequest } from '../http';
import { booksOf, type Mutation, type Statement } from './financial';
import { MoneybirdError, priceOf, type MoneybirdStore, type Payment } from './store';

type Json = Record<string, unknown>;
const json = (body: unknown, status = 200) => ({ status, body, headers: { 'Content-Type': 'application/json' } });
const parse = (req: SandboxRequest): Json => {
  try {
    return req.rawBody ? (JSON.parse(req.rawBody) as Json) : {};
  } catch {
    throw new MoneybirdError(400, 'Invalid JSON');
  }
};

/** Registers the bookkeeping endpoints on the Moneybird fake's router. */
export function financialRoutes(router: Router, store: MoneybirdStore, paymentView: (payment: Payment) => Json): void {
  const finance = booksOf(store);
  const adm = store.administration.id;
  const base = '/api/v2/:adm';
  const mutationView = (m: Mutation) => ({
    id: m.id,
    administration_id: adm,
    amount: priceOf(m.cents),
    code: null,
    date: m.date,
    message: m.message,
    contra_account_name: null,
    contra_account_number: '',
    state: finance.open(m) === 0n ? 'processed' : 'unprocessed',
    settlement_state: 'settled',
    amount_open: priceOf(finance.open(m)),
    sepa_fields: null,
    batch_reference: m.batch_reference,
    financial_account_id: m.financial_account_id,
    currency: store.administration.currency,
    original_amount: null,
    created_at: m.created_at,
    updated_at: m.created_at,
    version: m.version,
    financial_statement_id: m.financial_statement_id,
    processed_at: finance.open(m) === 0n ? m.created_at : null,
    account_servicer_transaction_id: m.account_servicer_transaction_id,
    payments: m.payments.map(paymentView),
    ledger_account_bookings: m.bookings.map((b) => ({
      id: b.id,
      administration_id: adm,
      financial_mutation_id: m.id,
      ledger_account_id: b.ledger_account_id,
      project_id: null,
      description: b.description,
      price: priceOf(b.cents),
      created_at: b.created_at,
      updated_at: b.created_at,
    })),
  });
  const statementView = (s: Statement) => ({
    id: s.id,
    financial_account_id: s.financial_account_id,
    reference: s.reference,
    official_date: s.official_date,
    official_balance: s.official_balance,
    importer_service: null,
    financial_mutations: s.mutationIds.map((id) => mutationView(finance.mutation(id))),
  });
  const now = () => store.clock.now().toISOString();

  router
    .add('GET', `${base}/financial_accounts`, () =>
      json([...finance.accounts.values()].map((a) => ({ ...a, administration_id: adm, moneybird_account: false, created_at: now(), updated_at: now() }))),
    )
    .add('GET', `${base}/ledger_accounts`, () =>
      json([...finance.ledgers.values()].map((l) => ({ ...l, administration_id: adm, account_id: null, parent_id: null, created_at: now(), updated_at: now(), financial_account_id: null }))),
    )
    .add('POST', `${base}/financial_statements`, (req) => {
      const body = parse(req);
      if (!body.financial_statement || typeof body.financial_statement !== 'object') throw new MoneybirdError(400, 'financial_statement is missing');
      return json(statementView(finance.createStatement(body.financial_statement as Json)), 201);
    })
    .add('DELETE', `${base}/financial_statements/:id`, (_req, { id }) => {
      finance.deleteStatement(id);
      return { status: 204 };
    })
    .add('GET', `${base}/financial_mutations/synchronization`, (req) => json(finance.filtered(req.query.get('filter')).map((m) => ({ id: m.id, version: m.version }))))
    .add('POST', `${base}/financial_mutations/synchronization`, (req) => {
      const ids = parse(req).ids;
      if (!Array.isArray(ids)) throw new MoneybirdError(400, 'ids is missing', { ids: 'blank' });
      return json(ids.slice(0, 100).flatMap((id) => (finance.mutations.has(String(id)) ? [mutationView(finance.mutation(String(id)))] : [])));
    })
    .add('GET', `${base}/financial_mutations`, (req) => json(finance.filtered(req.query.get('filter')).slice(0, 100).map(mutationView)))
    .add('GET', `${base}/financial_mutations/:id`, (_req, { id }) => json(mutationView(finance.mutation(id))))
    .add('PATCH', `${base}/financial_mutations/:id/link_booking`, (req, { id }) => {
      finance.link(id, parse(req));
      return json(Number(id));
    })
    .add('DELETE', `${base}/financial_mutations/:id/unlink_booking`, (req, { id }) => {
      finance.unlink(id, parse(req));
      return json(mutationView(finance.mutation(id)));
    });
}
