import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardPeriodProblems, defaultDashboardPeriod } from './dashboard-period.js';

test('the default period is the last 3 months up to today, both ends included', () => {
  assert.deepEqual(defaultDashboardPeriod('2026-12-02'), { from: '2026-09-03', to: '2026-12-02' });
  assert.deepEqual(defaultDashboardPeriod('2026-05-31'), { from: '2026-03-01', to: '2026-05-31' }, 'no 31 February: the last day of February, then the day after');
  assert.deepEqual(defaultDashboardPeriod('2026-01-15'), { from: '2025-10-16', to: '2026-01-15' }, 'across a year end');
  assert.deepEqual(defaultDashboardPeriod('2024-05-29'), { from: '2024-03-01', to: '2024-05-29' }, 'leap year: 29 February + 1 day');
});

test('a period must run forwards and be at most 10 years long', () => {
  assert.deepEqual(dashboardPeriodProblems({ from: '2026-01-01', to: '2026-01-01' }), {}, 'one day is a period');
  assert.deepEqual(dashboardPeriodProblems({ from: '2026-01-02', to: '2026-01-01' }), { to: 'The last date must be the same as or after the first date' });
  assert.deepEqual(dashboardPeriodProblems({ from: '2016-01-02', to: '2026-01-01' }), {}, '3,652 days is within 10 years');
  assert.ok(dashboardPeriodProblems({ from: '2016-01-01', to: '2026-01-01' }).from, '3,653 days is too long');
});
