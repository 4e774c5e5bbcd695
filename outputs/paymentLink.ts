/** A payment link: one shape wherever it comes out (Payment Link Paid, Create and Find Payment Link for Invoice). */
import { listed, paymentFacts } from '../mollie/paymentFacts';
import type { MolliePaymentLink } from '../mollie/types';
import {
  asEventOutput,
  asRecord,
  text,
  type Loose,
  type NormalizedPayment,
  type OutputField,
} from './fields';

export type PaymentLinkStatus = 'open' | 'paid' | 'expired' | 'archived';

export const paymentLinkStatus = (
  link: Pick<MolliePaymentLink, 'paidAt' | 'archived' | 'expiresAt'>,
  now = Date.now(),
): PaymentLinkStatus => {
  if (link.paidAt) return 'paid';
  if (link.archived) return 'archived';
  if (link.expiresAt && Date.parse(link.expiresAt) <= now) return 'expired';
  return 'open';
};

/**
 * One shape for a payment link, wherever it comes out (Payment Link Paid, Create and Find Payment Link).
 * A payment made through a link carries the link's description and nothing else of it, so the link's
 * invoice numbers are its description's one reading: a link shows the invoice numbers its payment shows,
 * whether this app or the Mollie dashboard made it.
 */
export const normalizePaymentLink = (link: MolliePaymentLink, now = Date.now()): NormalizedPayment => {
  const loose = link as unknown as Loose;
  const amount = asRecord(loose.amount);
  const status = paymentLinkStatus(link, now);
  const facts = paymentFacts({ description: link.description });
  return {
    id: link.id,
    payment_link_id: link.id,
    url: text(asRecord(asRecord(loose._links)?.paymentLink)?.href),
    invoice_number: facts.invoiceNumber ?? null,
    invoice_numbers: listed(facts.invoiceNumbers) || null,
    description: text(link.description),
    amount_value: text(amount?.value),
    amount_currency: text(amount?.currency),
    status,
    paid: status === 'paid',
    paid_at: text(loose.paidAt),
    expires_at: text(loose.expiresAt),
    created_at: text(loose.createdAt),
    redirect_url: text(loose.redirectUrl),
    allowed_methods: Array.isArray(loose.allowedMethods) ? loose.allowedMethods.join(',') : '',
    mode: text(loose.mode),
    profile_id: text(loose.profileId),
  };
};

const paymentLinkOutputFields: OutputField[] = [
  { key: 'id', label: 'ID' },
  { key: 'payment_link_id', label: 'Payment link ID (pl_…)' },
  { key: 'url', label: 'Payment link URL (send this to the payer)' },
  { key: 'invoice_number', label: 'Invoice number' },
  { key: 'invoice_numbers', label: 'Invoice numbers (every invoice the description names, comma-separated)' },
  { key: 'description', label: 'Description' },
  { key: 'amount_value', label: 'Amount' },
  { key: 'amount_currency', label: 'Currency' },
  { key: 'status', label: 'Status (open, paid, expired, archived)' },
  { key: 'paid', label: 'Paid', type: 'boolean' },
  { key: 'paid_at', label: 'Paid at', type: 'datetime' },
  { key: 'expires_at', label: 'Expires at', type: 'datetime' },
  { key: 'created_at', label: 'Created at', type: 'datetime' },
  { key: 'redirect_url', label: 'Redirect URL' },
  { key: 'allowed_methods', label: 'Allowed payment methods' },
  { key: 'mode', label: 'Mode (test or live)' },
  { key: 'profile_id', label: 'Mollie profile ID (pfl_…)' },
];

const paymentLinkSample: NormalizedPayment = {
  id: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
  payment_link_id: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
  url: 'https://payment-links.mollie.com/payment/4Y0eZitmBnQ6IDoMqZQKh',
  invoice_number: 'INV-2026-00042',
  invoice_numbers: 'INV-2026-00042',
  description: 'Invoice INV-2026-00042 - Website maintenance, October',
  amount_value: '121.00',
  amount_currency: 'EUR',
  status: 'paid',
  paid: true,
  paid_at: '2026-11-04T16:20:00+00:00',
  expires_at: null,
  created_at: '2026-11-02T09:00:00+00:00',
  redirect_url: 'https://example.com/thank-you',
  allowed_methods: 'ideal,creditcard',
  mode: 'live',
  profile_id: 'pfl_QkEhN94Ba',
};
export const paymentLinkEventOutputFields = asEventOutput(
  paymentLinkOutputFields,
  'pl_4Y0eZitmBnQ6IDoMqZQKh:paid',
  'Payment link ID',
);

/** A payment link as Create and Find Payment Link for Invoice give it: the link, plus how it was found. */
export type PaymentLinkOutput = NormalizedPayment & {
  /** The CRM account this link was made for, when known (given at creation, remembered 30 days). */
  crm_account_id: string | null;
  /** created: a new link; existing: the link this invoice already had. */
  outcome: 'created' | 'existing';
  /** The unpaid link this one replaces because it had expired or was archived; null otherwise. */
  replaces: string | null;
};

export const invoiceLinkOutput = (
  link: MolliePaymentLink,
  extra: { outcome: PaymentLinkOutput['outcome']; crmAccountId?: string | null; replaces?: string | null },
  now = Date.now(),
): PaymentLinkOutput => ({
  ...normalizePaymentLink(link, now),
  crm_account_id: extra.crmAccountId ?? null,
  outcome: extra.outcome,
  replaces: extra.replaces ?? null,
});

export const invoiceLinkOutputFields: OutputField[] = [
  ...paymentLinkOutputFields,
  { key: 'crm_account_id', label: 'CRM account ID' },
  { key: 'outcome', label: 'Outcome (created or existing)' },
  { key: 'replaces', label: 'Replaces expired or archived link ID' },
];

export const createdLinkSample: PaymentLinkOutput = {
  ...paymentLinkSample,
  status: 'open',
  paid: false,
  paid_at: null,
  crm_account_id: '18294620',
  outcome: 'created',
  replaces: null,
};
export const existingLinkSample: PaymentLinkOutput = { ...createdLinkSample, outcome: 'existing' };
export const paidLinkSample: NormalizedPayment = {
  ...paymentLinkSample,
  id: 'pl_4Y0eZitmBnQ6IDoMqZQKh:paid',
};
