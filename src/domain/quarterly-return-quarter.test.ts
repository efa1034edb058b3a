// Tests for the quarters a quarterly return may cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isReturnableQuarter, previousQuarter, quarterDates, quarterLabel, quarterProblem, recentQuarters } from './quarterly-return-quarter.js';

test('an ended quarter and the current quarter may be returned; a future one may not', () => {
  assert.equal(quarterProblem('2026-Q3', '2026-12-02'), null);
  assert.equal(quarterProblem('2026-Q4', '2026-12-02'), null);
  assert.equal(quarterProblem('2026-Q4', '2026-10-01'), null, 'the first day of the quarter counts as current');
  assert.match(quarterProblem('2026-Q4', '2026-09-30') ?? '', /has not started/);
  assert.match(quarterProblem('2027-Q1', '2026-12-02') ?? '', /has not started/);
  assert.ok(isReturnableQuarter('2025-Q1', '2026-12-02'));
});

test('text that is not a quarter is refused with an example', () => {
  for (const bad of ['2026-Q5', '2026-Q0', '2026Q3', '26-Q3', '2026-q3', '', '1999-Q4', '2026-Q3 ', 'Q3-2026']) {
    assert.match(quarterProblem(bad, '2026-12-02') ?? '', /for example 2026-Q3/, bad);
  }
  assert.throws(() => quarterProblem('2026-Q3', '2026-02-30'), RangeError);
});

test('quarters run back across the year', () => {
  assert.equal(previousQuarter('2026-Q1'), '2025-Q4');
  assert.equal(previousQuarter('2026-Q3'), '2026-Q2');
  assert.deepEqual(recentQuarters('2026-12-02', 6), ['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
  assert.deepEqual(recentQuarters('2026-01-01', 1), ['2026-Q1']);
  assert.throws(() => recentQuarters('2026-01-01', 0), RangeError);
});

test('a quarter in words and in dates, leap year included', () => {
  assert.equal(quarterLabel('2026-Q3'), 'July to September 2026');
  assert.equal(quarterLabel('2026-Q1'), 'January to March 2026');
  assert.deepEqual(quarterDates('2026-Q3'), { from: '2026-07-01', to: '2026-09-30' });
  assert.deepEqual(quarterDates('2028-Q1'), { from: '2028-01-01', to: '2028-03-31' });
  assert.deepEqual(quarterDates('2026-Q4'), { from: '2026-10-01', to: '2026-12-31' });
});
