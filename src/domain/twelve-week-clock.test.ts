// Tests for the 12-week case clock, its colours, extensions and review dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseClock, nextReviewDue, reviewDates } from './twelve-week-clock.js';
import { addDays, daysBetween } from './calendar-date.js';

const plan = '2025-01-06'; // a Monday; plan + 84 days is 2025-03-31
const open = { planAgreedOn: plan, extensions: [], closedOn: null };
const on = (day: number) => addDays(plan, day);
const extension = { approvedOn: on(70), approvedBy: 'Team manager', reason: 'Waiting for CAMHS first appointment', newEndOn: on(112) };

test('date arithmetic crosses months, leap days and clock changes', () => {
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2025-03-29', 2), '2025-03-31');
  assert.equal(daysBetween('2025-03-01', '2025-04-01'), 31);
  assert.equal(daysBetween('2025-01-02', '2025-01-01'), -1);
  assert.throws(() => addDays('2025-02-29', 1), RangeError);
});

test('before a plan is agreed the clock has not started', () => {
  assert.deepEqual(caseClock({ planAgreedOn: null, extensions: [], closedOn: null }, '2025-01-06'), {
    started: false, week: 0, endsOn: null, state: 'not_started', daysLeft: null,
  });
  assert.deepEqual(caseClock(open, on(-1)), { started: false, week: 0, endsOn: '2025-03-31', state: 'not_started', daysLeft: null });
});

test('the plan day is day 0 of week 1; ends 84 days later', () => {
  assert.deepEqual(caseClock(open, plan), { started: true, week: 1, endsOn: '2025-03-31', state: 'on_track', daysLeft: 84 });
  assert.equal(caseClock(open, on(6)).week, 1);
  assert.equal(caseClock(open, on(7)).week, 2);
});

test('on track to the end of week 9, amber from day 63 (week 10) up to and including the end date', () => {
  assert.deepEqual(caseClock(open, on(62)), { started: true, week: 9, endsOn: '2025-03-31', state: 'on_track', daysLeft: 22 });
  assert.deepEqual(caseClock(open, on(63)), { started: true, week: 10, endsOn: '2025-03-31', state: 'amber', daysLeft: 21 });
  assert.deepEqual(caseClock(open, on(84)), { started: true, week: 13, endsOn: '2025-03-31', state: 'amber', daysLeft: 0 });
});

test('red past the end date, with negative days left', () => {
  assert.deepEqual(caseClock(open, on(85)), { started: true, week: 13, endsOn: '2025-03-31', state: 'red', daysLeft: -1 });
  assert.equal(caseClock(open, on(120)).state, 'red');
});

test('an approved extension moves the end date later and keeps the case amber', () => {
  const c = caseClock({ ...open, extensions: [extension] }, on(90));
  assert.deepEqual(c, { started: true, week: 13, endsOn: on(112), state: 'amber', daysLeft: 22 });
  assert.equal(caseClock({ ...open, extensions: [extension] }, on(113)).state, 'red');
});

test('an extension without a manager or a reason does not count', () => {
  for (const e of [{ ...extension, approvedBy: '' }, { ...extension, reason: '  ' }]) {
    const c = caseClock({ ...open, extensions: [e] }, on(90));
    assert.equal(c.endsOn, '2025-03-31');
    assert.equal(c.state, 'red');
  }
});

test('the latest approved extension sets the end date, never earlier than 12 weeks', () => {
  const later = { ...extension, approvedOn: on(100), newEndOn: on(98) };
  assert.equal(caseClock({ ...open, extensions: [later, extension] }, on(90)).endsOn, on(98));
  const shorter = { ...extension, newEndOn: on(80) };
  assert.equal(caseClock({ ...open, extensions: [shorter] }, on(90)).endsOn, '2025-03-31');
});

test('a closed case is closed, its week stopped at closure', () => {
  assert.deepEqual(caseClock({ ...open, closedOn: on(40) }, on(200)), { started: true, week: 6, endsOn: '2025-03-31', state: 'closed', daysLeft: null });
  assert.equal(caseClock({ planAgreedOn: null, extensions: [], closedOn: '2025-01-10' }, '2025-02-01').state, 'closed');
});

test('dates that are not real are refused', () => {
  assert.throws(() => caseClock({ ...open, planAgreedOn: '2025-13-01' }, plan), RangeError);
  assert.throws(() => caseClock(open, '2025-02-30'), RangeError);
  assert.throws(() => caseClock({ ...open, extensions: [{ ...extension, newEndOn: 'soon' }] }, plan), RangeError);
});

test('reviews every two weeks after the plan day, up to and including the end', () => {
  assert.deepEqual(reviewDates(plan, '2025-03-31'), ['2025-01-20', '2025-02-03', '2025-02-17', '2025-03-03', '2025-03-17', '2025-03-31']);
  assert.deepEqual(reviewDates(plan, '2025-03-30'), ['2025-01-20', '2025-02-03', '2025-02-17', '2025-03-03', '2025-03-17']);
  assert.deepEqual(reviewDates(plan, on(28), 7), [on(7), on(14), on(21), on(28)]);
  assert.deepEqual(reviewDates(plan, on(-5)), []);
  assert.throws(() => reviewDates(plan, on(84), 0), RangeError);
});

test('the next review due is the earliest not completed, overdue once its day has passed', () => {
  const reviews = reviewDates(plan, '2025-03-31');
  assert.deepEqual(nextReviewDue(reviews, [], '2025-01-20'), { dueOn: '2025-01-20', overdue: false });
  assert.deepEqual(nextReviewDue(reviews, [], '2025-01-21'), { dueOn: '2025-01-20', overdue: true });
  assert.deepEqual(nextReviewDue(reviews, ['2025-01-20'], '2025-01-21'), { dueOn: '2025-02-03', overdue: false });
  assert.deepEqual(nextReviewDue([...reviews].reverse(), ['2025-02-03'], '2025-03-01'), { dueOn: '2025-01-20', overdue: true });
  assert.equal(nextReviewDue(reviews, reviews, '2025-04-01'), null);
});
