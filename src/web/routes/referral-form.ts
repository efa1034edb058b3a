// The referral form's choices and default values, shared by the team's and custody staff's pages.
import { londonCalendarDate } from '../../domain/age.js';
import { londonTimeOfDay } from '../../domain/london-time.js';
import {
  CUSTODY_STATUSES, CUSTODY_STATUS_LABELS, OFFENCE_CATEGORIES, OFFENCE_CATEGORY_LABELS, REFERRAL_SOURCES, REFERRAL_SOURCE_LABELS, URGENCIES, URGENCY_LABELS,
} from '../../domain/referral-vocabulary.js';

export const referralChoices = {
  sources: REFERRAL_SOURCES.map((value) => ({ value, text: REFERRAL_SOURCE_LABELS[value] })),
  offenceCategories: OFFENCE_CATEGORIES.map((value) => ({ value, text: OFFENCE_CATEGORY_LABELS[value] })),
  custodyStatuses: CUSTODY_STATUSES.map((value) => ({ value, text: CUSTODY_STATUS_LABELS[value] })),
  urgencies: URGENCIES.map((value) => ({ value, text: URGENCY_LABELS[value] })),
};

/** A new form: referred now, in London time. */
export function newReferralValues(now: Date): Record<string, string> {
  const [year, month, day] = londonCalendarDate(now).split('-');
  return { 'referredDate-day': String(Number(day)), 'referredDate-month': String(Number(month)), 'referredDate-year': year!, referredTime: londonTimeOfDay(now), urgency: 'routine', offenceCategory: 'not_known', victimInvolved: 'not_known' };
}
