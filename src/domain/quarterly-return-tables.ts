// The aggregate tables of the quarterly return, with small numbers suppressed: each breakdown is one list whose parts
// add up to its total (one-way suppression), and the activity counts are separate figures (primary suppression).
import { formatCount, suppressCount, suppressList, suppressionFootnote } from './suppression.js';

/** A published table: a title, the heading of its label column and of its count column, rows and an optional total. */
export type AggregateTable = {
  /** A short name, also used for the spreadsheet sheet (31 characters at most). */
  name: string;
  title: string;
  labelHeading: string;
  countHeading: string;
  rows: { label: string; count: string }[];
  total: string | null;
};

export type LabelledCount = { label: string; count: number };

/**
 * A breakdown (referrals by site, by age band...) published through `suppressList`: counts from 1 to 4 hidden, and
 * one more figure hidden when only one would be, so that no hidden count is the total less the shown ones. Hidden
 * figures read '*' (`formatCount`). The total row is labelled 'Total'.
 */
export function breakdownTable(name: string, title: string, labelHeading: string, counts: readonly LabelledCount[]): AggregateTable {
  assertSheetName(name);
  const list = suppressList(counts.map((c) => c.count));
  return {
    name,
    title,
    labelHeading,
    countHeading: 'Count',
    rows: counts.map((c, i) => ({ label: c.label, count: formatCount(list.cells[i]!) })),
    total: formatCount(list.total),
  };
}

/**
 * Counts that are not parts of one whole (referrals, cases opened, cases closed...), each through `suppressCount`
 * only: none is the sum of others, so hiding one cannot be undone from the rest and no secondary suppression is needed.
 */
export function separateCountsTable(name: string, title: string, counts: readonly LabelledCount[]): AggregateTable {
  assertSheetName(name);
  return {
    name,
    title,
    labelHeading: 'Measure',
    countHeading: 'Count',
    rows: counts.map((c) => ({ label: c.label, count: formatCount(suppressCount(c.count)) })),
    total: null,
  };
}

/** The footnote printed with the tables. */
export const AGGREGATE_FOOTNOTE = suppressionFootnote();

/** A table as CSV rows: a title line is not part of RFC 4180, so each row carries the table's name in the first column. */
export function aggregateRows(tables: readonly AggregateTable[]): string[][] {
  const rows: string[][] = [];
  for (const t of tables) {
    for (const r of t.rows) rows.push([t.title, r.label, r.count]);
    if (t.total !== null) rows.push([t.title, 'Total', t.total]);
  }
  return rows;
}

/** Excel refuses sheet names over 31 characters or holding : \ / ? * [ ]. */
function assertSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new RangeError(`Not a usable sheet name: ${name}`);
}
