// The training log: sessions given to police and court staff are recorded, listed newest first with totals by
// audience, filtered by date; bad answers are refused by field; only the team reads it, and support workers do not record.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ForbiddenError, ValidationError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';

const sessionForm = (date: [string, string, string], extra: Record<string, string> = {}) => ({
  'deliveredOn[day]': date[0], 'deliveredOn[month]': date[1], 'deliveredOn[year]': date[2],
  audience: 'police', siteId: '', topic: 'Spotting autism in the custody suite', attendees: '12', trainer: 'Harriet Oyelaran-Smythe', notes: '', ...extra,
});

const filterQuery = (from: [string, string, string] | null, to: [string, string, string] | null) => {
  const q = new URLSearchParams();
  if (from) { q.set('from[day]', from[0]); q.set('from[month]', from[1]); q.set('from[year]', from[2]); }
  if (to) { q.set('to[day]', to[0]); q.set('to[month]', to[1]); q.set('to[year]', to[2]); }
  return `/training?${q.toString()}`;
};

for (const engine of testEngines()) {
  describe(`training log (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let custodySuite: string;
    let court: string;
    let otherServiceSite: string;
    before(async () => {
      t = await startTestApp(engine, { clock });
      // The log starts empty here, whatever the demo data holds, so the totals are this test's own.
      await t.db.deleteFrom('training_session').execute();
      nurse = await actorFor(t.services, 'practitioner');
      const sites = await t.services.sites.listForService(nurse.grant.serviceId!);
      custodySuite = sites.find((s) => s.code === 'CV-CS1')!.id;
      court = sites.find((s) => s.code === 'CV-MC1')!.id;
      const ayo = await actorFor(t.services, 'nurse.ayo');
      otherServiceSite = (await t.services.sites.listForService(ayo.grant.serviceId!))[0]!.id;
    });
    after(() => t.close());

    test('an empty log says so', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get('/training');
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1[^>]*>Training log<\/h1>/);
      assert.match(page.body, /No training sessions have been recorded yet/);
      assert.ok(page.body.includes('href="/training/new"'), 'a practitioner may record a session');
      const home = await agent.get('/');
      assert.ok(home.body.includes('href="/training"'), 'the home page links to the log');
    });

    test('sessions are recorded and listed newest first, with totals by audience and a date filter', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const form = await agent.get('/training/new');
      assert.equal(form.status, 200);
      assert.match(form.body, /id="trainer"[^>]*value="Hannah Okafor"/, 'the trainer starts as the person recording');
      assert.match(form.body, /name="deliveredOn\[day\]"[^>]*value="23"/, 'the date starts as today');
      const saved = await agent.post('/training/new', sessionForm(['14', '11', '2026'], { siteId: custodySuite }));
      assert.equal(saved.status, 303);
      assert.equal(saved.location, '/training?saved=recorded');

      const manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      await t.services.trainingLog.record(manager, { deliveredOn: '2026-10-02', audience: 'court', siteId: court, topic: 'Learning disability at the first hearing', attendees: 8, trainer: 'Maud Fenwick-Ashby', notes: '' }, TEST_ORIGIN);
      await t.services.trainingLog.record(nurse, { deliveredOn: '2026-06-30', audience: 'police', siteId: null, topic: 'Self-harm risk on arrest', attendees: 5, trainer: 'Harriet Oyelaran-Smythe', notes: '' }, TEST_ORIGIN);

      const page = await agent.get('/training?saved=recorded');
      assert.match(page.body, /Training session recorded/);
      assert.match(page.body, /3 sessions, 25 attendees in all/);
      assert.match(page.body, /Police and custody staff\s*<\/th>\s*<td[^>]*>\s*2\s*<\/td>\s*<td[^>]*>\s*17\s*<\/td>/);
      assert.match(page.body, /Court staff\s*<\/th>\s*<td[^>]*>\s*1\s*<\/td>\s*<td[^>]*>\s*8\s*<\/td>/);
      assert.doesNotMatch(page.body, /Probation\s*<\/th>/, 'an audience with no sessions has no row');
      const order = ['Spotting autism in the custody suite', 'Learning disability at the first hearing', 'Self-harm risk on arrest'].map((topic) => page.body.indexOf(topic));
      assert.ok(order.every((i) => i > 0), 'every session is listed');
      assert.deepEqual([...order].sort((a, b) => a - b), order, 'newest first');
      assert.match(page.body, /14 November 2026/);
      assert.match(page.body, /Laburnum Road police HQ custody suite/);
      assert.match(page.body, /Not at one of our sites/);

      const filtered = await agent.get(filterQuery(['1', '10', '2026'], ['30', '11', '2026']));
      assert.equal(filtered.status, 200);
      assert.match(filtered.body, /2 sessions, 20 attendees in all/);
      assert.match(filtered.body, /Totals from 1 October 2026 to 30 November 2026/);
      assert.doesNotMatch(filtered.body, /Self-harm risk on arrest/);
      const none = await agent.get(filterQuery(['1', '1', '2025'], ['31', '12', '2025']));
      assert.match(none.body, /No training sessions were given from 1 January 2025 to 31 December 2025/);

      const events = await t.services.audit.search({ action: 'training_session.recorded' });
      assert.equal(events.length, 3);
      assert.ok(events.some((e) => e.username === 'manager'));
    });

    test('bad answers are refused, each naming its field, with the answers kept', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      await agent.get('/training/new');
      const future = await agent.post('/training/new', sessionForm(['24', '11', '2026'], { audience: '', topic: 'x', attendees: '0', trainer: ' ' }));
      assert.equal(future.status, 400);
      assert.match(future.body, /<a href="#deliveredOn-day">\s*Date of the training cannot be in the future\s*<\/a>/);
      assert.match(future.body, /<a href="#audience">\s*Select who the training was for\s*<\/a>/);
      assert.match(future.body, /<a href="#topic">\s*Enter the topic of the training/);
      assert.match(future.body, /<a href="#attendees">\s*Enter the number of people who attended as a whole number from 1 to 500/);
      assert.match(future.body, /<a href="#trainer">\s*Enter who gave the training/);
      assert.match(future.body, /value="0"/, 'the number typed is kept');
      assert.match(future.body, /value="24"/, 'the date typed is kept');

      const unreal = await agent.post('/training/new', sessionForm(['31', '2', '2026'], { attendees: '501' }));
      assert.equal(unreal.status, 400);
      assert.match(unreal.body, /<a href="#deliveredOn-day">\s*Date of the training must be a real date/);
      assert.match(unreal.body, /whole number from 1 to 500/);
      const words = await agent.post('/training/new', sessionForm(['2', '11', '2026'], { attendees: 'twelve', 'deliveredOn[month]': '' }));
      assert.match(words.body, /<a href="#deliveredOn-month">\s*Date of the training must include a month/);
      assert.match(words.body, /value="twelve"/);
      const blank = await agent.post('/training/new', sessionForm(['', '', '']));
      assert.match(blank.body, /<a href="#deliveredOn-day">\s*Enter the date of the training/);
      const foreignSite = await agent.post('/training/new', sessionForm(['2', '11', '2026'], { siteId: otherServiceSite }));
      assert.equal(foreignSite.status, 400);
      assert.match(foreignSite.body, /<a href="#siteId">\s*Select a site of your service/);

      await assert.rejects(
        t.services.trainingLog.record(nurse, { deliveredOn: '2026-11-02', audience: 'magistrates', siteId: null, topic: 'Topic', attendees: 3.5, trainer: 'Trainer', notes: '' }, TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && Boolean(e.fieldErrors.audience) && Boolean(e.fieldErrors.attendees),
      );
      const badFilter = await agent.get(filterQuery(['31', '2', '2026'], null));
      assert.equal(badFilter.status, 400);
      assert.match(badFilter.body, /<a href="#from-day">\s*First date must be a real date/);
      const backwards = await agent.get(filterQuery(['1', '11', '2026'], ['1', '10', '2026']));
      assert.equal(backwards.status, 400);
      assert.match(backwards.body, /The last date must be the same as or after the first date/);
      assert.match(backwards.body, /3 sessions, 25 attendees in all/, 'the whole log is shown under the errors');
      assert.equal((await t.services.trainingLog.list(nurse)).sessions.length, 3, 'nothing refused was saved');
    });

    test('support workers read the log but do not record; other roles and other services see nothing of it', async () => {
      const support = new Agent(t.app);
      await support.signIn('support');
      const page = await support.get('/training');
      assert.equal(page.status, 200);
      assert.match(page.body, /3 sessions, 25 attendees in all/);
      assert.ok(!page.body.includes('href="/training/new"'));
      assert.equal((await support.get('/training/new')).status, 403);
      assert.equal((await support.post('/training/new', sessionForm(['2', '11', '2026']))).status, 403);
      await assert.rejects(t.services.trainingLog.record(await actorFor(t.services, 'support'), { deliveredOn: '2026-11-02', audience: 'police', siteId: null, topic: 'Topic', attendees: 3, trainer: 'Trainer', notes: '' }, TEST_ORIGIN), ForbiddenError);

      for (const username of ['custody-officer', 'court', 'partner', 'volunteer', 'commissioner', 'service-admin']) {
        const agent = new Agent(t.app);
        await agent.signIn(username);
        const refused = await agent.get('/training');
        assert.equal(refused.status, 403, `${username} reads the log`);
        assert.doesNotMatch(refused.body, /Spotting autism/, username);
        assert.equal((await agent.get('/training/new')).status, 403, username);
        await assert.rejects(t.services.trainingLog.list(await actorFor(t.services, username)), ForbiddenError, username);
      }

      const ayo = await actorFor(t.services, 'nurse.ayo');
      assert.deepEqual((await t.services.trainingLog.list(ayo)).sessions, [], "another service's log is its own");
    });
  });
}
