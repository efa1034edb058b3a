// The "record a change" form of an onward referral, shared by the team's page and the partner worker's page.
import { parseDateParts } from '../../../domain/age.js';
import { londonDate } from '../../../domain/london-time.js';
import { ONWARD_REFERRAL_STATES, ONWARD_REFERRAL_STATE_LABELS, type OnwardReferralState } from '../../../domain/onward-referral-state.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import type { OnwardReferralRow } from '../../../db/schema.js';
import type { OnwardTimelineEntry } from '../../../services/cases/onward-referral-reads.js';
import type { OnwardMoveDetails } from '../../../services/cases/onward-referrals.js';
import type { FieldErrors } from '../../../services/errors.js';
import { ConflictError, ValidationError } from '../../../services/errors.js';
import { dateBoxes, errorSummary, versionField } from '../../forms.js';
import { conflictView, type ConflictView, WHAT_CHANGED } from '../../version-conflict.js';

/** Saving a move again records it after theirs: it does not replace theirs. */
const MOVE_AGAIN = 'Record it again if it still applies: it is recorded after their change, which stays in the timeline.';

/** The questions of the move form, as the form asks them. */
export const MOVE_FIELDS: readonly LabelledField[] = [
  { name: 'to', label: 'What has happened?', choices: ONWARD_REFERRAL_STATE_LABELS },
  { name: 'on', label: 'Date of the change', kind: 'date' },
  // The browser sends the first appointment's boxes whatever is chosen; they count only for a move that books one.
  { name: 'appointmentOn', label: 'Date of the first appointment', kind: 'date', onlyWhen: (v) => v.to === 'first_appointment_booked' },
  { name: 'reason', label: 'Reason or note' },
];

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

/** A referral as its page shows it: where it stands, its timeline, and the moves still open. */
type ReferralNow = {
  referral: Pick<OnwardReferralRow, 'onward_state' | 'state_changed_on' | 'first_appointment_on' | 'updated_at'>;
  timeline: readonly Pick<OnwardTimelineEntry, 'toState' | 'reason'>[];
  nextStates: readonly OnwardReferralState[];
};

/**
 * A stale move beside the change recorded meanwhile: the state, date and reason of the move that brought the referral
 * where it now stands (and the first appointment when that move booked one), against what this user typed. No
 * comparison when no further change can be recorded: there is nothing to save again, and the message says so.
 */
export function staleMove(r: ReferralNow, typed: Record<string, string>, message: string): { conflict: ConflictView | null; errors: FieldErrors; errorList: { text: string; href: string }[] } {
  const conflict = r.nextStates.length === 0 ? null : moveConflict(r, typed);
  return { conflict, errors: { form: message }, errorList: [{ text: message, href: conflict ? WHAT_CHANGED : '#timeline' }] };
}

function moveConflict({ referral, timeline }: ReferralNow, typed: Record<string, string>): ConflictView {
  const state = referral.onward_state;
  const theirMove = [...timeline].reverse().find((e) => e.toState === state);
  const theirs = {
    to: state,
    ...dateBoxes('on', referral.state_changed_on),
    ...(referral.first_appointment_on ? dateBoxes('appointmentOn', referral.first_appointment_on) : {}),
    reason: theirMove?.reason ?? '',
  };
  return conflictView(MOVE_FIELDS, theirs, typed, referral.updated_at, MOVE_AGAIN);
}

/** Today's (London) date in the three boxes of a date input called `name`. */
export const todayBoxes = (now: Date, name: string): Record<string, string> => dateBoxes(name, londonDate(now));

/** Radio items for the moves open from the referral's state. */
export function moveChoices(states: readonly OnwardReferralState[], chosen: string | undefined) {
  return states.map((s) => ({ value: s, text: ONWARD_REFERRAL_STATE_LABELS[s], checked: chosen === s }));
}
