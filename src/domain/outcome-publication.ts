// Outcome figures as they are published: whole for the team, with small numbers hidden for commissioners. A rate
// built on a hidden count is hidden with its interval, so neither can give the count back.
import type { ProportionInterval } from './statistics/proportions.js';
import { suppressCount, suppressRate, type SuppressedCell } from './suppression.js';

export type PublishedProportion = {
  successes: SuppressedCell;
  n: SuppressedCell;
  /** Null when hidden, or when n is 0 (no rate). */
  proportion: number | null;
  lower: number | null;
  upper: number | null;
  /** True when the rate and its interval are hidden. */
  suppressed: boolean;
};

const whole = (value: number): SuppressedCell => ({ value, suppressed: false, reason: null });

/** A count as published: hidden by suppressCount (1 to 4) when `suppress`, else shown as it is. */
export function publishCount(value: number, suppress: boolean): SuppressedCell {
  return suppress ? suppressCount(value) : whole(value);
}

/**
 * A proportion with its interval as published. With `suppress`, the counts are suppressed one by one
 * (suppressCount) and the rate by suppressRate (hidden when the numerator, the denominator or the complement is
 * from 1 to 4); a hidden rate takes its interval with it. Without, everything is shown.
 */
export function publishProportion(interval: ProportionInterval, suppress: boolean): PublishedProportion {
  const successes = publishCount(interval.successes, suppress);
  const n = publishCount(interval.n, suppress);
  const hidden = suppress && suppressRate(interval.successes, interval.n).suppressed;
  if (hidden) return { successes, n, proportion: null, lower: null, upper: null, suppressed: true };
  return { successes, n, proportion: interval.proportion, lower: interval.lower, upper: interval.upper, suppressed: false };
}

/**
 * Re-offences per person as published: null when there are no people; with `suppress`, hidden (suppressed true)
 * when the re-offences or the people are from 1 to 4, since the frequency times the people gives the re-offences.
 */
export function publishFrequency(reoffences: number, people: number, suppress: boolean): { value: number | null; suppressed: boolean } {
  if (suppress && (suppressCount(reoffences).suppressed || suppressCount(people).suppressed)) return { value: null, suppressed: true };
  return { value: people === 0 ? null : reoffences / people, suppressed: false };
}
