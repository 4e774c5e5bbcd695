/**
 * Dates in the books are the CRM's own: a moment (an ISO instant, as Mollie
 * gives paidAt, createdAt and settledAt) becomes the calendar day it falls on
 * in the CRM's time zone (Moneybird's administration, the HubSpot portal, the
 * Pipedrive company), so a payment just after midnight, at the year end or on
 * the night summer time starts lands on the right day.
 */
import { DateTime } from 'luxon';

/** The zone to use: the CRM's when it names a valid one, else UTC. */
const zoneOr = (timeZone: string | null | undefined): string =>
  timeZone && DateTime.now().setZone(timeZone).isValid ? timeZone : 'UTC';

/** The calendar day (YYYY-MM-DD) of an instant in a time zone; a bare date stays as it is; '' for nothing. */
export const bookingDate = (
  instant: string | null | undefined,
  timeZone: string | null | undefined,
): string => {
  const text = (instant ?? '').trim();
  if (!text) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const moment = DateTime.fromISO(text, { zone: 'utc' });
  return moment.isValid ? moment.setZone(zoneOr(timeZone)).toISODate()! : text.slice(0, 10);
};

/** A calendar day moved by whole days (YYYY-MM-DD). */
export const shiftDate = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
