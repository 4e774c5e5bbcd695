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
import { canonicalInvoice } from '../matching/keys';
import { mollieClient } from '../mollie/client';
import { missingFields } from '../mollie/entities';
import { customerEmail, normalizePayment, paymentInvoiceNumber, type NormalizedPayment } from '../outputs/payment';
import type { MolliePayment } from '../mollie/types';

export const SEARCH_PAGE_SIZE = 250;
/** 20 pages of 250: the newest 5,000 payments. */
export const MAX_SEARCH_PAGES = 20;
/** Time kept back after the last page, so the answer still gets out within the run. */
const RESERVE_MS = 2_000;

export interface PaymentQuery {
  email?: string;
  /** Canonical form (matching/keys.ts). */
  invoice?: string;
  /** As typed, for messages. */
  invoiceText?: string;
}

const fits = (payment: MolliePayment, query: PaymentQuery): boolean => {
  if (query.email && customerEmail(payment)?.toLowerCase() !== query.email) return false;
  if (query.invoice) {
    const written = paymentInvoiceNumber(payment).number;
    if (!written || canonicalInvoice(written) !== query.invoice) return false;
  }
  return true;
};

export const findPaymentById = async (z: ZObject, bundle: Pick<Bundle, 'authData'>, id: string): Promise<NormalizedPayment[]> => {
  const payment = await mollieClient(z, bundle).payments.get(id);
  return payment ? [normalizePayment(payment)] : [];
};

export const findNewestPayment = (z: ZObject, bundle: Pick<Bundle, 'authData'>, query: PaymentQuery): Promise<NormalizedPayment[]> =>
  // Under the run's deadline; where no run opened one, under a deadline of its own.
  withDeadline(() => readNewest(z, bundle, query));

const readNewest = async (z: ZObject, bundle: Pick<Bundle, 'authData'>, query: PaymentQuery): Promise<NormalizedPayment[]> => {
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
    const found = items.find((payment) => missingFields('payment', payment).length === 0 && fits(payment, query));
    if (found) return [normalizePayment(found)];
    read += items.length;
    oldest = items.at(-1)?.createdAt ?? oldest;
    if (!nextFrom) return [];
    from = nextFrom;
  }
  const what = [query.email && `e-mail ${query.email}`, query.invoiceText && `invoice ${query.invoiceText}`].filter(Boolean).join(' and ');
  throw new z.errors.Error(
    `No payment for ${what} among the newest ${read} payments${oldest ? ` (back to ${oldest.slice(0, 10)})` : ''}; older payments were not searched. ` +
      'Search by payment ID to find an older one.',
    'NotFoundInReach',
    404,
  );
};
