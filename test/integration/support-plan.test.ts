// The support plan: drafted, agreed (the 12-week clock starts), changed with conflicts caught, reviewed and extended.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';

type Ids = Record<string, string>;

/** The plan form as a browser posts it. */
function planForm(options: { version: number; action: 'save' | 'agree'; goals?: string[]; exit?: string; interventions?: Record<string, string>; reviews?: Array<string | null>; agreedOn?: string }): Record<string, string> {
  const f: Record<string, string> = { version: String(options.version), action: options.action, exitStrategy: options.exit ?? '' };
  (options.goals ?? []).forEach((g, i) => { f[`goal-${i + 1}`] = g; });
  for (const [id, rationale] of Object.entries(options.interventions ?? {})) {
    f[`intervention-${id}`] = 'yes';
    f[`rationale-${id}`] = rationale;
  }
  const reviews = options.reviews ?? [];
  f.reviewSlots = String(Math.max(reviews.length, 1));
  reviews.forEach((d, i) => {
    const [y, m, day] = d ? d.split('-') : ['', '', ''];
    Object.assign(f, { [`review${i + 1}[day]`]: day!, [`review${i + 1}[month]`]: m!, [`review${i + 1}[year]`]: y! });
  });
  if (options.agreedOn) {
    const [y, m, d] = options.agreedOn.split('-');
    Object.assign(f, { 'agreedOn[day]': d!, 'agreedOn[month]': m!, 'agreedOn[year]': y! });
  }
  return f;
}

const versionOn = (body: string) => Number(/name="version" value="(\d+)"/.exec(body)?.[1]);

for (const engine of testEngines()) {
  describe(`support plan (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let theftCase: string;
    let violenceCase: string;
    const catalogue: Ids = {};
    let otherServiceIntervention: string;
    before(async () => {
      t = await startTestApp(engine, { clock });
      const nurse = await actorFor(t.services, 'practitioner');
      ({ caseId: theftCase } = await openCase(t.services, nurse, { givenName: 'Ottilie', familyName: 'Quennell', offenceCategory: 'theft' }));
      ({ caseId: violenceCase } = await openCase(t.services, nurse, { givenName: 'Bram', familyName: 'Marwood-Pike', offenceCategory: 'violence' }));
      for (const e of await t.services.interventions.list(nurse, { activeOnly: true })) catalogue[e.name] = e.id;
      const other = await t.services.interventions.list(await actorFor(t.services, 'nurse.ayo'));
      otherServiceIntervention = other[0]!.id;
    });
    after(() => t.close());

    test('a draft, then agreement: the 12-week clock starts, reviews every two weeks, audited', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      const first = await nurse.get(`/cases/${theftCase}/plan`);
      assert.equal(first.status, 200);
      assert.match(first.body, /Write the plan with Ottilie/);
      assert.match(first.body, /Shop theft session/);
      const draft = await nurse.post(`/cases/${theftCase}/plan`, planForm({ version: 0, action: 'save', goals: ['I want to stop getting into trouble'] }));
      assert.equal(draft.status, 303);
      const drafted = await nurse.get(`/cases/${theftCase}/plan`);
      assert.match(drafted.body, /Draft, not yet agreed/);
      assert.match(drafted.body, /I want to stop getting into trouble/);

      const incomplete = await nurse.post(`/cases/${theftCase}/plan`, planForm({ version: versionOn(drafted.body), action: 'agree', agreedOn: '2026-11-24' }));
      assert.equal(incomplete.status, 400);
      assert.match(incomplete.body, /Enter at least one goal, in the person&#39;s own words, to agree the plan/);
      assert.match(incomplete.body, /Enter the exit strategy/);
      assert.match(incomplete.body, /The date the plan was agreed cannot be in the future/);
      assert.match(incomplete.body, /href="#agreedOn-day"/);

      const agreed = await nurse.post(`/cases/${theftCase}/plan`, planForm({
        version: versionOn(drafted.body), action: 'agree', goals: ['I want to stop getting into trouble', 'Sleep properly'],
        exit: 'Engaged with talking therapies by week 12', interventions: { [catalogue['Shop theft session']!]: 'First shop theft offence' },
      }));
      assert.equal(agreed.status, 303);
      const summary = await nurse.get(`/cases/${theftCase}`);
      assert.match(summary.body, /Week 1 of 12, ends 15 February 2027/);
      const plan = await nurse.get(`/cases/${theftCase}/plan`);
      assert.match(plan.body, /Agreed 23 November 2026 by Hannah Okafor/);
      assert.match(plan.body, /Change the plan/);
      const reviews = await t.db.selectFrom('plan_review').select('due_on').where('case_id', '=', theftCase).orderBy('due_on').execute();
      assert.deepEqual(reviews.map((r) => r.due_on), ['2026-12-07', '2026-12-21', '2027-01-04', '2027-01-18', '2027-02-01', '2027-02-15']);
      const events = await t.services.audit.search({ action: 'support_plan.agreed' });
      assert.ok(events.length >= 1);
    });

    test('a review date before the plan\'s start is refused, naming the field; a valid change replaces the open review dates', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      const plan = await nurse.get(`/cases/${theftCase}/plan`);
      const base = { version: versionOn(plan.body), action: 'save' as const, goals: ['I want to stop getting into trouble'], exit: 'Engaged with talking therapies', interventions: { [catalogue['Shop theft session']!]: 'First shop theft offence' } };
      const early = await nurse.post(`/cases/${theftCase}/plan`, planForm({ ...base, reviews: ['2026-11-20', '2026-12-07'] }));
      assert.equal(early.status, 400);
      assert.match(early.body, /Review date 1 must be on or after the plan&#39;s start, 23 November 2026/);
      assert.match(early.body, /href="#review-1-day"/);
      const late = await nurse.post(`/cases/${theftCase}/plan`, planForm({ ...base, reviews: ['2027-03-01'] }));
      assert.match(late.body, /on or before the plan&#39;s end, 15 February 2027/);
      const ok = await nurse.post(`/cases/${theftCase}/plan`, planForm({ ...base, reviews: ['2026-12-07', '2026-12-28'] }));
      assert.equal(ok.status, 303);
      const reviews = await t.db.selectFrom('plan_review').select('due_on').where('case_id', '=', theftCase).orderBy('due_on').execute();
      assert.deepEqual(reviews.map((r) => r.due_on), ['2026-12-07', '2026-12-28']);
    });

    test('interventions outside the catalogue, from another service, or not proportionate are refused', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      const page = await nurse.get(`/cases/${violenceCase}/plan`);
      assert.match(page.body, /Does not answer this offence \(Violence against the person\)/);
      const base = { version: 0, action: 'save' as const, goals: ['Keep my temper'] };
      const unknown = await nurse.post(`/cases/${violenceCase}/plan`, planForm({ ...base, interventions: { '3f1c0a8e-0000-4000-8000-000000000000': 'Made up' } }));
      assert.equal(unknown.status, 400);
      assert.match(unknown.body, /Choose interventions from your service&#39;s catalogue/);
      const elsewhere = await nurse.post(`/cases/${violenceCase}/plan`, planForm({ ...base, interventions: { [otherServiceIntervention]: 'From next door' } }));
      assert.equal(elsewhere.status, 400);
      assert.match(elsewhere.body, /not in it/);
      const shopTheft = catalogue['Shop theft session']!;
      const disproportionate = await nurse.post(`/cases/${violenceCase}/plan`, planForm({ ...base, interventions: { [shopTheft]: 'Seems useful' } }));
      assert.equal(disproportionate.status, 400);
      assert.match(disproportionate.body, /Shop theft session does not answer this offence/);
      assert.match(disproportionate.body, new RegExp(`href="#intervention-${shopTheft}"`));
      assert.match(disproportionate.body, /Keep my temper/, 'input kept');
      const noReason = await nurse.post(`/cases/${violenceCase}/plan`, planForm({ ...base, interventions: { [catalogue['Victim awareness session']!]: '' } }));
      assert.match(noReason.body, /Enter why Victim awareness session is proportionate/);
      const fine = await nurse.post(`/cases/${violenceCase}/plan`, planForm({ ...base, interventions: { [catalogue['Victim awareness session']!]: 'Assault on a stranger', [catalogue['Mental health and wellbeing support']!]: 'Low mood' } }));
      assert.equal(fine.status, 303);
      assert.equal((await t.services.supportPlans.interventionsOf(violenceCase)).length, 2);
    });

    test('plan interventions move from planned to completed', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      await nurse.get(`/cases/${theftCase}/plan`);
      const [shop] = await t.services.supportPlans.interventionsOf(theftCase);
      assert.equal(shop!.status, 'planned');
      const res = await nurse.post(`/cases/${theftCase}/plan/interventions/${shop!.id}/status`, { status: 'completed' });
      assert.equal(res.status, 303);
      assert.equal((await t.services.supportPlans.interventionsOf(theftCase))[0]!.status, 'completed');
      assert.equal((await nurse.post(`/cases/${theftCase}/plan/interventions/${shop!.id}/status`, { status: 'finished' })).status, 400);
    });

    test('a review is recorded with its date and notes; a future date is refused', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      const plan = await nurse.get(`/cases/${theftCase}/plan`);
      const reviewId = new RegExp(`/cases/${theftCase}/plan/reviews/([0-9a-f-]{36})`).exec(plan.body)?.[1];
      assert.ok(reviewId, 'the plan page links to each open review');
      const form = await nurse.get(`/cases/${theftCase}/plan/reviews/${reviewId}`);
      assert.equal(form.status, 200);
      const future = await nurse.post(`/cases/${theftCase}/plan/reviews/${reviewId}`, { 'completedOn[day]': '24', 'completedOn[month]': '11', 'completedOn[year]': '2026', notes: 'Going well' });
      assert.equal(future.status, 400);
      assert.match(future.body, /The date of the review cannot be in the future/);
      assert.match(future.body, /Going well/);
      const done = await nurse.post(`/cases/${theftCase}/plan/reviews/${reviewId}`, { 'completedOn[day]': '23', 'completedOn[month]': '11', 'completedOn[year]': '2026', notes: 'Sleeping better; attended shop theft session' });
      assert.equal(done.status, 303);
      const after = await nurse.get(`/cases/${theftCase}/plan`);
      assert.match(after.body, /Sleeping better; attended shop theft session/);
      assert.match(after.body, />Done</);
      assert.ok((await t.services.audit.search({ action: 'support_plan.review_recorded' })).length >= 1);
      assert.equal((await nurse.post(`/cases/${theftCase}/plan/reviews/${reviewId}`, { 'completedOn[day]': '23', 'completedOn[month]': '11', 'completedOn[year]': '2026', notes: 'Again' })).status, 409);
      // Changing the plan's open review dates leaves a done review alone.
      const saved = await nurse.post(`/cases/${theftCase}/plan`, planForm({ version: versionOn(after.body), action: 'save', goals: ['Sleep properly'], exit: 'Talking therapies', interventions: { [catalogue['Shop theft session']!]: 'First shop theft offence' }, reviews: ['2027-01-11'] }));
      assert.equal(saved.status, 303);
      const reviews = await t.db.selectFrom('plan_review').select(['due_on', 'completed_on']).where('case_id', '=', theftCase).orderBy('due_on').execute();
      assert.deepEqual(reviews, [{ due_on: '2026-12-07', completed_on: '2026-11-23' }, { due_on: '2027-01-11', completed_on: null }]);
    });

    test('an extension: a practitioner asks, cannot approve; the manager approves and the end moves', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      await nurse.get(`/cases/${theftCase}/plan/extension`);
      const early = await nurse.post(`/cases/${theftCase}/plan/extension`, { reason: 'Waiting for CAMHS', 'newEndOn[day]': '1', 'newEndOn[month]': '2', 'newEndOn[year]': '2027' });
      assert.equal(early.status, 400);
      assert.match(early.body, /The new end date must be after the current end date, 15 February 2027/);
      const asked = await nurse.post(`/cases/${theftCase}/plan/extension`, { reason: 'Waiting for a first CAMHS appointment', 'newEndOn[day]': '1', 'newEndOn[month]': '3', 'newEndOn[year]': '2027' });
      assert.equal(asked.status, 303);
      const ext = await t.db.selectFrom('case_extension').select(['id', 'decision']).where('case_id', '=', theftCase).executeTakeFirstOrThrow();
      assert.equal(ext.decision, null);
      const page = await nurse.get(`/cases/${theftCase}/plan`);
      assert.match(page.body, /Waiting for a team manager/);
      assert.doesNotMatch(page.body, /Ask for an extension<\/a>/, 'one request waits at a time');
      assert.equal((await nurse.post(`/cases/${theftCase}/plan/extensions/${ext.id}/decision`, { decision: 'approved' })).status, 403);

      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      const seen = await manager.get(`/cases/${theftCase}/plan`);
      assert.equal(seen.status, 200);
      assert.match(seen.body, /Approve/);
      assert.equal((await manager.post(`/cases/${theftCase}/plan/extensions/${ext.id}/decision`, { decision: 'approved' })).status, 303);
      const moved = await nurse.get(`/cases/${theftCase}`);
      assert.match(moved.body, /ends 1 March 2027/);
      const header = await t.services.cases.header(await actorFor(t.services, 'practitioner'), theftCase);
      assert.equal(header.clock.endsOn, '2027-03-01');
      assert.equal((await manager.post(`/cases/${theftCase}/plan/extensions/${ext.id}/decision`, { decision: 'refused' })).status, 409, 'decided once');
    });

    test('a volunteer finds no plan (404); a support worker not allocated the case gets 404', async () => {
      const volunteer = new Agent(t.app);
      await volunteer.signIn('volunteer');
      assert.equal((await volunteer.get(`/cases/${theftCase}/plan`)).status, 404);
      assert.equal((await volunteer.post(`/cases/${theftCase}/plan`, planForm({ version: 1, action: 'save' }))).status, 404);
      const support = new Agent(t.app);
      await support.signIn('support');
      assert.equal((await support.get(`/cases/${theftCase}/plan`)).status, 404);
    });
  });
}
