/**
 * What Link Payment to CRM Account says about each fact it tried to teach:
 * one line per fact, as Zapier line items.
 */
export type TaughtFact = 'mollie_customer' | 'iban' | 'email';
export type Outcome = 'taught' | 'already there' | 'refused';

export interface TaughtLine {
  /** Which key of the payer: the CRM customer ID on the Mollie customer, the IBAN, the e-mail. */
  fact: TaughtFact;
  /** The value taught (or not), e.g. "CUST-1042", "NL91ABNA0417164300", "jan@example.nl". */
  value: string;
  outcome: Outcome;
  /** Where it went, or why not, in words for people. */
  reason: string;
}

export const FACT_WORDS: Record<TaughtFact, string> = {
  mollie_customer: 'Mollie customer metadata',
  iban: 'IBAN',
  email: 'e-mail',
};

export const line = (fact: TaughtFact, value: string, outcome: Outcome, reason: string): TaughtLine => ({
  fact,
  value,
  outcome,
  reason,
});

/** A line, and whether the fact now identifies the payer on this account alone (what the next payment can match on). */
export interface Taught {
  line: TaughtLine;
  decides: boolean;
}

export const taught = (item: TaughtLine, decides = item.outcome !== 'refused'): Taught => ({
  line: item,
  decides,
});
