/**
 * Teaching the Mollie customer: the CRM customer ID goes into its metadata,
 * next to what is there, so every later payment of this customer carries it
 * (the reading finds it as the customer's metadata id). Mollie replaces the
 * metadata whole, so the change keeps every key; a customer ID already there
 * is never replaced.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { LINKED_CUSTOMER_ID_KEY, LINKED_FROM_KEY, type PaymentReading } from '../matching';
import { updateCustomerMetadata } from '../mollie/customers';
import type { MollieCustomer } from '../mollie/types';
import { line, taught, type Taught, type TaughtLine } from './lines';

/** The metadata keys are the reader's (matching/linkedCustomer.ts): the CRM customer ID, and the payment whose link set it. */
export const TAUGHT_ID_KEY = LINKED_CUSTOMER_ID_KEY;
export const TAUGHT_FROM_KEY = LINKED_FROM_KEY;
/** Mollie keeps about 1 kB of metadata. */
export const METADATA_LIMIT = 1024;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export type MetadataChange =
  { write: Record<string, unknown>; line?: undefined } | { write?: undefined; line: TaughtLine };

/**
 * What to write to the customer's metadata to teach `customerId`, or the line
 * saying why nothing is written. Pure: reads what the reading found in the
 * customer's metadata, and the metadata itself only to keep it whole.
 */
export const metadataChange = (
  customer: Pick<MollieCustomer, 'id' | 'metadata'>,
  reading: PaymentReading,
  customerId: string,
  paymentId: string,
): MetadataChange => {
  const known = reading.customerMetadataIds;
  const there = known.find((fact) => same(fact.value, customerId));
  if (there)
    return {
      line: line(
        'mollie_customer',
        customerId,
        'already there',
        `Mollie customer ${customer.id} already carries it (${there.source}).`,
      ),
    };
  const other = known[0];
  if (other) {
    return {
      line: line(
        'mollie_customer',
        customerId,
        'refused',
        `Mollie customer ${customer.id} already names customer ID "${other.value}" (${other.source}); it was not replaced. Correct it in Mollie if it is wrong.`,
      ),
    };
  }
  const metadata = customer.metadata ?? {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    return {
      line: line(
        'mollie_customer',
        customerId,
        'refused',
        `Mollie customer ${customer.id} holds metadata that is not a set of keys; it was kept as it is.`,
      ),
    };
  }
  const write = {
    ...(metadata as Record<string, unknown>),
    [TAUGHT_ID_KEY]: customerId,
    [TAUGHT_FROM_KEY]: paymentId,
  };
  if (JSON.stringify(write).length > METADATA_LIMIT) {
    return {
      line: line(
        'mollie_customer',
        customerId,
        'refused',
        `Mollie customer ${customer.id}'s metadata is full (Mollie keeps about ${METADATA_LIMIT} bytes); it was kept as it is.`,
      ),
    };
  }
  return { write };
};

/** Teaches the Mollie customer the account's customer ID; one line says what happened. */
export const teachCustomer = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  customer: MollieCustomer,
  reading: PaymentReading,
  account: { name: string; customerIds: string[] },
  paymentId: string,
): Promise<Taught> => {
  const [customerId] = account.customerIds;
  if (!customerId) {
    return taught(
      line(
        'mollie_customer',
        '',
        'refused',
        `${account.name} has no customer ID in the CRM to note on Mollie customer ${customer.id}; give it one and link again.`,
      ),
    );
  }
  const change = metadataChange(customer, reading, customerId, paymentId);
  if (change.line) return taught(change.line);
  const updated = await updateCustomerMetadata(z, bundle, customer.id, change.write);
  if (!updated)
    return taught(
      line('mollie_customer', customerId, 'refused', `Mollie no longer has customer ${customer.id}.`),
    );
  return taught(
    line(
      'mollie_customer',
      customerId,
      'taught',
      `Noted in Mollie customer ${customer.id}'s metadata (${TAUGHT_ID_KEY}), next to what was there.`,
    ),
  );
};
