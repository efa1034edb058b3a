// Two workers act on the same justice record: a condition's compliance and a court report's draft show the second
// both versions side by side and save once repeated; a stale compliance report, sign-off step or disclosure decision
// says what happened instead, and nothing is overwritten or shared twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, type TestApp } from '../support/app.js';
import { assertConflictPage, auditedBy, twoPractitioners, versionOf, whatChanged } from '../support/conflicts.js';
import { testEngines } from '../support/database.js';
import { postedDate } from '../support/date-input.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { LEGAL_BASIS_LABELS } from '../../src/domain/disclosure-basis.js';
import type { Actor } from '../../src/domain/actor.js';

for (const engine of testEngines()) {
  describe(`concurrent edits of justice records (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let hannah: Actor;
    let manager: Actor;
    /** Two practitioners of the same service, each in their own browser. */
    let first: Agent;
    let second: Agent;
    before(async () => {
      ({ t, hannah, first, second } = await twoPractitioners(engine, clock));
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
    });
    after(() => t.close());

    /** A case with an adult conditional caution of one condition; returns the case, person and condition. */
    async function caution(givenName: string, familyName: string) {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName, familyName, referredAt: new Date('2026-11-16T09:00:00Z') });
      await t.services.disposals.record(hannah, caseId, {
        kind: 'adult_conditional_caution', decidedOn: '2026-11-18', decidedBy: 'Calder Vale Police', offence: 'Criminal damage', bailConditions: '', sentenceKind: null,
        treatmentRequirements: [], unpaidWorkHours: null, custodyMonths: null, notes: '',
        conditions: [{ description: 'Pay for the broken window', deadlineOn: '2026-12-18', planInterventionId: null }],
      }, TEST_ORIGIN);
      const condition = (await t.services.disposals.forCase(hannah, caseId))[0]!.conditions[0]!;
      return { caseId, personId, condition };
    }

    test('a condition’s compliance: the second update shows both versions, keeps the first, and saves once repeated', async () => {
      const { caseId, personId, condition } = await caution('Oswin', 'Hartley-Crane');
      const url = `/cases/${caseId}/justice-outcomes`;
      const post = `${url}/conditions/${condition.id}/compliance`;
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version, 'both read the same version');

      assert.equal((await first.post(post, { version, compliance: 'not_met', ...postedDate('complianceOn', '2026-11-21') })).status, 303);
      const typed = { compliance: 'met', ...postedDate('complianceOn', '2026-11-21') };
      const stale = await second.post(post, { ...typed, version });
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else updated this condition while you were working on it/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Where does the condition stand?'), ['Not met', 'Met']);
      assert.ok(!rows.has('Date it was met or not met'), 'a date both gave alike is not listed');
      assert.match(stale.body, /<details class="nhsuk-details" open>[\s\S]*id="what-changed"[\s\S]*id="compliance-form-/, 'the comparison is in the open form');
      assert.match(stale.body, /name="compliance" type="radio" value="met" checked/, 'their typed answer stays in the form');
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1, 'the form now carries the latest version');
      const stored = async () => (await t.services.disposals.condition(hannah, caseId, condition.id)).condition;
      assert.equal((await stored()).compliance, 'not_met', 'nothing overwritten');

      assert.equal((await second.post(post, { ...typed, version: latest })).status, 303);
      const now = await stored();
      assert.equal(now.compliance, 'met');
      assert.equal(now.compliance_on, '2026-11-21');
      assert.deepEqual(await auditedBy(t, personId, 'disposal_condition.compliance_updated'), ['practitioner', 'slt.imogen']);

      // A date that differs is listed as the date input reads it; an update to "in progress" carries no date.
      const again = versionOf((await first.get(url)).body);
      assert.equal((await first.post(post, { version: again, compliance: 'in_progress', ...postedDate('complianceOn', '2026-11-23') })).status, 303);
      const rows2 = whatChanged(await second.post(post, { version: again, compliance: 'met', ...postedDate('complianceOn', '2026-11-22') }));
      assert.deepEqual(rows2.get('Where does the condition stand?'), ['In progress', 'Met']);
      assert.deepEqual(rows2.get('Date it was met or not met'), ['Not given', '22 November 2026']);
    });

    test('a compliance report on a condition changed meanwhile: says so, keeps what was typed, shares only once repeated', async () => {
      const { caseId, personId, condition } = await caution('Petra', 'Lindgren-Shaw');
      const url = `/cases/${caseId}/justice-outcomes/conditions/${condition.id}/report`;
      const version = versionOf((await second.get(url)).body);
      await t.services.disposals.updateCompliance(hannah, condition.id, condition.version, { compliance: 'met', on: '2026-11-20' }, TEST_ORIGIN);

      const typed = { recipient: 'custody', recipientName: 'Out of court disposals team, Calder Vale Police', siteId: '', basis: 'consent' };
      const stale = await second.post(url, { ...typed, version });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /This condition has changed[\s\S]*Someone else changed this condition while you were working on it\. The report below now says where it stands: check it, then share it again\./);
      assert.match(stale.body, /id="report-content">Condition: Pay for the broken window by 18 December 2026 — Met on 20 November 2026</, 'the report says where it now stands');
      assert.match(stale.body, /value="Out of court disposals team, Calder Vale Police"/, 'what was typed is kept');
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1);
      assert.equal((await t.services.disclosures.forPerson(hannah, personId)).length, 0, 'nothing shared');

      assert.equal((await second.post(url, { ...typed, version: latest })).status, 303);
      const shared = await t.services.disclosures.forPerson(hannah, personId);
      assert.equal(shared.length, 1);
      assert.equal(shared[0]!.content, 'Condition: Pay for the broken window by 18 December 2026 — Met on 20 November 2026');
    });

    test('a manager’s decision on a disclosure: the second says what the first decided and shares nothing', async () => {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName: 'Benedikt', familyName: 'Oyelaran', justiceSharing: 'refused' });
      const asked = await t.services.disclosures.share(hannah, {
        personId, caseId, referralId: null, recipient: 'defence', recipientName: 'Duty solicitor', siteId: null, content: 'Hears voices at night', purpose: 'Fitness to be interviewed',
        basis: 'legal_basis', legalBasis: 'safeguarding', legalBasisReason: 'Could not be asked: asleep',
      }, TEST_ORIGIN);
      const one = new Agent(t.app);
      const other = new Agent(t.app);
      await one.signIn('manager', { role: 'team_manager' });
      await other.signIn('manager', { role: 'team_manager' });
      const form = new RegExp(`action="/disclosures/${asked.id}/decision"[\\s\\S]*?name="version" value="(\\d+)"`);
      const version = form.exec((await one.get('/disclosures/approvals')).body)?.[1];
      assert.ok(version);
      assert.equal(form.exec((await other.get('/disclosures/approvals')).body)?.[1], version, 'both read the same version');

      assert.equal((await one.post(`/disclosures/${asked.id}/decision`, { version, decision: 'refuse', reason: 'Ask him again in the morning' })).status, 303);
      const stale = await other.post(`/disclosures/${asked.id}/decision`, { version, decision: 'approve', reason: 'Needed before interview' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /href="#decided-elsewhere"/, 'the error summary leads to what was decided');
      assert.match(stale.body, /id="decided-elsewhere"[\s\S]*Someone else decided on this disclosure while you were reading it/);
      assert.match(stale.body, /Joanne Barraclough did not approve it on 23 Nov 2026, 10:00: it is not shared\. Their reason: Ask him again in the morning/);
      assert.match(stale.body, /Your decision, to approve it, has not been saved\. The reason you gave: Needed before interview/);
      assert.match(stale.body, new RegExp(`<a href="/people/${personId}">Benedikt Oyelaran’s record</a>`));
      assert.ok(!stale.body.includes(`action="/disclosures/${asked.id}/decision"`), 'a decided disclosure is not offered for a decision again');
      assert.ok(!/What changed/.test(stale.body), 'no comparison to save over: a disclosure is decided once');

      const now = (await t.services.disclosures.forPerson(manager, personId)).find((d) => d.id === asked.id)!;
      assert.equal(now.disclosure_status, 'not_approved');
      assert.equal(now.disclosed_at, null, 'nothing shared');
      assert.deepEqual(await auditedBy(t, personId, 'disclosure.not_approved'), ['manager']);
      assert.deepEqual(await auditedBy(t, personId, 'disclosure.approved'), []);
    });

    /** A court report started on a case of its own; returns the case's person and the report's id. */
    async function courtReport(givenName: string, familyName: string) {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName, familyName, referredAt: new Date('2026-11-02T09:00:00Z') });
      const courtSiteId = (await t.services.sites.listForService(hannah.grant.serviceId!)).find((s) => s.code === 'CV-MC1')!.id;
      const id = await t.services.courtReports.create(hannah, caseId, {
        courtSiteId, hearingOn: '2026-12-04', dueOn: '', purpose: 'sentence', periodFrom: '2026-11-09', periodTo: '2026-11-23',
      }, TEST_ORIGIN);
      return { personId, id };
    }
    const reportRow = (id: string) => t.db.selectFrom('court_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('a court report draft: the second save shows both versions, keeps the first, and saves once repeated', async () => {
      const { personId, id } = await courtReport('Marisol', 'Fenwick-Adair');
      const url = `/court-reports/${id}`;
      const drafted = (await reportRow(id)).sections;
      const form = (version: string, changes: Record<string, string>) => ({
        version, basis: 'consent', ...Object.fromEntries(Object.entries(drafted).map(([s, text]) => [`section_${s}`, text])), ...changes,
      });
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version, 'both read the same version');

      assert.equal((await first.post(`${url}/save`, form(version, { section_background: 'Moved back to his mother in October' }))).status, 303);
      const typed = {
        section_background: 'Living in a hostel since the summer', section_recommendations: 'A community order with a mental health treatment requirement',
        basis: 'legal_basis', legalBasis: 'court_order', legalBasisReason: 'The court ordered the report',
      };
      const stale = await second.post(`${url}/save`, form(version, typed));
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else changed this report while you were working on it/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Background'), ['Moved back to his mother in October', 'Living in a hostel since the summer']);
      assert.equal(rows.get('Recommendations')?.[1], 'A community order with a mental health treatment requirement', 'a section only this user changed is listed');
      assert.deepEqual(rows.get('Basis for sharing the report with the court'), ['The person’s consent', 'A legal basis, without consent']);
      assert.deepEqual(rows.get('Legal basis (only when sharing without consent)'), ['Not given', LEGAL_BASIS_LABELS.court_order]);
      assert.deepEqual(rows.get('Why consent is not relied on (only when sharing without consent)'), ['Not given', 'The court ordered the report']);
      assert.ok(!rows.has('Needs identified') && !rows.has('Options for the court'), 'sections both left alike are not listed');
      assert.match(stale.body, /<textarea[^>]*id="section-background"[^>]*>Living in a hostel since the summer<\/textarea>/, 'their typed answers stay in the form');
      assert.match(stale.body, /name="basis" type="radio" value="legal_basis" checked/);
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1, 'the form now carries the latest version');
      assert.equal((await reportRow(id)).sections.background, 'Moved back to his mother in October', 'nothing overwritten');

      assert.equal((await second.post(`${url}/save`, form(latest, typed))).status, 303);
      const now = await reportRow(id);
      assert.equal(now.sections.background, 'Living in a hostel since the summer');
      assert.equal(now.basis, 'legal_basis');
      assert.equal(now.legal_basis, 'court_order');
      assert.deepEqual(await auditedBy(t, personId, 'court_report.updated'), ['practitioner', 'slt.imogen']);
    });

    test('a court report sent for sign-off while another edits it: their typed text is kept on the page, nothing saved', async () => {
      const { id } = await courtReport('Osric', 'Pennyfeather');
      const url = `/court-reports/${id}`;
      const drafted = (await reportRow(id)).sections;
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version);
      const sections = Object.fromEntries(Object.keys(drafted).map((s) => [`section_${s}`, `What the court needs to know under this heading, written out in plain words for section ${s}.`]));
      assert.equal((await first.post(`${url}/submit`, { version, basis: 'consent', ...sections })).status, 303);
      assert.equal((await reportRow(id)).report_state, 'awaiting_sign_off');

      const stale = await second.post(`${url}/save`, { version, basis: 'consent', ...sections, section_background: 'Sleeping at a friend’s flat since Tuesday' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else sent this report for sign-off while you were working on it/);
      assert.match(stale.body, /href="#not-saved"/, 'the error summary leads to what was typed');
      assert.match(stale.body, /id="not-saved"[\s\S]*What you typed, not saved[\s\S]*Sleeping at a friend’s flat since Tuesday/);
      assert.ok(!/id="edit-report"/.test(stale.body), 'the report can no longer be edited here');
      assert.notEqual((await reportRow(id)).sections.background, 'Sleeping at a friend’s flat since Tuesday', 'nothing saved');
    });

    test('a court report’s sign-off on a version changed meanwhile: says so, keeps the reason typed, and acts once repeated', async () => {
      const { personId, id } = await courtReport('Thaddeus', 'Okonkwo-Reyes');
      const sendForSignOff = async () => {
        const r = await reportRow(id);
        await t.services.courtReports.update(hannah, id, r.version, { sections: { ...r.sections, recommendations: 'A conditional discharge' }, basis: 'consent', legalBasis: null, legalBasisReason: '' }, TEST_ORIGIN);
        await t.services.courtReports.submit(hannah, id, r.version + 1, TEST_ORIGIN);
      };
      await sendForSignOff();
      const signer = new Agent(t.app);
      await signer.signIn('manager', { role: 'team_manager' });
      const url = `/court-reports/${id}`;
      const version = versionOf((await signer.get(url)).body);
      // Meanwhile it is returned, changed and sent for sign-off again.
      await t.services.courtReports.returnToDraft(manager, id, Number(version), 'Say more about his housing', TEST_ORIGIN);
      await sendForSignOff();

      const issued = await signer.post(`${url}/issue`, { version });
      assert.equal(issued.status, 409);
      assert.match(issued.body, /Someone else changed this report while you were reading it\. It has not been signed off: read it as it now stands before you sign it off\./);
      assert.match(issued.body, /href="#report-actions"/);
      assert.equal((await reportRow(id)).report_state, 'awaiting_sign_off', 'nothing issued');
      const latest = versionOf(issued.body);
      assert.equal(Number(latest), (await reportRow(id)).version, 'the sign-off forms carry the latest version');

      const returned = await signer.post(`${url}/return`, { version, reason: 'The options section needs the treatment requirement' });
      assert.equal(returned.status, 409);
      assert.match(returned.body, /It has not been returned: read it as it now stands; what you typed is kept below\./);
      assert.match(returned.body, /<textarea[^>]*id="reason"[^>]*>The options section needs the treatment requirement<\/textarea>/);
      assert.equal((await reportRow(id)).report_state, 'awaiting_sign_off');

      assert.equal((await signer.post(`${url}/return`, { version: latest, reason: 'The options section needs the treatment requirement' })).status, 303);
      const now = await reportRow(id);
      assert.equal(now.report_state, 'draft');
      assert.equal(now.returned_reason, 'The options section needs the treatment requirement');
      assert.equal((await auditedBy(t, personId, 'court_report.returned')).length, 2);
    });

    /** A report sent for sign-off, open on a second manager's screen: the page and the version they read. */
    async function openForSignOff(givenName: string, familyName: string) {
      const { personId, id } = await courtReport(givenName, familyName);
      const r = await reportRow(id);
      await t.services.courtReports.update(hannah, id, r.version, { sections: { ...r.sections, recommendations: 'A community order' }, basis: 'consent', legalBasis: null, legalBasisReason: '' }, TEST_ORIGIN);
      await t.services.courtReports.submit(hannah, id, r.version + 1, TEST_ORIGIN);
      const signer = new Agent(t.app);
      await signer.signIn('manager', { role: 'team_manager' });
      const url = `/court-reports/${id}`;
      return { personId, id, signer, url, version: versionOf((await signer.get(url)).body) };
    }

    test('a court report signed off by one manager while another reads it: the second sign-off and return answer 409, saying so', async () => {
      const { personId, id, signer, url, version } = await openForSignOff('Perpetua', 'Vantongeren');
      await t.services.courtReports.issue(manager, id, Number(version), TEST_ORIGIN);

      const issued = await signer.post(`${url}/issue`, { version });
      assert.equal(issued.status, 409, 'a conflict, not a refusal of the state');
      assert.match(issued.body, /Someone else signed off and issued this report while you were reading it/);
      const returned = await signer.post(`${url}/return`, { version, reason: 'The housing section needs the hostel’s name' });
      assert.equal(returned.status, 409);
      assert.match(returned.body, /Someone else signed off and issued this report while you were reading it[\s\S]*The reason you typed is below, not saved\./);
      assert.match(returned.body, /id="not-saved"[\s\S]*Your reason for returning it to draft[\s\S]*The housing section needs the hostel’s name/);
      const now = await reportRow(id);
      assert.equal(now.report_state, 'issued');
      assert.equal(now.returned_reason, '', 'nothing returned');
      assert.equal((await auditedBy(t, personId, 'court_report.issued')).length, 1, 'issued once');
    });

    test('a court report returned by one manager while another reads it: the second return says so and keeps the reason typed', async () => {
      const { id, signer, url, version } = await openForSignOff('Leopold', 'Achterberg');
      await t.services.courtReports.returnToDraft(manager, id, Number(version), 'Say more about his family', TEST_ORIGIN);

      const returned = await signer.post(`${url}/return`, { version, reason: 'The options need a treatment requirement' });
      assert.equal(returned.status, 409);
      assert.match(returned.body, /Someone else returned this report to draft while you were reading it/);
      assert.match(returned.body, /id="not-saved"[\s\S]*The options need a treatment requirement/);
      assert.equal((await reportRow(id)).returned_reason, 'Say more about his family', 'theirs stands');
    });
  });
}
