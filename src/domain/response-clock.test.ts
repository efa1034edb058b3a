// Tests for the response-time clock and how waits are written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amberFromMinutes, formatWaiting, responseClock } from './response-clock.js';

const start = new Date('2025-06-15T09:00:00Z');
const after = (minutes: number, seconds = 0) => new Date(start.getTime() + minutes * 60_000 + seconds * 1000);

test('within target until 75% of it', () => {
  assert.deepEqual(responseClock(start, start, 60), { minutesWaiting: 0, state: 'within', minutesLeft: 60 });
  assert.deepEqual(responseClock(start, after(44, 59), 60), { minutesWaiting: 44, state: 'within', minutesLeft: 16 });
});

test('amber from 75% of the target up to the target itself', () => {
  assert.deepEqual(responseClock(start, after(45), 60), { minutesWaiting: 45, state: 'amber', minutesLeft: 15 });
  assert.deepEqual(responseClock(start, after(60), 60), { minutesWaiting: 60, state: 'amber', minutesLeft: 0 });
  assert.deepEqual(responseClock(start, after(60, 59), 60), { minutesWaiting: 60, state: 'amber', minutesLeft: 0 });
});

test('red once past the target, with no minutes left', () => {
  assert.deepEqual(responseClock(start, after(61), 60), { minutesWaiting: 61, state: 'red', minutesLeft: 0 });
  assert.deepEqual(responseClock(start, after(300), 60), { minutesWaiting: 300, state: 'red', minutesLeft: 0 });
});

test('75% of the target is rounded down to a whole minute', () => {
  assert.equal(amberFromMinutes(30), 22); // 22.5 → 22
  assert.equal(responseClock(start, after(21, 59), 30).state, 'within');
  assert.equal(responseClock(start, after(22), 30).state, 'amber');
  assert.equal(amberFromMinutes(1), 0);
  assert.equal(responseClock(start, start, 1).state, 'amber');
});

test('a start in the future counts as no wait', () => {
  assert.deepEqual(responseClock(after(10), start, 60), { minutesWaiting: 0, state: 'within', minutesLeft: 60 });
});

test('a target must be a whole number of minutes and the dates valid', () => {
  assert.throws(() => responseClock(start, after(5), 0), RangeError);
  assert.throws(() => responseClock(start, after(5), 7.5), RangeError);
  assert.throws(() => responseClock(new Date('nonsense'), after(5), 60), RangeError);
});

test('waits are written in hours and minutes', () => {
  assert.equal(formatWaiting(0), '0 min');
  assert.equal(formatWaiting(12), '12 min');
  assert.equal(formatWaiting(59), '59 min');
  assert.equal(formatWaiting(60), '1 hr');
  assert.equal(formatWaiting(65), '1 hr 5 min');
  assert.equal(formatWaiting(120), '2 hr');
  assert.equal(formatWaiting(1505), '25 hr 5 min');
  assert.equal(formatWaiting(12.9), '12 min');
  assert.throws(() => formatWaiting(-1), RangeError);
});
