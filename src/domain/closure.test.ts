import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkClosure, checkFollowUp, exitStatusOfFinal, followUpDueOn, isFollowUpDue, parseFollowUpAfterDays, planIncompleteReasons, type ClosureForm } from './closure.js';

const today = '2026-11-23';
const form = (over: Partial<ClosureForm> = {}): ClosureForm => ({
  reason: 'plan_completed', details: '', closedOn: { day: '20', month: '11', year: '2026' }, exitSummary: 'Engaged with CAMHS', exitStatuses: {}, ...over,
});
const ctx = { openedOn: '2026-09-01', today, openReferrals: [{ id: 'r1', partnerName: 'Calder Vale CAMHS' }] };

test('a whole closure passes, with the exit status of each open referral', () => {
  const check = checkClosure(form({ exitStatuses: { r1: 'waiting' } }), ctx);
  assert.deepEqual(check, { ok: true, reason: 'plan_completed', details: '', closedOn: '2026-11-20', exitSummary: 'Engaged with CAMHS', exitStatuses: { r1: 'waiting' } });
});

test('an open onward referral without an exit status is refused, naming the service', () => {
  const check = checkClosure(form(), ctx);
  assert.equal(check.ok, false);
  if (!check.ok) assert.match(check.errors['exit-r1']!, /Calder Vale CAMHS/);
  const bad = checkClosure(form({ exitStatuses: { r1: 'maybe' } }), ctx);
  assert.equal(bad.ok, false);
});

test('reason, details for other, exit summary and closure date are checked', () => {
  const none = checkClosure(form({ reason: '', exitSummary: ' ' }), { ...ctx, openReferrals: [] });
  assert.equal(none.ok, false);
  if (!none.ok) assert.deepEqual(Object.keys(none.errors).sort(), ['exitSummary', 'reason']);
  const other = checkClosure(form({ reason: 'other' }), { ...ctx, openReferrals: [] });
  assert.ok(!other.ok && other.errors.details);
  const future = checkClosure(form({ closedOn: { day: '24', month: '11', year: '2026' } }), { ...ctx, openReferrals: [] });
  assert.ok(!future.ok && /today or in the past/.test(future.errors['closedOn-day']!));
  const early = checkClosure(form({ closedOn: { day: '31', month: '8', year: '2026' } }), { ...ctx, openReferrals: [] });
  assert.ok(!early.ok && /case opened/.test(early.errors['closedOn-day']!));
  const missing = checkClosure(form({ closedOn: { day: '1', month: '', year: '2026' } }), { ...ctx, openReferrals: [] });
  assert.ok(!missing.ok && missing.errors['closedOn-month']);
  assert.equal(checkClosure(form({ closedOn: { day: '23', month: '11', year: '2026' } }), { ...ctx, openReferrals: [] }).ok, true);
});

test('the plan is complete only when agreed, every intervention finished and no review date missed', () => {
  const complete = { agreed: true, interventionStatuses: ['completed', 'not_completed'], reviews: [{ dueOn: '2026-11-01', completedOn: '2026-11-01' }, { dueOn: '2026-11-30', completedOn: null }] };
  assert.deepEqual(planIncompleteReasons(complete, today), []);
  assert.deepEqual(planIncompleteReasons({ ...complete, agreed: false }, today), ['The support plan was never agreed']);
  assert.deepEqual(planIncompleteReasons({ ...complete, interventionStatuses: ['completed', 'planned', 'booked'] }, today), ['2 interventions are not finished']);
  assert.deepEqual(planIncompleteReasons({ ...complete, reviews: [{ dueOn: '2026-11-22', completedOn: null }] }, today), ['1 review date passed without a review']);
  assert.deepEqual(planIncompleteReasons({ ...complete, reviews: [{ dueOn: today, completedOn: null }] }, today), [], 'a review due today has not yet passed');
});

test('final onward referrals carry their state to exit; open ones need one given', () => {
  assert.equal(exitStatusOfFinal('engaged'), 'engaged');
  assert.equal(exitStatusOfFinal('declined'), 'declined');
  assert.equal(exitStatusOfFinal('withdrawn'), 'withdrawn');
  assert.equal(exitStatusOfFinal('waiting'), null);
  assert.equal(exitStatusOfFinal('draft'), null);
});

test('the follow-up falls due the set number of days after closure', () => {
  assert.equal(followUpDueOn('2026-11-20', 84), '2027-02-12');
  assert.equal(isFollowUpDue('2027-02-12', '2027-02-11'), false);
  assert.equal(isFollowUpDue('2027-02-12', '2027-02-12'), true);
  assert.equal(isFollowUpDue(null, '2027-02-12'), false);
});

test('the follow-up delay is a whole number of days from 7 to 730', () => {
  assert.deepEqual(parseFollowUpAfterDays(' 84 '), { ok: true, days: 84 });
  assert.deepEqual(parseFollowUpAfterDays('7'), { ok: true, days: 7 });
  assert.deepEqual(parseFollowUpAfterDays('730'), { ok: true, days: 730 });
  for (const bad of ['', '6', '731', '8.5', '-10', 'twelve weeks']) assert.equal(parseFollowUpAfterDays(bad).ok, false, bad);
});

test('a follow-up answers each referral and new arrest, dated between closure and today', () => {
  const c = { closedOn: '2026-08-01', today, referrals: [{ id: 'r1', partnerName: 'Calder Vale CAMHS' }] };
  const ok = checkFollowUp({ stillEngaged: { r1: 'yes' }, newArrest: 'no', notes: ' fine ', followedUpOn: { day: '23', month: '11', year: '2026' } }, c);
  assert.deepEqual(ok, { ok: true, stillEngaged: { r1: 'yes' }, newArrest: 'no', notes: 'fine', followedUpOn: '2026-11-23' });
  const bad = checkFollowUp({ stillEngaged: {}, newArrest: '', notes: '', followedUpOn: { day: '31', month: '7', year: '2026' } }, c);
  assert.ok(!bad.ok);
  if (!bad.ok) assert.deepEqual(Object.keys(bad.errors).sort(), ['engaged-r1', 'followedUpOn-day', 'newArrest']);
});
