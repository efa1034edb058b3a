import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOn } from '../../domain/age.js';
import { addDays, dayNumber } from '../../domain/calendar-date.js';
import { COURT_REPORT_STATES, type CourtReportSections } from '../../domain/court-report-state.js';
import { courtReportSectionProblems } from '../../domain/court-report-draft.js';
import { custodyAdviceProblems, custodyAdviceText } from '../../domain/custody-advice.js';
import { disposalProblems } from '../../domain/disposals.js';
import { londonDate } from '../../domain/london-time.js';
import { generateActivity, type ActivityRows } from './activity.js';
import { NOW, planFor } from './activity-test-plan.js';
import { getProfile, PROFILE_NAMES } from './profiles.js';

const today = londonDate(NOW);
const generated = new Map<string, ActivityRows>(PROFILE_NAMES.map((name) => [name, generateActivity(planFor(name))]));
const isWeekday = (date: string) => ![2, 3].includes(((dayNumber(date) % 7) + 7) % 7);

for (const name of PROFILE_NAMES) {
  const rows = generated.get(name)!;
  const w = rows.caseWork;
  const plan = planFor(name);
  const people = new Map(rows.people.map((p) => [p.id, p]));
  const screens = new Map(rows.screenings.map((s) => [s.id, s]));
  const disclosures = new Map(w.disclosures.map((d) => [d.id, d]));

  test(`${name}: every disclosure has its basis: a screen with consent to share, or a legal basis approved before it is shared`, () => {
    assert.ok(w.disclosures.length > 0);
    for (const d of w.disclosures) {
      if (d.basis === 'consent') {
        const screen = screens.get(d.consent_screening_id!)!;
        assert.equal(screen.person_id, d.person_id);
        assert.equal(JSON.parse(screen.consent as string).justice_sharing.decision, 'given');
        assert.ok(screen.started_at.getTime() <= (d.requested_at as Date).getTime(), 'the consent was recorded before the disclosure');
        assert.equal(d.legal_basis, null);
      } else {
        assert.ok(d.legal_basis && d.legal_basis_reason, 'a legal basis has its reason');
        assert.equal(d.consent_screening_id, null);
      }
      assert.equal(d.disclosure_status === 'disclosed', d.disclosed_at !== null);
      if (d.disclosure_status === 'disclosed' && d.basis === 'legal_basis') assert.ok(d.decided_by, 'a manager approved it');
      assert.ok((d.requested_at as Date).getTime() <= NOW.getTime() && (d.updated_at as Date).getTime() <= NOW.getTime(), 'nothing is dated after now');
    }
    const statuses = new Set(w.disclosures.map((d) => d.disclosure_status));
    assert.deepEqual([...statuses].sort(), ['awaiting_approval', 'disclosed', 'not_approved']);
  });

  test(`${name}: advice to custody is shared with the custody suite as given, when the screen ends`, () => {
    assert.ok(w.custodyAdvice.length >= 10, `${w.custodyAdvice.length} pieces of advice`);
    for (const a of w.custodyAdvice) {
      const d = disclosures.get(a.disclosure_id)!;
      const advice = {
        fitForInterview: a.fit_for_interview, fitnessNotes: a.fitness_notes ?? '', appropriateAdultNeeded: a.appropriate_adult_needed, riskLevel: a.risk_level,
        riskManagement: a.risk_management ?? '', healthcareReviewNeeded: a.healthcare_review_needed, healthcareReviewReason: a.healthcare_review_reason ?? '', suggestedReferral: a.suggested_referral ?? '',
      };
      assert.deepEqual(custodyAdviceProblems(advice), {}, d.content);
      assert.equal(d.content, custodyAdviceText(advice));
      assert.deepEqual([d.disclosure_kind, d.recipient, d.site_id, d.referral_id, d.disclosure_status], ['custody_advice', 'custody', a.site_id, a.referral_id, 'disclosed']);
      assert.equal(screens.get(d.consent_screening_id!)!.completed_at!.getTime(), (a.given_at as Date).getTime());
      const site = plan.services.flatMap((s) => s.sites).find((s) => s.id === a.site_id)!;
      assert.ok(site.siteKind === 'custody_suite' || site.siteKind === 'police_station');
    }
    assert.ok(w.custodyAdvice.some((a) => a.appropriate_adult_needed) && w.custodyAdvice.some((a) => a.risk_level === 'high'));
  });

  for (const service of plan.services) {
    const reports = w.courtReports.filter((r) => r.service_id === service.id);
    test(`${name}/${service.code}: court reports in every state, issued ones shared with the court and waiting for their PDF`, () => {
      assert.deepEqual([...new Set(reports.map((r) => r.report_state))].sort(), [...COURT_REPORT_STATES].sort());
      for (const r of reports) {
        assert.ok(r.due_on <= r.hearing_on && r.period_from <= r.period_to && r.period_to <= today);
        assert.ok(isWeekday(r.hearing_on), `hearing on a weekday: ${r.hearing_on}`);
        const sections = JSON.parse(r.sections as string) as CourtReportSections;
        const issued = r.report_state === 'issued' || r.report_state === 'superseded';
        if (r.report_state !== 'draft') assert.deepEqual(courtReportSectionProblems(sections, true), {}, 'ready for sign-off');
        assert.equal(issued, r.disclosure_id != null && r.signed_off_by != null && r.issued_at != null);
        if (!issued) continue;
        const d = disclosures.get(r.disclosure_id!)!;
        assert.deepEqual([d.disclosure_kind, d.recipient, d.site_id, d.case_id, d.disclosure_status], ['court_report', 'court', r.court_site_id, r.case_id, 'disclosed']);
        assert.ok(w.courtReportDocuments.some((doc) => doc.reportId === r.id && doc.document.reportVersion === r.report_version));
      }
      const superseded = reports.find((r) => r.report_state === 'superseded')!;
      const later = reports.find((r) => r.first_version_id === superseded.id)!;
      assert.deepEqual([later.report_state, later.report_version], ['issued', 2]);
      assert.ok((later.issued_at as Date) > (superseded.issued_at as Date));
      const dueSoon = reports.filter((r) => (r.report_state === 'draft' || r.report_state === 'awaiting_sign_off') && r.due_on <= addDays(today, 7));
      assert.ok(dueSoon.length >= 1, 'a report not yet issued is due within a week');
      assert.ok(reports.some((r) => r.report_state === 'issued' && r.hearing_on < today), 'a report was issued for a past hearing');
    });

    test(`${name}/${service.code}: disposals fit the person's age and the app's rules; conditions met, not met and in progress`, () => {
      const disposals = w.disposals.filter((d) => d.service_id === service.id);
      const conditions = w.disposalConditions.filter((c) => c.service_id === service.id);
      for (const d of disposals) {
        const own = conditions.filter((c) => c.disposal_id === d.id);
        const draft = {
          kind: d.disposal_kind, decidedOn: d.decided_on, decidedBy: d.decided_by ?? '', offence: d.offence ?? '', bailConditions: d.bail_conditions ?? '', sentenceKind: d.sentence_kind ?? null,
          treatmentRequirements: (d.treatment_requirements ?? []) as string[], unpaidWorkHours: d.unpaid_work_hours ?? null, custodyMonths: d.custody_months ?? null, notes: d.notes ?? '',
          conditions: own.map((c) => ({ description: c.description, deadlineOn: c.deadline_on, planInterventionId: c.plan_intervention_id ?? null })),
        };
        assert.deepEqual(disposalProblems(draft, today, ageOn(people.get(d.person_id)!.date_of_birth, d.decided_on)), {}, `${d.disposal_kind} on ${d.decided_on}`);
        for (const c of own) {
          if (c.compliance === 'in_progress') assert.ok(c.deadline_on > today && c.compliance_on === null);
          else assert.ok(c.compliance_on! >= d.decided_on && c.compliance_on! <= today);
        }
        const hours = w.paybackHours.filter((p) => p.disposal_id === d.id).reduce((sum, p) => sum + Number(p.hours), 0);
        if (d.unpaid_work_hours) assert.ok(hours > 0 && hours < d.unpaid_work_hours, `${hours} of ${d.unpaid_work_hours} hours done`);
      }
      const kinds = new Set(disposals.map((d) => d.disposal_kind));
      for (const kind of ['outcome_22', 'youth_caution', 'community_resolution', 'adult_conditional_caution', 'charge', 'bail', 'remand', 'sentence'] as const) assert.ok(kinds.has(kind), kind);
      assert.deepEqual([...new Set(conditions.map((c) => c.compliance))].sort(), ['in_progress', 'met', 'not_met']);
      const linked = conditions.find((c) => c.plan_intervention_id)!;
      const disposal = disposals.find((d) => d.id === linked.disposal_id)!;
      assert.equal(w.planInterventions.find((p) => p.id === linked.plan_intervention_id)!.case_id, disposal.case_id, 'the linked session is in the same case plan');
      assert.ok(disposals.some((d) => d.sentence_kind === 'community_order' && (d.treatment_requirements as string[]).length > 0 && d.unpaid_work_hours));
      assert.ok(disposals.some((d) => d.sentence_kind === 'custody' && d.custody_months));
      assert.ok(disposals.some((d) => d.disposal_kind === 'bail' && d.bail_conditions));
    });

    test(`${name}/${service.code}: 10 to 20 training sessions over the past year, by the team, at the service's sites`, () => {
      const sessions = w.trainingSessions.filter((s) => s.service_id === service.id);
      assert.ok(sessions.length >= 10 && sessions.length <= 20, `${sessions.length} sessions`);
      const team = new Set([...service.practitioners, ...service.team!.managers].map((u) => u.id));
      for (const s of sessions) {
        assert.ok(s.delivered_on < today && s.delivered_on >= addDays(today, -366) && isWeekday(s.delivered_on));
        assert.ok(team.has(s.recorded_by));
        if (s.site_id) assert.ok(service.sites.some((site) => site.id === s.site_id));
      }
      assert.ok(sessions.some((s) => s.audience === 'police'));
    });
  }

  test(`${name}: every profile has partner workers in at least two organisations`, () => {
    const partners = new Set(getProfile(name).users.flatMap((u) => u.grants.filter((g) => g.role === 'partner_worker').map((g) => `${g.service}/${g.partner}`)));
    assert.ok(partners.size >= 2, [...partners].join(', '));
  });
}
