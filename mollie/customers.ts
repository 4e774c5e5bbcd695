/**
 * Writing to a Mollie customer (`PATCH /v2/customers/{id}`): Link Payment to
 * CRM Account notes the CRM customer ID in the customer's metadata, so the
 * payer's next payment carries it. Mollie replaces the metadata whole, so the
 * caller sends every key it keeps. An API key may update its own profile's
 * customers; an access token needs the `customers.write` scope.
 */
import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import { redactSecrets } from '../http/redact';
import { vendorProblem } from '../http/vendorErrors';
import { halClient } from './hal';
import { mollieId } from './ids';
import type { MollieCustomer, MollieMandate } from './types';

/** The scope an access token needs to update customers. */
export const CUSTOMERS_WRITE_SCOPE = 'customers.write';

const forbidden = (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  customerId: string,
  response: HttpResponse,
) => {
  const said = redactSecrets(vendorProblem('mollie', response).message, bundle.authData ?? {}).replace(
    /\.?$/,
    '.',
  );
  const token = readCredentials(bundle.authData).mollie.kind === 'accessToken';
  const remedy = token
    ? `The organization access token needs the ${CUSTOMERS_WRITE_SCOPE} scope: add it under Developers → Organization access tokens in Mollie, reconnect, and run the step again.`
    : 'The API key must belong to the website profile the customer was made with.';
  return new z.errors.Error(
    `Mollie refused to update customer ${customerId} (403): ${said} ${remedy}`,
    'Forbidden',
    403,
  );
};

/**
 * Sets the customer's metadata to `metadata` (whole, as Mollie stores it).
 * A customer Mollie no longer has gives null; a refusal for lack of
 * permission names the scope.
 */
export const updateCustomerMetadata = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  customerId: string,
  metadata: Record<string, unknown>,
): Promise<MollieCustomer | null> => {
  const id = mollieId(customerId, 'customer', 'Mollie customer');
  const credential = readCredentials(bundle.authData).mollie;
  const mode = credential.kind === 'accessToken' ? { testmode: credential.mode === 'test' } : {};
  const response = await halClient(z).answer<MollieCustomer>('PATCH', `customers/${encodeURIComponent(id)}`, {
    body: { metadata, ...mode },
    pass: [403, 404],
  });
  if (response.status === 403) throw forbidden(z, bundle, id, response);
  return response.status === 404 ? null : response.data;
};

/**
 * The customer's mandates (their `details.consumerAccount` is the payer's IBAN),
 * first page. An access token without `mandates.read`, or a customer Mollie no
 * longer has, gives none: the payment is then read without them.
 */
export const customerMandates = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  customerId: string,
): Promise<MollieMandate[]> => {
  const id = mollieId(customerId, 'customer', 'Mollie customer');
  const credential = readCredentials(bundle.authData).mollie;
  const read = await halClient(z).page<MollieMandate>(
    `customers/${encodeURIComponent(id)}/mandates`,
    'mandates',
    { limit: 50, ...(credential.kind === 'accessToken' ? { testmode: credential.mode === 'test' } : {}) },
    [403, 404],
  );
  if (read.status === 403)
    z.console.log(`Mollie did not show the mandates of ${id} (403): the payment is read without them.`);
  return read.items;
};
