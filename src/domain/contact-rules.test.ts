import { test } from 'node:test';
import assert from 'node:assert/strict';
import { londonMomentText, outcomeTimingProblem } from './contact-rules.js';

const now = new Date('2026-11-23T10:00:00Z');

test('what happened at a contact in the future cannot be recorded', () => {
  const later = new Date('2026-12-03T14:30:00Z');
  assert.equal(outcomeTimingProblem('attended', later, now), 'You cannot record what happened at a contact that has not happened yet: its time is 14:30 on 3 December 2026');
  assert.match(outcomeTimingProblem('did_not_attend', later, now) ?? '', /has not happened yet/);
  assert.match(outcomeTimingProblem('late', new Date(now.getTime() + 60_000), now) ?? '', /has not happened yet/);
});

test('a contact whose time has come, or a cancellation, can be recorded', () => {
  assert.equal(outcomeTimingProblem('attended', now, now), null);
  assert.equal(outcomeTimingProblem('did_not_attend', new Date('2026-11-20T09:00:00Z'), now), null);
  assert.equal(outcomeTimingProblem('cancelled_by_person', new Date('2026-12-03T14:30:00Z'), now), null);
  assert.equal(outcomeTimingProblem('cancelled_by_service', new Date('2026-12-03T14:30:00Z'), now), null);
});

test('moments read in London time, summer and winter', () => {
  assert.equal(londonMomentText(new Date('2026-07-01T08:15:00Z')), '09:15 on 1 July 2026');
  assert.equal(londonMomentText(new Date('2026-01-05T23:30:00Z')), '23:30 on 5 January 2026');
});
