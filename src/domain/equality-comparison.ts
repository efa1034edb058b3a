// Whether a group passes from one stage to the next less often than everyone does: the ratio of the group's
// conversion to everyone's, and a flag when the shortfall is more than chance would explain.
import { twoProportionTest } from './statistics/proportions.js';

export type ConversionComparison = {
  /** The group's conversion (reached ÷ eligible), or null when none were eligible. */
  group: number | null;
  /** Everyone's conversion, or null when none were eligible. */
  everyone: number | null;
  /** group ÷ everyone; null when either is missing or everyone's is 0. */
  ratio: number | null;
  /**
   * True when the group's conversion is lower than that of everyone outside the group and the 95% interval of
   * the difference lies wholly below zero; null when there is no one outside the group, or no one eligible in it.
   */
  lower: boolean | null;
  /** The interval of (group − everyone outside the group), for the record; null as for `lower`. */
  interval: { lower: number; upper: number } | null;
};

/**
 * Compares a group's stage-to-stage conversion (`reached` of `eligible` passed on) with everyone's (`allReached` of
 * `allEligible`, the group included). The ratio is group ÷ everyone. The flag tests the group against everyone
 * else (the rest: allReached − reached of allEligible − eligible), since the group is part of everyone and the two
 * are not independent; a group below the rest is below everyone too, as everyone's rate lies between the two.
 * `lower` is true when the Newcombe hybrid score interval (method 10, Newcombe 1998, no continuity correction, via
 * `twoProportionTest`) of group − rest lies wholly below zero at the given confidence (default 95%).
 * Throws a RangeError when a reached count exceeds its eligible count or the group's counts exceed everyone's.
 */
export function compareConversion(reached: number, eligible: number, allReached: number, allEligible: number, confidence = 0.95): ConversionComparison {
  if (reached > allReached || eligible > allEligible) throw new RangeError(`The group's counts (${reached} of ${eligible}) cannot exceed everyone's (${allReached} of ${allEligible})`);
  const restEligible = allEligible - eligible;
  const restReached = allReached - reached;
  const test = twoProportionTest(reached, eligible, restReached, restEligible, confidence);
  const group = eligible === 0 ? null : reached / eligible;
  const everyone = allEligible === 0 ? null : allReached / allEligible;
  const ratio = group === null || everyone === null || everyone === 0 ? null : group / everyone;
  const interval = test.lower === null || test.upper === null ? null : { lower: test.lower, upper: test.upper };
  return { group, everyone, ratio, lower: interval === null ? null : interval.upper < 0, interval };
}
