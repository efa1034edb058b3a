// Two workers save the same part of a case: closing it, deciding on its closure, the team's follow-up setting,
// allocating it, recording a plan review, correcting a fact. The second is shown what the first saved beside their
// own answers, nothing is overwritten unseen, and saving again having seen it goes through, with both in the audit trail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, type TestApp } from '../support/app.js';
import { assertConflictPage, auditedBy, twoPractitioners, versionOf, whatChanged } from '../support/conflicts.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import type { Actor } from '../../src/domain/actor.js';

/** The value a form carries in its hidden `was` field, unescaped. */
const wasOf = (body: string) => (/name="was" value="([^"]*)"/.exec(body)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

const SECOND_MANAGER = { username: 'manager.tamsin', password: 'lantern harbour meadow 42' };

for (const engine of testEngines()) {
  describe(`concurrent edits of case work (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let hannah: Actor;
    let manager: Actor;
    /** Two practitioners of the same service, each in their own browser. */
    let first: Agent;
    let second: Agent;
    /** Two team managers of the same service. */
    let firstManager: Agent;
    let secondManager: Agent;

    before(async () => {
      ({ t, hannah, first, second } = await twoPractitioners(engine, clock));
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      const tamsin = await t.services.users.createUser({ ...SECOND_MANAGER, displayName: 'Tamsin Oakroyd', jobTitle: 'Deputy team manager', email: 'tamsin.oakroyd@example.org' }, { userId: null, username: 'test' }, TEST_ORIGIN);
      await t.db.insertInto('role_grant').values({ user_id: tamsin.id, role: 'team_manager', service_id: manager.grant.serviceId, site_id: null, partner_organisation_id: null, created_by: null }).execute();
      firstManager = new Agent(t.app);
      await firstManager.signIn('manager', { role: 'team_manager' });
      secondManager = new Agent(t.app);
      await secondManager.signIn(SECOND_MANAGER.username, { password: SECOND_MANAGER.password });
    });
    after(() => t.close());

    test('closure: a closure sent back meanwhile is shown beside the one typed, kept, and replaced once saved again', async () => {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName: 'Saoirse', familyName: 'Holdsworth-Lund' });
      await t.db.updateTable('case_episode').set({ opened_at: new Date('2026-11-02T10:00:00Z') }).where('id', '=', caseId).execute();
      const url = `/cases/${caseId}/closure`;
      const form = (version: string, changes: Record<string, string> = {}) => ({
        version, reason: 'disengaged', details: '', 'closedOn[day]': '20', 'closedOn[month]': '11', 'closedOn[year]': '2026', exitSummary: 'Stopped answering calls after week 3', ...changes,
      });
      const version = versionOf((await first.get(url)).body);
      assert.equal(versionOf((await second.get(url)).body), version, 'both read the same version');

      const asked = await first.post(url, form(version));
      assert.equal(asked.status, 303);
      assert.equal(asked.location, `${url}?saved=requested`, 'the plan was never agreed, so the closure waits for a manager');
      const requested = await t.services.cases.get(hannah, caseId);
      await t.services.closures.signOff(manager, caseId, requested.version, 'send_back', 'Try one more home visit first', TEST_ORIGIN);

      const typed = { reason: 'moved_away', 'closedOn[day]': '21', exitSummary: 'Moved to Leeds to live with his sister' };
      const stale = await second.post(url, form(version, typed));
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else changed this record while you were editing it/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Reason for closure'), ['Not given', 'Moved away'], 'sending back cleared the reason');
      assert.deepEqual(rows.get('Closure date'), ['Not given', '21 November 2026']);
      assert.deepEqual(rows.get('Exit summary'), ['Stopped answering calls after week 3', 'Moved to Leeds to live with his sister']);
      assert.equal(rows.size, 3, 'the details, blank in both, are not listed');
      assert.match(stale.body, /<textarea[^>]*id="exitSummary"[^>]*>Moved to Leeds to live with his sister<\/textarea>/, 'their typed answers stay in the form');
      assert.match(stale.body, /value="moved_away" checked/);
      const latest = versionOf(stale.body);
      const row = await t.services.cases.get(hannah, caseId);
      assert.equal(Number(latest), Number(version) + 2, 'the form now carries the latest version');
      assert.equal(Number(latest), row.version);
      assert.equal(row.case_status, 'open', 'nothing saved');
      assert.equal(row.exit_summary, 'Stopped answering calls after week 3', 'nothing overwritten');

      assert.equal((await second.post(url, form(latest, typed))).status, 303);
      const now = await t.services.cases.get(hannah, caseId);
      assert.equal(now.case_status, 'closure_requested');
      assert.equal(now.closure_reason, 'moved_away');
      assert.equal(now.closed_on, '2026-11-21');
      assert.equal(now.exit_summary, 'Moved to Leeds to live with his sister');
      assert.deepEqual(await auditedBy(t, personId, 'case.closure_requested'), ['practitioner', 'slt.imogen']);

      // A closure asked for meanwhile cannot be replaced with this form: the page says so and shows what was typed.
      const late = await first.post(url, form(version));
      assert.equal(late.status, 409);
      assert.match(late.body, /Someone else asked for this case to be closed while you were working on it, so your closure has not been saved/);
      assert.match(late.body, /Your closure, not saved[\s\S]*Disengaged[\s\S]*20 November 2026[\s\S]*Stopped answering calls after week 3/);
      assert.doesNotMatch(late.body, /What changed/);
      assert.equal((await t.services.cases.get(hannah, caseId)).exit_summary, 'Moved to Leeds to live with his sister', 'nothing overwritten');
    });

    test('closure sign-off: a decision already taken by another manager is named, and the second is not saved', async () => {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName: 'Pim', familyName: 'Ravensworth' });
      const c = await t.services.cases.get(hannah, caseId);
      const closing = { reason: 'plan_completed', details: '', closedOn: { day: '23', month: '11', year: '2026' }, exitSummary: 'Registered with a GP and attending the recovery hub', exitStatuses: {} };
      assert.equal(await t.services.closures.close(hannah, caseId, c.version, closing, TEST_ORIGIN), 'closure_requested');
      const url = `/cases/${caseId}/closure`;
      const version = versionOf((await firstManager.get(url)).body);
      assert.ok(version);
      assert.equal(versionOf((await secondManager.get(url)).body), version);

      assert.equal((await firstManager.post(`${url}/sign-off`, { version, decision: 'approve', note: '' })).status, 303);
      const stale = await secondManager.post(`${url}/sign-off`, { version, decision: 'send_back', note: 'Check the recovery hub referral first' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Another team manager signed off this closure while you were deciding on it: the case is closed\. Your decision has not been saved\./);
      assert.match(stale.body, /href="#form"/, 'the error summary leads to the message');
      assert.equal((await t.services.cases.get(hannah, caseId)).case_status, 'closed', 'nothing overwritten');
      assert.equal((await t.services.audit.search({ personId, action: 'case.closure_sent_back' })).length, 0);
    });

    test('follow-up setting: the second save shows both numbers, keeps the first, and saves once repeated', async () => {
      const url = '/team/follow-up-setting';
      const version = versionOf((await firstManager.get(url)).body);
      assert.equal(versionOf((await secondManager.get(url)).body), version);

      assert.equal((await firstManager.post(url, { version, followUpAfterDays: '56' })).status, 303);
      const stale = await secondManager.post(url, { version, followUpAfterDays: '120' });
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else changed this setting to 56 days while you were editing it/);
      const rows = whatChanged(stale);
      assert.deepEqual([...rows], [['Days after closure', ['56', '120']]]);
      assert.match(stale.body, /id="followUpAfterDays"[^>]*value="120"|value="120"[^>]*id="followUpAfterDays"/, 'the typed number stays in the form');
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1);
      const setting = async () => (await t.services.closures.followUpSetting(manager)).follow_up_after_days;
      assert.equal(await setting(), 56, 'nothing overwritten');

      assert.equal((await secondManager.post(url, { version: latest, followUpAfterDays: '120' })).status, 303);
      assert.equal(await setting(), 120);
      const changes = await t.services.audit.search({ action: 'service.follow_up_setting_changed' });
      assert.deepEqual(changes.map((e) => e.username).reverse(), ['manager', SECOND_MANAGER.username]);
    });

    test('allocation: a case allocated meanwhile is shown beside the choice made, kept, and reallocated once saved again', async () => {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName: 'Ottoline', familyName: 'Brigstock' });
      const support = await actorFor(t.services, 'support');
      const url = `/cases/${caseId}`;
      const version = versionOf((await firstManager.get(url)).body);
      assert.equal(versionOf((await secondManager.get(url)).body), version);

      assert.equal((await firstManager.post(`${url}/allocation`, { version, toUserId: support.userId, reason: '' })).status, 303);
      const stale = await secondManager.post(`${url}/allocation`, { version, toUserId: hannah.userId, reason: 'Needs a nurse for the low mood' });
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else changed this case while you were allocating it/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Worker'), ['Callum Firth', 'Hannah Okafor']);
      assert.deepEqual(rows.get('Reason for reallocating'), ['Not given', 'Needs a nurse for the low mood']);
      assert.equal(rows.size, 2);
      assert.match(stale.body, new RegExp(`value="${hannah.userId}" selected`), 'the worker chosen stays chosen');
      assert.match(stale.body, /<textarea[^>]*id="reason"[^>]*>Needs a nurse for the low mood<\/textarea>/);
      const latest = versionOf(stale.body);
      assert.equal(Number(latest), Number(version) + 1);
      assert.equal((await t.services.cases.get(hannah, caseId)).allocated_to, support.userId, 'nothing overwritten');

      assert.equal((await secondManager.post(`${url}/allocation`, { version: latest, toUserId: hannah.userId, reason: 'Needs a nurse for the low mood' })).status, 303);
      assert.equal((await t.services.cases.get(hannah, caseId)).allocated_to, hannah.userId);
      assert.deepEqual(await auditedBy(t, personId, 'case.allocated'), ['manager']);
      assert.deepEqual(await auditedBy(t, personId, 'case.reallocated'), [SECOND_MANAGER.username]);
    });

    test('plan review: a review recorded meanwhile is shown beside the one typed, kept, and replaced once saved again', async () => {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName: 'Juno', familyName: 'Aykroyd-Penn' });
      const serviceId = hannah.grant.serviceId!;
      await t.db.insertInto('support_plan').values({ service_id: serviceId, case_id: caseId, plan_status: 'agreed', agreed_on: '2026-11-09', agreed_by: hannah.userId }).execute();
      await t.db.updateTable('case_episode').set({ plan_agreed_on: '2026-11-09' }).where('id', '=', caseId).execute();
      const review = await t.db.insertInto('plan_review').values({ service_id: serviceId, case_id: caseId, due_on: '2026-11-23' }).returning('id').executeTakeFirstOrThrow();
      const url = `/cases/${caseId}/plan/reviews/${review.id}`;
      const seen = wasOf((await first.get(url)).body);
      assert.equal(seen, '', 'the review is not recorded yet');
      assert.equal(wasOf((await second.get(url)).body), seen);
      const form = (was: string, day: string, notes: string) => ({ was, 'completedOn[day]': day, 'completedOn[month]': '11', 'completedOn[year]': '2026', notes });

      assert.equal((await first.post(url, form(seen, '20', 'Sleeping better; two sessions at the recovery hub'))).status, 303);
      const stale = await second.post(url, form(seen, '23', 'Missed the recovery hub twice; wants to change the goal'));
      assert.equal(stale.status, 409);
      assert.match(stale.body, /nhsuk-card--warning[\s\S]*Someone else saved this while you were working on it/);
      assert.doesNotMatch(stale.body, /They saved it on/, 'a review keeps no time of saving');
      assert.match(stale.body, /Your version is in the form below\. Save again to replace theirs, or change the form first\./);
      assert.match(stale.body, /href="#what-changed"[^>]*>\s*Someone else recorded this review while you were writing it/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Date of the review'), ['20 November 2026', '23 November 2026']);
      assert.deepEqual(rows.get('Notes of the review'), ['Sleeping better; two sessions at the recovery hub', 'Missed the recovery hub twice; wants to change the goal']);
      assert.match(stale.body, /<textarea[^>]*id="notes"[^>]*>Missed the recovery hub twice; wants to change the goal<\/textarea>/);
      assert.match(stale.body, /name="completedOn\[day\]"[^>]*value="23"|value="23"[^>]*name="completedOn\[day\]"/);
      const latest = wasOf(stale.body);
      assert.deepEqual(JSON.parse(latest), ['2026-11-20', 'Sleeping better; two sessions at the recovery hub'], 'the form now carries the review as recorded');
      const stored = () => t.db.selectFrom('plan_review').select(['completed_on', 'notes']).where('id', '=', review.id).executeTakeFirstOrThrow();
      assert.deepEqual(await stored(), { completed_on: '2026-11-20', notes: 'Sleeping better; two sessions at the recovery hub' }, 'nothing overwritten');

      assert.equal((await second.post(url, form(latest, '23', 'Missed the recovery hub twice; wants to change the goal'))).status, 303);
      assert.deepEqual(await stored(), { completed_on: '2026-11-23', notes: 'Missed the recovery hub twice; wants to change the goal' });
      assert.deepEqual(await auditedBy(t, personId, 'support_plan.review_recorded'), ['practitioner', 'slt.imogen']);
      assert.equal((await first.post(url, form(seen, '21', 'Again'))).status, 409, 'a form that has not seen the review still cannot replace it');
    });

    test('correction: a fact corrected meanwhile is shown with their reason beside this correction, kept, and saved once repeated', async () => {
      const { caseId, personId } = await openCase(t.services, hannah, { givenName: 'Casimir', familyName: 'Oldroyd' });
      const contactId = await t.services.contacts.book(hannah, caseId, { kind: 'outreach', startsAt: new Date('2026-11-22T15:00:00Z'), place: 'Town centre', withWhom: '', workerId: null, workerWentToo: false, notes: '' }, TEST_ORIGIN);
      const url = `/cases/${caseId}/corrections/contact/${contactId}/place`;
      const was = wasOf((await first.get(url)).body);
      assert.equal(was, '"Town centre"');
      assert.equal(wasOf((await second.get(url)).body), was);

      assert.equal((await first.post(url, { was, value: 'Halifax library', reason: 'Wrong place picked' })).status, 303);
      const stale = await second.post(url, { was, value: 'Brighouse library', reason: 'Met at the library in Brighouse' });
      assertConflictPage(stale);
      assert.match(stale.body, /Someone else changed this while you were correcting it/);
      const rows = whatChanged(stale);
      assert.deepEqual(rows.get('Place of the contact'), ['Halifax library', 'Brighouse library']);
      assert.deepEqual(rows.get('Reason for the correction'), ['Wrong place picked', 'Met at the library in Brighouse']);
      assert.equal(rows.size, 2);
      assert.match(stale.body, /id="value"[^>]*value="Brighouse library"|value="Brighouse library"[^>]*id="value"/, 'the typed value stays in the form');
      assert.match(stale.body, /<textarea[^>]*id="reason"[^>]*>Met at the library in Brighouse<\/textarea>/);
      const latest = wasOf(stale.body);
      assert.equal(latest, '"Halifax library"', 'the form now carries the value as it stands');
      const place = async () => (await t.db.selectFrom('contact').select('place').where('id', '=', contactId).executeTakeFirstOrThrow()).place;
      assert.equal(await place(), 'Halifax library', 'nothing overwritten');

      assert.equal((await second.post(url, { was: latest, value: 'Brighouse library', reason: 'Met at the library in Brighouse' })).status, 303);
      assert.equal(await place(), 'Brighouse library');
      assert.deepEqual(await auditedBy(t, personId, 'record.corrected'), ['practitioner', 'slt.imogen']);
    });
  });
}
