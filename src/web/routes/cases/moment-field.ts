// A date (the NHS date input's three boxes) and a time (HH:MM) read together as one instant, London time.
import { parseDateParts } from '../../../domain/age.js';
import { londonInstant, londonTimeOfDay, londonDate, parseTimeOfDay } from '../../../domain/london-time.js';
import type { FieldErrors } from '../../../services/errors.js';

/** Reads `<prefix>Date-day|month|year` and `<prefix>Time`; problems go into `errors` under those names. */
export function readMomentFields(fields: Record<string, string>, prefix: string, label: string, errors: FieldErrors): Date | null {
  const v = (name: string) => (fields[name] ?? '').trim();
  const date = parseDateParts(v(`${prefix}Date-day`), v(`${prefix}Date-month`), v(`${prefix}Date-year`), `Date of ${label}`);
  if (!date.ok) errors[`${prefix}Date-${date.field}`] = date.error;
  const time = v(`${prefix}Time`);
  const clock = parseTimeOfDay(time);
  if (!clock) errors[`${prefix}Time`] = time ? `Enter the time of ${label} as hours and minutes on the 24-hour clock, like 14:30` : `Enter the time of ${label}`;
  return date.ok && clock ? londonInstant(date.date, clock) : null;
}

/** The form values that show an instant in those fields (for a default, or to show a stored time). */
export function momentValues(prefix: string, instant: Date): Record<string, string> {
  const [year, month, day] = londonDate(instant).split('-') as [string, string, string];
  return { [`${prefix}Date-day`]: String(Number(day)), [`${prefix}Date-month`]: String(Number(month)), [`${prefix}Date-year`]: year, [`${prefix}Time`]: londonTimeOfDay(instant) };
}
