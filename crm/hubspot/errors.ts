import type { ZObject } from 'zapier-platform-core';
import type { BatchAnswer, BatchError } from './wire';

/**
 * What HubSpot's failures mean for the user. A batch endpoint answers
 * `207 Multi-Status` when some inputs failed: that is a failure of those
 * inputs, never a success. Every `context` value is an array of strings.
 */
export const contextValues = (error: Pick<BatchError, 'context' | 'errors'>, key: string): string[] => {
  const own = error.context?.[key];
  const nested = (error.errors ?? []).flatMap((detail) => detail.context?.[key] ?? []);
  return [...(Array.isArray(own) ? own : []), ...nested].filter(
    (value): value is string => typeof value === 'string',
  );
};

/** The deal properties HubSpot says do not exist (so the app can create them again). */
export const missingProperties = (errors: BatchError[]): string[] =>
  errors
    .filter((error) => /does not exist|doesn't exist|unable to find property/i.test(error.message))
    .flatMap((error) => contextValues(error, 'propertyName'));

export class HubspotBatchFailure extends Error {
  constructor(readonly errors: BatchError[]) {
    super(errors.map((error) => error.message).join(' '));
  }
}

/** The results of a batch write; a 207 with errors[] throws, naming what failed. */
export const batchResults = <T>(answer: BatchAnswer<T>): T[] => {
  if (answer.errors?.length) throw new HubspotBatchFailure(answer.errors);
  return answer.results;
};

const currencyNotEnabled = (z: ZObject, currency: string, said: string): Error =>
  new z.errors.Error(
    `Currency: your HubSpot account has not enabled ${currency}, so the deal was not recorded. Add ${currency} in HubSpot (Settings → Account management → Account defaults → Currency), then run the step again. HubSpot said: ${said}`,
    'InvalidInput',
    400,
  );

/** The user's words for a failed write: a currency the portal has not enabled, or HubSpot's own message naming the property. */
export const inUserWords = (z: ZObject, error: unknown, currency?: string): unknown => {
  if (error instanceof HubspotBatchFailure) return batchFailureError(z, error, currency);
  // The same refusal as a plain 400 (the middleware already put HubSpot's words and the field in the message).
  if (
    currency &&
    error instanceof Error &&
    /deal_currency_code/.test(error.message) &&
    /refused the request \(400\)/.test(error.message)
  )
    return currencyNotEnabled(z, currency, error.message);
  return error;
};

export const batchFailureError = (z: ZObject, failure: HubspotBatchFailure, currency?: string): Error => {
  const currencyError = failure.errors.find(
    (error) =>
      contextValues(error, 'propertyName').includes('deal_currency_code') ||
      /deal_currency_code/.test(error.message),
  );
  if (currencyError && currency) return currencyNotEnabled(z, currency, currencyError.message);
  const first = failure.errors[0];
  const fields = contextValues(first, 'propertyName');
  return new z.errors.Error(
    `HubSpot refused the record: ${first.message}${fields.length ? ` Field: ${fields.join(', ')}.` : ''}`,
    'InvalidRequest',
    400,
  );
};

/** An existing property the app needs unique, but which was made without unique values: HubSpot cannot upsert on it. */
export const notUniqueError = (z: ZObject, objectType: string, property: string): Error =>
  new z.errors.Error(
    `HubSpot ${objectType} property "${property}" already exists but does not require unique values, so records cannot be kept one per Mollie payment. ` +
      `In HubSpot (Settings → Properties → ${objectType}) rename or delete that property; the app then creates it with unique values on the next run.`,
    'InvalidConfiguration',
    400,
  );
