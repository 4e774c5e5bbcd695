import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import {
  refuse as refuseInput,
  refuseDotSegments,
  refuseUnfilledMapping,
  refuseUnsafeLine,
  shown,
} from '../http/refuse';
import { mollieId } from '../mollie/ids';
import { normalizeEmail } from '../crm/accounts';

/** What the operations share: input checks before any request. */
export { refuse as refuseInput } from '../http/refuse';

/**
 * A one-line text as Zapier delivers it: no mapping it could not fill in, no line break, control
 * or direction character, no HTML; and no value a web address would drop as a whole (".", "..",
 * %2e): such values can end up in a lookup's path (the adapters refuse dot parts inside one too).
 */
export const optionalText = (value: unknown, field: string, max = 255): string | undefined => {
  if (value === undefined || value === null) return undefined;
  refuseUnfilledMapping(value, field);
  if (typeof value !== 'string' && typeof value !== 'number') return refuseInput(field, 'must be text.');
  const text = String(value).trim();
  if (text.length > max) return refuseInput(field, `is longer than ${max} characters.`);
  return refuseDotSegments(refuseUnsafeLine(text, field), field, undefined, { whole: true }) || undefined;
};

/** A CRM record id (account, pipeline, stage): letters, digits, - and _ only, so it cannot reach another path or filter. */
export const optionalId = (value: unknown, field: string, max = 64): string | undefined => {
  const text = optionalText(value, field, max);
  if (text && !/^[A-Za-z0-9_-]+$/.test(text))
    return refuseInput(field, `"${shown(text, 40)}" is not a record ID: use letters, digits, - and _ only.`);
  return text;
};

export const requiredText = (value: unknown, field: string, max = 255): string =>
  optionalText(value, field, max) ??
  refuseInput(field, 'is empty. Fill it in or map a value from an earlier step.');

/** name@domain.tld: letters (any script), digits and the characters e-mail allows before the @; no quotes, brackets or spaces. */
const EMAIL =
  /^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

export const optionalEmail = (value: unknown, field = 'E-mail'): string | undefined => {
  const text = optionalText(value, field, 254);
  if (text && !EMAIL.test(text)) return refuseInput(field, `"${shown(text, 60)}" is not an e-mail address.`);
  return text ? normalizeEmail(text) : undefined;
};

export const molliePaymentId = (value: unknown, field = 'Mollie payment ID'): string =>
  mollieId(value, 'payment', field);

export const crmName = (bundle: Pick<Bundle, 'authData'>) => readCredentials(bundle.authData).crm;

export type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
