// The period a dashboard covers: by default the last 3 months up to today, and the rule that it runs forwards.
import { addCalendarMonths, addDays, daysBetween } from './calendar-date.js';

export type DashboardPeriod = { from: string; to: string };

/** How many calendar months the default period spans. */
export const DEFAULT_PERIOD_MONTHS = 3;

/** The longest period a dashboard covers, in days (ten years): a bound on the work one page view asks of the database. */
export const LONGEST_PERIOD_DAYS = 3_653;

/**
 * The default period: the last 3 calendar months up to and including today, from the day after the same date 3
 * months earlier (by the corresponding date rule of `addCalendarMonths`), so 2026-12-02 gives 2026-09-03 to
 * 2026-12-02 and 2026-05-31 gives 2026-03-01 to 2026-05-31 (February has no 31st). Both ends are included.
 */
export function defaultDashboardPeriod(today: string): DashboardPeriod {
  return { from: addDays(addCalendarMonths(today, -DEFAULT_PERIOD_MONTHS), 1), to: today };
}

/**
 * What is wrong with a period whose two ends are real dates, keyed by field ('to' or 'from'): 'to' when it is
 * before 'from', 'from' when the period is longer than ten years; an empty object when it is fine.
 */
export function dashboardPeriodProblems(period: DashboardPeriod): Record<string, string> {
  const days = daysBetween(period.from, period.to);
  if (days < 0) return { to: 'The last date must be the same as or after the first date' };
  if (days >= LONGEST_PERIOD_DAYS) return { from: 'The period must be 10 years or shorter: enter a later first date' };
  return {};
}
