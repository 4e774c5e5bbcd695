/**
 * What "Link Payment to CRM Account" writes into the Mollie customer's
 * metadata (teaching/customerMetadata.ts writes it, the reading reads it):
 * the CRM customer ID, and the payment whose link set it, so that a later
 * match can say where its key came from.
 */
import { metadataKey } from './metadata';

/** The metadata key the CRM customer ID is written under (a customer-id key of the reading's vocabulary). */
export const LINKED_CUSTOMER_ID_KEY = 'crmCustomerId';
/** The metadata key naming the payment whose link set the customer ID. */
export const LINKED_FROM_KEY = 'crmLinkedFrom';

const PAYMENT_ID = /^tr_[A-Za-z0-9]{1,64}$/;

/** The payment (tr_…) whose link set `key` in these metadata values, when `key` is the linked customer-ID key and the metadata names one. */
export const linkedFrom = (
  key: string,
  values: ReadonlyArray<{ key: string; value: string }>,
): string | undefined => {
  if (key !== metadataKey(LINKED_CUSTOMER_ID_KEY)) return undefined;
  const from = values.find((item) => item.key === metadataKey(LINKED_FROM_KEY))?.value;
  return from && PAYMENT_ID.test(from) ? from : undefined;
};
