import type { MollieClient } from '../mollie/client';
import type { MollieCustomer, MolliePayment } from '../mollie/types';
import { candidateQuery, matchPayment } from '../matching';
import type { MatchResult } from '../matching';
import type { CrmAccount, CrmAdapter } from '../crm/adapter';

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
}

/**
 * Which CRM account a payment belongs to: reads the payment's Mollie customer
 * (when it has one), asks the CRM once for the accounts the payment's keys
 * point to (at most MAX_ACCOUNTS_PER_KEY per key), and lets the matching
 * engine decide — or refuse.
 */
export const accountForPayment = async (mollie: MollieClient, adapter: CrmAdapter, payment: MolliePayment): Promise<PaymentMatch> => {
  const customer: MollieCustomer | undefined = payment.customerId ? ((await mollie.customers.get(payment.customerId)) ?? undefined) : undefined;
  const query = { ...candidateQuery(payment, customer), maxPerKey: MAX_ACCOUNTS_PER_KEY, incomplete: new Set<string>() };
  const hasKeys = query.emails.length + query.customerIds.length + query.invoiceNumbers.length + (query.ibans?.length ?? 0) > 0;
  const candidates = hasKeys ? await adapter.findCandidates(query) : [];
  const result = matchPayment(payment, customer, candidates, { incompleteKeys: query.incomplete });
  return { result, candidates, account: candidates.find((account) => account.id === result.accountId) };
};
