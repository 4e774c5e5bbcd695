/**
 * THE reading of a Mollie payment: every fact it carries about whose it is,
 * each with where it was read. Every step that needs an invoice number, a
 * customer id, the payer's e-mail or IBAN reads it here, so all steps read a
 * payment alike. Pure and synchronous.
 *
 *   const facts = readPayment(payment, { customer, mandates });
 *   facts.invoices        // [{ number: 'RE-2026-0024', canonical: '2026-24', source: 'description' }, …]
 *   facts.orderNumbers    // never invoice numbers
 *   facts.customerIds     // CRM customer ids from the payment's metadata
 *   facts.emails          // comparable addresses (matching/emails.ts)
 *   facts.payerIban       // details.consumerAccount on bank payments
 *
 * Rules: metadata keys compared folded, in the languages of Mollie's markets
 * (metadata.ts); metadata sent as a JSON string is read as JSON; text is read
 * by references.ts (invoice words, lists, noise); several invoices are
 * several, in the order read (metadata invoice keys, then the description,
 * then other metadata text), without repeats.
 */
import { moneyOf, type MatchMoney } from './amounts';
import { emailsIn } from './emails';
import { IBAN_METHODS, normalIban } from './ibans';
import { canonicalInvoiceNumber } from './invoiceNumbers';
import { isPluralKey, isTextKey, meaningOf, metadataKey, metadataValues, type KeyMeaning } from './metadata';
import { linkedFrom } from './linkedCustomer';
import { readText, type FoundNumber } from './references';
import type { NoiseKind } from './tokens';
import type { MatchCustomerInput, MatchMandateInput, MatchPaymentInput, ReadingKeys } from './types';

/** A number read from the payment, and where: "description", "metadata.invoiceNumber", "metadata.invoices[1]", "metadata". */
export interface NumberFact {
  /** As written, e.g. "RE-2026-0024" or "2026/0621". */
  number: string;
  /** The canonical form (matching/invoiceNumbers.ts), e.g. "2026-24". */
  canonical: string;
  source: string;
  /** An invoice reference marked only by `#` ("#12 webshop"): weaker than one with an invoice word or code. */
  weak?: true;
}

export interface ValueFact {
  value: string;
  source: string;
  /** For a customer ID an earlier "Link Payment to CRM Account" wrote into the Mollie customer: the payment (tr_…) linked then. */
  linkedFrom?: string;
}

export interface EmailFact {
  /** Comparable form: lower case, IDNA (punycode) domain. */
  address: string;
  /** As the payment holds it, e.g. "\"Jan\" <JAN@X.NL>". */
  written: string;
  source: string;
}

export interface IbanFact {
  /** Electronic form, e.g. "NL91ABNA0417164300". */
  iban: string;
  source: string;
}

export interface IgnoredFact {
  text: string;
  kind: NoiseKind;
  source: string;
}

export interface PaymentReading {
  /** The payment's amount, when it has a valid one. */
  amount: MatchMoney | null;
  /** Invoice references: metadata invoice keys, invoice words, invoice codes, `#12`. Several are several. */
  invoices: NumberFact[];
  /** Numbers nothing marks (not noise, not an order or customer number): each may only be an exact invoice number. */
  unmarkedNumbers: NumberFact[];
  /** Order numbers (metadata order keys, "Order #5520", "Bestellung 4711"): never invoice numbers. */
  orderNumbers: NumberFact[];
  /** CRM customer ids in the payment's metadata (customerId, crmId, klantnummer, …). */
  customerIds: ValueFact[];
  /** The payer's e-mails: billing address, billingEmail, PayPal payer, metadata, the Mollie customer. */
  emails: EmailFact[];
  /** The payer's IBAN on this payment (`details.consumerAccount` on bank payments), or null. */
  payerIban: IbanFact | null;
  /** Every payer IBAN: this payment's, then the customer's mandates'. */
  ibans: IbanFact[];
  /** The payer's name (`details.consumerName`, else the card holder, the billing name, the customer's name): never evidence. */
  payerName: ValueFact | null;
  /** The Mollie customer (cst_…) the payment belongs to, or null. */
  mollieCustomerId: string | null;
  /** CRM customer ids in the Mollie customer's metadata (as "Link Payment to CRM Account" writes them). */
  customerMetadataIds: ValueFact[];
  /** What the text held that is not evidence (postcodes, dates, amounts, …), for explanations and tests. */
  ignored: IgnoredFact[];
}

export interface ReadingContext {
  /** The Mollie customer (GET /v2/customers/{customerId}), when the step has it. */
  customer?: MatchCustomerInput | null;
  /** The customer's mandates, when the step has them. */
  mandates?: MatchMandateInput[] | null;
  /** The business's own metadata keys, added to the built-in ones. */
  keys?: ReadingKeys;
}

const field = (object: unknown, key: string): unknown =>
  object && typeof object === 'object' ? (object as Record<string, unknown>)[key] : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim()
    ? value.trim()
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : undefined;

const extraKeys = (keys: ReadingKeys = {}): Partial<Record<KeyMeaning, ReadonlySet<string>>> => ({
  customerId: new Set((keys.metadataIdKeys ?? []).map(metadataKey)),
  invoice: new Set((keys.metadataInvoiceKeys ?? []).map(metadataKey)),
  email: new Set((keys.metadataEmailKeys ?? []).map(metadataKey)),
});

/** Collects facts without repeats (numbers by canonical form, e-mails by address, ids and IBANs by value). */
class Facts {
  readonly reading: PaymentReading;
  private readonly seen = new Map<string, Set<string>>();

  constructor(amount: MatchMoney | null) {
    this.reading = {
      amount,
      invoices: [],
      unmarkedNumbers: [],
      orderNumbers: [],
      customerIds: [],
      emails: [],
      payerIban: null,
      ibans: [],
      payerName: null,
      mollieCustomerId: null,
      customerMetadataIds: [],
      ignored: [],
    };
  }

  /** Whether `value` is new in `list` (and remembers it). */
  fresh(list: string, value: string): boolean {
    const seen = this.seen.get(list) ?? new Set<string>();
    this.seen.set(list, seen);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  }

  numbers(list: 'invoices' | 'unmarkedNumbers' | 'orderNumbers', found: FoundNumber[], source: string) {
    for (const { number, canonical, weak } of found) {
      if (this.fresh(list, canonical))
        this.reading[list].push({ number, canonical, source, ...(weak ? { weak } : {}) });
    }
  }

  /** `hashMarks` false: a `#` alone marks no invoice (a shop's value under a key of its own, `{"name": "#1001"}`); the number stays unmarked. */
  text(value: string, source: string, assume?: 'invoice' | 'order', plural = false, hashMarks = true) {
    const read = readText(value, { assume, plural });
    this.numbers('invoices', hashMarks ? read.invoices : read.invoices.filter((item) => !item.weak), source);
    if (!hashMarks)
      this.numbers(
        'unmarkedNumbers',
        read.invoices.filter((item) => item.weak).map(({ number, canonical }) => ({ number, canonical })),
        source,
      );
    this.numbers('orderNumbers', read.orders, source);
    this.numbers('unmarkedNumbers', read.unmarked, source);
    this.reading.ignored.push(...read.ignored.map((item) => ({ ...item, source })));
  }

  email(written: unknown, source: string) {
    if (typeof written !== 'string') return;
    for (const address of emailsIn(written))
      if (this.fresh('emails', address))
        this.reading.emails.push({ address, written: written.trim(), source });
  }

  id(list: 'customerIds' | 'customerMetadataIds', value: string, source: string, from?: string) {
    if (this.fresh(list, value.toLowerCase()))
      this.reading[list].push({ value, source, ...(from ? { linkedFrom: from } : {}) });
  }

  iban(value: unknown, source: string) {
    const iban = normalIban(value);
    if (iban && this.fresh('ibans', iban)) this.reading.ibans.push({ iban, source });
  }
}

const readMetadata = (facts: Facts, metadata: unknown, keys: ReadingKeys | undefined) => {
  const values = metadataValues(metadata);
  const extra = extraKeys(keys);
  const source = (path: string) => (path ? `metadata.${path}` : 'metadata');
  const meanings = values.map((item) => (item.key ? meaningOf(item.key, extra) : undefined));
  values.forEach((item, index) => {
    const meaning = meanings[index];
    if (meaning === 'invoice')
      facts.text(
        item.value,
        source(item.path),
        'invoice',
        isPluralKey(item.lastKey) || /\[\d+\]$/.test(item.path),
      );
    else if (meaning === 'order') facts.text(item.value, source(item.path), 'order');
    else if (meaning === 'customerId') facts.id('customerIds', item.value, source(item.path));
    else if (meaning === 'email') facts.email(item.value, source(item.path));
  });
  return () =>
    values.forEach((item, index) => {
      if (!meanings[index] && (!item.key || isTextKey(item.lastKey)))
        facts.text(item.value, source(item.path), undefined, false, !item.key);
    });
};

/** The payer's name, from the most specific field that has one. */
const payerNameOf = (
  payment: MatchPaymentInput,
  customer: MatchCustomerInput | null | undefined,
): ValueFact | null => {
  const billing = payment.billingAddress;
  const billingName = [text(field(billing, 'givenName')), text(field(billing, 'familyName'))]
    .filter(Boolean)
    .join(' ');
  const candidates: Array<[unknown, string]> = [
    [field(payment.details, 'consumerName'), 'details.consumerName'],
    [field(payment.details, 'cardHolder'), 'details.cardHolder'],
    [field(billing, 'organizationName'), 'billingAddress.organizationName'],
    [billingName, 'billingAddress'],
    [customer?.name, 'customer.name'],
  ];
  for (const [value, source] of candidates) {
    const name = text(value);
    if (name) return { value: name, source };
  }
  return null;
};

/**
 * Reads a Mollie payment (GET /v2/payments/{id}), with its customer and the
 * customer's mandates where the step has them, into its facts. Never throws:
 * a field Mollie left out or that holds nonsense gives no fact.
 */
export const readPayment = (payment: MatchPaymentInput, context: ReadingContext = {}): PaymentReading => {
  const { customer, mandates, keys } = context;
  const facts = new Facts(moneyOf(payment.amount) ?? null);
  const reading = facts.reading;

  const otherMetadataText = readMetadata(facts, payment.metadata, keys);
  const description = text(payment.description);
  if (description) facts.text(description, 'description');
  otherMetadataText();

  const method = text(payment.method);
  if (!method || IBAN_METHODS.has(method))
    facts.iban(field(payment.details, 'consumerAccount'), 'details.consumerAccount');
  reading.payerIban = reading.ibans[0] ?? null;
  for (const [index, mandate] of (mandates ?? []).entries()) {
    facts.iban(
      field(mandate.details, 'consumerAccount'),
      `mandates.${text(mandate.id) ?? index}.details.consumerAccount`,
    );
  }

  facts.email(field(payment.billingAddress, 'email'), 'billingAddress.email');
  facts.email(payment.billingEmail, 'billingEmail');
  facts.email(field(payment.details, 'billingEmail'), 'details.billingEmail');
  if (!reading.payerIban) facts.email(field(payment.details, 'consumerAccount'), 'details.consumerAccount');
  if (customer) facts.email(customer.email, 'customer.email');

  reading.mollieCustomerId = text(payment.customerId) ?? text(customer?.id) ?? null;
  if (customer) {
    const extra = extraKeys(keys);
    const values = metadataValues(customer.metadata);
    for (const item of values) {
      const meaning = item.key ? meaningOf(item.key, extra) : undefined;
      if (meaning === 'customerId')
        facts.id(
          'customerMetadataIds',
          item.value,
          `customer.metadata.${item.path}`,
          linkedFrom(item.key, values),
        );
      else if (meaning === 'email') facts.email(item.value, `customer.metadata.${item.path}`);
    }
  }
  reading.payerName = payerNameOf(payment, customer);

  // A number that is an order number or a customer id elsewhere is not also an unmarked number or a `#` reference;
  // an invoice reference is not also unmarked.
  const otherwise = new Set(reading.orderNumbers.map((item) => item.canonical));
  for (const id of [...reading.customerIds, ...reading.customerMetadataIds])
    otherwise.add(canonicalInvoiceNumber(id.value) ?? '');
  reading.invoices = reading.invoices.filter((item) => !(item.weak && otherwise.has(item.canonical)));
  const known = new Set([...otherwise, ...reading.invoices.map((item) => item.canonical)]);
  reading.unmarkedNumbers = reading.unmarkedNumbers.filter((item) => !known.has(item.canonical));
  return reading;
};
