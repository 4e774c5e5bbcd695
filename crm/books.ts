import type { MollieSettlement, SettlementLine, SplitSettlement } from '../mollie/settlementLines';
import type { MolliePayment } from '../mollie/types';
import type { UpsertResult } from './adapter';

/** What the Record Settlement in the Books step asks of a CRM. */
export interface SettlementBooking {
  settlement: MollieSettlement;
  split: SplitSettlement;
  /** Moneybird: the financial account (e.g. "Mollie") the statement goes on. */
  financialAccountId?: string;
  /** Moneybird: the ledger account fees are booked on; absent = left for the bookkeeper. */
  feeLedgerAccountId?: string;
}

/** A line that was not booked, and why: never guessed. */
export interface Unbooked {
  line: SettlementLine;
  reason: string;
}

export interface BookingResult {
  /** The statement (Moneybird) or '' (HubSpot, Pipedrive, where each payment's record carries the settlement). */
  id: string;
  url: string;
  outcome: 'created' | 'updated' | 'unchanged';
  /** Lines booked on their invoice or record in this run. */
  booked: number;
  /** Lines that were booked in an earlier run (replay, retry). */
  alreadyBooked: number;
  /** Payment lines linked to a payment that was already on the invoice (Create CRM Payment Record). */
  linkedToExistingPayment: number;
  feesBooked: number;
  feesLeft: number;
  needsPerson: Unbooked[];
  /** Moneybird: what the statement's mutations add up to (0.00: the payout empties the Mollie account). */
  statementBalance: string;
  /** What the step wants the user to know beyond the counts (e.g. the payout is already in the books elsewhere). */
  note?: string;
}

export interface SettlementBooks {
  record(booking: SettlementBooking): Promise<BookingResult>;
}

/** What a CRM's books ask of the step before anything is read, and how they book Mollie's fees. */
export interface BookingNeeds {
  /** Refuses, before any request and naming the field, a booking these books cannot make. */
  check(input: Pick<SettlementBooking, 'financialAccountId' | 'feeLedgerAccountId'>): void;
  /** Each payment's own fee goes on its record (read from the balance's transactions), rather than Mollie's fee lines. */
  readonly feePerPayment: boolean;
}

export interface SettlementFields {
  reference: string;
  payoutDate: string;
  fee: string;
}

/** What refunds and chargebacks paid out add to their payment's record (besides the status and refunded amount the record step writes). */
export interface CorrectionFields {
  /** What was charged back ('' while nothing was). */
  chargedBack: string;
  /** The bank references of the payouts that paid out a refund or chargeback of the payment. */
  references: string[];
}

export interface RecordWriter {
  /** The records these Mollie payments already have: payment id → record id. */
  existing(paymentIds: string[]): Promise<Map<string, string>>;
  /** Writes the settlement fields on the records of these payments (all exist). */
  annotate(entries: Array<{ paymentId: string; recordId?: string; fields: SettlementFields }>): Promise<void>;
  /** The correction fields these records hold now: payment id → fields. */
  corrections(
    entries: Array<{ paymentId: string; recordId: string }>,
  ): Promise<Map<string, CorrectionFields>>;
  /** Writes the correction fields on these records (all exist). */
  correct(entries: Array<{ paymentId: string; recordId: string; fields: CorrectionFields }>): Promise<void>;
  /** The CRM's own time zone (the HubSpot portal's, the Pipedrive company's): the payout date is its day. */
  timeZone(): Promise<string>;
}

/** Where a settlement line's payment is recorded: an account and an invoice, and how the account was chosen. */
export interface PaymentPlacement {
  accountId?: string;
  invoiceNumber?: string;
  note: string;
}

/**
 * "Match, then record" (recording/recordPayment.ts), handed to the books so
 * they place and record a payment exactly as the record step does.
 */
export interface PaymentRecorder {
  /** Where the payment goes (on `invoiceNumber` where given), or why on no account: a line for a person. */
  place(
    payment: MolliePayment,
    invoiceNumber?: string,
  ): Promise<
    { placement: PaymentPlacement; refused?: undefined } | { refused: string; placement?: undefined }
  >;
  /** Records it there; `asPaid`: as it was paid, before refunds and chargebacks (a payment line). */
  record(
    payment: MolliePayment,
    placement: PaymentPlacement,
    options?: { asPaid?: boolean },
  ): Promise<UpsertResult>;
}
