// Back-up and restore of the embedded database: PGlite's own dump of its data folder (dumpDataDir, a gzipped
// tarball) taken while this process holds the folder's lock, and a new data folder made from it (loadDataDir).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from '../../db/data-dir-lock.js';
import { openEmbeddedClient, openEmbeddedDatabase, wrapEmbedded } from '../../db/open.js';
import { BackupError, payloadKind, hashFileRange, type BackupHeader } from './backup-file.js';
import { migrationVersion, inspectRestored, type RestoredState } from './database-state.js';

/** Where the embedded engine keeps its files inside DIVERT_DATA_DIR (as src/db/open.ts opens it). */
export function pgliteDataPath(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

function hasDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(pgliteDataPath(dataDir), 'PG_VERSION'));
}

/**
 * Dumps the embedded database in `dataDir` into a temporary payload file. The data folder's lock is held
 * throughout, so no other process writes while the dump is taken; a running `divert serve` makes this refuse.
 * Returns the header to write and the payload file (the caller removes it).
 */
export async function dumpEmbedded(dataDir: string, now: Date): Promise<{ header: BackupHeader; payloadFile: string }> {
  if (!hasDatabase(dataDir)) throw new BackupError(`There is no embedded database in ${dataDir}: set DIVERT_DATA_DIR to the installation's data folder`);
  const release = acquireDataDirLock(dataDir);
  let client: PGlite | null = null;
  try {
    client = await openEmbeddedClient({ dataDir: pgliteDataPath(dataDir) });
    const handle = wrapEmbedded(client);
    const version = await migrationVersion(handle.db);
    if (version === null) throw new BackupError(`The embedded database in ${dataDir} has never been migrated: there is nothing to back up`);
    await client.exec('checkpoint');
    const dump = await client.dumpDataDir('gzip');
    const payloadFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'divert-backup-')), 'pgdata.tar.gz');
    fs.writeFileSync(payloadFile, Buffer.from(await dump.arrayBuffer()));
    const { sha256, bytes } = await hashFileRange(payloadFile, 0);
    return {
      header: { engine: 'pglite', migrationVersion: version, createdAt: now.toISOString(), payload: payloadKind('pglite'), payloadBytes: bytes, payloadSha256: sha256 },
      payloadFile,
    };
  } finally {
    await client?.close().catch(() => undefined);
    release();
  }
}

/**
 * Makes the embedded database in `dataDir` from a backup's payload. Refuses a folder that already holds a
 * database. After loading, opens the folder as the application would and returns its migration version and
 * audit chain check.
 */
export async function restoreEmbedded(dataDir: string, file: string, payloadOffset: number): Promise<RestoredState> {
  const target = pgliteDataPath(dataDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new BackupError(`The data folder ${dataDir} already holds a database: restore only into an empty installation (set DIVERT_DATA_DIR to a new folder)`);
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new BackupError(`Cannot create the data folder ${dataDir}: ${(error as Error).message}`);
  }
  const release = acquireDataDirLock(dataDir);
  try {
    const payload = fs.readFileSync(file).subarray(payloadOffset);
    const client = await openEmbeddedClient({ dataDir: target, loadDataDir: new Blob([payload]) });
    await client.close();
  } catch (error) {
    fs.rmSync(target, { recursive: true, force: true });
    throw new BackupError(`Could not restore the embedded database into ${dataDir}: ${(error as Error).message}`);
  } finally {
    release();
  }
  const handle = await openEmbeddedDatabase(dataDir);
  try {
    return await inspectRestored(handle.db);
  } finally {
    await handle.close();
  }
}
