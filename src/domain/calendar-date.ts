// Arithmetic on calendar dates written YYYY-MM-DD, with no time of day and no time zone.
import { daysInMonth, isRealDate } from './age.js';

const MS_PER_DAY = 86_400_000;

/**
 * Remembers a function's answers for the dates it was asked about: a list of hundreds of rows asks about the same
 * few hundred dates again and again. Forgets them all when it holds `size`, so it cannot grow without end.
 */
function remembered<T>(f: (date: string) => T, size = 20_000): (date: string) => T {
  const answers = new Map<string, T>();
  return (date) => {
    let answer = answers.get(date);
    if (answer === undefined && !answers.has(date)) {
      answer = f(date);
      if (answers.size >= size) answers.clear();
      answers.set(date, answer);
    }
    return answer as T;
  };
}

const dayNumberOf = remembered((date: string) => {
  if (!isRealDate(date)) return null;
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
});

/** Days since 1970-01-01 for a YYYY-MM-DD date. Throws a RangeError for a date that is not real. */
export function dayNumber(date: string): number {
  const day = dayNumberOf(date);
  if (day === null) throw new RangeError(`Not a real date (YYYY-MM-DD): ${date}`);
  return day;
}

/** The YYYY-MM-DD date a number of days after (or, if negative, before) a date. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from one date to another: 2025-01-01 → 2025-01-03 is 2. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/**
 * The date a whole number of calendar months after (or, if negative, before) a date, by the
 * corresponding date rule of English law (Dodds v Walker, House of Lords 1981): the same day of
 * the month, or the month's last day when it has no such day. So 2024-02-29 + 12 months is
 * 2025-02-28, 2025-08-31 + 18 months is 2027-02-28 and 2025-01-31 + 12 months is 2026-01-31.
 */
export function addCalendarMonths(date: string, months: number): string {
  if (!isRealDate(date)) throw new RangeError(`Not a real date (YYYY-MM-DD): ${date}`);
  if (!Number.isSafeInteger(months)) throw new RangeError('Months must be a whole number');
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (year < 1 || year > 9999) throw new RangeError('The date is out of range');
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

const longDateOf = remembered((value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? LONG_DATE.format(new Date(`${value}T00:00:00Z`)) : ''));

/** A calendar date (YYYY-MM-DD) as "3 November 2026"; empty for none. */
export function longDate(value: string | null | undefined): string {
  return value && typeof value === 'string' ? longDateOf(value) : '';
}
