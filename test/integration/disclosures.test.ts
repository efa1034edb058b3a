// Disclosures: shared at once on consent, refused without it (saying why), a legal basis waiting for a team manager's
// approval, stale decisions refused, who may share, the person's page listing them, the form's errors, the audit trail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/services/errors.js';
import type { Actor } from '../../src/domain/actor.js';
import type { ShareInput } from '../../src/services/justice/disclosures.js';

for (const engine of testEngines()) {
  describe(`disclosures (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let manager: Actor;
    let custodySiteId: string;
    let consenting: { caseId: string; personId: string };
    let refusing: { caseId: string; personId: string };

    const share = (over: Partial<ShareInput> & { personId: string }): ShareInput => ({
      caseId: null, referralId: null, recipient: 'custody', recipientName: 'PS Dunmore-Fitch, custody sergeant', siteId: null,
      content: 'Has a diagnosis of bipolar disorder and takes lithium twice a day.', purpose: 'To inform the decision on fitness for interview',
      basis: 'consent', legalBasis: null, legalBasisReason: '', ...over,
    });

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      custodySiteId = (await t.services.sites.listForService(nurse.grant.serviceId!)).find((s) => s.code === 'CV-CS1')!.id;
      consenting = await openCase(t.services, nurse, { givenName: 'Perpetua', familyName: 'Ollerenshaw' });
      refusing = await openCase(t.services, nurse, { givenName: 'Thaddeus', familyName: 'Vindlebrook', justiceSharing: 'refused' });
    });
    after(() => t.close());

    test('on consent, information is shared at once, with its screen, and listed on the case and the person', async () => {
      const consent = await t.services.disclosures.consentFor(nurse, consenting.personId);
      assert.equal(consent.decision, 'given');
      assert.equal(consent.recordedOn, '2026-11-23');

      const row = await t.services.disclosures.share(nurse, share({ personId: consenting.personId, caseId: consenting.caseId, siteId: custodySiteId }), TEST_ORIGIN);
      assert.equal(row.disclosure_status, 'disclosed');
      assert.equal(row.basis, 'consent');
      assert.equal(row.consent_screening_id, consent.screeningId);
      assert.equal(row.disclosed_at?.toISOString(), '2026-11-23T10:00:00.000Z');
      assert.equal(row.site_id, custodySiteId);
      assert.equal(row.requested_by, nurse.userId);

      const onCase = await t.services.disclosures.forCase(nurse, consenting.caseId);
      assert.deepEqual(onCase.map((d) => d.id), [row.id]);
      const [listed] = await t.services.disclosures.forPerson(nurse, consenting.personId);
      assert.equal(listed!.statusLabel, 'Shared');
      assert.equal(listed!.recipientLabel, 'Custody sergeant or custody staff');
      assert.equal(listed!.requested_by_name, 'Hannah Okafor');
      assert.equal(listed!.site_name, 'Laburnum Road police HQ custody suite');
    });

    test('the form says consent is given up front; a share posts, redirects and says who it was shared with', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const form = await agent.get(`/cases/${consenting.caseId}/disclosures/new`);
      assert.equal(form.status, 200);
      assert.match(form.body, /Consent to share with justice agencies: given on 23 November 2026/);
      assert.match(form.body, /aria-current="page">Disclosures/);
      const res = await agent.post(`/cases/${consenting.caseId}/disclosures`, {
        recipient: 'cps', recipientName: 'Juniper Ashcombe, CPS lawyer', siteId: '', content: 'Has been accepted by the Recovery Hub and attends weekly.',
        purpose: 'To inform the charging decision', basis: 'consent',
      });
      assert.equal(res.status, 303);
      const page = await agent.get(res.location!);
      assert.match(page.body, /Shared with Juniper Ashcombe, CPS lawyer/);
      assert.match(page.body, /Crown Prosecution Service/);
      assert.match(page.body, /Has been accepted by the Recovery Hub and attends weekly\./);
      assert.match(page.body, /Shared during this case, newest first/);
    });

    test('without consent, sharing on consent is refused, saying the person refused; nothing is written', async () => {
      await assert.rejects(
        t.services.disclosures.share(nurse, share({ personId: refusing.personId, caseId: refusing.caseId }), TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /The person refused consent to sharing with justice agencies/.test(e.fieldErrors.basis ?? ''),
      );
      const capacity = await openCase(t.services, nurse, { givenName: 'Ignatius', familyName: 'Pellowe-Strand', justiceSharing: 'lacks_capacity' });
      await assert.rejects(
        t.services.disclosures.share(nurse, share({ personId: capacity.personId }), TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /lacks capacity to consent/.test(e.fieldErrors.basis ?? ''),
      );
      const notAsked = await openCase(t.services, nurse, { givenName: 'Rosamund', familyName: 'Quibell-Hart', justiceSharing: 'not_asked' });
      await assert.rejects(
        t.services.disclosures.share(nurse, share({ personId: notAsked.personId }), TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /No consent to sharing with justice agencies is recorded/.test(e.fieldErrors.basis ?? ''),
      );
      await assert.rejects(
        t.services.disclosures.share(nurse, share({ personId: refusing.personId, basis: null }), TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /Select the basis for sharing/.test(e.fieldErrors.basis ?? ''),
      );
      assert.deepEqual(await t.services.disclosures.forPerson(nurse, refusing.personId), []);
    });

    test('the form shows each problem linked to its field, keeps the input, and explains the missing consent', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const form = await agent.get(`/cases/${refusing.caseId}/disclosures/new`);
      assert.match(form.body, /Consent to share with justice agencies: refused on 23 November 2026/);
      const res = await agent.post(`/cases/${refusing.caseId}/disclosures/new`, {
        recipient: '', recipientName: 'Probation duty officer', siteId: '', content: 'Kept text about the tenancy', purpose: '', basis: 'consent',
      });
      assert.equal(res.status, 400);
      assert.match(res.body, /<a href="#recipient">\s*Select who the information is shared with\s*<\/a>/);
      assert.match(res.body, /<a href="#purpose">\s*Enter why it is shared/);
      assert.match(res.body, /<a href="#basis">\s*The person refused consent to sharing with justice agencies/);
      assert.match(res.body, /value="Probation duty officer"/);
      assert.match(res.body, /Kept text about the tenancy/);
      assert.ok(res.body.indexOf('href="#recipient"') < res.body.indexOf('href="#purpose"'), 'errors in the order of the form');

      const legal = await agent.post(`/cases/${refusing.caseId}/disclosures/new`, {
        recipient: 'probation', recipientName: 'Probation duty officer', siteId: '', content: 'Text', purpose: 'Risk', basis: 'legal_basis', legalBasis: '', legalBasisReason: '',
      });
      assert.equal(legal.status, 400);
      assert.match(legal.body, /<a href="#legalBasis">\s*Select the legal basis for sharing without consent/);
      assert.match(legal.body, /<a href="#legalBasisReason">\s*Explain why consent is not relied on/);
      assert.deepEqual(await t.services.disclosures.forPerson(nurse, refusing.personId), []);
    });

    test('a case, site or person outside the service is refused as a field or not found, never a server error', async () => {
      const otherService = await actorFor(t.services, 'nurse.ayo');
      const foreignSite = (await t.services.sites.listForService(otherService.grant.serviceId!))[0]!.id;
      await assert.rejects(
        t.services.disclosures.share(nurse, share({ personId: consenting.personId, siteId: foreignSite }), TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /Select a custody suite, police station or court of this service/.test(e.fieldErrors.siteId ?? ''),
      );
      await assert.rejects(
        t.services.disclosures.share(nurse, share({ personId: consenting.personId, caseId: refusing.caseId }), TEST_ORIGIN),
        (e: unknown) => e instanceof ValidationError && /one of this person’s cases/.test(e.fieldErrors.caseId ?? ''),
      );
      await assert.rejects(t.services.disclosures.share(otherService, share({ personId: consenting.personId }), TEST_ORIGIN), NotFoundError);
      await assert.rejects(t.services.disclosures.share(nurse, share({ personId: consenting.personId, caseId: '00000000-0000-4000-8000-000000000000' }), TEST_ORIGIN), NotFoundError);
      await assert.rejects(t.services.disclosures.forPerson(otherService, consenting.personId), NotFoundError);
      await assert.rejects(t.services.disclosures.forCase(otherService, consenting.caseId), NotFoundError);

      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      await agent.get(`/cases/${consenting.caseId}/disclosures/new`);
      const res = await agent.post(`/cases/${consenting.caseId}/disclosures`, { recipient: 'court', recipientName: 'Court legal adviser', siteId: foreignSite, content: 'Text', purpose: 'Bail', basis: 'consent' });
      assert.equal(res.status, 400);
      assert.match(res.body, /<a href="#siteId">\s*Select a custody suite, police station or court of this service/);
    });

    test('a practitioner’s legal basis waits for a manager, who approves it; another is not approved, with the reason', async () => {
      const asked = await t.services.disclosures.share(nurse, share({
        personId: refusing.personId, caseId: refusing.caseId, recipient: 'custody', siteId: custodySiteId, basis: 'legal_basis', legalBasis: 'serious_harm',
        legalBasisReason: 'He refused, but has named a cellmate he means to hurt', content: 'Has said he will hurt the man in the next cell.',
      }), TEST_ORIGIN);
      assert.equal(asked.disclosure_status, 'awaiting_approval');
      assert.equal(asked.disclosed_at, null);
      assert.equal(asked.decided_by, null);

      const practitionerPage = new Agent(t.app);
      await practitionerPage.signIn('practitioner');
      const list = await practitionerPage.get(`/cases/${refusing.caseId}/disclosures?saved=${asked.id}`);
      assert.match(list.body, /Waiting for a team manager’s approval/);
      assert.match(list.body, /Awaiting a manager’s approval/);
      await assert.rejects(t.services.disclosures.awaitingApproval(nurse), ForbiddenError);
      await assert.rejects(t.services.disclosures.decide(nurse, asked.id, asked.version, 'approve', '', TEST_ORIGIN), ForbiddenError);

      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const approvals = await agent.get('/disclosures/approvals');
      assert.equal(approvals.status, 200);
      assert.match(approvals.body, /Thaddeus Vindlebrook: to PS Dunmore-Fitch, custody sergeant/);
      assert.match(approvals.body, /Has said he will hurt the man in the next cell\./);
      assert.match(approvals.body, /To prevent serious harm to the person or to others/);
      assert.match(approvals.body, /He refused, but has named a cellmate he means to hurt/);
      assert.match(approvals.body, new RegExp(`action="/disclosures/${asked.id}/decision"[^]*?name="version" value="1"`), 'the decision form carries the version read');

      const approved = await agent.post(`/disclosures/${asked.id}/decision`, { decision: 'approve', reason: '', version: '1' });
      assert.equal(approved.status, 303);
      assert.match((await agent.get(approved.location!)).body, /Disclosure approved/);
      const [shared] = await t.services.disclosures.forCase(manager, refusing.caseId);
      assert.equal(shared!.disclosure_status, 'disclosed');
      assert.equal(shared!.decided_by, manager.userId);
      assert.equal(shared!.decided_by_name, 'Joanne Barraclough');
      assert.equal(shared!.decided_at?.toISOString(), '2026-11-23T10:00:00.000Z');
      assert.equal(shared!.disclosed_at?.toISOString(), '2026-11-23T10:00:00.000Z');
      assert.equal(shared!.version, 2);

      const second = await t.services.disclosures.share(nurse, share({
        personId: refusing.personId, caseId: refusing.caseId, recipient: 'youth_justice', recipientName: 'Youth justice duty officer', basis: 'legal_basis',
        legalBasis: 'crime_and_disorder_act', legalBasisReason: 'Refused consent; worried about his brother', content: 'Lives with his younger brother.',
      }), TEST_ORIGIN);
      const noReason = await agent.post(`/disclosures/${second.id}/decision`, { decision: 'refuse', reason: '', version: '1' });
      assert.equal(noReason.status, 400);
      assert.ok(noReason.body.includes(`href="#reason-${second.id}"`), 'the error links to the reason of that disclosure');
      assert.match(noReason.body, /Say why the disclosure is not approved/);
      const noChoice = await agent.post(`/disclosures/${second.id}/decision`, { reason: 'Typed but no choice', version: '1' });
      assert.equal(noChoice.status, 400);
      assert.ok(noChoice.body.includes(`href="#decision-${second.id}"`));
      assert.match(noChoice.body, /Typed but no choice/, 'the reason typed is kept');

      const refused = await agent.post(`/disclosures/${second.id}/decision`, { decision: 'refuse', reason: 'Ask him again tomorrow when calmer', version: '1' });
      assert.equal(refused.status, 303);
      const after = (await t.services.disclosures.forPerson(manager, refusing.personId)).find((d) => d.id === second.id)!;
      assert.equal(after.disclosure_status, 'not_approved');
      assert.equal(after.decision_reason, 'Ask him again tomorrow when calmer');
      assert.equal(after.disclosed_at, null);
      assert.equal(after.decided_by, manager.userId, 'who did not approve it is kept');
      assert.equal(after.decided_by_name, 'Joanne Barraclough');
      assert.ok(!(await agent.get('/disclosures/approvals')).body.includes(`/disclosures/${second.id}/decision`), 'a decided disclosure leaves the list');

      const events = await t.services.audit.search({ personId: refusing.personId });
      const actions = events.map((e) => e.action);
      for (const action of ['disclosure.requested', 'disclosure.approved', 'disclosure.not_approved']) assert.ok(actions.includes(action), action);
      assert.equal(events.find((e) => e.action === 'disclosure.not_approved')!.subject_id, second.id);
      assert.ok((await t.services.audit.search({ personId: consenting.personId })).some((e) => e.action === 'disclosure.shared'));
    });

    test('a team manager’s own legal basis is shared at once, approved by them', async () => {
      const row = await t.services.disclosures.share(manager, share({
        personId: refusing.personId, recipient: 'court', recipientName: 'Legal adviser, Calder Vale Magistrates', basis: 'legal_basis', legalBasis: 'court_order',
        legalBasisReason: 'The court ordered a report on his mental state',
      }), TEST_ORIGIN);
      assert.equal(row.disclosure_status, 'disclosed');
      assert.equal(row.decided_by, manager.userId);
    });

    test('a stale decision is refused as a conflict; nothing is overwritten', async () => {
      const asked = await t.services.disclosures.share(nurse, share({
        personId: refusing.personId, recipient: 'defence', recipientName: 'Duty solicitor', basis: 'legal_basis', legalBasis: 'safeguarding', legalBasisReason: 'Could not be asked: asleep',
      }), TEST_ORIGIN);
      const first = new Agent(t.app);
      const second = new Agent(t.app);
      await first.signIn('manager', { role: 'team_manager' });
      await second.signIn('manager', { role: 'team_manager' });
      await first.get('/disclosures/approvals');
      await second.get('/disclosures/approvals');
      assert.equal((await first.post(`/disclosures/${asked.id}/decision`, { decision: 'refuse', reason: 'Ask again in the morning', version: '1' })).status, 303);
      const stale = await second.post(`/disclosures/${asked.id}/decision`, { decision: 'approve', reason: '', version: '1' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else decided on this disclosure while you were reading it/);
      await assert.rejects(t.services.disclosures.decide(manager, asked.id, 1, 'approve', '', TEST_ORIGIN), ConflictError);
      await assert.rejects(t.services.disclosures.decide(manager, asked.id, 2, 'approve', '', TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && /not waiting for approval/.test(e.fieldErrors.decision ?? ''));
      const now = (await t.services.disclosures.forPerson(manager, refusing.personId)).find((d) => d.id === asked.id)!;
      assert.equal(now.disclosure_status, 'not_approved');
      assert.equal(now.decision_reason, 'Ask again in the morning');
    });

    test('support workers, custody and court staff, partners and volunteers cannot share', async () => {
      for (const username of ['support', 'custody-officer', 'court', 'partner', 'volunteer']) {
        const actor = await actorFor(t.services, username);
        await assert.rejects(t.services.disclosures.share(actor, share({ personId: consenting.personId }), TEST_ORIGIN), ForbiddenError, username);
        const agent = new Agent(t.app);
        await agent.signIn(username);
        assert.equal((await agent.get(`/cases/${consenting.caseId}/disclosures/new`)).status, username === 'support' ? 403 : 404, username);
        await agent.get('/');
        assert.equal((await agent.post(`/cases/${consenting.caseId}/disclosures`, { recipient: 'cps', recipientName: 'CPS', content: 'x', purpose: 'y', basis: 'consent' })).status, username === 'support' ? 403 : 404, username);
        assert.equal((await agent.get('/disclosures/approvals')).status, 403, username);
      }
      const support = await actorFor(t.services, 'support');
      await assert.rejects(t.services.disclosures.awaitingApproval(support), ForbiddenError);
      assert.equal((await t.services.disclosures.forCase(nurse, consenting.caseId)).length, 2, 'nothing more was shared');
    });

    test('the person’s page lists every disclosure made about them; the empty state says so', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const page = await agent.get(`/people/${refusing.personId}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /<h2 id="disclosures">Disclosures<\/h2>/);
      assert.match(page.body, /Information shared about Thaddeus Vindlebrook outside the health team, newest first/);
      for (const text of ['Has said he will hurt the man in the next cell.', 'Lives with his younger brother.', 'Legal adviser, Calder Vale Magistrates', 'Duty solicitor']) assert.ok(page.body.includes(text), text);
      assert.match(page.body, /Ask him again tomorrow when calmer/);
      assert.match(page.body, /approved by Joanne Barraclough/);
      assert.match(page.body, /Legal basis: To prevent serious harm to the person or to others/);
      assert.equal((page.body.match(/<tr class="nhsuk-table__row" id="disclosure-/g) ?? []).length, 4);
      assert.doesNotMatch(page.body, /undefined|\[object/);

      const fresh = await openCase(t.services, nurse, { givenName: 'Wilhelmina', familyName: 'Stackpole-Orr' });
      assert.match((await agent.get(`/people/${fresh.personId}`)).body, /No disclosures have been made about this person\./);
      assert.match((await agent.get(`/cases/${fresh.caseId}/disclosures`)).body, /No disclosures have been made about this person\./);
    });

    test('with nothing waiting, the approvals page says so', async () => {
      for (const d of await t.services.disclosures.awaitingApproval(manager)) {
        await t.services.disclosures.decide(manager, d.id, d.version, 'refuse', 'Consent to be asked first', TEST_ORIGIN);
      }
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get('/disclosures/approvals');
      assert.equal(page.status, 200);
      assert.match(page.body, /No disclosures are waiting for your approval\./);
      assert.doesNotMatch(page.body, /Save decision/);
    });
  });
}
