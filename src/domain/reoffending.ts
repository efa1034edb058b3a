// Proven re-offending (Ministry of Justice definition): the events that count, the 12 + 6 month window, quarterly cohorts and time to first re-offence.
import { isRealDate } from './age.js';
import { addCalendarMonths, addDays, daysBetween } from './calendar-date.js';

/** What happened to an offence recorded after a person's index date. Only a caution or a conviction proves it. */
export const JUSTICE_EVENT_OUTCOMES = ['arrest', 'charge', 'caution', 'conviction', 'acquittal', 'no_further_action'] as const;

export type JusticeEventOutcome = (typeof JUSTICE_EVENT_OUTCOMES)[number];

export const JUSTICE_EVENT_OUTCOME_LABELS: Record<JusticeEventOutcome, string> = {
  arrest: 'Arrest',
  charge: 'Charge',
  caution: 'Caution (including a youth caution or a conditional caution)',
  conviction: 'Conviction',
  acquittal: 'Acquittal',
  no_further_action: 'No further action',
};

/** The outcomes that prove an offence was committed. */
export const PROVING_OUTCOMES: readonly JusticeEventOutcome[] = ['caution', 'conviction'];

/** True for a caution or a conviction: the outcomes that prove an offence. */
export const provesOffence = (outcome: JusticeEventOutcome): boolean => PROVING_OUTCOMES.includes(outcome);

/** One recorded justice event after the index: when the offence was committed, what came of it and when. Dates are YYYY-MM-DD. */
export type JusticeEvent = { offenceOn: string; outcome: JusticeEventOutcome; outcomeOn: string };

/** Months after the index date in which an offence must be committed to count. */
export const FOLLOW_UP_MONTHS = 12;
/** Further months after the follow-up period in which a caution or conviction still proves an offence committed in it. */
export const WAITING_MONTHS = 6;

function assertRealDate(date: string, what: string): void {
  if (!isRealDate(date)) throw new RangeError(`${what} is not a real date (YYYY-MM-DD): ${date}`);
}

/**
 * The last day of the follow-up period: the index date plus 12 calendar months (corresponding
 * date rule, see addCalendarMonths). The period runs from the day after the index date to this
 * day, both included: an offence on the index date itself belongs to the index event.
 */
export function followUpEnds(indexDate: string): string {
  return addCalendarMonths(indexDate, FOLLOW_UP_MONTHS);
}

/**
 * The last day on which a caution or conviction still proves an offence committed in the
 * follow-up period: the index date plus 18 calendar months (12 + the 6-month waiting period),
 * counted from the index date itself, so 2024-02-29 gives 2025-08-29.
 */
export function waitingPeriodEnds(indexDate: string): string {
  return addCalendarMonths(indexDate, FOLLOW_UP_MONTHS + WAITING_MONTHS);
}

/** True when the offence was committed on or before the index date: it belongs to the index or earlier, never a re-offence. */
export function precedesIndex(indexDate: string, event: Pick<JusticeEvent, 'offenceOn'>): boolean {
  assertRealDate(indexDate, 'The index date');
  assertRealDate(event.offenceOn, 'The offence date');
  return event.offenceOn <= indexDate;
}

function assertEvent(event: JusticeEvent): void {
  assertRealDate(event.offenceOn, 'The offence date');
  assertRealDate(event.outcomeOn, 'The outcome date');
  if (event.outcomeOn < event.offenceOn) throw new RangeError(`An outcome (${event.outcomeOn}) cannot come before its offence (${event.offenceOn})`);
}

/**
 * The proven re-offences among a person's events, by the Ministry of Justice's definition
 * (Proven Reoffending Statistics: Definitions and Measurement): an offence committed after the
 * index date and on or before followUpEnds(indexDate), proven by a caution or conviction dated
 * on or before waitingPeriodEnds(indexDate). Returned in order of offence date, then outcome
 * date. Each recorded event counts once (the import keeps one record per event key). Throws a
 * RangeError for a date that is not real or an outcome dated before its offence.
 */
export function provenReoffences<E extends JusticeEvent>(indexDate: string, events: readonly E[]): E[] {
  assertRealDate(indexDate, 'The index date');
  const lastOffenceDay = followUpEnds(indexDate);
  const lastProofDay = waitingPeriodEnds(indexDate);
  return events
    .filter((event) => {
      assertEvent(event);
      return provesOffence(event.outcome) && event.offenceOn > indexDate && event.offenceOn <= lastOffenceDay && event.outcomeOn <= lastProofDay;
    })
    .sort((a, b) => a.offenceOn.localeCompare(b.offenceOn) || a.outcomeOn.localeCompare(b.outcomeOn));
}

export type Reoffending = {
  reoffended: boolean;
  /** How many proven re-offences (the frequency measure). */
  count: number;
  /** The offence date of the first proven re-offence, or null. */
  firstOffenceOn: string | null;
  /** Days from the index date to the first proven re-offence (1 for the next day), or null. */
  daysToFirst: number | null;
};

/**
 * Whether a person re-offended (the binary measure), how often (the frequency measure), and
 * when first, from the events recorded so far. Before isComplete() holds these can still grow.
 */
export function reoffendingOf(indexDate: string, events: readonly JusticeEvent[]): Reoffending {
  const proven = provenReoffences(indexDate, events);
  const first = proven[0];
  return {
    reoffended: first !== undefined,
    count: proven.length,
    firstOffenceOn: first?.offenceOn ?? null,
    daysToFirst: first === undefined ? null : daysBetween(indexDate, first.offenceOn),
  };
}

/** True once the follow-up and waiting periods have both passed: today is after waitingPeriodEnds(indexDate). */
export function isComplete(indexDate: string, today: string): boolean {
  assertRealDate(today, 'Today');
  return today > waitingPeriodEnds(indexDate);
}

/** A calendar quarter written YYYY-Qn: '2026-Q1' is January to March 2026. */
export type CohortQuarter = `${number}-Q${1 | 2 | 3 | 4}`;

/** The calendar quarter of an index date, as '2026-Q1' (January to March), '2026-Q2' and so on. */
export function cohortQuarter(indexDate: string): CohortQuarter {
  assertRealDate(indexDate, 'The index date');
  const quarter = Math.floor((Number(indexDate.slice(5, 7)) - 1) / 3) + 1;
  return `${indexDate.slice(0, 4)}-Q${quarter}` as CohortQuarter;
}

function parseQuarter(quarter: string): { year: string; firstMonth: number } {
  const match = /^([0-9]{4})-Q([1-4])$/.exec(quarter);
  if (match === null || match[1] === '0000') throw new RangeError(`Not a quarter (YYYY-Qn): ${quarter}`);
  return { year: match[1]!, firstMonth: (Number(match[2]) - 1) * 3 + 1 };
}

/** The first day of a quarter: '2026-Q2' → '2026-04-01'. Throws a RangeError for text that is not YYYY-Qn. */
export function quarterStart(quarter: string): string {
  const { year, firstMonth } = parseQuarter(quarter);
  return `${year}-${String(firstMonth).padStart(2, '0')}-01`;
}

/** The last day of a quarter: '2026-Q1' → '2026-03-31'. Throws a RangeError for text that is not YYYY-Qn. */
export function quarterEnd(quarter: string): string {
  return addDays(addCalendarMonths(quarterStart(quarter), 3), -1);
}

/** A person in a re-offending cohort: their index date and the justice events recorded after it. */
export type CohortMember = { indexDate: string; events: readonly JusticeEvent[] };

export type CohortSummary = {
  quarter: CohortQuarter;
  /** People whose index date falls in the quarter. */
  people: number;
  /** People with at least one proven re-offence known so far. */
  reoffenders: number;
  /** Proven re-offences known so far, all people together. */
  reoffences: number;
  /** True once every index date of the quarter has passed its follow-up and waiting periods. */
  complete: boolean;
  /** reoffenders / people for a complete cohort; null while incomplete, never a partial rate. */
  rate: number | null;
  /** reoffences / reoffenders (the Ministry of Justice's re-offences per re-offender) for a complete cohort with a re-offender; otherwise null. */
  reoffencesPerReoffender: number | null;
};

/**
 * Proven re-offending by quarterly cohort of index dates, oldest first. A cohort is complete
 * when today is after waitingPeriodEnds of the quarter's last day, so that a late entry cannot
 * turn a published figure back into an incomplete one. An incomplete cohort carries its counts
 * so far but no rate: they are a floor, not an estimate, and must not be shown as a rate.
 */
export function cohortSummary(people: readonly CohortMember[], today: string): CohortSummary[] {
  assertRealDate(today, 'Today');
  const cohorts = new Map<CohortQuarter, { people: number; reoffenders: number; reoffences: number }>();
  for (const person of people) {
    const quarter = cohortQuarter(person.indexDate);
    const cohort = cohorts.get(quarter) ?? { people: 0, reoffenders: 0, reoffences: 0 };
    const { reoffended, count } = reoffendingOf(person.indexDate, person.events);
    cohort.people++;
    cohort.reoffenders += reoffended ? 1 : 0;
    cohort.reoffences += count;
    cohorts.set(quarter, cohort);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([quarter, counts]) => {
      const complete = isComplete(quarterEnd(quarter), today);
      return {
        quarter,
        ...counts,
        complete,
        rate: complete ? counts.reoffenders / counts.people : null,
        reoffencesPerReoffender: complete && counts.reoffenders > 0 ? counts.reoffences / counts.reoffenders : null,
      };
    });
}

/** One person's time to first proven re-offence for a Kaplan-Meier curve: event true for a re-offence, false for a censored time. */
export type SurvivalTime = { time: number; event: boolean };

/**
 * Days from the index date to the first proven re-offence known by today (event: true), or the
 * days observed without one (event: false, right-censored). Only what was known by today counts:
 * an offence on or before min(today, followUpEnds) proven on or before min(today,
 * waitingPeriodEnds). A censored time is the days to min(today, followUpEnds(indexDate)), so it
 * never runs past what has been observed; for a complete window it is the whole follow-up
 * period: 365 days, or 366 when it spans 29 February, so that an offence on its last day still
 * falls inside it. Today on or before the index date gives 0, censored. Caution: within the
 * waiting period recent offences may not yet be proven, so curves from incomplete windows run
 * low; reoffendingOf and this agree on every complete window.
 */
export function timeToFirst(indexDate: string, events: readonly JusticeEvent[], today: string): SurvivalTime {
  assertRealDate(today, 'Today');
  const windowEnd = followUpEnds(indexDate);
  const observedTo = today < windowEnd ? today : windowEnd;
  if (observedTo <= indexDate) return { time: 0, event: false };
  const known = provenReoffences(indexDate, events).filter((event) => event.offenceOn <= observedTo && event.outcomeOn <= today);
  const first = known[0];
  if (first !== undefined) return { time: daysBetween(indexDate, first.offenceOn), event: true };
  return { time: daysBetween(indexDate, observedTo), event: false };
}
