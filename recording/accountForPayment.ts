import { matchReading, queryFor } from '../matching';
import type { CandidateQuery, MatchResult, PaymentReading } from '../matching';
import type { CrmAccount, CrmAdapter } from '../crm/adapter';
import type { MolliePayment } from '../mollie/types';
import { readStepPayment, type PaymentSource, type StepPayment } from './stepReading';

/**
 * At most this many accounts are read per key: an e-mail shared by more is
 * ambiguous anyway, and reading all of them would spend the run's 30 s and
 * the CRM's rate limit on one payment. The explanation says what was not read.
 */
export const MAX_ACCOUNTS_PER_KEY = 10;

export interface PaymentMatch {
  result: MatchResult;
  /** The chosen account, when the engine chose one. */
  account?: CrmAccount;
  /** Every account the CRM returned for the payment's keys. */
  candidates: CrmAccount[];
  /** The payment as the step read it (with its customer and mandates). */
  read: StepPayment;
}

/** Asks the CRM once for the accounts these keys point to (at most MAX_ACCOUNTS_PER_KEY per key), and lets the engine decide. */
export const matchOnKeys = async (adapter: CrmAdapter, reading: PaymentReading, keys: CandidateQuery) => {
  const query = { ...keys, maxPerKey: MAX_ACCOUNTS_PER_KEY, incomplete: new Set<string>() };
  const hasKeys =
    query.emails.length +
      query.customerIds.length +
      query.invoiceNumbers.length +
      (query.ibans?.length ?? 0) >
    0;
  const candidates = hasKeys ? await adapter.findCandidates(query) : [];
  const result = matchReading(reading, candidates, { incompleteKeys: query.incomplete });
  return { result, candidates, account: candidates.find((account) => account.id === result.accountId) };
};

/**
 * Which CRM account a payment belongs to: reads the payment as every step
 * reads it (./stepReading.ts), asks the CRM once for the accounts its keys
 * point to, and lets the matching engine decide — or refuse.
 */
export const accountForPayment = async (
  source: PaymentSource,
  adapter: CrmAdapter,
  payment: MolliePayment,
  read?: StepPayment,
): Promise<PaymentMatch> => {
  const step = read ?? (await readStepPayment(source, payment));
  return { ...(await matchOnKeys(adapter, step.reading, queryFor(step.reading))), read: step };
};
