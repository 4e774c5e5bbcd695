import type { Money } from '../mollie/money';

/**
 * What every CRM offers the operations. Operations never branch on the CRM:
 * they ask `crmAdapter(z, bundle)` and call this interface.
 */
export type CrmName = 'hubspot' | 'moneybird' | 'pipedrive';

export interface CrmAccountIdentity {
  /** A readable name of the CRM account the token belongs to (never the token). */
  name: string;
}

export interface CrmInvoice {
  /** The CRM's own id of the invoice, where it has one. */
  id?: string;
  /** The invoice number as the customer sees it, e.g. "INV-2024-0012". */
  number: string;
  /** What is still to be paid (or the total where the CRM does not say). */
  amount: Money;
  state: 'open' | 'late' | 'paid' | 'other';
}

/** A customer account in the CRM (HubSpot company or contact, Moneybird contact, Pipedrive organization). */
export interface CrmAccount {
  id: string;
  name: string;
  /** E-mail addresses known for the account, as the CRM holds them. */
  emails: string[];
  /** The customer IDs the business uses for this account (the configured property). */
  customerIds: string[];
  /** Open invoices, where the CRM knows invoices (Moneybird); absent elsewhere. */
  invoices?: CrmInvoice[];
  /** The account in the CRM's web UI. */
  url: string;
}

export interface NewAccount {
  name: string;
  email?: string;
  customerId?: string;
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

/** What the record says happened to the payment, derived from the Mollie payment (crm/status.ts). */
export type RecordStatus = 'paid' | 'partially refunded' | 'refunded' | 'charged back' | 'failed' | 'canceled' | 'expired' | 'open';

export interface PaymentRecordInput {
  molliePaymentId: string;
  accountId?: string;
  invoiceNumber?: string;
  amount: Money;
  amountRefunded: Money;
  /** What was charged back (zero when nothing was). */
  amountChargedBack: Money;
  status: RecordStatus;
  description: string;
  method?: string;
  paidAt?: string;
  /** Where the record goes, for CRMs with pipelines (HubSpot, Pipedrive). */
  pipelineId?: string;
  stageId?: string;
  /** The customer ID the payment's metadata names: Moneybird refuses to book when it belongs to another contact than the invoice's. */
  metadataCustomerId?: string;
}

/** How to find a payment record: the Mollie id, plus where the CRM keeps it (Moneybird: the invoice). */
export interface PaymentRecordQuery {
  molliePaymentId: string;
  invoiceNumber?: string;
  accountId?: string;
}

export interface PaymentRecord {
  id: string;
  molliePaymentId: string;
  accountId?: string;
  invoiceNumber?: string;
  amount: Money;
  amountRefunded: Money;
  status: RecordStatus;
  /** The record in the CRM's web UI. */
  url: string;
}

export interface UpsertResult extends PaymentRecord {
  outcome: 'created' | 'updated' | 'unchanged';
}

export interface DropdownOption {
  id: string;
  label: string;
}

export interface CrmAdapter {
  readonly crm: CrmName;
  /** Checks the token and names the account it belongs to. */
  whoAmI(): Promise<CrmAccountIdentity>;
  /** Accounts whose e-mail is this one (trimmed, case-insensitive); several when the e-mail is shared. */
  findAccountsByEmail(email: string): Promise<CrmAccount[]>;
  /** Accounts carrying this customer ID (normally one). */
  findAccountsByCustomerId(customerId: string): Promise<CrmAccount[]>;
  /** All accounts any of these keys point to, in as few requests as the CRM allows. */
  findCandidates(query: CandidateQuery): Promise<CrmAccount[]>;
  createAccount(account: NewAccount): Promise<CrmAccount>;
  /** The record of this Mollie payment, or null. Reads it directly (never through an eventually consistent search alone). */
  findPaymentRecord(query: PaymentRecordQuery): Promise<PaymentRecord | null>;
  /** Creates or updates the record for this Mollie payment; never a second one. */
  upsertPaymentRecord(input: PaymentRecordInput): Promise<UpsertResult>;
  /** Options for dropdowns (pipelines, stages, properties); [] where the CRM has none. */
  listOptions(kind: 'pipelines' | 'stages' | 'properties', parentId?: string): Promise<DropdownOption[]>;
}
