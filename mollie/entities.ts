/**
 * What a Mollie entity must carry before the app reads it, from Mollie's spec
 * (`payment-response`, `entity-refund`, `entity-chargeback`,
 * `payment-link-response`: of their required fields, those the app reads). An entity
 * without one of them, or a list where one entity was asked for, is named as
 * such: the caller gives [] (a list item is skipped) or halts with that name,
 * never reads on into a TypeError.
 */
import { isCurrency } from '../money/money';

export type MollieResource = 'payment' | 'refund' | 'chargeback' | 'payment-link';

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const DECIMAL = /^-?\d{1,15}(?:\.\d{1,4})?$/;

/** What is wrong with an amount object, as field paths under `at`. */
const amountProblems = (amount: unknown, at: string): string[] => {
  if (!isRecord(amount)) return [at];
  const problems: string[] = [];
  if (!isCurrency(amount.currency)) problems.push(`${at}.currency`);
  if (typeof amount.value !== 'string' || !DECIMAL.test(amount.value)) problems.push(`${at}.value`);
  return problems;
};

/** Of the fields the spec requires, those the app reads an entity by (besides its amount). */
const REQUIRED_TEXT: Record<MollieResource, string[]> = {
  payment: ['id', 'status'],
  refund: ['id', 'status', 'paymentId'],
  chargeback: ['id', 'paymentId'],
  'payment-link': ['id', 'description'],
};

/** The required fields `entity` lacks (dotted paths), [] when it has them all. `at` prefixes the paths of a nested entity. */
export const missingFields = (resource: MollieResource, entity: unknown, at = ''): string[] => {
  if (!isRecord(entity)) return [at ? at.slice(0, -1) : resource];
  const missing = REQUIRED_TEXT[resource]
    .filter((field) => !isText(entity[field]))
    .map((field) => `${at}${field}`);
  // A payment link may leave the amount to the payer (null); every other entity states one.
  if (resource !== 'payment-link' || (entity.amount !== null && entity.amount !== undefined))
    missing.push(...amountProblems(entity.amount, `${at}amount`));
  const payment = isRecord(entity._embedded) ? entity._embedded.payment : undefined;
  if ((resource === 'refund' || resource === 'chargeback') && payment !== undefined && payment !== null) {
    missing.push(...missingFields('payment', payment, `${at}_embedded.payment.`));
  }
  return missing;
};

/** A HAL list (with `_embedded` and a count) where one entity was asked for. */
export const isListAnswer = (data: unknown): boolean =>
  Array.isArray(data) ||
  (isRecord(data) &&
    isRecord(data._embedded) &&
    !('id' in data) &&
    Object.values(data._embedded).some(Array.isArray));

/** The sentence a halt says about an entity that cannot be read, or undefined when it can. */
export const unreadable = (resource: MollieResource | string, entity: unknown): string | undefined => {
  if (!(resource in REQUIRED_TEXT)) return undefined;
  const label = resource.replace('-', ' ');
  if (isListAnswer(entity)) return `Mollie answered with a list where one ${label} was asked for`;
  const missing = missingFields(resource as MollieResource, entity);
  if (!missing.length) return undefined;
  const id = isRecord(entity) && isText(entity.id) ? ` ${String(entity.id).slice(0, 40)}` : '';
  return `Mollie sent the ${label}${id} without ${missing.join(', ')}, which its API always states`;
};
