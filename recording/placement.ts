/**
 * Where a payment is recorded, decided once for every step that records one
 * (Create or Update CRM Payment Record, Link Payment to CRM Account, Record
 * Settlement in the Books): the account and the invoice, or why it goes on none.
 *
 * - The invoice: the step's mapped value wins; else the payment's reading when it
 *   names exactly one (./invoiceNumber.ts).
 * - An account given to the step (mapped, or chosen by a person) is used unless
 *   the payment's own CRM customer ID names another account (or, where records
 *   go on invoices, the invoice belongs to another): then the payment is booked
 *   on neither, and the step says why.
 * - Without one, the matching engine decides (./accountForPayment.ts). Where it
 *   sees a conflict (a customer ID naming one account, the invoice another),
 *   nothing is booked on either: a CRM that records on invoices refuses, the
 *   others record the payment without an account and say why.
 */
import type { CrmAdapter } from '../crm/adapter';
import type { PaymentPlacement } from '../crm/books';
import { friendlyIban, type Evidence } from '../matching';
import { accountForPayment, matchOnKeys } from './accountForPayment';
import { invoiceChoice } from './invoiceNumber';
import type { PaymentSource, StepPayment } from './stepReading';

/** The account the record goes on (none when nothing is certain: the CRM that records on invoices takes the invoice's owner), the invoice, and how the account was chosen. */
export type Placement = PaymentPlacement;

/** Why a payment goes on no account: the step's message (it starts with the field to correct), and the reason alone (for a settlement line). */
export interface Refusal {
  message: string;
  reason: string;
}

const refusal = (field: string, reason: string): Refusal => ({ message: `${field}: ${reason}`, reason });

export interface PlacementRequest {
  /** The account the step was given: how, in words ("given in the step", "chosen in the review step"), the note for the record, and the step's field. */
  account?: { id: string; how: string; note: string; field: string };
  /** The invoice number mapped in the step. */
  invoiceNumber?: string;
  /** The step's field for the invoice number. */
  invoiceField?: string;
}

export type PlacementOutcome =
  { placement: Placement; refusal?: undefined } | { refusal: Refusal; placement?: undefined };

/**
 * What an account given to a step must agree with: the CRM customer IDs in the payment's metadata. (The
 * invoice a record goes on is checked by the CRM that records on invoices: its owner is the account.)
 */
const namesAnAccount = (evidence: Evidence) =>
  evidence.kind === 'metadata_id' && evidence.accountIds.length === 1 && !evidence.incomplete;

const FACT_WORDS: Record<Evidence['kind'], (value: string) => string> = {
  metadata_id: (value) => `customer ID ${value}`,
  invoice_number: (value) => `invoice ${value}`,
  mollie_customer: (value) => `Mollie customer ${value}`,
  iban: (value) => `IBAN ${friendlyIban(value)}`,
  email: (value) => `e-mail ${value}`,
};
const factWords = (evidence: Evidence) => FACT_WORDS[evidence.kind](evidence.value);

/** The field a person corrects: the invoice number where an invoice is involved, else the account. */
const fieldFor = (facts: Evidence[], request: PlacementRequest) =>
  facts.some((fact) => fact.kind === 'invoice_number')
    ? (request.invoiceField ?? 'Invoice number')
    : (request.account?.field ?? 'Account ID');

const REMEDY = "Correct the payment's metadata, the invoice number or the account, and run the step again.";

/** The strongest fact for each account that some fact names alone (the engine's order: strongest first). */
const namingSides = (evidence: Evidence[]): Evidence[] => {
  const sides = new Map<string, Evidence>();
  for (const item of evidence
    .filter((fact) => fact.accountIds.length === 1 && !fact.incomplete)
    .sort((a, b) => b.confidence - a.confidence)) {
    if (!sides.has(item.accountIds[0])) sides.set(item.accountIds[0], item);
  }
  return [...sides.values()];
};

/** Keys pointing to different accounts: "customer ID C belongs to contact A, invoice I belongs to another contact (B)". */
const conflictReason = (
  paymentId: string,
  noun: string,
  sides: Evidence[],
  names: Map<string, string>,
): string => {
  const [first, ...others] = sides;
  const name = (item: Evidence) => names.get(item.accountIds[0]) ?? item.accountIds[0];
  const named = sides.map(factWords).join(' and ');
  const rest = others
    .map((item) => `${factWords(item)} belongs to another ${noun} (${name(item)})`)
    .join(', ');
  return `payment ${paymentId} names ${named}, and they point to different ${noun}s: ${factWords(first)} belongs to ${noun} ${name(first)}, ${rest}. It was booked on neither. ${REMEDY}`;
};

/**
 * Where this payment goes, or why nowhere. Reads the CRM once for the payment's
 * keys (all of them without an account; with one, only the CRM customer IDs the payment names).
 */
export const placePayment = async (
  source: PaymentSource,
  adapter: CrmAdapter,
  read: StepPayment,
  request: PlacementRequest,
): Promise<PlacementOutcome> => {
  const { payment, reading } = read;
  const invoice = invoiceChoice(adapter, request.invoiceNumber, reading, payment.id);
  const invoiceField = request.invoiceField ?? 'Invoice number';
  // "Invoice number is empty and payment tr_x names no invoice …": refused before the CRM is asked anything.
  if (invoice.problem)
    return {
      refusal: {
        message: `${invoiceField} ${invoice.problem}`,
        reason: invoice.problem.replace(/^is empty and /, ''),
      },
    };
  const invoiceNumber = invoice.invoiceNumber;
  const noun = adapter.accountNoun;
  const given = request.account;

  if (given) {
    const customerIds = reading.customerIds.map((id) => id.value);
    const { result, candidates } = await matchOnKeys(adapter, reading, {
      emails: [],
      ibans: [],
      invoiceNumbers: [],
      customerIds,
    });
    const names = new Map(candidates.map((account) => [account.id, account.name]));
    const against = result.evidence.filter((item) => namesAnAccount(item) && item.accountIds[0] !== given.id);
    if (against.length === 0) return { placement: { accountId: given.id, invoiceNumber, note: given.note } };
    const which = against
      .map(
        (item) =>
          `${factWords(item)}, which belongs to ${noun} ${names.get(item.accountIds[0]) ?? item.accountIds[0]}`,
      )
      .join(', and ');
    const reason = `payment ${payment.id} names ${which}, not the ${noun} ${given.how} (${names.get(given.id) ?? given.id}). It was booked on neither. ${REMEDY}`;
    return { refusal: refusal(fieldFor(against, request), reason) };
  }

  const { result, candidates } = await accountForPayment(source, adapter, payment, read);
  if (result.accountId)
    return { placement: { accountId: result.accountId, invoiceNumber, note: result.explanation } };
  // Keys that each name one account, different ones, book on neither: where a record belongs to the invoice's owner it is not
  // made; elsewhere it is made without an account. (A shared key, e.g. an e-mail of several other accounts, names none: the invoice decides.)
  const sides = result.reason === 'conflict' ? namingSides(result.evidence) : [];
  if (sides.length > 1 && adapter.recordsOnInvoices) {
    const names = new Map(candidates.map((account) => [account.id, account.name]));
    return { refusal: refusal(fieldFor(sides, request), conflictReason(payment.id, noun, sides, names)) };
  }
  return { placement: { invoiceNumber, note: result.explanation } };
};
