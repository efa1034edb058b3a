// Tests for when the embedded database is due its vacuum and analyse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUpkeepDue, UPKEEP_EVERY_HOURS } from './upkeep-due.js';

const lastFinishedAt = new Date('2026-03-28T23:30:00Z');
const hoursAfter = (hours: number): Date => new Date(lastFinishedAt.getTime() + hours * 3_600_000);

test('upkeep runs once a day', () => {
  assert.equal(UPKEEP_EVERY_HOURS, 24);
});

test('a database never kept up is due', () => {
  assert.equal(isUpkeepDue(null, lastFinishedAt), true);
});

test('within 24 hours of the last run it is not due', () => {
  assert.equal(isUpkeepDue(lastFinishedAt, lastFinishedAt), false);
  assert.equal(isUpkeepDue(lastFinishedAt, hoursAfter(1)), false);
  assert.equal(isUpkeepDue(lastFinishedAt, new Date(hoursAfter(24).getTime() - 1)), false);
});

test('24 hours or more after the last run it is due, across a change of the clocks too', () => {
  // 29 March 2026 is the day the UK's clocks go forward: 24 hours are 24 hours, whatever the wall clock says.
  assert.equal(isUpkeepDue(lastFinishedAt, hoursAfter(24)), true);
  assert.equal(isUpkeepDue(lastFinishedAt, hoursAfter(24 * 40)), true);
});

test('a last run recorded in the future (the clock was put back) is due', () => {
  assert.equal(isUpkeepDue(lastFinishedAt, hoursAfter(-2)), true);
});
