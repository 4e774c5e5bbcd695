import { toApi, type Money } from './money';
import type { Chargeback, Customer, Mandate, Mode, Organization, Payment, PaymentLink, Profile, Refund, Webhook } from './types';

/** JSON object as sent on the wire. */
export type Json = Record<string, unknown>;

const DOCS = 'https://docs.mollie.com/reference';
const DASHBOARD = 'https://my.mollie.com/dashboard';

export const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
const isoOrNull = (d: Date | null): string | null => (d ? iso(d) : null);
export const link = (href: string, type = 'application/hal+json') => ({ href, type });
export const docs = (page = '') => link(`${DOCS}/${page}`, 'text/html');

export function paymentView(p: Payment, base: string, orgId: string): Json {
  const out: Json = {
    resource: 'payment',
    id: p.id,
    mode: p.mode,
    createdAt: iso(p.createdAt),
    amount: toApi(p.amount),
    description: p.description,
    method: p.method,
    metadata: p.metadata,
    status: p.status,
    isCancelable: p.status === 'open' && p.method === 'banktransfer',
    profileId: p.profileId,
    sequenceType: p.mandateId ? 'recurring' : 'oneoff',
    redirectUrl: p.redirectUrl,
    webhookUrl: p.webhookUrl,
  };
  if (p.customerId) out.customerId = p.customerId;
  if (p.mandateId) out.mandateId = p.mandateId;
  if (p.billingAddress) out.billingAddress = p.billingAddress;
  if (p.details) out.details = p.details;
  if ((p.status === 'open' || p.status === 'pending') && p.expiresAt) out.expiresAt = iso(p.expiresAt);
  const times = { paidAt: p.paidAt, failedAt: p.failedAt, canceledAt: p.canceledAt, expiredAt: p.expiredAt };
  for (const [key, value] of Object.entries(times)) if (value) out[key] = iso(value);
  const money = (minor: number): Money => ({ currency: p.amount.currency, minor });
  if (p.status === 'paid') {
    out.amountRefunded = toApi(money(p.refundedMinor));
    out.amountRemaining = toApi(money(Math.max(0, p.amount.minor - p.refundedMinor - p.chargedBackMinor)));
  }
  if (p.chargedBackMinor > 0) out.amountChargedBack = toApi(money(p.chargedBackMinor));
  const self = `${base}/v2/payments/${p.id}`;
  const links: Json = {
    self: link(self),
    dashboard: link(`${DASHBOARD}/${orgId}/payments/${p.id}`, 'text/html'),
    documentation: docs('get-payment'),
  };
  if (p.status === 'open') links.checkout = link(`https://www.mollie.com/checkout/select-method/${p.id.slice(3)}`, 'text/html');
  if (p.refundedMinor > 0) links.refunds = link(`${self}/refunds`);
  if (p.chargedBackMinor > 0) links.chargebacks = link(`${self}/chargebacks`);
  if (p.customerId) links.customer = link(`${base}/v2/customers/${p.customerId}`);
  if (p.mandateId) links.mandate = link(`${base}/v2/customers/${p.customerId}/mandates/${p.mandateId}`);
  out._links = links;
  return out;
}

export function refundView(r: Refund, base: string): Json {
  const payment = `${base}/v2/payments/${r.paymentId}`;
  return {
    resource: 'refund',
    id: r.id,
    mode: r.mode,
    amount: toApi(r.amount),
    status: r.status,
    createdAt: iso(r.createdAt),
    description: r.description,
    metadata: r.metadata,
    paymentId: r.paymentId,
    _links: { self: link(`${payment}/refunds/${r.id}`), payment: link(payment), documentation: docs('get-refund') },
  };
}

export function chargebackView(c: Chargeback, base: string): Json {
  const payment = `${base}/v2/payments/${c.paymentId}`;
  return {
    resource: 'chargeback',
    id: c.id,
    amount: toApi(c.amount),
    createdAt: iso(c.createdAt),
    reason: c.reason,
    reversedAt: isoOrNull(c.reversedAt),
    paymentId: c.paymentId,
    _links: { self: link(`${payment}/chargebacks/${c.id}`), payment: link(payment), documentation: docs('get-chargeback') },
  };
}

export function paymentLinkView(l: PaymentLink, base: string): Json {
  return {
    resource: 'payment-link',
    id: l.id,
    mode: l.mode,
    description: l.description,
    amount: l.amount ? toApi(l.amount) : null,
    minimumAmount: l.minimumAmount ? toApi(l.minimumAmount) : null,
    archived: l.archived,
    redirectUrl: l.redirectUrl,
    webhookUrl: l.webhookUrl,
    profileId: l.profileId,
    reusable: l.reusable,
    createdAt: iso(l.createdAt),
    paidAt: isoOrNull(l.paidAt),
    expiresAt: isoOrNull(l.expiresAt),
    allowedMethods: l.allowedMethods,
    sequenceType: 'oneoff',
    _links: {
      self: link(`${base}/v2/payment-links/${l.id}`),
      paymentLink: link(`https://payment-links.mollie.com/payment/${l.id.slice(3)}`, 'text/html'),
      documentation: docs('get-payment-link'),
    },
  };
}

/** What a customer has, which its `_links` name only when there is some ("omitted if no such … exist (yet)"). */
export interface CustomerHoldings {
  payments: boolean;
  mandates: boolean;
}

export function customerView(c: Customer, base: string, orgId: string, holds: CustomerHoldings = { payments: false, mandates: false }): Json {
  const self = `${base}/v2/customers/${c.id}`;
  const links: Json = { self: link(self), dashboard: link(`${DASHBOARD}/${orgId}/customers/${c.id}`, 'text/html') };
  if (holds.payments) links.payments = link(`${self}/payments`);
  if (holds.mandates) links.mandates = link(`${self}/mandates`);
  links.documentation = docs('get-customer');
  return {
    resource: 'customer',
    id: c.id,
    mode: c.mode,
    name: c.name,
    email: c.email,
    locale: c.locale,
    metadata: c.metadata,
    createdAt: iso(c.createdAt),
    _links: links,
  };
}

/** A mandate as Mollie shows it: the payer's account under `details` (the create call's consumer fields are write-only). */
export function mandateView(m: Mandate, base: string): Json {
  const customer = `${base}/v2/customers/${m.customerId}`;
  const details =
    m.method === 'directdebit'
      ? { consumerName: m.consumerName, consumerAccount: m.consumerAccount, consumerBic: m.consumerBic }
      : { consumerName: m.consumerName, consumerAccount: m.consumerAccount };
  return {
    resource: 'mandate',
    id: m.id,
    mode: m.mode,
    status: m.status,
    method: m.method,
    details,
    mandateReference: m.mandateReference,
    signatureDate: m.signatureDate,
    customerId: m.customerId,
    createdAt: iso(m.createdAt),
    _links: { self: link(`${customer}/mandates/${m.id}`), customer: link(customer), documentation: docs('get-mandate') },
  };
}

export function profileView(p: Profile, mode: Mode, base: string, orgId: string): Json {
  return {
    resource: 'profile',
    id: p.id,
    mode,
    name: p.name,
    website: p.website,
    email: p.email,
    phone: p.phone,
    businessCategory: 'OTHER_MERCHANDISE',
    status: 'verified',
    createdAt: iso(p.createdAt),
    _links: {
      self: link(`${base}/v2/profiles/${p.id}`),
      dashboard: link(`${DASHBOARD}/${orgId}/settings/profiles/${p.id}`, 'text/html'),
      payments: link(`${base}/v2/payments?profileId=${p.id}`),
      documentation: docs('get-profile'),
    },
  };
}

export function organizationView(o: Organization, base: string): Json {
  return {
    resource: 'organization',
    id: o.id,
    name: o.name,
    email: o.email,
    locale: 'nl_NL',
    address: { streetAndNumber: 'Keizersgracht 126', postalCode: '1015 CW', city: 'Amsterdam', country: 'NL' },
    registrationNumber: '30204462',
    vatNumber: 'NL815839091B01',
    _links: {
      self: link(`${base}/v2/organizations/${o.id}`),
      dashboard: link(`${DASHBOARD}/${o.id}`, 'text/html'),
      documentation: docs('get-organization'),
    },
  };
}

export function webhookView(w: Webhook, base: string, withSecret = false): Json {
  return {
    resource: 'webhook',
    id: w.id,
    url: w.url,
    profileId: null,
    createdAt: iso(w.createdAt),
    name: w.name,
    eventTypes: w.eventTypes,
    status: 'enabled',
    mode: w.mode,
    ...(withSecret ? { webhookSecret: w.secret } : {}),
    _links: { self: link(`${base}/v2/webhooks/${w.id}`), documentation: docs('get-webhook') },
  };
}

const METHOD_NAMES: Record<string, string> = {
  ideal: 'iDEAL',
  creditcard: 'Card',
  banktransfer: 'Bank transfer',
  directdebit: 'SEPA Direct Debit',
  paypal: 'PayPal',
};

export function methodView(id: string, base: string): Json {
  const image = `https://www.mollie.com/external/icons/payment-methods/${id}`;
  return {
    resource: 'method',
    id,
    description: METHOD_NAMES[id] ?? id,
    minimumAmount: { value: '0.01', currency: 'EUR' },
    maximumAmount: { value: '50000.00', currency: 'EUR' },
    image: { size1x: `${image}.png`, size2x: `${image}%402x.png`, svg: `${image}.svg` },
    status: 'activated',
    _links: { self: link(`${base}/v2/methods/${id}`) },
  };
}
