// Proportions with honest uncertainty: the Wilson score interval for one proportion, and for two independent
// proportions the z test and Newcombe's hybrid score interval for their difference.
import { chiSquare1Sf, criticalValue } from './normal.js';

export type ProportionInterval = {
  /** successes / n, or null when n is 0. */
  proportion: number | null;
  lower: number | null;
  upper: number | null;
  successes: number;
  n: number;
};

export type TwoProportionComparison = {
  p1: number | null;
  p2: number | null;
  /** p1 − p2. */
  difference: number | null;
  lower: number | null;
  upper: number | null;
  /** (p1 − p2) / pooled standard error: negative when the first proportion is the smaller. */
  z: number | null;
  /** Two-sided. */
  pValue: number | null;
};

function checkCounts(successes: number, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count of people must be a whole number, 0 or more: ${n}`);
  if (!Number.isInteger(successes) || successes < 0) throw new RangeError(`A count of successes must be a whole number, 0 or more: ${successes}`);
  if (successes > n) throw new RangeError(`Successes (${successes}) cannot exceed the number of people (${n})`);
}

function wilsonBounds(successes: number, n: number, z: number): { lower: number; upper: number } {
  const z2 = z * z;
  const centre = (successes + z2 / 2) / (n + z2);
  const halfWidth = (z * Math.sqrt((successes * (n - successes)) / n + z2 / 4)) / (n + z2);
  // At 0 and n the bounds are exactly 0 and 1; elsewhere clamp away rounding at the edges.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}

/**
 * The proportion successes/n with its Wilson score interval (Wilson 1927; method 3 in Newcombe 1998, "Two-sided
 * confidence intervals for the single proportion", Stat Med 17:857-872), without continuity correction.
 * The interval stays within [0, 1] and is 0 or 1 exactly at the edges. n = 0 gives proportion and bounds null.
 * Throws a RangeError for negative or non-whole counts, successes above n, or a confidence outside (0, 1).
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): ProportionInterval {
  checkCounts(successes, n);
  const z = criticalValue(confidence);
  if (n === 0) return { proportion: null, lower: null, upper: null, successes, n };
  return { proportion: successes / n, ...wilsonBounds(successes, n, z), successes, n };
}

/**
 * Compares two independent proportions x1/n1 and x2/n2.
 * - difference = p1 − p2, with its interval by Newcombe's hybrid score method (method 10 in Newcombe 1998,
 *   "Interval estimation for the difference between independent proportions", Stat Med 17:873-890), built from
 *   each group's Wilson interval (l1, u1) and (l2, u2): from (p1 − p2) − z·√(l1(1−l1)/n1 + u2(1−u2)/n2)
 *   to (p1 − p2) + z·√(u1(1−u1)/n1 + l2(1−l2)/n2), without continuity correction.
 * - z = (p1 − p2) / √(p(1−p)(1/n1 + 1/n2)) with the pooled proportion p = (x1 + x2)/(n1 + n2): the usual
 *   two-proportion z test (equal to the Pearson chi-square without Yates's correction); the sign follows p1 − p2;
 *   pValue is two-sided.
 * A group of size 0 makes its own proportion, the difference, its interval, z and pValue null; when the pooled
 * proportion is 0 or 1 (no successes, or no failures, in either group) the test is undefined and z and pValue are
 * null while the interval is still given. Throws a RangeError for counts as wilsonInterval does.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): TwoProportionComparison {
  checkCounts(x1, n1);
  checkCounts(x2, n2);
  const zCritical = criticalValue(confidence);
  const p1 = n1 === 0 ? null : x1 / n1;
  const p2 = n2 === 0 ? null : x2 / n2;
  if (p1 === null || p2 === null) return { p1, p2, difference: null, lower: null, upper: null, z: null, pValue: null };

  const difference = p1 - p2;
  const w1 = wilsonBounds(x1, n1, zCritical);
  const w2 = wilsonBounds(x2, n2, zCritical);
  const delta = zCritical * Math.sqrt((w1.lower * (1 - w1.lower)) / n1 + (w2.upper * (1 - w2.upper)) / n2);
  const epsilon = zCritical * Math.sqrt((w1.upper * (1 - w1.upper)) / n1 + (w2.lower * (1 - w2.lower)) / n2);
  const lower = Math.max(-1, difference - delta);
  const upper = Math.min(1, difference + epsilon);

  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { p1, p2, difference, lower, upper, z: null, pValue: null };
  const z = difference / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { p1, p2, difference, lower, upper, z, pValue: chiSquare1Sf(z * z) };
}
