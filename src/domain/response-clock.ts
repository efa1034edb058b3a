// The response-time clock on today's list: minutes waiting since a referral, against the site's target.

export type ClockState = 'within' | 'amber' | 'red';

export type ResponseClock = {
  /** Whole minutes since the start; 0 if the start is in the future. */
  minutesWaiting: number;
  /** within: under 75% of the target; amber: from 75% (rounded down to a whole minute) up to the target; red: past it. */
  state: ClockState;
  /** Whole minutes until the target; 0 once it is reached. */
  minutesLeft: number;
};

const MS_PER_MINUTE = 60_000;
const AMBER_FRACTION = 0.75;

/** The minute at which the clock turns amber: 75% of the target, rounded down. */
export function amberFromMinutes(targetMinutes: number): number {
  return Math.floor(targetMinutes * AMBER_FRACTION);
}

/**
 * Where a referral stands against its response target. Minutes are counted whole (rounded
 * down), so a 60-minute target is amber from 45:00 to 60:59 waiting and red from 61:00.
 */
export function responseClock(startedAt: Date, now: Date, targetMinutes: number): ResponseClock {
  if (Number.isNaN(startedAt.getTime()) || Number.isNaN(now.getTime())) throw new RangeError('responseClock needs valid Dates');
  if (!Number.isSafeInteger(targetMinutes) || targetMinutes < 1) {
    throw new RangeError('Response target must be a whole number of minutes, 1 or more');
  }
  const minutesWaiting = Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / MS_PER_MINUTE));
  let state: ClockState = 'within';
  if (minutesWaiting > targetMinutes) state = 'red';
  else if (minutesWaiting >= amberFromMinutes(targetMinutes)) state = 'amber';
  return { minutesWaiting, state, minutesLeft: Math.max(0, targetMinutes - minutesWaiting) };
}

/** 12 → "12 min", 65 → "1 hr 5 min", 120 → "2 hr". Fractions of a minute are dropped. */
export function formatWaiting(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('Minutes waiting must be 0 or more');
  const whole = Math.floor(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} hr` : `${hours} hr ${rest} min`;
}
