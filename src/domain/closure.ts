// Closing a case: the reasons, where each onward referral stood at exit, when the plan counts as complete
// (otherwise a team manager signs the closure off), and when the follow-up after closure is due.
import { parseDateParts, type DateField } from './age.js';
import { addDays } from './calendar-date.js';
import { isFinalOnward, type OnwardReferralState } from './onward-referral-state.js';
import { isOneOf } from './referral-vocabulary.js';

export const CLOSURE_REASONS = ['plan_completed', 'disengaged', 'moved_away', 'transferred', 'in_custody', 'died', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  plan_completed: 'Plan completed',
  disengaged: 'Disengaged',
  moved_away: 'Moved away',
  transferred: 'Transferred to another service',
  in_custody: 'In custody',
  died: 'Died',
  other: 'Other',
};

export const EXIT_STATUSES = ['engaged', 'waiting', 'disengaged', 'did_not_attend', 'declined', 'withdrawn', 'not_known'] as const;
export type ExitStatus = (typeof EXIT_STATUSES)[number];
export const EXIT_STATUS_LABELS: Record<ExitStatus, string> = {
  engaged: 'Engaged',
  waiting: 'Still waiting',
  disengaged: 'Disengaged',
  did_not_attend: 'Did not attend',
  declined: 'Declined by the service',
  withdrawn: 'Withdrawn',
  not_known: 'Not known',
};

/** Answers of a follow-up: still engaged with a service? any new arrest known? */
export const FOLLOW_UP_ANSWERS = ['yes', 'no', 'not_known'] as const;
export type FollowUpAnswer = (typeof FOLLOW_UP_ANSWERS)[number];
export const FOLLOW_UP_ANSWER_LABELS: Record<FollowUpAnswer, string> = { yes: 'Yes', no: 'No', not_known: 'Not known' };

export const FOLLOW_UP_AFTER_DAYS_DEFAULT = 84;
export const FOLLOW_UP_AFTER_DAYS_MIN = 7;
export const FOLLOW_UP_AFTER_DAYS_MAX = 730;

/** A final onward referral's exit status follows from its state; a referral still in progress needs one given. */
export function exitStatusOfFinal(state: OnwardReferralState): ExitStatus | null {
  if (!isFinalOnward(state)) return null;
  return state === 'engaged' || state === 'disengaged' || state === 'did_not_attend' || state === 'declined' || state === 'withdrawn' ? state : 'not_known';
}

export type PlanFacts = {
  agreed: boolean;
  interventionStatuses: readonly string[];
  /** Review dates with the date each was done (null: not done). */
  reviews: readonly { dueOn: string; completedOn: string | null }[];
};

/** Why the support plan is incomplete (empty when complete): a closure then needs a manager's sign-off. */
export function planIncompleteReasons(plan: PlanFacts, today: string): string[] {
  const reasons: string[] = [];
  if (!plan.agreed) reasons.push('The support plan was never agreed');
  const open = plan.interventionStatuses.filter((s) => s !== 'completed' && s !== 'not_completed').length;
  if (open > 0) reasons.push(open === 1 ? '1 intervention is not finished' : `${open} interventions are not finished`);
  const missed = plan.reviews.filter((r) => r.completedOn === null && r.dueOn < today).length;
  if (missed > 0) reasons.push(missed === 1 ? '1 review date passed without a review' : `${missed} review dates passed without a review`);
  return reasons;
}

export type ClosureForm = {
  reason: string;
  details: string;
  closedOn: { day: string; month: string; year: string };
  exitSummary: string;
  /** Onward referral id → exit status chosen. */
  exitStatuses: Record<string, string>;
};

export type OpenOnwardReferral = { id: string; partnerName: string };

export type ClosureCheck =
  | { ok: true; reason: ClosureReason; details: string; closedOn: string; exitSummary: string; exitStatuses: Record<string, ExitStatus> }
  | { ok: false; errors: Record<string, string> };

/**
 * Checks a closure: a reason (details for 'other'), a real closure date neither in the future nor before the case
 * opened, an exit summary, and an exit status for every onward referral still in progress (named in the message).
 * Error keys are the form's field ids: `closedOn-day`, `exit-<referral id>`.
 */
export function checkClosure(form: ClosureForm, ctx: { openedOn: string; today: string; openReferrals: readonly OpenOnwardReferral[] }): ClosureCheck {
  const errors: Record<string, string> = {};
  const reason = form.reason.trim();
  if (!isOneOf(CLOSURE_REASONS, reason)) errors.reason = 'Select why the case is closing';
  const details = form.details.trim();
  if (reason === 'other' && !details) errors.details = 'Enter the reason for closing, as you chose other';
  else if (details.length > 2000) errors.details = 'Details of the reason must be 2000 characters or fewer';
  const date = parseDateParts(form.closedOn.day, form.closedOn.month, form.closedOn.year, 'Closure date');
  let closedOn = '';
  if (!date.ok) errors[`closedOn-${date.field}`] = date.error;
  else if (date.date > ctx.today) errors['closedOn-day'] = 'Closure date must be today or in the past';
  else if (date.date < ctx.openedOn) errors['closedOn-day'] = 'Closure date must be on or after the day the case opened';
  else closedOn = date.date;
  const exitSummary = form.exitSummary.trim();
  if (!exitSummary) errors.exitSummary = 'Enter an exit summary: what support was given and where the person stands now';
  else if (exitSummary.length > 4000) errors.exitSummary = 'Exit summary must be 4000 characters or fewer';
  const exitStatuses: Record<string, ExitStatus> = {};
  for (const r of ctx.openReferrals) {
    const status = (form.exitStatuses[r.id] ?? '').trim();
    if (isOneOf(EXIT_STATUSES, status)) exitStatuses[r.id] = status;
    else errors[`exit-${r.id}`] = `Select where the person stands with ${r.partnerName} at closure: the referral is still open`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, reason: reason as ClosureReason, details, closedOn, exitSummary, exitStatuses };
}

/** The follow-up after closure is due this many days after the closure date. */
export const followUpDueOn = (closedOn: string, followUpAfterDays: number): string => addDays(closedOn, followUpAfterDays);

export const isFollowUpDue = (dueOn: string | null, today: string): boolean => dueOn !== null && dueOn <= today;

/** A service's follow-up delay as typed: a whole number of days from 7 to 730. */
export function parseFollowUpAfterDays(text: string): { ok: true; days: number } | { ok: false; error: string } {
  const t = text.trim();
  if (!t) return { ok: false, error: 'Enter how many days after closure a follow-up is due' };
  if (!/^[0-9]+$/.test(t)) return { ok: false, error: 'Days after closure must be a whole number, like 84' };
  const days = Number(t);
  if (days < FOLLOW_UP_AFTER_DAYS_MIN || days > FOLLOW_UP_AFTER_DAYS_MAX) return { ok: false, error: `Days after closure must be between ${FOLLOW_UP_AFTER_DAYS_MIN} and ${FOLLOW_UP_AFTER_DAYS_MAX}` };
  return { ok: true, days };
}

export type FollowUpForm = {
  stillEngaged: Record<string, string>;
  newArrest: string;
  notes: string;
  followedUpOn: { day: string; month: string; year: string };
};

export type FollowUpCheck =
  | { ok: true; stillEngaged: Record<string, FollowUpAnswer>; newArrest: FollowUpAnswer; notes: string; followedUpOn: string }
  | { ok: false; errors: Record<string, string> };

/** Checks a follow-up: an answer for each onward referral asked about, new arrest, a date between closure and today. */
export function checkFollowUp(form: FollowUpForm, ctx: { closedOn: string; today: string; referrals: readonly OpenOnwardReferral[] }): FollowUpCheck {
  const errors: Record<string, string> = {};
  const stillEngaged: Record<string, FollowUpAnswer> = {};
  for (const r of ctx.referrals) {
    const answer = (form.stillEngaged[r.id] ?? '').trim();
    if (isOneOf(FOLLOW_UP_ANSWERS, answer)) stillEngaged[r.id] = answer;
    else errors[`engaged-${r.id}`] = `Select whether the person is still engaged with ${r.partnerName}`;
  }
  const newArrest = form.newArrest.trim();
  if (!isOneOf(FOLLOW_UP_ANSWERS, newArrest)) errors.newArrest = 'Select whether any new arrest is known';
  const notes = form.notes.trim();
  if (notes.length > 2000) errors.notes = 'Notes must be 2000 characters or fewer';
  const date = parseDateParts(form.followedUpOn.day, form.followedUpOn.month, form.followedUpOn.year, 'Date followed up');
  let followedUpOn = '';
  const dateError = (field: DateField, error: string) => (errors[`followedUpOn-${field}`] = error);
  if (!date.ok) dateError(date.field, date.error);
  else if (date.date > ctx.today) dateError('day', 'Date followed up must be today or in the past');
  else if (date.date < ctx.closedOn) dateError('day', 'Date followed up must be on or after the closure date');
  else followedUpOn = date.date;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, stillEngaged, newArrest: newArrest as FollowUpAnswer, notes, followedUpOn };
}
