// Tests for Kaplan-Meier, its median and the log-rank test on the Freireich et al. (1963) leukaemia remission data,
// as published in Gehan (1965) and in Kleinbaum and Klein, "Survival Analysis: A Self-Learning Text".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kaplanMeier, logRank, medianSurvival, type SurvivalObservation } from './survival.js';

const near = (actual: number | null, expected: number, tolerance: number, what: string) => {
  assert.ok(actual !== null, `${what} is null`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
};

/** Weeks of remission written as published: a trailing + marks a censored time. */
const weeks = (written: string): SurvivalObservation[] =>
  written.split(',').map((w) => ({ time: Number.parseFloat(w), event: !w.endsWith('+') }));

const sixMp = weeks('6,6,6,6+,7,9+,10,10+,11+,13,16,17+,19+,20+,22,23,25+,32+,32+,34+,35+');
const placebo = weeks('1,1,2,2,3,4,4,5,5,8,8,8,8,11,11,12,12,15,17,22,23');

test('6-MP arm: the published Kaplan-Meier table (at risk, S(t), Greenwood standard error, log-log 95% interval)', () => {
  // S(t) and standard errors as in Kleinbaum and Klein (3 and 4 decimals); the log-log interval as printed by
  // Stata's sts list and R's survfit(conf.type = "log-log") for these data (4 decimals).
  const published: [number, number, number, number, number, number][] = [
    // time, at risk, S(t), SE, lower, upper
    [6, 21, 0.857, 0.0764, 0.6197, 0.9516],
    [7, 17, 0.807, 0.0869, 0.5631, 0.9228],
    [10, 15, 0.753, 0.0963, 0.5032, 0.8894],
    [13, 12, 0.69, 0.1068, 0.4316, 0.8491],
    [16, 11, 0.627, 0.1141, 0.3675, 0.8049],
    [22, 7, 0.538, 0.1282, 0.2678, 0.7468],
    [23, 6, 0.448, 0.1346, 0.1881, 0.6801],
  ];
  const steps = kaplanMeier(sixMp);
  const eventSteps = steps.filter((s) => s.events > 0);
  assert.deepEqual(eventSteps.map((s) => s.time), published.map(([time]) => time));
  for (const [time, atRisk, survival, standardError, lower, upper] of published) {
    const step = eventSteps.find((s) => s.time === time)!;
    assert.equal(step.atRisk, atRisk, `at risk at ${time}`);
    near(step.survival, survival, 0.0005, `S(${time})`);
    near(step.standardError, standardError, 0.00005, `SE at ${time}`);
    near(step.lower, lower, 0.00005, `lower bound at ${time}`);
    near(step.upper, upper, 0.00005, `upper bound at ${time}`);
  }
  const at6 = steps.find((s) => s.time === 6)!;
  assert.deepEqual({ events: at6.events, censored: at6.censored }, { events: 3, censored: 1 });
});

test('censoring-only times stay as rows with no event and an unchanged curve, for the plot\'s censoring marks', () => {
  const steps = kaplanMeier(sixMp);
  assert.deepEqual(steps.map((s) => s.time), [6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35]);
  const at9 = steps.find((s) => s.time === 9)!;
  const at7 = steps.find((s) => s.time === 7)!;
  assert.deepEqual({ atRisk: at9.atRisk, events: at9.events, censored: at9.censored }, { atRisk: 16, events: 0, censored: 1 });
  assert.equal(at9.survival, at7.survival);
  assert.equal(at9.lower, at7.lower);
  const at32 = steps.find((s) => s.time === 32)!;
  assert.deepEqual({ atRisk: at32.atRisk, events: at32.events, censored: at32.censored }, { atRisk: 4, events: 0, censored: 2 });
  assert.equal(steps.reduce((sum, s) => sum + s.events + s.censored, 0), 21);
});

test('median survival: 23 weeks on 6-MP and 8 weeks on placebo', () => {
  assert.equal(medianSurvival(kaplanMeier(sixMp)), 23);
  assert.equal(medianSurvival(kaplanMeier(placebo)), 8);
  near(kaplanMeier(placebo).find((s) => s.time === 8)!.survival, 8 / 21, 1e-12, 'placebo S(8)');
});

test('the median is the first time S(t) ≤ 0.5, so a curve resting at exactly 0.5 gives that time', () => {
  const steps = kaplanMeier([{ time: 1, event: true }, { time: 2, event: false }]);
  assert.equal(steps[0]!.survival, 0.5);
  assert.equal(medianSurvival(steps), 1);
});

test('placebo arm: the curve reaches 0, where the standard error and interval are undefined (null)', () => {
  const steps = kaplanMeier(placebo);
  const last = steps.at(-1)!;
  assert.deepEqual(last, { time: 23, atRisk: 1, events: 1, censored: 0, survival: 0, standardError: null, lower: null, upper: null });
});

test('the order of the observations does not matter', () => {
  assert.deepEqual(kaplanMeier([...sixMp].reverse()), kaplanMeier(sixMp));
});

test('a higher confidence level widens the interval', () => {
  const at95 = kaplanMeier(sixMp)[0]!;
  const at99 = kaplanMeier(sixMp, 0.99)[0]!;
  assert.ok(at99.lower! < at95.lower! && at99.upper! > at95.upper!);
});

test('ties: events come before censorings at the same time (the censored are still at risk)', () => {
  const steps = kaplanMeier([{ time: 1, event: true }, { time: 1, event: false }, { time: 2, event: true }, { time: 3, event: false }]);
  assert.deepEqual(steps.map(({ time, atRisk, events, censored }) => ({ time, atRisk, events, censored })), [
    { time: 1, atRisk: 4, events: 1, censored: 1 },
    { time: 2, atRisk: 2, events: 1, censored: 0 },
    { time: 3, atRisk: 1, events: 0, censored: 1 },
  ]);
  near(steps[0]!.survival, 3 / 4, 1e-15, 'S(1)');
  near(steps[1]!.survival, 3 / 8, 1e-15, 'S(2)');
});

test('no observations give no steps and no median', () => {
  assert.deepEqual(kaplanMeier([]), []);
  assert.equal(medianSurvival([]), null);
});

test('all censored: the curve stays at 1 with no interval, and the median is not reached', () => {
  const steps = kaplanMeier([{ time: 3, event: false }, { time: 5, event: false }, { time: 5, event: false }]);
  assert.deepEqual(steps, [
    { time: 3, atRisk: 3, events: 0, censored: 1, survival: 1, standardError: null, lower: null, upper: null },
    { time: 5, atRisk: 2, events: 0, censored: 2, survival: 1, standardError: null, lower: null, upper: null },
  ]);
  assert.equal(medianSurvival(steps), null);
});

test('impossible times are refused', () => {
  for (const time of [-1, Number.NaN, Infinity]) {
    assert.throws(() => kaplanMeier([{ time, event: true }]), RangeError, String(time));
    assert.throws(() => logRank([{ time, event: true }], []), RangeError, String(time));
  }
});

test('log-rank on the Freireich data: O/E 9/19.25 on 6-MP and 21/10.75 on placebo, chi-square 16.79, p < 0.0001', () => {
  const result = logRank(sixMp, placebo);
  assert.equal(result.observedA, 9);
  assert.equal(result.observedB, 21);
  near(result.expectedA, 19.25, 0.005, 'expected on 6-MP');
  near(result.expectedB, 10.75, 0.005, 'expected on placebo');
  near(result.variance, 6.257, 0.0005, 'variance');
  near(result.chiSquare, 16.79, 0.005, 'chi-square');
  assert.ok(result.pValue! < 0.0001);
  near(result.pValue, 4.17e-5, 0.005e-5, 'p = P(χ²₁ > 16.79)');
  const swapped = logRank(placebo, sixMp);
  near(swapped.chiSquare, result.chiSquare!, 1e-9, 'chi-square with the groups swapped');
  near(swapped.expectedA, result.expectedB, 1e-9, 'expected with the groups swapped');
});

test('log-rank ties: a censoring at an event time still counts in the risk set', () => {
  // At time 1: 2 at risk in each group, 2 events → expected in A = 1, variance = 2·(2/4)(2/4)(4−2)/(4−1) = 1/3.
  // At time 2 only B is at risk (1 person, 1 event): 1 more expected in B, nothing in A, no variance.
  const result = logRank([{ time: 1, event: true }, { time: 1, event: false }], [{ time: 1, event: true }, { time: 2, event: true }]);
  assert.equal(result.observedA, 1);
  near(result.expectedA, 1, 1e-15, 'expected in A');
  assert.equal(result.observedB, 2);
  near(result.expectedB, 2, 1e-15, 'expected in B');
  near(result.variance, 1 / 3, 1e-15, 'variance');
  assert.equal(result.chiSquare, 0);
  assert.equal(result.pValue, 1);
});

test('log-rank with an empty group, with no groups, or with no events: no test (nulls)', () => {
  const emptyB = logRank(placebo, []);
  assert.deepEqual(emptyB, { observedA: 21, expectedA: 21, observedB: 0, expectedB: 0, variance: 0, chiSquare: null, pValue: null });
  const emptyA = logRank([], sixMp);
  assert.equal(emptyA.chiSquare, null);
  assert.equal(emptyA.pValue, null);
  assert.deepEqual(logRank([], []), { observedA: 0, expectedA: 0, observedB: 0, expectedB: 0, variance: 0, chiSquare: null, pValue: null });
  const censoredOnly = logRank([{ time: 2, event: false }], [{ time: 4, event: false }]);
  assert.equal(censoredOnly.chiSquare, null);
  assert.equal(censoredOnly.variance, 0);
});
