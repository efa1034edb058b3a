// Appointments and contacts: their kinds, and when what happened at one can be recorded.
import type { ContactOutcome } from './engagement.js';
import { londonTimeOfDay } from './london-time.js';

export const CONTACT_KINDS = ['meeting', 'phone_call', 'video_call', 'home_visit', 'accompanied_appointment', 'outreach'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
  meeting: 'Meeting',
  phone_call: 'Phone call',
  video_call: 'Video call',
  home_visit: 'Home visit',
  accompanied_appointment: 'Accompanied appointment',
  outreach: 'Outreach',
};

/** Whether the person came can only be known once the contact's time has come; a cancellation can be recorded before. */
export const OUTCOMES_KNOWN_AFTERWARDS: readonly ContactOutcome[] = ['attended', 'late', 'did_not_attend'];

const LONG_LONDON_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** An instant as London's clocks read it, in words: "14:30 on 3 December 2026". */
export function londonMomentText(instant: Date): string {
  return `${londonTimeOfDay(instant)} on ${LONG_LONDON_DATE.format(instant)}`;
}

/** Why this outcome cannot be recorded now (a contact that has not happened yet), or null when it can. */
export function outcomeTimingProblem(outcome: ContactOutcome, startsAt: Date, now: Date): string | null {
  if (!OUTCOMES_KNOWN_AFTERWARDS.includes(outcome) || startsAt.getTime() <= now.getTime()) return null;
  return `You cannot record what happened at a contact that has not happened yet: its time is ${londonMomentText(startsAt)}`;
}
