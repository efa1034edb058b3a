import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { atRiskAt, compareReoffending, survivalAt } from './outcome-reoffending.js';
import type { CohortMember } from './reoffending.js';
import { kaplanMeier } from './statistics/survival.js';

const TODAY = '2026-01-15';
/** `count` people indexed on `indexDate`, the first `reoffenders` of them convicted of an offence `daysAfter` days later. */
function group(count: number, reoffenders: number, indexDate: string, offenceOn: string, outcomeOn: string): CohortMember[] {
  return Array.from({ length: count }, (_, i) => ({
    indexDate,
    events: i < reoffenders ? [{ offenceOn, outcome: 'conviction' as const, outcomeOn }] : [{ offenceOn, outcome: 'acquittal' as const, outcomeOn }],
  }));
}

describe('re-offending against a comparison group', () => {
  test('22% against 32% with 200 per group: z about −2.25, p about 0.024 (the issue\'s worked example)', () => {
    const supported = group(200, 44, '2023-01-20', '2023-03-01', '2023-04-01');
    const comparison = group(200, 64, '2023-02-10', '2023-06-01', '2023-09-01');
    const r = compareReoffending(supported, comparison, TODAY);
    assert.equal(r.cohorts.length, 1);
    const row = r.cohorts[0]!;
    assert.equal(row.quarter, '2023-Q1');
    assert.equal(row.complete, true);
    assert.equal(row.supported!.rate!.proportion, 0.22);
    assert.equal(row.comparison!.rate!.proportion, 0.32);
    assert.equal(row.supported!.frequency, 0.22);
    const d = r.complete!.difference;
    assert.ok(Math.abs(d.difference! - -0.1) < 1e-12);
    assert.ok(Math.abs(d.z! - -2.25) < 0.01, String(d.z));
    assert.ok(Math.abs(d.pValue! - 0.024) < 0.001, String(d.pValue));
    assert.ok(d.lower! < 0 && d.upper! < 0, 'the interval excludes no difference');
  });

  test('a cohort inside its 12 + 6 months has counts but no rate, and stays out of the comparison', () => {
    const supported = [...group(10, 2, '2023-02-01', '2023-05-01', '2023-06-01'), ...group(6, 1, '2025-08-01', '2025-09-01', '2025-10-01')];
    const comparison = group(8, 4, '2023-03-01', '2023-05-01', '2023-06-01');
    const r = compareReoffending(supported, comparison, TODAY);
    assert.deepEqual(r.cohorts.map((c) => [c.quarter, c.complete]), [['2023-Q1', true], ['2025-Q3', false]]);
    const late = r.cohorts[1]!;
    assert.equal(late.followUpEndsOn, '2027-03-30', 'the last index day 2025-09-30 plus 18 months');
    assert.equal(late.supported!.people, 6);
    assert.equal(late.supported!.reoffenders, 1);
    assert.equal(late.supported!.rate, null);
    assert.equal(late.supported!.frequency, null);
    assert.equal(late.comparison, null, 'no comparison people that quarter');
    assert.equal(r.complete!.supported.people, 10);
    assert.equal(r.complete!.supported.reoffenders, 2);
    assert.equal(r.complete!.comparison.reoffenders, 4);
    assert.equal(r.survival.supported.people, 16, 'the curve follows every member, censored where incomplete');
  });

  test('with no complete cohort there is no comparison', () => {
    const r = compareReoffending(group(5, 1, '2025-10-01', '2025-11-01', '2025-12-01'), [], TODAY);
    assert.equal(r.complete, null);
    assert.equal(r.survival.comparison.people, 0);
    assert.equal(r.survival.logRank.chiSquare, null);
  });

  test('time to first re-offence: median, steps read at a time, and those at risk', () => {
    // Offences 30 days after the index for 3 of 5, the others followed for the whole year.
    const supported = group(5, 3, '2023-01-01', '2023-01-31', '2023-02-15');
    const r = compareReoffending(supported, group(5, 0, '2023-01-01', '2023-01-31', '2023-02-15'), TODAY);
    assert.equal(r.survival.supported.median, 30);
    assert.equal(r.survival.comparison.median, null, 'not reached');
    assert.ok(r.survival.logRank.chiSquare! > 0);
    const steps = kaplanMeier([{ time: 6, event: true }, { time: 10, event: false }, { time: 20, event: true }, { time: 30, event: false }]);
    assert.equal(survivalAt(steps, 5), 1);
    assert.equal(survivalAt(steps, 6), 0.75);
    assert.equal(survivalAt(steps, 25), 0.375);
    assert.equal(atRiskAt(steps, 7), 3);
    assert.equal(atRiskAt(steps, 20), 2);
    assert.equal(atRiskAt(steps, 31), 0);
  });
});
