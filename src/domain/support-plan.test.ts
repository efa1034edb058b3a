// Tests for the support plan's rules: goals, exit strategy, proportionate interventions, review dates, reviews, extensions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agreedOnProblem, extensionProblems, isProportionate, planProblems, reviewDateProblems, reviewRecordProblems, reviewStatus, sayDate,
  type CatalogueEntry, type PlanContext, type PlanDraft,
} from './support-plan.js';

const shopTheft: CatalogueEntry = { id: 'shop', name: 'Shop theft session', isActive: true, offenceCategories: ['theft'] };
const wellbeing: CatalogueEntry = { id: 'well', name: 'Mental health and wellbeing support', isActive: true, offenceCategories: [] };
const retired: CatalogueEntry = { id: 'old', name: 'Old group', isActive: false, offenceCategories: [] };
const ctx: PlanContext = {
  agreed: true, checkReviews: true, startsOn: '2026-11-23', endsOn: '2027-02-15',
  catalogue: [shopTheft, wellbeing, retired], alreadyPlanned: new Set(), offenceCategory: 'theft',
};
const draft: PlanDraft = {
  goals: ['I want to sleep properly', '', ''],
  exitStrategy: 'Engaged with the talking therapies service by week 12',
  interventions: [{ interventionId: 'shop', rationale: 'Shop theft offence, first time' }],
  reviewDates: ['2026-12-07', null, '2026-12-21'],
};

test('a whole plan has no problems', () => {
  assert.deepEqual(planProblems(draft, ctx), {});
});

test('agreeing needs at least one goal in the person\'s words and an exit strategy; a draft needs neither', () => {
  const empty = { ...draft, goals: ['', ' '], exitStrategy: ' ' };
  const problems = planProblems(empty, ctx);
  assert.match(problems['goal-1']!, /at least one goal/);
  assert.match(problems.exitStrategy!, /exit strategy/);
  assert.deepEqual(planProblems(empty, { ...ctx, agreed: false }), {});
});

test('goals and the exit strategy have length limits, named by field', () => {
  const long = planProblems({ ...draft, goals: ['ok', 'x'.repeat(501)], exitStrategy: 'y'.repeat(4001) }, { ...ctx, agreed: false });
  assert.match(long['goal-2']!, /Goal 2 must be 500 characters or fewer/);
  assert.match(long.exitStrategy!, /4000 characters/);
});

test('an offence-specific intervention answers only its offences; a need-based one answers any offence', () => {
  assert.equal(isProportionate(shopTheft, 'theft'), true);
  assert.equal(isProportionate(shopTheft, 'violence'), false);
  assert.equal(isProportionate(wellbeing, 'violence'), true);
  assert.equal(isProportionate(shopTheft, 'not_known'), true, 'allowed when the offence is not known, with a rationale');
  const problems = planProblems(draft, { ...ctx, offenceCategory: 'violence' });
  assert.match(problems['intervention-shop']!, /Shop theft session does not answer this offence/);
});

test('an intervention not in the service\'s catalogue is refused', () => {
  const problems = planProblems({ ...draft, interventions: [{ interventionId: 'elsewhere', rationale: 'x' }] }, ctx);
  assert.match(problems.interventions!, /catalogue/);
});

test('a retired intervention cannot be added, but one already in the plan stays', () => {
  const withRetired = { ...draft, interventions: [{ interventionId: 'old', rationale: 'Started before it closed' }] };
  assert.match(planProblems(withRetired, ctx)['intervention-old']!, /retired/);
  assert.deepEqual(planProblems(withRetired, { ...ctx, alreadyPlanned: new Set(['old']) }), {});
});

test('every chosen intervention needs a rationale; the message says why when the offence is not known', () => {
  const none = { ...draft, interventions: [{ interventionId: 'shop', rationale: ' ' }] };
  assert.match(planProblems(none, ctx)['rationale-shop']!, /proportionate to the offence/);
  assert.match(planProblems(none, { ...ctx, offenceCategory: 'not_known' })['rationale-shop']!, /offence is not known yet/);
  assert.match(planProblems({ ...draft, interventions: [{ interventionId: 'shop', rationale: 'r'.repeat(1001) }] }, ctx)['rationale-shop']!, /1000 characters/);
});

test('review dates: not before the start, not after the end, real, and one a day; numbered by their box', () => {
  assert.deepEqual(reviewDateProblems(['2026-11-23', '2027-02-15'], ctx.startsOn, ctx.endsOn), {}, 'start and end days are inside');
  const problems = reviewDateProblems(['2026-11-20', null, '2027-02-16', '2026-02-30', '2026-12-07', '2026-12-07'], ctx.startsOn, ctx.endsOn);
  assert.equal(problems['review-1'], "Review date 1 must be on or after the plan's start, 23 November 2026");
  assert.equal(problems['review-2'], undefined);
  assert.match(problems['review-3']!, /on or before the plan's end, 15 February 2027/);
  assert.match(problems['review-4']!, /real date/);
  assert.equal(problems['review-5'], undefined);
  assert.match(problems['review-6']!, /same day as another review/);
  assert.match(reviewDateProblems(['2026-12-07'], ctx.startsOn, ctx.endsOn, ['2026-12-07'])['review-1']!, /same day/);
});

test('review dates are checked only when asked (not for a draft)', () => {
  const early = { ...draft, reviewDates: ['2026-01-01'] };
  assert.match(planProblems(early, ctx)['review-1']!, /on or after/);
  assert.deepEqual(planProblems(early, { ...ctx, checkReviews: false }), {});
});

test('a review is due within a week, overdue once its day has passed, done when completed', () => {
  const today = '2026-12-01';
  assert.equal(reviewStatus('2026-12-08', null, today), 'due');
  assert.equal(reviewStatus('2026-12-01', null, today), 'due');
  assert.equal(reviewStatus('2026-12-09', null, today), 'upcoming');
  assert.equal(reviewStatus('2026-11-30', null, today), 'overdue');
  assert.equal(reviewStatus('2026-11-30', '2026-11-30', today), 'done');
});

test('the agreement date: not in the future, not before the case opened', () => {
  assert.equal(agreedOnProblem('2026-11-23', '2026-11-23', '2026-11-01'), null);
  assert.match(agreedOnProblem('2026-11-24', '2026-11-23', '2026-11-01')!, /future/);
  assert.match(agreedOnProblem('2026-10-31', '2026-11-23', '2026-11-01')!, /on or after the day the case was opened, 1 November 2026/);
  assert.match(agreedOnProblem('2026-13-01', '2026-11-23', '2026-11-01')!, /real date/);
});

test('recording a review: a past or today date inside the plan, and notes', () => {
  assert.deepEqual(reviewRecordProblems({ completedOn: '2026-12-07', notes: 'Sleeping better' }, '2026-12-07', '2026-11-23'), {});
  const p = reviewRecordProblems({ completedOn: '2026-12-08', notes: ' ' }, '2026-12-07', '2026-11-23');
  assert.match(p.completedOn!, /future/);
  assert.match(p.notes!, /Enter notes/);
  assert.match(reviewRecordProblems({ completedOn: '2026-11-22', notes: 'x' }, '2026-12-07', '2026-11-23').completedOn!, /on or after the plan's start/);
});

test('an extension needs a reason and a new end date after the current end', () => {
  assert.deepEqual(extensionProblems({ reason: 'Waiting for CAMHS', newEndOn: '2027-03-01' }, '2027-02-15'), {});
  const p = extensionProblems({ reason: '', newEndOn: '2027-02-15' }, '2027-02-15');
  assert.match(p.reason!, /Enter why/);
  assert.equal(p.newEndOn, 'The new end date must be after the current end date, 15 February 2027');
  assert.match(extensionProblems({ reason: 'x', newEndOn: 'soon' }, '2027-02-15').newEndOn!, /real date/);
});

test('dates in messages read as people write them', () => {
  assert.equal(sayDate('2026-11-03'), '3 November 2026');
});
