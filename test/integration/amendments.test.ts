// Corrections: the fact changes, the old value stays in the case history with the reason; bad or foreign corrections are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import type { Actor } from '../../src/domain/actor.js';

const wasOn = (body: string) => /name="was" value="([^"]*)"/.exec(body)?.[1]?.replace(/&quot;/g, '"') ?? '';

for (const engine of testEngines()) {
  describe(`amendments (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let caseA: { caseId: string; personId: string };
    let caseB: { caseId: string; personId: string };
    let contactA: string;
    let contactB: string;
    let eventA: string;

    const addContact = async (c: { caseId: string; personId: string }, place: string) =>
      (await t.db.insertInto('contact').values({ service_id: nurse.grant.serviceId!, case_id: c.caseId, person_id: c.personId, contact_kind: 'meeting', starts_at: new Date('2026-11-16T14:00:00Z'), place, outcome: 'attended', outcome_recorded_at: new Date('2026-11-16T15:00:00Z'), recorded_by: nurse.userId }).returning('id').executeTakeFirstOrThrow()).id;

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      caseA = await openCase(t.services, nurse, { givenName: 'Perpetua', familyName: 'Quennell-Hart' });
      caseB = await openCase(t.services, nurse, { givenName: 'Ivo', familyName: 'Marwood-Pike' });
      contactA = await addContact(caseA, 'Halifax custody suite');
      contactB = await addContact(caseB, 'Brighouse library');
      const partner = await t.db.selectFrom('partner_organisation').select('id').where('service_id', '=', nurse.grant.serviceId!).executeTakeFirstOrThrow();
      const referral = await t.db.insertInto('onward_referral').values({ service_id: nurse.grant.serviceId!, case_id: caseA.caseId, person_id: caseA.personId, partner_organisation_id: partner.id, reason: 'Low mood', onward_state: 'sent', sent_on: '2026-11-02', state_changed_on: '2026-11-02', created_by: nurse.userId }).returning('id').executeTakeFirstOrThrow();
      eventA = (await t.db.insertInto('onward_referral_event').values({ service_id: nurse.grant.serviceId!, onward_referral_id: referral.id, from_state: 'draft', to_state: 'sent', occurred_on: '2026-11-02', recorded_by: nurse.userId, recorded_at: new Date('2026-11-02T12:00:00Z') }).returning('id').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('a correction updates the fact and the history keeps the old value, the reason and who', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const url = `/cases/${caseA.caseId}/corrections/contact/${contactA}/place`;
      const page = await agent.get(url);
      assert.equal(page.status, 200);
      assert.match(page.body, /Correct the place of the contact/);
      assert.match(page.body, /Halifax custody suite/);
      const res = await agent.post(url, { was: wasOn(page.body), value: 'Halifax police station', reason: 'Wrong site picked' });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/cases/${caseA.caseId}/history?saved=correction`);
      const contact = await t.db.selectFrom('contact').select(['place', 'version']).where('id', '=', contactA).executeTakeFirstOrThrow();
      assert.equal(contact.place, 'Halifax police station');
      assert.equal(contact.version, 2, 'a versioned record moves on a version');
      const amendment = await t.db.selectFrom('amendment').selectAll().where('subject_id', '=', contactA).executeTakeFirstOrThrow();
      assert.equal(amendment.old_value, 'Halifax custody suite');
      assert.equal(amendment.new_value, 'Halifax police station');
      assert.equal(amendment.reason, 'Wrong site picked');
      assert.equal(amendment.case_id, caseA.caseId);
      const history = await agent.get(`/cases/${caseA.caseId}/history?saved=correction`);
      assert.equal(history.status, 200);
      assert.match(history.body, /Corrected: Place of the contact/);
      assert.match(history.body, /Halifax custody suite → Halifax police station/);
      assert.match(history.body, /Wrong site picked/);
      assert.match(history.body, /Hannah Okafor/);
      assert.match(history.body, /Onward referral to/);
      const audit = await t.services.audit.search({ personId: caseA.personId, action: 'record.corrected' });
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.reason, 'Wrong site picked');
    });

    test('a correction without a reason, or with a bad value, is refused and nothing changes', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const url = `/cases/${caseA.caseId}/corrections/contact/${contactA}/outcome`;
      const page = await agent.get(url);
      const noReason = await agent.post(url, { was: wasOn(page.body), value: 'late', reason: ' ' });
      assert.equal(noReason.status, 400);
      assert.match(noReason.body, /Enter the reason for the correction/);
      assert.match(noReason.body, /href="#reason"/);
      assert.match(noReason.body, /value="late" checked/, 'the chosen value is kept');
      const badChoice = await agent.post(url, { was: wasOn(page.body), value: 'vanished', reason: 'Typo' });
      assert.equal(badChoice.status, 400);
      assert.match(badChoice.body, /Select the outcome of the contact/);
      const same = await agent.post(url, { was: wasOn(page.body), value: 'attended', reason: 'Typo' });
      assert.equal(same.status, 400);
      const contact = await t.db.selectFrom('contact').select('outcome').where('id', '=', contactA).executeTakeFirstOrThrow();
      assert.equal(contact.outcome, 'attended');
      assert.equal((await t.db.selectFrom('amendment').select('id').where('field', '=', 'outcome').execute()).length, 0);
    });

    test('a date and time is corrected as London time; a date through its onward referral', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const url = `/cases/${caseA.caseId}/corrections/contact/${contactA}/starts_at`;
      const page = await agent.get(url);
      assert.match(page.body, /name="time" type="text" value="14:00"|value="14:00"/);
      const res = await agent.post(url, { was: wasOn(page.body), 'date[day]': '16', 'date[month]': '11', 'date[year]': '2026', time: '09:30', reason: 'Met in the morning' });
      assert.equal(res.status, 303);
      const contact = await t.db.selectFrom('contact').select('starts_at').where('id', '=', contactA).executeTakeFirstOrThrow();
      assert.equal(contact.starts_at.toISOString(), '2026-11-16T09:30:00.000Z');
      const eventUrl = `/cases/${caseA.caseId}/corrections/onward_referral_event/${eventA}/occurred_on`;
      const eventPage = await agent.get(eventUrl);
      const future = await agent.post(eventUrl, { was: wasOn(eventPage.body), 'date[day]': '30', 'date[month]': '11', 'date[year]': '2026', reason: 'Wrong day' });
      assert.equal(future.status, 400);
      assert.match(future.body, /must be today or in the past/);
      assert.equal((await agent.post(eventUrl, { was: wasOn(eventPage.body), 'date[day]': '3', 'date[month]': '11', 'date[year]': '2026', reason: 'Sent the next day' })).status, 303);
      const event = await t.db.selectFrom('onward_referral_event').select('occurred_on').where('id', '=', eventA).executeTakeFirstOrThrow();
      assert.equal(event.occurred_on, '2026-11-03');
      const referral = await t.db.selectFrom('onward_referral').select(['sent_on', 'state_changed_on']).where('case_id', '=', caseA.caseId).executeTakeFirstOrThrow();
      assert.deepEqual(referral, { sent_on: '2026-11-03', state_changed_on: '2026-11-03' }, 'the referral follows its corrected timeline');
      const history = await agent.get(`/cases/${caseA.caseId}/history`);
      assert.match(history.body, /2 November 2026 → 3 November 2026/);
    });

    test('a subject of another case, an unknown fact or an unrecorded closure is not found', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      assert.equal((await agent.get(`/cases/${caseA.caseId}/corrections/contact/${contactB}/place`)).status, 404);
      const page = await agent.get(`/cases/${caseB.caseId}/corrections/contact/${contactB}/place`);
      assert.equal(page.status, 200);
      assert.equal((await agent.post(`/cases/${caseA.caseId}/corrections/contact/${contactB}/place`, { was: '"Brighouse library"', value: 'Elsewhere', reason: 'Moving it' })).status, 404);
      assert.equal((await agent.get(`/cases/${caseA.caseId}/corrections/contact/${contactA}/worker_id`)).status, 404);
      assert.equal((await agent.get(`/cases/${caseA.caseId}/corrections/person/${caseA.personId}/nhs_number`)).status, 404);
      assert.equal((await agent.get(`/cases/${caseA.caseId}/corrections/case_episode/${caseA.caseId}/closed_on`)).status, 404, 'an open case has no closure date to correct');
      assert.equal((await agent.get(`/cases/${caseA.caseId}/corrections/contact/not-a-uuid/place`)).status, 404);
      const contact = await t.db.selectFrom('contact').select('place').where('id', '=', contactB).executeTakeFirstOrThrow();
      assert.equal(contact.place, 'Brighouse library');
      const volunteer = new Agent(t.app);
      await volunteer.signIn('volunteer');
      assert.equal((await volunteer.get(`/cases/${caseA.caseId}/corrections/contact/${contactA}/place`)).status, 404);
    });

    test('a value changed meanwhile is a conflict, not an overwrite', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const url = `/cases/${caseB.caseId}/corrections/contact/${contactB}/notes`;
      const page = await agent.get(url);
      await t.db.updateTable('contact').set({ notes: 'Written by someone else' }).where('id', '=', contactB).execute();
      const res = await agent.post(url, { was: wasOn(page.body), value: 'My notes', reason: 'Missing notes' });
      assert.equal(res.status, 409);
      assert.match(res.body, /Written by someone else/);
      const contact = await t.db.selectFrom('contact').select('notes').where('id', '=', contactB).executeTakeFirstOrThrow();
      assert.equal(contact.notes, 'Written by someone else');
    });
  });
}
