import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nationalVolumes, shareOut } from './volumes.js';

test('national volumes: the first ten schemes\' 18,765 cases a year per scheme, times 26 schemes, over five years', () => {
  const v = nationalVolumes(1);
  // (16,315 + 2,450) / 10 * 26 = 48,789 cases a year; 13.06% of them children's.
  assert.equal(v.casesPerYear, 48_789);
  assert.ok(Math.abs(v.childrenShare - 2_450 / 18_765) < 1e-12);
  assert.equal(v.expectedCases, 243_945);
  assert.equal(v.referrals, Math.round(243_945 / 0.45));
  assert.equal(v.people, Math.round(v.referrals * 0.6));
});

test('national volumes scale down for tests, never to nothing, and refuse a nonsense scale', () => {
  const small = nationalVolumes(0.001);
  assert.equal(small.expectedCases, 244);
  assert.equal(small.referrals, 542);
  assert.equal(nationalVolumes(1e-9).expectedCases, 1);
  assert.equal(nationalVolumes(1e-9).referrals, 2);
  assert.throws(() => nationalVolumes(0), /above 0/);
  assert.throws(() => nationalVolumes(3), /at most 2/);
  assert.throws(() => nationalVolumes(Number.NaN), /scale/);
});

test('shareOut splits people into consecutive ranges by weight, adding up exactly (largest remainder)', () => {
  // 10 * [0.25, 0.25, 0.5] = 2.5, 2.5, 5: the two halves go to the first two in order of remainder, then index.
  assert.deepEqual(shareOut(11, [1, 1, 2]).map((r) => r.count), [3, 3, 5]);
  assert.deepEqual(shareOut(10, [1, 1, 2]).map((r) => r.count), [3, 2, 5]);
  const ranges = shareOut(1_000, [1.4, 0.8, 1.0, 0.6]);
  assert.equal(ranges.reduce((t, r) => t + r.count, 0), 1_000);
  ranges.forEach((r, i) => assert.equal(r.from, i === 0 ? 1 : ranges[i - 1]!.from + ranges[i - 1]!.count));
  assert.deepEqual(ranges.map((r) => r.count), [368, 211, 263, 158]);
  // Every service gets someone when there are enough people, even with a tiny weight.
  assert.deepEqual(shareOut(3, [100, 0.001, 0.001]).map((r) => r.count), [1, 1, 1]);
  assert.throws(() => shareOut(5, []), /positive weight/);
});
