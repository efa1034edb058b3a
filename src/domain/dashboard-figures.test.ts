import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakdown, columnsOf, shareFigure, singleFigure, statisticFigure } from './dashboard-figures.js';

const entries = (counts: number[]) => counts.map((count, i) => ({ key: `k${i}`, label: `Group ${i}`, count }));
const texts = (b: ReturnType<typeof breakdown>) => [...b.rows.map((r) => r.count.text), b.total.text];

test('the team sees every count as it is, with the total', () => {
  const b = breakdown(entries([12, 3, 0, 1_250]), false);
  assert.deepEqual(texts(b), ['12', '3', '0', '1,250', '1,265']);
  assert.deepEqual(b.rows.map((r) => r.count.value), [12, 3, 0, 1_250]);
  assert.equal(b.empty, false);
  assert.equal(breakdown(entries([0, 0]), false).empty, true);
});

test('a commissioner sees counts 1 to 4 hidden, and one more so the hidden one cannot be worked out from the total', () => {
  // 3 is hidden (primary); the smallest other non-zero figure, 12, is hidden too (secondary); zero stays shown.
  const b = breakdown(entries([12, 3, 0, 40]), true);
  assert.deepEqual(texts(b), ['*', '*', '0', '40', '55']);
  assert.deepEqual(b.rows.map((r) => r.count.value), [null, null, 0, 40], 'a hidden figure carries no value to the chart');
  // Two small counts already protect each other: nothing more is hidden.
  assert.deepEqual(texts(breakdown(entries([2, 3, 40]), true)), ['*', '*', '40', '45']);
  // A small total is hidden with its counts.
  assert.deepEqual(texts(breakdown(entries([1, 2]), true)), ['*', '*', '*']);
});

test('a count on its own is hidden from 1 to 4 for a commissioner only', () => {
  assert.equal(singleFigure(4, true).text, '*');
  assert.equal(singleFigure(5, true).text, '5');
  assert.equal(singleFigure(0, true).text, '0');
  assert.equal(singleFigure(4, false).text, '4');
});

test('columns are suppressed each on its own, over the same rows', () => {
  const [sent, declined] = columnsOf([[20, 6], [2, 0]], true);
  assert.deepEqual(sent!.cells.map((c) => c.text), ['20', '6']);
  assert.deepEqual([...declined!.cells.map((c) => c.text), declined!.total.text], ['*', '0', '*']);
});

test('a share is a whole percentage; for a commissioner it is hidden when either count or the complement is 1 to 4', () => {
  assert.deepEqual(shareFigure(17, 20, null, false), { count: { text: '17', value: 17, hidden: false }, share: '85%' });
  assert.equal(shareFigure(0, 0, null, false).share, 'No figure');
  assert.equal(shareFigure(17, 20, null, true).share, '*', '20 − 17 = 3 outside the target would be disclosed');
  assert.equal(shareFigure(15, 20, null, true).share, '75%');
  assert.equal(shareFigure(3, 20, null, true).count.text, '*');
  assert.equal(shareFigure(15, 20, { text: '*', value: null, hidden: true }, true).share, '*', 'a hidden denominator hides the share');
});

test('a median of fewer than 5 figures is hidden for a commissioner; none at all is "No figure"', () => {
  const f = (v: number) => `${v} min`;
  assert.equal(statisticFigure(42, 4, true, f), '*');
  assert.equal(statisticFigure(42, 5, true, f), '42 min');
  assert.equal(statisticFigure(42, 1, false, f), '42 min');
  assert.equal(statisticFigure(null, 0, true, f), 'No figure');
});
