// Tests for account lock-out after failed sign-ins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterFailedSignIn,
  afterSuccessfulSignIn,
  isLocked,
  LOCKOUT_MINUTES,
  MAX_FAILED_SIGN_INS,
  minutesUntilUnlocked,
  type LockoutState,
} from './sign-in-lockout.js';

const start = new Date('2025-03-10T09:00:00Z');
const minutesLater = (minutes: number): Date => new Date(start.getTime() + minutes * 60_000);
const fresh: LockoutState = { failedSignIns: 0, lockedUntil: null };

function failTimes(times: number, state: LockoutState = fresh, at: Date = start): LockoutState {
  let current = state;
  for (let i = 0; i < times; i++) current = afterFailedSignIn(current, at);
  return current;
}

test('the limits are 5 failures and 15 minutes', () => {
  assert.equal(MAX_FAILED_SIGN_INS, 5);
  assert.equal(LOCKOUT_MINUTES, 15);
});

test('four failures count up without locking', () => {
  const state = failTimes(4);
  assert.deepEqual(state, { failedSignIns: 4, lockedUntil: null });
  assert.equal(isLocked(state, start), false);
});

test('the fifth failure locks the account for 15 minutes', () => {
  const state = failTimes(5);
  assert.deepEqual(state, { failedSignIns: 5, lockedUntil: minutesLater(15) });
  assert.equal(isLocked(state, start), true);
  assert.equal(isLocked(state, minutesLater(14.99)), true);
  assert.equal(isLocked(state, minutesLater(15)), false);
  assert.equal(minutesUntilUnlocked(state, start), 15);
  assert.equal(minutesUntilUnlocked(state, minutesLater(14.5)), 1);
  assert.equal(minutesUntilUnlocked(state, minutesLater(20)), 0);
});

test('failures during a lock are counted but do not extend it', () => {
  const locked = failTimes(5);
  const after = afterFailedSignIn(locked, minutesLater(10));
  assert.deepEqual(after, { failedSignIns: 6, lockedUntil: minutesLater(15) });
});

test('after a lock expires, counting restarts at 1', () => {
  const locked = failTimes(5);
  const after = afterFailedSignIn(locked, minutesLater(16));
  assert.deepEqual(after, { failedSignIns: 1, lockedUntil: null });
  // And it takes another five failures to lock again.
  const relocked = failTimes(4, after, minutesLater(17));
  assert.deepEqual(relocked, { failedSignIns: 5, lockedUntil: minutesLater(32) });
});

test('a successful sign-in clears the count and the lock', () => {
  assert.deepEqual(afterSuccessfulSignIn(), { failedSignIns: 0, lockedUntil: null });
  assert.equal(isLocked(afterSuccessfulSignIn(), start), false);
});

test('the input state is not changed', () => {
  const state: LockoutState = { failedSignIns: 4, lockedUntil: null };
  afterFailedSignIn(state, start);
  assert.deepEqual(state, { failedSignIns: 4, lockedUntil: null });
});
