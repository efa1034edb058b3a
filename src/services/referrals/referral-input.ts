// What a referral into L&D holds, read from a form and checked field by field.
import { dateOfBirthError, parseDateParts } from '../../domain/age.js';
import { londonInstant, parseTimeOfDay } from '../../domain/london-time.js';
import {
  CUSTODY_STATUSES, OFFENCE_CATEGORIES, REFERRAL_SOURCES, URGENCIES, VICTIM_INVOLVED, isOneOf,
  type CustodyStatus, type OffenceCategory, type ReferralSource, type Urgency, type VictimInvolved,
} from '../../domain/referral-vocabulary.js';
import type { FieldErrors } from '../errors.js';

export type ReferralInput = {
  siteId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  source: ReferralSource;
  referrerName: string;
  referrerRole: string;
  arrivedAt: Date | null;
  referredAt: Date;
  reasonForConcern: string;
  offenceCategory: OffenceCategory;
  victimInvolved: VictimInvolved;
  custodyStatus: CustodyStatus;
  custodyRecordNumber: string;
  courtCaseReference: string;
  urgency: Urgency;
};

const t = (fields: Record<string, string>, name: string) => (fields[name] ?? '').trim();

/** A date (three boxes) and a time (HH:MM) as one instant; `label` names them in messages. */
function readMoment(fields: Record<string, string>, prefix: string, label: string, errors: FieldErrors, required: boolean): Date | null {
  const day = t(fields, `${prefix}Date-day`);
  const month = t(fields, `${prefix}Date-month`);
  const year = t(fields, `${prefix}Date-year`);
  const time = t(fields, `${prefix}Time`);
  if (!required && !day && !month && !year && !time) return null;
  const date = parseDateParts(day, month, year, `Date of ${label}`);
  if (!date.ok) {
    errors[`${prefix}Date-${date.field}`] = date.error;
    return null;
  }
  const clock = parseTimeOfDay(time);
  if (!clock) {
    errors[`${prefix}Time`] = time ? `Enter the time of ${label} as hours and minutes on the 24-hour clock, like 14:30` : `Enter the time of ${label}`;
    return null;
  }
  return londonInstant(date.date, clock);
}

/** Reads a referral form. `fixed` pins what the user may not choose (custody staff refer from their own site as custody or court staff). */
export function readReferralInput(
  fields: Record<string, string>,
  now: Date,
  fixed: { siteId?: string; source?: ReferralSource } = {},
): { ok: true; value: ReferralInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const siteId = fixed.siteId ?? t(fields, 'siteId');
  if (!siteId) errors.siteId = 'Select the site where the person is';
  const givenName = t(fields, 'givenName');
  const familyName = t(fields, 'familyName');
  if (!givenName) errors.givenName = "Enter the person's first name";
  else if (givenName.length > 100) errors.givenName = 'First name must be 100 characters or fewer';
  if (!familyName) errors.familyName = "Enter the person's last name";
  else if (familyName.length > 100) errors.familyName = 'Last name must be 100 characters or fewer';

  let dateOfBirth: string | null = null;
  const dob = [t(fields, 'dateOfBirth-day'), t(fields, 'dateOfBirth-month'), t(fields, 'dateOfBirth-year')] as const;
  if (dob.some(Boolean)) {
    const parsed = parseDateParts(...dob, 'Date of birth');
    if (!parsed.ok) errors[`dateOfBirth-${parsed.field}`] = parsed.error;
    else dateOfBirth = parsed.date;
  }

  const source = fixed.source ?? t(fields, 'source');
  if (!isOneOf(REFERRAL_SOURCES, source)) errors.source = 'Select who made the referral';
  const referredAt = readMoment(fields, 'referred', 'referral', errors, true);
  const arrivedAt = readMoment(fields, 'arrived', 'arrival', errors, false);
  if (referredAt && referredAt.getTime() > now.getTime() + 60_000) errors['referredDate-day'] = 'The referral cannot be in the future: check the date and time';
  if (arrivedAt && arrivedAt.getTime() > now.getTime() + 60_000) errors['arrivedDate-day'] = 'Arrival cannot be in the future: check the date and time';
  else if (arrivedAt && referredAt && arrivedAt > referredAt) errors['arrivedDate-day'] = 'Arrival must be before the referral: check both times';
  if (dateOfBirth && referredAt) {
    const problem = dateOfBirthError(dateOfBirth, referredAt);
    if (problem) errors['dateOfBirth-day'] = problem;
  }

  const reasonForConcern = t(fields, 'reasonForConcern');
  if (!reasonForConcern) errors.reasonForConcern = 'Say why you are concerned about the person';
  else if (reasonForConcern.length > 2000) errors.reasonForConcern = 'Reason for concern must be 2000 characters or fewer';
  const offenceCategory = t(fields, 'offenceCategory') || 'not_known';
  if (!isOneOf(OFFENCE_CATEGORIES, offenceCategory)) errors.offenceCategory = 'Select the kind of offence, or Not known yet';
  const victimInvolved = t(fields, 'victimInvolved') || 'not_known';
  if (!isOneOf(VICTIM_INVOLVED, victimInvolved)) errors.victimInvolved = 'Select whether there is a victim';
  const custodyStatus = t(fields, 'custodyStatus');
  if (!isOneOf(CUSTODY_STATUSES, custodyStatus)) errors.custodyStatus = 'Select where the person is in the justice process';
  const urgency = t(fields, 'urgency') || 'routine';
  if (!isOneOf(URGENCIES, urgency)) errors.urgency = 'Select how urgent this is';
  for (const [name, label, max] of [['referrerName', 'Your name', 120], ['referrerRole', 'Role', 120], ['custodyRecordNumber', 'Custody record number', 40], ['courtCaseReference', 'Court case reference', 40]] as const) {
    if (t(fields, name).length > max) errors[name] = `${label} must be ${max} characters or fewer`;
  }
  if (Object.keys(errors).length > 0 || !referredAt) return { ok: false, errors };
  return {
    ok: true,
    value: {
      siteId,
      givenName,
      familyName,
      dateOfBirth,
      source: source as ReferralSource,
      referrerName: t(fields, 'referrerName'),
      referrerRole: t(fields, 'referrerRole'),
      arrivedAt,
      referredAt,
      reasonForConcern,
      offenceCategory: offenceCategory as OffenceCategory,
      victimInvolved: victimInvolved as VictimInvolved,
      custodyStatus: custodyStatus as CustodyStatus,
      custodyRecordNumber: t(fields, 'custodyRecordNumber'),
      courtCaseReference: t(fields, 'courtCaseReference'),
      urgency: urgency as Urgency,
    },
  };
}
