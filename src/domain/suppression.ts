// Small-number suppression for figures shown to commissioners: counts from 1 to 4 are hidden (primary
// suppression), and further figures are hidden so that no hidden count can be worked out from the totals
// (secondary suppression), as in the small-number rules of NHS and ONS published statistics. Rates built on a
// hidden count are hidden too.

/** Counts from 1 up to one below this are hidden: "counts under 5 are suppressed". */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** What a hidden figure shows instead of its value. The same marker for both reasons, so the reader cannot tell which. */
export const SUPPRESSED_MARKER = '*';

export type SuppressionReason = 'primary' | 'secondary';

/** A published count: `value` is null exactly when it is suppressed, so a hidden value travels no further. */
export type SuppressedCell = { value: number | null; suppressed: boolean; reason: SuppressionReason | null };

/** A rate (a proportion from 0 to 1). Null and not suppressed: no rate, as the denominator is 0. */
export type SuppressedRate = { value: number | null; suppressed: boolean; reason: SuppressionReason | null };

export type SuppressedList = { cells: SuppressedCell[]; total: SuppressedCell };

export type SuppressedTable = {
  cells: SuppressedCell[][];
  rowTotals: SuppressedCell[];
  columnTotals: SuppressedCell[];
  grandTotal: SuppressedCell;
};

export type SuppressionOptions = { threshold?: number };

function thresholdOf(options: SuppressionOptions | undefined): number {
  const threshold = options?.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new RangeError('The suppression threshold must be a whole number, 1 or more');
  return threshold;
}

function assertCount(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`A count must be a whole number, 0 or more: ${value}`);
}

const isSmall = (value: number, threshold: number): boolean => value >= 1 && value < threshold;
const shown = (value: number): SuppressedCell => ({ value, suppressed: false, reason: null });
const hidden = (reason: SuppressionReason): SuppressedCell => ({ value: null, suppressed: true, reason });

/**
 * Primary suppression of one count: returns it hidden (reason 'primary') when it is from 1 to threshold − 1
 * (default 1 to 4), shown otherwise. Zero is shown: in this data a zero is structural (no referrals from a site
 * that does not take them, no children at an adult court) and says nothing about any person, whereas a count of
 * 1 to 4 could let someone who knows the area identify who is behind it. Throws a RangeError for a count that is
 * not a whole number from 0.
 */
export function suppressCount(value: number, options?: SuppressionOptions): SuppressedCell {
  const threshold = thresholdOf(options);
  assertCount(value);
  return isSmall(value, threshold) ? hidden('primary') : shown(value);
}

/** The published text of a count: the marker when hidden, else the number. */
export function formatCount(cell: SuppressedCell): string {
  return cell.suppressed || cell.value === null ? SUPPRESSED_MARKER : String(cell.value);
}

/** The footnote to print under a table that may hold hidden figures. */
export function suppressionFootnote(threshold = DEFAULT_SUPPRESSION_THRESHOLD): string {
  return `${SUPPRESSED_MARKER} Not shown: a number from 1 to ${threshold - 1}, or a number hidden so that one from 1 to ${threshold - 1} cannot be worked out from the totals.`;
}

type Position = readonly [row: number, column: number];

/**
 * Smallest non-zero shown value among the positions, first in the given order on a tie; null if none.
 */
function smallestShown(values: readonly (readonly number[])[], isHidden: (p: Position) => boolean, line: readonly Position[]): Position | null {
  let best: Position | null = null;
  for (const p of line) {
    const v = values[p[0]]![p[1]]!;
    if (isHidden(p) || v === 0) continue;
    if (best === null || v < values[best[0]]![best[1]]!) best = p;
  }
  return best;
}

/**
 * One-way suppression of a list of counts and its total: primary suppression of each count and of the total,
 * then, if exactly one figure of the list and total is hidden, the smallest non-zero shown figure is hidden
 * too (the first on a tie, the total last), so that no hidden count is the total less the shown counts.
 */
export function suppressList(values: readonly number[], options?: SuppressionOptions): SuppressedList {
  const threshold = thresholdOf(options);
  values.forEach(assertCount);
  const line = [...values, values.reduce((sum, v) => sum + v, 0)];
  const reasons: (SuppressionReason | null)[] = line.map((v) => (isSmall(v, threshold) ? 'primary' : null));
  if (reasons.filter((r) => r !== null).length === 1) {
    const positions = line.map((_, i): Position => [0, i]);
    const pick = smallestShown([line], (p) => reasons[p[1]] !== null, positions);
    if (pick !== null) reasons[pick[1]] = 'secondary';
  }
  const cells = line.map((v, i) => (reasons[i] ? hidden(reasons[i]) : shown(v)));
  return { cells: cells.slice(0, -1), total: cells[cells.length - 1]! };
}

/**
 * Two-way suppression of a table of counts (rows × columns) with its row totals, column totals and grand total.
 *
 * Every figure, totals included, is first primary-suppressed (1 to threshold − 1 hidden). Then, as in the
 * "one line, at least two hidden" rule of published small-number guidance: while any line (a row or a column,
 * the totals row and totals column included) has exactly one hidden figure, the smallest non-zero shown figure
 * of that line is hidden (first in reading order on a tie: row by row, left to right, totals last), lines being
 * checked top to bottom then left to right. This rule never hides a zero.
 *
 * That rule is needed but not enough: hidden figures spread over several rows and columns can still be recovered
 * by adding and subtracting whole lines (in the pattern's graph, a hidden figure joining two otherwise separate
 * groups). A hidden figure can be recovered by any sum of lines exactly when it lies on no cycle of the graph
 * whose nodes are the lines and whose edges are the hidden figures (Gusfield's graph audit of two-way tables, 1988);
 * so each such figure (a bridge, found by Tarjan's algorithm) is put on a cycle by hiding the cheapest chain of
 * shown figures joining its two sides: fewest zeros (a zero is hidden only when no chain avoids one), then
 * smallest sum. When it returns, every line holds 0 or at least 2 hidden figures and no hidden figure is a
 * linear combination of the published ones; bounds from non-negativity (a hidden figure lies between 0 and its
 * line's total) remain, as for any cell suppression.
 */
export function suppressTable(rows: readonly (readonly number[])[], options?: SuppressionOptions): SuppressedTable {
  const threshold = thresholdOf(options);
  const columns = rows[0]?.length ?? 0;
  rows.forEach((row) => {
    if (row.length !== columns) throw new RangeError('Every row of a table must have the same number of counts');
    row.forEach(assertCount);
  });
  const rowCount = rows.length;
  // The table with its totals: column `columns` holds the row totals, row `rowCount` the column totals.
  const values: number[][] = rows.map((row) => [...row, row.reduce((sum, v) => sum + v, 0)]);
  values.push(Array.from({ length: columns + 1 }, (_, j) => values.reduce((sum, row) => sum + row[j]!, 0)));
  const reasons: (SuppressionReason | null)[][] = values.map((row) => row.map((v) => (isSmall(v, threshold) ? 'primary' : null)));
  const isHidden = (p: Position): boolean => reasons[p[0]]![p[1]] !== null;
  const hide = (p: Position): void => {
    reasons[p[0]]![p[1]] = 'secondary';
  };

  const lines: Position[][] = [
    ...values.map((row, i) => row.map((_, j): Position => [i, j])),
    ...values[0]!.map((_, j) => values.map((_, i): Position => [i, j])),
  ];
  for (;;) {
    const line = lines.find((l) => l.filter(isHidden).length === 1);
    if (line === undefined) break;
    // A lone hidden figure is non-zero, so its line has a non-zero shown figure: the total, or a count in it.
    const pick = smallestShown(values, isHidden, line);
    if (pick === null) throw new Error('Suppression found a line with one hidden figure and nothing else to hide');
    hide(pick);
  }
  for (;;) {
    const bridge = firstBridge(reasons, rowCount + 1, columns + 1);
    if (bridge === null) break;
    for (const p of cheapestJoin(values, reasons, bridge)) hide(p);
  }

  const cell = (i: number, j: number): SuppressedCell => {
    const reason = reasons[i]![j]!;
    return reason ? hidden(reason) : shown(values[i]![j]!);
  };
  return {
    cells: rows.map((row, i) => row.map((_, j) => cell(i, j))),
    rowTotals: rows.map((_, i) => cell(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => cell(rowCount, j)),
    grandTotal: cell(rowCount, columns),
  };
}

// The pattern's graph: nodes 0..rows-1 are the lines of the rows, rows..rows+columns-1 the lines of the columns;
// each hidden figure (i, j) is an edge between row-line i and column-line j.
type Edge = { to: number; at: Position };

function hiddenGraph(reasons: readonly (readonly (SuppressionReason | null)[])[], rows: number, columns: number, leaveOut?: Position): Edge[][] {
  const adjacent: Edge[][] = Array.from({ length: rows + columns }, () => []);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      if (reasons[i]![j] === null || (leaveOut && leaveOut[0] === i && leaveOut[1] === j)) continue;
      adjacent[i]!.push({ to: rows + j, at: [i, j] });
      adjacent[rows + j]!.push({ to: i, at: [i, j] });
    }
  }
  return adjacent;
}

/** The first hidden figure in reading order that lies on no cycle (a bridge, by Tarjan's lowpoint method), or null. */
function firstBridge(reasons: readonly (readonly (SuppressionReason | null)[])[], rows: number, columns: number): Position | null {
  const adjacent = hiddenGraph(reasons, rows, columns);
  const order: number[] = new Array<number>(rows + columns).fill(-1);
  const low: number[] = new Array<number>(rows + columns).fill(0);
  const bridges: Position[] = [];
  let clock = 0;
  const visit = (node: number, via: Position | null): void => {
    order[node] = low[node] = clock++;
    for (const { to, at } of adjacent[node]!) {
      if (via !== null && at[0] === via[0] && at[1] === via[1]) continue;
      if (order[to] === -1) {
        visit(to, at);
        low[node] = Math.min(low[node]!, low[to]!);
        if (low[to]! > order[node]!) bridges.push(at);
      } else low[node] = Math.min(low[node]!, order[to]!);
    }
  };
  for (let node = 0; node < rows + columns; node++) if (order[node] === -1) visit(node, null);
  bridges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return bridges[0] ?? null;
}

function reachable(adjacent: readonly Edge[][], start: number): Set<number> {
  const seen = new Set([start]);
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const { to } of adjacent[node]!) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/**
 * The shown figures to hide so that the bridge lies on a cycle: the cheapest chain of shown figures from a line
 * on the bridge's row side to a line on its column side (Dijkstra's shortest path; cost is the number of zeros,
 * then the sum of the values; ties to the lower-numbered line).
 */
function cheapestJoin(values: readonly (readonly number[])[], reasons: readonly (readonly (SuppressionReason | null)[])[], bridge: Position): Position[] {
  const rows = values.length;
  const columns = values[0]!.length;
  const nodes = rows + columns;
  const apart = hiddenGraph(reasons, rows, columns, bridge);
  const rowSide = reachable(apart, bridge[0]);
  const columnSide = reachable(apart, rows + bridge[1]);
  const cost: [number, number][] = Array.from({ length: nodes }, (_, n) => (rowSide.has(n) ? [0, 0] : [Infinity, Infinity]));
  const via: (Position | null)[] = new Array<Position | null>(nodes).fill(null);
  const from: number[] = new Array<number>(nodes).fill(-1);
  const done = new Set<number>();
  const cheaper = (a: readonly [number, number], b: readonly [number, number]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  for (;;) {
    let node = -1;
    for (let n = 0; n < nodes; n++) if (!done.has(n) && cost[n]![0] !== Infinity && (node === -1 || cheaper(cost[n]!, cost[node]!))) node = n;
    if (node === -1) throw new Error('Suppression could not join the two sides of a hidden figure');
    if (columnSide.has(node)) {
      const chain: Position[] = [];
      for (let n = node; via[n] !== null; n = from[n]!) chain.push(via[n]!);
      return chain;
    }
    done.add(node);
    for (let other = 0; other < nodes; other++) {
      if ((node < rows) === (other < rows) || done.has(other)) continue;
      const at: Position = node < rows ? [node, other - rows] : [other, node - rows];
      if (reasons[at[0]]![at[1]] !== null) continue;
      const value = values[at[0]]![at[1]]!;
      const next: [number, number] = [cost[node]![0] + (value === 0 ? 1 : 0), cost[node]![1] + value];
      if (!cheaper(next, cost[other]!)) continue;
      cost[other] = next;
      via[other] = at;
      from[other] = node;
    }
  }
}

function asCell(figure: number | SuppressedCell, threshold: number): SuppressedCell {
  if (typeof figure === 'number') return suppressCount(figure, { threshold });
  if (!figure.suppressed) {
    if (figure.value === null) throw new RangeError('A count that is not suppressed must have a value');
    assertCount(figure.value);
  }
  return figure;
}

/**
 * A rate (a proportion from 0 to 1, numerator ÷ denominator) that is hidden whenever it would let a hidden
 * count be worked out: when the numerator or the denominator is a hidden cell or a count from 1 to
 * threshold − 1, and also when the complement (denominator − numerator, the people not counted) is from 1 to
 * threshold − 1, since a rate and its denominator give the complement by subtraction. Reason 'primary' when a
 * small count is behind it, else the reason of the hidden cell it was built on. A denominator of 0 gives no rate
 * (value null, not suppressed). Counts may be given as numbers or as cells from `suppressCount`/`suppressTable`.
 * Throws a RangeError when the numerator is larger than the denominator.
 */
export function suppressRate(numerator: number | SuppressedCell, denominator: number | SuppressedCell, options?: SuppressionOptions): SuppressedRate {
  const threshold = thresholdOf(options);
  const top = asCell(numerator, threshold);
  const bottom = asCell(denominator, threshold);
  if (top.suppressed || bottom.suppressed) {
    return hidden(top.reason === 'primary' || bottom.reason === 'primary' ? 'primary' : 'secondary');
  }
  const n = top.value!;
  const d = bottom.value!;
  if (n > d) throw new RangeError(`A rate's numerator (${n}) cannot be larger than its denominator (${d})`);
  if (d === 0) return { value: null, suppressed: false, reason: null };
  if (isSmall(d - n, threshold)) return hidden('primary');
  return { value: n / d, suppressed: false, reason: null };
}
