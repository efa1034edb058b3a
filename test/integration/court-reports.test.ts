// Court reports: drafted from the case, edited, sent for sign-off, signed off and issued by a manager as a PDF
// shared with the court, then a new version that supersedes the first; the refusals; the due list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { pdfPages } from '../support/pdf.js';
import { TEAM_DECISION_KINDS } from '../../src/domain/due-items.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';
import type { CourtReportStart } from '../../src/domain/court-report-draft.js';

const startForm = (courtSiteId: string, over: Record<string, string> = {}) => ({
  courtSiteId, purpose: 'sentence',
  'hearingOn[day]': '4', 'hearingOn[month]': '12', 'hearingOn[year]': '2026',
  'dueOn[day]': '', 'dueOn[month]': '', 'dueOn[year]': '',
  'periodFrom[day]': '9', 'periodFrom[month]': '11', 'periodFrom[year]': '2026',
  'periodTo[day]': '23', 'periodTo[month]': '11', 'periodTo[year]': '2026',
  ...over,
});

const RECOMMENDATION = 'The team recommends a community order with a mental health treatment requirement, with support from Hebble Yard.';

for (const engine of testEngines()) {
  describe(`court reports (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let manager: Actor;
    let caseId: string;
    let personId: string;
    let courtId: string;
    let serviceName: string;

    const start = (over: Partial<CourtReportStart> = {}): CourtReportStart => ({
      courtSiteId: courtId, hearingOn: '2026-12-04', dueOn: '', purpose: 'sentence', periodFrom: '2026-11-09', periodTo: '2026-11-23', ...over,
    });
    const reportRow = (id: string) => t.db.selectFrom('court_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const finish = async (actor: Actor, id: string) => {
      const r = await reportRow(id);
      await t.services.courtReports.update(actor, id, r.version, { sections: { ...r.sections, recommendations: RECOMMENDATION }, basis: r.basis, legalBasis: r.legal_basis, legalBasisReason: r.legal_basis_reason }, TEST_ORIGIN);
      await t.services.courtReports.submit(actor, id, r.version + 1, TEST_ORIGIN);
      return (await reportRow(id)).version;
    };

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      ({ caseId, personId } = await openCase(t.services, nurse, { givenName: 'Isadora', familyName: 'Thistlewood-Baines', dateOfBirth: '1998-02-14', referredAt: new Date('2026-11-02T09:00:00Z') }));
      const serviceId = nurse.grant.serviceId!;
      serviceName = (await t.db.selectFrom('service').select('name').where('id', '=', serviceId).executeTakeFirstOrThrow()).name;
      courtId = (await t.services.sites.listForService(serviceId)).find((s) => s.code === 'CV-MC1')!.id;
      await t.db.updateTable('person').set({ nhs_number: '9990000018', pnc_id: '2008/0056560Z' }).where('id', '=', personId).execute();
      const needs = { mental_health: { need: 'high', evidence: 'Low mood', wants: '' }, substance_use: { need: 'medium', evidence: '', wants: '' }, housing: { need: 'none', evidence: '', wants: '' } };
      await t.db.insertInto('assessment').values({ service_id: serviceId, case_id: caseId, person_id: personId, needs: JSON.stringify(needs), assessed_by: nurse.userId, started_at: clock.now(), assessment_status: 'completed', completed_at: clock.now() }).execute();
      const partner = (await t.services.onwardReferrals.partnersToReferTo(nurse))[0]!;
      await t.services.onwardReferrals.create(nurse, caseId, { partnerOrganisationId: partner.id, reason: 'Low mood', send: true }, TEST_ORIGIN);
      for (const [at, kind, outcome] of [['2026-11-05T10:00:00Z', 'home_visit', 'attended'], ['2026-11-10T10:00:00Z', 'meeting', 'attended'], ['2026-11-17T14:00:00Z', 'phone_call', 'did_not_attend']] as const) {
        const id = await t.services.contacts.book(nurse, caseId, { kind, startsAt: new Date(at), place: '', withWhom: '', workerId: null, workerWentToo: false, notes: '' }, TEST_ORIGIN);
        await t.services.contacts.recordOutcome(nurse, caseId, id, 1, { outcome, notes: '' }, TEST_ORIGIN);
      }
    });
    after(() => t.close());

    test('the full path: drafted from the case, edited, signed off and issued as a PDF shared with the court, then a new version supersedes it', async () => {
      const author = new Agent(t.app);
      await author.signIn('practitioner');
      const empty = await author.get(`/cases/${caseId}/court-reports`);
      assert.equal(empty.status, 200);
      assert.match(empty.body, /No court reports have been written for this person on this case\./);
      assert.match(empty.body, /aria-current="page">Court reports/);
      assert.match(empty.body, /Start a court report/);
      assert.equal((await author.get(`/cases/${caseId}/court-reports/new`)).status, 200);

      const started = await author.post(`/cases/${caseId}/court-reports/new`, startForm(courtId));
      assert.equal(started.status, 303);
      const id = /\/court-reports\/([0-9a-f-]{36})/.exec(started.location ?? '')![1]!;
      const page = await author.get(started.location!);
      assert.equal(page.status, 200);
      assert.match(page.body, /Court report started/);
      assert.match(page.body, /Isadora Thistlewood-Baines was referred to the Liaison and Diversion team on 2 November 2026/);
      assert.match(page.body, /Age band at referral: 25 and over \(an adult\)\./);
      assert.match(page.body, /- Mental health: high need\n- Drug and alcohol use: medium need/);
      assert.match(page.body, /: sent/, 'the onward referral with its state');
      assert.match(page.body, /Contacts from 9 November 2026 to 23 November 2026: 1 attended, 0 attended late, 1 did not attend\./);
      assert.match(page.body, /- 10 November 2026, meeting: attended\n- 17 November 2026, phone call: did not attend/);
      assert.doesNotMatch(page.body, /5 November 2026, home visit/, 'a contact before the period is left out');
      assert.match(page.body, /Mental health treatment requirement: the needs found include mental health \(high need\)/);
      const row = await reportRow(id);
      assert.equal(row.due_on, '2026-12-03', 'due the working day before the hearing');
      assert.equal(row.report_state, 'draft');

      // The prompt left in the recommendations stops it going for sign-off; the typed text is kept.
      const sections = Object.fromEntries(Object.entries(row.sections).map(([k, v]) => [`section_${k}`, v]));
      const unfinished = await author.post(`/court-reports/${id}/submit`, { ...sections, section_background: 'Edited background for the court.', basis: 'consent', version: String(row.version) });
      assert.equal(unfinished.status, 400);
      assert.match(unfinished.body, /<a href="#section-recommendations">\s*Recommendations still has text in square brackets to complete/);
      assert.match(unfinished.body, /Edited background for the court\./);

      const saved = await author.post(`/court-reports/${id}/submit`, { ...sections, section_background: 'Edited background for the court.', section_recommendations: RECOMMENDATION, basis: 'consent', version: String((await reportRow(id)).version) });
      assert.equal(saved.status, 303);
      const waiting = await reportRow(id);
      assert.equal(waiting.report_state, 'awaiting_sign_off');
      assert.equal(waiting.sections.background, 'Edited background for the court.');
      const waitingPage = await author.get(`/court-reports/${id}`);
      assert.match(waitingPage.body, /waiting for a team manager to sign it off/);
      assert.doesNotMatch(waitingPage.body, /Sign off and issue/);
      const byPractitioner = await author.post(`/court-reports/${id}/issue`, { version: String(waiting.version) });
      assert.equal(byPractitioner.status, 403);
      assert.match(byPractitioner.body, /Only a team manager can sign off and issue a court report/);

      const signer = new Agent(t.app);
      await signer.signIn('manager', { role: 'team_manager' });
      const managerPage = await signer.get(`/court-reports/${id}`);
      assert.match(managerPage.body, /Sign off and issue/);
      assert.match(managerPage.body, /Return to draft/);
      assert.equal((await signer.post(`/court-reports/${id}/issue`, { version: String(waiting.version) })).status, 303);

      const issued = await reportRow(id);
      assert.equal(issued.report_state, 'issued');
      assert.equal(issued.signed_off_by, manager.userId);
      const disclosure = await t.db.selectFrom('disclosure').selectAll().where('id', '=', issued.disclosure_id!).executeTakeFirstOrThrow();
      assert.equal(disclosure.recipient, 'court');
      assert.equal(disclosure.site_id, courtId);
      assert.equal(disclosure.recipient_name, "Calder Vale Magistrates' Court");
      assert.equal(disclosure.disclosure_kind, 'court_report');
      assert.equal(disclosure.disclosure_status, 'disclosed');
      assert.equal(disclosure.basis, 'consent');
      assert.equal(disclosure.purpose, 'Report for the sentencing hearing on 4 December 2026');
      assert.ok(disclosure.content.startsWith('Background\nEdited background for the court.\n\nNeeds identified\n'));
      assert.ok(disclosure.content.endsWith(`Recommendations\n${RECOMMENDATION}`));

      const download = await author.get(`/court-reports/${id}/report.pdf`);
      assert.equal(download.status, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.equal(download.headers['content-disposition'], 'attachment; filename="court-report-thistlewood-baines-v1.pdf"');
      const v1Bytes = (await t.services.courtReports.pdf(nurse, id, TEST_ORIGIN)).bytes;
      const pages = await pdfPages(v1Bytes);
      const text = pages.join('\n');
      assert.ok(text.includes(serviceName));
      assert.match(text, /Report to Calder Vale Magistrates' Court for the hearing on 4 December\s+2026/);
      assert.match(text, /Purpose: Sentence/);
      assert.match(text, /Isadora Thistlewood-Baines/);
      assert.match(text, /14 February 1998/);
      assert.match(text, /999 000 0018/);
      assert.match(text, /2008\/0056560Z/);
      assert.match(text, /Version 1/);
      for (const heading of ['Background', 'Needs identified', 'Current support and engagement', 'Options for the court', 'Recommendations', 'Contacts from 9 November 2026 to 23 November 2026']) assert.ok(text.includes(heading), heading);
      assert.match(text, /Edited background for the court\./);
      assert.match(text, /17 November 2026 Phone call Did not attend/);
      assert.match(text, /Signed off by: Joanne|Signed off by: \w+/);
      pages.forEach((p, i) => assert.ok(p.includes(`Page ${i + 1} of ${pages.length} · Version 1 · ${serviceName}`), `footer on page ${i + 1}`));

      // An issued report is never edited: a new version is drafted instead.
      await assert.rejects(
        t.services.courtReports.update(nurse, id, issued.version, { sections: issued.sections, basis: 'consent', legalBasis: null, legalBasisReason: '' }, TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && e.fieldErrors.form === 'This report has been issued and cannot be changed: start a new version instead',
      );
      const editAfterIssue = await author.post(`/court-reports/${id}/save`, { ...sections, version: String(issued.version), basis: 'consent' });
      assert.equal(editAfterIssue.status, 400);
      assert.match(editAfterIssue.body, /This report has been issued and cannot be changed: start a new version instead/);

      const next = await author.post(`/court-reports/${id}/new-version`, { version: String(issued.version) });
      assert.equal(next.status, 303);
      const v2 = /\/court-reports\/([0-9a-f-]{36})/.exec(next.location ?? '')![1]!;
      assert.notEqual(v2, id);
      const v2Row = await reportRow(v2);
      assert.deepEqual([v2Row.report_version, v2Row.first_version_id, v2Row.report_state], [2, id, 'draft']);
      assert.equal(v2Row.sections.recommendations, RECOMMENDATION, 'the new version starts as a copy');
      await assert.rejects(t.services.courtReports.newVersion(nurse, id, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /Version 2 of this report has already been started/.test(e.fieldErrors.form!));
      const version = await finish(nurse, v2);
      await t.services.courtReports.issue(manager, v2, version, TEST_ORIGIN);

      assert.equal((await reportRow(id)).report_state, 'superseded');
      assert.equal((await reportRow(v2)).report_state, 'issued');
      const v2Text = (await pdfPages((await t.services.courtReports.pdf(nurse, v2, TEST_ORIGIN)).bytes)).join('\n');
      assert.match(v2Text, /Version 2/);
      assert.ok((await t.services.courtReports.pdf(nurse, id, TEST_ORIGIN)).bytes.equals(v1Bytes), 'the first PDF is kept exactly as issued');
      const disclosures = await t.db.selectFrom('disclosure').select('id').where('person_id', '=', personId).where('disclosure_kind', '=', 'court_report').execute();
      assert.equal(disclosures.length, 2);

      const v1Page = await author.get(`/court-reports/${id}`);
      assert.match(v1Page.body, /A later version has been issued/);
      assert.ok(v1Page.body.includes(`href="/court-reports/${v2}"`));
      assert.doesNotMatch(v1Page.body, /Start a new version/);
      const list = await author.get(`/cases/${caseId}/court-reports`);
      assert.match(list.body, /2 report versions, newest first/);
      assert.match(list.body, /Superseded by a later version/);
      assert.equal((await author.get(`/court-reports/${v2}/report.pdf`)).headers['content-disposition'], 'attachment; filename="court-report-thistlewood-baines-v2.pdf"');

      const actions = (await t.services.audit.search({ personId })).map((e) => e.action);
      for (const action of ['court_report.created', 'court_report.viewed', 'court_report.submitted', 'court_report.issued', 'court_report.downloaded', 'court_report.version_started', 'disclosure.shared']) assert.ok(actions.includes(action), action);
    });

    test('refusals: issue from a draft, stale versions, a hearing in the past, due after the hearing', async () => {
      const id = await t.services.courtReports.create(nurse, caseId, start({ purpose: 'bail' }), TEST_ORIGIN);
      const row = await reportRow(id);
      await assert.rejects(t.services.courtReports.issue(manager, id, row.version, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && e.fieldErrors.form === 'This report has not been submitted for sign-off yet');
      await assert.rejects(t.services.courtReports.issue(nurse, id, row.version, TEST_ORIGIN), ForbiddenError);
      const edit = { sections: { ...row.sections, background: 'First edit' }, basis: 'consent', legalBasis: null, legalBasisReason: '' };
      await t.services.courtReports.update(nurse, id, row.version, edit, TEST_ORIGIN);
      await assert.rejects(t.services.courtReports.update(manager, id, row.version, { ...edit, sections: { ...edit.sections, background: 'Second edit' } }, TEST_ORIGIN), ConflictError);
      assert.equal((await reportRow(id)).sections.background, 'First edit', 'the stale edit is not saved');

      const stale = await new Agent(t.app);
      await stale.signIn('practitioner');
      await stale.get(`/court-reports/${id}`);
      const conflict = await stale.post(`/court-reports/${id}/save`, { section_background: 'Typed over an old copy', basis: 'consent', version: String(row.version) });
      assert.equal(conflict.status, 409);
      assert.match(conflict.body, /Someone else changed this report/);
      assert.match(conflict.body, /Typed over an old copy/);

      await assert.rejects(t.services.courtReports.create(nurse, caseId, start({ hearingOn: '2026-11-20' }), TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && e.fieldErrors.hearingOn === 'Date of the hearing must be today or in the future');
      await assert.rejects(t.services.courtReports.create(nurse, caseId, start({ dueOn: '2026-12-05' }), TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && e.fieldErrors.dueOn === 'Date the report is due must be on or before the date of the hearing');
      const custody = (await t.services.sites.listForService(nurse.grant.serviceId!)).find((s) => s.code === 'CV-CS1')!.id;
      await assert.rejects(t.services.courtReports.create(nurse, caseId, start({ courtSiteId: custody }), TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && e.fieldErrors.courtSiteId === 'Select the court the report is for');
      const support = await actorFor(t.services, 'support');
      await assert.rejects(t.services.courtReports.create(support, caseId, start(), TEST_ORIGIN), ForbiddenError);

      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      await agent.get(`/cases/${caseId}/court-reports/new`);
      const bad = await agent.post(`/cases/${caseId}/court-reports/new`, startForm(courtId, { 'hearingOn[day]': '20', 'hearingOn[month]': '11', 'dueOn[day]': '31', 'dueOn[month]': '2', 'dueOn[year]': '2027', purpose: '' }));
      assert.equal(bad.status, 400);
      assert.match(bad.body, /<a href="#hearingOn-day">\s*Date of the hearing must be today or in the future/);
      assert.match(bad.body, /<a href="#dueOn-day">\s*Date the report is due must be a real date/);
      assert.match(bad.body, /<a href="#purpose">\s*Select what the report is for/);
      assert.match(bad.body, /name="periodFrom\[day\]"[^>]*value="9"|value="9"[^>]*name="periodFrom\[day\]"/, 'what was typed is kept');
    });

    test('without consent or a legal basis the report is not issued, and says why; with a legal basis the manager issues it', async () => {
      const other = await openCase(t.services, nurse, { givenName: 'Bartholomew', familyName: 'Quillfeather' });
      const consent = { assessment: { decision: 'given', decidedBy: '', notes: '' }, justice_sharing: { decision: 'refused', decidedBy: '', notes: '' }, health_sharing: { decision: 'given', decidedBy: '', notes: '' } };
      await t.db.updateTable('screening').set({ consent: JSON.stringify(consent) }).where('referral_id', '=', other.referralId).execute();
      const id = await t.services.courtReports.create(nurse, other.caseId, start({ purpose: 'fitness_to_plead' }), TEST_ORIGIN);
      const version = await finish(nurse, id);
      await assert.rejects(t.services.courtReports.issue(manager, id, version, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /^The person refused consent to sharing with justice agencies/.test(e.fieldErrors.basis!));
      const still = await reportRow(id);
      assert.equal(still.report_state, 'awaiting_sign_off');
      assert.equal(still.pdf, null);
      assert.equal((await t.db.selectFrom('disclosure').select('id').where('person_id', '=', other.personId).execute()).length, 0, 'nothing is shared');

      const signer = new Agent(t.app);
      await signer.signIn('manager', { role: 'team_manager' });
      const page = await signer.get(`/court-reports/${id}`);
      assert.match(page.body, /The person refused consent to sharing with justice agencies/);
      const refused = await signer.post(`/court-reports/${id}/issue`, { version: String(version) });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /<a href="#basis">\s*The person refused consent/);
      const noReason = await signer.post(`/court-reports/${id}/return`, { version: String(version), reason: ' ' });
      assert.equal(noReason.status, 400);
      assert.match(noReason.body, /Say what needs changing/);
      assert.equal((await signer.post(`/court-reports/${id}/return`, { version: String(version), reason: 'Consent was refused: record the legal basis' })).status, 303);

      const draft = await reportRow(id);
      assert.equal(draft.report_state, 'draft');
      await assert.rejects(
        t.services.courtReports.update(nurse, id, draft.version, { sections: draft.sections, basis: 'legal_basis', legalBasis: 'serious_harm', legalBasisReason: '' }, TEST_ORIGIN)
          .then(() => reportRow(id)).then((r) => t.services.courtReports.submit(nurse, id, r.version, TEST_ORIGIN)),
        (e: unknown) => e instanceof ValidationError && /Explain why consent is not relied on/.test(e.fieldErrors.legalBasisReason!),
      );
      const current = await reportRow(id);
      await t.services.courtReports.update(nurse, id, current.version, { sections: current.sections, basis: 'legal_basis', legalBasis: 'serious_harm', legalBasisReason: 'He refused, and there is a risk of serious harm to himself' }, TEST_ORIGIN);
      await t.services.courtReports.submit(nurse, id, current.version + 1, TEST_ORIGIN);
      await t.services.courtReports.issue(manager, id, current.version + 2, TEST_ORIGIN);
      const issued = await reportRow(id);
      const disclosure = await t.db.selectFrom('disclosure').selectAll().where('id', '=', issued.disclosure_id!).executeTakeFirstOrThrow();
      assert.deepEqual([disclosure.basis, disclosure.legal_basis, disclosure.decided_by, disclosure.disclosure_status], ['legal_basis', 'serious_harm', manager.userId, 'disclosed']);
      assert.equal(disclosure.purpose, 'Report for the fitness to plead hearing on 4 December 2026');
    });

    test('a report not yet issued is on the due list from 7 days before it is due, linked to the report, until it is issued', async () => {
      const soon = await t.services.courtReports.create(nurse, caseId, start({ hearingOn: '2026-11-27' }), TEST_ORIGIN);
      const later = await t.services.courtReports.create(nurse, caseId, start({ hearingOn: '2026-12-10', dueOn: '2026-12-08' }), TEST_ORIGIN);
      const mine = (await t.services.dueList.forWorker(nurse)).filter((i) => i.kind === 'court_report');
      assert.ok(mine.some((i) => i.reportId === soon && i.dueOn === '2026-11-26' && !i.overdue), 'due on the working day before a Friday hearing');
      assert.ok(!mine.some((i) => i.reportId === later), '15 days ahead: not listed yet');
      const teamItem = (await t.services.dueList.forTeam(manager)).find((i) => i.reportId === soon);
      assert.equal(teamItem?.workerName, nurse.displayName, 'nobody holds the case: the drafter');
      assert.ok((await t.services.dueList.forCase(nurse, caseId)).some((i) => i.reportId === soon));
      const onCase = (await t.services.dueList.forCase(nurse, caseId)).filter((i) => !TEAM_DECISION_KINDS.includes(i.kind));
      const unallocated = (await t.services.caseload.teamCaseloads(manager)).unallocated.find((c) => c.caseId === caseId);
      assert.equal(unallocated?.dueCount, onCase.length, "the team caseload counts the report among the case's due items");

      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const due = await agent.get('/due');
      assert.ok(due.body.includes(`<a href="/court-reports/${soon}">Court report due`), 'the item links to the report');
      const reports = await agent.get('/court-reports');
      assert.equal(reports.status, 200);
      assert.ok(reports.body.includes(`href="/court-reports/${soon}"`));
      assert.match(reports.body, /Due in the next 14 days/);

      const version = await finish(nurse, soon);
      const awaiting = await agent.get('/court-reports');
      assert.match(awaiting.body, /1 report waiting for sign-off|reports waiting for sign-off/);
      await t.services.courtReports.issue(manager, soon, version, TEST_ORIGIN);
      assert.ok(!(await t.services.dueList.forWorker(nurse)).some((i) => i.reportId === soon), 'gone once issued');
      const laterItem = async () => (await t.services.dueList.forWorker(nurse)).find((i) => i.reportId === later);
      try {
        clock.set('2026-12-01T10:00:00Z');
        assert.equal((await laterItem())?.overdue, false, '7 days before its due date: listed');
        clock.set('2026-12-09T10:00:00Z');
        const overdue = await laterItem();
        assert.equal(overdue?.overdue, true, 'the day after its due date: overdue');
        assert.match(overdue!.text, /finish the draft and send it for sign-off/);
      } finally {
        clock.set('2026-11-23T10:00:00Z');
      }
    });
  });
}
