// An onward referral's state at a partner service, the moves allowed between states, and when a wait is too long.
import { daysBetween } from './calendar-date.js';

export const ONWARD_REFERRAL_STATES = [
  'draft',
  'sent',
  'accepted',
  'declined',
  'waiting',
  'first_appointment_booked',
  'attended',
  'engaged',
  'disengaged',
  'did_not_attend',
  'withdrawn',
] as const;
export type OnwardReferralState = (typeof ONWARD_REFERRAL_STATES)[number];

export const ONWARD_REFERRAL_STATE_LABELS: Record<OnwardReferralState, string> = {
  draft: 'Draft',
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
  waiting: 'Waiting',
  first_appointment_booked: 'First appointment booked',
  attended: 'Attended',
  engaged: 'Engaged',
  disengaged: 'Disengaged',
  did_not_attend: 'Did not attend',
  withdrawn: 'Withdrawn',
};

/** Moves forward, not counting withdrawal (allowed from every state that is not final). */
const NEXT: Record<OnwardReferralState, readonly OnwardReferralState[]> = {
  draft: ['sent'],
  sent: ['accepted', 'declined'],
  accepted: ['waiting', 'first_appointment_booked'],
  declined: [],
  waiting: ['first_appointment_booked'],
  first_appointment_booked: ['attended', 'did_not_attend'],
  attended: ['engaged', 'disengaged'],
  engaged: [],
  disengaged: [],
  did_not_attend: [],
  withdrawn: [],
};

/** Final: nothing more happens to the referral. */
export const isFinalOnward = (state: OnwardReferralState): boolean => NEXT[state].length === 0;

export function canMoveOnward(from: OnwardReferralState, to: OnwardReferralState): boolean {
  if (to === 'withdrawn') return !isFinalOnward(from);
  return NEXT[from].includes(to);
}

/** A decline or a withdrawal must say why. */
export const needsReason = (to: OnwardReferralState): boolean => to === 'declined' || to === 'withdrawn';

/** States in which the person is still waiting for the partner service to see them. */
export const WAITING_STATES: readonly OnwardReferralState[] = ['sent', 'accepted', 'waiting'];

/**
 * True when the referral is still sent, accepted or waiting more than the service's typical
 * wait (in days) after it was sent; false when the typical wait is not known.
 */
export function waitingTooLong(sentOn: string, typicalWaitDays: number | null, today: string, state: OnwardReferralState): boolean {
  if (typicalWaitDays === null || !WAITING_STATES.includes(state)) return false;
  if (!Number.isSafeInteger(typicalWaitDays) || typicalWaitDays < 0) throw new RangeError('Typical wait must be a whole number of days, 0 or more');
  return daysBetween(sentOn, today) > typicalWaitDays;
}
