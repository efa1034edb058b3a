import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCalendarMonths, addDays, dayNumber, daysBetween, longDate } from './calendar-date.js';

test('dayNumber counts days from 1970-01-01, the same the second time it is asked', () => {
  for (let i = 0; i < 2; i++) {
    assert.equal(dayNumber('1970-01-01'), 0);
    assert.equal(dayNumber('1970-01-02'), 1);
    assert.equal(dayNumber('1969-12-31'), -1);
    assert.equal(dayNumber('2024-03-01') - dayNumber('2024-02-28'), 2);
  }
});

test('dayNumber refuses a date that is not real, every time it is asked', () => {
  for (let i = 0; i < 2; i++) {
    assert.throws(() => dayNumber('2023-02-29'), RangeError);
    assert.throws(() => dayNumber('2024-13-01'), RangeError);
    assert.throws(() => dayNumber('3 May 2024'), RangeError);
  }
});

test('addDays and daysBetween cross months, years and the clock change', () => {
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(addDays('2025-03-01', -1), '2025-02-28');
  assert.equal(addDays('2025-03-29', 2), '2025-03-31');
  assert.equal(daysBetween('2025-01-01', '2025-01-03'), 2);
  assert.equal(daysBetween('2025-01-03', '2025-01-01'), -2);
});

test('addCalendarMonths keeps the day, or the month\'s last day', () => {
  assert.equal(addCalendarMonths('2024-02-29', 12), '2025-02-28');
  assert.equal(addCalendarMonths('2025-08-31', 18), '2027-02-28');
  assert.equal(addCalendarMonths('2025-01-31', 12), '2026-01-31');
  assert.equal(addCalendarMonths('2025-03-31', -1), '2025-02-28');
});

test('longDate writes a date as words, and nothing for none or for a malformed one', () => {
  for (let i = 0; i < 2; i++) {
    assert.equal(longDate('2026-11-03'), '3 November 2026');
    assert.equal(longDate('2024-02-29'), '29 February 2024');
    assert.equal(longDate(null), '');
    assert.equal(longDate(undefined), '');
    assert.equal(longDate(''), '');
    assert.equal(longDate('3 November 2026'), '');
  }
});

test('many different dates are answered right after the remembered answers are forgotten', () => {
  let date = '1990-01-01';
  for (let i = 0; i < 25_000; i++) date = addDays(date, 1);
  assert.equal(date, addDays('1990-01-01', 25_000));
  assert.equal(dayNumber(date), dayNumber('1990-01-01') + 25_000);
  assert.equal(longDate('1990-01-01'), '1 January 1990');
});
