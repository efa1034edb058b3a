// Justice outcomes: a conditional caution with conditions linked to the plan, compliance updated and reported to the police as a
// disclosure, a community order with unpaid work hours, the refusals (dates, ages, stale versions) and who may not see any of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { postedDate } from '../support/date-input.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';
import type { DisposalInput } from '../../src/services/justice/disposals.js';

const blankOutcome: DisposalInput = {
  kind: 'no_further_action', decidedOn: '2026-12-03', decidedBy: '', offence: '', bailConditions: '', sentenceKind: null,
  treatmentRequirements: [], unpaidWorkHours: null, custodyMonths: null, notes: '', conditions: [],
};

for (const engine of testEngines()) {
  describe(`justice outcomes (${engine})`, () => {
    const clock = fixedClock('2027-01-10T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let caseId: string;
    let personId: string;
    let victimAwareness: string;
    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      ({ caseId, personId } = await openCase(t.services, nurse, { givenName: 'Perpetua', familyName: 'Wrexham-Dunn', offenceCategory: 'violence', referredAt: new Date('2026-11-30T09:00:00Z') }));
      const catalogue = await t.services.interventions.list(nurse, { activeOnly: true });
      const entry = catalogue.find((e) => e.name === 'Victim awareness session')!;
      await t.services.supportPlans.save(nurse, caseId, 0, { goals: ['Understand how the people in the shop felt'], exitStrategy: '', interventions: [{ interventionId: entry.id, rationale: 'Condition of the caution' }], reviewDates: [] }, TEST_ORIGIN);
      victimAwareness = (await t.services.supportPlans.interventionsOf(caseId))[0]!.id;
    });
    after(() => t.close());

    test('an adult conditional caution: conditions linked to the plan, compliance updated, then reported to the police as a disclosure', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const empty = await agent.get(`/cases/${caseId}/justice-outcomes`);
      assert.equal(empty.status, 200);
      assert.match(empty.body, /No justice outcomes recorded for this case yet/);
      assert.match(empty.body, /aria-current="page">Justice outcomes/);

      const form = await agent.get(`/cases/${caseId}/justice-outcomes/new`);
      assert.equal(form.status, 200);
      assert.match(form.body, new RegExp(`<option value="${victimAwareness}"[^>]*>Victim awareness session</option>`));
      const saved = await agent.post(`/cases/${caseId}/justice-outcomes/new`, {
        kind: 'adult_conditional_caution', ...postedDate('decidedOn', '2026-12-03'), decidedBy: 'Calder Vale Police', offence: 'Assault by beating',
        condition1Description: 'Attend a victim awareness session', ...postedDate('condition1Deadline', '2027-01-14'), condition1PlanInterventionId: victimAwareness,
        condition2Description: 'Write a letter of apology', ...postedDate('condition2Deadline', '2026-12-31'),
      });
      assert.equal(saved.status, 303);
      assert.match(saved.location ?? '', /\/justice-outcomes\?saved=recorded#outcome-/);

      const page = await agent.get(saved.location!.replace(/#.*$/, ''));
      assert.match(page.body, /Justice outcome recorded/);
      assert.match(page.body, /Adult conditional caution, 3 December 2026/);
      assert.match(page.body, /Calder Vale Police/);
      assert.match(page.body, /<caption[^>]*>Conditions of the adult conditional caution<\/caption>/);
      const [caution] = await t.services.disposals.forCase(nurse, caseId);
      assert.equal(caution!.conditions.length, 2);
      const [apology, session] = caution!.conditions;
      assert.equal(apology!.description, 'Write a letter of apology', 'the earliest deadline first');
      assert.equal(session!.interventionName, 'Victim awareness session');
      assert.equal(apology!.interventionName, null);
      assert.equal(session!.compliance, 'in_progress');

      const updated = await agent.post(`/cases/${caseId}/justice-outcomes/conditions/${session!.id}/compliance`, { version: String(session!.version), compliance: 'met', ...postedDate('complianceOn', '2027-01-09') });
      assert.equal(updated.status, 303);
      const afterUpdate = await agent.get(`/cases/${caseId}/justice-outcomes`);
      assert.match(afterUpdate.body, /nhsuk-tag--green[^>]*>\s*Met, 9 January 2027/);

      const report = await agent.get(`/cases/${caseId}/justice-outcomes/conditions/${session!.id}/report`);
      assert.equal(report.status, 200);
      assert.match(report.body, /Condition: Attend a victim awareness session by 14 January 2027 — Met on 9 January 2027/);
      assert.match(report.body, /To report compliance with the conditions of the adult conditional caution/);
      assert.match(report.body, /Perpetua Wrexham-Dunn consented to sharing with justice agencies/);
      const site = (await t.services.sites.listForService(nurse.grant.serviceId!)).find((s) => s.site_kind === 'custody_suite')!;
      const version = /name="version" value="(\d+)"/.exec(report.body)![1]!;
      const shared = await agent.post(`/cases/${caseId}/justice-outcomes/conditions/${session!.id}/report`, {
        version, recipient: 'custody', recipientName: 'Out of court disposals team, Calder Vale Police', siteId: site.id, basis: 'consent',
      });
      assert.equal(shared.status, 303);
      assert.match(shared.location ?? '', /saved=reported/);

      const disclosures = await t.db.selectFrom('disclosure').selectAll().where('person_id', '=', personId).execute();
      assert.equal(disclosures.length, 1);
      const d = disclosures[0]!;
      assert.equal(d.disclosure_kind, 'condition_compliance');
      assert.equal(d.disclosure_status, 'disclosed');
      assert.equal(d.recipient, 'custody');
      assert.equal(d.site_id, site.id);
      assert.equal(d.case_id, caseId);
      assert.equal(d.content, 'Condition: Attend a victim awareness session by 14 January 2027 — Met on 9 January 2027');
      assert.equal(d.purpose, 'To report compliance with the conditions of the adult conditional caution');
      const [, reported] = (await t.services.disposals.forCase(nurse, caseId))[0]!.conditions;
      assert.equal(reported!.reported_disclosure_id, d.id);
      const listed = await agent.get(shared.location!.replace(/#.*$/, ''));
      assert.match(listed.body, /Compliance reported to the justice agency/);
      assert.match(listed.body, /Reported, 10 January 2027/);

      const actions = (await t.services.audit.search({ personId, limit: 200 })).map((e) => e.action);
      for (const action of ['disposal.recorded', 'disposal_condition.compliance_updated', 'disclosure.shared', 'disposal_condition.compliance_reported']) assert.ok(actions.includes(action), action);
    });

    test('the plan cannot drop the intervention a condition rests on: refused naming it, the plan unchanged', async () => {
      const { plan } = await t.services.supportPlans.forCase(nurse, caseId);
      await assert.rejects(
        t.services.supportPlans.save(nurse, caseId, plan!.version, { goals: ['Understand how the people in the shop felt'], exitStrategy: '', interventions: [], reviewDates: [] }, TEST_ORIGIN),
        (error: unknown) => error instanceof ValidationError && /Victim awareness session is the work a condition of a justice outcome rests on/.test(error.message),
      );
      assert.deepEqual((await t.services.supportPlans.interventionsOf(caseId)).map((i) => i.id), [victimAwareness]);
    });

    test('a condition deadline before the caution date is refused, naming the field, the answers kept', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const before = (await t.services.disposals.forCase(nurse, caseId)).length;
      const res = await agent.post(`/cases/${caseId}/justice-outcomes/new`, {
        kind: 'adult_conditional_caution', ...postedDate('decidedOn', '2026-12-03'), offence: 'Criminal damage to a bus shelter',
        condition1Description: 'Pay for the broken window', ...postedDate('condition1Deadline', '2026-12-02'),
      });
      assert.equal(res.status, 400);
      assert.match(res.body, /<a href="#condition1Deadline-day">\s*Condition 1: the deadline must be on or after the date of the caution, 3 December 2026\s*<\/a>/);
      assert.match(res.body, /value="Pay for the broken window"/);
      assert.match(res.body, /value="Criminal damage to a bus shelter"/);
      assert.match(res.body, /value="adult_conditional_caution" checked/);
      assert.equal((await t.services.disposals.forCase(nurse, caseId)).length, before, 'nothing recorded');

      const unreadable = await agent.post(`/cases/${caseId}/justice-outcomes/new`, { kind: 'charge', 'decidedOn[day]': '31', 'decidedOn[month]': '11', 'decidedOn[year]': '2026' });
      assert.equal(unreadable.status, 400);
      assert.match(unreadable.body, /href="#decidedOn-day">\s*Date of the decision must be a real date/);
    });

    test('a youth caution for an adult is refused', async () => {
      await assert.rejects(
        t.services.disposals.record(nurse, caseId, { ...blankOutcome, kind: 'youth_caution' }, TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /^A youth caution is only for a child aged 10 to 17, and the person was 36 on the date of the decision/.test(e.fieldErrors.kind ?? ''),
      );
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const res = await agent.post(`/cases/${caseId}/justice-outcomes/new`, { kind: 'youth_caution', ...postedDate('decidedOn', '2026-12-03') });
      assert.equal(res.status, 400);
      assert.match(res.body, /<a href="#kind">\s*A youth caution is only for a child aged 10 to 17/);
    });

    test('a community order with an alcohol treatment requirement and 40 hours of unpaid work: hours recorded, never past the 40', async () => {
      const { caseId: orderCase } = await openCase(t.services, nurse, { givenName: 'Leontyne', familyName: 'Abercorn-Slate', referredAt: new Date('2026-11-30T09:00:00Z') });
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const saved = await agent.post(`/cases/${orderCase}/justice-outcomes/new`, {
        kind: 'sentence', sentenceKind: 'community_order', 'treatment-alcohol': 'yes', unpaidWorkHours: '40', ...postedDate('decidedOn', '2026-12-15'),
        decidedBy: 'Calder Vale Magistrates’ Court', bailConditions: 'Typed before choosing the sentence',
      });
      assert.equal(saved.status, 303);
      const [order] = await t.services.disposals.forCase(nurse, orderCase);
      assert.equal(order!.sentence_kind, 'community_order');
      assert.deepEqual(order!.treatment_requirements, ['alcohol']);
      assert.equal(order!.unpaid_work_hours, 40);
      assert.equal(order!.bail_conditions, '', 'bail conditions are not taken for a sentence');

      for (const workedOn of ['2026-12-20', '2026-12-27', '2027-01-03']) await t.services.disposals.recordPaybackHours(nurse, order!.id, { workedOn, hours: 12 }, TEST_ORIGIN);
      const over = await agent.post(`/cases/${orderCase}/justice-outcomes/${order!.id}/payback-hours`, { ...postedDate('workedOn', '2027-01-08'), hours: '4.5' });
      assert.equal(over.status, 400);
      assert.match(over.body, new RegExp(`href="#hours-${order!.id}">\\s*That would make 40.5 hours, more than the 40 hours ordered: 4 hours are left`));
      assert.match(over.body, /value="4.5"/);
      const early = await agent.post(`/cases/${orderCase}/justice-outcomes/${order!.id}/payback-hours`, { ...postedDate('workedOn', '2026-12-14'), hours: '1' });
      assert.match(early.body, /The date the hours were worked cannot be before the order was made, 15 December 2026/);
      const fits = await agent.post(`/cases/${orderCase}/justice-outcomes/${order!.id}/payback-hours`, { ...postedDate('workedOn', '2027-01-08'), hours: '4' });
      assert.equal(fits.status, 303);

      const page = await agent.get(`/cases/${orderCase}/justice-outcomes`);
      assert.match(page.body, /Sentence: community order, 15 December 2026/);
      assert.match(page.body, /Alcohol treatment requirement/);
      assert.match(page.body, /40 hours ordered, 40 hours done, 0 hours left/);
      assert.match(page.body, /All the unpaid work hours ordered are done/);
      assert.doesNotMatch(page.body, /Record unpaid work hours/);
      await assert.rejects(
        t.services.disposals.recordPaybackHours(nurse, order!.id, { workedOn: '2027-01-09', hours: 0.5 }, TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && e.fieldErrors.hours === 'All 40 hours of unpaid work ordered are already recorded',
      );
      const [caution] = await t.services.disposals.forCase(nurse, caseId);
      await assert.rejects(
        t.services.disposals.recordPaybackHours(nurse, caution!.id, { workedOn: '2027-01-09', hours: 1 }, TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /no unpaid work hours/.test(e.fieldErrors.hours ?? ''),
      );
    });

    test('a compliance update on a stale version is a conflict, not an overwrite', async () => {
      const [caution] = await t.services.disposals.forCase(nurse, caseId);
      const apology = caution!.conditions.find((k) => k.description === 'Write a letter of apology')!;
      await t.services.disposals.updateCompliance(nurse, apology.id, apology.version, { compliance: 'not_met', on: '2027-01-02' }, TEST_ORIGIN);
      await assert.rejects(t.services.disposals.updateCompliance(nurse, apology.id, apology.version, { compliance: 'met', on: '2027-01-02' }, TEST_ORIGIN), ConflictError);

      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const res = await agent.post(`/cases/${caseId}/justice-outcomes/conditions/${apology.id}/compliance`, { version: String(apology.version), compliance: 'met', ...postedDate('complianceOn', '2027-01-05') });
      assert.equal(res.status, 409);
      assert.match(res.body, /Someone else updated this condition while you were working on it/);
      const now = (await t.services.disposals.forCase(nurse, caseId))[0]!.conditions.find((k) => k.id === apology.id)!;
      assert.equal(now.compliance, 'not_met');
      assert.equal(now.compliance_on, '2027-01-02');

      const early = await agent.post(`/cases/${caseId}/justice-outcomes/conditions/${apology.id}/compliance`, { version: String(now.version), compliance: 'met', ...postedDate('complianceOn', '2026-12-01') });
      assert.equal(early.status, 400);
      assert.match(early.body, /The date the condition was met cannot be before the caution, 3 December 2026/);
    });

    test('a report on a legal basis waits for a team manager, and its reason is required', async () => {
      const [caution] = await t.services.disposals.forCase(nurse, caseId);
      const apology = caution!.conditions.find((k) => k.description === 'Write a letter of apology')!;
      const input = { version: apology.version, recipient: 'custody', recipientName: 'Out of court disposals team', siteId: null, basis: 'legal_basis' as const, legalBasis: 'crime_and_disorder_act' as const, legalBasisReason: '' };
      await assert.rejects(t.services.disposals.reportCompliance(nurse, apology.id, input, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /Explain why consent is not relied on/.test(e.fieldErrors.legalBasisReason ?? ''));
      const shared = await t.services.disposals.reportCompliance(nurse, apology.id, { ...input, legalBasisReason: 'The person could not be reached to ask' }, TEST_ORIGIN);
      assert.equal(shared.disclosure_status, 'awaiting_approval');
      assert.equal(shared.content, 'Condition: Write a letter of apology by 31 December 2026 — Not met on 2 January 2027');
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      assert.match((await agent.get(`/cases/${caseId}/justice-outcomes`)).body, /Report awaiting approval, 10 January 2027/);
      await assert.rejects(t.services.disposals.reportCompliance(nurse, apology.id, input, TEST_ORIGIN), ConflictError, 'the report moved the condition on a version');
      assert.equal((await t.services.disposals.forPerson(nurse, personId)).length, 1);
    });

    test('volunteers, custody staff and partner workers can neither read nor record justice outcomes', async () => {
      const [caution] = await t.services.disposals.forCase(nurse, caseId);
      const condition = caution!.conditions[0]!;
      for (const username of ['volunteer', 'custody-officer', 'partner']) {
        const outsider = await actorFor(t.services, username);
        await assert.rejects(t.services.disposals.forCase(outsider, caseId), NotFoundError, username);
        await assert.rejects(t.services.disposals.record(outsider, caseId, blankOutcome, TEST_ORIGIN), NotFoundError, username);
        await assert.rejects(t.services.disposals.updateCompliance(outsider, condition.id, condition.version, { compliance: 'in_progress', on: null }, TEST_ORIGIN), NotFoundError, username);
        const agent = new Agent(t.app);
        await agent.signIn(username);
        const page = await agent.get(`/cases/${caseId}/justice-outcomes`);
        assert.equal(page.status, 404, username);
        assert.doesNotMatch(page.body, /victim awareness/i);
        await agent.get('/');
        assert.equal((await agent.post(`/cases/${caseId}/justice-outcomes/new`, { kind: 'no_further_action', ...postedDate('decidedOn', '2026-12-03') })).status, 404, username);
      }
      // A support worker reads only the cases allocated to them, and does not share with justice agencies.
      const support = await actorFor(t.services, 'support');
      await assert.rejects(t.services.disposals.forCase(support, caseId), NotFoundError);
      await t.db.updateTable('case_episode').set({ allocated_to: support.userId }).where('id', '=', caseId).execute();
      assert.equal((await t.services.disposals.forCase(support, caseId)).length, 1);
      await assert.rejects(
        t.services.disposals.reportCompliance(support, condition.id, { version: condition.version, recipient: 'custody', recipientName: 'Custody sergeant', siteId: null, basis: 'consent', legalBasis: null, legalBasisReason: '' }, TEST_ORIGIN),
        ForbiddenError,
      );
      const agent = new Agent(t.app);
      await agent.signIn('support');
      assert.equal((await agent.get(`/cases/${caseId}/justice-outcomes/conditions/${condition.id}/report`)).status, 403);
      await t.db.updateTable('case_episode').set({ allocated_to: null }).where('id', '=', caseId).execute();
    });
  });
}
