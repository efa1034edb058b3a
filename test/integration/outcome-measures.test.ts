// Outcome measures on a small known world in a service of its own: engagement at exit and at follow-up, proven
// re-offending against each comparison group with intervals and tests, incomplete cohorts, bad input, and a
// commissioner's page with small numbers hidden and no names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { NotFoundError, ValidationError } from '../../src/services/errors.js';
import { twoProportionTest, wilsonInterval } from '../../src/domain/statistics/proportions.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Role } from '../../src/domain/roles.js';

const FROM = '2023-01-01';
const TO = '2026-06-15';

for (const engine of testEngines()) {
  describe(`outcome measures (${engine})`, () => {
    const clock = fixedClock('2026-06-15T10:00:00Z');
    let t: TestApp;
    let serviceId: string;
    let siteId: string;
    let partnerId: string;
    let staffId: string;
    const actorAs = (role: Role, userId = staffId): Actor => ({ userId, username: 'x', displayName: 'x', grant: { id: '00000000-0000-0000-0000-000000000000', role, serviceId, siteId: null, partnerOrganisationId: null } });

    async function personReferred(givenName: string, referredOn: string, screened: boolean) {
      const p = await t.db.insertInto('person').values({ service_id: serviceId, given_name: givenName, family_name: 'Quennell-Brightwater' }).returning('id').executeTakeFirstOrThrow();
      const r = await t.db.insertInto('referral').values({
        service_id: serviceId, site_id: siteId, person_id: p.id, subject_given_name: givenName, subject_family_name: 'Quennell-Brightwater', source: 'custody_staff',
        referred_at: new Date(`${referredOn}T09:00:00Z`), reason_for_concern: 'Low mood', custody_status: 'in_custody', referral_state: screened ? 'assessment_needed' : 'new',
      }).returning('id').executeTakeFirstOrThrow();
      if (screened) {
        await t.db.insertInto('screening').values({
          service_id: serviceId, referral_id: r.id, person_id: p.id, form_version: 1, findings: '{}', consent: '{}', outcome: 'full_assessment', screening_status: 'completed',
          screened_by: staffId, started_at: new Date(`${referredOn}T10:00:00Z`), completed_at: new Date(`${referredOn}T10:30:00Z`),
        }).execute();
      }
      return { personId: p.id, referralId: r.id };
    }

    async function supportedCase(givenName: string, referredOn: string, closure: { on: string; reason: 'plan_completed' | 'disengaged'; dueOn: string; exit: 'engaged' | 'disengaged' | 'did_not_attend'; followUp: 'yes' | 'no' | null } | null) {
      const { personId, referralId } = await personReferred(givenName, referredOn, true);
      const c = await t.db.insertInto('case_episode').values({
        service_id: serviceId, person_id: personId, referral_id: referralId, opened_at: new Date(`${referredOn}T11:00:00Z`), opened_by: staffId, plan_agreed_on: referredOn,
        ...(closure ? { case_status: 'closed', closure_reason: closure.reason, closed_on: closure.on, closed_at: new Date(`${closure.on}T12:00:00Z`), follow_up_due_on: closure.dueOn } : {}),
      }).returning('id').executeTakeFirstOrThrow();
      if (closure) {
        const o = await t.db.insertInto('onward_referral').values({
          service_id: serviceId, case_id: c.id, person_id: personId, partner_organisation_id: partnerId, reason: 'Support with mood', onward_state: closure.exit, state_changed_on: closure.on, exit_status: closure.exit, created_by: staffId,
        }).returning('id').executeTakeFirstOrThrow();
        if (closure.followUp) {
          await t.db.insertInto('follow_up').values({ service_id: serviceId, case_id: c.id, still_engaged: JSON.stringify({ [o.id]: closure.followUp }), new_arrest: 'no', followed_up_on: closure.dueOn, recorded_by: staffId, recorded_at: new Date(`${closure.dueOn}T12:00:00Z`) }).execute();
        }
      }
      return personId;
    }

    const convicted = (personId: string, offenceOn: string, outcomeOn: string, outcome: 'conviction' | 'caution' | 'arrest' = 'conviction') =>
      t.db.insertInto('justice_event').values({ service_id: serviceId, person_id: personId, offence_on: offenceOn, outcome, outcome_on: outcomeOn, source: 'recorded', recorded_by: staffId, recorded_at: clock.now() }).execute();

    before(async () => {
      t = await startTestApp(engine, { clock });
      const staff = (await t.services.users.findByUsername('practitioner'))!;
      staffId = staff.id;
      serviceId = (await t.db.insertInto('service').values({ code: 'ashgrove-test', name: 'Ashgrove Liaison and Diversion' }).returning('id').executeTakeFirstOrThrow()).id;
      siteId = (await t.db.insertInto('site').values({ service_id: serviceId, code: 'AG-CS1', name: 'Ashgrove custody suite', site_kind: 'custody_suite' }).returning('id').executeTakeFirstOrThrow()).id;
      partnerId = (await t.db.insertInto('partner_organisation').values({ service_id: serviceId, name: 'Ashgrove Minds', pathway: 'adult_mental_health', typical_wait_days: 14 }).returning('id').executeTakeFirstOrThrow()).id;
      const commissioner = (await t.services.users.findByUsername('commissioner'))!;
      const manager = (await t.services.users.findByUsername('manager'))!;
      await t.db.insertInto('role_grant').values([{ user_id: commissioner.id, role: 'commissioner', service_id: serviceId }, { user_id: manager.id, role: 'team_manager', service_id: serviceId }, { user_id: staffId, role: 'practitioner', service_id: serviceId }]).execute();

      // Supported, 2023 Q1: 10 closed after a completed plan; 7 engaged at exit; 8 followed up (5 still engaged), 2 not recorded.
      const supported: string[] = [];
      for (let i = 0; i < 10; i++) {
        supported.push(await supportedCase(`Supported${i}`, `2023-02-${String(10 + i)}`, {
          on: '2023-05-01', reason: 'plan_completed', dueOn: '2023-07-24', exit: i < 7 ? 'engaged' : 'disengaged', followUp: i < 8 ? (i < 5 ? 'yes' : 'no') : null,
        }));
      }
      await convicted(supported[0]!, '2023-06-01', '2023-08-01');
      await convicted(supported[0]!, '2023-09-01', '2023-12-01');
      await convicted(supported[1]!, '2023-07-01', '2023-10-01');
      await convicted(supported[2]!, '2024-01-15', '2024-06-01');
      await convicted(supported[3]!, '2023-07-01', '2023-07-02', 'arrest'); // not proven
      await convicted(supported[4]!, '2024-03-01', '2024-09-01'); // offence more than 12 months after the index: not counted
      // Disengaged, 2023 Q2: closed recently, so their follow-ups are not yet due; 1 re-offender.
      const disengaged: string[] = [];
      for (let i = 0; i < 3; i++) disengaged.push(await supportedCase(`Drifted${i}`, `2023-04-1${i}`, { on: '2026-05-01', reason: 'disengaged', dueOn: '2026-07-24', exit: 'did_not_attend', followUp: null }));
      await convicted(disengaged[0]!, '2023-10-01', '2024-01-10');
      // Screened, not supported, 2023 Q1: 8 people, 4 cautioned.
      for (let i = 0; i < 8; i++) {
        const { personId } = await personReferred(`Screened${i}`, `2023-03-0${i + 1}`, true);
        if (i < 4) await convicted(personId, '2023-05-05', '2023-05-20', 'caution');
      }
      // Never screened: in neither group.
      await personReferred('Unscreened', '2023-03-15', false);
      // Supported, 2025 Q4: still inside 12 + 6 months on 15 June 2026.
      const recent: string[] = [];
      for (let i = 0; i < 6; i++) recent.push(await supportedCase(`Recent${i}`, `2025-11-1${i}`, null));
      await convicted(recent[0]!, '2026-01-05', '2026-03-01');
    });
    after(() => t.close());

    test('engagement at exit and at follow-up, with Wilson intervals and the not-yet-due counted apart', async () => {
      const view = await t.services.outcomeMeasures.view(actorAs('team_manager'), { serviceId, from: FROM, to: TO, comparison: 'screened_not_supported' }, TEST_ORIGIN);
      const e = view.engagement;
      assert.equal(e.closed.value, 13);
      const exit = wilsonInterval(7, 13);
      assert.equal(e.atExit.successes.value, 7);
      assert.equal(e.atExit.n.value, 13);
      assert.ok(Math.abs(e.atExit.lower! - exit.lower!) < 1e-12 && Math.abs(e.atExit.upper! - exit.upper!) < 1e-12);
      const later = wilsonInterval(5, 8);
      assert.equal(e.atFollowUp.successes.value, 5);
      assert.equal(e.atFollowUp.n.value, 8);
      assert.ok(Math.abs(e.atFollowUp.lower! - later.lower!) < 1e-12);
      assert.equal(e.notYetDue.value, 3);
      assert.equal(e.notRecorded.value, 2);
      const audited = await t.db.selectFrom('audit_event').select(['action', 'detail']).where('action', '=', 'outcomes.viewed').where('subject_id', '=', serviceId).execute();
      assert.ok(audited.length >= 1, 'the view is audited with its filters');
    });

    test('re-offending against the screened, not supported: cohorts, the incomplete cohort and the comparison', async () => {
      const view = await t.services.outcomeMeasures.view(actorAs('practitioner'), { serviceId, from: FROM, to: TO, comparison: 'screened_not_supported' }, TEST_ORIGIN);
      assert.deepEqual(view.cohorts.map((c) => [c.quarter, c.complete]), [['2023-Q1', true], ['2023-Q2', true], ['2025-Q4', false]]);
      const [q1, , q4] = view.cohorts;
      assert.equal(q1!.supported!.people.value, 10);
      assert.equal(q1!.supported!.reoffenders.value, 3);
      assert.equal(q1!.supported!.frequency!.value, 0.4, '4 proven re-offences among 10 people');
      assert.equal(q1!.comparison!.rate!.proportion, 0.5);
      assert.equal(q4!.supported!.people.value, 6);
      assert.equal(q4!.supported!.rate, null, 'an incomplete cohort has no rate');
      assert.equal(q4!.followUpEndsOn, '2027-06-30');
      const expected = twoProportionTest(4, 13, 4, 8);
      assert.equal(view.complete!.supported.successes.value, 4);
      assert.equal(view.complete!.supported.n.value, 13);
      assert.ok(Math.abs(view.complete!.difference!.value - expected.difference!) < 1e-12);
      assert.ok(Math.abs(view.complete!.difference!.lower - expected.lower!) < 1e-12);
      assert.ok(Math.abs(view.complete!.difference!.z! - expected.z!) < 1e-12);
      assert.equal(view.survival.supported.people.value, 19);
      assert.equal(view.survival.comparison.people.value, 8);
    });

    test('the team page: figures, the incomplete cohort in words, the chart and the caution about cause', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get(`/outcomes?service=${serviceId}&comparison=supported_disengaged&from[day]=1&from[month]=1&from[year]=2023`);
      assert.equal(page.status, 200);
      const exit = wilsonInterval(7, 13);
      assert.match(page.body, new RegExp(`${(exit.proportion! * 100).toFixed(1)}%</td><td class="nhsuk-table__cell">${(exit.lower! * 100).toFixed(1)}% to ${(exit.upper! * 100).toFixed(1)}%</td><td class="nhsuk-table__cell">7 of 13`));
      assert.match(page.body, /Incomplete — follow-up ends on 30 June 2027/);
      const d = twoProportionTest(3, 10, 1, 3);
      assert.match(page.body, new RegExp(`supported minus comparison: −${Math.abs(d.difference! * 100).toFixed(1)} percentage points`));
      assert.match(page.body, /<svg [^>]*role="img"/);
      assert.match(page.body, /an association: it does not prove that the service caused it/);
      assert.match(page.body, /Log-rank test: chi-square/);
    });

    test('a commissioner sees the figures with small numbers hidden, and no name', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('commissioner');
      const page = await agent.get(`/outcomes?service=${serviceId}&from[day]=1&from[month]=1&from[year]=2023`);
      assert.equal(page.status, 200);
      assert.match(page.body, /7 of 13/, 'counts of 5 or more are shown');
      assert.match(page.body, /id="engagement-at-follow-up"[\s\S]*?>\*<\/td>[\s\S]*?>5 of 8</, 'a rate whose complement is 3 is hidden');
      assert.match(page.body, /Left out of the follow-up figure: \* cases/);
      assert.doesNotMatch(page.body, /Quennell-Brightwater|Supported0|Screened0|Recent0/);
      assert.match(page.body, /Not shown: a number from 1 to 4/);
      assert.match(page.body, /id="survival-table"[\s\S]*?>\*<\/td>/, 'a point of the curve that implies a small number is hidden');
      const commissioner = (await t.services.users.findByUsername('commissioner'))!;
      const view = await t.services.outcomeMeasures.view(actorAs('commissioner', commissioner.id), { serviceId, from: '2023-01-01', to: TO, comparison: 'screened_not_supported' }, TEST_ORIGIN);
      for (const curve of [view.survival.supported, view.survival.comparison]) {
        assert.ok(curve.steps.every((s) => [0, 91, 183, 274, 365].includes(s.time)), 'the curve is drawn through the table\'s points only, not each re-offence');
      }
    });

    test('bad input: impossible dates and a period backwards keep the input; an unknown group names the field; another service is not found', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const bad = await agent.get(`/outcomes?service=${serviceId}&from[day]=31&from[month]=2&from[year]=2024`);
      assert.equal(bad.status, 400);
      assert.match(bad.body, /There is a problem/);
      assert.match(bad.body, /href="#from-/);
      assert.match(bad.body, /name="from\[day\]"[^>]*value="31"/);
      const backwards = await agent.get(`/outcomes?service=${serviceId}&from[day]=1&from[month]=1&from[year]=2026&to[day]=1&to[month]=1&to[year]=2025`);
      assert.equal(backwards.status, 400);
      assert.match(backwards.body, /The last date of the period must be the same as or after the first date/);
      const group = await agent.get(`/outcomes?service=${serviceId}&comparison=everyone`);
      assert.equal(group.status, 400);
      assert.match(group.body, /href="#comparison">\s*Choose a comparison group from the list/);
      await assert.rejects(t.services.outcomeMeasures.view(actorAs('practitioner'), { serviceId, from: FROM, to: TO, comparison: 'nobody' }, TEST_ORIGIN), ValidationError);
      const five = (await t.services.serviceDirectory.list(null)).find((s) => s.code === 'five-towns')!;
      const outside = await agent.get(`/outcomes?service=${five.id}`);
      assert.equal(outside.status, 404);
      const refusal = await t.db.selectFrom('audit_event').select('action').where('action', '=', 'request.not_found').where('subject_id', '=', 'GET /outcomes').execute();
      assert.ok(refusal.length >= 1, 'the refusal is audited');
      await assert.rejects(t.services.outcomeMeasures.view(actorAs('practitioner', (await t.services.users.findByUsername('support'))!.id), { serviceId, from: FROM, to: TO, comparison: 'screened_not_supported' }, TEST_ORIGIN), NotFoundError);
    });

    test('a period with no closed cases and no cohort says so', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get(`/outcomes?service=${serviceId}&from[day]=1&from[month]=1&from[year]=2020&to[day]=31&to[month]=12&to[year]=2020`);
      assert.equal(page.status, 200);
      assert.match(page.body, /No cases were closed in this period/);
      assert.match(page.body, /no re-offending cohort to show/);
    });
  });
}
