// Proven re-offending of the supported group against a comparison group: quarterly cohorts side by side, the
// difference across complete cohorts with its interval and test, and time to first re-offence for both groups.
import {
  cohortSummary, isComplete, quarterEnd, timeToFirst, waitingPeriodEnds, type CohortMember, type CohortQuarter, type CohortSummary,
} from './reoffending.js';
import { twoProportionTest, wilsonInterval, type ProportionInterval, type TwoProportionComparison } from './statistics/proportions.js';
import { kaplanMeier, logRank, medianSurvival, type LogRankResult, type SurvivalObservation, type SurvivalStep } from './statistics/survival.js';

/** One group's cohort of a quarter. Rate and frequency are null while the cohort is incomplete: never a partial rate. */
export type GroupCohort = {
  people: number;
  reoffenders: number;
  reoffences: number;
  /** reoffenders / people with its Wilson 95% interval; null while incomplete. */
  rate: ProportionInterval | null;
  /** Proven re-offences per person in the cohort (the frequency measure); null while incomplete. */
  frequency: number | null;
};

export type CohortRow = {
  quarter: CohortQuarter;
  complete: boolean;
  /** The last day of the waiting period of the quarter's last index date: the cohort is complete the day after. */
  followUpEndsOn: string;
  supported: GroupCohort | null;
  comparison: GroupCohort | null;
};

export type GroupTotals = { people: number; reoffenders: number; reoffences: number; rate: ProportionInterval };

export type SurvivalCurve = { people: number; steps: SurvivalStep[]; median: number | null };

export type ReoffendingComparison = {
  cohorts: CohortRow[];
  /** Both groups over their complete cohorts, with supported − comparison and the two-proportion test; null when neither has a complete cohort. */
  complete: { supported: GroupTotals; comparison: GroupTotals; difference: TwoProportionComparison } | null;
  survival: { supported: SurvivalCurve; comparison: SurvivalCurve; logRank: LogRankResult };
};

function groupCohort(summary: CohortSummary | undefined): GroupCohort | null {
  if (!summary) return null;
  return {
    people: summary.people,
    reoffenders: summary.reoffenders,
    reoffences: summary.reoffences,
    rate: summary.complete ? wilsonInterval(summary.reoffenders, summary.people) : null,
    frequency: summary.complete ? summary.reoffences / summary.people : null,
  };
}

function totals(summaries: readonly CohortSummary[]): GroupTotals {
  const complete = summaries.filter((s) => s.complete);
  const people = complete.reduce((sum, s) => sum + s.people, 0);
  const reoffenders = complete.reduce((sum, s) => sum + s.reoffenders, 0);
  return { people, reoffenders, reoffences: complete.reduce((sum, s) => sum + s.reoffences, 0), rate: wilsonInterval(reoffenders, people) };
}

function curve(members: readonly CohortMember[], today: string): { curve: SurvivalCurve; observations: SurvivalObservation[] } {
  const observations = members.map((m) => timeToFirst(m.indexDate, m.events, today));
  const steps = kaplanMeier(observations);
  return { curve: { people: members.length, steps, median: medianSurvival(steps) }, observations };
}

/**
 * Compares the proven re-offending of two groups on `today` (Ministry of Justice definition, see reoffending.ts).
 * Cohorts are calendar quarters of the index date; a quarter is complete once today is after the waiting period of
 * its last day (cohortSummary), and only then carries a rate (Wilson 95%) and a frequency (re-offences per person).
 * Over all complete cohorts: supported − comparison with Newcombe's hybrid score interval and the pooled
 * two-proportion z test (twoProportionTest). Time to first re-offence: Kaplan-Meier curves of every member of each
 * group, censored as timeToFirst does, their medians (first time S ≤ 0.5; null: not reached) and the log-rank test.
 */
export function compareReoffending(supported: readonly CohortMember[], comparison: readonly CohortMember[], today: string): ReoffendingComparison {
  const bySupported = cohortSummary(supported, today);
  const byComparison = cohortSummary(comparison, today);
  const quarters = [...new Set([...bySupported, ...byComparison].map((s) => s.quarter))].sort();
  const cohorts = quarters.map((quarter): CohortRow => {
    const last = quarterEnd(quarter);
    return {
      quarter,
      complete: isComplete(last, today),
      followUpEndsOn: waitingPeriodEnds(last),
      supported: groupCohort(bySupported.find((s) => s.quarter === quarter)),
      comparison: groupCohort(byComparison.find((s) => s.quarter === quarter)),
    };
  });
  const anyComplete = cohorts.some((c) => c.complete);
  const supportedTotals = totals(bySupported);
  const comparisonTotals = totals(byComparison);
  const a = curve(supported, today);
  const b = curve(comparison, today);
  return {
    cohorts,
    complete: anyComplete
      ? {
          supported: supportedTotals,
          comparison: comparisonTotals,
          difference: twoProportionTest(supportedTotals.reoffenders, supportedTotals.people, comparisonTotals.reoffenders, comparisonTotals.people),
        }
      : null,
    survival: { supported: a.curve, comparison: b.curve, logRank: logRank(a.observations, b.observations) },
  };
}

/** S(t) read from a Kaplan-Meier curve: the survival of the last step at or before t, 1 before the first step. */
export function survivalAt(steps: readonly SurvivalStep[], time: number): number {
  let survival = 1;
  for (const step of steps) {
    if (step.time > time) break;
    survival = step.survival;
  }
  return survival;
}

/** People still followed at time t (their time is t or later): the at-risk count of the first step at or after t, else 0. */
export function atRiskAt(steps: readonly SurvivalStep[], time: number): number {
  return steps.find((s) => s.time >= time)?.atRisk ?? 0;
}
