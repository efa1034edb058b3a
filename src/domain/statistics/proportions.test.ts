// Tests for the Wilson interval and the comparison of two proportions against Newcombe's (1998) worked examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoProportionTest, wilsonInterval } from './proportions.js';

// Published figures are given to 4 decimals: agree within half a unit of the last place.
const FOUR_DECIMALS = 0.00005;
const near = (actual: number | null, expected: number, tolerance: number, what: string) => {
  assert.ok(actual !== null, `${what} is null`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
};

test('Wilson intervals reproduce Newcombe (1998, single proportion, method 3) to 4 decimals', () => {
  const examples: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [x, n, lower, upper] of examples) {
    const interval = wilsonInterval(x, n);
    near(interval.lower, lower, FOUR_DECIMALS, `lower bound for ${x}/${n}`);
    near(interval.upper, upper, FOUR_DECIMALS, `upper bound for ${x}/${n}`);
    near(interval.proportion, x / n, 1e-15, `proportion ${x}/${n}`);
    assert.equal(interval.successes, x);
    assert.equal(interval.n, n);
  }
});

test('a Wilson interval is exactly 0 or 1 at the edges and never leaves [0, 1]', () => {
  assert.equal(wilsonInterval(0, 20).lower, 0);
  assert.equal(wilsonInterval(29, 29).upper, 1);
  near(wilsonInterval(29, 29).lower, 1 - wilsonInterval(0, 29).upper!, 1e-12, 'lower bound for 29/29 mirrors the upper bound for 0/29');
  for (const [x, n] of [[0, 1], [1, 1], [1, 2], [3, 1000]] as const) {
    const { lower, upper } = wilsonInterval(x, n);
    assert.ok(lower !== null && upper !== null && lower >= 0 && upper <= 1 && lower <= x / n && x / n <= upper, `${x}/${n}: ${lower} to ${upper}`);
  }
});

test('a higher confidence level gives a wider interval', () => {
  const at95 = wilsonInterval(81, 263);
  const at99 = wilsonInterval(81, 263, 0.99);
  assert.ok(at99.lower! < at95.lower! && at99.upper! > at95.upper!);
});

test('no people gives a null proportion and null bounds, not NaN', () => {
  assert.deepEqual(wilsonInterval(0, 0), { proportion: null, lower: null, upper: null, successes: 0, n: 0 });
});

test('negative, non-whole or impossible counts are refused', () => {
  for (const [x, n] of [[-1, 10], [1, -10], [1.5, 10], [1, 10.5], [11, 10], [Number.NaN, 10]] as const) {
    assert.throws(() => wilsonInterval(x, n), RangeError, `${x}/${n}`);
    assert.throws(() => twoProportionTest(x, n, 1, 10), RangeError, `${x}/${n} first`);
    assert.throws(() => twoProportionTest(1, 10, x, n), RangeError, `${x}/${n} second`);
  }
  assert.throws(() => wilsonInterval(1, 10, 1.5), RangeError);
});

test('22% against 32% with 200 in each group: z = −2.25 (sign of p1 − p2), two-sided p = 0.024', () => {
  const result = twoProportionTest(44, 200, 64, 200);
  near(result.p1, 0.22, 1e-15, 'p1');
  near(result.p2, 0.32, 1e-15, 'p2');
  near(result.difference, -0.1, 1e-15, 'difference');
  near(result.z, -2.2525, 0.0001, 'z');
  near(result.pValue, 0.0243, 0.0001, 'p');
  // z² equals the Pearson chi-square of the 2×2 table, N(ad − bc)²/(row and column totals), computed independently.
  const pearson = (400 * (44 * 136 - 156 * 64) ** 2) / (200 * 200 * 108 * 292);
  near(result.z! ** 2, pearson, 1e-9, 'z² against Pearson chi-square');
  // The interval excludes 0, as the test rejects at 5%.
  assert.ok(result.upper! < 0 && result.lower! < result.difference!);
  const reversed = twoProportionTest(64, 200, 44, 200);
  near(reversed.z, 2.2525, 0.0001, 'z with the groups swapped');
  near(reversed.pValue, result.pValue!, 1e-15, 'p with the groups swapped');
});

test('the difference interval reproduces Newcombe (1998, difference of proportions, method 10) to 4 decimals', () => {
  // Newcombe's examples (a), (b) and (d) to (h).
  const examples: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ];
  for (const [x1, n1, x2, n2, lower, upper] of examples) {
    const result = twoProportionTest(x1, n1, x2, n2);
    near(result.lower, lower, FOUR_DECIMALS, `lower bound for ${x1}/${n1} − ${x2}/${n2}`);
    near(result.upper, upper, FOUR_DECIMALS, `upper bound for ${x1}/${n1} − ${x2}/${n2}`);
  }
});

test('no successes (or no failures) in either group: the interval is given, the test is undefined', () => {
  const none = twoProportionTest(0, 10, 0, 10);
  assert.equal(none.difference, 0);
  assert.equal(none.z, null);
  assert.equal(none.pValue, null);
  const all = twoProportionTest(10, 10, 20, 20);
  assert.equal(all.z, null);
  assert.equal(all.pValue, null);
  assert.ok(all.lower !== null && all.upper !== null);
});

test('a group of size 0 gives nulls for what depends on it', () => {
  assert.deepEqual(twoProportionTest(0, 0, 5, 10), { p1: null, p2: 0.5, difference: null, lower: null, upper: null, z: null, pValue: null });
  assert.deepEqual(twoProportionTest(5, 10, 0, 0), { p1: 0.5, p2: null, difference: null, lower: null, upper: null, z: null, pValue: null });
  assert.deepEqual(twoProportionTest(0, 0, 0, 0), { p1: null, p2: null, difference: null, lower: null, upper: null, z: null, pValue: null });
});
