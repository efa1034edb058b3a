// One case from start to finish through the services, as a team works it over 12 weeks: allocation, assessment,
// plan, an onward referral through to engaged, contacts, closure and the follow-up; then a worker's whole caseload moved.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ASSESSMENT_DOMAINS } from '../../src/domain/assessment-form.js';
import type { Actor } from '../../src/domain/actor.js';

const boxes = (date: string) => ({ day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) });

for (const engine of testEngines()) {
  describe(`a case from allocation to follow-up (${engine})`, () => {
    const clock = fixedClock('2026-09-01T09:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let manager: Actor;
    let support: Actor;
    let partner: Actor;
    before(async () => {
      t = await startTestApp(engine, { clock });
      [nurse, manager, support, partner] = await Promise.all([
        actorFor(t.services, 'practitioner'), actorFor(t.services, 'manager', 'team_manager', 'calder-vale'), actorFor(t.services, 'support'), actorFor(t.services, 'partner'),
      ]);
    });
    after(() => t.close());

    test('allocation, assessment, plan, onward referral to engaged, closure and follow-up', async () => {
      const s = t.services;
      const { caseId, personId } = await openCase(s, nurse, { givenName: 'Wilhelmina', familyName: 'Oddington', offenceCategory: 'theft' });
      const version = async () => (await s.cases.get(manager, caseId)).version;

      await s.caseload.allocate(manager, caseId, nurse.userId, '', await version(), TEST_ORIGIN);
      assert.ok((await s.caseload.myCases(nurse)).some((c) => c.caseId === caseId), 'on the worker’s list once allocated');

      const started = await s.assessments.start(nurse, caseId, TEST_ORIGIN);
      const needs = Object.fromEntries(ASSESSMENT_DOMAINS.map((d) => [d, d === 'mental_health' ? { need: 'medium', evidence: 'Low mood for months, not sleeping', wants: 'To talk to someone' } : { need: 'none', evidence: '', wants: '' }]));
      await s.assessments.save(nurse, caseId, started.version, { needs, strengths: 'Close to her sister', riskToSelf: 'None known', riskToOthers: 'None known', riskLevel: 'low', safeguarding: [], family: [] } as never, true, TEST_ORIGIN);

      const catalogue = await s.interventions.list(nurse, { activeOnly: true });
      const shopTheft = catalogue.find((i) => i.name === 'Shop theft session')!;
      clock.set('2026-09-08T09:00:00Z');
      await s.supportPlans.agree(nurse, caseId, 0, { goals: ['I want to sleep properly again', 'I want to stop taking things from shops'], exitStrategy: 'Handed on to the community mental health team by week 10', interventions: [{ interventionId: shopTheft.id, rationale: 'Answers the offence' }], reviewDates: [], agreedOn: null }, TEST_ORIGIN);
      const header = await s.cases.header(nurse, caseId);
      assert.equal(header.caseEpisode.plan_agreed_on, '2026-09-08');
      assert.equal(header.clock.endsOn, '2026-12-01');

      const cmht = (await s.onwardReferrals.partnersToReferTo(nurse)).find((p) => p.name === 'Calder Vale CAMHS')!;
      const referralId = await s.onwardReferrals.create(nurse, caseId, { partnerOrganisationId: cmht.id, reason: 'Low mood; wants talking therapy', send: true }, TEST_ORIGIN);
      const onward = async () => (await s.onwardReferrals.getForCase(nurse, caseId, referralId));
      clock.set('2026-09-10T09:00:00Z');
      await s.onwardReferrals.partnerMove(partner, referralId, (await onward()).referral.version, 'accepted', { on: '2026-09-10' }, TEST_ORIGIN);
      await s.onwardReferrals.move(nurse, referralId, (await onward()).referral.version, 'waiting', { on: '2026-09-10' }, TEST_ORIGIN);
      clock.set('2026-10-01T09:00:00Z');
      await s.onwardReferrals.partnerMove(partner, referralId, (await onward()).referral.version, 'first_appointment_booked', { on: '2026-10-01', appointmentOn: '2026-10-08' }, TEST_ORIGIN);
      clock.set('2026-10-09T09:00:00Z');
      await s.onwardReferrals.partnerMove(partner, referralId, (await onward()).referral.version, 'attended', { on: '2026-10-08' }, TEST_ORIGIN);
      clock.set('2026-10-30T09:00:00Z');
      await s.onwardReferrals.partnerMove(partner, referralId, (await onward()).referral.version, 'engaged', { on: '2026-10-30' }, TEST_ORIGIN);
      const done = await onward();
      assert.equal(done.referral.onward_state, 'engaged');
      assert.deepEqual(done.timeline.map((e) => e.toState), ['sent', 'accepted', 'waiting', 'first_appointment_booked', 'attended', 'engaged']);

      const contactId = await s.contacts.book(nurse, caseId, { kind: 'accompanied_appointment', startsAt: new Date('2026-10-08T13:00:00Z'), place: 'Calder Vale CAMHS', withWhom: 'CAMHS clinician', workerId: null, workerWentToo: true, notes: '' }, TEST_ORIGIN);
      const contact = (await s.contacts.forCase(nurse, caseId)).contacts.find((c) => c.id === contactId)!;
      await s.contacts.recordOutcome(nurse, caseId, contactId, contact.version, { outcome: 'attended', notes: 'Went in with her; she stayed for the whole session' }, TEST_ORIGIN);

      // The plan is incomplete (the shop theft session was never done), so the manager signs the closure off.
      clock.set('2026-11-20T09:00:00Z');
      const outcome = await s.closures.close(nurse, caseId, await version(), { reason: 'plan_completed', details: '', closedOn: boxes('2026-11-20'), exitSummary: 'Sleeping better and engaged with CAMHS', exitStatuses: {} }, TEST_ORIGIN);
      assert.equal(outcome, 'closure_requested');
      assert.ok((await s.dueList.forTeam(manager)).some((d) => d.caseId === caseId && d.kind === 'closure_sign_off'), 'the manager sees the sign-off due');
      await s.closures.signOff(manager, caseId, await version(), 'approve', '', TEST_ORIGIN);
      const closed = await s.cases.get(nurse, caseId);
      assert.equal(closed.case_status, 'closed');
      assert.equal(closed.follow_up_due_on, '2027-02-12');
      assert.equal((await t.db.selectFrom('onward_referral').select('exit_status').where('id', '=', referralId).executeTakeFirstOrThrow()).exit_status, 'engaged');

      clock.set('2027-02-15T09:00:00Z');
      assert.ok((await s.dueList.forWorker(nurse)).some((d) => d.caseId === caseId && d.kind === 'follow_up'), 'the follow-up falls due for the worker');
      await s.closures.recordFollowUp(nurse, caseId, { stillEngaged: { [referralId]: 'yes' }, newArrest: 'no', notes: 'Still seeing CAMHS fortnightly', followedUpOn: boxes('2027-02-15') }, TEST_ORIGIN);
      assert.ok(!(await s.dueList.forWorker(nurse)).some((d) => d.caseId === caseId), 'nothing more is due once followed up');
      const trail = await s.audit.search({ personId, limit: 200 });
      for (const action of ['case.allocated', 'assessment.completed', 'case.closure_requested', 'case.closure_signed_off', 'case.followed_up']) assert.ok(trail.some((e) => e.action === action), `audited: ${action}`);
    });

    test('a leaving worker’s whole caseload is moved with a reason', async () => {
      const s = t.services;
      clock.set('2026-11-23T09:00:00Z');
      const ids: string[] = [];
      for (const familyName of ['Quarrendon', 'Quarrendon-Fyfe']) {
        const { caseId } = await openCase(s, nurse, { givenName: 'Tamsin', familyName });
        await s.caseload.allocate(manager, caseId, support.userId, '', (await s.cases.get(manager, caseId)).version, TEST_ORIGIN);
        ids.push(caseId);
      }
      const before = (await s.caseload.myCases(support)).length;
      await assert.rejects(s.caseload.reallocateAll(manager, support.userId, nurse.userId, '', TEST_ORIGIN), /reason/i);
      const moved = await s.caseload.reallocateAll(manager, support.userId, nurse.userId, 'Callum is leaving the team', TEST_ORIGIN);
      assert.equal(moved, before);
      assert.equal((await s.caseload.myCases(support)).length, 0);
      const mine = new Set((await s.caseload.myCases(nurse)).map((c) => c.caseId));
      for (const id of ids) assert.ok(mine.has(id));
      const history = await s.caseload.history(manager, ids[0]!);
      assert.equal(history.at(-1)!.reason, 'Callum is leaving the team');
    });
  });
}
