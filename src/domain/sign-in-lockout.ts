// Account lock-out after repeated failed sign-ins: 5 failures lock the account for 15 minutes.

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export type LockoutState = { failedSignIns: number; lockedUntil: Date | null };

const MS_PER_MINUTE = 60_000;

/** True while a lock is in force; a lock ends exactly at lockedUntil. */
export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && now.getTime() < state.lockedUntil.getTime();
}

/**
 * Records one failed sign-in. The fifth failure in a row locks the account for
 * 15 minutes. Once a lock has run out, counting starts again from this failure.
 * Failures while still locked are counted but do not extend the lock, so nobody
 * can keep another person locked out indefinitely.
 */
export function afterFailedSignIn(state: LockoutState, now: Date): LockoutState {
  if (state.lockedUntil !== null && !isLocked(state, now)) {
    return { failedSignIns: 1, lockedUntil: null };
  }
  const failedSignIns = state.failedSignIns + 1;
  if (state.lockedUntil === null && failedSignIns >= MAX_FAILED_SIGN_INS) {
    return { failedSignIns, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * MS_PER_MINUTE) };
  }
  return { failedSignIns, lockedUntil: state.lockedUntil };
}

/** A successful sign-in clears the count and any lock. */
export function afterSuccessfulSignIn(): LockoutState {
  return { failedSignIns: 0, lockedUntil: null };
}

/** Whole minutes, rounded up, until the lock ends (0 when not locked): for "try again in N minutes". */
export function minutesUntilUnlocked(state: LockoutState, now: Date): number {
  if (state.lockedUntil === null || !isLocked(state, now)) return 0;
  return Math.ceil((state.lockedUntil.getTime() - now.getTime()) / MS_PER_MINUTE);
}
