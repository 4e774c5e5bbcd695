/**
 * From a payment's reading and the candidate accounts to evidence: each fact
 * resolved to the accounts holding it, with how sure it is. The accounts are
 * indexed once per call, so the cost is linear in the facts plus the
 * accounts' data.
 */
import { addsUpTo, describeMoney, sameAmount, type MatchMoney } from './amounts';
import { baseEmail, emailsIn } from './emails';
import { normalIban } from './ibans';
import { canonicalInvoiceNumber, isShortForm, sequenceOf } from './invoiceNumbers';
import type { NumberFact, PaymentReading } from './reading';
import type { Evidence, MatchAccount, CrmInvoice } from './types';

/** How sure each kind of key is when it points to exactly one account. */
export const CONFIDENCE = {
  metadataId: 1,
  invoiceWithAmount: 0.95,
  /** The payment's Mollie customer: its cst_ id held in the CRM, or the CRM id in the customer's metadata. */
  mollieCustomer: 0.9,
  /** The payer's IBAN held on exactly one account. */
  iban: 0.85,
  /** "#12" matched to INV-2024-0012 by its sequence number, with the exact amount, the only such invoice. */
  invoiceShortForm: 0.85,
  email: 0.8,
  /** Several keys, each shared by a few accounts, that together leave exactly one. */
  narrowed: 0.75,
  /** "jan+shop@x.nl" for "jan@x.nl". */
  emailWithoutPlusTag: 0.7,
} as const;

interface KnownInvoice {
  accountId: string;
  number: string;
  amount: MatchMoney;
  state: CrmInvoice['state'];
}

/** A customer ID as compared: trimmed, case-insensitive. "C-1042" = " c-1042 ". */
export const normalId = (raw: unknown): string | undefined => {
  const text =
    typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  return text ? text.toLowerCase() : undefined;
};

class MultiMap<V> {
  private readonly map = new Map<string, V[]>();
  add(key: string | undefined, value: V) {
    if (key === undefined) return;
    const list = this.map.get(key);
    if (!list) this.map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  }
  get(key: string): V[] {
    return this.map.get(key) ?? [];
  }
}

/** The candidate accounts indexed by the keys the engine compares; each index is built on first use, so a payment with only an e-mail never indexes invoices. */
export class AccountIndex {
  private readonly built = new Map<string, MultiMap<unknown>>();
  private invoiceMaps?: { exact: MultiMap<KnownInvoice>; sequence: MultiMap<KnownInvoice> };

  constructor(private readonly accounts: MatchAccount[]) {}

  private index<V>(name: string, fill: (into: MultiMap<V>, account: MatchAccount) => void): MultiMap<V> {
    let map = this.built.get(name) as MultiMap<V> | undefined;
    if (!map) {
      map = new MultiMap<V>();
      for (const account of this.accounts) fill(map, account);
      this.built.set(name, map as MultiMap<unknown>);
    }
    return map;
  }

  byEmail(address: string): string[] {
    return this.index<string>('email', (map, account) =>
      emailsIn(...account.emails).forEach((email) => map.add(email, account.id)),
    ).get(address);
  }

  byMailbox(mailbox: string): string[] {
    return this.index<string>('mailbox', (map, account) =>
      emailsIn(...account.emails).forEach((email) => map.add(baseEmail(email), account.id)),
    ).get(mailbox);
  }

  byId(id: string): string[] {
    return this.index<string>('id', (map, account) => {
      map.add(normalId(account.id), account.id);
      for (const customerId of account.customerIds) map.add(normalId(customerId), account.id);
    }).get(id);
  }

  byIban(iban: string): string[] {
    return this.index<string>('iban', (map, account) =>
      (account.ibans ?? []).forEach((written) => map.add(normalIban(written), account.id)),
    ).get(iban);
  }

  /** Invoices by canonical number. */
  invoices(canonical: string): KnownInvoice[] {
    return this.invoiceIndex().exact.get(canonical);
  }

  /** Invoices with a multi-group number, by their last group (for short forms such as "#12"). */
  bySequence(sequence: string): KnownInvoice[] {
    return this.invoiceIndex().sequence.get(sequence);
  }

  private invoiceIndex() {
    if (!this.invoiceMaps) {
      const maps = { exact: new MultiMap<KnownInvoice>(), sequence: new MultiMap<KnownInvoice>() };
      for (const account of this.accounts) {
        for (const invoice of account.invoices ?? []) {
          const canonical = canonicalInvoiceNumber(invoice.number);
          if (!canonical) continue;
          const known = {
            accountId: account.id,
            number: invoice.number,
            amount: invoice.amount,
            state: invoice.state,
          };
          maps.exact.add(canonical, known);
          if (!isShortForm(canonical)) maps.sequence.add(sequenceOf(canonical), known);
        }
      }
      this.invoiceMaps = maps;
    }
    return this.invoiceMaps;
  }
}

const unique = (values: string[]) => [...new Set(values)];
const payable = (invoice: KnownInvoice, amount: MatchMoney | undefined) =>
  invoice.state !== 'paid' && sameAmount(invoice.amount, amount);

/**
 * Invoice evidence. A reference the payment marks as an invoice: its exact
 * number decides with the invoice's amount and otherwise only corroborates or
 * contradicts; a short form (`#12`) may stand for the one invoice with that
 * sequence and exactly the payment's amount. An unmarked number counts only
 * as an exact invoice number with its amount, and says nothing otherwise.
 * Several invoices of one account adding up to the payment decide together.
 */
const invoiceEvidence = (reading: PaymentReading, index: AccountIndex): Evidence[] => {
  const amount = reading.amount ?? undefined;
  const evidence: Evidence[] = [];
  const hits: KnownInvoice[][] = [];
  const base = (key: NumberFact) => ({
    kind: 'invoice_number' as const,
    source: key.source,
    value: key.number,
  });

  for (const key of reading.invoices) {
    const exact = index.invoices(key.canonical);
    const otherYear = withOtherYear(key.canonical);
    const byYear = otherYear ? index.invoices(otherYear).filter((invoice) => payable(invoice, amount)) : [];
    if (exact.length === 0 && byYear.length > 0) {
      hits.push(byYear);
      const note = `${key.number} read as ${byYear[0].number}, the year written ${otherYear!.length > key.canonical.length ? 'short' : 'in full'}`;
      evidence.push({
        ...base(key),
        accountIds: unique(byYear.map((invoice) => invoice.accountId)),
        confidence: CONFIDENCE.invoiceShortForm,
        decisive: true,
        note,
      });
      continue;
    }
    if (exact.length > 0) {
      hits.push(exact);
      const fits = exact.some((invoice) => payable(invoice, amount));
      const note = fits
        ? undefined
        : exact[0].state === 'paid'
          ? `invoice ${exact[0].number} is already paid`
          : `payment amount ${describeMoney(amount)} differs from invoice ${exact[0].number} (${describeMoney(exact[0].amount)})`;
      // A short reference (`Rechnung 24`) that is one invoice's whole number may as well be another's sequence (RE-2026-0024).
      // So may a number with its year written the other way (`26-0012` for 2026-0012).
      const alsoSequence =
        fits && isShortForm(key.canonical)
          ? index.bySequence(key.canonical).filter((invoice) => payable(invoice, amount))
          : [];
      const accountIds = unique(
        [...exact, ...alsoSequence, ...(fits ? byYear : [])].map((invoice) => invoice.accountId),
      );
      evidence.push({
        ...base(key),
        accountIds,
        confidence: CONFIDENCE.invoiceWithAmount,
        decisive: fits,
        ...(note ? { note } : {}),
      });
    } else if (isShortForm(key.canonical)) {
      const bySequence = index.bySequence(key.canonical).filter((invoice) => payable(invoice, amount));
      const note =
        bySequence.length === 0
          ? 'no invoice with this sequence number and this amount'
          : `sequence number of ${bySequence.map((invoice) => invoice.number).join(', ')} with the same amount`;
      evidence.push({
        ...base(key),
        accountIds: unique(bySequence.map((invoice) => invoice.accountId)),
        confidence: CONFIDENCE.invoiceShortForm,
        decisive: true,
        note,
      });
    } else {
      evidence.push({
        ...base(key),
        accountIds: [],
        confidence: CONFIDENCE.invoiceWithAmount,
        decisive: true,
        note: 'no such invoice in the CRM',
      });
    }
  }
  for (const key of reading.unmarkedNumbers) {
    const exact = index.invoices(key.canonical);
    if (exact.length > 0) hits.push(exact);
    const fitting = exact.filter((invoice) => payable(invoice, amount));
    if (fitting.length === 0) continue;
    const accountIds = unique(fitting.map((invoice) => invoice.accountId));
    evidence.push({
      ...base(key),
      accountIds,
      confidence: CONFIDENCE.invoiceWithAmount,
      decisive: true,
      note: 'the exact invoice number with its amount, written without an invoice word',
    });
  }

  if (!evidence.some((item) => item.decisive && item.accountIds.length > 0) && amount) {
    const together = addingUp(hits, amount) ?? addingUp([...hits, ...shortFormHits(reading, index)], amount);
    if (together) {
      evidence.push({
        kind: 'invoice_number',
        source: reading.invoices[0]?.source ?? reading.unmarkedNumbers[0]?.source ?? 'description',
        value: together.map((invoice) => invoice.number).join(' + '),
        accountIds: [together[0].accountId],
        confidence: CONFIDENCE.invoiceWithAmount,
        decisive: true,
        note: 'these invoices together add up to the payment',
      });
    }
  }
  return evidence;
};

/**
 * Several invoices of one account paid at once: each reference names invoices of that one account only,
 * and the first of each adds up to the payment with the others.
 */
const addingUp = (hits: KnownInvoice[][], amount: MatchMoney): KnownInvoice[] | undefined => {
  const owners = new Set(hits.flat().map((invoice) => invoice.accountId));
  if (hits.length < 2 || owners.size !== 1) return undefined;
  const invoices = hits.map((list) => list[0]);
  return invoices.every((invoice) => invoice.state !== 'paid') &&
    addsUpTo(
      invoices.map((invoice) => invoice.amount),
      amount,
    )
    ? invoices
    : undefined;
};

/**
 * The invoices the marked short forms of a list stand for (`fact. 12 + 13` for 2026-0012 and 2026-0013):
 * each short form must name exactly one open invoice by its sequence, or none of them counts.
 */
const shortFormHits = (reading: PaymentReading, index: AccountIndex): KnownInvoice[][] => {
  const shortForms = reading.invoices.filter(
    (key) => isShortForm(key.canonical) && index.invoices(key.canonical).length === 0,
  );
  const lists = shortForms.map((key) =>
    index.bySequence(key.canonical).filter((invoice) => invoice.state !== 'paid'),
  );
  return lists.length > 0 && lists.every((list) => list.length === 1) ? lists : [];
};

/**
 * A marked reference with the year written short or in full the other way (`26-0012` ↔ `2026-0012`,
 * `2026/117` ↔ `26/117`): the same invoice when one CRM invoice has it with the payment's amount.
 */
const withOtherYear = (canonical: string): string | undefined => {
  const [first, ...rest] = canonical.split('-');
  if (rest.length === 0 || !/^\d/.test(rest[0])) return undefined;
  if (/^\d{2}$/.test(first)) return ['20' + first, ...rest].join('-');
  if (/^20\d{2}$/.test(first)) return [first.slice(2), ...rest].join('-');
  return undefined;
};

/** Every fact of the reading resolved against the accounts. `incomplete` holds the query keys the CRM had more accounts for than were read. */
export const gatherEvidence = (
  reading: PaymentReading,
  accounts: MatchAccount[],
  incomplete: ReadonlySet<string>,
  plusAddressing: boolean,
): Evidence[] => {
  const index = new AccountIndex(accounts);
  const partly = (...keys: string[]) => (keys.some((key) => incomplete.has(key)) ? { incomplete: true } : {});
  const evidence: Evidence[] = [];
  const id = (
    kind: 'metadata_id' | 'mollie_customer',
    source: string,
    value: string,
    confidence: number,
    linkedFrom?: string,
  ) =>
    evidence.push({
      kind,
      source,
      value,
      accountIds: index.byId(normalId(value)!),
      confidence,
      decisive: true,
      ...partly(value),
      ...(linkedFrom ? { linkedFrom } : {}),
    });

  for (const fact of reading.customerIds) id('metadata_id', fact.source, fact.value, CONFIDENCE.metadataId);
  if (reading.mollieCustomerId)
    id('mollie_customer', 'customerId', reading.mollieCustomerId, CONFIDENCE.mollieCustomer);
  for (const fact of reading.customerMetadataIds)
    id('mollie_customer', fact.source, fact.value, CONFIDENCE.mollieCustomer, fact.linkedFrom);
  evidence.push(...invoiceEvidence(reading, index));
  for (const fact of reading.ibans) {
    evidence.push({
      kind: 'iban',
      source: fact.source,
      value: fact.iban,
      accountIds: index.byIban(fact.iban),
      confidence: CONFIDENCE.iban,
      decisive: true,
      ...partly(fact.iban),
    });
  }
  for (const fact of reading.emails) {
    const base = {
      kind: 'email' as const,
      source: fact.source,
      value: fact.written,
      decisive: true,
      ...partly(fact.address),
    };
    const exact = index.byEmail(fact.address);
    if (exact.length > 0 || !plusAddressing) {
      evidence.push({ ...base, accountIds: exact, confidence: CONFIDENCE.email });
      continue;
    }
    const mailbox = baseEmail(fact.address);
    const sameMailbox = index.byMailbox(mailbox);
    evidence.push({
      ...base,
      ...partly(fact.address, mailbox),
      accountIds: sameMailbox,
      confidence: CONFIDENCE.emailWithoutPlusTag,
      ...(sameMailbox.length > 0 ? { note: `same mailbox as ${mailbox} without the +tag` } : {}),
    });
  }
  return evidence;
};
