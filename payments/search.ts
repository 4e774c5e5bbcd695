/**
 * Find Payment: one payment by its id, or the newest payment for an e-mail
 * address and/or an invoice number.
 *
 * Mollie's payments API has no search by e-mail or invoice, so the newest
 * payments are read page by page (250 a page), at most MAX_SEARCH_PAGES and
 * only while the run has time (http/deadline.ts). When nothing is found and
 * older payments were not reached, the search says so in an error naming how
 * far back it looked, instead of answering "not found".
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { hasTimeFor, nowMs, withDeadline } from '../http/deadline';
import { normalEmail, sameInvoiceNumber } from '../matching';
import { mollieClient } from '../mollie/client';
import { missingFields } from '../mollie/entities';
import { paymentFacts } from '../mollie/paymentFacts';
import { normalizePayment, type NormalizedPayment } from '../outputs/payment';
import type { MolliePayment } from '../mollie/types';

export const SEARCH_PAGE_SIZE = 250;
/** 20 pages of 250: the newest 5,000 payments. */
export const MAX_SEARCH_PAGES = 20;
/** Time kept back after the last page, so the answer still gets out within the run. */
const RESERVE_MS = 2_000;

export interface PaymentQuery {
  email?: string;
  /** The invoice number as typed (compared with matching's `sameInvoiceNumber`). */
  invoiceText?: string;
}

/**
 * Whether the payment is the one asked for, as its one reading says: one of
 * its e-mails is the address, and one of the invoices it names is the invoice
 * (a payment for several invoices is found by each; an order number never).
 */
const fits = (
  payment: MolliePayment,
  query: PaymentQuery,
  wantedEmail = query.email && normalEmail(query.email),
): boolean => {
  if (!query.email && !query.invoiceText) return false;
  const { reading, invoiceNumbers } = paymentFacts(payment);
  if (query.email && !reading.emails.some((email) => email.address === wantedEmail)) return false;
  if (query.invoiceText && !invoiceNumbers.some((number) => sameInvoiceNumber(number, query.invoiceText!)))
    return false;
  return true;
};

export const findPaymentById = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  id: string,
): Promise<NormalizedPayment[]> => {
  const payment = await mollieClient(z, bundle).payments.get(id);
  return payment ? [normalizePayment(payment)] : [];
};

export const findNewestPayment = (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  query: PaymentQuery,
): Promise<NormalizedPayment[]> =>
  // Under the run's deadline; where no run opened one, under a deadline of its own.
  withDeadline(() => readNewest(z, bundle, query));

const readNewest = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  query: PaymentQuery,
): Promise<NormalizedPayment[]> => {
  const mollie = mollieClient(z, bundle);
  let from: string | undefined;
  let read = 0;
  let oldest: string | undefined;
  let pageMs = 0;
  for (let page = 0; page < MAX_SEARCH_PAGES && hasTimeFor(pageMs + RESERVE_MS); page++) {
    const started = nowMs();
    const { items, nextFrom } = await mollie.payments.list({ from, limit: SEARCH_PAGE_SIZE });
    pageMs = nowMs() - started;
    // A listed payment without a field Mollie's spec requires is passed over, never read into a TypeError.
    const found = items.find(
      (payment) => missingFields('payment', payment).length === 0 && fits(payment, query),
    );
    if (found) return [normalizePayment(found)];
    read += items.length;
    oldest = items.at(-1)?.createdAt ?? oldest;
    if (!nextFrom) return [];
    from = nextFrom;
  }
  const what = [query.email && `e-mail ${query.email}`, query.invoiceText && `invoice ${query.invoiceText}`]
    .filter(Boolean)
    .join(' and ');
  throw new z.errors.Error(
    `No payment for ${what} among the newest ${read} payments${oldest ? ` (back to ${oldest.slice(0, 10)})` : ''}; older payments were not searched. ` +
      'Search by payment ID to find an older one.',
    'NotFoundInReach',
    404,
  );
};
