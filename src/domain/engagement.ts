// Engagement indicator from attendance over the last 28 days (today and the 27 days before; later contacts are ignored).
// Attended or late count as attended; did not attend and cancelled by the person count as missed; cancelled by the
// service counts for neither. No counted contacts: none. Green: nothing missed. Red: more missed than attended, or the
// last two counted contacts both missed. Amber: anything else.
import { daysBetween } from './calendar-date.js';

export const CONTACT_OUTCOMES = ['attended', 'late', 'did_not_attend', 'cancelled_by_person', 'cancelled_by_service'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, string> = {
  attended: 'Attended',
  late: 'Attended late',
  did_not_attend: 'Did not attend',
  cancelled_by_person: 'Cancelled by the person',
  cancelled_by_service: 'Cancelled by the service',
};

export const ENGAGEMENT_LEVELS = ['green', 'amber', 'red', 'none'] as const;
export type EngagementLevel = (typeof ENGAGEMENT_LEVELS)[number];

export const ENGAGEMENT_LEVEL_LABELS: Record<EngagementLevel, string> = {
  green: 'Engaging',
  amber: 'Some missed contacts',
  red: 'Not engaging',
  none: 'No contacts in the last 4 weeks',
};

export const ENGAGEMENT_WINDOW_DAYS = 28;

export type Contact = { on: string; outcome: ContactOutcome };
export type Engagement = { level: EngagementLevel; attended: number; missed: number };

const ATTENDED: readonly ContactOutcome[] = ['attended', 'late'];
const MISSED: readonly ContactOutcome[] = ['did_not_attend', 'cancelled_by_person'];

export function engagementIndicator(contacts: readonly Contact[], today: string): Engagement {
  const counted = contacts
    .map((c) => ({ ...c, ago: daysBetween(c.on, today) }))
    .filter((c) => c.ago >= 0 && c.ago < ENGAGEMENT_WINDOW_DAYS && c.outcome !== 'cancelled_by_service')
    .sort((a, b) => b.ago - a.ago);
  const attended = counted.filter((c) => ATTENDED.includes(c.outcome)).length;
  const missed = counted.filter((c) => MISSED.includes(c.outcome)).length;
  if (counted.length === 0) return { level: 'none', attended, missed };
  if (missed === 0) return { level: 'green', attended, missed };
  const lastTwoMissed = counted.length >= 2 && counted.slice(-2).every((c) => MISSED.includes(c.outcome));
  return { level: missed > attended || lastTwoMissed ? 'red' : 'amber', attended, missed };
}
