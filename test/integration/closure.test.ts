// Closing a case: at once with a complete plan, after a team manager's sign-off otherwise; exit status for each open
// onward referral; the follow-up some weeks after closure and the service's setting for it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import type { Actor } from '../../src/domain/actor.js';

const versionOn = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

function closureForm(version: string, over: Record<string, string> = {}): Record<string, string> {
  return { version, reason: 'plan_completed', 'closedOn[day]': '20', 'closedOn[month]': '11', 'closedOn[year]': '2026', exitSummary: 'Engaged with the mental health team; sleeping better', ...over };
}

for (const engine of testEngines()) {
  describe(`closure and follow-up (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let partner: { id: string; name: string };
    let interventionId: string;

    const openWith = async (familyName: string, plan: 'complete' | 'none' | 'open-intervention') => {
      const opened = await openCase(t.services, nurse, { givenName: 'Ottilie', familyName });
      const serviceId = nurse.grant.serviceId!;
      if (plan !== 'none') {
        await t.db.insertInto('support_plan').values({ service_id: serviceId, case_id: opened.caseId, plan_status: 'agreed', agreed_on: '2026-09-01', agreed_by: nurse.userId }).execute();
        await t.db.updateTable('case_episode').set({ plan_agreed_on: '2026-09-01' }).where('id', '=', opened.caseId).execute();
        await t.db.insertInto('plan_intervention').values({ service_id: serviceId, case_id: opened.caseId, intervention_id: interventionId, added_by: nurse.userId, added_at: clock.now(), intervention_status: plan === 'complete' ? 'completed' : 'booked' }).execute();
        await t.db.insertInto('plan_review').values({ service_id: serviceId, case_id: opened.caseId, due_on: '2026-09-15', completed_on: '2026-09-15' }).execute();
      }
      await t.db.updateTable('case_episode').set({ opened_at: new Date('2026-08-20T10:00:00Z') }).where('id', '=', opened.caseId).execute();
      return opened;
    };
    const referOn = async (caseId: string, personId: string, state: string) =>
      (await t.db.insertInto('onward_referral').values({ service_id: nurse.grant.serviceId!, case_id: caseId, person_id: personId, partner_organisation_id: partner.id, reason: 'Low mood', onward_state: state as never, sent_on: '2026-09-10', state_changed_on: '2026-09-10', created_by: nurse.userId }).returning('id').executeTakeFirstOrThrow()).id;
    const caseRow = (caseId: string) => t.db.selectFrom('case_episode').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      partner = await t.db.selectFrom('partner_organisation').select(['id', 'name']).where('service_id', '=', nurse.grant.serviceId!).orderBy('name').executeTakeFirstOrThrow();
      interventionId = (await t.db.selectFrom('intervention').select('id').where('service_id', '=', nurse.grant.serviceId!).executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('a complete plan closes the case at once, with its follow-up date, audited', async () => {
      const { caseId, personId } = await openWith('Quennell-Ash', 'complete');
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${caseId}/closure`);
      assert.equal(page.status, 200);
      assert.match(page.body, /Reason for closure/);
      assert.doesNotMatch(page.body, /needs a manager&#39;s sign-off|needs a manager's sign-off/);
      const res = await agent.post(`/cases/${caseId}/closure`, closureForm(versionOn(page.body)));
      assert.equal(res.status, 303);
      assert.equal(res.location, `/cases/${caseId}/closure?saved=closed`);
      const c = await caseRow(caseId);
      assert.equal(c.case_status, 'closed');
      assert.equal(c.closed_on, '2026-11-20');
      assert.equal(c.closure_reason, 'plan_completed');
      assert.equal(c.follow_up_due_on, '2027-02-12', '84 days after closure by default');
      assert.equal(c.closure_signed_off_by, null);
      const shown = await agent.get(`/cases/${caseId}/closure`);
      assert.match(shown.body, /Case closed/);
      assert.match(shown.body, /12 February 2027/);
      assert.equal((await t.services.audit.search({ personId, action: 'case.closed' })).length, 1);
      const again = await agent.post(`/cases/${caseId}/closure`, closureForm(String(c.version)));
      assert.equal(again.status, 409, 'a closed case cannot be closed again');
    });

    test('bad closures are refused with each field named; a stale form is a conflict', async () => {
      const { caseId } = await openWith('Quennell-Bray', 'complete');
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const version = versionOn((await agent.get(`/cases/${caseId}/closure`)).body);
      const bad = await agent.post(`/cases/${caseId}/closure`, closureForm(version, { reason: 'other', details: '', exitSummary: '', 'closedOn[day]': '24' }));
      assert.equal(bad.status, 400);
      assert.match(bad.body, /Enter the reason for closing, as you chose other/);
      assert.match(bad.body, /Enter an exit summary/);
      assert.match(bad.body, /Closure date must be today or in the past/);
      assert.match(bad.body, /href="#closedOn-day"/);
      const early = await agent.post(`/cases/${caseId}/closure`, closureForm(version, { 'closedOn[month]': '8', 'closedOn[day]': '1' }));
      assert.match(early.body, /on or after the day the case opened/);
      await t.db.updateTable('case_episode').set({ version: Number(version) + 1 }).where('id', '=', caseId).execute();
      const stale = await agent.post(`/cases/${caseId}/closure`, closureForm(version));
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else changed this record/);
      assert.equal((await caseRow(caseId)).case_status, 'open');
    });

    test('an incomplete plan waits for a team manager: a practitioner cannot sign off; the manager can', async () => {
      const { caseId, personId } = await openWith('Quennell-Cray', 'none');
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${caseId}/closure`);
      assert.match(page.body, /The support plan was never agreed/);
      const res = await agent.post(`/cases/${caseId}/closure`, closureForm(versionOn(page.body), { reason: 'disengaged' }));
      assert.equal(res.location, `/cases/${caseId}/closure?saved=requested`);
      let c = await caseRow(caseId);
      assert.equal(c.case_status, 'closure_requested');
      assert.equal(c.closed_at, null);
      assert.equal(c.follow_up_due_on, null);
      const waiting = await agent.get(`/cases/${caseId}/closure`);
      assert.match(waiting.body, /waiting for a team manager/);
      const refused = await agent.post(`/cases/${caseId}/closure/sign-off`, { version: String(c.version), decision: 'approve' });
      assert.equal(refused.status, 403);
      assert.equal((await caseRow(caseId)).case_status, 'closure_requested');

      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      const managerPage = await manager.get(`/cases/${caseId}/closure`);
      assert.match(managerPage.body, /Sign off the closure/);
      const noNote = await manager.post(`/cases/${caseId}/closure/sign-off`, { version: versionOn(managerPage.body), decision: 'send_back' });
      assert.equal(noNote.status, 400);
      assert.match(noNote.body, /Enter why the closure is sent back/);
      const signed = await manager.post(`/cases/${caseId}/closure/sign-off`, { version: versionOn(managerPage.body), decision: 'approve' });
      assert.equal(signed.status, 303);
      c = await caseRow(caseId);
      assert.equal(c.case_status, 'closed');
      assert.equal(c.closure_reason, 'disengaged');
      assert.equal(c.follow_up_due_on, '2027-02-12');
      const managerActor = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      assert.equal(c.closure_signed_off_by, managerActor.userId);
      const events = await t.services.audit.search({ personId });
      assert.ok(events.some((e) => e.action === 'case.closure_requested'));
      assert.ok(events.some((e) => e.action === 'case.closure_signed_off' && e.username === 'manager'));
    });

    test('a manager may send a closure back: the case is open again', async () => {
      const { caseId } = await openWith('Quennell-Drey', 'open-intervention');
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${caseId}/closure`);
      assert.match(page.body, /1 intervention is not finished/);
      await agent.post(`/cases/${caseId}/closure`, closureForm(versionOn(page.body)));
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      const managerPage = await manager.get(`/cases/${caseId}/closure`);
      const res = await manager.post(`/cases/${caseId}/closure/sign-off`, { version: versionOn(managerPage.body), decision: 'send_back', note: 'Finish the shop theft session first' });
      assert.equal(res.status, 303);
      const c = await caseRow(caseId);
      assert.equal(c.case_status, 'open');
      assert.equal(c.closed_on, null);
      assert.equal(c.closure_reason, null);
    });

    test('an open onward referral must be given an exit status; final ones carry their own', async () => {
      const { caseId, personId } = await openWith('Quennell-Eyre', 'complete');
      const waitingId = await referOn(caseId, personId, 'waiting');
      const engagedId = await referOn(caseId, personId, 'engaged');
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${caseId}/closure`);
      assert.match(page.body, new RegExp(`name="exit-${waitingId}"`));
      assert.doesNotMatch(page.body, new RegExp(`name="exit-${engagedId}"`));
      const refused = await agent.post(`/cases/${caseId}/closure`, closureForm(versionOn(page.body)));
      assert.equal(refused.status, 400);
      assert.match(refused.body, new RegExp(`Select where the person stands with ${partner.name.replace(/[()]/g, '.')} at closure`));
      assert.match(refused.body, new RegExp(`href="#exit-${waitingId}"`));
      assert.equal((await caseRow(caseId)).case_status, 'open');
      const closed = await agent.post(`/cases/${caseId}/closure`, closureForm(versionOn(page.body), { [`exit-${waitingId}`]: 'waiting' }));
      assert.equal(closed.status, 303);
      const exits = await t.db.selectFrom('onward_referral').select(['id', 'exit_status']).where('case_id', '=', caseId).execute();
      assert.equal(exits.find((r) => r.id === waitingId)?.exit_status, 'waiting');
      assert.equal(exits.find((r) => r.id === engagedId)?.exit_status, 'engaged');
    });

    test('the follow-up is due after the service setting, and recorded once', async () => {
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      const setting = await manager.get('/team/follow-up-setting');
      assert.equal(setting.status, 200);
      assert.match(setting.body, /value="84"/);
      const tooShort = await manager.post('/team/follow-up-setting', { version: versionOn(setting.body), followUpAfterDays: '5' });
      assert.equal(tooShort.status, 400);
      assert.match(tooShort.body, /between 7 and 730/);
      assert.equal((await manager.post('/team/follow-up-setting', { version: versionOn(setting.body), followUpAfterDays: '30' })).status, 303);
      const nurseAgent = new Agent(t.app);
      await nurseAgent.signIn('practitioner');
      assert.equal((await nurseAgent.get('/team/follow-up-setting')).status, 403);

      const { caseId, personId } = await openWith('Quennell-Fenn', 'complete');
      const referralId = await referOn(caseId, personId, 'engaged');
      const page = await nurseAgent.get(`/cases/${caseId}/closure`);
      await nurseAgent.post(`/cases/${caseId}/closure`, closureForm(versionOn(page.body), { 'closedOn[day]': '1', 'closedOn[month]': '10' }));
      assert.equal((await caseRow(caseId)).follow_up_due_on, '2026-10-31', '30 days after 1 October');
      const due = await nurseAgent.get(`/cases/${caseId}/closure`);
      assert.match(due.body, /Is any new arrest known since closure/);
      const incomplete = await nurseAgent.post(`/cases/${caseId}/closure/follow-up`, { newArrest: '', 'followedUpOn[day]': '23', 'followedUpOn[month]': '11', 'followedUpOn[year]': '2026' });
      assert.equal(incomplete.status, 400);
      assert.match(incomplete.body, /Select whether any new arrest is known/);
      assert.match(incomplete.body, /Select whether the person is still engaged with/);
      const form = { [`engaged-${referralId}`]: 'yes', newArrest: 'no', notes: 'Still seeing the team weekly', 'followedUpOn[day]': '23', 'followedUpOn[month]': '11', 'followedUpOn[year]': '2026' };
      const saved = await nurseAgent.post(`/cases/${caseId}/closure/follow-up`, form);
      assert.equal(saved.status, 303);
      const row = await t.db.selectFrom('follow_up').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
      assert.equal(row.new_arrest, 'no');
      assert.deepEqual(row.still_engaged, { [referralId]: 'yes' });
      const twice = await nurseAgent.post(`/cases/${caseId}/closure/follow-up`, form);
      assert.equal(twice.status, 400);
      assert.match(twice.body, /already been recorded/);
      assert.equal((await t.services.audit.search({ personId, action: 'case.followed_up' })).length, 1);
      const shown = await nurseAgent.get(`/cases/${caseId}/closure`);
      assert.match(shown.body, /Still seeing the team weekly/);
      await manager.post('/team/follow-up-setting', { version: versionOn((await manager.get('/team/follow-up-setting')).body), followUpAfterDays: '84' });
    });

    test('a follow-up is not taken before it is due', async () => {
      const { caseId } = await openWith('Quennell-Gale', 'complete');
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${caseId}/closure`);
      await agent.post(`/cases/${caseId}/closure`, closureForm(versionOn(page.body)));
      const closed = await agent.get(`/cases/${caseId}/closure`);
      assert.match(closed.body, /A follow-up is due on 12 February 2027/);
      const early = await agent.post(`/cases/${caseId}/closure/follow-up`, { newArrest: 'no', 'followedUpOn[day]': '23', 'followedUpOn[month]': '11', 'followedUpOn[year]': '2026' });
      assert.equal(early.status, 400);
      assert.match(early.body, /not due until/);
    });
  });
}
