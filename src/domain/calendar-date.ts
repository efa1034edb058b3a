// Arithmetic on calendar dates written YYYY-MM-DD, with no time of day and no time zone.
import { isRealDate } from './age.js';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a YYYY-MM-DD date. Throws a RangeError for a date that is not real. */
export function dayNumber(date: string): number {
  if (!isRealDate(date)) throw new RangeError(`Not a real date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/** The YYYY-MM-DD date a number of days after (or, if negative, before) a date. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from one date to another: 2025-01-01 → 2025-01-03 is 2. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);
