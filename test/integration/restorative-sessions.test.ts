// Restorative sessions: created by the team, people booked from their plans, a full session refusing more,
// and the volunteer facilitator who sees names and attendance only, and may not read a case.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ValidationError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';

for (const engine of testEngines()) {
  describe(`restorative sessions (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let shopTheft: string;
    let victimAwareness: string;
    let volunteerId: string;
    let sessionId: string;
    const people: Record<string, { caseId: string; personId: string; planInterventionId: string }> = {};

    const planIntervention = async (caseId: string, interventionId: string) =>
      (await t.db.insertInto('plan_intervention').values({ service_id: nurse.grant.serviceId!, case_id: caseId, intervention_id: interventionId, added_by: nurse.userId, added_at: clock.now() }).returning('id').executeTakeFirstOrThrow()).id;
    const statusOf = async (id: string) => (await t.db.selectFrom('plan_intervention').select('intervention_status').where('id', '=', id).executeTakeFirstOrThrow()).intervention_status;

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      const catalogue = await t.db.selectFrom('intervention').select(['id', 'name']).where('service_id', '=', nurse.grant.serviceId!).execute();
      shopTheft = catalogue.find((i) => i.name === 'Shop theft session')!.id;
      victimAwareness = catalogue.find((i) => i.name === 'Victim awareness session')!.id;
      volunteerId = (await t.services.users.findByUsername('volunteer'))!.id;
      for (const [given, family] of [['Ottilie', 'Quennell'], ['Rufus', 'Marwood-Pike'], ['Ines', 'Saltonstall-Brae']] as const) {
        const opened = await openCase(t.services, nurse, { givenName: given, familyName: family, offenceCategory: 'theft', dateOfBirth: '1994-02-14' });
        people[family] = { ...opened, planInterventionId: await planIntervention(opened.caseId, shopTheft) };
      }
    });
    after(() => t.close());

    test('a practitioner creates a session; a session in the past or without a facilitator is refused', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const form = await agent.get('/restorative-sessions/new');
      assert.equal(form.status, 200);
      assert.match(form.body, /Harold Brearley/);
      const base = { interventionId: shopTheft, 'startsDate[day]': '1', 'startsDate[month]': '12', 'startsDate[year]': '2026', startsTime: '14:00', place: 'Halifax community base', facilitatorId: volunteerId, places: '1' };
      const refused = await agent.post('/restorative-sessions', { ...base, 'startsDate[month]': '11', 'startsDate[day]': '20', facilitatorId: '', places: '0' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /The session must be in the future/);
      assert.match(refused.body, /Select the volunteer who facilitates the session/);
      assert.match(refused.body, /whole number from 1 to 50/);
      assert.match(refused.body, /value="Halifax community base"/);

      const created = await agent.post('/restorative-sessions', base);
      assert.equal(created.status, 303);
      sessionId = /\/restorative-sessions\/([0-9a-f-]{36})/.exec(created.location ?? '')![1]!;
      const list = await agent.get('/restorative-sessions');
      assert.match(list.body, /Upcoming sessions/);
      assert.ok(list.body.includes(`href="/restorative-sessions/${sessionId}">Shop theft session`));

      const support = new Agent(t.app);
      await support.signIn('support');
      assert.equal((await support.get('/restorative-sessions')).status, 200);
      assert.equal((await support.get('/restorative-sessions/new')).status, 403, 'support workers do not create sessions');
    });

    test('a person is booked from their plan; a full session, a second booking and another intervention are refused', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const { caseId, planInterventionId } = people.Quennell!;
      const page = await agent.get(`/cases/${caseId}/contacts`);
      assert.match(page.body, /Book onto a session of Shop theft session/);
      assert.ok(page.body.includes(`value="${sessionId}"`));
      const booked = await agent.post(`/cases/${caseId}/restorative-bookings`, { planInterventionId, sessionId });
      assert.equal(booked.status, 303);
      assert.equal(await statusOf(planInterventionId), 'booked');
      const after = await agent.get(`/cases/${caseId}/contacts`);
      assert.match(after.body, /Shop theft session: booked/);
      const session = await agent.get(`/restorative-sessions/${sessionId}`);
      assert.match(session.body, /Ottilie Quennell/);
      assert.match(session.body, /1 \(0 left\)/);
      for (const body of [after.body, session.body]) assert.doesNotMatch(body, /undefined|\[object/);

      const full = await agent.post(`/cases/${people['Marwood-Pike']!.caseId}/restorative-bookings`, { planInterventionId: people['Marwood-Pike']!.planInterventionId, sessionId });
      assert.equal(full.status, 400);
      assert.match(full.body, /This session is full: choose another session/);
      assert.equal(await statusOf(people['Marwood-Pike']!.planInterventionId), 'planned');

      await assert.rejects(t.services.restorativeSessions.book(nurse, caseId, planInterventionId, sessionId, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /already booked onto this session/.test(Object.values(e.fieldErrors)[0]!));
      const victim = await planIntervention(people['Saltonstall-Brae']!.caseId, victimAwareness);
      await assert.rejects(t.services.restorativeSessions.book(nurse, people['Saltonstall-Brae']!.caseId, victim, sessionId, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /intervention in the support plan/.test(Object.values(e.fieldErrors)[0]!));
      const events = await t.services.audit.search({ personId: people.Quennell!.personId, action: 'restorative_session.booked' });
      assert.equal(events.length, 1);
    });

    test('the volunteer sees names and attendance only, records attendance once the session starts, and cannot read a case', async () => {
      const volunteer = new Agent(t.app);
      await volunteer.signIn('volunteer');
      const mine = await volunteer.get('/restorative-sessions/facilitating');
      assert.equal(mine.status, 200);
      assert.ok(mine.body.includes(`/restorative-sessions/${sessionId}/attendance`));
      const sheet = await volunteer.get(`/restorative-sessions/${sessionId}/attendance`);
      assert.equal(sheet.status, 200);
      assert.match(sheet.body, /Ottilie Quennell/);
      assert.doesNotMatch(sheet.body + mine.body, /undefined|\[object/);
      for (const hidden of [/1994/, /14 Feb/, /Born/, /theft(?! session)/i, /Low mood/, /\/cases\//, /NHS number/]) assert.doesNotMatch(sheet.body, hidden);

      const early = await volunteer.post(`/restorative-sessions/${sessionId}/attendance`, {});
      assert.equal(early.status, 400);
      assert.match(early.body, /You cannot record attendance before the session starts: it starts at 14:00 on 1 December 2026/);

      clock.set('2026-12-01T15:30:00Z');
      try {
        await volunteer.signIn('volunteer'); // a week on, the earlier sign-in has timed out
        const open = await volunteer.get(`/restorative-sessions/${sessionId}/attendance`);
        const bookingId = /name="attendance-([0-9a-f-]{36})"/.exec(open.body)![1]!;
        const missing = await volunteer.post(`/restorative-sessions/${sessionId}/attendance`, {});
        assert.equal(missing.status, 400);
        assert.match(missing.body, /Select whether Ottilie Quennell attended/);
        const saved = await volunteer.post(`/restorative-sessions/${sessionId}/attendance`, { [`attendance-${bookingId}`]: 'attended' });
        assert.equal(saved.status, 303);
        assert.equal(await statusOf(people.Quennell!.planInterventionId), 'completed');
        const team = new Agent(t.app);
        await team.signIn('practitioner');
        assert.match((await team.get(`/restorative-sessions/${sessionId}`)).body, /Attended/);
      } finally {
        clock.set('2026-11-23T10:00:00Z');
      }
      await volunteer.signIn('volunteer');

      assert.equal((await volunteer.get(`/cases/${people.Quennell!.caseId}`)).status, 404);
      assert.equal((await volunteer.get(`/cases/${people.Quennell!.caseId}/contacts`)).status, 404);
      assert.equal((await volunteer.get(`/restorative-sessions/${sessionId}`)).status, 404, 'the team view with case links is not theirs');
      const refusals = await t.services.audit.search({ username: 'volunteer' });
      assert.ok(refusals.some((e) => e.action === 'access.denied' && e.subject_id === 'GET /cases/:caseId'), 'the refusal is audited');
      assert.ok(refusals.some((e) => e.action === 'restorative_session.attendance_recorded'));
    });
  });
}
