/**
 * Moneybird's `period` filter: a named period (this_month, prev_year, …)
 * counted in the administration's time zone, or a custom one (201301..201302,
 * 20130101..20130131). Both ends are needed.
 */
import { DateTime } from 'luxon';
import { MoneybirdError } from './store';

/** An inclusive range of days as YYYYMMDD. */
export interface Period {
  from: string;
  to: string;
}

const UNITS = { week: 'week', month: 'month', quarter: 'quarter', year: 'year' } as const;
const SHIFT = { this: 0, prev: -1, next: 1 } as const;
const day = (date: DateTime) => date.toFormat('yyyyMMdd');

/** The period a filter names, as days; `today` in the administration's zone. */
export const periodOf = (raw: string, today: Date, timeZone: string): Period => {
  const named = /^(this|prev|next)_(week|month|quarter|year)$/.exec(raw);
  if (named) {
    const unit = UNITS[named[2] as keyof typeof UNITS];
    const start = DateTime.fromJSDate(today, { zone: timeZone }).plus({ [`${unit}s`]: SHIFT[named[1] as keyof typeof SHIFT] }).startOf(unit);
    return { from: day(start), to: day(start.endOf(unit)) };
  }
  const custom = /^(\d{6}|\d{8})?\.\.(\d{6}|\d{8})?$/.exec(raw);
  if (custom && (!custom[1] || !custom[2])) throw new MoneybirdError(400, 'Period must have both a start and end date');
  if (!custom) throw new MoneybirdError(400, 'Filter period is invalid', { filter: 'invalid' });
  const [first, last] = [custom[1], custom[2]];
  const end = last.length === 6 ? day(DateTime.fromFormat(last, 'yyyyMM').endOf('month')) : last;
  return { from: first.length === 6 ? `${first}01` : first, to: end };
};

/** Whether a YYYY-MM-DD date lies in the period. */
export const within = (date: string, period: Period): boolean => {
  const compact = date.slice(0, 10).replace(/-/g, '');
  return compact >= period.from && compact <= period.to;
};

/** `key:value` terms separated by commas; a value may hold colons (a time) and pipes (several values). */
export const filterTerms = (raw: string | null): Record<string, string> =>
  Object.fromEntries((raw ?? '').split(',').filter(Boolean).map((term) => term.split(/:(.*)/s).slice(0, 2)));

/** The calendar date of an instant in the administration's zone (YYYY-MM-DD). */
export const localDate = (at: Date, timeZone: string): string => DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
