import type { MollieClient } from '../mollie/client';
import type { MollieCustomer, MolliePayment } from '../mollie/types';
import { candidateQuery, matchPayment } from '../matching';
import type { MatchResult } from '../matching';
import type { CrmAccount, CrmAdapter } from './adapter';

export interface PaymentMatch {
  result: MatchResult;
  /** The chosen account, when the engine chose one. */
  account?: CrmAccount;
  /** Every account the CRM returned for the payment's keys. */
  candidates: CrmAccount[];
}

/**
 * Which CRM account a payment belongs to: reads the payment's Mollie customer
 * (when it has one), asks the CRM once for every account any of the payment's
 * keys points to, and lets the matching engine decide — or refuse.
 */
export const accountForPayment = async (mollie: MollieClient, adapter: CrmAdapter, payment: MolliePayment): Promise<PaymentMatch> => {
  const customer: MollieCustomer | undefined = payment.customerId ? ((await mollie.customers.get(payment.customerId)) ?? undefined) : undefined;
  const query = candidateQuery(payment, customer);
  const hasKeys = query.emails.length + query.customerIds.length + query.invoiceNumbers.length > 0;
  const candidates = hasKeys ? await adapter.findCandidates(query) : [];
  const result = matchPayment(payment, customer, candidates);
  return { result, candidates, account: candidates.find((account) => account.id === result.accountId) };
};
