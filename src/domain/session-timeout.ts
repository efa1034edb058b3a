// Session time limits: signed out after 30 idle minutes (warned at 25) and after 12 hours in all.

export const IDLE_TIMEOUT_MINUTES = 30;
export const IDLE_WARNING_MINUTES = 25;
export const ABSOLUTE_SESSION_HOURS = 12;

export type SessionState = 'active' | 'idle-expired' | 'absolute-expired';

const MS_PER_MINUTE = 60_000;
const IDLE_TIMEOUT_MS = IDLE_TIMEOUT_MINUTES * MS_PER_MINUTE;
const IDLE_WARNING_MS = IDLE_WARNING_MINUTES * MS_PER_MINUTE;
const ABSOLUTE_SESSION_MS = ABSOLUTE_SESSION_HOURS * 60 * MS_PER_MINUTE;

/** Whether a session may still be used; the 12-hour limit wins over the idle limit. Limits are reached exactly at the boundary. */
export function sessionState(session: { createdAt: Date; lastSeenAt: Date }, now: Date): SessionState {
  const nowMs = now.getTime();
  if (nowMs - session.createdAt.getTime() >= ABSOLUTE_SESSION_MS) return 'absolute-expired';
  if (nowMs - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return 'idle-expired';
  return 'active';
}

/** Seconds, rounded up, before the idle limit; 0 once it has been reached. */
export function secondsUntilIdleTimeout(lastSeenAt: Date, now: Date): number {
  const remainingMs = lastSeenAt.getTime() + IDLE_TIMEOUT_MS - now.getTime();
  return Math.max(0, Math.ceil(remainingMs / 1000));
}

/** True from 25 idle minutes until the session times out: time to offer "stay signed in". */
export function isIdleWarningDue(lastSeenAt: Date, now: Date): boolean {
  const idleMs = now.getTime() - lastSeenAt.getTime();
  return idleMs >= IDLE_WARNING_MS && idleMs < IDLE_TIMEOUT_MS;
}
