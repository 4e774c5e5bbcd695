/**
 * What a person's choice teaches the app about a payer: the CRM customer ID
 * on the Mollie customer, the payer's IBAN and e-mail on the account. Each
 * fact the payment carries gives one line; then the key the payer's next
 * payment will match on, in the engine's own words.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { CrmAccount, CrmAdapter } from '../crm/adapter';
import type { MatchedBy, PaymentReading } from '../matching';
import type { MollieCustomer } from '../mollie/types';
import { teachEmail, teachIban } from './accountFacts';
import { teachCustomer } from './customerMetadata';
import { FACT_WORDS, type Taught, type TaughtLine } from './lines';

export interface Lesson {
  lines: TaughtLine[];
  /** The key the payer's next payment will match on ('' when none will). */
  nextMatchBy: MatchedBy | '';
  /** One sentence: what was taught, and how the next payment will be matched. */
  summary: string;
}

export interface TeachInput {
  adapter: CrmAdapter;
  account: CrmAccount;
  reading: PaymentReading;
  customer: MollieCustomer | null;
  paymentId: string;
}

/** The strongest key the payer now carries on this account alone: the Mollie customer, then the IBAN, then the e-mail. */
const nextKey = (facts: Taught[]): MatchedBy | '' =>
  (['mollie_customer', 'iban', 'email'] as const).find((fact) =>
    facts.some((item) => item.decides && item.line.fact === fact),
  ) ?? '';

const summaryOf = (lines: TaughtLine[], next: MatchedBy | '', input: TeachInput): string => {
  if (lines.length === 0)
    return 'Nothing was taught: the payment names no Mollie customer, IBAN or e-mail of the payer. The next payment goes to review again unless it names its invoice or customer ID.';
  const list = (outcome: TaughtLine['outcome']) =>
    lines.filter((item) => item.outcome === outcome).map((item) => FACT_WORDS[item.fact]);
  const taught = list('taught');
  const kept = list('already there');
  const parts = [
    taught.length ? `Taught: ${taught.join(', ')}.` : 'Nothing new was taught.',
    kept.length ? `Already known: ${kept.join(', ')}.` : '',
  ];
  const value = lines.find((item) => item.fact === next)?.value;
  const how: Record<MatchedBy, string> = {
    mollie_customer: `by Mollie customer metadata (payments of Mollie customer ${input.customer?.id ?? ''} carry ${value})`,
    iban: `by IBAN (${value})`,
    email: `by e-mail (${value})`,
    metadata_id: 'by the customer ID in its metadata',
    invoice_number: 'by its invoice number',
  };
  parts.push(
    next
      ? `The payer's next payment matches ${input.account.name} ${how[next]}.`
      : "Nothing identifies the payer's next payment yet: it goes to review again unless it names its invoice or customer ID.",
  );
  return parts.filter(Boolean).join(' ');
};

/** Teaches every fact the payment carries, one after the other; a vendor failure ends the step (a replay teaches what is left). */
export const teach = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  input: TeachInput,
): Promise<Lesson> => {
  const { adapter, account, reading, customer, paymentId } = input;
  const facts: Taught[] = [];
  if (customer) facts.push(await teachCustomer(z, bundle, customer, reading, account, paymentId));
  const iban = reading.payerIban?.iban ?? reading.ibans[0]?.iban;
  const email = reading.emails[0]?.address;
  const learning = iban || email ? await adapter.learning() : undefined;
  if (iban && learning) facts.push(await teachIban(adapter, learning, account, iban));
  if (email && learning)
    facts.push(await teachEmail(adapter, learning, account, email, reading.payerName?.value));
  const lines = facts.map((item) => item.line);
  const nextMatchBy = nextKey(facts);
  return { lines, nextMatchBy, summary: summaryOf(lines, nextMatchBy, input) };
};
