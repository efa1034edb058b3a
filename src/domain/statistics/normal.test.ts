// Tests for the normal and chi-square (1 df) distribution functions against published tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquare1Sf, criticalValue, normalCdf, normalDensity, normalQuantile, normalSf } from './normal.js';

const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
const relativelyNear = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.abs(expected), `${what}: ${actual} is not within ${tolerance} (relative) of ${expected}`);

test('Φ(z) matches Abramowitz and Stegun table 26.1 to 1e-12', () => {
  const table: [number, number][] = [
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [2.5, 0.9937903346742238],
    [3, 0.9986501019683699],
    [4, 0.9999683287581669],
    [-1, 0.15865525393145705],
    [-2.5, 0.006209665325776132],
  ];
  for (const [z, expected] of table) near(normalCdf(z), expected, 1e-12, `Φ(${z})`);
});

test('the upper tail keeps its relative precision far out (Q(5), Q(10) from Abramowitz and Stegun 26.2)', () => {
  relativelyNear(normalSf(5), 2.866515718791939e-7, 1e-9, 'Q(5)');
  relativelyNear(normalSf(10), 7.619853024160527e-24, 1e-9, 'Q(10)');
  relativelyNear(normalCdf(-10), 7.619853024160527e-24, 1e-9, 'Φ(−10)');
});

test('Φ is symmetric, continuous where the method changes at |z| = 3, and saturates at the infinities', () => {
  for (const z of [0.1, 1.3, 2.9, 3, 3.1, 5]) near(normalCdf(-z) + normalCdf(z), 1, 1e-15, `Φ(−${z}) + Φ(${z})`);
  near(normalCdf(2.9999999999), normalCdf(3), 1e-12, 'Φ just below and at 3');
  near(normalCdf(-3.0000000001), normalCdf(-3), 1e-12, 'Φ at and just beyond −3');
  assert.equal(normalCdf(Infinity), 1);
  assert.equal(normalCdf(-Infinity), 0);
  assert.throws(() => normalCdf(Number.NaN), RangeError);
});

test('the density at 0 is 1/√(2π)', () => {
  near(normalDensity(0), 0.3989422804014327, 1e-15, 'φ(0)');
});

test('Φ⁻¹(p) matches the published critical values to 1e-12', () => {
  const table: [number, number][] = [
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.9995, 3.2905267314918945],
    [0.025, -1.959963984540054],
    [0.001, -3.090232306167813],
  ];
  for (const [p, expected] of table) near(normalQuantile(p), expected, 1e-12, `Φ⁻¹(${p})`);
});

test('Φ⁻¹ inverts Φ to near machine precision across both tails and the region boundaries of the approximation', () => {
  for (const p of [1e-300, 1e-20, 1e-8, 0.001, 0.02424, 0.02425, 0.02426, 0.1, 0.3, 0.6, 0.9, 0.97575, 0.999, 1 - 1e-12]) {
    const z = normalQuantile(p);
    const back = p < 0.5 ? normalCdf(z) : 1 - normalSf(z);
    relativelyNear(back, p, 1e-12, `Φ(Φ⁻¹(${p}))`);
  }
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  for (const bad of [-0.1, 1.1, Number.NaN]) assert.throws(() => normalQuantile(bad), RangeError);
});

test('the two-sided critical value for a confidence level', () => {
  near(criticalValue(0.95), 1.959963984540054, 1e-12, 'z for 95%');
  near(criticalValue(0.99), 2.5758293035489004, 1e-12, 'z for 99%');
  for (const bad of [0, 1, -0.5, 95]) assert.throws(() => criticalValue(bad), RangeError);
});

test('chi-square (1 df) upper tail at the tabulated critical values 3.841, 6.635 and 10.828', () => {
  near(chiSquare1Sf(3.841458820694124), 0.05, 1e-12, 'P(χ² > 3.841)');
  near(chiSquare1Sf(6.6348966010212145), 0.01, 1e-12, 'P(χ² > 6.635)');
  near(chiSquare1Sf(10.827566170662733), 0.001, 1e-12, 'P(χ² > 10.828)');
  near(chiSquare1Sf(1), 0.31731050786291415, 1e-12, 'P(χ² > 1)');
  assert.equal(chiSquare1Sf(0), 1);
  assert.equal(chiSquare1Sf(-2), 1);
  assert.throws(() => chiSquare1Sf(Number.NaN), RangeError);
});
