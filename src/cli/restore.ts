// divert restore --from FILE: a new, empty installation made from a Divert backup, then checked.
import path from 'node:path';
import { loadConfig } from '../config.js';
import { parseOptions, UserFacingError } from './runtime.js';
import { BackupError, readBackupFile } from '../services/backup/backup-file.js';
import { restoreEmbedded } from '../services/backup/pglite-backup.js';
import { restoreServer } from '../services/backup/server-backup.js';

export const RESTORE_HELP = `Usage: divert restore --from FILE

Restores a backup made by divert backup into an EMPTY installation, on the engine it was taken from:
  With DATABASE_URL: pg_restore into that database, which must have no tables (createdb a new one).
  Embedded (DIVERT_DATA_DIR): a new data folder made from the dump; the folder must hold no database.
Then checks the audit trail (as divert verify-audit does) and prints the migration version.
Exit code 0 when restored and the audit trail is intact, 2 when restored but the audit trail is broken,
1 when nothing was restored. See docs/backup-and-restore.md.

Options:
  --from FILE   the backup file to restore`;

const ENGINE_NAMES = { pglite: 'the embedded database (PGlite)', postgres: 'a PostgreSQL server' } as const;

export async function restoreCommand(args: string[]): Promise<number> {
  const o = parseOptions(args, { from: 'string' });
  if (typeof o.from !== 'string') throw new UserFacingError('--from is needed: name the backup file to restore, see --help');
  const file = path.resolve(o.from);
  const config = loadConfig();
  const target = config.databaseUrl ? 'postgres' : 'pglite';
  try {
    const { header, payloadOffset } = await readBackupFile(file);
    if (header.engine !== target) {
      const how = header.engine === 'pglite' ? 'unset DATABASE_URL and set DIVERT_DATA_DIR to a new folder' : 'set DATABASE_URL to a new, empty database';
      throw new BackupError(`${file} is a backup of ${ENGINE_NAMES[header.engine]}, and this installation uses ${ENGINE_NAMES[target]}: ${how}`);
    }
    const state = config.databaseUrl
      ? await restoreServer(config.databaseUrl, file, payloadOffset)
      : await restoreEmbedded(config.dataDir, file, payloadOffset);
    const where = config.databaseUrl ? 'the database in DATABASE_URL' : config.dataDir;
    console.log(`Restored ${file} (taken ${header.createdAt}) into ${where}.`);
    console.log(
      `Migration version ${state.migrationVersion ?? 'none'}` +
        (state.pendingMigrations.length
          ? `; ${state.pendingMigrations.length} newer migration(s) will be applied by divert migrate or at the next start: ${state.pendingMigrations.join(', ')}.`
          : '; the database is up to date.'),
    );
    if (state.audit.ok) {
      console.log(`The audit trail is intact: ${state.audit.checked} events checked.`);
      return 0;
    }
    console.error(`The audit trail is broken at event ${state.audit.brokenAt} (${state.audit.problem}); ${state.audit.checked} events before it are intact.`);
    return 2;
  } catch (error) {
    if (error instanceof BackupError) throw new UserFacingError(error.message);
    throw error;
  }
}
