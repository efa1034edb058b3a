// Advice to custody: given on a referral, shared at once as a 'custody_advice' disclosure to the staff of the referral's
// site with its exact text; refused without consent; on a legal basis, at once for a manager and after approval otherwise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';
import type { CustodyAdviceGiven } from '../../src/services/justice/custody-advice.js';

const EXPECTED_TEXT = [
  'Fit for interview: Fit for interview with support — Needs breaks every 30 minutes',
  'Appropriate adult needed: Yes',
  'Risk in custody: High. How to manage it: Constant observation; remove his belt',
  'Healthcare professional review needed: Yes — Has not had his insulin since this morning',
  'Suggested referral: Calder Vale Recovery Hub',
].join('\n');

const adviceForm = {
  fitForInterview: 'fit_with_support', fitnessNotes: 'Needs breaks every 30 minutes', appropriateAdultNeeded: 'yes', riskLevel: 'high',
  riskManagement: 'Constant observation; remove his belt', healthcareReviewNeeded: 'yes', healthcareReviewReason: 'Has not had his insulin since this morning',
  suggestedReferral: 'Calder Vale Recovery Hub', basis: 'consent',
};

const advice = (over: Partial<CustodyAdviceGiven> = {}): CustodyAdviceGiven => ({
  fitForInterview: 'fit', fitnessNotes: '', appropriateAdultNeeded: false, riskLevel: 'low', riskManagement: '', healthcareReviewNeeded: false,
  healthcareReviewReason: '', suggestedReferral: '', basis: 'consent', legalBasis: null, legalBasisReason: '', ...over,
});

for (const engine of testEngines()) {
  describe(`custody advice (${engine})`, () => {
    const clock = fixedClock('2026-11-24T02:30:00Z');
    let t: TestApp;
    let nurse: Actor;
    let manager: Actor;

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
    });
    after(() => t.close());

    test('advice given on a referral is shared at once with the custody staff of its site, with the exact text', async () => {
      const { referralId, personId, caseId } = await openCase(t.services, nurse, { givenName: 'Barnabas', familyName: 'Fettiplace' });
      const site = (await t.services.sites.listForService(nurse.grant.serviceId!)).find((s) => s.site_kind === 'custody_suite')!;
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const referralPage = await agent.get(`/referrals/${referralId}`);
      assert.match(referralPage.body, /No advice has been given to custody on this referral\./);
      assert.ok(referralPage.body.includes(`href="/referrals/${referralId}/custody-advice"`));

      const form = await agent.get(`/referrals/${referralId}/custody-advice`);
      assert.equal(form.status, 200);
      assert.match(form.body, /Consent to share with justice agencies: given on 24 November 2026/);
      const res = await agent.post(`/referrals/${referralId}/custody-advice`, adviceForm);
      assert.equal(res.status, 303);
      assert.equal(res.location, `/referrals/${referralId}?saved=custody-advice#custody-advice`);

      const [shared] = await t.services.disclosures.forPerson(nurse, personId);
      assert.ok(shared);
      assert.equal(shared.disclosure_kind, 'custody_advice');
      assert.equal(shared.disclosure_status, 'disclosed');
      assert.equal(shared.recipient, 'custody');
      assert.equal(shared.recipient_name, `Custody staff, ${site.name}`);
      assert.equal(shared.site_id, site.id);
      assert.equal(shared.referral_id, referralId);
      assert.equal(shared.case_id, caseId, 'the case opened from the referral lists it too');
      assert.equal(shared.content, EXPECTED_TEXT);
      assert.equal(shared.purpose, 'Advice to custody on fitness for interview, an appropriate adult and risk in custody');
      assert.equal(shared.disclosed_at?.toISOString(), '2026-11-24T02:30:00.000Z');

      const [given] = await t.services.custodyAdvice.forReferral(nurse, referralId);
      assert.ok(given);
      assert.equal(given.disclosureId, shared.id);
      assert.equal(given.fitForInterviewLabel, 'Fit for interview with support');
      assert.equal(given.riskLevelLabel, 'High');
      assert.equal(given.appropriateAdultNeeded, true);
      assert.equal(given.statusLabel, 'Shared');
      const row = await t.db.selectFrom('custody_advice').selectAll().where('id', '=', given.id).executeTakeFirstOrThrow();
      assert.equal(row.site_id, site.id);
      assert.equal(row.healthcare_review_reason, 'Has not had his insulin since this morning');
      assert.equal(row.given_by, nurse.userId);

      const after = await agent.get(res.location!);
      assert.match(after.body, new RegExp(`Advice shared with the staff of ${site.name}`));
      assert.match(after.body, /Risk in custody: High\. How to manage it: Constant observation; remove his belt/);
      assert.match(after.body, /Fit for interview: Fit for interview with support — Needs breaks every 30 minutes<br \/>/);

      const actions = (await t.services.audit.search({ personId })).map((e) => e.action);
      assert.ok(actions.includes('custody_advice.given'));
      assert.ok(actions.includes('disclosure.shared'));
    });

    test('advice on a court referral goes to that court’s staff', async () => {
      const { referralId } = await openCase(t.services, nurse, { givenName: 'Clementine', familyName: 'Aldersey', siteCode: 'CV-MC1' });
      const court = (await t.services.sites.listForService(nurse.grant.serviceId!)).find((s) => s.code === 'CV-MC1')!;
      const given = await t.services.custodyAdvice.give(nurse, referralId, advice(), TEST_ORIGIN);
      assert.equal(given.status, 'disclosed');
      const [row] = await t.services.custodyAdvice.forReferral(nurse, referralId);
      assert.equal(row!.recipientName, `Court staff, ${court.name}`);
      const disclosure = await t.db.selectFrom('disclosure').selectAll().where('id', '=', given.disclosureId).executeTakeFirstOrThrow();
      assert.equal(disclosure.recipient, 'court');
      assert.equal(disclosure.site_id, court.id);
      assert.equal(disclosure.content, 'Fit for interview: Fit for interview\nAppropriate adult needed: No\nRisk in custody: Low\nHealthcare professional review needed: No');
    });

    test('without consent, advice on consent is refused saying why; the form names each field and keeps the input', async () => {
      const { referralId, personId } = await openCase(t.services, nurse, { givenName: 'Evander', familyName: 'Scrope-Mallory', justiceSharing: 'refused' });
      await assert.rejects(
        t.services.custodyAdvice.give(nurse, referralId, advice(), TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /The person refused consent to sharing with justice agencies/.test(e.fieldErrors.basis ?? ''),
      );
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const form = await agent.get(`/referrals/${referralId}/custody-advice`);
      assert.match(form.body, /Consent to share with justice agencies: refused on 24 November 2026/);
      const res = await agent.post(`/referrals/${referralId}/custody-advice`, { fitForInterview: 'not_fit', fitnessNotes: '', riskLevel: 'medium', riskManagement: '', suggestedReferral: 'Kept suggestion', basis: 'consent' });
      assert.equal(res.status, 400);
      assert.match(res.body, /<a href="#fitnessNotes">\s*Say why the person is not fit for interview/);
      assert.match(res.body, /<a href="#appropriateAdultNeeded">\s*Select whether an appropriate adult is needed/);
      assert.match(res.body, /<a href="#riskManagement">\s*Say how to manage a medium risk in custody/);
      assert.match(res.body, /<a href="#healthcareReviewNeeded">\s*Select whether a healthcare professional review is needed/);
      assert.match(res.body, /<a href="#basis">\s*The person refused consent to sharing with justice agencies/);
      assert.ok(res.body.indexOf('href="#fitnessNotes"') < res.body.indexOf('href="#basis"'), 'errors in the order of the form');
      assert.match(res.body, /Kept suggestion/);
      assert.match(res.body, /value="not_fit" checked/);
      assert.deepEqual(await t.services.disclosures.forPerson(nurse, personId), [], 'nothing is shared');
      assert.deepEqual(await t.services.custodyAdvice.forReferral(nurse, referralId), []);
    });

    test('on a legal basis, a manager’s advice is shared at once; a practitioner’s waits for approval', async () => {
      const { referralId } = await openCase(t.services, nurse, { givenName: 'Ottoline', familyName: 'Brackenbury', justiceSharing: 'lacks_capacity' });
      const legal = { basis: 'legal_basis', legalBasis: 'serious_harm', legalBasisReason: 'Lacks capacity; at risk of self-harm in the cell' } as const;
      const byManager = await t.services.custodyAdvice.give(manager, referralId, advice({ riskLevel: 'high', riskManagement: 'Constant observation', ...legal }), TEST_ORIGIN);
      assert.equal(byManager.status, 'disclosed');
      const disclosure = await t.db.selectFrom('disclosure').selectAll().where('id', '=', byManager.disclosureId).executeTakeFirstOrThrow();
      assert.equal(disclosure.decided_by, manager.userId);
      assert.equal(disclosure.legal_basis, 'serious_harm');
      assert.equal(disclosure.disclosure_kind, 'custody_advice');

      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      await agent.get(`/referrals/${referralId}/custody-advice`);
      const res = await agent.post(`/referrals/${referralId}/custody-advice`, { ...adviceForm, ...legal });
      assert.equal(res.status, 303);
      assert.match(res.location ?? '', /saved=custody-advice-awaiting/);
      const page = await agent.get(res.location!);
      assert.match(page.body, /waiting for a team manager’s approval before the staff of/);
      const [latest, first] = await t.services.custodyAdvice.forReferral(nurse, referralId);
      assert.equal(latest!.status, 'awaiting_approval');
      assert.equal(first!.status, 'disclosed');
      assert.ok((await t.services.disclosures.awaitingApproval(manager)).some((d) => d.id === latest!.disclosureId));
    });

    test('only practitioners and team managers give advice, on a referral of their service that has a person', async () => {
      const { referralId } = await openCase(t.services, nurse, { givenName: 'Peregrine', familyName: 'Stallybrass' });
      for (const username of ['support', 'custody-officer', 'partner', 'volunteer']) {
        await assert.rejects(t.services.custodyAdvice.give(await actorFor(t.services, username), referralId, advice(), TEST_ORIGIN), ForbiddenError, username);
        const agent = new Agent(t.app);
        await agent.signIn(username);
        assert.equal((await agent.get(`/referrals/${referralId}/custody-advice`)).status, username === 'support' ? 403 : 404, username);
      }
      const support = new Agent(t.app);
      await support.signIn('support');
      assert.ok(!(await support.get(`/referrals/${referralId}`)).body.includes('/custody-advice"'), 'a support worker is not offered the form');

      await assert.rejects(t.services.custodyAdvice.give(await actorFor(t.services, 'nurse.ayo'), referralId, advice(), TEST_ORIGIN), NotFoundError);
      await assert.rejects(t.services.custodyAdvice.give(nurse, 'not-a-referral', advice(), TEST_ORIGIN), NotFoundError);

      const site = (await t.services.sites.listForService(nurse.grant.serviceId!)).find((s) => s.site_kind === 'custody_suite')!;
      const unmatched = await t.services.referrals.create(nurse, {
        siteId: site.id, givenName: 'Unmatched', familyName: 'Quarrendon', dateOfBirth: '1979-03-02', source: 'custody_staff', referrerName: '', referrerRole: '',
        arrivedAt: null, referredAt: clock.now(), reasonForConcern: 'Confused', offenceCategory: 'theft', victimInvolved: 'no', custodyStatus: 'in_custody',
        custodyRecordNumber: '', courtCaseReference: '', urgency: 'routine',
      }, TEST_ORIGIN);
      await assert.rejects(t.services.custodyAdvice.give(nurse, unmatched.id, advice(), TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /Match the referral to a person/.test(e.fieldErrors.form ?? ''));
      assert.equal((await t.db.selectFrom('custody_advice').select('id').where('referral_id', '=', referralId).execute()).length, 0);
    });
  });
}
