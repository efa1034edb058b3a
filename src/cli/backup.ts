// divert backup --out FILE: one file holding the whole installation's database, on either engine.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { parseOptions, UserFacingError } from './runtime.js';
import { BackupError, writeBackupFile } from '../services/backup/backup-file.js';
import { dumpEmbedded } from '../services/backup/pglite-backup.js';
import { dumpServer } from '../services/backup/server-backup.js';

export const BACKUP_HELP = `Usage: divert backup --out FILE [--force]

Writes the whole database into FILE, a Divert backup: a short header (engine, migration version, size
and checksum of the dump) followed by the engine's own dump.
  With DATABASE_URL: pg_dump --format=custom, one consistent snapshot; the application may keep running.
  Embedded (DIVERT_DATA_DIR): PGlite's dump of the data folder. Stop divert serve first: the embedded
  database allows one process at a time, and the backup refuses while the folder is in use.
Restore it with divert restore --from FILE. See docs/backup-and-restore.md.

Options:
  --out FILE   the file to write; an existing file is not replaced
  --force      replace FILE if it exists`;

/** Bytes as a short human size: 512 bytes, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export async function backupCommand(args: string[]): Promise<void> {
  const o = parseOptions(args, { out: 'string', force: 'boolean' });
  if (typeof o.out !== 'string') throw new UserFacingError('--out is needed: name the backup file to write, see --help');
  const out = path.resolve(o.out);
  if (fs.existsSync(out)) {
    if (fs.statSync(out).isDirectory()) throw new UserFacingError(`${out} is a folder: name a file with --out`);
    if (o.force !== true) throw new UserFacingError(`${out} already exists: choose another file, or add --force to replace it`);
  }
  if (!fs.existsSync(path.dirname(out))) throw new UserFacingError(`The folder ${path.dirname(out)} does not exist: create it first`);
  const config = loadConfig();
  let dump: Awaited<ReturnType<typeof dumpServer>> | null = null;
  try {
    dump = config.databaseUrl ? await dumpServer(config.databaseUrl, new Date()) : await dumpEmbedded(config.dataDir, new Date());
    const size = await writeBackupFile(out, dump.header, dump.payloadFile);
    const engine = dump.header.engine === 'pglite' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL server (pg_dump custom format)';
    console.log(`Wrote ${out}: ${formatSize(size)}, ${engine}, migration version ${dump.header.migrationVersion}.`);
  } catch (error) {
    if (error instanceof BackupError) throw new UserFacingError(error.message);
    throw error;
  } finally {
    if (dump) fs.rmSync(path.dirname(dump.payloadFile), { recursive: true, force: true });
  }
}
