// Demo court reports for open cases: drafts and reports awaiting sign-off for hearings in the coming weeks (some due
// within the week, so they show on the due list), reports issued for past hearings (a PDF and a disclosure to the
// court), and one report issued, superseded and issued again as version 2.
import { addDays } from '../../domain/calendar-date.js';
import { CONTACT_KIND_LABELS } from '../../domain/contact-rules.js';
import { courtReportText, draftCourtReport, TO_COMPLETE, type CourtReportFacts } from '../../domain/court-report-draft.js';
import type { CourtReportPurpose, CourtReportSections } from '../../domain/court-report-state.js';
import { CONTACT_OUTCOME_LABELS } from '../../domain/engagement.js';
import { londonDate } from '../../domain/london-time.js';
import { sayDate } from '../../domain/support-plan.js';
import { renderCourtReportPdf } from '../justice/court-report-pdf.js';
import type { ActivitySite } from './activity.js';
import { ageAt, type CaseState } from './case-activity.js';
import { authorOf, weekdayFrom, type JusticeContext, type JusticeRows } from './justice-activity.js';
import { RECOMMENDATIONS, RETURNED_REASONS } from './justice-activity-data.js';

type Plan = { state: 'draft' | 'awaiting_sign_off' | 'issued' | 'reissued'; hearingIn: [number, number]; purposes: CourtReportPurpose[]; returned?: boolean; unfinished?: boolean };

/** The reports of one service: two drafts, two awaiting sign-off, one issued, and one issued twice (three PDFs). */
const PLANS: readonly Plan[] = [
  { state: 'draft', hearingIn: [3, 6], purposes: ['sentence', 'bail'], unfinished: true },
  { state: 'draft', hearingIn: [14, 24], purposes: ['sentence', 'fitness_to_plead'], returned: true },
  { state: 'awaiting_sign_off', hearingIn: [2, 6], purposes: ['sentence', 'remand'] },
  { state: 'awaiting_sign_off', hearingIn: [9, 16], purposes: ['bail', 'sentence'] },
  { state: 'issued', hearingIn: [-30, -7], purposes: ['sentence', 'bail'] },
  { state: 'reissued', hearingIn: [-4, 5], purposes: ['sentence'] },
];

/** The hearing in words, as the court report service writes the purpose of its disclosure. */
const HEARING_WORDS: Record<CourtReportPurpose, string> = { bail: 'bail', remand: 'remand', sentence: 'sentencing', fitness_to_plead: 'fitness to plead' };

const COURT_KINDS = new Set(['magistrates_court', 'youth_court', 'crown_court']);

export function courtReportsFor(j: JusticeContext): void {
  const { rng, today, now } = j;
  const courts = j.service.sites.filter((s) => COURT_KINDS.has(s.siteKind));
  if (courts.length === 0) return;
  // Open cases of people who consented to sharing with justice agencies when the case opened, and still do.
  const consented = (s: CaseState) => [s.row.opened_at, now].every((at) => j.consentAt(s.row.person_id, at).decision === 'given');
  const pool = j.states.filter((s) => s.row.case_status === 'open' && s.assessedOn && s.needs && consented(s));
  const used = new Set<string>();
  for (const plan of PLANS) {
    const hearingOn = weekdayFrom(addDays(today, rng.int(plan.hearingIn[0], plan.hearingIn[1])));
    const issued = plan.state === 'issued' || plan.state === 'reissued';
    // Issued reports are drafted a week or two before the hearing; the rest in the last few days.
    const draftedOn = issued ? addDays(hearingOn, -rng.int(9, 16)) : addDays(today, -rng.int(1, 5));
    const candidates = pool.filter((s) => !used.has(s.row.id) && s.assessedOn! < draftedOn && (!issued || !s.isChild));
    if (candidates.length === 0) continue;
    const s = rng.pick(candidates.slice(-12));
    used.add(s.row.id);
    const child = ageAt(j.people.get(s.row.person_id)!.date_of_birth, hearingOn) < 18;
    const court = pickCourt(j, courts, child);
    writeReport(j, s, court, plan, hearingOn, draftedOn);
  }
}

function pickCourt(j: JusticeContext, courts: ActivitySite[], child: boolean): ActivitySite {
  const youth = courts.find((c) => c.siteKind === 'youth_court');
  const magistrates = courts.filter((c) => c.siteKind === 'magistrates_court');
  if (child && youth) return youth;
  return magistrates.length > 0 ? magistrates[0]! : j.rng.pick(courts);
}

function factsOf(j: JusticeContext, s: CaseState, periodFrom: string, periodTo: string): CourtReportFacts {
  const person = j.people.get(s.row.person_id)!;
  const referral = s.row.referral_id ? j.referrals.get(s.row.referral_id as string) : undefined;
  const site = referral ? j.service.sites.find((x) => x.id === referral.site_id) : undefined;
  const interventions = new Map(j.interventions.map((i) => [i.id, i.name]));
  const partners = new Map(j.team.partners.map((p) => [p.id, p.name]));
  const needs: Record<string, 'none' | 'low' | 'medium' | 'high'> = {};
  for (const [domain, answer] of Object.entries(s.needs ?? {})) needs[domain] = answer.need;
  return {
    personName: `${person.given_name} ${person.family_name}`,
    dateOfBirth: person.date_of_birth,
    referral: referral && site ? { referredOn: londonDate(referral.referred_at), siteName: j.siteName(site), source: referral.source as string, offenceCategory: referral.offence_category as string, custodyStatus: referral.custody_status as string } : null,
    caseOpenedOn: s.openedOn,
    assessment: { completed: true, needs },
    screenFindings: Object.fromEntries(Object.entries(s.findings).map(([d, f]) => [d, f.finding])),
    interventions: s.planInterventions.map((p) => ({ name: interventions.get(p.intervention_id as string) ?? 'Intervention', status: p.intervention_status })),
    onwardReferrals: s.onward.filter((o) => o.onward_state !== 'draft').map((o) => ({ partnerName: partners.get(o.partner_organisation_id) ?? 'Partner service', state: o.onward_state })),
    contacts: s.contacts
      .filter((c) => c.outcome && londonDate(c.starts_at) >= periodFrom && londonDate(c.starts_at) <= periodTo)
      .map((c) => ({ on: londonDate(c.starts_at), kind: c.contact_kind, outcome: c.outcome ?? null })),
  };
}

function writeReport(j: JusticeContext, s: CaseState, court: ActivitySite, plan: Plan, hearingOn: string, draftedOn: string): void {
  const { rng, today } = j;
  const purpose = rng.pick(plan.purposes);
  const dueOn = weekdayBefore(hearingOn);
  const periodFrom = s.openedOn;
  const author = authorOf(j, s, j.at(draftedOn, 10));
  const sectionsAt = (periodTo: string, finished: boolean): CourtReportSections => {
    const { sections } = draftCourtReport(factsOf(j, s, periodFrom, periodTo), { courtName: j.siteName(court), hearingOn, purpose, periodFrom, periodTo });
    return finished || !sections.recommendations.includes(TO_COMPLETE) ? { ...sections, recommendations: rng.pick(RECOMMENDATIONS[purpose]) } : sections;
  };
  const base = { service_id: j.service.id, person_id: s.row.person_id, case_id: s.row.id, court_site_id: court.id, hearing_on: hearingOn, due_on: dueOn, purpose, period_from: periodFrom, drafted_by: author };
  const createdAt = j.at(draftedOn, rng.int(9, 11), rng.int(0, 59));

  if (plan.state === 'draft' || plan.state === 'awaiting_sign_off') {
    const periodTo = minDate(draftedOn, today);
    const sections = sectionsAt(periodTo, !plan.unfinished);
    const submittedAt = plan.state === 'awaiting_sign_off' ? j.at(addDays(draftedOn, rng.int(0, 1)), rng.int(14, 16), rng.int(0, 59)) : null;
    const updatedAt = submittedAt ?? j.at(draftedOn, rng.int(13, 17), rng.int(0, 59));
    j.out.courtReports.push({
      ...base, id: j.newId(), period_to: periodTo, sections: JSON.stringify(sections), report_state: plan.state, drafted_by: author,
      submitted_by: plan.returned || submittedAt ? author : null, submitted_at: plan.returned ? j.at(draftedOn, 12, rng.int(0, 59)) : submittedAt,
      returned_reason: plan.returned ? rng.pick(RETURNED_REASONS) : '', version: plan.returned ? 4 : submittedAt ? 3 : 2, created_at: createdAt, updated_at: updatedAt,
    });
    return;
  }

  // Issued: signed off and shared with the court a few days before the hearing; a reissued report is replaced by version 2.
  const firstIssuedOn = minDate(weekdayFrom(addDays(draftedOn, rng.int(2, 4))), addDays(today, plan.state === 'reissued' ? -3 : -1));
  const first = issue(j, s, court, base, 1, null, sectionsAt(minDate(draftedOn, today), true), createdAt, firstIssuedOn, hearingOn, purpose);
  if (plan.state === 'issued') return;
  first.row.report_state = 'superseded';
  const secondDraftedOn = minDate(addDays(firstIssuedOn, rng.int(1, 2)), addDays(today, -2));
  const secondIssuedOn = [weekdayFrom(addDays(secondDraftedOn, rng.int(0, 2))), addDays(today, -1), addDays(hearingOn, -1)].reduce(minDate);
  issue(j, s, court, base, 2, first.row.id, sectionsAt(secondDraftedOn, true), j.at(secondDraftedOn, rng.int(9, 11), rng.int(0, 59)), secondIssuedOn, hearingOn, purpose);
  first.row.updated_at = j.out.courtReports[j.out.courtReports.length - 1]!.issued_at as Date;
}

type ReportBase = { service_id: string; person_id: string; case_id: string; court_site_id: string; hearing_on: string; due_on: string; purpose: CourtReportPurpose; period_from: string; drafted_by: string };

function issue(
  j: JusticeContext, s: CaseState, court: ActivitySite, base: ReportBase, reportVersion: number, firstVersionId: string | null, sections: CourtReportSections,
  createdAt: Date, issuedOn: string, hearingOn: string, purpose: CourtReportPurpose,
): { row: JusticeRows['courtReports'][number] } {
  const { rng } = j;
  const periodTo = londonDate(createdAt);
  const submittedAt = new Date(Math.max(createdAt.getTime() + 3_600_000, j.at(addDays(issuedOn, -1), rng.int(14, 16), rng.int(0, 59)).getTime()));
  const issuedAt = new Date(Math.min(j.now.getTime() - 60_000, Math.max(submittedAt.getTime() + 3_600_000, j.at(issuedOn, rng.int(10, 15), rng.int(0, 59)).getTime())));
  const manager = rng.pick(j.managers);
  const consent = j.consentAt(s.row.person_id, issuedAt);
  const id = j.newId();
  const courtName = j.siteName(court);
  const disclosureId = j.disclose({
    personId: s.row.person_id, caseId: s.row.id, recipient: 'court', recipientName: courtName, siteId: court.id, kind: 'court_report', content: courtReportText(sections),
    purpose: `Report for the ${HEARING_WORDS[purpose]} hearing on ${sayDate(hearingOn)}`, requestedBy: manager.id, at: issuedAt,
    basis: { screeningId: consent.screeningId! },
  });
  const row: JusticeRows['courtReports'][number] = {
    ...base, id, period_to: periodTo, sections: JSON.stringify(sections), report_version: reportVersion, first_version_id: firstVersionId, report_state: 'issued',
    submitted_by: base.drafted_by, submitted_at: submittedAt, signed_off_by: manager.id, issued_at: issuedAt, pdf: null, disclosure_id: disclosureId,
    version: 4, created_at: createdAt, updated_at: issuedAt,
  };
  j.out.courtReports.push(row);
  const person = j.people.get(s.row.person_id)!;
  const names = new Map([...j.workers, ...j.managers].map((u) => [u.id, u.displayName]));
  j.out.courtReportDocuments.push({
    reportId: id,
    document: {
      serviceName: j.serviceName, courtName, hearingOn, purpose, reportVersion, sections, periodFrom: base.period_from, periodTo,
      person: { name: `${person.given_name} ${person.family_name}`, dateOfBirth: person.date_of_birth, nhsNumber: person.nhs_number ?? null, pncId: person.pnc_id ?? null },
      contacts: s.contacts
        .filter((c) => c.outcome && londonDate(c.starts_at) >= base.period_from && londonDate(c.starts_at) <= periodTo)
        .map((c) => ({ on: londonDate(c.starts_at), kind: CONTACT_KIND_LABELS[c.contact_kind], outcome: CONTACT_OUTCOME_LABELS[c.outcome!] })),
      draftedBy: names.get(base.drafted_by) ?? 'L&D practitioner', signedOffBy: manager.displayName, issuedAt,
    },
  });
  return { row };
}

const minDate = (a: string, b: string) => (a <= b ? a : b);

/** The working day before a hearing. */
function weekdayBefore(hearingOn: string): string {
  let due = addDays(hearingOn, -1);
  while (weekdayFrom(due) !== due) due = addDays(due, -1);
  return due;
}

/** Renders the PDF of every issued court report into its row: called before the rows are written. */
export async function renderCourtReportPdfs(rows: JusticeRows): Promise<void> {
  const reports = new Map(rows.courtReports.map((r) => [r.id, r]));
  for (const { reportId, document } of rows.courtReportDocuments) reports.get(reportId)!.pdf = await renderCourtReportPdf(document);
}
