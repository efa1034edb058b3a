// Tests for the engagement indicator over the last 28 days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engagementIndicator, type Contact, type ContactOutcome } from './engagement.js';
import { addDays } from './calendar-date.js';

const today = '2025-03-31';
const ago = (days: number, outcome: ContactOutcome): Contact => ({ on: addDays(today, -days), outcome });

test('no contacts, or none that count, is none', () => {
  assert.deepEqual(engagementIndicator([], today), { level: 'none', attended: 0, missed: 0 });
  assert.deepEqual(engagementIndicator([ago(3, 'cancelled_by_service')], today), { level: 'none', attended: 0, missed: 0 });
});

test('only today and the 27 days before count; older and future contacts are ignored', () => {
  assert.deepEqual(engagementIndicator([ago(28, 'did_not_attend'), ago(-1, 'did_not_attend'), ago(27, 'attended'), ago(0, 'late')], today), {
    level: 'green', attended: 2, missed: 0,
  });
});

test('green when nothing is missed; late counts as attended', () => {
  assert.deepEqual(engagementIndicator([ago(14, 'attended'), ago(7, 'late')], today), { level: 'green', attended: 2, missed: 0 });
});

test('amber with a missed contact among more attended', () => {
  assert.deepEqual(engagementIndicator([ago(21, 'attended'), ago(14, 'did_not_attend'), ago(7, 'attended')], today), { level: 'amber', attended: 2, missed: 1 });
  assert.deepEqual(engagementIndicator([ago(14, 'attended'), ago(7, 'cancelled_by_person')], today), { level: 'amber', attended: 1, missed: 1 });
});

test('red when more are missed than attended', () => {
  assert.deepEqual(engagementIndicator([ago(7, 'did_not_attend')], today), { level: 'red', attended: 0, missed: 1 });
  assert.deepEqual(engagementIndicator([ago(21, 'did_not_attend'), ago(14, 'attended'), ago(7, 'cancelled_by_person')], today), { level: 'red', attended: 1, missed: 2 });
});

test('red when the last two counted contacts were both missed, even if more were attended', () => {
  const contacts = [ago(25, 'attended'), ago(20, 'attended'), ago(15, 'attended'), ago(10, 'did_not_attend'), ago(5, 'cancelled_by_person')];
  assert.deepEqual(engagementIndicator(contacts, today), { level: 'red', attended: 3, missed: 2 });
  assert.equal(engagementIndicator([...contacts].reverse(), today).level, 'red', 'order of the input does not matter');
});

test('a cancellation by the service neither breaks nor adds to a run of misses', () => {
  const base = [ago(25, 'attended'), ago(20, 'attended'), ago(15, 'attended'), ago(10, 'did_not_attend')];
  assert.equal(engagementIndicator([...base, ago(7, 'cancelled_by_service'), ago(5, 'did_not_attend')], today).level, 'red');
  assert.equal(engagementIndicator([...base, ago(5, 'attended'), ago(2, 'cancelled_by_service')], today).level, 'amber');
});

test('dates that are not real are refused', () => {
  assert.throws(() => engagementIndicator([{ on: '2025-02-30', outcome: 'attended' }], today), RangeError);
});
