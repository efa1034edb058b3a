// What is due on a case, derived every time from the case's facts and today's date (never stored, so it cannot drift).
import { addDays, daysBetween } from './calendar-date.js';
import { missedContactsToFollowUp, type ContactFact } from './contact-follow-up.js';
import { londonDate } from './london-time.js';
import { waitingTooLong, type OnwardReferralState } from './onward-referral-state.js';
import { sayDate } from './support-plan.js';
import { caseClock, type CaseClockState, type Extension } from './twelve-week-clock.js';

export const DUE_KINDS = [
  'review',
  'missed_contact',
  'long_wait',
  'near_end',
  'past_end',
  'assessment',
  'extension_decision',
  'closure_sign_off',
  'follow_up',
  'court_report',
] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export const DUE_KIND_LABELS: Record<DueKind, string> = {
  review: 'Plan review',
  missed_contact: 'Follow-up after a missed contact',
  long_wait: 'Onward referral waiting too long',
  near_end: 'Near 12 weeks',
  past_end: 'Past 12 weeks',
  assessment: 'Assessment not completed',
  extension_decision: 'Extension to decide',
  closure_sign_off: 'Closure to sign off',
  follow_up: 'Follow-up after closure',
  court_report: 'Court report due',
};

/** Decisions that fall to the team manager: on the team's list, not on a worker's. */
export const TEAM_DECISION_KINDS: readonly DueKind[] = ['extension_decision', 'closure_sign_off'];

/** A review shows as due from 7 days before its date. */
export const REVIEW_LOOKAHEAD_DAYS = 7;
/** The full assessment is due 14 days after the case opened. */
export const ASSESSMENT_WITHIN_DAYS = 14;
/** A did-not-attend is followed up by the next day. */
export const MISSED_CONTACT_FOLLOW_UP_DAYS = 1;
/** A manager decides on an extension or signs off a closure within 2 days of the request. */
export const DECISION_WITHIN_DAYS = 2;
/** Follow-ups after closure stay on the list for a year after they fell due; older ones are past asking. */
export const FOLLOW_UP_LOOKBACK_DAYS = 365;
/** A court report not yet issued shows as due from 7 days before the day the court needs it. */
export const COURT_REPORT_LOOKAHEAD_DAYS = 7;

export type WaitingReferralFact = { id: string; partnerName: string; state: OnwardReferralState; sentOn: string | null; typicalWaitDays: number | null };

/** What the derivation needs to know about one case. */
export type CaseFacts = {
  caseId: string;
  personName: string;
  caseStatus: 'open' | 'closure_requested' | 'closed';
  openedAt: Date;
  planAgreedOn: string | null;
  /** Approved extensions (the clock counts only these). */
  extensions: readonly Extension[];
  assessmentCompleted: boolean;
  /** Due dates of plan reviews not yet completed. */
  openReviews: readonly string[];
  /** The case's latest contact (booked or held), or more: only the latest counts. */
  contacts: readonly ContactFact[];
  waitingReferrals: readonly WaitingReferralFact[];
  /** When each extension awaiting a manager's decision was requested. */
  pendingExtensions: readonly Date[];
  closureRequestedAt: Date | null;
  closedOn: string | null;
  followUpDueOn: string | null;
  followUpRecorded: boolean;
};

/** The item is due on `caseId`; a court report item also names its report. */
export type DueItem = { kind: DueKind; caseId: string; personName: string; dueOn: string; overdue: boolean; text: string; reportId?: string };

/** Overdue once the due day has passed: due today is not overdue. */
const isOverdue = (dueOn: string, today: string): boolean => daysBetween(today, dueOn) < 0;

/** Everything due on one case today. While closure awaits sign-off only the sign-off is due; once closed, only the follow-up. */
export function dueItems(f: CaseFacts, today: string): DueItem[] {
  const items: DueItem[] = [];
  const add = (kind: DueKind, dueOn: string, text: string, overdue = isOverdue(dueOn, today)) =>
    items.push({ kind, caseId: f.caseId, personName: f.personName, dueOn, overdue, text });

  if (f.caseStatus === 'closed') {
    if (f.followUpDueOn !== null && !f.followUpRecorded && daysBetween(f.followUpDueOn, today) >= 0 && daysBetween(f.followUpDueOn, today) <= FOLLOW_UP_LOOKBACK_DAYS) {
      add('follow_up', f.followUpDueOn, isOverdue(f.followUpDueOn, today) ? 'Follow-up after closure is overdue' : 'Follow-up after closure is due');
    }
    return items;
  }

  if (f.caseStatus === 'closure_requested') {
    if (f.closureRequestedAt !== null) {
      add('closure_sign_off', addDays(londonDate(f.closureRequestedAt), DECISION_WITHIN_DAYS), 'Closure requested: sign it off or return the case to its worker');
    }
  } else {
    for (const dueOn of f.openReviews) {
      if (daysBetween(today, dueOn) <= REVIEW_LOOKAHEAD_DAYS) add('review', dueOn, isOverdue(dueOn, today) ? 'Review of the support plan is overdue' : 'Review of the support plan is due');
    }
    for (const missed of missedContactsToFollowUp(f.contacts)) {
      add('missed_contact', addDays(londonDate(missed.startsAt), MISSED_CONTACT_FOLLOW_UP_DAYS), 'Did not attend: follow up and book another contact');
    }
    for (const r of f.waitingReferrals) {
      if (r.sentOn !== null && r.typicalWaitDays !== null && waitingTooLong(r.sentOn, r.typicalWaitDays, today, r.state)) {
        add('long_wait', addDays(r.sentOn, r.typicalWaitDays), `Referral to ${r.partnerName} is waiting longer than its typical ${r.typicalWaitDays} days: chase it and offer interim support`, true);
      }
    }
    const clock = caseClock({ planAgreedOn: f.planAgreedOn, extensions: [...f.extensions], closedOn: null }, today);
    if (clock.state === 'amber' && clock.endsOn) add('near_end', clock.endsOn, 'Near the end of direct support: plan the exit or request an extension', false);
    if (clock.state === 'red' && clock.endsOn) add('past_end', clock.endsOn, 'Past its end date without an approved extension: close the case or request an extension', true);
    const assessmentDue = addDays(londonDate(f.openedAt), ASSESSMENT_WITHIN_DAYS);
    if (!f.assessmentCompleted && daysBetween(assessmentDue, today) >= 0) {
      add('assessment', assessmentDue, isOverdue(assessmentDue, today) ? 'Assessment not completed: it is overdue' : 'Assessment not completed: it is due today');
    }
  }
  for (const requestedAt of f.pendingExtensions) {
    add('extension_decision', addDays(londonDate(requestedAt), DECISION_WITHIN_DAYS), 'Extension requested: approve or refuse it');
  }
  return items;
}

/** A court report that is not issued yet (a draft, or waiting for sign-off). */
export type CourtReportDueFact = {
  reportId: string;
  caseId: string;
  personName: string;
  courtName: string;
  hearingOn: string;
  dueOn: string;
  state: 'draft' | 'awaiting_sign_off';
};

/** Court reports due within the look-ahead, overdue once their due day has passed. */
export function courtReportDueItems(reports: readonly CourtReportDueFact[], today: string): DueItem[] {
  return reports
    .filter((r) => daysBetween(today, r.dueOn) <= COURT_REPORT_LOOKAHEAD_DAYS)
    .map((r) => ({
      kind: 'court_report' as const, caseId: r.caseId, personName: r.personName, dueOn: r.dueOn, overdue: isOverdue(r.dueOn, today), reportId: r.reportId,
      text: `Report to ${r.courtName} for the hearing on ${sayDate(r.hearingOn)}: ${r.state === 'awaiting_sign_off' ? 'waiting for a manager to sign it off and issue it' : 'finish the draft and send it for sign-off'}`,
    }));
}

const KIND_ORDER = new Map(DUE_KINDS.map((k, i) => [k, i]));

/** Earliest date first; on the same date, by kind, then by person's name. */
export function sortDueItems(items: readonly DueItem[]): DueItem[] {
  return [...items].sort((a, b) => daysBetween(b.dueOn, a.dueOn) || KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || a.personName.localeCompare(b.personName) || a.caseId.localeCompare(b.caseId));
}

/** How pressing a case is, for ordering a caseload. */
export type CaseUrgency = { clockState: CaseClockState; overdue: number; due: number; earliestDue: string | null; openedAt: Date };

const urgencyRank = (u: CaseUrgency): number =>
  u.clockState === 'red' ? 0 : u.overdue > 0 ? 1 : u.clockState === 'amber' ? 2 : u.due > 0 ? 3 : 4;

/** Most urgent first: past 12 weeks, then anything overdue, then near 12 weeks, then anything due; then the earliest due date, then the oldest case. */
export function compareUrgency(a: CaseUrgency, b: CaseUrgency): number {
  return (
    urgencyRank(a) - urgencyRank(b) ||
    (a.earliestDue ?? '9999-12-31').localeCompare(b.earliestDue ?? '9999-12-31') ||
    a.openedAt.getTime() - b.openedAt.getTime()
  );
}
