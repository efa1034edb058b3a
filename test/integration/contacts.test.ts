// Contacts of a case: booking, recording what happened, the follow-up after a did-not-attend, engagement, conflicts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';

const contactForm = (date: [string, string, string], time: string, extra: Record<string, string> = {}) => ({
  kind: 'meeting', 'startsDate[day]': date[0], 'startsDate[month]': date[1], 'startsDate[year]': date[2], startsTime: time,
  place: 'Calder Vale community base', withWhom: 'Her mother', workerWentToo: 'no', notes: '', ...extra,
});

for (const engine of testEngines()) {
  describe(`contacts (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let caseId: string;
    let personId: string;
    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      ({ caseId, personId } = await openCase(t.services, nurse, { givenName: 'Ottilie', familyName: 'Marwood-Pike' }));
    });
    after(() => t.close());

    const contactIds = async (id: string) => (await t.services.contacts.forCase(nurse, id)).contacts;

    test('a did-not-attend prompts a follow-up until a later contact is booked', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const empty = await agent.get(`/cases/${caseId}/contacts`);
      assert.equal(empty.status, 200);
      assert.match(empty.body, /No contacts in the last 4 weeks/);
      assert.match(empty.body, /aria-current="page">Contacts/);

      const booked = await agent.post(`/cases/${caseId}/contacts`, contactForm(['20', '11', '2026'], '14:00'));
      assert.equal(booked.status, 303);
      const [held] = await contactIds(caseId);
      assert.ok(held);
      assert.equal(held.starts_at.toISOString(), '2026-11-20T14:00:00.000Z');
      assert.equal(held.worker_id, nurse.userId, 'the worker defaults to the one booking');

      const form = await agent.get(`/cases/${caseId}/contacts/${held.id}/outcome`);
      assert.equal(form.status, 200);
      assert.match(form.body, /What happened\?/);
      const recorded = await agent.post(`/cases/${caseId}/contacts/${held.id}/outcome`, { outcome: 'did_not_attend', notes: 'No answer at the door', version: '1' });
      assert.equal(recorded.status, 303);

      const page = await agent.get(`/cases/${caseId}/contacts`);
      assert.match(page.body, /Follow up: Ottilie Marwood-Pike did not attend on 20 November 2026\. <a href="#book-contact">Book or record a contact\.<\/a>/);
      assert.match(page.body, /Did not attend/);
      assert.doesNotMatch(page.body, /undefined|\[object/);
      assert.match(page.body, /No answer at the door/);
      assert.ok(page.body.includes(`href="/cases/${caseId}/corrections/contact/${held.id}/outcome"`), 'a recorded outcome can be corrected');
      assert.ok(page.body.includes(`href="/cases/${caseId}/corrections/contact/${held.id}/starts_at"`));

      assert.equal((await agent.post(`/cases/${caseId}/contacts`, contactForm(['26', '11', '2026'], '10:00', { kind: 'home_visit', place: 'Home' }))).status, 303);
      const after = await agent.get(`/cases/${caseId}/contacts`);
      assert.doesNotMatch(after.body, /Follow up:/);
      assert.match(after.body, /Home visit, 26 Nov 2026/);
      const [next] = await contactIds(caseId);
      assert.ok(!after.body.includes(`/corrections/contact/${next!.id}/`), 'nothing to correct before an outcome is recorded');

      const events = await t.services.audit.search({ personId });
      assert.ok(events.some((e) => e.action === 'contact.booked'));
      assert.ok(events.some((e) => e.action === 'contact.outcome_recorded'));
    });

    test('what happened at a contact in the future is refused, naming the outcome field', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const future = (await contactIds(caseId)).find((c) => c.contact_kind === 'home_visit')!;
      const res = await agent.post(`/cases/${caseId}/contacts/${future.id}/outcome`, { outcome: 'attended', notes: 'Went well', version: String(future.version) });
      assert.equal(res.status, 400);
      assert.match(res.body, /<a href="#outcome">\s*You cannot record what happened at a contact that has not happened yet: its time is 10:00 on 26 November 2026\s*<\/a>/);
      assert.match(res.body, /Went well/, 'the notes typed are kept');
      assert.equal((await contactIds(caseId)).find((c) => c.id === future.id)!.outcome, null);
      // A cancellation is known before the time comes.
      await t.services.contacts.recordOutcome(nurse, caseId, future.id, future.version, { outcome: 'cancelled_by_person', notes: 'Rang to cancel' }, TEST_ORIGIN);
    });

    test('a booking with missing or unreadable answers is refused, the answers kept', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const res = await agent.post(`/cases/${caseId}/contacts`, contactForm(['31', '11', '2026'], '25:00', { kind: '', place: 'Kept place' }));
      assert.equal(res.status, 400);
      assert.match(res.body, /href="#startsDate-day">\s*Date of the contact must be a real date/);
      assert.match(res.body, /href="#startsTime">\s*Enter the time of the contact as hours and minutes/);
      assert.match(res.body, /href="#kind">\s*Select the kind of contact/);
      assert.match(res.body, /value="Kept place"/);
      await assert.rejects(
        t.services.contacts.book(nurse, caseId, { kind: 'meeting', startsAt: new Date('2026-11-24T10:00:00Z'), place: 'x'.repeat(201), withWhom: '', workerId: null, workerWentToo: false, notes: '' }, TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /200 characters/.test(e.fieldErrors.place ?? ''),
      );
    });

    test('the engagement indicator follows attendance over the last four weeks', async () => {
      const { caseId: other } = await openCase(t.services, nurse, { givenName: 'Benedikt', familyName: 'Quennell-Arrow' });
      const book = async (iso: string) => t.services.contacts.book(nurse, other, { kind: 'phone_call', startsAt: new Date(iso), place: '', withWhom: '', workerId: null, workerWentToo: false, notes: '' }, TEST_ORIGIN);
      const record = (id: string, outcome: 'attended' | 'did_not_attend') => t.services.contacts.recordOutcome(nurse, other, id, 1, { outcome, notes: '' }, TEST_ORIGIN);
      const level = async () => (await t.services.contacts.engagementFor(other, '2026-11-23')).level;
      assert.equal(await level(), 'none');
      await record(await book('2026-10-01T10:00:00Z'), 'did_not_attend');
      assert.equal(await level(), 'none', 'a contact older than four weeks does not count');
      await record(await book('2026-11-10T10:00:00Z'), 'attended');
      assert.equal(await level(), 'green');
      await record(await book('2026-11-17T10:00:00Z'), 'did_not_attend');
      assert.equal(await level(), 'amber');
      await record(await book('2026-11-20T10:00:00Z'), 'did_not_attend');
      assert.equal(await level(), 'red');
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${other}/contacts`);
      assert.match(page.body, /nhsuk-tag--red[^>]*>\s*Not engaging/);
      assert.match(page.body, /1 attended, 2 missed/);
    });

    test('a stale outcome is refused with the latest shown; nothing is overwritten', async () => {
      const id = await t.services.contacts.book(nurse, caseId, { kind: 'outreach', startsAt: new Date('2026-11-22T15:00:00Z'), place: 'Town centre', withWhom: '', workerId: null, workerWentToo: false, notes: '' }, TEST_ORIGIN);
      const first = new Agent(t.app);
      const second = new Agent(t.app);
      await first.signIn('practitioner');
      await second.signIn('manager');
      await first.get(`/cases/${caseId}/contacts/${id}/outcome`);
      await second.get(`/cases/${caseId}/contacts/${id}/outcome`);
      assert.equal((await first.post(`/cases/${caseId}/contacts/${id}/outcome`, { outcome: 'attended', notes: 'Met at the library', version: '1' })).status, 303);
      const stale = await second.post(`/cases/${caseId}/contacts/${id}/outcome`, { outcome: 'did_not_attend', notes: 'Not seen', version: '1' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else recorded this contact/);
      assert.match(stale.body, /<th scope="row"[^>]*>What happened\?<\/th>\s*<td[^>]*>Attended<\/td>\s*<td[^>]*>Did not attend<\/td>/, 'the latest is shown beside the answer typed');
      assert.match(stale.body, /Not seen/, 'the answer typed is kept');
      const saved = (await contactIds(caseId)).find((c) => c.id === id)!;
      assert.equal(saved.outcome, 'attended');
      assert.equal(saved.notes, 'Met at the library');
      await assert.rejects(t.services.contacts.recordOutcome(nurse, caseId, id, 1, { outcome: 'late', notes: '' }, TEST_ORIGIN), ConflictError);
      await assert.rejects(t.services.contacts.recordOutcome(nurse, caseId, id, 2, { outcome: 'late', notes: '' }, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /already recorded/.test(e.fieldErrors.outcome ?? ''));
    });

    test('contacts are read only within the case scope', async () => {
      const support = new Agent(t.app);
      await support.signIn('support');
      assert.equal((await support.get(`/cases/${caseId}/contacts`)).status, 404);
      const other = await actorFor(t.services, 'nurse.ayo');
      await assert.rejects(t.services.contacts.forCase(other, caseId), NotFoundError);
      const [c] = await contactIds(caseId);
      await assert.rejects(t.services.contacts.get(nurse, caseId, 'not-a-uuid'), NotFoundError);
      assert.ok(c);
    });
  });
}
