// The "record a change" form of an onward referral, shared by the team's page and the partner worker's page.
import { parseDateParts } from '../../../domain/age.js';
import { londonDate } from '../../../domain/london-time.js';
import { ONWARD_REFERRAL_STATES, ONWARD_REFERRAL_STATE_LABELS, type OnwardReferralState } from '../../../domain/onward-referral-state.js';
import type { OnwardMoveDetails } from '../../../services/cases/onward-referrals.js';
import type { FieldErrors } from '../../../services/errors.js';
import { ConflictError, ValidationError } from '../../../services/errors.js';
import { dateBoxes, errorSummary, versionField } from '../../forms.js';

/** What the move form posted: the state chosen, the version read, and dates read from their three boxes. */
export type MoveForm = { to: OnwardReferralState | null; version: number | null; details: OnwardMoveDetails; dateErrors: FieldErrors; dateIds: Record<string, string> };

function readDate(fields: Record<string, string>, name: string, label: string, form: Pick<MoveForm, 'dateErrors' | 'dateIds'>): string {
  const [day, month, year] = ['day', 'month', 'year'].map((p) => fields[`${name}-${p}`] ?? '');
  if (!day && !month && !year) return '';
  const parsed = parseDateParts(day!, month!, year!, label);
  if (parsed.ok) return parsed.date;
  form.dateErrors[name] = parsed.error;
  form.dateIds[name] = `${name}-${parsed.field}`;
  return '';
}

export function readMoveForm(fields: Record<string, string>): MoveForm {
  const form = { dateErrors: {} as FieldErrors, dateIds: { on: 'on-day', appointmentOn: 'appointmentOn-day' } as Record<string, string> };
  const to = (ONWARD_REFERRAL_STATES as readonly string[]).includes(fields.to ?? '') ? (fields.to as OnwardReferralState) : null;
  const on = readDate(fields, 'on', 'Date of the change', form);
  const appointmentOn = to === 'first_appointment_booked' ? readDate(fields, 'appointmentOn', 'Date of the first appointment', form) : '';
  return { to, version: versionField(fields), details: { on, reason: fields.reason ?? '', appointmentOn: appointmentOn || null }, ...form };
}

/** The move's field errors, with a date's own parse error (e.g. "must include a month") in place of "Enter the date". */
export function moveErrors(form: MoveForm, error: ValidationError | null): { errors: FieldErrors; errorList: ReturnType<typeof errorSummary> } {
  const errors: FieldErrors = { ...(error?.fieldErrors ?? {}) };
  if (!form.to) errors.to = 'Select what has happened to the referral';
  for (const [name, message] of Object.entries(form.dateErrors)) if (name in errors || !error) errors[name] = message;
  const ordered: FieldErrors = {};
  for (const key of ['to', 'on', 'appointmentOn', 'reason', 'form']) if (errors[key]) ordered[key] = errors[key]!;
  return { errors: ordered, errorList: errorSummary(ordered, { to: 'to', ...form.dateIds, form: 'move-form' }) };
}

/** A stale version: say what the referral is now, keep the user's input. */
export function conflictMessage(error: ConflictError): string {
  const latest = error.current as { onward_state: OnwardReferralState };
  return `Someone else recorded a change to this referral while you were working on it: it is now ${ONWARD_REFERRAL_STATE_LABELS[latest.onward_state].toLowerCase()}. Check the timeline and record your change again if it still applies.`;
}

/** Today's (London) date in the three boxes of a date input called `name`. */
export const todayBoxes = (now: Date, name: string): Record<string, string> => dateBoxes(name, londonDate(now));

/** Radio items for the moves open from the referral's state. */
export function moveChoices(states: readonly OnwardReferralState[], chosen: string | undefined) {
  return states.map((s) => ({ value: s, text: ONWARD_REFERRAL_STATE_LABELS[s], checked: chosen === s }));
}
