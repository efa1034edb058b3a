// Tests for small-number suppression: primary (1 to 4 hidden, 0 shown), secondary for lists and two-way tables
// with totals, and rates. Two checkers try to recover hidden figures: one line at a time (total less the shown
// figures), and by any sum of lines (linear algebra over the published table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  formatCount,
  SUPPRESSED_MARKER,
  suppressCount,
  suppressionFootnote,
  suppressList,
  suppressRate,
  suppressTable,
  type SuppressedCell,
  type SuppressedTable,
} from './suppression.js';

/** The published table with its totals as one grid: last column the row totals, last row the column totals. */
function published(table: SuppressedTable): SuppressedCell[][] {
  return [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]!]),
    [...table.columnTotals, table.grandTotal],
  ];
}

/** Every line (each row and each column of the grid, totals included) as positions. */
function lines(rows: number, columns: number): [number, number][][] {
  return [
    ...Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j): [number, number] => [i, j])),
    ...Array.from({ length: columns }, (_, j) => Array.from({ length: rows }, (_, i): [number, number] => [i, j])),
  ];
}

/** Lines with exactly one hidden figure: that figure is the line's total less its shown figures. */
function linesWithOneHidden(grid: readonly (readonly { suppressed: boolean }[])[]): [number, number][][] {
  return lines(grid.length, grid[0]!.length).filter((line) => line.filter(([i, j]) => grid[i]![j]!.suppressed).length === 1);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  const columns = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[pivot]![c]!)) pivot = i;
    if (Math.abs(m[pivot]![c]!) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const factor = m[i]![c]! / m[r]![c]!;
      for (let k = c; k < columns; k++) m[i]![k]! -= factor * m[r]![k]!;
    }
    r++;
  }
  return r;
}

/**
 * Hidden figures that some sum of lines pins down exactly. Each line says: its counts add up to its total. With
 * the shown figures known, these are linear equations in the hidden ones; a hidden figure is determined when its
 * column of the system is not a combination of the other hidden figures' columns (dropping it lowers the rank).
 */
function recoverable(grid: readonly (readonly { suppressed: boolean }[])[]): [number, number][] {
  const rows = grid.length;
  const columns = grid[0]!.length;
  const unknowns: [number, number][] = [];
  grid.forEach((row, i) => row.forEach((cell, j) => cell.suppressed && unknowns.push([i, j])));
  const coefficient = (line: [number, number][], at: [number, number], isRow: boolean): number => {
    if (!line.some(([i, j]) => i === at[0] && j === at[1])) return 0;
    const isTotal = isRow ? at[1] === columns - 1 : at[0] === rows - 1;
    return isTotal ? -1 : 1;
  };
  const all = lines(rows, columns);
  const system = all.map((line, n) => unknowns.map((at) => coefficient(line, at, n < rows)));
  const full = rank(system);
  return unknowns.filter((_, k) => rank(system.map((row) => row.filter((_, c) => c !== k))) === full - 1);
}

function assertProtected(rows: number[][], options?: { threshold?: number }): SuppressedTable {
  const table = suppressTable(rows, options);
  const threshold = options?.threshold ?? 5;
  const grid = published(table);
  const truth = [...rows.map((row) => [...row, row.reduce((a, b) => a + b, 0)])];
  truth.push(truth[0] ? truth[0].map((_, j) => truth.reduce((sum, row) => sum + row[j]!, 0)) : [0]);
  grid.forEach((row, i) =>
    row.forEach((cell, j) => {
      const value = truth[i]![j]!;
      if (value >= 1 && value < threshold) assert.deepEqual(cell, { value: null, suppressed: true, reason: 'primary' }, `small ${value} at ${i},${j}`);
      if (cell.suppressed) assert.equal(cell.value, null);
      else assert.deepEqual(cell, { value, suppressed: false, reason: null }, `shown at ${i},${j}`);
    }),
  );
  assert.deepEqual(linesWithOneHidden(grid), [], 'a line with exactly one hidden figure');
  assert.deepEqual(recoverable(grid), [], 'a hidden figure recoverable from sums of lines');
  return table;
}

/** Hidden positions of the published grid, with their reasons, e.g. "0,1 secondary". */
function hiddenAt(table: SuppressedTable): string[] {
  return published(table).flatMap((row, i) => row.flatMap((cell, j) => (cell.suppressed ? [`${i},${j} ${cell.reason}`] : [])));
}

test('primary suppression hides 1 to 4 and shows 0 and 5 or more', () => {
  assert.equal(DEFAULT_SUPPRESSION_THRESHOLD, 5);
  assert.deepEqual(suppressCount(0), { value: 0, suppressed: false, reason: null });
  for (const small of [1, 2, 3, 4]) assert.deepEqual(suppressCount(small), { value: null, suppressed: true, reason: 'primary' });
  assert.deepEqual(suppressCount(5), { value: 5, suppressed: false, reason: null });
  assert.deepEqual(suppressCount(16315), { value: 16315, suppressed: false, reason: null });
});

test('the threshold is a parameter', () => {
  assert.equal(suppressCount(9, { threshold: 10 }).suppressed, true);
  assert.equal(suppressCount(10, { threshold: 10 }).suppressed, false);
  assert.equal(suppressCount(1, { threshold: 1 }).suppressed, false);
  assert.equal(suppressCount(4, { threshold: 3 }).suppressed, false);
  assert.throws(() => suppressCount(3, { threshold: 0 }), RangeError);
  assert.throws(() => suppressCount(3, { threshold: 2.5 }), RangeError);
});

test('a count must be a whole number from 0', () => {
  for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.throws(() => suppressCount(bad), RangeError);
  assert.throws(() => suppressList([3, -2]), RangeError);
  assert.throws(() => suppressTable([[1, 2], [3]]), RangeError);
  assert.throws(() => suppressTable([[1, 0.5]]), RangeError);
});

test('a hidden count shows the marker, with a footnote saying why', () => {
  assert.equal(formatCount(suppressCount(3)), SUPPRESSED_MARKER);
  assert.equal(formatCount(suppressCount(0)), '0');
  assert.equal(formatCount(suppressCount(12)), '12');
  assert.equal(
    suppressionFootnote(),
    '* Not shown: a number from 1 to 4, or a number hidden so that one from 1 to 4 cannot be worked out from the totals.',
  );
});

test('a list: one small count hides the next smallest too, so the total cannot give it away', () => {
  const list = suppressList([3, 10, 20]);
  assert.deepEqual(list.cells, [
    { value: null, suppressed: true, reason: 'primary' },
    { value: null, suppressed: true, reason: 'secondary' },
    { value: 20, suppressed: false, reason: null },
  ]);
  assert.deepEqual(list.total, { value: 33, suppressed: false, reason: null });
  // Ties go to the first; zeros are never picked.
  assert.deepEqual(suppressList([0, 2, 7, 7]).cells.map((c) => c.reason), [null, 'primary', 'secondary', null]);
});

test('a list: a small total is hidden with its count, and a list of zeros shows everything', () => {
  const small = suppressList([3, 0, 0]);
  assert.deepEqual(small.cells.map(formatCount), ['*', '0', '0']);
  assert.deepEqual(small.total, { value: null, suppressed: true, reason: 'primary' });
  const zeros = suppressList([0, 0, 0]);
  assert.deepEqual([...zeros.cells, zeros.total].map(formatCount), ['0', '0', '0', '0']);
  assert.deepEqual(suppressList([]).total, { value: 0, suppressed: false, reason: null });
  const large = suppressList([12, 8, 30]);
  assert.deepEqual([...large.cells, large.total].map(formatCount), ['12', '8', '30', '50']);
  // Two small counts protect each other; only the marker shows for each.
  assert.deepEqual(suppressList([2, 1, 40]).cells.map(formatCount), ['*', '*', '40']);
});

test('a list: no line is left with a single hidden figure', () => {
  for (const values of [[3, 10, 20], [4], [0, 6, 3], [5, 5, 1], [1, 1], [9, 0, 2, 0, 30]]) {
    const list = suppressList(values);
    const line = [...list.cells, list.total];
    assert.notEqual(line.filter((c) => c.suppressed).length, 1, `list ${values.join(',')}`);
  }
});

test('a 1×1 table: a small count hides its total, its column total and the grand total', () => {
  const small = assertProtected([[3]]);
  assert.deepEqual(hiddenAt(small), ['0,0 primary', '0,1 primary', '1,0 primary', '1,1 primary']);
  assert.deepEqual(hiddenAt(assertProtected([[7]])), []);
  assert.deepEqual(hiddenAt(assertProtected([[0]])), []);
});

test('a table of zeros is shown in full', () => {
  const table = assertProtected([[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual(hiddenAt(table), []);
  assert.deepEqual(table.grandTotal, { value: 0, suppressed: false, reason: null });
});

test('an empty table has a grand total of 0', () => {
  assert.deepEqual(suppressTable([]), { cells: [], rowTotals: [], columnTotals: [], grandTotal: { value: 0, suppressed: false, reason: null } });
});

test('one small cell: the second suppression cascades into a square of four hidden cells', () => {
  // Row 0 hides 8 beside the 2; that leaves column 0 with one hidden, so 6 goes; then row 1 has one, so 7 goes,
  // which also gives column 1 its second.
  const table = assertProtected([
    [2, 8, 9],
    [6, 7, 30],
    [10, 12, 40],
  ]);
  assert.deepEqual(hiddenAt(table), ['0,0 primary', '0,1 secondary', '1,0 secondary', '1,1 secondary']);
  assert.deepEqual(table.rowTotals.map(formatCount), ['19', '43', '62']);
  assert.deepEqual(table.columnTotals.map(formatCount), ['18', '27', '79']);
  assert.equal(formatCount(table.grandTotal), '124');
});

test('the cascade runs through the totals when a small count is alone in its row', () => {
  // 3 is alone in row 0, so its row total (3) and column total (3) are small too. The totals row then has one
  // hidden figure, so column 1's total (20) goes; then the 20 it totals; then row 1's total (20).
  const table = assertProtected([
    [3, 0],
    [0, 20],
  ]);
  assert.deepEqual(hiddenAt(table), ['0,0 primary', '0,2 primary', '1,1 secondary', '1,2 secondary', '2,0 primary', '2,1 secondary']);
  assert.deepEqual(table.cells.map((row) => row.map(formatCount)), [['*', '0'], ['0', '*']]);
  assert.deepEqual(table.grandTotal, { value: 23, suppressed: false, reason: null });
});

test('two small counts in the same row and column protect each other without hiding anything else', () => {
  const table = assertProtected([
    [2, 3, 20],
    [4, 1, 30],
    [10, 11, 40],
  ]);
  assert.deepEqual(hiddenAt(table), ['0,0 primary', '0,1 primary', '1,0 primary', '1,1 primary']);
});

test('the line rule alone can leave a hidden figure that sums of lines recover', () => {
  // Two blocks of small counts joined by one small count (row 1, column 2). Every line holds two or more hidden
  // figures, yet rows 0 and 1 less columns 0 and 1 give that count: 35 − (44 − 40) − 30 = 1.
  const rows = [
    [1, 1, 10, 10],
    [1, 1, 1, 10],
    [10, 10, 1, 1],
    [10, 10, 1, 1],
  ];
  const lineRuleOnly = rows
    .map((row) => [...row, 0].map((v) => ({ suppressed: v >= 1 && v < 5 })))
    .concat([[0, 0, 0, 0, 0].map(() => ({ suppressed: false }))]);
  assert.deepEqual(linesWithOneHidden(lineRuleOnly), []);
  assert.deepEqual(recoverable(lineRuleOnly), [[1, 2]]);
  // suppressTable hides one more figure to close the gap.
  const table = assertProtected(rows);
  const secondary = hiddenAt(table).filter((h) => h.endsWith('secondary'));
  assert.equal(secondary.length, 1);
});

test('ties are broken in reading order, and the same table always gives the same pattern', () => {
  const rows = [
    [2, 9, 9, 30],
    [9, 9, 9, 30],
    [9, 9, 9, 30],
  ];
  const first = assertProtected(rows);
  assert.deepEqual(hiddenAt(first), ['0,0 primary', '0,1 secondary', '1,0 secondary', '1,1 secondary']);
  assert.deepEqual(suppressTable(rows), first);
});

test('the threshold applies to tables too', () => {
  const table = assertProtected([[7, 20], [20, 20]], { threshold: 10 });
  assert.deepEqual(hiddenAt(table), ['0,0 primary', '0,1 secondary', '1,0 secondary', '1,1 secondary']);
  assert.deepEqual(hiddenAt(assertProtected([[7, 20], [20, 20]])), []);
});

test('random tables: no hidden figure can be recovered from any line or any sum of lines', () => {
  // A fixed-seed generator (mulberry32) so a failure can be replayed.
  let seed = 20250615;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (): number => {
    const r = random();
    if (r < 0.25) return 0;
    if (r < 0.55) return 1 + Math.floor(random() * 4);
    return 5 + Math.floor(random() * 40);
  };
  let hiddenZeros = 0;
  for (let n = 0; n < 300; n++) {
    const rows = Array.from({ length: 1 + Math.floor(random() * 6) }, () => []) as number[][];
    const columns = 1 + Math.floor(random() * 6);
    for (const row of rows) for (let j = 0; j < columns; j++) row.push(pick());
    const table = assertProtected(rows);
    hiddenZeros += table.cells.flat().filter((c, k) => c.suppressed && rows.flat()[k] === 0).length;
  }
  // Zeros are hidden only when no chain of non-zero figures can close a gap: rare.
  assert.ok(hiddenZeros <= 5, `${hiddenZeros} zeros hidden`);
});

test('a rate built on a small count is hidden', () => {
  assert.deepEqual(suppressRate(3, 50), { value: null, suppressed: true, reason: 'primary' });
  assert.deepEqual(suppressRate(0, 3), { value: null, suppressed: true, reason: 'primary' });
  assert.deepEqual(suppressRate(20, 100), { value: 0.2, suppressed: false, reason: null });
  assert.deepEqual(suppressRate(0, 50), { value: 0, suppressed: false, reason: null });
  assert.deepEqual(suppressRate(100, 100), { value: 1, suppressed: false, reason: null });
});

test('a rate is hidden when the people it leaves out are fewer than 5', () => {
  // 98% of 100 engaged tells the reader that 2 were not.
  assert.deepEqual(suppressRate(98, 100), { value: null, suppressed: true, reason: 'primary' });
  assert.deepEqual(suppressRate(95, 100), { value: 0.95, suppressed: false, reason: null });
  assert.equal(suppressRate(91, 100, { threshold: 10 }).suppressed, true);
  assert.equal(suppressRate(90, 100, { threshold: 10 }).suppressed, false);
});

test('a rate built on a cell hidden by secondary suppression is hidden too', () => {
  const table = suppressTable([[2, 8, 9], [6, 7, 30], [10, 12, 40]]);
  const engaged = table.cells[0]![1]!; // 8, hidden to protect the 2
  assert.deepEqual(suppressRate(engaged, table.rowTotals[0]!), { value: null, suppressed: true, reason: 'secondary' });
  assert.deepEqual(suppressRate(table.cells[0]![0]!, table.rowTotals[0]!), { value: null, suppressed: true, reason: 'primary' });
  assert.deepEqual(suppressRate(table.cells[2]![1]!, table.rowTotals[2]!), { value: 12 / 62, suppressed: false, reason: null });
});

test('no denominator gives no rate; impossible rates are refused', () => {
  assert.deepEqual(suppressRate(0, 0), { value: null, suppressed: false, reason: null });
  assert.throws(() => suppressRate(50, 20), RangeError);
  assert.throws(() => suppressRate(-1, 20), RangeError);
  assert.throws(() => suppressRate({ value: null, suppressed: false, reason: null }, 20), RangeError);
});
