/**
 * The matching engine: which CRM account a Mollie payment belongs to, or none.
 * Pure and synchronous: it reads the payment once (reading.ts), resolves every
 * fact against the candidate accounts it is given (evidence.ts), and never
 * guesses. See README "How payments are matched" for the rules in plain words.
 */
import { baseEmail } from './emails';
import { CONFIDENCE, gatherEvidence } from './evidence';
import { friendlyIban } from './ibans';
import { readPayment, type PaymentReading } from './reading';
import type {
  Candidate,
  CandidateQuery,
  Evidence,
  MatchAccount,
  MatchCustomerInput,
  MatchedBy,
  MatchOptions,
  MatchPaymentInput,
  MatchResult,
} from './types';

export { CONFIDENCE } from './evidence';

export const DEFAULT_MIN_CONFIDENCE = 0.7;

/** Evidence kinds in the order of PRODUCT.md: metadata customer ID → invoice reference → Mollie customer → IBAN → e-mail. */
/** At most this many invoice numbers are looked up for one payment (references first): each may cost the CRM a request. */
export const MAX_QUERY_NUMBERS = 20;

const PRIORITY: MatchedBy[] = ['metadata_id', 'invoice_number', 'mollie_customer', 'iban', 'email'];

/**
 * What to ask the CRM adapter for, so that one `findCandidates` call brings
 * every account any fact of this payment could point to: e-mails (comparable
 * form, plus the mailbox without a +tag), customer IDs (metadata, the Mollie
 * customer id, the customer's metadata), invoice numbers as written (marked
 * references, then unmarked numbers, which count only as exact invoice numbers;
 * at most MAX_QUERY_NUMBERS, each may cost the CRM a look-up) and the payer's
 * IBANs. The engine compares numbers canonically; a CRM that looks numbers up
 * exactly may try `withoutInvoicePrefix` (invoiceNumbers.ts) as well.
 */
export const queryFor = (
  reading: PaymentReading,
  options: Pick<MatchOptions, 'plusAddressing'> = {},
): CandidateQuery => {
  const unique = (values: string[]) => [...new Set(values)];
  const plus = options.plusAddressing ?? true;
  return {
    emails: unique(
      reading.emails.flatMap(({ address }) => (plus ? [address, baseEmail(address)] : [address])),
    ),
    customerIds: unique([
      ...reading.customerIds.map(({ value }) => value),
      ...(reading.mollieCustomerId ? [reading.mollieCustomerId] : []),
      ...reading.customerMetadataIds.map(({ value }) => value),
    ]),
    invoiceNumbers: unique(
      [...reading.invoices, ...reading.unmarkedNumbers]
        .slice(0, MAX_QUERY_NUMBERS)
        .map(({ number }) => number),
    ),
    ibans: unique(reading.ibans.map(({ iban }) => iban)),
  };
};

/** `queryFor(readPayment(payment, { customer, mandates }))`. */
export const candidateQuery = (
  payment: MatchPaymentInput,
  customer?: MatchCustomerInput,
  options: MatchOptions = {},
): CandidateQuery =>
  queryFor(readPayment(payment, { customer, mandates: options.mandates, keys: options }), options);

const rank = (evidence: Evidence) => [-evidence.confidence, PRIORITY.indexOf(evidence.kind)];
const byStrength = (a: Evidence, b: Evidence) => {
  const [ra, rb] = [rank(a), rank(b)];
  return ra[0] - rb[0] || ra[1] - rb[1];
};

/** How a piece of evidence is named for people: `metadata.customerId "C-1042"`, `Mollie customer metadata crmCustomerId "C-1042", set when tr_… was linked`, `IBAN NL91 ABNA 0417 1643 00 (details.consumerAccount)`. */
const label = (evidence: Evidence) => {
  if (evidence.kind === 'iban') return `IBAN ${friendlyIban(evidence.value)} (${evidence.source})`;
  const source = evidence.source.startsWith('customer.metadata.')
    ? `Mollie customer metadata ${evidence.source.slice('customer.metadata.'.length)}`
    : evidence.source;
  const linked = evidence.linkedFrom ? `, set when ${evidence.linkedFrom} was linked` : '';
  return `${source} "${evidence.value}"${linked}`;
};

/**
 * Decides the account a payment belongs to, among `accounts` (the candidates
 * the CRM returned for `queryFor(reading)`), or none with the reason.
 *
 * - Every fact is resolved to the accounts holding it: metadata customer ids (1.0),
 *   invoice numbers with the payment's amount (0.95), the Mollie customer (its id, or
 *   the CRM id in its metadata: 0.9), the payer's IBAN (0.85), a short `#12` for one
 *   invoice with that amount (0.85), e-mails (0.8; the mailbox without a +tag 0.7).
 * - The strongest fact that points to exactly one account decides, provided every
 *   other fact that points anywhere includes that account. Two facts pointing to
 *   different accounts are a conflict: no match.
 * - Facts each shared by several accounts may together leave exactly one (0.75).
 * - A fact shared by several accounts alone is ambiguous: no match (an IBAN on two
 *   accounts decides nothing alone).
 * - A name is never evidence; e-mails and IBANs are never matched fuzzily.
 */
export const matchReading = (
  reading: PaymentReading,
  accounts: MatchAccount[],
  options: MatchOptions = {},
): MatchResult => {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const evidence = gatherEvidence(
    reading,
    accounts,
    new Set(options.incompleteKeys ?? []),
    options.plusAddressing ?? true,
  );
  const resolved = evidence.filter((item) => item.accountIds.length > 0);
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  const candidates: Candidate[] = [...new Set(resolved.flatMap((item) => item.accountIds))].map((id) => ({
    id,
    name: names.get(id) ?? id,
    pointedToBy: [
      ...new Set(resolved.filter((item) => item.accountIds.includes(id)).map((item) => item.kind)),
    ],
  }));
  const none = (reason: MatchResult['reason'], explanation: string): MatchResult => ({
    accountId: null,
    matchedBy: null,
    confidence: 0,
    reason,
    explanation,
    candidates,
    evidence,
  });

  const unreadNote = (told?: Evidence) => {
    const unread = evidence.filter((item) => item.incomplete && item !== told);
    return unread.length
      ? ` Not every account with ${unread.map(label).join(', ')} was read: the CRM holds more than were checked.`
      : '';
  };
  if (resolved.length === 0) {
    const looked =
      evidence.length === 0
        ? 'The payment carries no customer ID, invoice number, IBAN or e-mail.'
        : `No account has ${evidence.map(label).join(', ')}.`;
    return none('none_found', `${looked}${unreadNote()}`);
  }

  // A key read only in part may point to more accounts than were read: it never decides alone.
  const unique = resolved.filter((item) => item.accountIds.length === 1 && !item.incomplete);
  const pointedTo = [...new Set(unique.map((item) => item.accountIds[0]))];
  if (pointedTo.length > 1) {
    const sides = pointedTo.map(
      (id) => `${label(unique.find((item) => item.accountIds[0] === id)!)} → ${names.get(id)}`,
    );
    return none('conflict', `Keys point to different accounts: ${sides.join('; ')}.`);
  }

  let decider = unique.filter((item) => item.decisive).sort(byStrength)[0];
  let accountId = decider?.accountIds[0];
  let confidence = decider?.confidence ?? 0;
  if (!decider) {
    const decisive = resolved.filter((item) => item.decisive);
    const left = resolved.reduce<string[]>(
      (ids, item) => ids.filter((id) => item.accountIds.includes(id)),
      resolved[0].accountIds,
    );
    const narrowable = resolved.some((item) => !item.incomplete);
    if (decisive.length > 0 && resolved.length >= 2 && left.length === 1 && narrowable) {
      decider = decisive.sort(byStrength)[0];
      accountId = left[0];
      confidence = Math.min(CONFIDENCE.narrowed, decider.confidence);
    } else if (decisive.length === 0) {
      return none(
        'weak_evidence',
        `Only ${resolved.map((item) => `${label(item)} (${item.note ?? 'not decisive'})`).join(', ')}.`,
      );
    } else {
      const shared = resolved.find((item) => item.accountIds.length > 1) ?? resolved[0];
      const list = shared.accountIds.map((id) => names.get(id)).join(', ');
      const count = shared.accountIds.length;
      const belongs = shared.incomplete
        ? `more accounts than were read (${count} checked: ${list})`
        : `${count} accounts (${list})`;
      return none('ambiguous', `${label(shared)} belongs to ${belongs}.${unreadNote(shared)}`);
    }
  }

  const against = resolved.find((item) => !item.accountIds.includes(accountId!));
  if (against) {
    return none(
      'conflict',
      `${label(decider)} points to ${names.get(accountId!)}, but ${label(against)} points to ${against.accountIds.map((id) => names.get(id)).join(', ')}.`,
    );
  }
  if (confidence < minConfidence) {
    return none(
      'weak_evidence',
      `Only ${label(decider)} points to ${names.get(accountId!)} (confidence ${confidence}).`,
    );
  }
  const agreeing = resolved
    .filter((item) => item !== decider && item.kind !== decider.kind)
    .map((item) => item.kind);
  const also = agreeing.length ? `; also ${[...new Set(agreeing)].join(', ')}` : '';
  return {
    accountId: accountId!,
    matchedBy: decider.kind,
    confidence,
    reason: null,
    explanation: `Matched ${names.get(accountId!)} by ${label(decider)}${decider.note ? ` (${decider.note})` : ''}${also}.`,
    candidates,
    evidence,
  };
};

/** `matchReading(readPayment(payment, { customer, mandates }), accounts)`: the payment read and matched in one call. */
export const matchPayment = (
  payment: MatchPaymentInput,
  customer: MatchCustomerInput | undefined,
  accounts: MatchAccount[],
  options: MatchOptions = {},
): MatchResult =>
  matchReading(
    readPayment(payment, { customer, mandates: options.mandates, keys: options }),
    accounts,
    options,
  );
