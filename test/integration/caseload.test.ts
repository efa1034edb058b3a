// Allocation and caseloads: a manager allocates and reallocates with a reason, a stale allocation is refused, a leaver's
// whole caseload moves, the support worker sees (and may then read) the case, and the team page counts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';

const versionOf = async (t: TestApp, caseId: string) => (await t.db.selectFrom('case_episode').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;

for (const engine of testEngines()) {
  describe(`caseload (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let manager: Actor;
    let support: Actor;
    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      support = await actorFor(t.services, 'support');
    });
    after(() => t.close());

    test('a manager allocates a case to a support worker, who then sees and reads it; reallocating needs a reason; a stale version is refused', async () => {
      const { caseId, personId } = await openCase(t.services, nurse, { givenName: 'Ottilie', familyName: 'Quennell' });
      await assert.rejects(t.services.cases.get(support, caseId), NotFoundError);
      assert.ok(!(await t.services.caseload.myCases(support)).some((c) => c.caseId === caseId));
      const before = await t.services.caseload.teamCaseloads(manager);
      assert.ok(before.unallocated.some((c) => c.caseId === caseId), 'a new case waits for a worker');

      const v1 = await versionOf(t, caseId);
      await assert.rejects(t.services.caseload.allocate(nurse, caseId, support.userId, '', v1, TEST_ORIGIN), ForbiddenError);
      const volunteer = await actorFor(t.services, 'volunteer');
      await assert.rejects(t.services.caseload.allocate(manager, caseId, volunteer.userId, '', v1, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /practitioner or support worker/.test(e.fieldErrors.toUserId ?? ''));
      await t.services.caseload.allocate(manager, caseId, support.userId, '', v1, TEST_ORIGIN);

      const mine = await t.services.caseload.myCases(support);
      const entry = mine.find((c) => c.caseId === caseId);
      assert.ok(entry, 'the case is on the support worker\'s list');
      assert.equal(entry.personName, 'Ottilie Quennell');
      assert.equal(entry.clock.state, 'not_started');
      assert.equal(entry.engagement.level, 'none');
      assert.equal((await t.services.cases.get(support, caseId)).id, caseId, 'the support worker may now read the case');
      const after1 = await t.services.caseload.teamCaseloads(manager);
      assert.ok(!after1.unallocated.some((c) => c.caseId === caseId));
      const supportBefore = before.workers.find((w) => w.userId === support.userId)!;
      const supportAfter = after1.workers.find((w) => w.userId === support.userId)!;
      assert.equal(supportAfter.openCases, supportBefore.openCases + 1, 'the team page counts the case for the support worker');

      const v2 = await versionOf(t, caseId);
      await assert.rejects(t.services.caseload.allocate(manager, caseId, nurse.userId, '  ', v2, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /reason/.test(e.fieldErrors.reason ?? ''));
      await assert.rejects(t.services.caseload.allocate(manager, caseId, nurse.userId, 'Needs a nurse', v1, TEST_ORIGIN), ConflictError);
      await t.services.caseload.allocate(manager, caseId, nurse.userId, 'Needs a nurse', v2, TEST_ORIGIN);
      await assert.rejects(t.services.cases.get(support, caseId), NotFoundError, 'the support worker no longer holds it');

      const history = await t.services.caseload.history(manager, caseId);
      assert.deepEqual(history.map((h) => [h.from_name, h.to_name, h.reason]), [[null, 'Callum Firth', ''], ['Callum Firth', 'Hannah Okafor', 'Needs a nurse']]);
      const events = await t.services.audit.search({ personId, action: 'case.reallocated' });
      assert.equal(events.length, 1);
      assert.equal(events[0]!.reason, 'Needs a nurse');
    });

    test('the case page: a manager allocates with the form; errors name the field; a stale form is refused; the history shows the move', async () => {
      const { caseId } = await openCase(t.services, nurse, { givenName: 'Bertram', familyName: 'Marwood-Pike' });
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get(`/cases/${caseId}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /Allocate the case/);
      assert.match(page.body, /The case has not been allocated yet/);
      const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;

      const missing = await agent.post(`/cases/${caseId}/allocation`, { version, toUserId: '', reason: '' });
      assert.equal(missing.status, 400);
      assert.match(missing.body, /There is a problem/);
      assert.match(missing.body, /href="#toUserId">\s*Select the practitioner or support worker to take the case/);

      const done = await agent.post(`/cases/${caseId}/allocation`, { version, toUserId: support.userId, reason: '' });
      assert.equal(done.status, 303);
      assert.equal(done.location, `/cases/${caseId}?saved=allocated`);
      const shown = await agent.get(done.location);
      assert.match(shown.body, /Case allocated/);
      assert.match(shown.body, /Reallocate the case/);
      assert.match(shown.body, /id="allocation-history-table"[\s\S]*Callum Firth/);

      const stale = await agent.post(`/cases/${caseId}/allocation`, { version, toUserId: nurse.userId, reason: 'Balancing caseloads' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else changed this case/);
      assert.match(stale.body, /Balancing caseloads/, 'the reason typed is kept');

      const supportAgent = new Agent(t.app);
      await supportAgent.signIn('support');
      const mine = await supportAgent.get('/cases/mine');
      assert.equal(mine.status, 200);
      assert.match(mine.body, new RegExp(`href="/cases/${caseId}">Bertram Marwood-Pike`));
      assert.match(mine.body, /Plan not agreed/);
      assert.equal((await supportAgent.get(`/cases/${caseId}`)).status, 200);
      assert.doesNotMatch((await supportAgent.get(`/cases/${caseId}`)).body, /Reallocate the case/, 'only a manager sees the form');
      assert.equal((await supportAgent.post(`/cases/${caseId}/allocation`, { version, toUserId: nurse.userId, reason: 'x' })).status, 403);
    });

    test('a leaver\'s whole caseload moves in one go, each case with its reason; the same worker or no reason is refused', async () => {
      const secure = await actorFor(t.services, 'secure');
      const imogen = await actorFor(t.services, 'slt.imogen');
      const a = await openCase(t.services, nurse, { givenName: 'Cressida', familyName: 'Quennell' });
      const b = await openCase(t.services, nurse, { givenName: 'Dorian', familyName: 'Marwood-Pike' });
      for (const c of [a, b]) await t.services.caseload.allocate(manager, c.caseId, secure.userId, '', await versionOf(t, c.caseId), TEST_ORIGIN);
      const holding = (await t.services.caseload.myCases(secure)).length;
      assert.ok(holding >= 2);

      await assert.rejects(t.services.caseload.reallocateAll(manager, secure.userId, secure.userId, 'Leaving', TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && 'toUserId' in e.fieldErrors);
      await assert.rejects(t.services.caseload.reallocateAll(manager, secure.userId, imogen.userId, '', TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && 'reason' in e.fieldErrors);
      await assert.rejects(t.services.caseload.reallocateAll(support, secure.userId, imogen.userId, 'Leaving', TEST_ORIGIN), ForbiddenError);

      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const form = await agent.get(`/team/caseloads/${secure.userId}/reallocate`);
      assert.equal(form.status, 200);
      assert.match(form.body, new RegExp(`All ${holding} cases`));
      const refused = await agent.post(`/team/caseloads/${secure.userId}/reallocate`, { toUserId: imogen.userId, reason: '' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /href="#reason">\s*Enter the reason for reallocating/);
      const moved = await agent.post(`/team/caseloads/${secure.userId}/reallocate`, { toUserId: imogen.userId, reason: 'Leaving the team' });
      assert.equal(moved.status, 303);
      assert.equal(moved.location, `/team/caseloads?moved=${holding}`);
      assert.match((await agent.get(moved.location!)).body, new RegExp(`${holding} cases moved`));

      assert.equal((await t.services.caseload.myCases(secure)).length, 0);
      const theirs = (await t.services.caseload.myCases(imogen)).map((c) => c.caseId);
      assert.ok(theirs.includes(a.caseId) && theirs.includes(b.caseId));
      const history = await t.services.caseload.history(manager, a.caseId);
      assert.equal(history.at(-1)!.reason, 'Leaving the team');
      assert.equal(history.at(-1)!.to_name, imogen.displayName);
      assert.equal(await t.services.caseload.reallocateAll(manager, secure.userId, imogen.userId, 'Again', TEST_ORIGIN), 0, 'nothing left to move');
    });

    test('the team page lists every worker with counts and the cases waiting for a worker; only a manager sees it', async () => {
      const waiting = await openCase(t.services, nurse, { givenName: 'Evander', familyName: 'Quennell' });
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get('/team/caseloads');
      assert.equal(page.status, 200);
      for (const name of ['Hannah Okafor', 'Callum Firth']) assert.match(page.body, new RegExp(name));
      assert.match(page.body, new RegExp(`href="/cases/${waiting.caseId}#allocation"`));
      assert.match(page.body, new RegExp(`href="/team/caseloads/${support.userId}/due"`));
      const teamView = await t.services.caseload.teamCaseloads(manager);
      const row = teamView.workers.find((w) => w.userId === support.userId)!;
      assert.match(page.body, new RegExp(`id="worker-${support.userId}"[\\s\\S]*?data-count="open"><span[^>]*>Open cases </span>${row.openCases}<`));
      const caseload = await agent.get(`/team/caseloads/${support.userId}`);
      assert.equal(caseload.status, 200);
      assert.match(caseload.body, /Callum Firth: cases/);
      assert.equal((await agent.get('/team/caseloads/00000000-0000-0000-0000-000000000000')).status, 404);

      const supportAgent = new Agent(t.app);
      await supportAgent.signIn('support');
      assert.equal((await supportAgent.get('/team/caseloads')).status, 403);
      await assert.rejects(t.services.caseload.teamCaseloads(support), ForbiddenError);
    });

    test('a volunteer may not see "my cases"; a manager with no cases sees the empty state', async () => {
      const volunteer = new Agent(t.app);
      await volunteer.signIn('volunteer');
      assert.equal((await volunteer.get('/cases/mine')).status, 403);
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const mine = await agent.get('/cases/mine');
      assert.equal(mine.status, 200);
      assert.match(mine.body, /No cases are allocated to you/);
    });
  });
}
