import { isValidIBAN, electronicFormatIBAN } from 'ibantools';
import type { SandboxResponse } from '../http';
import type { MollieStore } from './store';
import type { Customer, Mandate, Mode } from './types';
import * as views from './views';

/** What the create-mandate call takes (its consumer fields are write-only: the answer shows them under `details`). */
export interface MandateInput {
  method: Mandate['method'];
  consumerName: string;
  /** The IBAN for a direct debit mandate; the PayPal e-mail address for a PayPal one. */
  consumerAccount: string;
  consumerBic?: string | null;
  signatureDate?: string | null;
  mandateReference?: string | null;
}

/** A customer's fields as the create and update calls take them. */
export interface CustomerChange {
  name?: string | null;
  email?: string | null;
  locale?: string | null;
  metadata?: unknown;
}

/** Refused input: the detail and field of Mollie's 422 answer. */
export class Invalid extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const METADATA_LIMIT = 1024;
const LOCALES = /^[a-z]{2}_[A-Z]{2}$/;
const isText = (value: unknown): value is string => typeof value === 'string';
const textOrNull = (value: unknown) => value === null || isText(value);

/**
 * Checks the fields of a create or update call. Metadata is one value that Mollie stores as given
 * ("we will save the data alongside the entity"), up to about 1 kB.
 */
export function checkCustomerChange(body: Record<string, unknown>): CustomerChange {
  const change: CustomerChange = {};
  for (const field of ['name', 'email', 'locale'] as const) {
    if (!(field in body)) continue;
    if (!textOrNull(body[field])) throw new Invalid(`The ${field} must be a string or null.`, field);
    change[field] = body[field] as string | null;
  }
  if (isText(change.email) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(change.email)) throw new Invalid('The email address is invalid.', 'email');
  if (isText(change.locale) && !LOCALES.test(change.locale)) throw new Invalid('The locale is invalid.', 'locale');
  if ('metadata' in body) {
    if (JSON.stringify(body.metadata ?? null).length > METADATA_LIMIT) throw new Invalid(`The metadata is too large: at most ${METADATA_LIMIT} bytes.`, 'metadata');
    change.metadata = body.metadata ?? null;
  }
  return change;
}

/** Updates what the call names; what it leaves out stays. Metadata given is the new metadata, whole (Mollie merges nothing). */
export function updateCustomer(customer: Customer, change: CustomerChange): Customer {
  if (change.name !== undefined) customer.name = change.name;
  if (change.email !== undefined) customer.email = change.email;
  if (change.locale !== undefined) customer.locale = change.locale;
  if (change.metadata !== undefined) customer.metadata = change.metadata;
  return customer;
}

/** Checks a create-mandate body: a direct debit needs a valid IBAN, a PayPal mandate the payer's e-mail address. */
export function checkMandateInput(body: Record<string, unknown>): MandateInput {
  const { method, consumerName, consumerAccount, consumerEmail } = body;
  if (method !== 'directdebit' && method !== 'paypal') throw new Invalid('The method must be directdebit or paypal.', 'method');
  if (!isText(consumerName) || !consumerName.trim()) throw new Invalid('The consumer name is required.', 'consumerName');
  const account = method === 'paypal' ? consumerEmail : consumerAccount;
  if (method === 'directdebit' && !(isText(account) && isValidIBAN(electronicFormatIBAN(account) ?? ''))) throw new Invalid('The consumer account must be a valid IBAN.', 'consumerAccount');
  if (method === 'paypal' && !(isText(account) && account.includes('@'))) throw new Invalid('The consumer email is required for PayPal mandates.', 'consumerEmail');
  for (const field of ['consumerBic', 'signatureDate', 'mandateReference']) if (!textOrNull(body[field] ?? null)) throw new Invalid(`The ${field} must be a string.`, field);
  if (isText(body.signatureDate) && !/^\d{4}-\d{2}-\d{2}$/.test(body.signatureDate)) throw new Invalid('The signature date must be in YYYY-MM-DD format.', 'signatureDate');
  return {
    method,
    consumerName,
    consumerAccount: method === 'directdebit' ? electronicFormatIBAN(account as string)! : (account as string),
    consumerBic: (body.consumerBic ?? null) as string | null,
    signatureDate: (body.signatureDate ?? null) as string | null,
    mandateReference: (body.mandateReference ?? null) as string | null,
  };
}

/** Adds a valid mandate to a customer (signed today unless told). */
export function addMandate(store: MollieStore, customer: Customer, input: MandateInput): Mandate {
  const mandate: Mandate = {
    id: store.newId('mdt_'),
    mode: customer.mode,
    customerId: customer.id,
    createdAt: store.clock.now(),
    method: input.method,
    status: 'valid',
    consumerName: input.consumerName,
    consumerAccount: input.consumerAccount,
    consumerBic: input.consumerBic ?? null,
    signatureDate: input.signatureDate ?? store.clock.now().toISOString().slice(0, 10),
    mandateReference: input.mandateReference ?? null,
  };
  store.mandates.set(mandate.id, mandate);
  return mandate;
}

interface Ctx {
  params: Record<string, string>;
  caller: { mode: Mode };
  body: Record<string, unknown>;
  base: string;
}
type On = (method: string, path: string, auth: 'any', needsProfile: boolean, fn: (ctx: Ctx) => SandboxResponse) => void;
type Page = <T extends { id: string; createdAt: Date }>(ctx: Ctx, items: T[], key: string, render: (item: T) => views.Json) => SandboxResponse;
type Find = <T extends { mode: Mode }>(map: Map<string, T>, id: string, caller: Ctx['caller'], noun: string) => T;
type Reply = (body: views.Json, status?: number) => SandboxResponse;

/** The customers and mandates endpoints (API keys and tokens alike, as the spec's security lists). */
export function customerRoutes(store: MollieStore, on: On, page: Page, find: Find, ok: Reply): void {
  const orgId = store.organization.id;
  const customer = (c: Customer, base: string) =>
    views.customerView(c, base, orgId, {
      payments: [...store.payments.values()].some((p) => p.customerId === c.id),
      mandates: [...store.mandates.values()].some((m) => m.customerId === c.id),
    });
  const ofCustomer = (ctx: Ctx) => find(store.customers, ctx.params.id, ctx.caller, 'customer');

  on('GET', '/v2/customers', 'any', false, (ctx) =>
    page(ctx, [...store.customers.values()].filter((c) => c.mode === ctx.caller.mode), 'customers', (c) => customer(c, ctx.base)),
  );
  on('POST', '/v2/customers', 'any', false, (ctx) => {
    const created = store.createCustomer({ ...checkCustomerChange(ctx.body), mode: ctx.caller.mode });
    return ok(customer(created, ctx.base), 201);
  });
  on('GET', '/v2/customers/:id', 'any', false, (ctx) => ok(customer(ofCustomer(ctx), ctx.base)));
  on('PATCH', '/v2/customers/:id', 'any', false, (ctx) => ok(customer(updateCustomer(ofCustomer(ctx), checkCustomerChange(ctx.body)), ctx.base)));
  on('GET', '/v2/customers/:id/payments', 'any', false, (ctx) => {
    const c = ofCustomer(ctx);
    return page(ctx, [...store.payments.values()].filter((p) => p.customerId === c.id), 'payments', (p) => views.paymentView(p, ctx.base, orgId));
  });
  on('GET', '/v2/customers/:id/mandates', 'any', false, (ctx) => {
    const c = ofCustomer(ctx);
    return page(ctx, [...store.mandates.values()].filter((m) => m.customerId === c.id), 'mandates', (m) => views.mandateView(m, ctx.base));
  });
  on('POST', '/v2/customers/:id/mandates', 'any', false, (ctx) => ok(views.mandateView(addMandate(store, ofCustomer(ctx), checkMandateInput(ctx.body)), ctx.base), 201));
  on('GET', '/v2/customers/:id/mandates/:mandateId', 'any', false, (ctx) => {
    const c = ofCustomer(ctx);
    const own = new Map([...store.mandates].filter(([, m]) => m.customerId === c.id));
    return ok(views.mandateView(find(own, ctx.params.mandateId, ctx.caller, 'mandate'), ctx.base));
  });
}
