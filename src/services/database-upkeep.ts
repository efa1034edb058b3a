// Database upkeep for the embedded engine: vacuum (analyze), which a PostgreSQL server's autovacuum does by itself
// and the embedded engine never does. Without it an embedded database never sets its visibility map (so no
// index-only scans), never clears dead rows, and plans with statistics from whenever they were last gathered.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DatabaseHandle } from '../db/open.js';
import { isUpkeepDue } from '../domain/upkeep-due.js';
import { systemClock, type Clock } from './clock.js';

export type UpkeepCheck =
  | { outcome: 'ran'; seconds: number }
  /** Ran within the last 24 hours. */
  | { outcome: 'not-due'; lastFinishedAt: Date }
  /** A PostgreSQL server runs autovacuum: nothing to do. */
  | { outcome: 'server' }
  /** Stopped between two tables because the application is shutting down; not recorded, so it runs at the next check. */
  | { outcome: 'stopped' }
  /** Logged; not recorded, so it is tried again at the next check. */
  | { outcome: 'failed'; message: string };

const UNDEFINED_TABLE = '42P01';

/**
 * Vacuums and analyses every table of the database, one table at a time: on the embedded engine (one connection)
 * requests wait for one table's vacuum rather than the whole database's, and `stop` can end it between two tables.
 * Returns the seconds it took, or null when stopped. Must not run inside a transaction.
 */
export async function vacuumAnalyseAll(db: Kysely<Database>, stop: () => boolean = () => false): Promise<number | null> {
  if (db.isTransaction) throw new Error('vacuum cannot run inside a transaction');
  const started = performance.now();
  // Every table and materialised view (each vacuums its own TOAST table), the catalogues too, as a database-wide
  // vacuum does; not other sessions' temporary tables.
  const { rows } = await sql<{ name: string }>`
    select format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'm') and c.relpersistence <> 't'
    order by n.nspname, c.relname`.execute(db);
  for (const { name } of rows) {
    if (stop()) return null;
    try {
      await sql`vacuum (analyze) ${sql.raw(name)}`.execute(db);
    } catch (error) {
      // Dropped since it was listed (on a server another client may drop a table): nothing left to vacuum.
      if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
    }
  }
  return (performance.now() - started) / 1000;
}

/** Vacuums and analyses the whole database and records when it finished and how long it took; returns the seconds (null when stopped). */
export async function runUpkeep(db: Kysely<Database>, clock: Clock = systemClock, stop?: () => boolean): Promise<number | null> {
  const seconds = await vacuumAnalyseAll(db, stop);
  if (seconds === null) return null;
  const row = { last_finished_at: clock.now(), seconds: Math.round(seconds * 1000) / 1000 };
  await db
    .insertInto('database_upkeep')
    .values(row)
    .onConflict((oc) => oc.column('only_row').doUpdateSet(row))
    .execute();
  return seconds;
}

/** When the database was last kept up, or null when never. */
export async function lastUpkeep(db: Kysely<Database>): Promise<{ lastFinishedAt: Date; seconds: number } | null> {
  const row = await db.selectFrom('database_upkeep').select(['last_finished_at', 'seconds']).executeTakeFirst();
  return row ? { lastFinishedAt: row.last_finished_at, seconds: row.seconds } : null;
}

/**
 * On the embedded engine, runs the upkeep when it has never run or last finished 24 hours or more ago; on a server
 * (autovacuum) does nothing. Never throws: a failure is logged as one line and tried again at the next check.
 */
export async function upkeepIfDue(
  handle: DatabaseHandle,
  clock: Clock,
  options: { stop?: () => boolean; logError?: (line: string) => void } = {},
): Promise<UpkeepCheck> {
  if (handle.engine !== 'pglite') return { outcome: 'server' };
  try {
    const last = await lastUpkeep(handle.db);
    if (last && !isUpkeepDue(last.lastFinishedAt, clock.now())) return { outcome: 'not-due', lastFinishedAt: last.lastFinishedAt };
    const seconds = await runUpkeep(handle.db, clock, options.stop);
    return seconds === null ? { outcome: 'stopped' } : { outcome: 'ran', seconds };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    (options.logError ?? console.error)(`Database upkeep (vacuum and analyse) failed, to be tried again at the next check: ${message.split('\n')[0]}`);
    return { outcome: 'failed', message };
  }
}

/** The line printed when it has run. */
export const upkeepLine = (seconds: number): string => `Database upkeep (vacuum and analyse) took ${seconds.toFixed(1)} s.`;
