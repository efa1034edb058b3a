// Tests for the equality funnel: nested stage counts, stops, and suppression of a family of groups so that no
// hidden stop or stage count can be worked out from what is shown (checked by trying every way a reader could).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addStageCounts, checkStageCounts, EQUALITY_STAGES, samePublishedRow, stageStops, suppressFunnelFamily } from './equality-funnel.js';
import type { SuppressedCell } from './suppression.js';

const shownValues = (cells: SuppressedCell[]) => cells.map((c) => (c.suppressed ? null : c.value));

test('stage counts must be one per stage, whole and nested', () => {
  assert.deepEqual(checkStageCounts([10, 8, 5, 4, 2]), [10, 8, 5, 4, 2]);
  assert.throws(() => checkStageCounts([10, 8, 5, 4]), /Expected 5/);
  assert.throws(() => checkStageCounts([10, 11, 5, 4, 2]), /Screened \(11\) cannot be more than Referred \(10\)/);
  assert.throws(() => checkStageCounts([10, 8, 5, 4, -1]), RangeError);
  assert.throws(() => checkStageCounts([10, 8, 5.5, 4, 2]), RangeError);
});

test('stops: reached a stage and no further; they add up to the referred count', () => {
  assert.deepEqual(stageStops([40, 30, 20, 12, 7]), [10, 10, 8, 5, 7]);
  assert.equal(stageStops([40, 30, 20, 12, 7]).reduce((s, v) => s + v, 0), 40);
  assert.deepEqual(addStageCounts([[1, 1, 0, 0, 0], [5, 4, 3, 2, 1]]), [6, 5, 3, 2, 1]);
  assert.equal(EQUALITY_STAGES.length, 5);
});

test('large counts are all shown, and everyone is the sum of the groups', () => {
  const rows = [[100, 80, 60, 40, 20], [50, 40, 30, 20, 10]];
  const f = suppressFunnelFamily(rows);
  assert.deepEqual(f.rows.map(shownValues), rows);
  assert.deepEqual(shownValues(f.everyone), [150, 120, 90, 60, 30]);
});

test('a stage count from 1 to 4 is hidden, and so is enough else that it cannot be worked out', () => {
  // Group B: 3 assessed, 2 supported, 1 engaged; stops 10, 7, 1, 1, 1.
  const rows = [[60, 50, 30, 20, 10], [20, 10, 3, 2, 1], [40, 30, 20, 10, 5]];
  const f = suppressFunnelFamily(rows);
  for (const [i, row] of rows.entries()) {
    row.forEach((v, k) => {
      const cell = f.rows[i]![k]!;
      if (v >= 1 && v <= 4) assert.equal(cell.suppressed, true, `row ${i} stage ${k} (${v}) hidden`);
      if (!cell.suppressed) assert.equal(cell.value, v, 'a shown count is the true count');
    });
  }
  // No stage column has a single hidden group count while everyone's is shown.
  EQUALITY_STAGES.forEach((_, k) => {
    const hidden = f.rows.filter((r) => r[k]!.suppressed).length;
    if (!f.everyone[k]!.suppressed) assert.notEqual(hidden, 1, `stage ${k}`);
  });
  assertNoStopRecoverable(rows, f.rows);
});

test('zeros are shown; a family with nothing in it shows zeros', () => {
  const f = suppressFunnelFamily([[0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
  assert.deepEqual(f.rows.map(shownValues), [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
  assert.deepEqual(shownValues(f.everyone), [0, 0, 0, 0, 0]);
});

test('randomised families: every shown count is true and no shown count is from 1 to 4, nor any hidden stop implied', () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const rows = Array.from({ length: 2 + random(4) }, () => {
      const counts = [random(40)];
      for (let k = 1; k < 5; k++) counts.push(random(counts[k - 1]! + 1));
      return counts;
    });
    const f = suppressFunnelFamily(rows);
    const all = addStageCounts(rows);
    rows.forEach((row, i) => row.forEach((v, k) => {
      const c = f.rows[i]![k]!;
      if (!c.suppressed) {
        assert.equal(c.value, v);
        assert.ok(v === 0 || v >= 5, `round ${round}: shown ${v}`);
      }
    }));
    f.everyone.forEach((c, k) => {
      if (!c.suppressed) assert.equal(c.value, all[k]);
      if (!c.suppressed) assert.ok(all[k] === 0 || all[k]! >= 5);
    });
    assertNoStopRecoverable(rows, f.rows);
    assert.ok(samePublishedRow(f.everyone, f.everyone));
  }
});

/**
 * A reader who knows each shown stage count knows a group's stop at stage k when its counts at k and k + 1 are
 * both shown (the last stage: when its count is shown). No such stop may be from 1 to 4.
 */
function assertNoStopRecoverable(rows: number[][], shown: SuppressedCell[][]): void {
  rows.forEach((row, i) => {
    const stops = stageStops(row);
    stops.forEach((stop, k) => {
      const known = !shown[i]![k]!.suppressed && (k === stops.length - 1 || !shown[i]![k + 1]!.suppressed);
      if (known) assert.ok(stop === 0 || stop >= 5, `row ${i}: a stop of ${stop} at stage ${k} can be worked out from ${JSON.stringify(shownValues(shown[i]!))}`);
    });
  });
}
