// Time-to-event analysis: the Kaplan-Meier survival curve with Greenwood's variance, its median, and the log-rank
// test comparing two groups. Times are in any one unit (e.g. days from the index date to a first re-offence).
import { chiSquare1Sf, criticalValue } from './normal.js';

/** One person's follow-up: the time observed, and whether it ended in the event (false: censored at that time). */
export type SurvivalObservation = { time: number; event: boolean };

export type SurvivalStep = {
  time: number;
  /** People still followed just before this time (their time is this time or later). */
  atRisk: number;
  events: number;
  /** Censored at this time: counted at risk here, and removed after the events (events come first in a tie). */
  censored: number;
  /** Kaplan-Meier estimate of S(t), the share without the event beyond this time. */
  survival: number;
  /** Greenwood standard error of survival; null while S = 1 (no event yet) and once S = 0. */
  standardError: number | null;
  /** Pointwise interval by the log-log transform; null while S = 1 and once S = 0. */
  lower: number | null;
  upper: number | null;
};

export type LogRankResult = {
  observedA: number;
  expectedA: number;
  observedB: number;
  expectedB: number;
  /** Hypergeometric variance of observedA − expectedA, summed over the distinct event times. */
  variance: number;
  /** (observedA − expectedA)² / variance, 1 degree of freedom; null when the variance is 0 (no event, or a group empty). */
  chiSquare: number | null;
  pValue: number | null;
};

function checkObservations(observations: readonly SurvivalObservation[]): void {
  for (const o of observations) {
    if (!Number.isFinite(o.time) || o.time < 0) throw new RangeError(`A follow-up time must be a finite number, 0 or more: ${o.time}`);
    if (typeof o.event !== 'boolean') throw new RangeError('Each observation must say whether the event happened (true or false)');
  }
}

type TimeCount = { time: number; events: number; censored: number };

/** Distinct times in ascending order with their events and censorings. */
function countByTime(observations: readonly SurvivalObservation[]): TimeCount[] {
  const byTime = new Map<number, TimeCount>();
  for (const o of observations) {
    const count = byTime.get(o.time) ?? { time: o.time, events: 0, censored: 0 };
    if (o.event) count.events++;
    else count.censored++;
    byTime.set(o.time, count);
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/**
 * The Kaplan-Meier (product-limit) estimate of S(t), one step per distinct observed time in ascending order.
 * Censoring-only times are kept as steps with events = 0 and survival unchanged, so a plot draws the step function
 * through every row and a censoring mark where censored > 0; before the first row the curve is at 1.
 * In a tie, events are taken to come before censorings (the censored are at risk at that time).
 * Variance by Greenwood's formula, Var(S) = S²·Σ d/(n(n − d)); the pointwise interval uses the log-log transform
 * (Kalbfleisch and Prentice), S^exp(±z·√(Σ d/(n(n − d)))/|ln S|), which stays within (0, 1) — as Stata's sts list
 * and R's survfit with conf.type = "log-log". Throws a RangeError for a negative or non-finite time.
 */
export function kaplanMeier(observations: readonly SurvivalObservation[], confidence = 0.95): SurvivalStep[] {
  checkObservations(observations);
  const z = criticalValue(confidence);
  let atRisk = observations.length;
  let survival = 1;
  let greenwoodSum = 0;
  const steps: SurvivalStep[] = [];
  for (const { time, events, censored } of countByTime(observations)) {
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwoodSum += atRisk === events ? Infinity : events / (atRisk * (atRisk - events));
    }
    const defined = survival > 0 && survival < 1;
    const logLogSe = defined ? Math.sqrt(greenwoodSum) / Math.abs(Math.log(survival)) : 0;
    steps.push({
      time,
      atRisk,
      events,
      censored,
      survival,
      standardError: defined ? survival * Math.sqrt(greenwoodSum) : null,
      lower: defined ? survival ** Math.exp(z * logLogSe) : null,
      upper: defined ? survival ** Math.exp(-z * logLogSe) : null,
    });
    atRisk -= events + censored;
  }
  return steps;
}

/**
 * The median survival time: the first time at which S(t) ≤ 0.5 (the convention of Collett and of Kleinbaum and
 * Klein; R's survfit instead takes the midpoint when S is exactly 0.5 along a flat stretch). Null when the curve never
 * falls to 0.5, i.e. the median is not reached within follow-up.
 */
export function medianSurvival(steps: readonly SurvivalStep[]): number | null {
  return steps.find((s) => s.survival <= 0.5)?.time ?? null;
}

/**
 * The log-rank (Mantel-Cox) test that two groups share one survival curve. At each distinct event time t in the
 * pooled data, with n at risk (nA in group A), d events and dA of them in A: expected dA is d·nA/n and its
 * hypergeometric variance d·(nA/n)(1 − nA/n)(n − d)/(n − 1). chiSquare = (observedA − expectedA)²/Σ variance on
 * 1 degree of freedom, without continuity correction (as R's survdiff). Ties: events before censorings.
 * Throws a RangeError for a negative or non-finite time.
 */
export function logRank(groupA: readonly SurvivalObservation[], groupB: readonly SurvivalObservation[]): LogRankResult {
  checkObservations(groupA);
  checkObservations(groupB);
  const countsA = new Map(countByTime(groupA).map((c) => [c.time, c]));
  const countsB = new Map(countByTime(groupB).map((c) => [c.time, c]));
  const times = [...new Set([...countsA.keys(), ...countsB.keys()])].sort((a, b) => a - b);
  let atRiskA = groupA.length;
  let atRiskB = groupB.length;
  let observedA = 0;
  let expectedA = 0;
  let observedB = 0;
  let expectedB = 0;
  let variance = 0;
  for (const time of times) {
    const a = countsA.get(time) ?? { events: 0, censored: 0 };
    const b = countsB.get(time) ?? { events: 0, censored: 0 };
    const atRisk = atRiskA + atRiskB;
    const events = a.events + b.events;
    if (events > 0) {
      observedA += a.events;
      observedB += b.events;
      expectedA += (events * atRiskA) / atRisk;
      expectedB += (events * atRiskB) / atRisk;
      if (atRisk > 1) variance += (events * atRiskA * atRiskB * (atRisk - events)) / (atRisk * atRisk * (atRisk - 1));
    }
    atRiskA -= a.events + a.censored;
    atRiskB -= b.events + b.censored;
  }
  if (variance <= 0) return { observedA, expectedA, observedB, expectedB, variance, chiSquare: null, pValue: null };
  const chiSquare = (observedA - expectedA) ** 2 / variance;
  return { observedA, expectedA, observedB, expectedB, variance, chiSquare, pValue: chiSquare1Sf(chiSquare) };
}
