// When the embedded database is due its vacuum and analyse: once a day, since it has no autovacuum.

export const UPKEEP_EVERY_HOURS = 24;

const UPKEEP_EVERY_MS = UPKEEP_EVERY_HOURS * 60 * 60 * 1000;

/**
 * Due when it has never run, or last finished 24 hours or more ago. A last run recorded after `now` (the clock was
 * put back) counts as due too, so that upkeep does not stop until the clock catches up with it.
 */
export function isUpkeepDue(lastFinishedAt: Date | null, now: Date): boolean {
  if (!lastFinishedAt) return true;
  const elapsedMs = now.getTime() - lastFinishedAt.getTime();
  return elapsedMs >= UPKEEP_EVERY_MS || elapsedMs < 0;
}
