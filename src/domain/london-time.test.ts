import { test } from 'node:test';
import assert from 'node:assert/strict';
import { londonInstant, londonTimeOfDay, parseTimeOfDay, startOfLondonDay, londonDate } from './london-time.js';

test('times of day are read as HH:MM, 24-hour', () => {
  assert.deepEqual(parseTimeOfDay('03:07'), { hours: 3, minutes: 7 });
  assert.deepEqual(parseTimeOfDay('9.30'), { hours: 9, minutes: 30 });
  assert.equal(parseTimeOfDay('24:00'), null);
  assert.equal(parseTimeOfDay('3pm'), null);
});

test('London wall time is GMT in winter and BST in summer', () => {
  assert.equal(londonInstant('2026-11-23', { hours: 3, minutes: 0 }).toISOString(), '2026-11-23T03:00:00.000Z');
  assert.equal(londonInstant('2026-07-01', { hours: 3, minutes: 0 }).toISOString(), '2026-07-01T02:00:00.000Z');
  assert.equal(londonTimeOfDay(new Date('2026-07-01T02:00:00Z')), '03:00');
});

test('the clock changes: the repeated autumn hour takes the first, the skipped spring hour the next', () => {
  assert.equal(londonInstant('2026-10-25', { hours: 1, minutes: 30 }).toISOString(), '2026-10-25T00:30:00.000Z');
  assert.equal(londonInstant('2026-03-29', { hours: 1, minutes: 30 }).toISOString(), '2026-03-29T01:30:00.000Z');
});

test('the London day starts at local midnight', () => {
  assert.equal(startOfLondonDay(new Date('2026-07-01T22:30:00Z')).toISOString(), '2026-06-30T23:00:00.000Z', '23:30 BST is still 1 July');
  assert.equal(startOfLondonDay(new Date('2026-11-23T10:00:00Z')).toISOString(), '2026-11-23T00:00:00.000Z');
});

test('the London date of an instant follows the clocks, not UTC', () => {
  assert.equal(londonDate(new Date('2026-07-01T23:30:00Z')), '2026-07-02');
  assert.equal(londonDate(new Date('2026-12-01T23:30:00Z')), '2026-12-01');
  assert.equal(londonDate(new Date('2026-03-29T00:30:00Z')), '2026-03-29');
});

test('the offsets kept by the hour agree with the time zone database at every hour, either side of each change', () => {
  const byTimeZone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
  const starts = [Date.UTC(2025, 0, 1), Date.UTC(1971, 9, 1), Date.UTC(1968, 1, 1)];
  for (const start of starts) {
    for (let t = start; t < start + 2 * 366 * 24 * 3_600_000; t += 3_600_000) {
      for (const at of [t, t + 30 * 60_000, t + 3_599_999]) {
        const instant = new Date(at);
        assert.equal(londonDate(instant), byTimeZone.format(instant), instant.toISOString());
      }
    }
  }
  // The change itself: 01:00 UTC on the last Sunday of March and of October.
  assert.equal(londonDate(new Date('2026-03-29T00:59:59Z')), '2026-03-29');
  assert.equal(londonInstant('2026-03-29', { hours: 2, minutes: 30 }).toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(londonInstant('2026-10-25', { hours: 1, minutes: 30 }).toISOString(), '2026-10-25T00:30:00.000Z');
  assert.equal(londonDate(new Date('2026-10-24T23:00:00Z')), '2026-10-25');
  assert.throws(() => londonDate(new Date('not a date')), RangeError);
});
