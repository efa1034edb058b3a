// Transferring a person to another service: refused with an open case or a clashing NHS number; otherwise the receiving
// service gets its own record, linked to the old one, with the earlier cases' summary, audited on both sides.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import type { Actor } from '../../src/domain/actor.js';

for (const engine of testEngines()) {
  describe(`person transfer (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let pennineKirk: string;

    const closeCase = (caseId: string) =>
      t.db.updateTable('case_episode').set({ case_status: 'closed', closure_reason: 'transferred', closed_on: '2026-11-20', closed_at: clock.now(), exit_summary: 'Moving away' }).where('id', '=', caseId).execute();

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      pennineKirk = (await t.db.selectFrom('service').select('id').where('code', '=', 'pennine-kirk').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('a person with an open case is not transferred; once closed, the record is carried across and audited on both sides', async () => {
      const { caseId, personId } = await openCase(t.services, nurse, { givenName: 'Leocadia', familyName: 'Quennell-Voss' });
      await t.db.updateTable('person').set({ nhs_number: '9990000018', pnc_id: '2008/0056560Z', address: '4 Mill Lane, Elland' }).where('id', '=', personId).execute();
      await t.db.insertInto('person_alias').values({ service_id: nurse.grant.serviceId!, person_id: personId, given_name: 'Cady', family_name: 'Voss' }).execute();
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      const page = await manager.get(`/people/${personId}/transfer`);
      assert.equal(page.status, 200);
      assert.match(page.body, /This person has an open case/);
      assert.match(page.body, /Pennine Kirk|pennine/i);
      assert.doesNotMatch(page.body, new RegExp(`value="${nurse.grant.serviceId}"`), 'not to their own service');
      const refused = await manager.post(`/people/${personId}/transfer`, { toServiceId: pennineKirk, reason: 'Moved to Kirklees' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /open case: close it with the reason/);
      assert.equal((await t.db.selectFrom('person_transfer').select('id').where('person_id', '=', personId).execute()).length, 0);

      const noReason = await manager.post(`/people/${personId}/transfer`, { toServiceId: '', reason: '' });
      assert.equal(noReason.status, 400);
      assert.match(noReason.body, /Select the service the person is moving to/);
      assert.match(noReason.body, /Enter the reason for the transfer/);

      await closeCase(caseId);
      const res = await manager.post(`/people/${personId}/transfer`, { toServiceId: pennineKirk, reason: 'Moved to Kirklees' });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/people/${personId}/transfer?saved=1`);
      const done = await manager.get(res.location!);
      assert.match(done.body, /Transferred to .+ on 23 November 2026/);

      const transfer = await t.services.personTransfers.transferOf(personId);
      assert.ok(transfer);
      assert.equal(transfer.to_service_id, pennineKirk);
      assert.equal(transfer.transferredOn, '2026-11-23');
      const copy = await t.db.selectFrom('person').selectAll().where('id', '=', transfer.to_person_id).executeTakeFirstOrThrow();
      assert.equal(copy.service_id, pennineKirk);
      assert.equal(copy.given_name, 'Leocadia');
      assert.equal(copy.nhs_number, '9990000018');
      assert.equal(copy.pnc_id, '2008/0056560Z');
      assert.equal(copy.address, '4 Mill Lane, Elland');
      const aliases = await t.db.selectFrom('person_alias').select(['given_name', 'service_id']).where('person_id', '=', copy.id).execute();
      assert.deepEqual(aliases, [{ given_name: 'Cady', service_id: pennineKirk }]);
      const history = await t.services.personTransfers.historyFor(copy.id);
      assert.equal(history?.transfers.length, 1);
      assert.equal(history?.transfers[0]?.cases[0]?.closureReason, 'transferred');
      assert.equal(history?.transfers[0]?.cases[0]?.closedOn, '2026-11-20');
      assert.equal(await t.services.personTransfers.historyFor(personId), null);

      const out = await t.services.audit.search({ personId, action: 'person.transferred_out' });
      assert.equal(out.length, 1);
      assert.equal(out[0]!.service_id, nurse.grant.serviceId);
      const into = await t.services.audit.search({ personId: copy.id, action: 'person.transferred_in' });
      assert.equal(into.length, 1);
      assert.equal(into[0]!.service_id, pennineKirk);

      const twice = await manager.post(`/people/${personId}/transfer`, { toServiceId: pennineKirk, reason: 'Again' });
      assert.equal(twice.status, 400);
      assert.match(twice.body, /already been transferred/);
    });

    test('the same NHS number in the receiving service refuses the transfer', async () => {
      const { caseId, personId } = await openCase(t.services, nurse, { givenName: 'Thaddeus', familyName: 'Marwood-Pike' });
      await closeCase(caseId);
      await t.db.updateTable('person').set({ nhs_number: '9990000026' }).where('id', '=', personId).execute();
      await t.db.insertInto('person').values({ service_id: pennineKirk, given_name: 'Thad', family_name: 'Marwood-Pike', date_of_birth: '1990-05-17', nhs_number: '9990000026' }).execute();
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      await manager.get(`/people/${personId}/transfer`);
      const res = await manager.post(`/people/${personId}/transfer`, { toServiceId: pennineKirk, reason: 'Moved to Kirklees' });
      assert.equal(res.status, 400);
      assert.match(res.body, /already has a record with this person&#39;s NHS number|already has a record with this person's NHS number/);
      assert.equal(await t.services.personTransfers.transferOf(personId), null);
    });

    test('only a team manager transfers a person', async () => {
      const { personId } = await openCase(t.services, nurse, { givenName: 'Winifred', familyName: 'Quennell-Marsh' });
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      assert.equal((await agent.get(`/people/${personId}/transfer`)).status, 403);
      assert.equal((await agent.post(`/people/${personId}/transfer`, { toServiceId: pennineKirk, reason: 'x' })).status, 403);
      const otherManager = await actorFor(t.services, 'manager', 'team_manager', 'pennine-kirk');
      await assert.rejects(t.services.personTransfers.prepare(otherManager, personId), /No such person/);
    });
  });
}
