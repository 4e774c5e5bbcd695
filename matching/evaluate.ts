/**
 * Scores the engine on a labelled case file (../shared/matching-cases.md):
 * one line per case, then precision, recall and false matches, beside the
 * exact-e-mail-only baseline.
 */
import { exactEmailBaseline } from './baseline';
import { matchPayment } from './engine';
import type {
  MatchAccount,
  MatchCustomerInput,
  MatchedBy,
  MatchMandateInput,
  MatchOptions,
  MatchPaymentInput,
} from './types';

export interface MatchingCase {
  id: string;
  payment: MatchPaymentInput;
  customer?: MatchCustomerInput | null;
  /** Optional: the customer's Mollie mandates (their consumerAccount is the payer's IBAN). */
  mandates?: MatchMandateInput[] | null;
  accounts: MatchAccount[];
  expected: string | null;
  /** The case's class (e.g. `invoice-words-de`): scores are also printed per kind. */
  kind?: string;
  /** The rule that decides it, for people; ignored by the evaluation. */
  why?: string;
  /** Free text for people reading the file; ignored by the evaluation. */
  note?: string;
}

export interface CaseOutcome {
  id: string;
  accountId: string | null;
  matchedBy: MatchedBy | null;
  confidence: number;
  correct: boolean;
}

export interface Score {
  precision: number;
  recall: number;
  falseMatches: number;
  cases: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const isStringArray = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Checks a parsed case file; the message says which case and what is wrong. */
export const readCases = (data: unknown): MatchingCase[] => {
  if (!Array.isArray(data)) throw new Error('the file must hold a JSON array of cases');
  const ids = new Set<string>();
  data.forEach((item: unknown, index) => {
    const where = `case #${index + 1}${isObject(item) && typeof item.id === 'string' ? ` (${item.id})` : ''}`;
    if (!isObject(item)) throw new Error(`${where} is not an object`);
    if (typeof item.id !== 'string' || !item.id) throw new Error(`${where}: "id" must be a non-empty string`);
    if (ids.has(item.id)) throw new Error(`${where}: the id is used twice`);
    ids.add(item.id);
    if (!isObject(item.payment)) throw new Error(`${where}: "payment" must be an object`);
    if (item.customer !== undefined && item.customer !== null && !isObject(item.customer))
      throw new Error(`${where}: "customer" must be an object`);
    if (!Array.isArray(item.accounts)) throw new Error(`${where}: "accounts" must be an array`);
    const accountIds = new Set<string>();
    for (const account of item.accounts as unknown[]) {
      if (!isObject(account) || typeof account.id !== 'string' || typeof account.name !== 'string') {
        throw new Error(`${where}: every account needs a string "id" and "name"`);
      }
      if (!isStringArray(account.emails) || !isStringArray(account.customerIds)) {
        throw new Error(`${where}: account ${account.id} needs "emails" and "customerIds" arrays of strings`);
      }
      if (account.invoices !== undefined && !Array.isArray(account.invoices))
        throw new Error(`${where}: account ${account.id} "invoices" must be an array`);
      if (account.ibans !== undefined && !isStringArray(account.ibans))
        throw new Error(`${where}: account ${account.id} "ibans" must be an array of strings`);
      accountIds.add(account.id);
    }
    if (item.mandates !== undefined && item.mandates !== null && !Array.isArray(item.mandates))
      throw new Error(`${where}: "mandates" must be an array`);
    if (item.kind !== undefined && typeof item.kind !== 'string')
      throw new Error(`${where}: "kind" must be a string`);
    if (item.expected !== null && typeof item.expected !== 'string')
      throw new Error(`${where}: "expected" must be an account id or null`);
    if (typeof item.expected === 'string' && !accountIds.has(item.expected)) {
      throw new Error(`${where}: "expected" names ${item.expected}, which is not among its accounts`);
    }
  });
  return data as MatchingCase[];
};

export const score = (outcomes: Array<{ accountId: string | null }>, cases: MatchingCase[]): Score => {
  let answered = 0;
  let correct = 0;
  let falseMatches = 0;
  outcomes.forEach((outcome, index) => {
    if (outcome.accountId === null) return;
    answered++;
    if (outcome.accountId === cases[index].expected) correct++;
    else falseMatches++;
  });
  const positives = cases.filter((item) => item.expected !== null).length;
  return {
    // With no answer at all, no answer was wrong.
    precision: answered === 0 ? 1 : correct / answered,
    recall: positives === 0 ? 1 : correct / positives,
    falseMatches,
    cases: cases.length,
  };
};

export const evaluate = (cases: MatchingCase[], options: MatchOptions = {}) => {
  const outcomes: CaseOutcome[] = cases.map((item) => {
    const result = matchPayment(item.payment, item.customer ?? undefined, item.accounts, {
      ...options,
      mandates: item.mandates ?? undefined,
    });
    return {
      id: item.id,
      accountId: result.accountId,
      matchedBy: result.matchedBy,
      confidence: result.confidence,
      correct: result.accountId === item.expected,
    };
  });
  const baseline = cases.map((item) => ({
    accountId: exactEmailBaseline(item.payment, item.customer ?? undefined, item.accounts),
  }));
  return {
    outcomes,
    score: score(outcomes, cases),
    baseline: score(baseline, cases),
    byKind: scoreByKind(outcomes, cases),
  };
};

/** The score of each `kind` of case, in the order kinds first appear; empty when no case has a kind. */
export const scoreByKind = (
  outcomes: Array<{ accountId: string | null }>,
  cases: MatchingCase[],
): Array<{ kind: string; score: Score }> => {
  if (!cases.some((item) => item.kind)) return [];
  const groups = new Map<string, number[]>();
  cases.forEach((item, index) => {
    const kind = item.kind ?? '(none)';
    groups.set(kind, [...(groups.get(kind) ?? []), index]);
  });
  return [...groups].map(([kind, indexes]) => ({
    kind,
    score: score(
      indexes.map((i) => outcomes[i]),
      indexes.map((i) => cases[i]),
    ),
  }));
};

const fixed = (value: number) => value.toFixed(3);

export const summaryLine = (s: Score) =>
  `precision=${fixed(s.precision)} recall=${fixed(s.recall)} false_matches=${s.falseMatches} cases=${s.cases}`;

/** One line per kind, after the summary and the baseline: `kind=invoice-words-de precision=… recall=… false_matches=… cases=…`. */
export const kindLine = (kind: string, s: Score) => `kind=${kind} ${summaryLine(s)}`;

export const baselineLine = (s: Score) =>
  `baseline exact-email: precision=${fixed(s.precision)} recall=${fixed(s.recall)} false_matches=${s.falseMatches}`;
