import type { Money } from '../money/money';
import type { CandidateQuery, MatchableAccount } from '../matching/types';
import type { CrmName } from '../http/endpoints';

export type { CandidateQuery, CrmInvoice } from '../matching/types';
export type { CrmName } from '../http/endpoints';

export interface CrmAccountIdentity {
  /** A readable name of the CRM account the token belongs to (never the token). */
  name: string;
}

/** A customer account in the CRM (HubSpot company or contact, Moneybird contact, Pipedrive organization). */
export interface CrmAccount extends MatchableAccount {
  /** The account in the CRM's web UI. */
  url: string;
}

/** One page of accounts for the Account dropdown, and where the next page starts. */
export interface AccountPage {
  accounts: DropdownOption[];
  next?: string;
}

/**
 * Where a CRM keeps what Link Payment to CRM Account teaches it about a payer,
 * in words for people ("Moneybird's IBAN (sepa_iban)"), or why it keeps none.
 */
export interface AccountLearning {
  iban: { where: string } | { missing: string };
  /** Only where an account holds several e-mails: one is added, none replaced. */
  emails: { where: string } | { missing: string };
}

export interface NewAccount {
  name: string;
  email?: string;
  customerId?: string;
}

/** What the record says happened to the payment, derived from the Mollie payment (crm/recordStatus.ts). */
export type RecordStatus =
  'paid' | 'partially refunded' | 'refunded' | 'charged back' | 'failed' | 'canceled' | 'expired' | 'open';

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

/**
 * What every CRM offers the operations. Operations never branch on the CRM:
 * they ask `crmAdapter(z, bundle)` and call this interface.
 */
export interface CrmAdapter {
  readonly crm: CrmName;
  /**
   * Moneybird records a payment on its sales invoice: a record needs exactly one invoice, and belongs to
   * the invoice's owner. HubSpot and Pipedrive make a deal, with or without an invoice number.
   */
  readonly recordsOnInvoices: boolean;
  /** What this CRM calls an account, for messages: "contact", "company", "organization". */
  readonly accountNoun: string;
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
  /** One page of accounts (id and name) for the Account dropdown; `after` is the previous page's `next`. */
  listAccounts(after?: string): Promise<AccountPage>;
  /** The account with this id, read directly (never through a lagging search), with its e-mails and IBANs; null when there is none. */
  getAccount(accountId: string): Promise<CrmAccount | null>;
  /** Where this CRM keeps a payer's IBAN and extra e-mails (checking that the field the connection names exists). */
  learning(): Promise<AccountLearning>;
  /** Puts the IBAN (electronic form) on the account; the caller checked it holds none. */
  setAccountIban(accountId: string, iban: string): Promise<void>;
  /** Adds the e-mail to the account (a contact or person on it), never replacing one; `name` names a new person. */
  addAccountEmail(accountId: string, email: string, name?: string): Promise<void>;
}
