import type { Money } from '../money/money';

export interface CrmInvoice {
  /** The CRM's own id of the invoice, where it has one. */
  id?: string;
  /** The invoice number as the customer sees it, e.g. "INV-2024-0012". */
  number: string;
  /** What is still to be paid (or the total where the CRM does not say). */
  amount: Money;
  state: 'open' | 'late' | 'paid' | 'other';
}

/** A customer account as a CRM holds it: what the engine can match on. */
export interface MatchableAccount {
  id: string;
  name: string;
  /** E-mail addresses known for the account, as the CRM holds them. */
  emails: string[];
  /** The customer IDs the business uses for this account (the configured property). */
  customerIds: string[];
  /** Open invoices, where the CRM knows invoices (Moneybird); absent elsewhere. */
  invoices?: CrmInvoice[];
}

/**
 * What the engine needs from a CRM account: the matching-case shape. A full
 * `CrmAccount` (with its url) fits, and so does an account from a case file.
 */
export type MatchAccount = MatchableAccount & { url?: string };

/** The parts of a Mollie payment the engine reads (GET /v2/payments/{id}), loosely typed so case files fit. */
export interface MatchPaymentInput {
  id?: string;
  amount?: { value?: unknown; currency?: unknown } | null;
  description?: unknown;
  metadata?: unknown;
  customerId?: unknown;
  method?: unknown;
  /** Read for its `email`. */
  billingAddress?: object | null;
  billingEmail?: unknown;
  /** Read for `consumerAccount` (the PayPal payer's e-mail). */
  details?: object | null;
  [key: string]: unknown;
}

/** The parts of a Mollie customer (cst_) the engine reads. */
export interface MatchCustomerInput {
  id?: unknown;
  email?: unknown;
  metadata?: unknown;
}

/** The keys the engine matches on, in priority order. A name is never one of them. */
export type MatchedBy = 'metadata_id' | 'invoice_number' | 'mollie_customer' | 'email';

/** Why no account was chosen. */
export type NoMatchReason = 'none_found' | 'ambiguous' | 'conflict' | 'weak_evidence';

/** One thing the payment says about whose it is, and the accounts it points to. */
export interface Evidence {
  kind: MatchedBy;
  /** Where it was read: "metadata.customerId", "description", "billingAddress.email", "customer.email", ... */
  source: string;
  /** The value as read (trimmed), e.g. "INV-2024-0012" or "jan@example.nl". */
  value: string;
  /** The accounts this evidence points to (ids). */
  accountIds: string[];
  /** How sure this evidence is when it points to exactly one account. */
  confidence: number;
  /**
   * False for evidence that may corroborate or contradict but never decides on
   * its own (an invoice whose amount differs from the payment).
   */
  decisive: boolean;
  /** A short note, e.g. "amount 50.00 EUR differs from the invoice's 121.00 EUR". */
  note?: string;
  /** The CRM holds more accounts with this key than were read: `accountIds` is only part of them. */
  incomplete?: boolean;
}

export interface Candidate {
  id: string;
  name: string;
  /** The evidence kinds that point to this account. */
  pointedToBy: MatchedBy[];
}

export interface MatchResult {
  /** The account, or null when none can be chosen with certainty. */
  accountId: string | null;
  /** The deciding key; null when there is no match. */
  matchedBy: MatchedBy | null;
  /** 0 when there is no match; otherwise the deciding key's confidence (0.7 … 1). */
  confidence: number;
  /** Why there is no match; null on a match. */
  reason: NoMatchReason | null;
  /** One plain sentence for people (shown in Zaps and the review step). */
  explanation: string;
  /** Every account some evidence pointed to. */
  candidates: Candidate[];
  /** All evidence found, including evidence that pointed to no account. */
  evidence: Evidence[];
}

export interface MatchOptions {
  /** Metadata keys holding the CRM's customer ID or account id (compared without case, "_", "-"). */
  metadataIdKeys?: string[];
  /** Metadata keys holding an invoice number. */
  metadataInvoiceKeys?: string[];
  /** Metadata keys holding an e-mail address. */
  metadataEmailKeys?: string[];
  /**
   * Patterns finding invoice numbers in the description (and in string
   * metadata). Each needs one capture group: the number as written.
   */
  invoicePatterns?: RegExp[];
  /** Whether "jan+shop@x.nl" may stand for "jan@x.nl" (a weaker e-mail key). Default true. */
  plusAddressing?: boolean;
  /** Matches below this confidence are refused. Default 0.7. */
  minConfidence?: number;
  /**
   * Keys (e-mails normalised, ids trimmed, as in the candidate query) for
   * which the CRM holds more accounts than were read. Such a key never
   * decides, and never narrows on its own.
   */
  incompleteKeys?: Iterable<string>;
}

/** Everything a payment says about whose it is: the matching engine decides among the accounts found. */
export interface CandidateQuery {
  emails: string[];
  customerIds: string[];
  invoiceNumbers: string[];
  /** Read at most this many accounts per key (an e-mail shared by 60 accounts needs no 60 reads to be ambiguous). */
  maxPerKey?: number;
  /** Filled by the adapter: the keys (as given) with more accounts in the CRM than were read. */
  incomplete?: Set<string>;
}
