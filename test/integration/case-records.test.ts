// A case opened from a screen: who may read it (support workers only their own), its summary page, its clock before a plan.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { NotFoundError } from '../../src/services/errors.js';

for (const engine of testEngines()) {
  describe(`case records (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let caseId: string;
    let personId: string;
    before(async () => {
      t = await startTestApp(engine, { clock });
      const nurse = await actorFor(t.services, 'practitioner');
      ({ caseId, personId } = await openCase(t.services, nurse, { givenName: 'Ottilie', familyName: 'Quennell' }));
    });
    after(() => t.close());

    test('the team reads the case; the read is audited; the plan clock has not started', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      const page = await nurse.get(`/cases/${caseId}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /Ottilie Quennell/);
      assert.match(page.body, /12-week clock starts when the plan is agreed/);
      assert.match(page.body, /aria-current="page">Summary/);
      const events = await t.services.audit.search({ personId, action: 'case.viewed' });
      assert.ok(events.length >= 1, 'reading the case is audited');
      const person = await nurse.get(`/people/${personId}`);
      assert.match(person.body, new RegExp(`href="/cases/${caseId}"`));
    });

    test('a new referral screened for full assessment while a case is open joins that case', async () => {
      const nurse = await actorFor(t.services, 'practitioner');
      const referral = await t.services.referrals.create(nurse, {
        siteId: (await t.services.cases.header(nurse, caseId)).referral!.site_id, givenName: 'Ottilie', familyName: 'Quennell', dateOfBirth: '1990-05-17', source: 'court_staff', referrerName: '', referrerRole: '',
        arrivedAt: null, referredAt: t.services.clock.now(), reasonForConcern: 'Seen again at court, distressed', offenceCategory: 'theft', victimInvolved: 'no', custodyStatus: 'at_court', custodyRecordNumber: '', courtCaseReference: '', urgency: 'routine',
      }, TEST_ORIGIN);
      await t.services.referrals.linkPerson(nurse, referral.id, personId, TEST_ORIGIN);
      const screening = await t.services.screenings.open(nurse, referral.id, TEST_ORIGIN);
      const consent = { decision: 'given', decidedBy: '', notes: '' };
      const { caseId: joined } = await t.services.screenings.save(nurse, referral.id, screening.version, {
        findings: { mental_health: { finding: 'identified', notes: '' } }, consent: { assessment: consent, justice_sharing: consent, health_sharing: consent }, childPathway: null, outcome: 'full_assessment', urgency: 'routine', riskInCustody: '', notes: '',
      } as never, true, TEST_ORIGIN);
      assert.equal(joined, caseId);
      assert.equal((await t.services.cases.forPerson(nurse, personId)).length, 1);
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      assert.match((await agent.get(`/referrals/${referral.id}`)).body, new RegExp(`href="/cases/${caseId}" id="open-case-link"`));
    });

    test('a support worker sees only cases allocated to them; others outside the team are refused', async () => {
      const support = await actorFor(t.services, 'support');
      await assert.rejects(t.services.cases.get(support, caseId), NotFoundError);
      const agent = new Agent(t.app);
      await agent.signIn('support');
      assert.equal((await agent.get(`/cases/${caseId}`)).status, 404);
      const volunteer = new Agent(t.app);
      await volunteer.signIn('volunteer');
      assert.equal((await volunteer.get(`/cases/${caseId}`)).status, 404);
      const other = await actorFor(t.services, 'nurse.ayo');
      await assert.rejects(t.services.cases.view(other, caseId, TEST_ORIGIN), NotFoundError);
      assert.equal((await agent.get('/cases/not-a-uuid')).status, 404);
    });
  });
}
