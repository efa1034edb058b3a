// The full assessment: started from the screen, drafts, completion with its checks, conflicts, safeguarding,
// whole-family work (a linked case for a family member), and who may use it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ASSESSMENT_DOMAINS } from '../../src/domain/assessment-form.js';
import type { Actor } from '../../src/domain/actor.js';

/** Every domain graded "no need", as a whole assessment needs. */
function allGraded(): Record<string, string> {
  return Object.fromEntries(ASSESSMENT_DOMAINS.map((d) => [`need-${d}`, 'none']));
}

const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

for (const engine of testEngines()) {
  describe(`assessment (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let caseId: string;
    let personId: string;
    let url: string;
    const agent = () => new Agent(t.app);
    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      ({ caseId, personId } = await openCase(t.services, nurse, { givenName: 'Ottoline', familyName: 'Marwood-Pike' }));
      url = `/cases/${caseId}/assessment`;
    });
    after(() => t.close());

    test('the assessment starts from what the screen found', async () => {
      const a = agent();
      await a.signIn('practitioner');
      const first = await a.get(url);
      assert.equal(first.status, 200);
      assert.match(first.body, /Start the assessment/);
      const started = await a.post(`${url}/start`);
      assert.equal(started.status, 303);
      const page = await a.get(started.location!);
      assert.equal(page.status, 200);
      assert.match(page.body, /Assessment started from the screen/);
      assert.match(page.body, /The screen found: Need identified \(Low mood\)/);
      assert.match(page.body, /<textarea[^>]*id="evidence-mental_health"[^>]*>At screening: Low mood<\/textarea>/);
      assert.match(page.body, /aria-current="page">Assessment/);
      const { assessment } = await t.services.assessments.forCase(nurse, caseId);
      assert.deepEqual(assessment?.needs.mental_health, { need: null, evidence: 'At screening: Low mood', wants: '' });
      assert.equal(assessment?.assessment_status, 'draft');
      const viewed = await t.services.audit.search({ personId, action: 'assessment.viewed' });
      assert.ok(viewed.length >= 2, 'each read of the assessment is audited');
      // Starting again returns the same assessment.
      assert.equal((await t.services.assessments.start(nurse, caseId, TEST_ORIGIN)).id, assessment?.id);
    });

    test('a draft keeps its answers; completing with gaps names each gap and keeps the input; a stale version is refused', async () => {
      const a = agent();
      await a.signIn('practitioner');
      let page = await a.get(url);
      const version = versionOf(page.body);
      const draft = await a.post(url, {
        version, safeguardingRows: '2', action: 'draft',
        'need-housing': 'medium', 'evidence-housing': 'Sofa-surfing at a friend\'s flat', 'wants-housing': 'A place of my own',
        strengths: 'Plays five-a-side every week', riskToSelf: '', riskToOthers: '', riskLevel: '',
        'safeguarding-1-concern': 'child_at_risk', 'safeguarding-1-details': 'Younger brother left alone at night', 'safeguarding-1-actionTaken': '',
      });
      assert.equal(draft.status, 303);
      page = await a.get(draft.location!);
      assert.match(page.body, /Assessment saved as a draft/);
      assert.match(page.body, /value="medium" checked/);
      assert.match(page.body, /Sofa-surfing at a friend&#39;s flat/);
      assert.match(page.body, /Plays five-a-side every week/);
      // The concern posted in the second row is kept as the first, with a warning that no action is recorded.
      assert.match(page.body, /<textarea[^>]*id="safeguarding-0-details"[^>]*>Younger brother left alone at night<\/textarea>/);
      assert.match(page.body, /Safeguarding action not recorded/);
      assert.match(page.body, /name="safeguardingRows" value="3"/);

      const current = versionOf(page.body);
      const gaps = await a.post(url, { version: current, safeguardingRows: '3', action: 'complete', 'need-housing': 'high', 'evidence-housing': '', strengths: 'Kept strengths text' });
      assert.equal(gaps.status, 400);
      assert.match(gaps.body, /There is a problem/);
      assert.match(gaps.body, /Select the level of need for autism/);
      assert.match(gaps.body, /href="#need-autism"/);
      assert.match(gaps.body, /Enter the evidence for a high need in housing/);
      assert.match(gaps.body, /Select the risk level: low, medium or high/);
      assert.match(gaps.body, /Kept strengths text/);
      const { assessment } = await t.services.assessments.forCase(nurse, caseId);
      assert.equal(assessment?.assessment_status, 'draft');
      assert.equal(assessment?.strengths, 'Plays five-a-side every week', 'nothing saved from a refused completion');

      const stale = await a.post(url, { version, safeguardingRows: '2', action: 'draft', strengths: 'My answer written on an old copy' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else saved this assessment while you were working on it/);
      assert.match(stale.body, /My answer written on an old copy/);
      assert.equal(versionOf(stale.body), String(assessment?.version), 'the form now carries the latest version');
    });

    test('a safeguarding concern without an action taken stops completion; a whole assessment completes and is read-only', async () => {
      const a = agent();
      await a.signIn('practitioner');
      const page = await a.get(url);
      const whole = { ...allGraded(), 'need-housing': 'medium', 'evidence-housing': 'Sofa-surfing', riskLevel: 'medium', riskToSelf: 'Low mood, no plans to harm himself', strengths: 'Plays football', safeguardingRows: '3' };
      const refused = await a.post(url, { ...whole, version: versionOf(page.body), action: 'complete', 'safeguarding-0-concern': 'child_at_risk', 'safeguarding-0-details': 'Younger brother left alone at night' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /Enter the action taken on safeguarding concern 1/);
      assert.match(refused.body, /href="#safeguarding-0-actionTaken"/);

      const done = await a.post(url, { ...whole, version: versionOf(page.body), action: 'complete', 'safeguarding-0-concern': 'child_at_risk', 'safeguarding-0-details': 'Younger brother left alone at night', 'safeguarding-0-actionTaken': "Referred to children's social care the same day" });
      assert.equal(done.status, 303);
      const { assessment } = await t.services.assessments.forCase(nurse, caseId);
      assert.equal(assessment?.assessment_status, 'completed');
      assert.equal(assessment?.risk_level, 'medium');
      assert.deepEqual(assessment?.safeguarding, [{ concern: 'child_at_risk', details: 'Younger brother left alone at night', actionTaken: "Referred to children's social care the same day" }]);
      const shown = await a.get(done.location!);
      assert.match(shown.body, /Assessment completed/);
      assert.doesNotMatch(shown.body, /id="assessment-form"/);
      assert.match(shown.body, /Referred to children&#39;s social care the same day/);
      for (const field of ['strengths', 'risk_level', 'risk_to_self', 'risk_to_others']) assert.match(shown.body, new RegExp(`href="/cases/${caseId}/corrections/assessment/${assessment!.id}/${field}"`));
      assert.equal((await t.services.audit.search({ personId, action: 'assessment.completed' })).length, 1);
      assert.ok((await t.services.audit.search({ personId, action: 'assessment.saved' })).length >= 1);
      const again = await a.post(url, { ...whole, version: String(assessment!.version), action: 'draft' });
      assert.equal(again.status, 400);
      assert.match(again.body, /This assessment is complete/);
    });

    test('a linked case is opened for a family member, shows on their record, and is not opened twice', async () => {
      const sibling = await t.services.people.create(nurse, {
        givenName: 'Perpetua', familyName: 'Marwood-Pike', preferredName: '', dateOfBirth: '2011-02-09', sex: 'female', genderIdentity: '', ethnicityCode: '',
        firstLanguage: '', interpreterNeeded: false, address: '', postcode: '', phone: '', email: '', nhsNumber: null, pncId: null, probationCrn: '',
        isVeteran: false, isCareLeaver: false, knownRisk: '',
      }, 'new-after-checking', TEST_ORIGIN);
      // Recorded on the sibling's side: the assessment reads links in both directions.
      await t.services.people.addLink(nurse, sibling.id, personId, 'sibling', TEST_ORIGIN);
      const a = agent();
      await a.signIn('practitioner');
      const page = await a.get(url);
      assert.match(page.body, /Perpetua Marwood-Pike/);
      assert.match(page.body, new RegExp(`action="/cases/${caseId}/assessment/family/${sibling.id}/linked-case"`));

      const opened = await a.post(`${url}/family/${sibling.id}/linked-case`);
      assert.equal(opened.status, 303);
      const newCaseId = /opened=([0-9a-f-]{36})/.exec(opened.location ?? '')?.[1];
      assert.ok(newCaseId);
      const linked = await t.db.selectFrom('case_episode').selectAll().where('id', '=', newCaseId).executeTakeFirstOrThrow();
      assert.equal(linked.person_id, sibling.id);
      assert.equal(linked.linked_from_case_id, caseId);
      assert.equal(linked.referral_id, null);
      assert.equal(linked.opened_by, nurse.userId);
      assert.equal(linked.case_status, 'open');
      const banner = await a.get(opened.location!);
      assert.match(banner.body, /Case opened for Perpetua Marwood-Pike/);
      const events = await t.services.audit.search({ personId: sibling.id, action: 'case.linked_opened' });
      assert.equal(events.length, 1);

      const record = await a.get(`/people/${sibling.id}`);
      assert.match(record.body, new RegExp(`href="/cases/${newCaseId}"`));
      const summary = await a.get(`/cases/${newCaseId}`);
      assert.match(summary.body, new RegExp(`Opened for a family member, from <a href="/cases/${caseId}"`));
      // The family member's own assessment starts blank: there was no screen.
      const start = await a.post(`/cases/${newCaseId}/assessment/start`);
      assert.equal(start.status, 303);

      const twice = await a.post(`${url}/family/${sibling.id}/linked-case`);
      assert.equal(twice.status, 409);
      assert.match(twice.body, /Perpetua Marwood-Pike already has an open case/);
      assert.match(twice.body, new RegExp(`href="/cases/${newCaseId}"`));
      const count = await t.db.selectFrom('case_episode').select('id').where('person_id', '=', sibling.id).execute();
      assert.equal(count.length, 1);

      // Someone not linked to the person is not a family member.
      const stranger = await a.post(`${url}/family/${nurse.userId}/linked-case`);
      assert.equal(stranger.status, 404);
    });

    test('a volunteer is refused; a support worker sees only cases allocated to them', async () => {
      const volunteer = agent();
      await volunteer.signIn('volunteer');
      assert.equal((await volunteer.get(url)).status, 404);
      assert.equal((await volunteer.post(`${url}/start`)).status, 404);
      const support = agent();
      await support.signIn('support');
      assert.equal((await support.get(url)).status, 404);
      assert.equal((await support.post(url, { version: '1', action: 'draft' })).status, 404);
      const other = await openCase(t.services, nurse, { givenName: 'Barnaby', familyName: 'Quennell-Stroud' });
      assert.equal((await support.post(`/cases/${other.caseId}/assessment/start`)).status, 404);
      assert.equal(await t.db.selectFrom('assessment').select('id').where('case_id', '=', other.caseId).executeTakeFirst(), undefined);
      // Allocated to them, the support worker may work on it.
      const callum = await actorFor(t.services, 'support');
      await t.db.updateTable('case_episode').set({ allocated_to: callum.userId, allocated_at: clock.now() }).where('id', '=', other.caseId).execute();
      assert.equal((await support.post(`/cases/${other.caseId}/assessment/start`)).status, 303);
      assert.equal((await support.get(`/cases/${other.caseId}/assessment`)).status, 200);
    });
  });
}
