// The demo database has justice liaison work to show: advice shared with the custody suite, court reports in every
// state with real PDFs shared with the court, disposals with conditions in each state of compliance, a disclosure
// waiting for a manager, a training log, and referrals waiting for every demo partner worker.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { pdfPages } from '../support/pdf.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';
import { addDays } from '../../src/domain/calendar-date.js';
import { custodyAdviceText } from '../../src/domain/custody-advice.js';
import { londonDate } from '../../src/domain/london-time.js';
import { WAITING_STATES } from '../../src/domain/onward-referral-state.js';
import { getProfile } from '../../src/services/seed/profiles.js';
import { TEMPLATE_PROFILE } from '../support/database.js';

for (const engine of testEngines()) {
  describe(`demo justice liaison (${engine})`, () => {
    let t: TestApp;
    let serviceId: string;
    const today = londonDate(new Date());
    const siteId = async (code: string) => (await t.db.selectFrom('site').select('id').where('service_id', '=', serviceId).where('code', '=', code).executeTakeFirstOrThrow()).id;

    before(async () => {
      t = await startTestApp(engine);
      serviceId = (await t.db.selectFrom('service').select('id').where('code', '=', 'calder-vale').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('advice to custody is shared with the custody suite CV-CS1, in the words given', async () => {
      const rows = await t.db
        .selectFrom('custody_advice as a')
        .innerJoin('disclosure as d', 'd.id', 'a.disclosure_id')
        .select(['a.fit_for_interview', 'a.fitness_notes', 'a.appropriate_adult_needed', 'a.risk_level', 'a.risk_management', 'a.healthcare_review_needed', 'a.healthcare_review_reason', 'a.suggested_referral', 'd.content', 'd.recipient', 'd.disclosure_kind', 'd.disclosure_status', 'd.basis', 'd.recipient_name'])
        .where('d.site_id', '=', await siteId('CV-CS1'))
        .execute();
      assert.ok(rows.length >= 5, `${rows.length} pieces of advice shared with CV-CS1`);
      for (const r of rows) {
        assert.deepEqual([r.recipient, r.disclosure_kind, r.disclosure_status, r.basis], ['custody', 'custody_advice', 'disclosed', 'consent']);
        assert.equal(r.recipient_name, 'Custody staff, Laburnum Road police HQ custody suite');
        assert.equal(r.content, custodyAdviceText({
          fitForInterview: r.fit_for_interview, fitnessNotes: r.fitness_notes, appropriateAdultNeeded: r.appropriate_adult_needed, riskLevel: r.risk_level, riskManagement: r.risk_management,
          healthcareReviewNeeded: r.healthcare_review_needed, healthcareReviewReason: r.healthcare_review_reason, suggestedReferral: r.suggested_referral,
        }));
      }
    });

    test('court reports in each of the four states; issued ones are PDFs shared with their court', async () => {
      const reports = await t.db.selectFrom('court_report').selectAll().where('service_id', '=', serviceId).execute();
      assert.deepEqual([...new Set(reports.map((r) => r.report_state))].sort(), ['awaiting_sign_off', 'draft', 'issued', 'superseded']);
      const issued = reports.filter((r) => r.report_state === 'issued' || r.report_state === 'superseded');
      assert.ok(issued.length >= 3);
      for (const r of issued) {
        const pdf = Buffer.from(r.pdf!);
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        assert.ok(pdf.subarray(-1024).toString('latin1').includes('%%EOF'));
        const d = await t.db.selectFrom('disclosure').selectAll().where('id', '=', r.disclosure_id!).executeTakeFirstOrThrow();
        assert.deepEqual([d.recipient, d.disclosure_kind, d.disclosure_status, d.site_id, d.case_id], ['court', 'court_report', 'disclosed', r.court_site_id, r.case_id]);
      }
      const superseded = reports.find((r) => r.report_state === 'superseded')!;
      assert.ok(reports.some((r) => r.first_version_id === superseded.id && r.report_state === 'issued' && r.report_version === 2), 'a later version was issued');
      const soon = reports.filter((r) => (r.report_state === 'draft' || r.report_state === 'awaiting_sign_off') && r.due_on <= addDays(today, 7));
      assert.ok(soon.length >= 1, 'a report not yet issued is due within the week');
      const magistrates = await siteId('CV-MC1');
      assert.ok(issued.some((r) => r.court_site_id === magistrates), "a report was shared with the demo court user's court, CV-MC1");
    });

    test("an issued report's PDF names the person, the version and the service", async () => {
      const report = await t.db
        .selectFrom('court_report as r')
        .innerJoin('person as p', 'p.id', 'r.person_id')
        .select(['r.pdf', 'r.report_version', 'p.given_name', 'p.family_name'])
        .where('r.service_id', '=', serviceId)
        .where('r.report_state', '=', 'issued')
        .where('r.report_version', '=', 2)
        .executeTakeFirstOrThrow();
      const text = (await pdfPages(Buffer.from(report.pdf!))).join('\n');
      assert.match(text, new RegExp(`${report.given_name}\\s+${report.family_name}`));
      assert.match(text, /Version 2/);
      assert.match(text, /Calder Vale Liaison and Diversion Service/);
    });

    test('disposals with conditions met, not met and in progress; one rests on a session in the plan', async () => {
      const conditions = await t.db
        .selectFrom('disposal_condition as c')
        .innerJoin('disposal as d', 'd.id', 'c.disposal_id')
        .select(['c.compliance', 'c.deadline_on', 'c.plan_intervention_id', 'd.case_id', 'd.disposal_kind'])
        .where('c.service_id', '=', serviceId)
        .execute();
      assert.deepEqual([...new Set(conditions.map((c) => c.compliance))].sort(), ['in_progress', 'met', 'not_met']);
      assert.ok(conditions.filter((c) => c.compliance === 'in_progress').every((c) => c.deadline_on > today), 'conditions in progress are due in the future');
      const linked = conditions.find((c) => c.plan_intervention_id)!;
      const session = await t.db
        .selectFrom('plan_intervention as p')
        .innerJoin('intervention as i', 'i.id', 'p.intervention_id')
        .select(['p.case_id', 'i.name'])
        .where('p.id', '=', linked.plan_intervention_id!)
        .executeTakeFirstOrThrow();
      assert.equal(session.case_id, linked.case_id);
      assert.match(session.name, /Victim awareness session|Shop theft session/);
      const kinds = new Set((await t.db.selectFrom('disposal').select('disposal_kind').where('service_id', '=', serviceId).execute()).map((d) => d.disposal_kind));
      for (const kind of ['outcome_22', 'youth_caution', 'community_resolution', 'adult_conditional_caution', 'charge', 'bail', 'remand', 'sentence']) assert.ok(kinds.has(kind as never), kind);
      const order = await t.db.selectFrom('disposal').select(['id', 'unpaid_work_hours', 'treatment_requirements']).where('service_id', '=', serviceId).where('sentence_kind', '=', 'community_order').where('unpaid_work_hours', 'is not', null).executeTakeFirstOrThrow();
      assert.ok(order.treatment_requirements.length > 0);
      const hours = await t.db.selectFrom('payback_hours').select('hours').where('disposal_id', '=', order.id).execute();
      const done = hours.reduce((sum, h) => sum + Number(h.hours), 0);
      assert.ok(done > 0 && done < order.unpaid_work_hours!, `${done} of ${order.unpaid_work_hours} hours done`);
    });

    test("disclosures wait for a manager's approval; one was not approved", async () => {
      const rows = await t.db.selectFrom('disclosure').select(['disclosure_status', 'basis', 'legal_basis_reason', 'decided_by']).where('service_id', '=', serviceId).where('basis', '=', 'legal_basis').execute();
      const waiting = rows.filter((r) => r.disclosure_status === 'awaiting_approval');
      assert.ok(waiting.length >= 1 && waiting.every((r) => r.decided_by === null && r.legal_basis_reason.length > 0));
      assert.ok(rows.some((r) => r.disclosure_status === 'not_approved'));
      const kinds = await t.db.selectFrom('disclosure').select('recipient').distinct().where('service_id', '=', serviceId).where('disclosure_kind', '=', 'information').execute();
      assert.ok(['cps', 'probation', 'youth_justice'].every((r) => kinds.some((k) => k.recipient === r)), 'information shared with the CPS, probation and youth justice');
    });

    test('the training log has a year of sessions for police and court staff', async () => {
      const sessions = await t.db.selectFrom('training_session').select(['delivered_on', 'audience']).where('service_id', '=', serviceId).execute();
      assert.ok(sessions.length >= 10 && sessions.length <= 20, `${sessions.length} sessions`);
      assert.ok(sessions.every((s) => s.delivered_on < today && s.delivered_on >= addDays(today, -366)));
      assert.ok(sessions.some((s) => s.audience === 'police') && sessions.some((s) => s.audience === 'court'));
    });

    test('each demo partner worker has referrals to act on', async () => {
      const workers = getProfile(TEMPLATE_PROFILE).users.filter((u) => u.grants.some((g) => g.role === 'partner_worker'));
      assert.ok(new Set(workers.map((u) => u.grants.find((g) => g.role === 'partner_worker')!.partner)).size >= 2, 'partner workers in two organisations or more');
      for (const user of workers) {
        const list = await t.services.onwardReferrals.partnerList(await actorFor(t.services, user.username, 'partner_worker'), TEST_ORIGIN);
        assert.ok(list.some((r) => WAITING_STATES.includes(r.referral.onward_state)), `${user.username} has a referral sent, accepted or waiting`);
      }
    });
  });
}
