// The outcome measures made ready to show: every count and rate through the publication rules, so a commissioner's
// page is built from figures that already have small numbers hidden, and carries no person's identifier.
import type { EngagementSummary } from '../../domain/outcome-engagement.js';
import { publishCount, publishFrequency, publishProportion, type PublishedProportion } from '../../domain/outcome-publication.js';
import { atRiskAt, survivalAt, type GroupCohort, type ReoffendingComparison, type SurvivalCurve } from '../../domain/outcome-reoffending.js';
import type { LogRankResult } from '../../domain/statistics/survival.js';
import { DEFAULT_SUPPRESSION_THRESHOLD, type SuppressedCell } from '../../domain/suppression.js';

/** Days after the index date at which the survival table reads the curves: 3, 6, 9 and 12 months. */
export const SURVIVAL_TABLE_DAYS = [91, 183, 274, 365] as const;

export type PublishedCohort = {
  people: SuppressedCell;
  reoffenders: SuppressedCell;
  rate: PublishedProportion | null;
  frequency: { value: number | null; suppressed: boolean } | null;
};

export type PublishedCurve = {
  people: SuppressedCell;
  median: number | null;
  /** The steps for the chart: times and survival only, no counts (for commissioners, only the table's points). */
  steps: { time: number; survival: number; censored: number }[];
  /** `survival` is null when hidden: it would let a small number be worked out from the group's size. */
  atDays: { day: number; survival: number | null; hidden: boolean; atRisk: SuppressedCell }[];
};

export type PublishedOutcomes = {
  engagement: { closed: SuppressedCell; atExit: PublishedProportion; atFollowUp: PublishedProportion; notYetDue: SuppressedCell; notRecorded: SuppressedCell };
  cohorts: { quarter: string; complete: boolean; followUpEndsOn: string; supported: PublishedCohort | null; comparison: PublishedCohort | null }[];
  /** Over complete cohorts; difference is null when it would reveal a hidden count. */
  complete: {
    supported: PublishedProportion;
    comparison: PublishedProportion;
    difference: { value: number; lower: number; upper: number; z: number | null; pValue: number | null } | null;
  } | null;
  survival: { supported: PublishedCurve; comparison: PublishedCurve; logRank: Pick<LogRankResult, 'chiSquare' | 'pValue'> };
};

function cohort(c: GroupCohort | null, complete: boolean, suppress: boolean): PublishedCohort | null {
  if (c === null) return null;
  return {
    people: publishCount(c.people, suppress),
    reoffenders: publishCount(c.reoffenders, suppress),
    rate: complete && c.rate ? publishProportion(c.rate, suppress) : null,
    frequency: complete ? publishFrequency(c.reoffences, c.people, suppress) : null,
  };
}

/** Whether S(t) of a group of `people` implies a small number (1 to 4) with, or without, a re-offence. */
function impliesSmallNumber(people: number, survival: number): boolean {
  const reoffended = Math.round(people * (1 - survival));
  const not = people - reoffended;
  return (reoffended > 0 && reoffended < DEFAULT_SUPPRESSION_THRESHOLD) || (not > 0 && not < DEFAULT_SUPPRESSION_THRESHOLD);
}

/**
 * A curve as published. For commissioners each step of the full curve would show a single re-offence on a given
 * day, so the curve is drawn through the table's points only, and a point that implies a small number is hidden
 * (with every later one, so the line does not jump over it).
 */
function curve(c: SurvivalCurve, suppress: boolean): PublishedCurve {
  let hiding = false;
  const atDays = SURVIVAL_TABLE_DAYS.map((day) => {
    const survival = survivalAt(c.steps, day);
    hiding ||= suppress && impliesSmallNumber(c.people, survival);
    return { day, survival: hiding ? null : survival, hidden: hiding, atRisk: publishCount(atRiskAt(c.steps, day), suppress) };
  });
  const steps = suppress
    ? [{ time: 0, survival: 1, censored: 0 }, ...atDays.filter((d) => d.survival !== null).map((d) => ({ time: d.day, survival: d.survival!, censored: 0 }))]
    : c.steps.map((s) => ({ time: s.time, survival: s.survival, censored: s.censored }));
  return { people: publishCount(c.people, suppress), median: c.median, steps, atDays };
}

/** Engagement and re-offending as published: whole for the team, small numbers hidden when `suppress` (commissioners). */
export function publishOutcomes(engagement: EngagementSummary, reoffending: ReoffendingComparison, suppress: boolean): PublishedOutcomes {
  const complete = reoffending.complete;
  let publishedComplete: PublishedOutcomes['complete'] = null;
  if (complete) {
    const supported = publishProportion(complete.supported.rate, suppress);
    const comparison = publishProportion(complete.comparison.rate, suppress);
    const d = complete.difference;
    const shown = !supported.suppressed && !comparison.suppressed && d.difference !== null && d.lower !== null && d.upper !== null;
    publishedComplete = { supported, comparison, difference: shown ? { value: d.difference!, lower: d.lower!, upper: d.upper!, z: d.z, pValue: d.pValue } : null };
  }
  return {
    engagement: {
      closed: publishCount(engagement.closed, suppress),
      atExit: publishProportion(engagement.atExit, suppress),
      atFollowUp: publishProportion(engagement.atFollowUp, suppress),
      notYetDue: publishCount(engagement.notYetDue, suppress),
      notRecorded: publishCount(engagement.notRecorded, suppress),
    },
    cohorts: reoffending.cohorts.map((row) => ({
      quarter: row.quarter,
      complete: row.complete,
      followUpEndsOn: row.followUpEndsOn,
      supported: cohort(row.supported, row.complete, suppress),
      comparison: cohort(row.comparison, row.complete, suppress),
    })),
    complete: publishedComplete,
    survival: {
      supported: curve(reoffending.survival.supported, suppress),
      comparison: curve(reoffending.survival.comparison, suppress),
      logRank: { chiSquare: reoffending.survival.logRank.chiSquare, pValue: reoffending.survival.logRank.pValue },
    },
  };
}
