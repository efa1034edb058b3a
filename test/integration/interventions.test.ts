// The intervention catalogue: a team manager adds, changes and retires entries; names are unique per service; others are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/services/errors.js';

for (const engine of testEngines()) {
  describe(`intervention catalogue (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine, { clock });
    });
    after(() => t.close());

    test('a team manager lists the catalogue with restorative and offences', async () => {
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      const page = await manager.get('/interventions');
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1>Intervention catalogue<\/h1>/);
      assert.match(page.body, /<caption[^>]*>Interventions<\/caption>/);
      assert.match(page.body, /Shop theft session[\s\S]*?Yes: run by volunteers[\s\S]*?Theft, including shop theft/);
      assert.match(page.body, /Speech and language assessment[\s\S]*?Any: it meets a need/);
    });

    test('add with validation, a unique name per service, then change it', async () => {
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      assert.equal((await manager.get('/interventions/new')).status, 200);
      const empty = await manager.post('/interventions/new', { name: ' ', description: 'Kept text' });
      assert.equal(empty.status, 400);
      assert.match(empty.body, /Enter the name of the intervention/);
      assert.match(empty.body, /Select whether volunteers run this as a restorative session/);
      assert.match(empty.body, /Kept text/);
      const taken = await manager.post('/interventions/new', { name: 'shop THEFT session', isRestorative: 'yes', 'offence-theft': 'yes' });
      assert.equal(taken.status, 400);
      assert.match(taken.body, /already has an intervention with that name/);
      const added = await manager.post('/interventions/new', { name: 'Knife crime awareness session', description: 'With the youth justice service', isRestorative: 'yes', 'offence-weapons': 'yes', 'offence-violence': 'yes' });
      assert.equal(added.status, 303);
      assert.equal(added.location, '/interventions?saved=added');
      const actor = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      const row = (await t.services.interventions.list(actor)).find((r) => r.name === 'Knife crime awareness session')!;
      assert.deepEqual([...row.offence_categories].sort(), ['violence', 'weapons']);
      assert.equal(row.is_restorative, true);

      const form = await manager.get(`/interventions/${row.id}/edit`);
      assert.match(form.body, /value="Knife crime awareness session"/);
      const changed = await manager.post(`/interventions/${row.id}/edit`, { version: String(row.version), name: 'Weapons awareness session', description: '', isRestorative: 'yes', 'offence-weapons': 'yes', isActive: 'yes' });
      assert.equal(changed.status, 303);
      const after = await t.services.interventions.get(actor, row.id);
      assert.equal(after.name, 'Weapons awareness session');
      assert.deepEqual(after.offence_categories, ['weapons']);
      assert.equal(after.version, row.version + 1);

      const stale = await manager.post(`/interventions/${row.id}/edit`, { version: String(row.version), name: 'Stale rename', isRestorative: 'no', isActive: 'yes' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else saved this while you were working on it/);
      assert.match(stale.body, /<th scope="row"[^>]*>Name<\/th>\s*<td[^>]*>Weapons awareness session<\/td>\s*<td[^>]*>Stale rename<\/td>/, 'the saved entry is shown beside the one typed');
      assert.match(stale.body, /value="Stale rename"/);
      await assert.rejects(t.services.interventions.update(actor, row.id, row.version, { name: 'x y', isRestorative: false }, TEST_ORIGIN), ConflictError);
    });

    test('retired: never deleted, kept by plans that have it, refused for new ones', async () => {
      const nurse = await actorFor(t.services, 'practitioner');
      const actor = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      const { caseId } = await openCase(t.services, nurse, { givenName: 'Perpetua', familyName: 'Quennell-Ashby', offenceCategory: 'theft' });
      const wellbeing = (await t.services.interventions.list(actor)).find((r) => r.name === 'Mental health and wellbeing support')!;
      const housing = (await t.services.interventions.list(actor)).find((r) => r.name === 'Housing and debt advice')!;
      const plan = { goals: ['Feel less anxious'], exitStrategy: '', interventions: [{ interventionId: wellbeing.id, rationale: 'Low mood' }], reviewDates: [] };
      await t.services.supportPlans.save(nurse, caseId, 0, plan, TEST_ORIGIN);

      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      for (const entry of [wellbeing, housing]) {
        const retired = await manager.post(`/interventions/${entry.id}/edit`, { version: String(entry.version), name: entry.name, description: entry.description, isRestorative: 'no', isActive: 'no' });
        assert.equal(retired.status, 303);
        assert.equal(retired.location, '/interventions?saved=retired');
      }
      const list = await manager.get('/interventions');
      assert.match(list.body, /Mental health and wellbeing support[\s\S]*?Retired/);
      assert.ok((await t.services.audit.search({ action: 'intervention.retired' })).length >= 2);
      assert.equal((await t.services.interventions.list(actor, { activeOnly: true })).some((r) => r.id === wellbeing.id), false);

      // The plan keeps the retired one; a newly chosen retired one is refused.
      await t.services.supportPlans.save(nurse, caseId, 1, { ...plan, goals: ['Feel less anxious', 'Keep my flat'] }, TEST_ORIGIN);
      await assert.rejects(
        t.services.supportPlans.save(nurse, caseId, 2, { ...plan, interventions: [...plan.interventions, { interventionId: housing.id, rationale: 'Rent arrears' }] }, TEST_ORIGIN),
        (e: Error & { fieldErrors?: Record<string, string> }) => /retired/.test(e.fieldErrors?.[`intervention-${housing.id}`] ?? ''),
      );
      assert.equal((await t.services.supportPlans.interventionsOf(caseId)).length, 1);
    });

    test('only a team manager changes the catalogue; a volunteer or practitioner is refused; another service\'s entries are not found', async () => {
      const nurse = await actorFor(t.services, 'practitioner');
      await assert.rejects(t.services.interventions.create(nurse, { name: 'Sneaky session', isRestorative: false }, TEST_ORIGIN), ForbiddenError);
      const other = (await t.services.interventions.list(await actorFor(t.services, 'nurse.ayo')))[0]!;
      await assert.rejects(t.services.interventions.get(nurse, other.id), NotFoundError);
      for (const username of ['volunteer', 'practitioner']) {
        const agent = new Agent(t.app);
        await agent.signIn(username);
        assert.equal((await agent.get('/interventions')).status, 403, username);
        assert.equal((await agent.post('/interventions/new', { name: 'Sneaky session', isRestorative: 'no' })).status, 403, username);
      }
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      assert.equal((await manager.get(`/interventions/${other.id}/edit`)).status, 404);
      const volunteer = await actorFor(t.services, 'volunteer');
      await assert.rejects(t.services.interventions.list(volunteer), ForbiddenError);
    });
  });
}
