// Justice events: recorded by the team against a person's index date, imported by a team manager from a CSV
// file (matched by NHS number, PNC ID or name and date of birth; unknown people, duplicates, bad dates and
// offences before the index date reported; a second import adds nothing; a failed import leaves nothing), and
// seen by no one outside the team.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ForbiddenError } from '../../src/services/errors.js';
import { REOFFENDING_CSV_HEADERS } from '../../src/domain/reoffending-csv.js';
import type { Actor } from '../../src/domain/actor.js';

const NHS = '9434765919';
const PNC = '2008/0056560Z';

const eventForm = (offence: [string, string, string], outcome: string, outcomeOn: [string, string, string], notes = '') => ({
  'offenceOn[day]': offence[0], 'offenceOn[month]': offence[1], 'offenceOn[year]': offence[2], outcome,
  'outcomeOn[day]': outcomeOn[0], 'outcomeOn[month]': outcomeOn[1], 'outcomeOn[year]': outcomeOn[2], notes,
});

const FILE = [
  REOFFENDING_CSV_HEADERS.join(','),
  `943 476 5919,,,,,01/06/2025,Found guilty,30/09/2025`, // 2: by NHS number
  `,08/56560Z,,,,2025-07-15,arrest,2025-07-15`, // 3: by PNC ID (short form)
  `,,MARISOL,deverell-ash,30/11/2001,2025-08-01,Youth caution,2025-08-20`, // 4: by name and date of birth
  `,,Peregrine,Unknownsworth,02/02/1990,2025-08-01,arrest,2025-08-01`, // 5: nobody known
  `,08/56560Z,,,,2025-07-15,arrest,2025-07-15`, // 6: duplicate of line 3
  `943 476 5919,,,,,31/02/2025,charge,2025-06-02`, // 7: not a real date
  `943 476 5919,,,,,2025-03-01,charge,2025-03-05`, // 8: before the index date
].join('\n');

for (const engine of testEngines()) {
  describe(`justice events (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let manager: Actor;
    let quillon: string;
    let tobias: string;
    let marisol: string;
    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      await t.db.updateTable('person').set({ nhs_number: null }).where('nhs_number', '=', NHS).execute();
      await t.db.updateTable('person').set({ pnc_id: null }).where('pnc_id', '=', PNC).execute();
      quillon = (await openCase(t.services, nurse, { givenName: 'Quillon', familyName: 'Ashdown-Vey', dateOfBirth: '1993-04-12', referredAt: new Date('2025-03-10T09:00:00Z') })).personId;
      tobias = (await openCase(t.services, nurse, { givenName: 'Tobias', familyName: 'Wrenfield-Oke', dateOfBirth: '1988-07-21', referredAt: new Date('2025-04-02T23:30:00Z') })).personId;
      marisol = (await openCase(t.services, nurse, { givenName: 'Marisol', familyName: 'Deverell-Ash', dateOfBirth: '2001-11-30', referredAt: new Date('2025-05-20T12:00:00Z') })).personId;
      await t.db.updateTable('person').set({ nhs_number: NHS }).where('id', '=', quillon).execute();
      await t.db.updateTable('person').set({ pnc_id: PNC }).where('id', '=', tobias).execute();
    });
    after(() => t.close());

    test('the team records an event; a proven re-offence is marked against the index date', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const form = await agent.get(`/people/${quillon}/justice-events/new`);
      assert.equal(form.status, 200);
      assert.match(form.body, /The index date is 10 March 2025/);
      const saved = await agent.post(`/people/${quillon}/justice-events/new`, eventForm(['2', '1', '2026'], 'conviction', ['20', '4', '2026'], 'From the police national computer'));
      assert.equal(saved.status, 303);
      assert.equal(saved.location, `/people/${quillon}/justice-events?saved=recorded`);
      await agent.post(`/people/${quillon}/justice-events/new`, eventForm(['1', '5', '2026'], 'arrest', ['1', '5', '2026']));
      const page = await agent.get(`/people/${quillon}/justice-events?saved=recorded`);
      assert.equal(page.status, 200);
      assert.match(page.body, /Justice event recorded/);
      assert.match(page.body, /Index date: <strong>10 March 2025<\/strong>/);
      assert.match(page.body, /2 events, 1 proves a re-offence/);
      assert.match(page.body, /2 January 2026<\/th>\s*<td[^>]*>Conviction<\/td>\s*<td[^>]*>20 April 2026<\/td>\s*<td[^>]*><strong class="nhsuk-tag nhsuk-tag--red">\s*Proven re-offence/);
      assert.match(page.body, /1 May 2026<\/th>\s*<td[^>]*>Arrest<\/td>\s*<td[^>]*>1 May 2026<\/td>\s*<td[^>]*>No<\/td>/);
      // The index date is the London date: 23:30 UTC on 2 April 2025 is 3 April in London (summer time).
      assert.equal((await t.services.justiceEvents.forPerson(nurse, tobias, TEST_ORIGIN)).indexDate, '2025-04-03');
      const recorded = await t.services.audit.search({ action: 'justice_event.recorded', personId: quillon });
      assert.equal(recorded.length, 2);
      const viewed = await t.services.audit.search({ action: 'justice_event.viewed', personId: quillon });
      assert.ok(viewed.length >= 2, 'each read of the events is audited');
    });

    test('bad input is refused, each problem naming its field, with the answers kept', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      await agent.get(`/people/${quillon}/justice-events/new`);
      const post = (form: Record<string, string>) => agent.post(`/people/${quillon}/justice-events/new`, form);
      const unreal = await post(eventForm(['31', '2', '2026'], '', ['1', '13', '2026']));
      assert.equal(unreal.status, 400);
      assert.match(unreal.body, /<a href="#offenceOn-day">\s*Offence date must be a real date/);
      assert.match(unreal.body, /<a href="#outcome">\s*Select the outcome/);
      assert.match(unreal.body, /<a href="#outcomeOn-month">\s*Outcome date must be a real date/);
      assert.match(unreal.body, /value="31"/);
      const backwards = await post(eventForm(['10', '6', '2026'], 'charge', ['9', '6', '2026']));
      assert.match(backwards.body, /<a href="#outcomeOn-day">\s*Outcome date must be the same as or after the offence date/);
      const future = await post(eventForm(['24', '11', '2026'], 'arrest', ['24', '11', '2026']));
      assert.match(future.body, /Offence date cannot be in the future/);
      assert.match(future.body, /Outcome date cannot be in the future/);
      const beforeIndex = await post(eventForm(['10', '3', '2025'], 'arrest', ['10', '3', '2025']));
      assert.equal(beforeIndex.status, 400);
      assert.match(beforeIndex.body, /Offence date 10\/03\/2025 is on or before Quillon Ashdown-Vey(&#39;|')s index date \(10\/03\/2025\), so it is not a re-offence/);
      const twice = await post(eventForm(['2', '1', '2026'], 'conviction', ['20', '4', '2026']));
      assert.equal(twice.status, 400);
      assert.match(twice.body, /This event is already recorded for Quillon Ashdown-Vey/);
      const blank = await post(eventForm(['', '', ''], 'arrest', ['1', '5', '2026']));
      assert.match(blank.body, /<a href="#offenceOn-day">\s*Enter the offence date/);
      const count = await t.db.selectFrom('justice_event').select((eb) => eb.fn.countAll().as('n')).where('person_id', '=', quillon).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 2, 'nothing refused was saved');
    });

    test('a team manager previews and imports a file: matches, unknown people, duplicates, bad dates and early offences reported', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const help = await agent.get('/justice-events/import');
      assert.equal(help.status, 200);
      for (const header of REOFFENDING_CSV_HEADERS) assert.ok(help.body.includes(`<code>${header}</code>`), header);
      const before = await t.db.selectFrom('justice_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();

      const preview = await agent.post('/justice-events/import/preview', { csvText: FILE });
      assert.equal(preview.status, 200);
      assert.match(preview.body, /Nothing has been imported yet/);
      assert.match(preview.body, /Rows read\s*<\/dt>\s*<dd[^>]*>\s*7\s*</);
      assert.match(preview.body, /Events to add\s*<\/dt>\s*<dd[^>]*>\s*3\s*</);
      assert.match(preview.body, /Line 5: no one in the service has Peregrine Unknownsworth, born 02\/02\/1990/);
      assert.match(preview.body, /Line 6: the same event as line 3/);
      assert.match(preview.body, /Line 7: offence date (&quot;)?31\/02\/2025(&quot;)? is not a real date/);
      assert.match(preview.body, /Line 8: offence date 01\/03\/2025 is on or before the person(&#39;|')s index date \(10\/03\/2025\)/);
      const after = await t.db.selectFrom('justice_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n), 'a preview writes no event');

      const done = await agent.post('/justice-events/import', { csv: FILE, fileName: 'police-export.csv' });
      assert.equal(done.status, 303);
      const importId = /^\/justice-events\/imports\/([0-9a-f-]{36})\?imported=1$/.exec(done.location ?? '')?.[1];
      assert.ok(importId, done.location);
      const events = await t.db.selectFrom('justice_event').selectAll().where('import_id', '=', importId).orderBy('offence_on').execute();
      assert.deepEqual(events.map((e) => [e.person_id, e.offence_on, e.outcome, e.outcome_on, e.source]), [
        [quillon, '2025-06-01', 'conviction', '2025-09-30', 'imported'],
        [tobias, '2025-07-15', 'arrest', '2025-07-15', 'imported'],
        [marisol, '2025-08-01', 'caution', '2025-08-20', 'imported'],
      ]);
      const row = await t.db.selectFrom('reoffending_import').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
      assert.equal(row.file_name, 'police-export.csv');
      assert.deepEqual([row.rows_read, row.events_added, row.already_held, row.unmatched.length, row.problems.length], [7, 3, 0, 1, 3]);
      assert.deepEqual(row.problems.map((p) => p.line), [6, 7, 8]);
      const shown = await agent.get(done.location!);
      assert.match(shown.body, /3 events imported/);
      assert.match(shown.body, /Line 5: no one in the service has Peregrine Unknownsworth/);
      const list = await agent.get('/justice-events/imports');
      assert.ok(list.body.includes(`href="/justice-events/imports/${importId}"`));
      assert.match(list.body, /police-export.csv/);

      const audited = (await t.services.audit.search({ action: 'reoffending.imported' })).find((e) => e.subject_id === importId);
      assert.ok(audited);
      const detail = audited.detail as { importId: string; eventsAdded: number; personIds: string[] };
      assert.equal(detail.importId, importId);
      assert.equal(detail.eventsAdded, 3);
      assert.deepEqual([...detail.personIds].sort(), [quillon, tobias, marisol].sort());

      // The same file again adds nothing: its three events are counted as already held.
      const again = await t.services.justiceEvents.import(manager, FILE, 'police-export.csv', TEST_ORIGIN);
      assert.ok(again.ok);
      assert.deepEqual([again.eventsAdded, again.alreadyHeld], [0, 3]);
      const total = await t.db.selectFrom('justice_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(total.n), Number(before.n) + 3);
      const bad = await agent.post('/justice-events/import/preview', { csvText: 'name,age\nA,3' });
      assert.equal(bad.status, 400);
      assert.match(bad.body, /<a href="#csvFile">\s*The file has no offence date, outcome or outcome date columns/);
    });

    test('a failed import leaves nothing behind', async () => {
      const count = async () => Promise.all([
        t.db.selectFrom('justice_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
        t.db.selectFrom('reoffending_import').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
        t.services.audit.search({ action: 'reoffending.imported', limit: 200 }).then((r) => r.length),
      ]);
      const before = await count();
      await sql`create function refuse_justice_event() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(t.db);
      await sql`create trigger refuse_justice_event before insert on justice_event for each row execute function refuse_justice_event()`.execute(t.db);
      try {
        const file = [REOFFENDING_CSV_HEADERS.join(','), `,,Marisol,Deverell-Ash,30/11/2001,2026-01-04,arrest,2026-01-04`].join('\n');
        await assert.rejects(t.services.justiceEvents.import(manager, file, 'fails.csv', TEST_ORIGIN), /refused for the test/);
      } finally {
        await sql`drop trigger refuse_justice_event on justice_event`.execute(t.db);
        await sql`drop function refuse_justice_event()`.execute(t.db);
      }
      assert.deepEqual(await count(), before);
    });

    test('practitioners cannot import; support workers read but do not record; no one outside the team sees any of it', async () => {
      const practitioner = new Agent(t.app);
      await practitioner.signIn('practitioner');
      assert.equal((await practitioner.get('/justice-events/import')).status, 403);
      assert.equal((await practitioner.get('/justice-events/imports')).status, 403);
      assert.equal((await practitioner.post('/justice-events/import/preview', { csvText: FILE })).status, 403);
      assert.equal((await practitioner.post('/justice-events/import', { csv: FILE })).status, 403);
      await assert.rejects(t.services.justiceEvents.import(nurse, FILE, '', TEST_ORIGIN), ForbiddenError);
      await assert.rejects(t.services.justiceEvents.preview(nurse, FILE, TEST_ORIGIN), ForbiddenError);

      const support = new Agent(t.app);
      await support.signIn('support');
      const read = await support.get(`/people/${quillon}/justice-events`);
      assert.equal(read.status, 200);
      assert.ok(!read.body.includes(`/people/${quillon}/justice-events/new`));
      assert.equal((await support.get(`/people/${quillon}/justice-events/new`)).status, 403);
      await assert.rejects(t.services.justiceEvents.record(await actorFor(t.services, 'support'), quillon, { offenceOn: '2026-02-02', outcome: 'arrest', outcomeOn: '2026-02-02', notes: '' }, TEST_ORIGIN), ForbiddenError);

      const ayo = await actorFor(t.services, 'nurse.ayo');
      await assert.rejects(t.services.justiceEvents.forPerson(ayo, quillon, TEST_ORIGIN), /No such person/, 'another service sees nothing');
      for (const username of ['custody-officer', 'partner', 'volunteer', 'commissioner']) {
        const agent = new Agent(t.app);
        await agent.signIn(username);
        const page = await agent.get(`/people/${quillon}/justice-events`);
        assert.equal(page.status, 404, username);
        assert.ok(!page.body.includes('Ashdown-Vey'), username);
        assert.equal((await agent.get('/justice-events/imports')).status, 403, username);
        assert.equal((await agent.get('/justice-events/import')).status, 403, username);
      }
    });
  });
}
