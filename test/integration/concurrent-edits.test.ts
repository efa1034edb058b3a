// Two workers save the same record: the second is shown both versions side by side, nothing is lost or silently
// overwritten, and saving again having seen the other version replaces it, with both changes in the audit trail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, type TestApp } from '../support/app.js';
import { assertConflictPage, auditedBy, twoPractitioners, versionOf, whatChanged } from '../support/conflicts.js';
import { testEngines } from '../support/database.js';
import { custodyReferral, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import type { Actor } from '../../src/domain/actor.js';

for (const engine of testEngines()) {
  describe(`concurrent edits (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let hannah: Actor;
    /** Two practitioners of the same service, each in their own browser. */
    let first: Agent;
    let second: Agent;
    before(async () => {
      ({ t, hannah, first, second } = await twoPractitioners(engine, clock));
    });
    after(() => t.close());

    test('person details: the second save shows both versions, keeps the first, and saves once repeated', async () => {
      const created = await t.services.people.create(hannah, {
        givenName: 'Tobias', familyName: 'Vantongeren', preferredName: '', dateOfBirth: '1991-04-06', sex: 'male', genderIdentity: '', ethnicityCode: 'A',
        firstLanguage: '', interpreterNeeded: false, address: '4 Weir Street', postcode: '', phone: '', email: '', nhsNumber: null, pncId: null,
        probationCrn: '', isVeteran: false, isCareLeaver: false, knownRisk: '',
      }, 'new-after-checking', TEST_ORIGIN);
      const url = `/people/${created.id}/edit`;
      const form = (version: string, changes: Record<string, string>) => ({
        version, givenName: 'Tobias', familyName: 'Vantongeren', 'dateOfBirth[day]': '6', 'dateOfBirth[month]': '4', 'dateOfBirth[year]': '1991',
        sex: 'male', ethnicityCode: 'A', address: '4 Weir Street', nhsNumber: '', pncId: '', ...changes,
      });
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version, 'both read the same version');

      assert.equal((await first.post(url, form(version, { address: '1 Mill Lane', isVeteran: 'yes' }))).status, 303);
      const stale = await second.post(url, form(version, { address: '22 Canal Street', 'dateOfBirth[day]': '16', nhsNumber: '9990000018' }));
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else changed these details while you were editing/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Address'), ['1 Mill Lane', '22 Canal Street']);
      assert.deepEqual(rows.get('Date of birth'), ['6 April 1991', '16 April 1991']);
      assert.deepEqual(rows.get('NHS number'), ['Not given', '999 000 0018']);
      assert.deepEqual(rows.get('Veteran of the armed forces'), ['Yes', 'No']);
      assert.ok(!rows.has('First name') && !rows.has('Sex'), 'only the answers that differ are listed');
      assert.match(stale.body, /<textarea[^>]*id="address"[^>]*>22 Canal Street<\/textarea>/, 'their typed answers stay in the form');
      assert.match(stale.body, /name="dateOfBirth\[day\]" type="text" value="16"|value="16"/);
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1, 'the form now carries the latest version');
      assert.equal((await t.services.people.get(hannah, created.id)).address, '1 Mill Lane', 'nothing overwritten');

      assert.equal((await second.post(url, form(latest, { address: '22 Canal Street', 'dateOfBirth[day]': '16', nhsNumber: '9990000018' }))).status, 303);
      const now = await t.services.people.get(hannah, created.id);
      assert.equal(now.address, '22 Canal Street');
      assert.equal(now.date_of_birth, '1991-04-16');
      assert.equal(now.nhs_number, '9990000018');
      assert.deepEqual(await auditedBy(t, created.id, 'person.updated'), ['practitioner', 'slt.imogen']);
    });

    test('screening: the second save shows both versions, keeps the first, and saves once repeated', async () => {
      const { referral } = await custodyReferral(t.services, hannah, { givenName: 'Wren', familyName: 'Ashdown-Pike', dateOfBirth: '1988-09-02', reasonForConcern: 'Not sleeping' });
      const person = await t.services.referrals.recordNewPerson(hannah, referral.id, null, TEST_ORIGIN);
      const url = `/referrals/${referral.id}/screen`;
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version);

      const draft = { action: 'draft', urgency: 'routine', 'consent-assessment': 'given' };
      assert.equal((await first.post(url, { ...draft, version, 'finding-mental_health': 'identified', 'notes-mental_health': 'Hears voices at night' })).status, 303);
      const typed = { ...draft, urgency: 'urgent', 'finding-mental_health': 'suspected', 'notes-mental_health': 'Sleeping poorly for weeks', 'consent-assessment': 'not_asked' };
      const stale = await second.post(url, { ...typed, version });
      assertConflictPage(stale);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Mental health'), ['Need identified', 'Need suspected']);
      assert.deepEqual(rows.get('Notes on mental health'), ['Hears voices at night', 'Sleeping poorly for weeks']);
      assert.deepEqual(rows.get('Urgency'), ['Routine', 'Urgent']);
      assert.deepEqual(rows.get('Being assessed by the team'), ['Consent given', 'Not asked yet']);
      assert.ok(!rows.has('Substance use'), 'a need neither answered is not listed');
      assert.match(stale.body, /id="notes-mental_health"[^>]*value="Sleeping poorly for weeks"|value="Sleeping poorly for weeks"[^>]*id="notes-mental_health"/);
      assert.match(stale.body, /value="suspected" checked/);
      const stored = async () => (await t.services.screenings.forReferral(hannah, referral.id))!;
      assert.equal((await stored()).findings.mental_health?.notes, 'Hears voices at night', 'nothing overwritten');

      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1);
      assert.equal((await second.post(url, { ...typed, version: latest })).status, 303);
      const now = await stored();
      assert.deepEqual(now.findings.mental_health, { finding: 'suspected', notes: 'Sleeping poorly for weeks' });
      assert.equal(now.urgency, 'urgent');
      assert.deepEqual(await auditedBy(t, person.id, 'screening.saved'), ['practitioner', 'slt.imogen']);
    });

    test('assessment: the second save shows both versions, long text whole, keeps the first, and saves once repeated', async () => {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName: 'Ilse', familyName: 'Brackenbury' });
      await t.services.assessments.start(hannah, caseId, TEST_ORIGIN);
      const url = `/cases/${caseId}/assessment`;
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version);

      const base = { action: 'draft', safeguardingRows: '2', 'need-mental_health': 'medium', 'evidence-mental_health': 'Low mood' };
      assert.equal((await first.post(url, { ...base, version, strengths: 'Plays five-a-side every week', riskLevel: 'low' })).status, 303);
      const longRisk = `${'Has cut himself twice this autumn, both times after arguments at home. '.repeat(25)}Safety plan agreed.`;
      const typed = { ...base, strengths: 'Volunteers at the food bank', riskLevel: 'medium', riskToSelf: longRisk, 'safeguarding-0-concern': 'child_at_risk', 'safeguarding-0-details': 'Younger sister alone at night' };
      const stale = await second.post(url, { ...typed, version });
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else saved this assessment while you were working on it/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('What is going well for the person: skills, interests, people who support them'), ['Plays five-a-side every week', 'Volunteers at the food bank']);
      assert.deepEqual(rows.get('Risk level'), ['Low', 'Medium']);
      assert.deepEqual(rows.get('Risk to self'), ['Not given', longRisk.trim()], 'long text is shown whole');
      assert.deepEqual(rows.get('Safeguarding concern 1 – Who is at risk?'), ['Not given', 'A child at risk']);
      assert.deepEqual(rows.get('Safeguarding concern 1 – Details'), ['Not given', 'Younger sister alone at night']);
      assert.ok(!rows.has('Mental health – Level of need'), 'an answer both gave alike is not listed');
      assert.match(stale.body, /<textarea[^>]*id="strengths"[^>]*>Volunteers at the food bank<\/textarea>/);
      const stored = async () => (await t.services.assessments.forCase(hannah, caseId)).assessment!;
      assert.equal((await stored()).strengths, 'Plays five-a-side every week', 'nothing overwritten');

      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1);
      assert.equal((await second.post(url, { ...typed, version: latest })).status, 303);
      const now = await stored();
      assert.equal(now.strengths, 'Volunteers at the food bank');
      assert.equal(now.risk_level, 'medium');
      assert.equal(now.risk_to_self, longRisk.trim());
      assert.deepEqual(await auditedBy(t, personId, 'assessment.saved'), ['practitioner', 'slt.imogen']);
    });

    test('support plan: two workers write a new plan; the second is shown both, keeps the first, and saves once repeated', async () => {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName: 'Bram', familyName: 'Quennell-Hart', offenceCategory: 'theft' });
      const shopTheft = (await t.services.interventions.list(hannah, { activeOnly: true })).find((e) => e.name === 'Shop theft session')!.id;
      const url = `/cases/${caseId}/plan`;
      const version = versionOf((await first.get(url)).body);
      assert.equal(version, '0');
      assert.equal(versionOf((await second.get(url)).body), version);

      const plan = (v: string, goal: string, exit: string, extra: Record<string, string> = {}) => ({ version: v, action: 'save', reviewSlots: '1', 'goal-1': goal, exitStrategy: exit, ...extra });
      assert.equal((await first.post(url, plan(version, 'Get back to college', 'Engaged with talking therapies by week 12'))).status, 303);
      const typed = (v: string) => plan(v, 'Stop shoplifting', 'Engaged with talking therapies by week 12', { [`intervention-${shopTheft}`]: 'yes', [`rationale-${shopTheft}`]: 'First shop theft offence' });
      const stale = await second.post(url, typed(version));
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else saved this plan while you were working on it/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Goal 1'), ['Get back to college', 'Stop shoplifting']);
      assert.deepEqual(rows.get('Shop theft session'), ['Not in the plan', 'In the plan']);
      assert.deepEqual(rows.get('Why Shop theft session is proportionate to the offence and meets their needs'), ['Not given', 'First shop theft offence']);
      assert.ok(!rows.has('Exit strategy'), 'the same exit strategy is not listed');
      assert.match(stale.body, /id="goal-1"[^>]*value="Stop shoplifting"|value="Stop shoplifting"[^>]*id="goal-1"/);
      const stored = async () => t.db.selectFrom('support_plan').select(['goals', 'version']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
      assert.deepEqual((await stored()).goals, ['Get back to college'], 'nothing overwritten');

      const latest = versionOf(stale.body);
      assert.equal(latest, '1');
      assert.equal((await second.post(url, typed(latest))).status, 303);
      assert.deepEqual((await stored()).goals, ['Stop shoplifting']);
      assert.deepEqual((await t.services.supportPlans.interventionsOf(caseId)).map((i) => i.interventionId), [shopTheft]);
      assert.deepEqual(await auditedBy(t, personId, 'support_plan.saved'), ['practitioner', 'slt.imogen']);

      // Once written, the plan is changed the same way: a stale change is refused, the saved one kept.
      const written = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), written);
      assert.equal((await first.post(url, plan(written, 'Stop shoplifting', 'Back at college by week 10'))).status, 303);
      const again = await second.post(url, plan(written, 'Stop shoplifting', 'Working with the youth club'));
      assertConflictPage(again);
      assert.deepEqual(whatChanged(again).get('Exit strategy'), ['Back at college by week 10', 'Working with the youth club']);
      assert.match(again.body, /Working with the youth club<\/textarea>/);
      assert.equal(versionOf(again.body), String(Number(written) + 1));
      assert.deepEqual(await stored(), { goals: ['Stop shoplifting'], version: Number(written) + 1 }, 'nothing overwritten');
    });

    test('contact outcome: the second answer is shown beside the first, which is kept', async () => {
      const { caseId } = await openCase(t.services, hannah, { givenName: 'Noor', familyName: 'Elsworth' });
      const id = await t.services.contacts.book(hannah, caseId, { kind: 'outreach', startsAt: new Date('2026-11-22T15:00:00Z'), place: 'Town centre', withWhom: '', workerId: null, workerWentToo: false, notes: '' }, TEST_ORIGIN);
      const url = `/cases/${caseId}/contacts/${id}/outcome`;
      const version = versionOf((await first.get(url)).body);
      await second.get(url);
      assert.equal((await first.post(url, { outcome: 'attended', notes: 'Met at the library', version })).status, 303);
      const stale = await second.post(url, { outcome: 'did_not_attend', notes: 'Not seen', version });
      assertConflictPage(stale);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('What happened?'), ['Attended', 'Did not attend']);
      assert.deepEqual(rows.get('Notes'), ['Met at the library', 'Not seen']);
      assert.match(stale.body, /<textarea[^>]*id="notes"[^>]*>Not seen<\/textarea>/);
    });

    test('an administrator’s form: a stale site edit lists what differs, in the form’s words', async () => {
      const service = (await t.services.serviceDirectory.list(null)).find((s) => s.code === 'calder-vale')!;
      const site = (await t.services.sites.listForService(service.id)).find((s) => s.code === 'CV-CS1')!;
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      const serviceAdmin = new Agent(t.app);
      await serviceAdmin.signIn('service-admin');
      const url = `/admin/sites/${site.id}/edit`;
      const form = (version: string, minutes: string, name = site.name) => ({ version, name, code: site.code, siteKind: site.site_kind, address: site.address, responseTargetMinutes: minutes, isActive: 'yes' });
      const version = versionOf((await admin.get(url)).body);
      await serviceAdmin.get(url);
      assert.equal((await admin.post(url, form(version, '30'))).status, 303);
      const stale = await serviceAdmin.post(url, form(version, '90', 'Calder Vale custody (north)'));
      assertConflictPage(stale);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Response-time target, in minutes'), ['30', '90']);
      assert.deepEqual(rows.get('Name'), [site.name, 'Calder Vale custody (north)']);
      assert.equal(rows.size, 2);
      assert.equal((await t.services.sites.get(site.id)).response_target_minutes, 30);
      assert.equal((await serviceAdmin.post(url, form(versionOf(stale.body), '90', 'Calder Vale custody (north)'))).status, 303);
      assert.equal((await t.services.sites.get(site.id)).response_target_minutes, 90);
    });
  });
}
