// The outcome measures made ready to show: every count and rate through the publication rules, so a commissioner's
// page is built from figures that already have small numbers hidden, and carries no person's identifier.
import type { EngagementSummary } from '../../domain/outcome-engagement.js';
import { publishCount, publishFrequency, publishProportion, type PublishedProportion } from '../../domain/outcome-publication.js';
import { atRiskAt, survivalAt, type GroupCohort, type ReoffendingComparison, type SurvivalCurve } from '../../domain/outcome-reoffending.js';
import type { LogRankResult } from '../../domain/statistics/survival.js';
import type { SuppressedCell } from '../../domain/suppression.js';

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
  /** The steps for the chart: times and survival only, no counts. */
  steps: { time: number; survival: number; censored: number }[];
  atDays: { day: number; survival: number; atRisk: SuppressedCell }[];
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

function curve(c: SurvivalCurve, suppress: boolean): PublishedCurve {
  return {
    people: publishCount(c.people, suppress),
    median: c.median,
    steps: c.steps.map((s) => ({ time: s.time, survival: s.survival, censored: s.censored })),
    atDays: SURVIVAL_TABLE_DAYS.map((day) => ({ day, survival: survivalAt(c.steps, day), atRisk: publishCount(atRiskAt(c.steps, day), suppress) })),
  };
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
