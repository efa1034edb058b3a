// Wall-clock time in the UK (Europe/London), where the service works: reading "14:30 on 3 March" as an instant.
const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Minutes London is ahead of UTC at an instant, worked out by the time zone database. */
function offsetByTimeZone(instant: Date): number {
  const p = Object.fromEntries(offsetFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const HOUR_MS = 60 * 60_000;
/** Offsets by UTC hour: London's clocks change on the hour (01:00 UTC), so an hour has one offset throughout. */
const offsetOfHour = new Map<number, number>();

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let offset = offsetOfHour.get(hour);
  if (offset === undefined) {
    if (Number.isNaN(hour)) return offsetByTimeZone(instant);
    if (offsetOfHour.size >= 100_000) offsetOfHour.clear();
    offsetOfHour.set(hour, (offset = offsetByTimeZone(new Date(hour * HOUR_MS))));
  }
  return offset;
}

/** A time of day as HH:MM (24-hour), or null. */
export function parseTimeOfDay(text: string): { hours: number; minutes: number } | null {
  const match = /^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$/.exec(text.trim());
  return match ? { hours: Number(match[1]), minutes: Number(match[2]) } : null;
}

/** The instant when London's clocks show `time` on `date` (YYYY-MM-DD). In the autumn's repeated hour, the first. */
export function londonInstant(date: string, time: { hours: number; minutes: number }): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, time.hours, time.minutes);
  // Try the offset either side of the moment: the one that maps back to the wall time wins.
  for (const guess of [londonOffsetMinutes(new Date(wall - 60 * 60_000)), londonOffsetMinutes(new Date(wall))]) {
    const instant = new Date(wall - guess * 60_000);
    if (londonOffsetMinutes(instant) === guess) return instant;
  }
  // A time skipped when the clocks go forward: read with the offset before the change, so 01:30 becomes 02:30.
  return new Date(wall - londonOffsetMinutes(new Date(wall - 60 * 60_000)) * 60_000);
}

/** The start of the London calendar day that contains `instant`. */
export function startOfLondonDay(instant: Date): Date {
  return londonInstant(londonDate(instant), { hours: 0, minutes: 0 });
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
export const londonTimeOfDay = (instant: Date): string => timeFormat.format(instant);

/** The London calendar date (YYYY-MM-DD) of an instant: "today" for the team. */
export const londonDate = (instant: Date): string => new Date(instant.getTime() + londonOffsetMinutes(instant) * 60_000).toISOString().slice(0, 10);
