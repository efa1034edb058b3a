// Caseload and due-list rows as the pages show them: words beside every colour, a link to the part of the case to act on.
import { DUE_KIND_LABELS, type DueItem, type DueKind } from '../../../domain/due-items.js';
import { ENGAGEMENT_LEVEL_LABELS, type EngagementLevel } from '../../../domain/engagement.js';
import { CASE_CLOCK_STATE_LABELS } from '../../../domain/twelve-week-clock.js';
import type { CaseloadEntry, UnallocatedCase } from '../../../services/cases/caseload.js';
import type { DueEntry } from '../../../services/cases/due-list.js';
import { CASE_STATUS_LABELS, CLOCK_TAG_CLASSES } from './case-context.js';

export const ENGAGEMENT_TAG_CLASSES: Record<EngagementLevel, string> = { green: 'nhsuk-tag--green', amber: 'nhsuk-tag--orange', red: 'nhsuk-tag--red', none: 'nhsuk-tag--grey' };

/** The part of the case where each kind of due item is dealt with. */
const DUE_PATHS: Record<DueKind, string> = {
  review: '/plan',
  missed_contact: '/contacts',
  long_wait: '/onward-referrals',
  near_end: '/plan',
  past_end: '/plan',
  assessment: '/assessment',
  extension_decision: '/plan',
  closure_sign_off: '/closure',
  follow_up: '/closure',
  court_report: '/court-reports',
};

function clockView(clock: CaseloadEntry['clock']) {
  const detail = clock.state === 'not_started' ? 'Starts when the plan is agreed' : clock.endsOn ? `Week ${clock.week}, ends` : '';
  return { label: CASE_CLOCK_STATE_LABELS[clock.state], tagClass: CLOCK_TAG_CLASSES[clock.state], detail, endsOn: clock.state === 'not_started' ? null : clock.endsOn };
}

export function caseloadRows(entries: readonly CaseloadEntry[]) {
  return entries.map((e) => ({
    href: `/cases/${e.caseId}`,
    personName: e.personName,
    dateOfBirth: e.dateOfBirth,
    openedAt: e.openedAt,
    status: e.caseStatus === 'open' ? null : CASE_STATUS_LABELS[e.caseStatus],
    clock: clockView(e.clock),
    engagement: {
      label: ENGAGEMENT_LEVEL_LABELS[e.engagement.level],
      tagClass: ENGAGEMENT_TAG_CLASSES[e.engagement.level],
      detail: e.engagement.level === 'none' ? '' : `${e.engagement.attended} attended, ${e.engagement.missed} missed`,
    },
    nextReview: e.nextReviewDue,
    dueCount: e.dueCount,
    overdueCount: e.overdueCount,
  }));
}

export function unallocatedRows(cases: readonly UnallocatedCase[]) {
  return cases.map((c) => ({ ...c, href: `/cases/${c.caseId}`, allocateHref: `/cases/${c.caseId}#allocation`, status: c.caseStatus === 'open' ? null : CASE_STATUS_LABELS[c.caseStatus], clock: clockView(c.clock) }));
}

export function dueRows(items: readonly (DueItem | DueEntry)[]) {
  return items.map((i) => ({
    ...i,
    label: DUE_KIND_LABELS[i.kind],
    href: i.reportId ? `/court-reports/${i.reportId}` : `/cases/${i.caseId}${DUE_PATHS[i.kind]}`,
    workerName: 'workerName' in i ? i.workerName : undefined,
  }));
}
