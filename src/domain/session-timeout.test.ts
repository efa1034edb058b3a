// Tests for session idle and absolute time limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ABSOLUTE_SESSION_HOURS,
  IDLE_TIMEOUT_MINUTES,
  IDLE_WARNING_MINUTES,
  isIdleWarningDue,
  secondsUntilIdleTimeout,
  sessionState,
} from './session-timeout.js';

const createdAt = new Date('2025-03-10T08:00:00Z');
const minutesAfter = (base: Date, minutes: number): Date => new Date(base.getTime() + minutes * 60_000);

test('the limits are 30 idle minutes, a warning at 25 and 12 hours in all', () => {
  assert.equal(IDLE_TIMEOUT_MINUTES, 30);
  assert.equal(IDLE_WARNING_MINUTES, 25);
  assert.equal(ABSOLUTE_SESSION_HOURS, 12);
});

test('a session in use is active', () => {
  assert.equal(sessionState({ createdAt, lastSeenAt: createdAt }, createdAt), 'active');
  assert.equal(sessionState({ createdAt, lastSeenAt: createdAt }, minutesAfter(createdAt, 29.9)), 'active');
});

test('30 minutes without a request expires the session', () => {
  const lastSeenAt = minutesAfter(createdAt, 60);
  assert.equal(sessionState({ createdAt, lastSeenAt }, minutesAfter(lastSeenAt, 30)), 'idle-expired');
  assert.equal(sessionState({ createdAt, lastSeenAt }, minutesAfter(lastSeenAt, 45)), 'idle-expired');
});

test('12 hours after sign-in the session ends however busy it is', () => {
  const twelveHours = minutesAfter(createdAt, 12 * 60);
  const lastSeenAt = minutesAfter(twelveHours, -1);
  assert.equal(sessionState({ createdAt, lastSeenAt }, minutesAfter(twelveHours, -0.5)), 'active');
  assert.equal(sessionState({ createdAt, lastSeenAt }, twelveHours), 'absolute-expired');
  // Both limits passed: the absolute one is reported.
  assert.equal(sessionState({ createdAt, lastSeenAt: createdAt }, minutesAfter(twelveHours, 60)), 'absolute-expired');
});

test('seconds until the idle timeout count down and stop at zero', () => {
  const lastSeenAt = createdAt;
  assert.equal(secondsUntilIdleTimeout(lastSeenAt, lastSeenAt), 1800);
  assert.equal(secondsUntilIdleTimeout(lastSeenAt, minutesAfter(lastSeenAt, 25)), 300);
  assert.equal(secondsUntilIdleTimeout(lastSeenAt, new Date(lastSeenAt.getTime() + 1_799_500)), 1);
  assert.equal(secondsUntilIdleTimeout(lastSeenAt, minutesAfter(lastSeenAt, 30)), 0);
  assert.equal(secondsUntilIdleTimeout(lastSeenAt, minutesAfter(lastSeenAt, 90)), 0);
});

test('the idle warning is due from 25 minutes until the timeout', () => {
  assert.equal(isIdleWarningDue(createdAt, minutesAfter(createdAt, 24.9)), false);
  assert.equal(isIdleWarningDue(createdAt, minutesAfter(createdAt, 25)), true);
  assert.equal(isIdleWarningDue(createdAt, minutesAfter(createdAt, 29.9)), true);
  assert.equal(isIdleWarningDue(createdAt, minutesAfter(createdAt, 30)), false);
});
