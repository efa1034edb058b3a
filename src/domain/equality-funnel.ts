// The equality funnel: how many referrals of a group reach each stage (referred, screened, full assessment,
// supported, engaged at exit), and the same figures made safe to publish with small-number suppression.
import { DEFAULT_SUPPRESSION_THRESHOLD, suppressTable, type SuppressedCell, type SuppressionOptions } from './suppression.js';

/** The stages, in order. Each stage counts the referrals that reached it and every stage before it. */
export const EQUALITY_STAGES = ['referred', 'screened', 'assessed', 'supported', 'engagedAtExit'] as const;
export type EqualityStage = (typeof EQUALITY_STAGES)[number];

export const EQUALITY_STAGE_LABELS: Record<EqualityStage, string> = {
  referred: 'Referred',
  screened: 'Screened',
  assessed: 'Full assessment',
  supported: 'Supported (plan agreed)',
  engagedAtExit: 'Engaged at exit',
};

/** Counts at each stage, in the order of `EQUALITY_STAGES`; each is no more than the one before it. */
export type StageCounts = readonly number[];

/**
 * Checks that `counts` has one whole, non-negative count per stage and that no stage holds more than the stage
 * before it (every referral at a stage passed through the ones before). Returns the counts; throws a RangeError otherwise.
 */
export function checkStageCounts(counts: StageCounts): StageCounts {
  if (counts.length !== EQUALITY_STAGES.length) throw new RangeError(`Expected ${EQUALITY_STAGES.length} stage counts, got ${counts.length}`);
  counts.forEach((c, k) => {
    if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`A stage count must be a whole number, 0 or more: ${c}`);
    if (k > 0 && c > counts[k - 1]!) throw new RangeError(`${EQUALITY_STAGE_LABELS[EQUALITY_STAGES[k]!]} (${c}) cannot be more than ${EQUALITY_STAGE_LABELS[EQUALITY_STAGES[k - 1]!]} (${counts[k - 1]})`);
  });
  return counts;
}

/**
 * Where the referrals stopped: for each stage, how many reached it but not the next (the last stage: all who
 * reached it). These add up to the referred count, so they form the columns of an additive table.
 */
export function stageStops(counts: StageCounts): number[] {
  checkStageCounts(counts);
  return counts.map((c, k) => c - (counts[k + 1] ?? 0));
}

/** One family's figures ready to publish: each row's stage counts, and everyone's (the sum of the rows). */
export type SuppressedFunnel = { rows: SuppressedCell[][]; everyone: SuppressedCell[] };

/**
 * A stage count published only when it adds nothing to the published stops: the count at stage k is the sum of the
 * stops from k to the last, and also the referred count less the stops before k; it is shown exactly when one of
 * those sums uses shown figures only.
 */
function cumulative(stops: readonly SuppressedCell[], referred: SuppressedCell): SuppressedCell[] {
  return stops.map((_, k) => {
    const after = stops.slice(k);
    const before = stops.slice(0, k);
    if (after.every((c) => !c.suppressed)) return { value: after.reduce((s, c) => s + c.value!, 0), suppressed: false, reason: null };
    if (!referred.suppressed && before.every((c) => !c.suppressed)) return { value: referred.value! - before.reduce((s, c) => s + c.value!, 0), suppressed: false, reason: null };
    return { value: null, suppressed: true, reason: 'secondary' };
  });
}

/**
 * Small-number suppression of one family of groups that together make up everyone once each (e.g. the ethnic
 * groups, or women and everyone else), for publishing every group's stage counts and everyone's.
 *
 * The stage counts are not additive (a screened referral is also referred), so the table given to `suppressTable`
 * is of stops (`stageStops`: referrals that reached a stage and no further), one row per group, with its row totals
 * (each group's referred count) and column totals (everyone's stops): counts 1 to 4 hidden and, by its two-way
 * rule, enough others that no hidden stop can be worked out. A stage count is then shown only when it is a sum of
 * shown figures of that table (so it tells nothing the stops do not), and not when it is itself from 1 to
 * threshold − 1 (primary, as for any count); last, in each stage, when exactly one group's count is hidden while
 * everyone's is shown, the smallest non-zero shown count of another group is hidden too (secondary), so that the
 * hidden one is not everyone's less the rest; everyone's is hidden when no such count is left.
 * Rows of the result are in the order given. Throws a RangeError for counts that are not nested stage counts.
 */
export function suppressFunnelFamily(rows: readonly StageCounts[], options?: SuppressionOptions): SuppressedFunnel {
  const threshold = options?.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const table = suppressTable(rows.map(stageStops), options);
  const small = (c: SuppressedCell) => !c.suppressed && c.value! >= 1 && c.value! < threshold;
  const primary = (c: SuppressedCell): SuppressedCell => (small(c) ? { value: null, suppressed: true, reason: 'primary' } : c);
  const published = table.cells.map((cells, i) => cumulative(cells, table.rowTotals[i]!).map(primary));
  const everyone = cumulative(table.columnTotals, table.grandTotal).map(primary);
  EQUALITY_STAGES.forEach((_, k) => {
    if (everyone[k]!.suppressed) return;
    if (published.filter((r) => r[k]!.suppressed).length !== 1) return;
    let pick = -1;
    published.forEach((r, i) => {
      const c = r[k]!;
      if (!c.suppressed && c.value! > 0 && (pick === -1 || c.value! < published[pick]![k]!.value!)) pick = i;
    });
    if (pick === -1) everyone[k] = { value: null, suppressed: true, reason: 'secondary' };
    else published[pick]![k] = { value: null, suppressed: true, reason: 'secondary' };
  });
  return { rows: published, everyone };
}

/** Adds stage counts of several rows (e.g. the groups of a family, to give everyone's). */
export function addStageCounts(rows: readonly StageCounts[]): number[] {
  return EQUALITY_STAGES.map((_, k) => rows.reduce((s, r) => s + (r[k] ?? 0), 0));
}

/** True when two published rows show the same figures hidden in the same places (and the same values where shown). */
export function samePublishedRow(a: readonly SuppressedCell[], b: readonly SuppressedCell[]): boolean {
  return a.length === b.length && a.every((c, i) => c.suppressed === b[i]!.suppressed && c.value === b[i]!.value);
}
