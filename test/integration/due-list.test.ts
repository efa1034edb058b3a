// The due lists are derived from the case data: each item appears when the fact that makes it due is recorded,
// and goes when the fact changes. Facts no page records yet are arranged through the database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';
import type { DueKind } from '../../src/domain/due-items.js';
import { loadCaseFacts } from '../../src/services/cases/case-facts.js';

for (const engine of testEngines()) {
  describe(`due lists (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let manager: Actor;
    let support: Actor;
    let caseId: string;
    let personId: string;
    let serviceId: string;

    const kindsFor = async (actor: Actor, list: 'worker' | 'team') => {
      const items = list === 'worker' ? await t.services.dueList.forWorker(actor) : await t.services.dueList.forTeam(actor);
      return items.filter((i) => i.caseId === caseId).map((i) => `${i.kind}:${i.dueOn}:${i.overdue ? 'overdue' : 'due'}`);
    };
    const has = (items: string[], kind: DueKind) => items.some((i) => i.startsWith(`${kind}:`));

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      support = await actorFor(t.services, 'support');
      serviceId = support.grant.serviceId!;
      ({ caseId, personId } = await openCase(t.services, nurse, { givenName: 'Philippa', familyName: 'Quennell' }));
      const version = (await t.services.cases.get(manager, caseId)).version;
      await t.services.caseload.allocate(manager, caseId, support.userId, '', version, TEST_ORIGIN);
      // An assessment completed, so only the facts each test arranges are due.
      await t.db.insertInto('assessment').values({ service_id: serviceId, case_id: caseId, person_id: personId, assessed_by: nurse.userId, started_at: clock.now(), assessment_status: 'completed', completed_at: clock.now() }).execute();
    });
    after(() => t.close());

    test('a new case with its assessment done has nothing due', async () => {
      assert.deepEqual(await kindsFor(support, 'worker'), []);
    });

    test('a review due yesterday is overdue until it is completed; one due in 10 days is not listed yet', async () => {
      await t.db.insertInto('plan_review').values([{ service_id: serviceId, case_id: caseId, due_on: '2026-11-22' }, { service_id: serviceId, case_id: caseId, due_on: '2026-12-03' }]).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), ['review:2026-11-22:overdue']);
      const entry = (await t.services.caseload.myCases(support)).find((c) => c.caseId === caseId)!;
      assert.deepEqual(entry.nextReviewDue, { dueOn: '2026-11-22', overdue: true });
      assert.equal(entry.overdueCount, 1);
      const team = await t.services.caseload.teamCaseloads(manager);
      assert.ok(team.workers.find((w) => w.userId === support.userId)!.overdueReviews >= 1);
      await t.db.updateTable('plan_review').set({ completed_on: '2026-11-23', reviewed_by: support.userId }).where('case_id', '=', caseId).where('due_on', '=', '2026-11-22').execute();
      assert.deepEqual(await kindsFor(support, 'worker'), []);
      assert.deepEqual((await t.services.caseload.myCases(support)).find((c) => c.caseId === caseId)!.nextReviewDue, { dueOn: '2026-12-03', overdue: false });
    });

    test('a did-not-attend needs a follow-up until a later contact is booked; engagement turns red', async () => {
      const contact = { service_id: serviceId, case_id: caseId, person_id: personId, contact_kind: 'meeting' as const, recorded_by: support.userId, worker_id: support.userId };
      await t.db.insertInto('contact').values([
        { ...contact, starts_at: new Date('2026-11-16T10:00:00Z'), outcome: 'did_not_attend', outcome_recorded_at: new Date('2026-11-16T12:00:00Z') },
        { ...contact, starts_at: new Date('2026-11-20T10:00:00Z'), outcome: 'did_not_attend', outcome_recorded_at: new Date('2026-11-20T12:00:00Z') },
      ]).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), ['missed_contact:2026-11-21:overdue']);
      assert.equal((await t.services.caseload.myCases(support)).find((c) => c.caseId === caseId)!.engagement.level, 'red');
      await t.db.insertInto('contact').values({ ...contact, starts_at: new Date('2026-11-30T10:00:00Z') }).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), []);
    });

    test('an onward referral sent long ago is flagged while it waits, and not once an appointment is booked', async () => {
      const partner = (await t.db.selectFrom('partner_organisation').select(['id', 'name', 'typical_wait_days']).where('service_id', '=', serviceId).where('typical_wait_days', 'is not', null).executeTakeFirstOrThrow());
      const onward = await t.db.insertInto('onward_referral').values({
        service_id: serviceId, case_id: caseId, person_id: personId, partner_organisation_id: partner.id, reason: 'Low mood', onward_state: 'waiting', sent_on: '2026-03-02', state_changed_on: '2026-03-09', created_by: nurse.userId,
      }).returning('id').executeTakeFirstOrThrow();
      const items = (await t.services.dueList.forWorker(support)).filter((i) => i.caseId === caseId);
      assert.equal(items.length, 1);
      assert.equal(items[0]!.kind, 'long_wait');
      assert.ok(items[0]!.overdue);
      assert.match(items[0]!.text, new RegExp(partner.name));
      await t.db.updateTable('onward_referral').set({ onward_state: 'first_appointment_booked', first_appointment_on: '2026-11-30' }).where('id', '=', onward.id).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), []);
    });

    test('past 12 weeks without an extension is overdue; an approved extension makes it near its end; a pending one is for the manager', async () => {
      await t.db.updateTable('case_episode').set({ plan_agreed_on: '2026-08-01' }).where('id', '=', caseId).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), ['past_end:2026-10-24:overdue']);
      const team = await t.services.caseload.teamCaseloads(manager);
      assert.ok(team.workers.find((w) => w.userId === support.userId)!.red >= 1);
      await t.db.insertInto('case_extension').values({ service_id: serviceId, case_id: caseId, reason: 'Waiting for CAMHS', new_end_on: '2027-01-10', requested_by: support.userId, requested_at: new Date('2026-11-21T09:00:00Z') }).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), ['past_end:2026-10-24:overdue'], 'a request alone changes nothing for the worker');
      assert.ok(has(await kindsFor(manager, 'team'), 'extension_decision'));
      await t.db.updateTable('case_extension').set({ decision: 'approved', decided_by: manager.userId, decided_on: '2026-11-23' }).where('case_id', '=', caseId).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), ['near_end:2027-01-10:due']);
      assert.ok(!has(await kindsFor(manager, 'team'), 'extension_decision'));
    });

    test('an assessment not completed 14 days after opening is due; the team list names the worker', async () => {
      const other = await openCase(t.services, nurse, { givenName: 'Rowena', familyName: 'Marwood-Pike' });
      await t.services.caseload.allocate(manager, other.caseId, support.userId, '', (await t.services.cases.get(manager, other.caseId)).version, TEST_ORIGIN);
      await t.db.updateTable('case_episode').set({ opened_at: new Date('2026-11-09T10:00:00Z') }).where('id', '=', other.caseId).execute();
      const mine = (await t.services.dueList.forWorker(support)).filter((i) => i.caseId === other.caseId);
      assert.deepEqual(mine.map((i) => `${i.kind}:${i.dueOn}:${i.overdue}`), ['assessment:2026-11-23:false']);
      const team = (await t.services.dueList.forTeam(manager)).find((i) => i.caseId === other.caseId)!;
      assert.equal(team.workerName, 'Callum Firth');
      assert.deepEqual((await t.services.dueList.forWorker(manager, support.userId)).filter((i) => i.caseId === other.caseId).length, 1, 'a manager may read a worker\'s list');
    });

    test('a closure awaiting sign-off is on the team list only; a follow-up after closure is due until recorded', async () => {
      await t.db.updateTable('case_episode').set({ case_status: 'closure_requested', closure_requested_by: support.userId, closure_requested_at: new Date('2026-11-23T09:00:00Z') }).where('id', '=', caseId).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), []);
      assert.deepEqual(await kindsFor(manager, 'team'), ['closure_sign_off:2026-11-25:due']);
      await t.db.updateTable('case_episode').set({ case_status: 'closed', closure_reason: 'plan_completed', closed_on: '2026-08-31', closed_at: new Date('2026-08-31T15:00:00Z'), closure_signed_off_by: manager.userId, follow_up_due_on: '2026-11-23' }).where('id', '=', caseId).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), ['follow_up:2026-11-23:due']);
      assert.deepEqual(await kindsFor(manager, 'team'), ['follow_up:2026-11-23:due']);
      const scope = { serviceId, workerId: support.userId };
      const caseIds = async (closedCases?: boolean) =>
        (await loadCaseFacts(t.db, scope, '2026-11-23', { teamDecisions: false, ...(closedCases === undefined ? {} : { closedCases }) })).facts.map((f) => f.caseId);
      assert.ok((await caseIds()).includes(caseId), 'the due list reads the closed case whose follow-up is due');
      assert.ok(!(await caseIds(false)).includes(caseId), 'a list of open cases (my cases) leaves it out');
      assert.ok(!(await t.services.caseload.myCases(support)).some((c) => c.caseId === caseId));
      await t.db.insertInto('follow_up').values({ service_id: serviceId, case_id: caseId, new_arrest: 'no', followed_up_on: '2026-11-23', recorded_by: support.userId, recorded_at: clock.now() }).execute();
      assert.deepEqual(await kindsFor(support, 'worker'), []);
    });

    test('who may see which list; the pages show the items', async () => {
      await assert.rejects(t.services.dueList.forWorker(support, nurse.userId), ForbiddenError);
      await assert.rejects(t.services.dueList.forTeam(support), ForbiddenError);
      await assert.rejects(t.services.dueList.forWorker(manager, '00000000-0000-0000-0000-000000000000'), NotFoundError);
      const volunteer = await actorFor(t.services, 'volunteer');
      await assert.rejects(t.services.dueList.forWorker(volunteer), ForbiddenError);

      const supportAgent = new Agent(t.app);
      await supportAgent.signIn('support');
      const due = await supportAgent.get('/due');
      assert.equal(due.status, 200);
      assert.match(due.body, /Assessment not completed/);
      assert.match(due.body, /Rowena Marwood-Pike/);
      assert.equal((await supportAgent.get('/team/due')).status, 403);
      const managerAgent = new Agent(t.app);
      await managerAgent.signIn('manager', { role: 'team_manager' });
      const teamDue = await managerAgent.get('/team/due');
      assert.equal(teamDue.status, 200);
      assert.match(teamDue.body, /Rowena Marwood-Pike[\s\S]*?Callum Firth/);
      const workerDue = await managerAgent.get(`/team/caseloads/${support.userId}/due`);
      assert.equal(workerDue.status, 200);
      assert.match(workerDue.body, /Rowena Marwood-Pike/);
      const events = await t.services.audit.search({ action: 'due_list.viewed', limit: 10 });
      assert.ok(events.length >= 3, 'each list shown is audited');
    });
  });
}
