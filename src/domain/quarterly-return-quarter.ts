// The calendar quarter a quarterly return covers: how it is written ('2026-Q3'), which quarters may be asked for
// (ended or current, never future), and how a quarter reads in words.
import { quarterEnd, quarterStart, cohortQuarter, type CohortQuarter } from './reoffending.js';
import { isRealDate } from './age.js';
import { addDays } from './calendar-date.js';

/** The first year a return may cover: earlier quarters predate any service on the system. */
export const FIRST_RETURN_YEAR = 2000;

const QUARTER_PATTERN = /^([0-9]{4})-Q([1-4])$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * What is wrong with the quarter asked for on `today` ('YYYY-MM-DD', London), or null when it may be returned:
 * it must be written YYYY-Qn (n from 1 to 4, year from 2000) and must have started by today, so an ended quarter or
 * the current one (a return for the quarter so far) is allowed and a future one is not.
 */
export function quarterProblem(quarter: string, today: string): string | null {
  if (!isRealDate(today)) throw new RangeError(`Today must be a real date (YYYY-MM-DD): ${today}`);
  const match = QUARTER_PATTERN.exec(quarter);
  if (match === null || Number(match[1]) < FIRST_RETURN_YEAR) return 'Enter the quarter as a year and quarter number, for example 2026-Q3';
  if (quarterStart(quarter) > today) return 'Choose a quarter that has ended or the current quarter: this one has not started yet';
  return null;
}

/** True when `quarter` is a quarter that may be returned on `today` (see `quarterProblem`). */
export const isReturnableQuarter = (quarter: string, today: string): quarter is CohortQuarter => quarterProblem(quarter, today) === null;

/** The quarter before: '2026-Q1' → '2025-Q4'. Throws a RangeError for text that is not YYYY-Qn. */
export function previousQuarter(quarter: string): CohortQuarter {
  return cohortQuarter(addDays(quarterStart(quarter), -1));
}

/** The current quarter on `today` and the `count` − 1 before it, newest first: the choices offered on the form. */
export function recentQuarters(today: string, count: number): CohortQuarter[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('The number of quarters must be a whole number, 1 or more');
  const list: CohortQuarter[] = [cohortQuarter(today)];
  while (list.length < count) list.push(previousQuarter(list[list.length - 1]!));
  return list.filter((q) => Number(q.slice(0, 4)) >= FIRST_RETURN_YEAR);
}

/** The quarter in words: '2026-Q3' → 'July to September 2026'. Throws a RangeError for text that is not YYYY-Qn. */
export function quarterLabel(quarter: string): string {
  const start = quarterStart(quarter);
  const end = quarterEnd(quarter);
  return `${MONTHS[Number(start.slice(5, 7)) - 1]} to ${MONTHS[Number(end.slice(5, 7)) - 1]} ${start.slice(0, 4)}`;
}

/** The calendar dates a quarter covers, both ends included: '2026-Q3' → 2026-07-01 to 2026-09-30. */
export function quarterDates(quarter: string): { from: string; to: string } {
  return { from: quarterStart(quarter), to: quarterEnd(quarter) };
}
