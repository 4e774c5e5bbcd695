import type { Router, SandboxRequest, SandboxResponse } from '../http';
import { MoneybirdError, type Contact, type ContactChange, type MoneybirdStore } from './store';

type Json = Record<string, unknown>;
type Reply = (body: unknown, status?: number) => SandboxResponse;
type Paged = (req: SandboxRequest, items: unknown[]) => SandboxResponse;

/** A contact as Moneybird answers it: `bank_account` carries the SEPA IBAN (its examples show the two alike), `version` the last change in epoch seconds. */
export const contactView = (c: Contact, administrationId: string) => ({
  id: c.id,
  administration_id: administrationId,
  company_name: c.company_name,
  firstname: c.firstname,
  lastname: c.lastname,
  customer_id: c.customer_id,
  email: c.email,
  send_invoices_to_email: c.send_invoices_to_email,
  country: 'NL',
  bank_account: c.sepa_iban,
  sepa_active: false,
  sepa_iban: c.sepa_iban,
  sepa_iban_account_name: c.sepa_iban_account_name,
  sepa_bic: c.sepa_bic,
  created_at: c.created_at,
  updated_at: c.updated_at,
  version: Math.floor(Date.parse(c.updated_at) / 1000),
  contact_people: [],
  archived: false,
});

const lower = (values: Array<string | null>) => values.filter(Boolean).join(' ').toLowerCase();
/** What `GET /contacts?query=` looks in (its spec lists names, e-mail, customer id, bank account and more). */
const listText = (c: Contact) => lower([c.company_name, c.firstname, c.lastname, c.email, c.send_invoices_to_email, c.customer_id, c.sepa_iban]);
/** What `GET /contacts/filter?query=` looks in: "name, contact people, email, phone, customer id, tax number, chamber of commerce, IBAN, and address fields". */
const filterText = listText;

/** The `filter` terms of `/contacts/filter` (key:value, comma-separated); a filter given replaces the defaults. */
const FILTERS: Record<string, (c: Contact, value: string) => boolean> = {
  created_after: (c, value) => Date.parse(c.created_at) > Date.parse(value),
  updated_after: (c, value) => Date.parse(c.updated_at) > Date.parse(value),
  first_name: (c, value) => (c.firstname ?? '').toLowerCase() === value.toLowerCase(),
  last_name: (c, value) => (c.lastname ?? '').toLowerCase() === value.toLowerCase(),
  contact_type: (c, value) => value === 'all' || (value === 'company') === Boolean(c.company_name),
  delivery_method: (_c, value) => value === 'all' || value === 'email',
  trusted_type: (_c, value) => value !== 'trusted',
  estimate_workflow_id: () => false,
  invoice_workflow_id: () => false,
};

/** The terms of a `filter`; the spec declares no error answer for this call, so a term it does not document (or a date that does not parse) filters nothing out. */
function filterOf(raw: string | null): (c: Contact) => boolean {
  const terms = (raw ?? '')
    .split(',')
    .filter(Boolean)
    .map((term) => term.split(/:(.*)/s).slice(0, 2) as [string, string])
    .filter(([key, value]) => FILTERS[key] && !((key === 'created_after' || key === 'updated_after') && Number.isNaN(Date.parse(value ?? ''))));
  return (c) => terms.every(([key, value]) => FILTERS[key](c, value ?? ''));
}

const CHANGEABLE = ['company_name', 'firstname', 'lastname', 'customer_id', 'send_invoices_to_email', 'sepa_iban', 'sepa_iban_account_name', 'sepa_bic', 'bank_account'] as const;
/** The `contact` object of a create or update body (fields the fake does not keep are accepted and not stored). */
function changeOf(body: Json): ContactChange {
  const contact = body.contact;
  if (!contact || typeof contact !== 'object') throw new MoneybirdError(400, 'contact is missing', { contact: 'missing' });
  const change: Record<string, string | null> = {};
  for (const field of CHANGEABLE) {
    const value = (contact as Json)[field];
    if (value === undefined) continue;
    if (value !== null && typeof value !== 'string') throw new MoneybirdError(422, `${field} is invalid`, {}, { name: field, problem: 'is invalid', code: 'invalid' });
    change[field] = value;
  }
  return change as ContactChange;
}

/** The contact endpoints: by id, by customer id, the searchable list and filter, create and update. */
export function contactRoutes(router: Router, store: MoneybirdStore, base: string, json: Reply, paged: Paged, parse: (req: SandboxRequest) => Json): void {
  const view = (c: Contact) => contactView(c, store.administration.id);
  const contacts = () => [...store.contacts.values()];
  router
    .add('GET', `${base}/contacts/customer_id/:cid`, (_req, { cid }) => {
      const contact = contacts().find((c) => c.customer_id === cid);
      if (!contact) throw new MoneybirdError(404, 'record not found', { customer_id: 'not_found' });
      return json(view(contact));
    })
    .add('GET', `${base}/contacts/filter`, (req) => {
      const matches = filterOf(req.query.get('filter'));
      const query = (req.query.get('query') ?? '').toLowerCase();
      return paged(req, contacts().filter((c) => matches(c) && (!query || filterText(c).includes(query))).map(view));
    })
    .add('GET', `${base}/contacts/:id`, (_req, { id }) => {
      const contact = store.contacts.get(id);
      if (!contact) throw new MoneybirdError(404, 'record not found');
      return json(view(contact));
    })
    .add('PATCH', `${base}/contacts/:id`, (req, { id }) => json(view(store.updateContact(id, changeOf(parse(req))))))
    .add('GET', `${base}/contacts`, (req) => {
      const query = (req.query.get('query') ?? '').toLowerCase();
      return paged(req, contacts().filter((c) => !query || listText(c).includes(query)).map(view));
    })
    .add('POST', `${base}/contacts`, (req) => json(view(store.createContact(changeOf(parse(req)))), 201));
}
