// Tests for comparing a group's stage-to-stage conversion with everyone's, against Newcombe's (1998) worked examples
// for the difference of two independent proportions (method 10, hybrid score, no continuity correction).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareConversion } from './equality-comparison.js';

const close = (actual: number | null | undefined, expected: number, tolerance = 0.00005) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

test('a group of 48/80 against a rest of 56/70 (everyone 104/150): Newcombe example (a) reversed, flagged lower', () => {
  // Newcombe (1998) example (a): 56/70 − 48/80 = 0.2, interval 0.0524 to 0.3339; with the group second, the signs turn.
  const c = compareConversion(48, 80, 104, 150);
  close(c.group, 0.6);
  close(c.everyone, 104 / 150);
  close(c.ratio, 0.6 / (104 / 150)); // 0.8654
  close(c.ratio, 0.8654, 0.00005);
  close(c.interval?.lower, -0.3339);
  close(c.interval?.upper, -0.0524);
  assert.equal(c.lower, true);
});

test('a group of 3/10 against a rest of 9/10: Newcombe example (b) reversed, flagged lower', () => {
  const c = compareConversion(3, 10, 12, 20);
  close(c.interval?.lower, -0.809);
  close(c.interval?.upper, -0.1705);
  close(c.ratio, 0.3 / 0.6);
  assert.equal(c.lower, true);
});

test('the group higher than the rest is not flagged; an interval that spans zero is not flagged', () => {
  assert.equal(compareConversion(56, 70, 104, 150).lower, false);
  const near = compareConversion(7, 10, 15, 20); // 0.7 against 0.8: interval includes 0
  assert.ok(near.interval!.lower < 0 && near.interval!.upper > 0);
  assert.equal(near.lower, false);
});

test('no one eligible in the group, or no one outside it: no ratio or no flag', () => {
  const none = compareConversion(0, 0, 10, 20);
  assert.equal(none.group, null);
  assert.equal(none.ratio, null);
  assert.equal(none.lower, null);
  const all = compareConversion(10, 20, 10, 20); // the group is everyone
  assert.equal(all.ratio, 1);
  assert.equal(all.lower, null);
  assert.equal(compareConversion(0, 5, 0, 10).ratio, null, "everyone's conversion is 0");
});

test("counts that cannot be are refused", () => {
  assert.throws(() => compareConversion(6, 5, 10, 20), RangeError);
  assert.throws(() => compareConversion(5, 25, 10, 20), RangeError);
  assert.throws(() => compareConversion(11, 15, 10, 20), RangeError);
});
