// Checking one move of an onward referral (the state machine, its date and reason), which moves a partner
// service's worker records, and how long the person waited for the partner service.
import { isRealDate } from './age.js';
import { daysBetween } from './calendar-date.js';
import {
  ONWARD_REFERRAL_STATES, ONWARD_REFERRAL_STATE_LABELS, WAITING_STATES, canMoveOnward, isFinalOnward, needsReason, type OnwardReferralState,
} from './onward-referral-state.js';

/** Who records the move: the L&D team, or a worker of the partner service the referral was sent to. */
export type OnwardMover = 'team' | 'partner';

/** The states a partner worker records: their decision, the first appointment and how it went. */
export const PARTNER_SET_STATES: readonly OnwardReferralState[] = ['accepted', 'declined', 'first_appointment_booked', 'attended', 'did_not_attend', 'engaged', 'disengaged'];

/** The moves open from a state, in lifecycle order. */
export function nextOnwardStates(from: OnwardReferralState, mover: OnwardMover): OnwardReferralState[] {
  return ONWARD_REFERRAL_STATES.filter((to) => canMoveOnward(from, to) && (mover === 'team' || PARTNER_SET_STATES.includes(to)));
}

export type OnwardMoveCheck = {
  from: OnwardReferralState;
  to: OnwardReferralState;
  mover: OnwardMover;
  /** YYYY-MM-DD, or '' when not given. */
  on: string;
  reason: string;
  /** The date of the first appointment, when the move books it. */
  appointmentOn: string | null;
  /** The date of the referral's latest move. */
  previousOn: string;
  firstAppointmentOn: string | null;
  today: string;
};

export type OnwardMoveProblems = Partial<Record<'to' | 'on' | 'reason' | 'appointmentOn', string>>;

const lower = (s: OnwardReferralState) => ONWARD_REFERRAL_STATE_LABELS[s].toLowerCase();

/** What is wrong with a move, field by field; empty when it may be recorded. */
export function onwardMoveProblems(m: OnwardMoveCheck): OnwardMoveProblems {
  const open = nextOnwardStates(m.from, m.mover);
  if (!open.includes(m.to)) {
    if (isFinalOnward(m.from)) return { to: `This referral is ${lower(m.from)}: no further change can be recorded` };
    if (open.length === 0) return { to: `This referral is ${lower(m.from)}: the L&D team records its next change` };
    const choices = open.map(lower).join(' or ');
    return { to: `A referral that is ${lower(m.from)} cannot be moved to ${lower(m.to)}: select ${choices}` };
  }
  const problems: OnwardMoveProblems = {};
  if (m.on === '') problems.on = 'Enter the date of the change';
  else if (!isRealDate(m.on)) problems.on = 'Date of the change must be a real date';
  else if (m.on > m.today) problems.on = 'Date of the change must be today or in the past';
  else if (m.on < m.previousOn) problems.on = "Date of the change must not be before the referral's last change shown in the timeline";
  else if ((m.to === 'attended' || m.to === 'did_not_attend') && m.firstAppointmentOn && m.on < m.firstAppointmentOn) {
    problems.on = 'Date of the change must be on or after the first appointment: record attendance once the appointment has taken place';
  }
  if (needsReason(m.to) && m.reason.trim() === '') {
    problems.reason = m.to === 'declined' ? 'Enter why the partner service declined the referral' : 'Enter why the referral is being withdrawn';
  } else if (m.reason.length > 1000) problems.reason = 'Reason must be 1000 characters or fewer';
  if (m.to === 'first_appointment_booked') {
    if (!m.appointmentOn) problems.appointmentOn = 'Enter the date of the first appointment';
    else if (!isRealDate(m.appointmentOn)) problems.appointmentOn = 'Date of the first appointment must be a real date';
    else if (isRealDate(m.on) && m.appointmentOn < m.on) problems.appointmentOn = 'Date of the first appointment must be on or after the date it was booked';
  }
  return problems;
}

/** Days the person has waited (still waiting) or waited (until the first appointment, or until the referral ended). */
export function onwardWait(r: { sentOn: string | null; state: OnwardReferralState; firstAppointmentOn: string | null; stateChangedOn: string }, today: string): { days: number; stillWaiting: boolean } | null {
  if (!r.sentOn) return null;
  if (WAITING_STATES.includes(r.state)) return { days: Math.max(0, daysBetween(r.sentOn, today)), stillWaiting: true };
  const end = r.firstAppointmentOn ?? r.stateChangedOn;
  return { days: Math.max(0, daysBetween(r.sentOn, end)), stillWaiting: false };
}

/** Interim support can be offered while the person waits for the partner service. */
export const mayOfferInterimSupport = (state: OnwardReferralState): boolean => WAITING_STATES.includes(state);
