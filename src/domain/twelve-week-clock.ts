// The 12-week case clock: which week of support, when it ends (with approved extensions), its colour, and reviews due.
import { addDays, dayNumber, daysBetween } from './calendar-date.js';

export const CASE_CLOCK_STATES = ['not_started', 'on_track', 'amber', 'red', 'closed'] as const;
export type CaseClockState = (typeof CASE_CLOCK_STATES)[number];

export const CASE_CLOCK_STATE_LABELS: Record<CaseClockState, string> = {
  not_started: 'Plan not agreed',
  on_track: 'On track',
  amber: 'Near 12 weeks',
  red: 'Past end date',
  closed: 'Closed',
};

/** Direct support lasts at most 12 weeks: the plan ends 84 days after it is agreed. */
export const SUPPORT_DAYS = 84;
/** Week 10 starts on day 63 (the plan day is day 0): the case turns amber. */
export const AMBER_FROM_DAY = 63;
/** Reviews are due every two weeks by default. */
export const REVIEW_EVERY_DAYS = 14;

export type Extension = { approvedOn: string; approvedBy: string; reason: string; newEndOn: string };

export type CaseClockInput = { planAgreedOn: string | null; extensions: Extension[]; closedOn: string | null };

export type CaseClock = {
  /** True from the day the plan is agreed. */
  started: boolean;
  /** 1-based week of support (day 0-6 is week 1); 0 before the plan. Stops at the closure date. */
  week: number;
  /** Plan date + 84 days, or the end date of the latest approved extension if that is later; null without a plan. */
  endsOn: string | null;
  state: CaseClockState;
  /** Days from today to the end date, negative once past it; null before the plan and once closed. */
  daysLeft: number | null;
};

/** An extension counts only when a manager approved it and a reason is recorded. */
export const isApprovedExtension = (e: Extension): boolean => e.approvedBy.trim() !== '' && e.reason.trim() !== '';

/** The plan's end date: 84 days after agreement, moved later by the most recently approved extension (never earlier). */
export function caseEndsOn(planAgreedOn: string, extensions: readonly Extension[]): string {
  const planned = addDays(planAgreedOn, SUPPORT_DAYS);
  let latest: Extension | null = null;
  for (const e of extensions.filter(isApprovedExtension)) {
    dayNumber(e.approvedOn);
    dayNumber(e.newEndOn);
    const order = latest === null ? 1 : daysBetween(latest.approvedOn, e.approvedOn) || daysBetween(latest.newEndOn, e.newEndOn);
    if (order > 0) latest = e;
  }
  return latest !== null && latest.newEndOn > planned ? latest.newEndOn : planned;
}

/**
 * Where a case stands on its 12-week clock today. On track until week 10 (day 63), amber from
 * day 63 up to and including the end date, red after it; a closed case is closed whatever the date.
 */
export function caseClock(input: CaseClockInput, today: string): CaseClock {
  const todayDay = dayNumber(today);
  const { planAgreedOn, closedOn } = input;
  if (planAgreedOn === null) {
    return { started: false, week: 0, endsOn: null, state: closedOn === null ? 'not_started' : 'closed', daysLeft: null };
  }
  const endsOn = caseEndsOn(planAgreedOn, input.extensions);
  const stoppedDay = closedOn === null ? todayDay : Math.min(todayDay, dayNumber(closedOn));
  const day = stoppedDay - dayNumber(planAgreedOn);
  const started = todayDay >= dayNumber(planAgreedOn);
  const week = day < 0 ? 0 : Math.floor(day / 7) + 1;
  if (closedOn !== null) return { started, week, endsOn, state: 'closed', daysLeft: null };
  if (!started) return { started, week, endsOn, state: 'not_started', daysLeft: null };
  const daysLeft = dayNumber(endsOn) - todayDay;
  const state: CaseClockState = daysLeft < 0 ? 'red' : day >= AMBER_FROM_DAY ? 'amber' : 'on_track';
  return { started, week, endsOn, state, daysLeft };
}

/** Review dates every `everyDays` after the plan date (not the plan day itself), up to and including the end date. */
export function reviewDates(planAgreedOn: string, endsOn: string, everyDays = REVIEW_EVERY_DAYS): string[] {
  if (!Number.isSafeInteger(everyDays) || everyDays < 1) throw new RangeError('Reviews must be a whole number of days apart, 1 or more');
  const span = daysBetween(planAgreedOn, endsOn);
  const dates: string[] = [];
  for (let d = everyDays; d <= span; d += everyDays) dates.push(addDays(planAgreedOn, d));
  return dates;
}

export type ReviewDue = { dueOn: string; overdue: boolean };

/** The earliest review date not yet completed, overdue once its day has passed (due today is not overdue); null if all are done. */
export function nextReviewDue(reviews: readonly string[], completedReviews: readonly string[], today: string): ReviewDue | null {
  const done = new Set(completedReviews);
  const open = reviews.filter((r) => !done.has(r)).sort((a, b) => daysBetween(b, a));
  const dueOn = open[0];
  if (dueOn === undefined) return null;
  return { dueOn, overdue: daysBetween(today, dueOn) < 0 };
}
