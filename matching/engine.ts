/**
 * The matching engine: which CRM account a Mollie payment belongs to, or none.
 * Pure and synchronous: it reads the payment, its Mollie customer and the
 * candidate accounts it is given, and never guesses. See README "How payments
 * are matched" for the rules in plain words.
 */
import { toMinor, type Money } from '../money/money';
import {
  baseEmail,
  canonicalInvoice,
  DEFAULT_INVOICE_PATTERNS,
  DEFAULT_METADATA_EMAIL_KEYS,
  DEFAULT_METADATA_ID_KEYS,
  DEFAULT_METADATA_INVOICE_KEYS,
  findInvoiceNumbers,
  metadataKey,
  metadataObject,
  metadataValues,
  normalEmail,
  normalId,
  sequenceOf,
} from './keys';
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

/** How sure each kind of key is when it points to exactly one account. */
export const CONFIDENCE = {
  metadataId: 1,
  invoiceWithAmount: 0.95,
  mollieCustomer: 0.9,
  /** "#12" matched to INV-2024-0012 by its sequence number, with the exact amount, the only such invoice. */
  invoiceShortForm: 0.85,
  email: 0.8,
  /** Several keys, each shared by a few accounts, that together leave exactly one. */
  narrowed: 0.75,
  /** "jan+shop@x.nl" for "jan@x.nl". */
  emailWithoutPlusTag: 0.7,
} as const;

export const DEFAULT_MIN_CONFIDENCE = 0.7;

const PRIORITY: MatchedBy[] = ['metadata_id', 'invoice_number', 'mollie_customer', 'email'];

type Settings = Required<Omit<MatchOptions, 'incompleteKeys'>> & { incomplete: ReadonlySet<string> };

const settingsOf = (options: MatchOptions = {}): Settings => ({
  metadataIdKeys: options.metadataIdKeys ?? DEFAULT_METADATA_ID_KEYS,
  metadataInvoiceKeys: options.metadataInvoiceKeys ?? DEFAULT_METADATA_INVOICE_KEYS,
  metadataEmailKeys: options.metadataEmailKeys ?? DEFAULT_METADATA_EMAIL_KEYS,
  invoicePatterns: options.invoicePatterns ?? DEFAULT_INVOICE_PATTERNS,
  plusAddressing: options.plusAddressing ?? true,
  minConfidence: options.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
  incomplete: new Set(options.incompleteKeys ?? []),
});

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/** A property of an object Mollie may leave out or set to null. */
export const field = (object: object | null | undefined, key: string): unknown => (object ? (object as Record<string, unknown>)[key] : undefined);

interface IdKey {
  kind: 'metadata_id' | 'mollie_customer';
  source: string;
  value: string;
}
interface InvoiceKey {
  source: string;
  written: string;
  number: string;
  canonical: string;
}
interface EmailKey {
  source: string;
  value: string;
  email: string;
}
interface PaymentKeys {
  ids: IdKey[];
  invoices: InvoiceKey[];
  emails: EmailKey[];
}

/** Every key the payment and its customer carry, with where each was read. */
const readKeys = (payment: MatchPaymentInput, customer: MatchCustomerInput | undefined, settings: Settings): PaymentKeys => {
  const ids: IdKey[] = [];
  const invoices: InvoiceKey[] = [];
  const emails: EmailKey[] = [];

  const addInvoice = (source: string, found: Omit<InvoiceKey, 'source'>) => {
    if (!invoices.some((known) => known.canonical === found.canonical)) invoices.push({ source, ...found });
  };
  const scanText = (source: string, value: string) => {
    for (const found of findInvoiceNumbers(value, settings.invoicePatterns)) addInvoice(source, found);
  };
  const addEmail = (source: string, raw: unknown) => {
    const email = normalEmail(raw);
    if (email) emails.push({ source, value: String(raw).trim(), email });
  };

  for (const { key, value } of metadataValues(payment.metadata, settings.metadataIdKeys)) {
    const id = text(value);
    if (id) ids.push({ kind: 'metadata_id', source: `metadata.${key}`, value: id });
  }
  for (const { key, value } of metadataValues(payment.metadata, settings.metadataInvoiceKeys)) {
    const written = text(value);
    const canonical = written && canonicalInvoice(written);
    if (written && canonical) addInvoice(`metadata.${key}`, { written, number: written, canonical });
  }
  for (const { key, value } of metadataValues(payment.metadata, settings.metadataEmailKeys)) addEmail(`metadata.${key}`, value);

  const described = text(payment.description);
  if (described) scanText('description', described);
  const metadata = metadataObject(payment.metadata);
  if (metadata) {
    const used = new Set([...settings.metadataIdKeys, ...settings.metadataInvoiceKeys, ...settings.metadataEmailKeys].map(metadataKey));
    for (const [key, value] of Object.entries(metadata)) {
      if (!used.has(metadataKey(key)) && typeof value === 'string') scanText(`metadata.${key}`, value);
    }
  } else if (typeof payment.metadata === 'string') scanText('metadata', payment.metadata);

  const customerId = text(payment.customerId);
  if (customerId) ids.push({ kind: 'mollie_customer', source: 'customerId', value: customerId });
  if (customer) {
    for (const { key, value } of metadataValues(customer.metadata, settings.metadataIdKeys)) {
      const id = text(value);
      if (id) ids.push({ kind: 'mollie_customer', source: `customer.metadata.${key}`, value: id });
    }
  }

  addEmail('billingAddress.email', field(payment.billingAddress, 'email'));
  addEmail('billingEmail', payment.billingEmail);
  addEmail('details.consumerAccount', field(payment.details, 'consumerAccount'));
  if (customer) addEmail('customer.email', customer.email);
  return { ids, invoices, emails };
};

/**
 * What to ask the CRM adapter for, so that one `findCandidates` call brings
 * every account any key of this payment could point to: e-mails (normalised,
 * plus the mailbox without a +tag), customer IDs (metadata, the Mollie
 * customer id, the customer's metadata) and invoice numbers (as written and
 * their number part).
 */
export const candidateQuery = (payment: MatchPaymentInput, customer?: MatchCustomerInput, options: MatchOptions = {}): CandidateQuery => {
  const settings = settingsOf(options);
  const keys = readKeys(payment, customer, settings);
  const unique = (values: string[]) => [...new Set(values)];
  return {
    emails: unique(keys.emails.flatMap(({ email }) => (settings.plusAddressing ? [email, baseEmail(email)] : [email]))),
    customerIds: unique(keys.ids.map(({ value }) => value)),
    invoiceNumbers: unique(keys.invoices.flatMap(({ written, number }) => (/\s/.test(written) ? [number] : [written, number]))),
  };
};

const sameAmount = (a: Money | undefined, b: Money | undefined): boolean => {
  if (!a || !b || a.currency !== b.currency) return false;
  try {
    return toMinor(a) === toMinor(b);
  } catch {
    return false;
  }
};

const paymentAmount = (payment: MatchPaymentInput): Money | undefined => {
  const value = text(payment.amount?.value);
  const currency = text(payment.amount?.currency);
  return value && currency ? { value, currency: currency.toUpperCase() } : undefined;
};

const describeMoney = (money: Money | undefined) => (money ? `${money.value} ${money.currency}` : 'unknown');

interface KnownInvoice {
  accountId: string;
  number: string;
  canonical: string;
  amount: Money;
  state: string;
}

const invoiceEvidence = (keys: InvoiceKey[], accounts: MatchAccount[], amount: Money | undefined): Evidence[] => {
  const known: KnownInvoice[] = accounts.flatMap((account) =>
    (account.invoices ?? []).flatMap((invoice) => {
      const canonical = canonicalInvoice(invoice.number);
      return canonical ? [{ accountId: account.id, number: invoice.number, canonical, amount: invoice.amount, state: invoice.state }] : [];
    }),
  );
  const payable = (invoice: KnownInvoice) => invoice.state !== 'paid' && sameAmount(invoice.amount, amount);
  const evidence: Evidence[] = [];
  const exactHits: KnownInvoice[][] = [];

  for (const key of keys) {
    const base = { kind: 'invoice_number' as const, source: key.source, value: key.written };
    const exact = known.filter((invoice) => invoice.canonical === key.canonical);
    if (exact.length > 0) {
      exactHits.push(exact);
      const accountIds = [...new Set(exact.map((invoice) => invoice.accountId))];
      const fits = exact.some(payable);
      const note = fits
        ? undefined
        : exact[0].state === 'paid'
          ? `invoice ${exact[0].number} is already paid`
          : `payment amount ${describeMoney(amount)} differs from invoice ${exact[0].number} (${describeMoney(exact[0].amount)})`;
      evidence.push({ ...base, accountIds, confidence: CONFIDENCE.invoiceWithAmount, decisive: fits, ...(note ? { note } : {}) });
      continue;
    }
    // A short form ("#12", "Invoice 12") against full numbers ("INV-2024-0012"): only with the exact amount.
    if (!key.canonical.includes('-')) {
      const bySequence = known.filter((invoice) => invoice.canonical.includes('-') && sequenceOf(invoice.canonical) === key.canonical && payable(invoice));
      const accountIds = [...new Set(bySequence.map((invoice) => invoice.accountId))];
      const note =
        bySequence.length === 0
          ? 'no invoice with this sequence number and this amount'
          : `sequence number of ${bySequence.map((invoice) => invoice.number).join(', ')} with the same amount`;
      evidence.push({ ...base, accountIds, confidence: CONFIDENCE.invoiceShortForm, decisive: true, note });
      continue;
    }
    evidence.push({ ...base, accountIds: [], confidence: CONFIDENCE.invoiceWithAmount, decisive: true, note: 'no such invoice in the CRM' });
  }

  // Several invoices of one account paid at once: their amounts add up to the payment.
  const owners = new Set(exactHits.flat().map((invoice) => invoice.accountId));
  if (exactHits.length >= 2 && owners.size === 1 && amount && !evidence.some((item) => item.decisive && item.accountIds.length > 0)) {
    const invoices = exactHits.map((hits) => hits[0]);
    try {
      const total = invoices.reduce((sum, invoice) => sum + toMinor(invoice.amount), 0n);
      if (invoices.every((invoice) => invoice.amount.currency === amount.currency && invoice.state !== 'paid') && total === toMinor(amount)) {
        evidence.push({
          kind: 'invoice_number',
          source: 'description',
          value: invoices.map((invoice) => invoice.number).join(' + '),
          accountIds: [...owners],
          confidence: CONFIDENCE.invoiceWithAmount,
          decisive: true,
          note: 'these invoices together add up to the payment',
        });
      }
    } catch {
      // An unknown currency: no sum.
    }
  }
  return evidence;
};

const idMatches = (account: MatchAccount, id: string) =>
  normalId(account.id) === id || account.customerIds.some((customerId) => normalId(customerId) === id);

const emailsOf = (account: MatchAccount) => account.emails.flatMap((email) => normalEmail(email) ?? []);

const gatherEvidence = (keys: PaymentKeys, accounts: MatchAccount[], amount: Money | undefined, settings: Settings): Evidence[] => {
  const evidence: Evidence[] = [];
  const partly = (...values: string[]) => (values.some((value) => settings.incomplete.has(value)) ? { incomplete: true } : {});
  for (const key of keys.ids) {
    const id = normalId(key.value)!;
    const accountIds = accounts.filter((account) => idMatches(account, id)).map((account) => account.id);
    const confidence = key.kind === 'metadata_id' ? CONFIDENCE.metadataId : CONFIDENCE.mollieCustomer;
    evidence.push({ kind: key.kind, source: key.source, value: key.value, accountIds, confidence, decisive: true, ...partly(key.value.trim()) });
  }
  evidence.push(...invoiceEvidence(keys.invoices, accounts, amount));
  for (const key of keys.emails) {
    const base = { kind: 'email' as const, source: key.source, value: key.value, decisive: true, ...partly(key.email) };
    const exact = accounts.filter((account) => emailsOf(account).includes(key.email)).map((account) => account.id);
    if (exact.length > 0 || !settings.plusAddressing) {
      evidence.push({ ...base, accountIds: exact, confidence: CONFIDENCE.email });
      continue;
    }
    const mailbox = baseEmail(key.email);
    const sameMailbox = accounts.filter((account) => emailsOf(account).some((email) => baseEmail(email) === mailbox)).map((account) => account.id);
    evidence.push({
      ...base,
      ...partly(key.email, mailbox),
      accountIds: sameMailbox,
      confidence: CONFIDENCE.emailWithoutPlusTag,
      ...(sameMailbox.length > 0 ? { note: `same mailbox as ${mailbox} without the +tag` } : {}),
    });
  }
  return evidence;
};

const rank = (evidence: Evidence) => [-evidence.confidence, PRIORITY.indexOf(evidence.kind)];
const byStrength = (a: Evidence, b: Evidence) => {
  const [ra, rb] = [rank(a), rank(b)];
  return ra[0] - rb[0] || ra[1] - rb[1];
};

const label = (evidence: Evidence) => `${evidence.source} "${evidence.value}"`;

/**
 * Decides the account a payment belongs to, among `accounts` (the candidates
 * the CRM returned for `candidateQuery`), or none with the reason.
 *
 * - Every key is resolved to the accounts it points to: metadata ids (1.0),
 *   invoice numbers with the payment's amount (0.95), the Mollie customer
 *   (0.9), e-mails (0.8; the mailbox without a +tag 0.7).
 * - The strongest key that points to exactly one account decides, provided
 *   every other key that points anywhere includes that account. Two keys
 *   pointing to different accounts are a conflict: no match.
 * - Keys each shared by several accounts may together leave exactly one (0.75).
 * - A key shared by several accounts alone is ambiguous: no match.
 * - A name is never evidence; e-mails are never matched fuzzily.
 */
export const matchPayment = (
  payment: MatchPaymentInput,
  customer: MatchCustomerInput | undefined,
  accounts: MatchAccount[],
  options: MatchOptions = {},
): MatchResult => {
  const settings = settingsOf(options);
  const keys = readKeys(payment, customer, settings);
  const evidence = gatherEvidence(keys, accounts, paymentAmount(payment), settings);
  const resolved = evidence.filter((item) => item.accountIds.length > 0);
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  const candidates: Candidate[] = [...new Set(resolved.flatMap((item) => item.accountIds))].map((id) => ({
    id,
    name: names.get(id) ?? id,
    pointedToBy: [...new Set(resolved.filter((item) => item.accountIds.includes(id)).map((item) => item.kind))],
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
    return unread.length ? ` Not every account with ${unread.map(label).join(', ')} was read: the CRM holds more than were checked.` : '';
  };
  if (resolved.length === 0) {
    const looked = evidence.length === 0 ? 'The payment carries no customer ID, invoice number or e-mail.' : `No account has ${evidence.map(label).join(', ')}.`;
    return none('none_found', `${looked}${unreadNote()}`);
  }

  // A key read only in part may point to more accounts than were read: it never decides alone.
  const unique = resolved.filter((item) => item.accountIds.length === 1 && !item.incomplete);
  const pointedTo = [...new Set(unique.map((item) => item.accountIds[0]))];
  if (pointedTo.length > 1) {
    const sides = pointedTo.map((id) => `${label(unique.find((item) => item.accountIds[0] === id)!)} → ${names.get(id)}`);
    return none('conflict', `Keys point to different accounts: ${sides.join('; ')}.`);
  }

  let decider = unique.filter((item) => item.decisive).sort(byStrength)[0];
  let accountId = decider?.accountIds[0];
  let confidence = decider?.confidence ?? 0;
  if (!decider) {
    const decisive = resolved.filter((item) => item.decisive);
    const left = resolved.reduce<string[]>((ids, item) => ids.filter((id) => item.accountIds.includes(id)), resolved[0].accountIds);
    const narrowable = resolved.some((item) => !item.incomplete);
    if (decisive.length > 0 && resolved.length >= 2 && left.length === 1 && narrowable) {
      decider = decisive.sort(byStrength)[0];
      accountId = left[0];
      confidence = Math.min(CONFIDENCE.narrowed, decider.confidence);
    } else if (decisive.length === 0) {
      return none('weak_evidence', `Only ${resolved.map((item) => `${label(item)} (${item.note ?? 'not decisive'})`).join(', ')}.`);
    } else {
      const shared = resolved.find((item) => item.accountIds.length > 1) ?? resolved[0];
      const list = shared.accountIds.map((id) => names.get(id)).join(', ');
      const count = shared.accountIds.length;
      const belongs = shared.incomplete ? `more accounts than were read (${count} checked: ${list})` : `${count} accounts (${list})`;
      return none('ambiguous', `${label(shared)} belongs to ${belongs}.${unreadNote(shared)}`);
    }
  }

  const against = resolved.find((item) => !item.accountIds.includes(accountId!));
  if (against) {
    return none('conflict', `${label(decider)} points to ${names.get(accountId!)}, but ${label(against)} points to ${against.accountIds.map((id) => names.get(id)).join(', ')}.`);
  }
  if (confidence < settings.minConfidence) {
    return none('weak_evidence', `Only ${label(decider)} points to ${names.get(accountId!)} (confidence ${confidence}).`);
  }
  const agreeing = resolved.filter((item) => item !== decider && item.kind !== decider.kind).map((item) => item.kind);
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
