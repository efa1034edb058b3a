// Onward referrals: made by the team (consent-gated), moved through their lifecycle by the team and the partner
// worker with a dated timeline, long waits flagged, interim support, and the partner's narrow view.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { postedDate } from '../support/date-input.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import type { Actor } from '../../src/domain/actor.js';
import { NotFoundError, ValidationError } from '../../src/services/errors.js';

const moveForm = (to: string, on: string, extra: Record<string, string> = {}, version = '') => ({ to, ...postedDate('on', on), ...extra, ...(version ? { version } : {}) });
const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

for (const engine of testEngines()) {
  describe(`onward referrals (${engine})`, () => {
    const clock = fixedClock('2026-11-02T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let partnerActor: Actor;
    let caseId: string;
    let personId: string;
    let camhsId: string;
    let cmhtId: string;
    let draftId: string;

    const referral = (id: string) => t.db.selectFrom('onward_referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      partnerActor = await actorFor(t.services, 'partner');
      ({ caseId, personId } = await openCase(t.services, nurse, { givenName: 'Ottoline', familyName: 'Marwood-Pike', dateOfBirth: '1994-04-06' }));
      const partners = await t.db.selectFrom('partner_organisation').select(['id', 'name']).where('service_id', '=', nurse.grant.serviceId!).execute();
      camhsId = partners.find((p) => p.name === 'Calder Vale CAMHS')!.id;
      cmhtId = partners.find((p) => p.name === 'Calder Vale Community Mental Health Team')!.id;
      draftId = await t.services.onwardReferrals.create(nurse, caseId, { partnerOrganisationId: camhsId, reason: 'Needs help with anxiety and sleep; wants to talk to someone', send: false }, TEST_ORIGIN);
      // Clinical detail the partner must never see.
      await t.db.updateTable('screening').set({ notes: 'Screening note Zebedee-Quist' }).where('person_id', '=', personId).execute();
      await t.db.insertInto('assessment').values({ service_id: nurse.grant.serviceId!, case_id: caseId, person_id: personId, strengths: 'Assessment text Marmalade-Hobb', assessed_by: nurse.userId, started_at: clock.now() }).execute();
      clock.set('2026-11-23T10:00:00Z');
    });
    after(() => t.close());

    test('the team makes a referral from the case page: problems named and input kept; sent at once', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${caseId}/onward-referrals`);
      assert.equal(page.status, 200);
      assert.match(page.body, /aria-current="page">Onward referrals/);
      assert.match(page.body, /Calder Vale CAMHS/);
      assert.match(page.body, /Made as draft/);
      const bad = await agent.post(`/cases/${caseId}/onward-referrals`, { reason: 'Kept reason text', action: 'send' });
      assert.equal(bad.status, 400);
      assert.match(bad.body, /There is a problem/);
      assert.match(bad.body, /Select the partner service to refer the person to/);
      assert.match(bad.body, /Kept reason text/);
      const sent = await agent.post(`/cases/${caseId}/onward-referrals`, { partnerOrganisationId: cmhtId, reason: 'Adult mental health review', action: 'send' });
      assert.equal(sent.status, 303);
      const id = /#referral-([0-9a-f-]{36})/.exec(sent.location ?? '')![1]!;
      const row = await referral(id);
      assert.equal(row.onward_state, 'sent');
      assert.equal(row.sent_on, '2026-11-23');
      const list = await agent.get(sent.location!);
      assert.match(list.body, /Referral sent/);
      assert.match(list.body, /Made as sent/);
      assert.ok((await t.services.audit.search({ personId, action: 'onward_referral.created' })).length >= 2);
    });

    test('the full path: draft, sent, accepted by the partner, waiting, first appointment, attended, engaged; each move in the timeline', async () => {
      const team = new Agent(t.app);
      await team.signIn('practitioner');
      const base = `/cases/${caseId}/onward-referrals/${draftId}`;
      let page = await team.get(base);
      assert.equal(page.status, 200);
      const sent = await team.post(`${base}/move`, moveForm('sent', '2026-11-03', {}, versionIn(page.body)));
      assert.equal(sent.status, 303, sent.body.slice(0, 300));

      const partner = new Agent(t.app);
      await partner.signIn('partner');
      const list = await partner.get('/partner/referrals');
      assert.equal(list.status, 200);
      assert.match(list.body, /Ottoline Marwood-Pike/);
      assert.match(list.body, /6 April 1994/);
      assert.match(list.body, /Needs help with anxiety and sleep/);
      let mine = `/partner/referrals/${draftId}`;
      for (const [to, on, extra] of [['accepted', '2026-11-05', {}], ['first_appointment_booked', '2026-11-10', postedDate('appointmentOn', '2026-11-20')], ['attended', '2026-11-20', {}], ['engaged', '2026-11-23', {}]] as const) {
        if (to === 'first_appointment_booked') {
          page = await team.get(base);
          assert.equal((await team.post(`${base}/move`, moveForm('waiting', '2026-11-06', {}, versionIn(page.body)))).status, 303);
        }
        page = await partner.get(mine);
        const moved = await partner.post(`${mine}/move`, moveForm(to, on, extra, versionIn(page.body)));
        assert.equal(moved.status, 303, `${to}: ${moved.body.slice(0, 200)}`);
      }
      const row = await referral(draftId);
      assert.equal(row.onward_state, 'engaged');
      assert.equal(row.sent_on, '2026-11-03');
      assert.equal(row.first_appointment_on, '2026-11-20');

      const [view] = (await t.services.onwardReferrals.forCase(nurse, caseId)).filter((r) => r.referral.id === draftId);
      assert.deepEqual(view!.timeline.map((e) => [e.fromState, e.toState, e.occurredOn]), [
        [null, 'draft', '2026-11-02'], ['draft', 'sent', '2026-11-03'], ['sent', 'accepted', '2026-11-05'], ['accepted', 'waiting', '2026-11-06'],
        ['waiting', 'first_appointment_booked', '2026-11-10'], ['first_appointment_booked', 'attended', '2026-11-20'], ['attended', 'engaged', '2026-11-23'],
      ]);
      assert.equal(view!.timeline[2]!.recordedByName, 'Fiona Greenwood');
      assert.deepEqual(view!.wait, { days: 17, stillWaiting: false });
      const casePage = await team.get(`/cases/${caseId}/onward-referrals`);
      assert.match(casePage.body, /Sent <span aria-hidden="true">→<\/span><span class="nhsuk-u-visually-hidden"> to<\/span> Accepted/);
      assert.match(casePage.body, new RegExp(`href="/cases/${caseId}/corrections/onward_referral_event/${view!.timeline[1]!.id}/occurred_on">Correct the date`));
      assert.ok((await t.services.audit.search({ personId, action: 'onward_referral.moved_by_partner' })).length >= 4);
      assert.ok((await t.services.audit.search({ personId, action: 'onward_referral.viewed' })).length >= 1, "the partner's reads are audited");
      assert.ok(!(await t.services.onwardReferrals.openForCase(caseId)).some((r) => r.id === draftId), 'an engaged referral is no longer open');
    });

    test('forbidden moves are refused with the current state named', async () => {
      const id = await t.services.onwardReferrals.create(nurse, caseId, { partnerOrganisationId: camhsId, reason: 'Second referral', send: false }, TEST_ORIGIN);
      await assert.rejects(t.services.onwardReferrals.move(nurse, id, 1, 'attended', { on: '2026-11-23' }, TEST_ORIGIN), (e: ValidationError) => /referral that is draft cannot be moved to attended/.test(e.fieldErrors.to ?? ''));
      await assert.rejects(t.services.onwardReferrals.move(nurse, draftId, (await referral(draftId)).version, 'withdrawn', { on: '2026-11-23', reason: 'Moved away' }, TEST_ORIGIN), (e: ValidationError) => /This referral is engaged/.test(e.fieldErrors.to ?? ''));
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${caseId}/onward-referrals/${id}`);
      const refused = await agent.post(`/cases/${caseId}/onward-referrals/${id}/move`, moveForm('attended', '2026-11-23', {}, versionIn(page.body)));
      assert.equal(refused.status, 400);
      assert.match(refused.body, /A referral that is draft cannot be moved to attended: select sent or withdrawn/);
      // The partner never sees a draft, let alone moves it.
      await assert.rejects(t.services.onwardReferrals.partnerMove(partnerActor, id, 1, 'accepted', { on: '2026-11-23' }, TEST_ORIGIN), NotFoundError);
      assert.equal((await referral(id)).onward_state, 'draft');
    });

    test('a decline needs a reason, a date may not be in the future or before the last change, and a stale form is a conflict', async () => {
      const id = await t.services.onwardReferrals.create(nurse, caseId, { partnerOrganisationId: camhsId, reason: 'Third referral', send: true }, TEST_ORIGIN);
      const partner = new Agent(t.app);
      await partner.signIn('partner');
      const url = `/partner/referrals/${id}`;
      const v = versionIn((await partner.get(url)).body);
      const noReason = await partner.post(`${url}/move`, moveForm('declined', '2026-11-23', {}, v));
      assert.equal(noReason.status, 400);
      assert.match(noReason.body, /Enter why the partner service declined the referral/);
      const future = await partner.post(`${url}/move`, moveForm('accepted', '2026-11-24', {}, v));
      assert.match(future.body, /Date of the change must be today or in the past/);
      const early = await partner.post(`${url}/move`, moveForm('accepted', '2026-11-22', {}, v));
      assert.match(early.body, /must not be before the referral&#39;s last change/);
      const halfDate = await partner.post(`${url}/move`, { to: 'accepted', 'on[day]': '23', 'on[month]': '', 'on[year]': '2026', version: v });
      assert.match(halfDate.body, /Date of the change must include a month/);
      assert.match(halfDate.body, /href="#on-month"/);
      await assert.rejects(t.services.onwardReferrals.partnerMove(partnerActor, id, Number(v), 'withdrawn', { on: '2026-11-23', reason: 'x' }, TEST_ORIGIN), ValidationError);
      assert.equal((await partner.post(`${url}/move`, moveForm('declined', '2026-11-23', { reason: 'Over 18: refer to adult services' }, v))).status, 303);
      const stale = await partner.post(`${url}/move`, moveForm('accepted', '2026-11-23', {}, v));
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else recorded a change to this referral while you were working on it: it is now declined/);
      assert.equal((await referral(id)).onward_state, 'declined');
    });

    test('sending needs consent to share with health and care partners', async () => {
      const other = await openCase(t.services, nurse, { givenName: 'Barnaby', familyName: 'Quennell' });
      await t.db.updateTable('screening').set({ consent: JSON.stringify({ assessment: { decision: 'given', decidedBy: '', notes: '' }, health_sharing: { decision: 'refused', decidedBy: '', notes: '' } }) }).where('referral_id', '=', other.referralId).execute();
      await assert.rejects(t.services.onwardReferrals.create(nurse, other.caseId, { partnerOrganisationId: camhsId, reason: 'Needs CAMHS', send: true }, TEST_ORIGIN), (e: ValidationError) => /Record their consent/.test(e.fieldErrors.consent ?? ''));
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const refused = await agent.post(`/cases/${other.caseId}/onward-referrals`, { partnerOrganisationId: camhsId, reason: 'Needs CAMHS', action: 'send' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /has not consented to sharing information with health and care partners/);
      const draft = await agent.post(`/cases/${other.caseId}/onward-referrals`, { partnerOrganisationId: camhsId, reason: 'Needs CAMHS', action: 'draft' });
      assert.equal(draft.status, 303);
      const id = /#referral-([0-9a-f-]{36})/.exec(draft.location ?? '')![1]!;
      await assert.rejects(t.services.onwardReferrals.move(nurse, id, 1, 'sent', { on: '2026-11-23' }, TEST_ORIGIN), (e: ValidationError) => /Record their consent/.test(e.fieldErrors.to ?? ''));
      assert.equal((await referral(id)).onward_state, 'draft');
    });

    test('a referral waiting longer than the partner usually takes is flagged', async () => {
      const row = await t.db.insertInto('onward_referral').values({ service_id: nurse.grant.serviceId!, case_id: caseId, person_id: personId, partner_organisation_id: cmhtId, reason: 'Long wait', onward_state: 'sent', sent_on: '2026-09-24', state_changed_on: '2026-09-24', created_by: nurse.userId }).returning('id').executeTakeFirstOrThrow();
      const [view] = (await t.services.onwardReferrals.forCase(nurse, caseId)).filter((r) => r.referral.id === row.id);
      assert.equal(view!.waitingTooLong, true);
      assert.deepEqual(view!.wait, { days: 60, stillWaiting: true });
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/cases/${caseId}/onward-referrals`);
      assert.match(page.body, /Waiting longer than usual \(typical wait 28 days\)/);
      assert.match(page.body, /60 days so far/);
    });

    test('interim support is recorded while waiting, and whether it was taken up updated', async () => {
      const id = await t.services.onwardReferrals.create(nurse, caseId, { partnerOrganisationId: camhsId, reason: 'Interim test', send: true }, TEST_ORIGIN);
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const base = `/cases/${caseId}/onward-referrals/${id}`;
      await agent.get(base);
      const missing = await agent.post(`${base}/interim-support`, { what: '', offeredBy: 'Pennine drop-in', ...postedDate('offeredOn', '2026-11-23'), takenUp: 'not_yet' });
      assert.equal(missing.status, 400);
      assert.match(missing.body, /Enter what support was offered/);
      assert.match(missing.body, /Pennine drop-in/);
      const saved = await agent.post(`${base}/interim-support`, { what: 'Weekly drop-in', offeredBy: "Pennine Women's Centre drop-in", ...postedDate('offeredOn', '2026-11-23'), takenUp: 'not_yet', interimNotes: 'Thursday mornings' });
      assert.equal(saved.status, 303);
      const [entry] = (await t.services.onwardReferrals.getForCase(nurse, caseId, id)).interimSupport;
      assert.equal(entry!.takenUp, 'not_yet');
      let page = await agent.get(saved.location!);
      assert.match(page.body, /Weekly drop-in/);
      assert.match(page.body, /Taken up: not yet/);
      assert.equal((await agent.post(`${base}/interim-support/${entry!.id}`, { takenUp: 'yes', notes: 'Went twice' })).status, 303);
      page = await agent.get(base);
      assert.match(page.body, /Taken up: yes/);
      assert.match(page.body, /Went twice/);
      assert.ok((await t.services.audit.search({ personId, action: 'interim_support.updated' })).length === 1);
      await assert.rejects(t.services.onwardReferrals.recordInterimSupport(nurse, draftId, { what: 'x', offeredBy: 'y', offeredOn: '2026-11-23', takenUp: 'no' }, TEST_ORIGIN), (e: ValidationError) => /engaged: interim support is recorded only while/.test(e.fieldErrors.what ?? ''));
    });

    test('once the case is closed the team makes no new referral and records no change; the closure sees what is still open', async () => {
      const other = await openCase(t.services, nurse, { givenName: 'Clemency', familyName: 'Quennell' });
      const id = await t.services.onwardReferrals.create(nurse, other.caseId, { partnerOrganisationId: camhsId, reason: 'Before closure', send: true }, TEST_ORIGIN);
      assert.deepEqual((await t.services.onwardReferrals.openForCase(other.caseId)).map((r) => r.id), [id]);
      await t.db.updateTable('case_episode').set({ case_status: 'closed', closed_on: '2026-11-23', closure_reason: 'other', closed_at: clock.now() }).where('id', '=', other.caseId).execute();
      await assert.rejects(t.services.onwardReferrals.move(nurse, id, 1, 'withdrawn', { on: '2026-11-23', reason: 'Closed' }, TEST_ORIGIN), (e: ValidationError) => /case is closed/.test(e.fieldErrors.to ?? ''));
      await assert.rejects(t.services.onwardReferrals.create(nurse, other.caseId, { partnerOrganisationId: camhsId, reason: 'After closure', send: false }, TEST_ORIGIN), (e: ValidationError) => /case is closed/.test(e.fieldErrors.form ?? ''));
      assert.deepEqual((await t.services.onwardReferrals.forCase(nurse, other.caseId))[0]!.nextStates, []);
    });

    test("the partner worker sees only their organisation's sent referrals, never clinical detail; others are refused", async () => {
      const cmhtReferral = await t.services.onwardReferrals.create(nurse, caseId, { partnerOrganisationId: cmhtId, reason: 'For the CMHT only', send: true }, TEST_ORIGIN);
      const partner = new Agent(t.app);
      await partner.signIn('partner');
      const list = await partner.get('/partner/referrals');
      assert.doesNotMatch(list.body, /For the CMHT only/);
      assert.doesNotMatch(list.body, /Second referral/, 'drafts are not shown');
      assert.equal((await partner.get(`/partner/referrals/${cmhtReferral}`)).status, 404);
      const detail = await partner.get(`/partner/referrals/${draftId}`);
      assert.equal(detail.status, 200);
      for (const secret of [/Zebedee-Quist/, /Marmalade-Hobb/, /Low mood/, /Correct the date/]) assert.doesNotMatch(detail.body, secret);
      assert.equal((await partner.get(`/cases/${caseId}/onward-referrals`)).status, 404);

      const elsewhere: Actor = { ...partnerActor, grant: { ...partnerActor.grant, partnerOrganisationId: cmhtId } };
      await assert.rejects(t.services.onwardReferrals.partnerGet(elsewhere, draftId, TEST_ORIGIN), NotFoundError);
      assert.ok((await t.services.onwardReferrals.partnerList(elsewhere, TEST_ORIGIN)).every((r) => r.partner.id === cmhtId));

      const custody = new Agent(t.app);
      await custody.signIn('custody-officer');
      assert.equal((await custody.get('/partner/referrals')).status, 403);
      assert.equal((await custody.get(`/partner/referrals/${draftId}`)).status, 404);
      assert.equal((await custody.get(`/cases/${caseId}/onward-referrals`)).status, 404);
      const support = new Agent(t.app);
      await support.signIn('support');
      assert.equal((await support.get(`/cases/${caseId}/onward-referrals/${draftId}`)).status, 404, 'a support worker sees only cases allocated to them');
    });
  });
}
