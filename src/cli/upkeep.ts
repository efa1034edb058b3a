// divert upkeep: vacuum and analyse the database now.
import { openRuntime, parseOptions } from './runtime.js';
import { runUpkeep, upkeepLine, vacuumAnalyseAll } from '../services/database-upkeep.js';
import { systemClock } from '../services/clock.js';

export const UPKEEP_HELP = `Usage: divert upkeep

Vacuums and analyses the whole database now (vacuum (analyze)): clears dead rows, marks pages
all-visible for index-only scans and refreshes the planner's statistics; prints how long it took.

The embedded database has no autovacuum, so divert serve does this by itself once a day; run it by
hand after loading or removing much data (the application stopped: one process at a time uses the
data folder). A PostgreSQL server's autovacuum does it too; on a server this runs it at once.`;

export async function upkeepCommand(args: string[]): Promise<number> {
  parseOptions(args, {});
  const { handle } = await openRuntime();
  try {
    // Recorded on the embedded database, so that divert serve counts its 24 hours from this run.
    const seconds = handle.engine === 'pglite' ? await runUpkeep(handle.db, systemClock) : await vacuumAnalyseAll(handle.db);
    console.log(upkeepLine(seconds ?? 0));
    return 0;
  } finally {
    await handle.close();
  }
}
