// Back-up and restore on a PostgreSQL server: pg_dump --format=custom (one consistent snapshot, taken while the
// application runs) and pg_restore into an empty database, using the newest PostgreSQL client tools installed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openServerDatabase } from '../../db/open.js';
import { BackupError, payloadKind, hashFileRange, type BackupHeader } from './backup-file.js';
import { migrationVersion, userTableCount, inspectRestored, type RestoredState } from './database-state.js';

/** The path of a PostgreSQL client tool: the newest /usr/lib/postgresql/N/bin (Debian's layout), else the PATH. */
export function findPostgresTool(tool: 'pg_dump' | 'pg_restore', root = '/usr/lib/postgresql'): string {
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    /* not Debian's layout */
  }
  for (const v of versions) {
    const candidate = path.join(root, v, 'bin', tool);
    if (fs.existsSync(candidate)) return candidate;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, tool))) return path.join(dir, tool);
  }
  throw new BackupError(`${tool} is not installed: install the PostgreSQL client tools (apt-get install postgresql-client)`);
}

/** The URL without its password, and the password, so the password goes by environment and not on a command line. */
function splitPassword(url: string): { url: string; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { url: u.toString(), password };
}

/** Runs a client tool; resolves when it exits 0, else throws a BackupError with the last line it printed. */
function runTool(tool: string, args: string[], password: string | null, stdin?: { file: string; start: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
    const child = spawn(tool, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', (error) => reject(new BackupError(`Could not run ${tool}: ${error.message}`)));
    if (stdin) {
      const source = fs.createReadStream(stdin.file, { start: stdin.start });
      source.on('error', (error) => {
        child.kill();
        reject(new BackupError(`Could not read ${stdin.file}: ${error.message}`));
      });
      child.stdin!.on('error', () => undefined); // the tool stopped early: its exit code says why
      source.pipe(child.stdin!);
    }
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
      reject(new BackupError(`${path.basename(tool)} failed: ${last}`));
    });
  });
}

/** Dumps the server database at `url` with pg_dump --format=custom into a temporary payload file (the caller removes it). */
export async function dumpServer(url: string, now: Date): Promise<{ header: BackupHeader; payloadFile: string }> {
  const handle = await openServerDatabase(url, 1);
  let version: number | null;
  try {
    version = await migrationVersion(handle.db);
  } finally {
    await handle.close();
  }
  if (version === null) throw new BackupError('The database in DATABASE_URL has never been migrated: there is nothing to back up');
  const payloadFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'divert-backup-')), 'database.dump');
  const { url: bare, password } = splitPassword(url);
  try {
    await runTool(findPostgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${payloadFile}`, `--dbname=${bare}`], password);
  } catch (error) {
    fs.rmSync(path.dirname(payloadFile), { recursive: true, force: true });
    throw error;
  }
  const { sha256, bytes } = await hashFileRange(payloadFile, 0);
  return {
    header: { engine: 'postgres', migrationVersion: version, createdAt: now.toISOString(), payload: payloadKind('postgres'), payloadBytes: bytes, payloadSha256: sha256 },
    payloadFile,
  };
}

/**
 * Restores a backup's payload into the server database at `url` with pg_restore, in one transaction (all or
 * nothing). Refuses a database that has any tables. Returns the restored migration version and audit check.
 */
export async function restoreServer(url: string, file: string, payloadOffset: number): Promise<RestoredState> {
  const before = await openServerDatabase(url, 1);
  try {
    const tables = await userTableCount(before.db);
    if (tables > 0) {
      throw new BackupError(`The database in DATABASE_URL already has ${tables} table(s): restore only into an empty database (createdb a new one)`);
    }
  } finally {
    await before.close();
  }
  const { url: bare, password } = splitPassword(url);
  await runTool(
    findPostgresTool('pg_restore'),
    ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${bare}`],
    password,
    { file, start: payloadOffset },
  );
  const after = await openServerDatabase(url, 1);
  try {
    return await inspectRestored(after.db);
  } finally {
    await after.close();
  }
}
