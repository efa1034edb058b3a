// Ages and age bands (10-17 child, 18-24 young adult, 25+ adult) on Europe/London calendar dates, and date-of-birth checks.
import { londonDate } from './london-time.js';

export const AGE_BANDS = ['child', 'young_adult', 'adult'] as const;

export type AgeBand = (typeof AGE_BANDS)[number];

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  child: '10 to 17',
  young_adult: '18 to 24',
  adult: '25 and over',
};

/** The youngest age the service works with. */
export const YOUNGEST_AGE = 10;
/** Older than this, a date of birth is taken to be mistyped. */
export const OLDEST_LIKELY_AGE = 110;

export const DATE_OF_BIRTH_MESSAGES = {
  missing: 'Enter the date of birth',
  notReal: 'Date of birth must be a real date',
  inFuture: 'Date of birth must be in the past',
  underTen: 'Date of birth makes the person under 10 on the referral date: check it, as the service works with people aged 10 and over',
  overOneHundredAndTen: 'Date of birth makes the person over 110: check the year',
} as const;

type CalendarDate = { year: number; month: number; day: number };


/** The calendar date (YYYY-MM-DD) in Europe/London at the given instant: 23:30 UTC on 1 July is 2 July in London. */
export function londonCalendarDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('londonCalendarDate needs a valid Date');
  return londonDate(instant);
}

/** A year of 366 days in the Gregorian calendar. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The days in a month (1 to 12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseCalendarDate(text: string): CalendarDate | null {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a YYYY-MM-DD string that names a day on the calendar (so not 2023-02-29 or 2024-13-01). */
export function isRealDate(text: string): boolean {
  return parseCalendarDate(text) !== null;
}

function calendarDateOn(on: string | Date): CalendarDate {
  const text = typeof on === 'string' ? on : londonCalendarDate(on);
  const date = parseCalendarDate(text);
  if (date === null) throw new RangeError(`Not a real date (YYYY-MM-DD): ${text}`);
  return date;
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Age in whole years on a date: a YYYY-MM-DD string, or a Date read as its Europe/London
 * calendar date. Someone born on 29 February turns a year older on 1 March in other years.
 * Throws a RangeError for a date that is not real, or a date before the birth.
 */
export function ageOn(dateOfBirth: string, on: string | Date): number {
  const born = parseCalendarDate(dateOfBirth);
  if (born === null) throw new RangeError(`Date of birth is not a real date (YYYY-MM-DD): ${dateOfBirth}`);
  const day = calendarDateOn(on);
  if (compareDates(day, born) < 0) throw new RangeError('Cannot give an age on a date before the date of birth');
  const hadBirthday = day.month > born.month || (day.month === born.month && day.day >= born.day);
  return day.year - born.year - (hadBirthday ? 0 : 1);
}

function assertWholeAge(age: number): void {
  if (!Number.isSafeInteger(age) || age < 0) throw new RangeError('Age must be a whole number of years, 0 or more');
}

/** The age band for an age in whole years. Throws a RangeError under 10: the service does not see under-10s. */
export function ageBand(age: number): AgeBand {
  assertWholeAge(age);
  if (age < YOUNGEST_AGE) throw new RangeError('Age must be 10 or over: the service does not see children under 10');
  if (age <= 17) return 'child';
  if (age <= 24) return 'young_adult';
  return 'adult';
}

/** Under 18: a child, for the children's pathway and safeguarding. */
export function isChild(age: number): boolean {
  assertWholeAge(age);
  return age < 18;
}

/**
 * A message to show next to a date-of-birth field, or null if the date is fine: it must be
 * real, not after the referral date, and make the person 10 to 110 years old on that date.
 */
export function dateOfBirthError(dateOfBirth: string, referralDate: string | Date): string | null {
  const text = dateOfBirth.trim();
  if (text === '') return DATE_OF_BIRTH_MESSAGES.missing;
  const born = parseCalendarDate(text);
  if (born === null) return DATE_OF_BIRTH_MESSAGES.notReal;
  if (compareDates(born, calendarDateOn(referralDate)) > 0) return DATE_OF_BIRTH_MESSAGES.inFuture;
  const age = ageOn(text, referralDate);
  if (age < YOUNGEST_AGE) return DATE_OF_BIRTH_MESSAGES.underTen;
  if (age > OLDEST_LIKELY_AGE) return DATE_OF_BIRTH_MESSAGES.overOneHundredAndTen;
  return null;
}

export type DateField = 'day' | 'month' | 'year';

export type DatePartsParse = { ok: true; date: string } | { ok: false; error: string; field: DateField };

/** "Date of birth" → "date of birth", but "NHS start date" stays as it is. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function joinParts(parts: DateField[]): string {
  if (parts.length === 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

/**
 * Reads the three boxes of the NHS date input (day, month, year) into YYYY-MM-DD. Each part
 * must be digits only; the year has 4 digits. On failure, `field` is the box to highlight.
 * Messages start with the label, for example "Date of birth must include a month".
 */
export function parseDateParts(day: string, month: string, year: string, label = 'Date of birth'): DatePartsParse {
  const entered: Record<DateField, string> = { day: day.trim(), month: month.trim(), year: year.trim() };
  const fields: DateField[] = ['day', 'month', 'year'];
  const missing = fields.filter((f) => entered[f] === '');
  if (missing.length === 3) return { ok: false, error: `Enter the ${inSentence(label)}`, field: 'day' };
  const [firstMissing] = missing;
  if (firstMissing !== undefined) {
    return { ok: false, error: `${label} must include a ${joinParts(missing)}`, field: firstMissing };
  }

  const notReal = (field: DateField): DatePartsParse => ({ ok: false, error: `${label} must be a real date`, field });
  if (!/^[0-9]{1,2}$/.test(entered.day)) return notReal('day');
  if (!/^[0-9]{1,2}$/.test(entered.month)) return notReal('month');
  if (!/^[0-9]+$/.test(entered.year)) return notReal('year');
  if (entered.year.length !== 4) return { ok: false, error: `${label} year must include 4 numbers`, field: 'year' };

  const y = Number(entered.year);
  const m = Number(entered.month);
  const d = Number(entered.day);
  if (y < 1) return notReal('year');
  if (m < 1 || m > 12) return notReal('month');
  if (d < 1 || d > daysInMonth(y, m)) return notReal('day');
  return { ok: true, date: `${entered.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
