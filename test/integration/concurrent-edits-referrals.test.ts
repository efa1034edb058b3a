// Two workers act on the same referral: a change to an onward referral recorded meanwhile is shown beside the one
// typed, nothing is lost or silently recorded, and recording again having seen it works; closing a referral with no
// further action (a single button) says what happened meanwhile and what to do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, type TestApp } from '../support/app.js';
import { assertConflictPage, auditedBy, twoPractitioners, versionOf, whatChanged } from '../support/conflicts.js';
import { testEngines } from '../support/database.js';
import { custodyReferral, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import type { Actor } from '../../src/domain/actor.js';

/** What the page says saving a move again does: it records it after theirs. */
const MOVE_AGAIN = 'Record it again if it still applies: it is recorded after their change, which stays in the timeline.';

/** A date in the three boxes of the NHS date input, as a browser posts them. */
const boxes = (name: string, day: string, month: string, year: string) => ({ [`${name}[day]`]: day, [`${name}[month]`]: month, [`${name}[year]`]: year });

for (const engine of testEngines()) {
  describe(`concurrent edits of referrals (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let hannah: Actor;
    let camhsId: string;
    /** Two practitioners of the same service, each in their own browser. */
    let first: Agent;
    let second: Agent;

    const onward = (id: string) => t.db.selectFrom('onward_referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    /** A case opened on `sentOn` with an onward referral to the CAMHS partner sent that day, moved on as `moves` say; the clock back at today. */
    async function referralSent(givenName: string, familyName: string, sentOn: string, moves: [string, string][] = []) {
      clock.set(`${sentOn}T10:00:00Z`);
      const { caseId, personId } = await openCase(t.services, hannah, { givenName, familyName });
      const id = await t.services.onwardReferrals.create(hannah, caseId, { partnerOrganisationId: camhsId, reason: 'Low mood; wants talking therapy', send: true }, TEST_ORIGIN);
      for (const [to, on] of moves) {
        clock.set(`${on}T10:00:00Z`);
        await t.services.onwardReferrals.move(hannah, id, (await onward(id)).version, to as 'accepted', { on }, TEST_ORIGIN);
      }
      clock.set('2026-11-23T10:00:00Z');
      return { caseId, personId, id };
    }

    before(async () => {
      ({ t, hannah, first, second } = await twoPractitioners(engine, clock));
      const partners = await t.db.selectFrom('partner_organisation').select(['id', 'name']).where('service_id', '=', hannah.grant.serviceId!).execute();
      camhsId = partners.find((p) => p.name === 'Calder Vale CAMHS')!.id;
    });
    after(() => t.close());

    test("onward referral's change: the second shows both changes, keeps the first, records once repeated; nothing to repeat once final", async () => {
      const { caseId, personId, id } = await referralSent('Perpetua', 'Holloway-Ince', '2026-11-16');
      const url = `/cases/${caseId}/onward-referrals/${id}`;
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version, 'both read the same version');

      const accepted = await first.post(`${url}/move`, { version, to: 'accepted', ...boxes('on', '20', '11', '2026'), reason: 'Accepted by phone' });
      assert.equal(accepted.status, 303, accepted.body.slice(0, 300));
      // A browser posts the boxes of the first appointment too, blank or not, whatever is chosen.
      const typed = { to: 'withdrawn', ...boxes('on', '21', '11', '2026'), ...boxes('appointmentOn', '30', '11', '2026'), reason: 'Person moved out of the area' };
      const stale = await second.post(`${url}/move`, { ...typed, version });
      assertConflictPage(stale, undefined, MOVE_AGAIN);
      assert.match(stale.body, /Someone else recorded a change to this referral while you were working on it: it is now accepted/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('What has happened?'), ['Accepted', 'Withdrawn']);
      assert.deepEqual(rows.get('Date of the change'), ['20 November 2026', '21 November 2026']);
      assert.deepEqual(rows.get('Reason or note'), ['Accepted by phone', 'Person moved out of the area']);
      assert.ok(!rows.has('Date of the first appointment'), 'a first appointment counts only for a move that books one');
      assert.equal(rows.size, 3);
      assert.match(stale.body, /value="withdrawn" checked/, 'their typed answers stay in the form');
      assert.match(stale.body, /<textarea[^>]*id="reason"[^>]*>Person moved out of the area<\/textarea>/);
      assert.match(stale.body, /id="on-day"[^>]*value="21"|value="21"[^>]*id="on-day"/);
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1, 'the form now carries the latest version');
      assert.equal((await onward(id)).onward_state, 'accepted', 'nothing recorded');

      const withdrawn = await second.post(`${url}/move`, { ...typed, version: latest });
      assert.equal(withdrawn.status, 303, withdrawn.body.slice(0, 300));
      const now = await onward(id);
      assert.equal(now.onward_state, 'withdrawn');
      assert.equal(now.state_changed_on, '2026-11-21');
      assert.deepEqual(await auditedBy(t, personId, 'onward_referral.moved'), ['practitioner', 'slt.imogen']);

      // Withdrawn is final: a stale change cannot be recorded again, so the page says so and compares nothing.
      const afterFinal = await first.post(`${url}/move`, { version: latest, to: 'waiting', ...boxes('on', '21', '11', '2026'), reason: '' });
      assert.equal(afterFinal.status, 409);
      assert.match(afterFinal.body, /it is now withdrawn\. Check the timeline and record your change again if it still applies/);
      assert.match(afterFinal.body, /href="#timeline"/);
      assert.doesNotMatch(afterFinal.body, /What changed|id="move-form"/);
      assert.match(afterFinal.body, /This referral is withdrawn: no further change can be recorded/);
    });

    test("partner worker's change: recorded meanwhile by the team, shown beside theirs, kept, and recorded once repeated", async () => {
      const { caseId, personId, id } = await referralSent('Araminta', 'Quarrie-Lund', '2026-11-16', [['accepted', '2026-11-18']]);
      const partner = new Agent(t.app);
      await partner.signIn('partner');
      const partnerUrl = `/partner/referrals/${id}`;
      const teamUrl = `/cases/${caseId}/onward-referrals/${id}`;
      const version = versionOf((await partner.get(partnerUrl)).body);
      assert.equal(versionOf((await first.get(teamUrl)).body), version, 'both read the same version');

      assert.equal((await first.post(`${teamUrl}/move`, { version, to: 'waiting', ...boxes('on', '19', '11', '2026'), reason: 'Six-week waiting list' })).status, 303);
      const typed = { to: 'first_appointment_booked', ...boxes('on', '19', '11', '2026'), ...boxes('appointmentOn', '2', '12', '2026'), reason: 'Booked with Dr Okafor' };
      const stale = await partner.post(`${partnerUrl}/move`, { ...typed, version });
      assertConflictPage(stale, undefined, MOVE_AGAIN);
      assert.match(stale.body, /it is now waiting\. Check the timeline/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('What has happened?'), ['Waiting', 'First appointment booked']);
      assert.deepEqual(rows.get('Date of the first appointment'), ['Not given', '2 December 2026']);
      assert.deepEqual(rows.get('Reason or note'), ['Six-week waiting list', 'Booked with Dr Okafor']);
      assert.ok(!rows.has('Date of the change'), 'the same date is not listed');
      assert.match(stale.body, /value="first_appointment_booked" checked/, 'their typed answers stay in the form');
      assert.match(stale.body, /<textarea[^>]*id="reason"[^>]*>Booked with Dr Okafor<\/textarea>/);
      assert.match(stale.body, /id="appointmentOn-day"[^>]*value="2"|value="2"[^>]*id="appointmentOn-day"/);
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1, 'the form now carries the latest version');
      const kept = await onward(id);
      assert.equal(kept.onward_state, 'waiting', 'nothing recorded');
      assert.equal(kept.first_appointment_on, null);

      const booked = await partner.post(`${partnerUrl}/move`, { ...typed, version: latest });
      assert.equal(booked.status, 303, booked.body.slice(0, 300));
      const now = await onward(id);
      assert.equal(now.onward_state, 'first_appointment_booked');
      assert.equal(now.first_appointment_on, '2026-12-02');
      assert.deepEqual(await auditedBy(t, personId, 'onward_referral.moved'), ['practitioner', 'practitioner'], 'accepted when arranged, then waiting');
      assert.deepEqual(await auditedBy(t, personId, 'onward_referral.moved_by_partner'), ['partner']);
    });

    test('closing a referral with no further action: a single button, so the page says what happened meanwhile and what to do', async () => {
      const { referral } = await custodyReferral(t.services, hannah, { givenName: 'Lysander', familyName: 'Porteous-Hame', dateOfBirth: '1993-02-11', reasonForConcern: 'Withdrawn and tearful' });
      const url = `/referrals/${referral.id}`;
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version, 'both read the same version');

      // The first records who the person is; the second, still looking at the old page, closes it.
      assert.equal((await first.post(`${url}/new-person`, {})).status, 303);
      const stale = await second.post(`${url}/no-further-action`, { version });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else changed this referral while you were looking at it\. It has not been closed\. Check the referral as it now stands, and close it again if no further action is still right\./);
      assert.match(stale.body, /href="#referral-actions"/);
      assert.match(stale.body, /Start the screen/, 'the page shows the referral as it now stands');
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1, 'the button carries the latest version');
      const stored = () => t.services.referrals.get(hannah, referral.id);
      assert.equal((await stored()).referral_state, 'new', 'nothing closed');

      assert.equal((await second.post(`${url}/no-further-action`, { version: latest })).status, 303);
      const now = await stored();
      assert.equal(now.referral_state, 'no_further_action');
      assert.deepEqual(await auditedBy(t, now.person_id!, 'referral.person_linked'), ['practitioner']);
      assert.deepEqual(await auditedBy(t, now.person_id!, 'referral.state_changed'), ['slt.imogen']);

      // The first, from the page read before, closes it too: already done.
      const again = await first.post(`${url}/no-further-action`, { version: latest });
      assert.equal(again.status, 409);
      assert.match(again.body, /Someone else closed this referral with no further action while you were looking at it\. Nothing more is needed\./);
      assert.doesNotMatch(again.body, /Close: no further action/);
    });
  });
}
