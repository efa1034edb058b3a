// Figures as the dashboard shows them: plain counts for the team, and for a commissioner the same counts with small
// numbers suppressed (primary and secondary), rates and medians built on them hidden too.
import { formatCount, suppressCount, suppressList, suppressRate, SUPPRESSED_MARKER, type SuppressedCell } from './suppression.js';

/** A figure ready to show: `text` for the table, `value` for the chart (null when hidden). */
export type ShownFigure = { text: string; value: number | null; hidden: boolean };

export type BreakdownRow = { key: string; label: string; count: ShownFigure };
export type Breakdown = { rows: BreakdownRow[]; total: ShownFigure; empty: boolean };

const plain = (value: number): ShownFigure => ({ text: value.toLocaleString('en-GB'), value, hidden: false });
const fromCell = (cell: SuppressedCell): ShownFigure =>
  cell.suppressed ? { text: formatCount(cell), value: null, hidden: true } : plain(cell.value ?? 0);
const HIDDEN: ShownFigure = { text: SUPPRESSED_MARKER, value: null, hidden: true };

/** One count on its own (not part of a list with a total): primary suppression only when `suppress`. */
export function singleFigure(count: number, suppress: boolean): ShownFigure {
  return suppress ? fromCell(suppressCount(count)) : plain(count);
}

/**
 * Counts of one list that adds up to a total (e.g. referrals by site), in the order given, with the total. With
 * `suppress`, the list and total go through `suppressList` (counts 1 to 4 hidden, and one more figure when only one
 * would be hidden, so none can be worked out from the total). `empty` is true when the total is 0.
 */
export function breakdown(entries: readonly { key: string; label: string; count: number }[], suppress: boolean): Breakdown {
  const total = entries.reduce((sum, e) => sum + e.count, 0);
  if (!suppress) return { rows: entries.map((e) => ({ key: e.key, label: e.label, count: plain(e.count) })), total: plain(total), empty: total === 0 };
  const list = suppressList(entries.map((e) => e.count));
  return { rows: entries.map((e, i) => ({ key: e.key, label: e.label, count: fromCell(list.cells[i]!) })), total: fromCell(list.total), empty: total === 0 };
}

/** Several counts over the same rows (a column each) suppressed column by column with `suppressList`; the shown figures by column. */
export function columnsOf(columns: readonly (readonly number[])[], suppress: boolean): { cells: ShownFigure[]; total: ShownFigure }[] {
  return columns.map((values) => {
    if (!suppress) return { cells: values.map(plain), total: plain(values.reduce((s, v) => s + v, 0)) };
    const list = suppressList(values);
    return { cells: list.cells.map(fromCell), total: fromCell(list.total) };
  });
}

/**
 * A share as a whole percentage ("83%"), of `denominator` (a count, or its shown figure when that may be hidden):
 * "No figure" when the denominator is 0. With `suppress`, `suppressRate` decides: hidden when either count is
 * hidden or small, or when the complement (denominator − numerator) is from 1 to 4.
 */
export function shareFigure(numerator: number, denominator: number, denominatorShown: ShownFigure | null, suppress: boolean): { count: ShownFigure; share: string } {
  if (!suppress) return { count: plain(numerator), share: denominator === 0 ? 'No figure' : `${Math.round((100 * numerator) / denominator)}%` };
  const bottom: SuppressedCell | number = denominatorShown?.hidden ? { value: null, suppressed: true, reason: 'secondary' } : denominator;
  const rate = suppressRate(numerator, bottom);
  if (rate.suppressed) return { count: HIDDEN, share: SUPPRESSED_MARKER };
  return { count: plain(numerator), share: rate.value === null ? 'No figure' : `${Math.round(100 * rate.value)}%` };
}

/** A median or percentile computed on `n` figures: formatted by `format`, hidden under `suppress` when n is under 5; "No figure" when n is 0. */
export function statisticFigure(value: number | null, n: number, suppress: boolean, format: (v: number) => string): string {
  if (n === 0 || value === null) return 'No figure';
  if (suppress && n < 5) return SUPPRESSED_MARKER;
  return format(value);
}
