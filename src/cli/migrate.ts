// divert migrate: apply pending migrations and say what was done.
import { openRuntime } from './runtime.js';

export const MIGRATE_HELP = `Usage: divert migrate

Applies pending database migrations, each in its own transaction. A migration that fails is
rolled back and leaves the database as it was. Uses DATABASE_URL or the embedded database in
DIVERT_DATA_DIR, like serve.`;

export async function migrateCommand(): Promise<void> {
  const { handle } = await openRuntime({ migrate: false });
  try {
    const { migrate } = await import('../db/migrate.js');
    const applied = await migrate(handle.db);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date: no migrations to apply.');
  } finally {
    await handle.close();
  }
}
