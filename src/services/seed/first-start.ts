// Demo data on a first start, loaded exactly once however many instances start together on one empty database.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/open.js';
import type { Services } from '../index.js';
import { isDatabaseEmpty, seedProfile, type SeedResult } from './seed.js';

/** Held (per connection) while one instance checks for and loads the demo data; the others wait on it. */
export const FIRST_START_LOCK_KEY = 7_331_003;

/**
 * Loads the named demo profile if the database is empty, and returns what was loaded, or null when the database
 * already had data. On a PostgreSQL server the check and the loading run under an advisory lock held on one pinned
 * connection, so an instance starting at the same time waits, then finds the data and skips. The embedded database
 * is only ever open in one process (its data folder is locked), and it has a single connection that the loading
 * itself needs, so there it runs without the lock.
 */
export async function seedOnFirstStart(handle: DatabaseHandle, services: Services, profileName: string, log: (line: string) => void): Promise<SeedResult | null> {
  const loadIfEmpty = async (): Promise<SeedResult | null> => {
    if (!(await isDatabaseEmpty(services))) return null;
    log(`First start: loading the ${profileName} demo data…`);
    return seedProfile(services, profileName, log);
  };
  if (handle.engine === 'pglite') return loadIfEmpty();
  return handle.db.connection().execute(async (connection) => {
    const tried = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${FIRST_START_LOCK_KEY}) as locked`.execute(connection);
    if (!tried.rows[0]?.locked) {
      log('Another instance is starting on this database: waiting for it to finish before checking for demo data…');
      await sql`select pg_advisory_lock(${FIRST_START_LOCK_KEY})`.execute(connection);
    }
    try {
      return await loadIfEmpty();
    } finally {
      await sql`select pg_advisory_unlock(${FIRST_START_LOCK_KEY})`.execute(connection);
    }
  });
}
