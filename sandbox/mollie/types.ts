import type { Money } from './money';

export type Mode = 'test' | 'live';
export type PaymentStatus = 'open' | 'pending' | 'authorized' | 'paid' | 'canceled' | 'expired' | 'failed';
export type RefundStatus = 'queued' | 'pending' | 'processing' | 'refunded' | 'failed' | 'canceled';
export type Method = 'ideal' | 'creditcard' | 'banktransfer' | 'directdebit' | 'paypal';
export const METHODS: readonly Method[] = ['ideal', 'creditcard', 'banktransfer', 'directdebit', 'paypal'];
export const FINAL_STATUSES: readonly PaymentStatus[] = ['paid', 'canceled', 'expired', 'failed'];

export type Details = Record<string, string | null>;
/** The person paying and their account (an IBAN; a PayPal e-mail address), as Mollie reports it under `details`. */
export interface Payer {
  name: string;
  account: string;
  bic?: string | null;
}
export type Address = Record<string, string>;

export interface Payment {
  id: string;
  mode: Mode;
  profileId: string;
  createdAt: Date;
  status: PaymentStatus;
  amount: Money;
  description: string;
  method: Method | null;
  metadata: unknown;
  customerId: string | null;
  /** The mandate a direct debit was collected on (its payer's account). */
  mandateId: string | null;
  /** Internal only: who pays, shown under `details` once paid. */
  payer: Payer | null;
  billingAddress: Address | null;
  details: Details | null;
  redirectUrl: string | null;
  webhookUrl: string | null;
  expiresAt: Date | null;
  paidAt: Date | null;
  failedAt: Date | null;
  canceledAt: Date | null;
  expiredAt: Date | null;
  refundedMinor: number;
  chargedBackMinor: number;
  /** Internal only: never rendered, as real Mollie has no back-reference. */
  paymentLinkId: string | null;
}

export interface Refund {
  id: string;
  mode: Mode;
  profileId: string;
  paymentId: string;
  createdAt: Date;
  amount: Money;
  description: string;
  metadata: unknown;
  status: RefundStatus;
}

export interface Chargeback {
  id: string;
  mode: Mode;
  profileId: string;
  paymentId: string;
  createdAt: Date;
  amount: Money;
  reason: { code: string; description: string } | null;
  reversedAt: Date | null;
}

export interface PaymentLink {
  id: string;
  mode: Mode;
  profileId: string;
  createdAt: Date;
  description: string;
  amount: Money | null;
  minimumAmount: Money | null;
  archived: boolean;
  reusable: boolean;
  redirectUrl: string | null;
  webhookUrl: string | null;
  expiresAt: Date | null;
  allowedMethods: string[] | null;
  paidAt: Date | null;
}

export interface Customer {
  id: string;
  mode: Mode;
  createdAt: Date;
  name: string | null;
  email: string | null;
  locale: string | null;
  metadata: unknown;
}

/** A customer's mandate: SEPA Direct Debit (an IBAN) or PayPal (an e-mail address), as the create-mandate call takes them. */
export interface Mandate {
  id: string;
  mode: Mode;
  customerId: string;
  createdAt: Date;
  method: 'directdebit' | 'paypal';
  status: 'valid' | 'pending' | 'invalid';
  consumerName: string;
  /** The IBAN (direct debit) or the PayPal e-mail address. */
  consumerAccount: string;
  consumerBic: string | null;
  signatureDate: string | null;
  mandateReference: string | null;
}

export interface Webhook {
  id: string;
  mode: Mode;
  createdAt: Date;
  name: string;
  url: string;
  eventTypes: string[];
  secret: string;
}

export interface Profile {
  id: string;
  name: string;
  website: string;
  email: string;
  phone: string;
  createdAt: Date;
}

export interface Organization {
  id: string;
  name: string;
  email: string;
}
