// Restorative sessions: who may be booked onto one, when attendance can be recorded, and what attendance does to the plan.
import { londonMomentText } from './contact-rules.js';

export const SESSION_ATTENDANCE = ['attended', 'did_not_attend'] as const;
export type SessionAttendance = (typeof SESSION_ATTENDANCE)[number];

export const SESSION_ATTENDANCE_LABELS: Record<SessionAttendance, string> = { attended: 'Attended', did_not_attend: 'Did not attend' };

export type PlanInterventionStatus = 'planned' | 'booked' | 'completed' | 'not_completed';

export type SessionFacts = { interventionId: string; startsAt: Date; places: number; booked: number };
export type BookingRequest = {
  caseOpen: boolean;
  planIntervention: { interventionId: string; status: PlanInterventionStatus };
  /** The case already has a place on this session. */
  alreadyOnSession: boolean;
};

export const placesLeft = (s: Pick<SessionFacts, 'places' | 'booked'>): number => Math.max(0, s.places - s.booked);

/** Why the person cannot be booked onto the session, or null when they can. */
export function bookingProblem(session: SessionFacts, request: BookingRequest, now: Date): string | null {
  if (!request.caseOpen) return 'This case is closed: people can only be booked onto sessions while their case is open';
  if (request.planIntervention.interventionId !== session.interventionId) return 'Choose a session of the intervention in the support plan';
  if (request.alreadyOnSession) return 'This person is already booked onto this session';
  if (request.planIntervention.status !== 'planned') return 'This intervention in the plan is already booked or finished';
  if (session.startsAt.getTime() <= now.getTime()) return `This session has already started (${londonMomentText(session.startsAt)}): choose a later session`;
  if (placesLeft(session) === 0) return 'This session is full: choose another session';
  return null;
}

/** Why attendance cannot be recorded yet (the session has not started), or null when it can. */
export function attendanceTimingProblem(startsAt: Date, now: Date): string | null {
  return startsAt.getTime() > now.getTime() ? `You cannot record attendance before the session starts: it starts at ${londonMomentText(startsAt)}` : null;
}

/** The plan intervention after the person's attendance: done when they attended; to be booked again when they did not. */
export function planStatusAfter(attendance: SessionAttendance): PlanInterventionStatus {
  return attendance === 'attended' ? 'completed' : 'planned';
}
