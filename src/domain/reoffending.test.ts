// Tests for proven re-offending: the 12 + 6 month window at its edges, frequency, cohorts by quarter, completeness and censoring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCalendarMonths } from './calendar-date.js';
import {
  JUSTICE_EVENT_OUTCOMES,
  JUSTICE_EVENT_OUTCOME_LABELS,
  cohortQuarter,
  cohortSummary,
  followUpEnds,
  isComplete,
  precedesIndex,
  provenReoffences,
  provesOffence,
  quarterEnd,
  quarterStart,
  reoffendingOf,
  timeToFirst,
  waitingPeriodEnds,
  type JusticeEvent,
  type JusticeEventOutcome,
} from './reoffending.js';

const convicted = (offenceOn: string, outcomeOn: string): JusticeEvent => ({ offenceOn, outcome: 'conviction', outcomeOn });
const cautioned = (offenceOn: string, outcomeOn: string): JusticeEvent => ({ offenceOn, outcome: 'caution', outcomeOn });

test('only a caution or a conviction proves an offence, and every outcome has a label', () => {
  const proving = JUSTICE_EVENT_OUTCOMES.filter(provesOffence);
  assert.deepEqual(proving, ['caution', 'conviction']);
  for (const outcome of JUSTICE_EVENT_OUTCOMES) assert.ok(JUSTICE_EVENT_OUTCOME_LABELS[outcome].length > 0);
  const unproven: JusticeEventOutcome[] = ['arrest', 'charge', 'acquittal', 'no_further_action'];
  for (const outcome of unproven) {
    assert.deepEqual(provenReoffences('2025-01-10', [{ offenceOn: '2025-02-01', outcome, outcomeOn: '2025-02-02' }]), [], outcome);
  }
});

test('calendar months follow the corresponding date rule: a missing day becomes the month end', () => {
  assert.equal(addCalendarMonths('2025-01-31', 12), '2026-01-31');
  assert.equal(addCalendarMonths('2025-01-31', 1), '2025-02-28');
  assert.equal(addCalendarMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(addCalendarMonths('2024-02-29', 12), '2025-02-28');
  assert.equal(addCalendarMonths('2024-02-29', 48), '2028-02-29');
  assert.equal(addCalendarMonths('2025-08-31', 18), '2027-02-28');
  assert.equal(addCalendarMonths('2026-08-31', 18), '2028-02-29');
  assert.equal(addCalendarMonths('2025-11-30', 3), '2026-02-28');
  assert.equal(addCalendarMonths('2025-03-15', -3), '2024-12-15');
  assert.throws(() => addCalendarMonths('2025-02-29', 1), RangeError);
  assert.throws(() => addCalendarMonths('2025-01-01', 1.5), RangeError);
});

test('the window: follow-up ends 12 months after the index date, proof may come up to 18 months after', () => {
  assert.equal(followUpEnds('2025-03-10'), '2026-03-10');
  assert.equal(waitingPeriodEnds('2025-03-10'), '2026-09-10');
  assert.equal(followUpEnds('2025-01-31'), '2026-01-31');
  assert.equal(waitingPeriodEnds('2025-01-31'), '2026-07-31');
  // A leap day index: the follow-up ends on 28 February, the waiting period on 29 August.
  assert.equal(followUpEnds('2024-02-29'), '2025-02-28');
  assert.equal(waitingPeriodEnds('2024-02-29'), '2025-08-29');
});

test('an offence on the index date or before it is not a re-offence; the next day and the window end are', () => {
  const index = '2025-03-10';
  const count = (offenceOn: string) => reoffendingOf(index, [convicted(offenceOn, '2026-03-20')]).count;
  assert.equal(count('2025-03-09'), 0, 'the day before the index date');
  assert.equal(count('2025-03-10'), 0, 'the index date itself belongs to the index event');
  assert.equal(count('2025-03-11'), 1, 'the day after the index date');
  assert.equal(count('2026-03-09'), 1, 'the day before 12 months');
  assert.equal(count('2026-03-10'), 1, 'exactly 12 months');
  assert.equal(count('2026-03-11'), 0, 'the day after 12 months');
  assert.equal(precedesIndex(index, { offenceOn: '2025-03-10' }), true);
  assert.equal(precedesIndex(index, { offenceOn: '2025-03-09' }), true);
  assert.equal(precedesIndex(index, { offenceOn: '2025-03-11' }), false);
});

test('proof at exactly 18 months counts; proof one day later does not', () => {
  const index = '2025-03-10';
  assert.equal(reoffendingOf(index, [convicted('2026-03-10', '2026-09-10')]).reoffended, true, 'at 18 months');
  assert.equal(reoffendingOf(index, [convicted('2026-03-10', '2026-09-11')]).reoffended, false, 'one day after 18 months');
  assert.equal(reoffendingOf(index, [cautioned('2025-04-01', '2026-09-10')]).reoffended, true, 'a caution proves it too');
});

test('a 31 January index date: the follow-up ends 31 January, proof by 31 July', () => {
  const index = '2025-01-31';
  assert.equal(reoffendingOf(index, [convicted('2026-01-31', '2026-07-31')]).count, 1);
  assert.equal(reoffendingOf(index, [convicted('2026-02-01', '2026-03-01')]).count, 0);
  assert.equal(reoffendingOf(index, [convicted('2026-01-31', '2026-08-01')]).count, 0);
});

test('leap years: a window across 29 February is 366 days, and a leap day index ends on 28 February', () => {
  const index = '2023-06-15';
  assert.deepEqual(reoffendingOf(index, [convicted('2024-06-15', '2024-07-01')]), { reoffended: true, count: 1, firstOffenceOn: '2024-06-15', daysToFirst: 366 });
  const leap = '2024-02-29';
  assert.equal(reoffendingOf(leap, [convicted('2025-02-28', '2025-08-29')]).count, 1, 'the last day of both periods');
  assert.equal(reoffendingOf(leap, [convicted('2025-03-01', '2025-03-02')]).count, 0, 'the day after the follow-up');
  assert.equal(reoffendingOf(leap, [convicted('2025-02-28', '2025-08-30')]).count, 0, 'the day after the waiting period');
});

test('frequency counts every proven re-offence; unproven and out-of-window events do not count', () => {
  const index = '2025-01-10';
  const events: JusticeEvent[] = [
    convicted('2025-06-01', '2025-09-01'),
    { offenceOn: '2025-02-01', outcome: 'arrest', outcomeOn: '2025-02-01' },
    cautioned('2025-02-01', '2025-02-20'),
    { offenceOn: '2025-03-01', outcome: 'acquittal', outcomeOn: '2025-08-01' },
    convicted('2024-12-01', '2025-02-01'),
    convicted('2025-11-01', '2026-01-05'),
  ];
  assert.deepEqual(reoffendingOf(index, events), { reoffended: true, count: 3, firstOffenceOn: '2025-02-01', daysToFirst: 22 });
  assert.deepEqual(provenReoffences(index, events).map((e) => e.offenceOn), ['2025-02-01', '2025-06-01', '2025-11-01']);
  assert.deepEqual(reoffendingOf(index, []), { reoffended: false, count: 0, firstOffenceOn: null, daysToFirst: null });
});

test('the events returned keep their own fields, and bad dates are refused', () => {
  const withId = [{ ...convicted('2025-02-01', '2025-03-01'), id: 'e1' }];
  assert.equal(provenReoffences('2025-01-10', withId)[0]?.id, 'e1');
  assert.throws(() => reoffendingOf('2025-01-10', [convicted('2025-02-30', '2025-03-01')]), RangeError);
  assert.throws(() => reoffendingOf('2025-01-10', [convicted('2025-03-01', '2025-02-01')]), /cannot come before its offence/);
  assert.throws(() => reoffendingOf('2025-13-10', []), RangeError);
});

test('a window is complete only after the day 18 months on', () => {
  assert.equal(isComplete('2025-03-10', '2026-09-10'), false);
  assert.equal(isComplete('2025-03-10', '2026-09-11'), true);
  assert.equal(isComplete('2025-03-10', '2025-03-10'), false);
});

test('cohorts are calendar quarters', () => {
  assert.equal(cohortQuarter('2026-01-01'), '2026-Q1');
  assert.equal(cohortQuarter('2026-03-31'), '2026-Q1');
  assert.equal(cohortQuarter('2026-04-01'), '2026-Q2');
  assert.equal(cohortQuarter('2026-09-30'), '2026-Q3');
  assert.equal(cohortQuarter('2026-12-31'), '2026-Q4');
  assert.deepEqual([quarterStart('2026-Q1'), quarterEnd('2026-Q1')], ['2026-01-01', '2026-03-31']);
  assert.deepEqual([quarterStart('2026-Q2'), quarterEnd('2026-Q2')], ['2026-04-01', '2026-06-30']);
  assert.deepEqual([quarterStart('2026-Q3'), quarterEnd('2026-Q3')], ['2026-07-01', '2026-09-30']);
  assert.deepEqual([quarterStart('2026-Q4'), quarterEnd('2026-Q4')], ['2026-10-01', '2026-12-31']);
  assert.throws(() => quarterStart('2026-Q5'), RangeError);
  assert.throws(() => quarterEnd('2026Q1'), RangeError);
});

test('a cohort summary gives a rate only once the whole quarter has passed 18 months', () => {
  const people = [
    { indexDate: '2024-01-05', events: [convicted('2024-03-01', '2024-05-01'), cautioned('2024-06-01', '2024-06-10')] },
    { indexDate: '2024-02-10', events: [] },
    { indexDate: '2024-03-31', events: [{ offenceOn: '2024-05-01', outcome: 'charge', outcomeOn: '2024-05-02' } as JusticeEvent] },
    { indexDate: '2024-03-20', events: [convicted('2025-03-20', '2025-09-20')] },
    { indexDate: '2024-04-01', events: [convicted('2024-04-02', '2024-05-01')] },
  ];
  // 2024-Q1 ends 2024-03-31, so it is complete from 2025-10-01; 2024-Q2 from 2026-01-01.
  const summary = cohortSummary(people, '2025-10-01');
  assert.deepEqual(summary, [
    { quarter: '2024-Q1', people: 4, reoffenders: 2, reoffences: 3, complete: true, rate: 0.5, reoffencesPerReoffender: 1.5 },
    { quarter: '2024-Q2', people: 1, reoffenders: 1, reoffences: 1, complete: false, rate: null, reoffencesPerReoffender: null },
  ]);
  const earlier = cohortSummary(people, '2025-09-30');
  assert.equal(earlier[0]!.complete, false, 'the day 18 months after the quarter end is still inside the window');
  assert.equal(earlier[0]!.rate, null);
  assert.deepEqual(cohortSummary([], '2025-10-01'), []);
  const noReoffender = cohortSummary([{ indexDate: '2020-01-01', events: [] }], '2025-01-01');
  assert.deepEqual(noReoffender[0], { quarter: '2020-Q1', people: 1, reoffenders: 0, reoffences: 0, complete: true, rate: 0, reoffencesPerReoffender: null });
});

test('time to first re-offence: an event at the day of the offence, censored at the window end for a complete window', () => {
  const index = '2025-03-10';
  const today = '2027-01-01';
  assert.deepEqual(timeToFirst(index, [convicted('2025-04-09', '2025-06-01')], today), { time: 30, event: true });
  assert.deepEqual(timeToFirst(index, [], today), { time: 365, event: false });
  assert.deepEqual(timeToFirst(index, [convicted('2026-03-11', '2026-04-01')], today), { time: 365, event: false }, 'an offence after the window');
  assert.deepEqual(timeToFirst('2023-06-15', [], '2026-01-01'), { time: 366, event: false }, 'a window across 29 February');
  assert.deepEqual(timeToFirst('2023-06-15', [convicted('2024-06-15', '2024-07-01')], '2026-01-01'), { time: 366, event: true });
});

test('time to first re-offence: censored at today for an incomplete window, never beyond what was observed', () => {
  const index = '2025-03-10';
  assert.deepEqual(timeToFirst(index, [], '2025-05-09'), { time: 60, event: false });
  // Offence known, but its conviction comes after today: not yet observed, so censored at today.
  assert.deepEqual(timeToFirst(index, [convicted('2025-04-01', '2025-06-01')], '2025-05-09'), { time: 60, event: false });
  assert.deepEqual(timeToFirst(index, [convicted('2025-04-01', '2025-05-09')], '2025-05-09'), { time: 22, event: true });
  // Past the follow-up but inside the waiting period: censored at the window end, never at today.
  assert.deepEqual(timeToFirst(index, [], '2026-06-01'), { time: 365, event: false });
  assert.deepEqual(timeToFirst(index, [], index), { time: 0, event: false });
  assert.deepEqual(timeToFirst(index, [], '2025-01-01'), { time: 0, event: false });
  for (const today of ['2025-03-11', '2025-09-01', '2026-03-10', '2026-09-10', '2027-01-01']) {
    const { time, event } = timeToFirst(index, [], today);
    assert.equal(event, false);
    assert.ok(time <= Math.min(365, Math.round((Date.parse(today) - Date.parse(index)) / 86_400_000)), today);
  }
});

test('on a complete window, time to first agrees with the binary measure', () => {
  const index = '2025-03-10';
  const cases: JusticeEvent[][] = [[], [convicted('2026-03-10', '2026-09-10')], [convicted('2026-03-10', '2026-09-11')], [cautioned('2025-03-10', '2025-03-11')]];
  for (const events of cases) {
    const survival = timeToFirst(index, events, '2026-09-11');
    const measure = reoffendingOf(index, events);
    assert.equal(survival.event, measure.reoffended, JSON.stringify(events));
    if (measure.daysToFirst !== null) assert.equal(survival.time, measure.daysToFirst);
  }
});
