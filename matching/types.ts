/**
 * The engine's own types: what it reads (a Mollie payment, its customer and
 * mandates, loosely typed so case files and API objects both fit), what it
 * matches against (CRM accounts and their invoices) and what it answers.
 * matching/ is the ground floor: nothing here comes from crm/, mollie/ or http/;
 * crm/adapter.ts builds its account and query types on these.
 */
import type { MatchMoney } from './amounts';

export type { MatchMoney } from './amounts';

/** An invoice the CRM holds for an account. */
export interface CrmInvoice {
  /** The CRM's own id of the invoice, where it has one. */
  id?: string;
  /** The invoice number as the customer sees it, e.g. "INV-2024-0012". */
  number: string;
  /** What is still to be paid (or the total where the CRM does not say). */
  amount: MatchMoney;
  state: 'open' | 'late' | 'paid' | 'other';
}

/** A customer account as a CRM holds it: what the engine can match on (crm/adapter.ts extends it). */
export interface MatchableAccount {
  id: string;
  name: string;
  /** E-mail addresses as the CRM holds them (any form: compared after extraction, matching/emails.ts). */
  emails: string[];
  /** The customer IDs the business uses for this account (and Mollie customer ids the CRM keeps). */
  customerIds: string[];
  /** Open invoices, where the CRM knows invoices (Moneybird); absent elsewhere. */
  invoices?: CrmInvoice[];
  /** The account's bank accounts (IBANs, any spacing or case), where the CRM holds them (Moneybird's sepa_iban; a chosen property elsewhere). */
  ibans?: string[];
}

/** What the engine matches against: a CRM adapter's account (with its url) fits, and so does one from a case file. */
export type MatchAccount = MatchableAccount & { url?: string };

/** Everything a payment says about whose it is: what to ask the CRM for (one `findCandidates` call). */
export interface CandidateQuery {
  /** E-mail addresses in comparable form (lower case, IDNA domain), plus each mailbox without its +tag. */
  emails: string[];
  customerIds: string[];
  /** Invoice numbers as written, plus the number part of a reference written with a word. */
  invoiceNumbers: string[];
  /** The payer's IBANs in electronic form; absent where a caller has none to ask for. */
  ibans?: string[];
  /** Read at most this many accounts per key (an e-mail shared by 60 accounts needs no 60 reads to be ambiguous). */
  maxPerKey?: number;
  /** Filled by the adapter: the keys (as given) with more accounts in the CRM than were read. */
  incomplete?: Set<string>;
}

/** The parts of a Mollie payment (GET /v2/payments/{id}) the reading uses, loosely typed so case files fit. */
export interface MatchPaymentInput {
  id?: string;
  amount?: { value?: unknown; currency?: unknown } | null;
  description?: unknown;
  metadata?: unknown;
  customerId?: unknown;
  mandateId?: unknown;
  method?: unknown;
  /** Read for its `email`. */
  billingAddress?: object | null;
  billingEmail?: unknown;
  /** Read for `consumerAccount` (the payer's IBAN, or PayPal's payer e-mail), `consumerName`, `billingEmail`. */
  details?: object | null;
  [key: string]: unknown;
}

/** The parts of a Mollie customer (cst_) the reading uses. */
export interface MatchCustomerInput {
  id?: unknown;
  name?: unknown;
  email?: unknown;
  metadata?: unknown;
}

/** The parts of a Mollie mandate (mdt_) the reading uses: `details.consumerAccount` is the payer's IBAN. */
export interface MatchMandateInput {
  id?: unknown;
  method?: unknown;
  status?: unknown;
  details?: object | null;
}

/** The keys the engine matches on, in priority order. A name is never one of them. */
export type MatchedBy = 'metadata_id' | 'invoice_number' | 'mollie_customer' | 'iban' | 'email';

/** Why no account was chosen. */
export type NoMatchReason = 'none_found' | 'ambiguous' | 'conflict' | 'weak_evidence';

/** One thing the payment says about whose it is, and the accounts it points to. */
export interface Evidence {
  kind: MatchedBy;
  /** Where it was read: "metadata.customerId", "description", "billingAddress.email", "customer.metadata.crmId", "details.consumerAccount", ... */
  source: string;
  /** The value as read (trimmed), e.g. "INV-2024-0012", "jan@example.nl" or "NL91ABNA0417164300". */
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
  /** A customer ID an earlier "Link Payment to CRM Account" wrote into the Mollie customer: the payment (tr_…) linked then. */
  linkedFrom?: string;
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

/** Metadata keys of the business's own, added to the built-in vocabulary (compared folded: case, "_", "-" ignored). */
export interface ReadingKeys {
  /** Keys holding the CRM's customer ID or account id. */
  metadataIdKeys?: string[];
  /** Keys holding invoice numbers. */
  metadataInvoiceKeys?: string[];
  /** Keys holding e-mail addresses. */
  metadataEmailKeys?: string[];
}

export interface MatchOptions extends ReadingKeys {
  /** The payer's Mollie mandates (their `details.consumerAccount` is an IBAN key). */
  mandates?: MatchMandateInput[];
  /** Whether "jan+shop@x.nl" may stand for "jan@x.nl" (a weaker e-mail key). Default true. */
  plusAddressing?: boolean;
  /** Matches below this confidence are refused. Default 0.7. */
  minConfidence?: number;
  /**
   * Keys (as in the candidate query) for which the CRM holds more accounts
   * than were read. Such a key never decides, and never narrows on its own.
   */
  incompleteKeys?: Iterable<string>;
}
