// The age bands of the dashboard and the commissioner's return: 10-17, 18-24, 25 and over, and "not known",
// each person banded by their age on the referral date.
import { AGE_BAND_LABELS, AGE_BANDS, ageBand, ageOn, isRealDate, londonCalendarDate, OLDEST_LIKELY_AGE, YOUNGEST_AGE, type AgeBand } from './age.js';

/** A reporting age band: the three bands of an age, or not known. */
export type ReportingAgeBand = AgeBand | 'not_known';

/** The reporting bands in the order they are shown: youngest first, "not known" last. */
export const REPORTING_AGE_BANDS: readonly ReportingAgeBand[] = [...AGE_BANDS, 'not_known'];

/** Labels for the reporting bands ("10 to 17", "18 to 24", "25 and over", "Not known"). */
export const REPORTING_AGE_BAND_LABELS: Record<ReportingAgeBand, string> = { ...AGE_BAND_LABELS, not_known: 'Not known' };

/**
 * The ages (whole years, both ends included) of each band; `to` is null for the open top band. For building a
 * query that bands in SQL: such a query must give the same answer as `reportingAgeBand` (a test checks these
 * bounds against `ageBand`).
 */
export const AGE_BAND_AGES: Record<AgeBand, { from: number; to: number | null }> = {
  child: { from: YOUNGEST_AGE, to: 17 },
  young_adult: { from: 18, to: 24 },
  adult: { from: 25, to: null },
};

/**
 * The reporting age band of a person on the referral date (a YYYY-MM-DD string, or a Date read as its
 * Europe/London calendar date), from their date of birth by `ageOn` (whole years; a 29 February birthday
 * turns over on 1 March in other years).
 *
 * Returns 'not_known' when there is no date of birth, and also when the recorded date cannot be right on that
 * referral: not a real date, after the referral date, or making the person under 10 or over 110 (the range the
 * service accepts when a date of birth is entered). Such a record is counted, as not known, rather than placed
 * in a band it may not belong to. Throws a RangeError only when the referral date itself is not a real date.
 */
export function reportingAgeBand(dateOfBirth: string | null | undefined, referralDate: string | Date): ReportingAgeBand {
  const on = typeof referralDate === 'string' ? referralDate : londonCalendarDate(referralDate);
  if (!isRealDate(on)) throw new RangeError(`Referral date is not a real date (YYYY-MM-DD): ${on}`);
  const born = dateOfBirth?.trim() ?? '';
  if (born === '' || !isRealDate(born) || born > on) return 'not_known';
  const age = ageOn(born, on);
  if (age < YOUNGEST_AGE || age > OLDEST_LIKELY_AGE) return 'not_known';
  return ageBand(age);
}

/** One person to band: a date of birth (or none) and the referral date. */
export type PersonAtReferral = { dateOfBirth: string | null | undefined; referralDate: string | Date };

/**
 * Counts of people in each reporting band, every band present (0 when empty), keys in the order of
 * `REPORTING_AGE_BANDS`. Counts here are unsuppressed: suppress them before showing them to a commissioner.
 */
export function countByReportingAgeBand(people: Iterable<PersonAtReferral>): Record<ReportingAgeBand, number> {
  const counts = Object.fromEntries(REPORTING_AGE_BANDS.map((band) => [band, 0])) as Record<ReportingAgeBand, number>;
  for (const person of people) counts[reportingAgeBand(person.dateOfBirth, person.referralDate)] += 1;
  return counts;
}
