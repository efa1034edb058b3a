// Tests for the return's aggregate tables: small numbers hidden, with a second figure hidden where one alone would be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateRows, breakdownTable, separateCountsTable } from './quarterly-return-tables.js';

test('a breakdown hides counts of 1 to 4 and one more so the hidden one cannot be worked out', () => {
  const t = breakdownTable('By sex', 'Referrals by sex', 'Sex', [
    { label: 'Female', count: 3 },
    { label: 'Male', count: 40 },
    { label: 'Not known', count: 12 },
    { label: 'Prefers not to say', count: 0 },
  ]);
  // 3 is hidden (primary); the smallest other non-zero figure, 12, is hidden too (secondary); zero is shown.
  assert.deepEqual(t.rows.map((r) => r.count), ['*', '40', '*', '0']);
  assert.equal(t.total, '55');
});

test('a breakdown with nothing small shows everything, and a small total is hidden', () => {
  assert.deepEqual(breakdownTable('A', 'A', 'x', [{ label: 'a', count: 5 }, { label: 'b', count: 9 }]).rows.map((r) => r.count), ['5', '9']);
  const small = breakdownTable('B', 'B', 'x', [{ label: 'a', count: 0 }, { label: 'b', count: 2 }]);
  assert.deepEqual([...small.rows.map((r) => r.count), small.total], ['0', '*', '*']);
});

test('separate counts are hidden only when small, and rows flatten with the table title', () => {
  const t = separateCountsTable('Activity', 'Activity in the quarter', [{ label: 'Cases opened', count: 4 }, { label: 'Cases closed', count: 17 }]);
  assert.deepEqual(t.rows.map((r) => r.count), ['*', '17']);
  assert.equal(t.total, null);
  assert.deepEqual(aggregateRows([t]), [['Activity in the quarter', 'Cases opened', '*'], ['Activity in the quarter', 'Cases closed', '17']]);
  assert.throws(() => breakdownTable('A name that is far too long for a sheet', 't', 'x', []), RangeError);
});
