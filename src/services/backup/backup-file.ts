// The Divert backup file: one header line naming the format, one line of JSON describing the backup, then the
// engine's own dump (PGlite's gzipped data-folder tarball, or a pg_dump custom-format archive), byte for byte.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { Engine } from '../../db/open.js';

/** The first line of every Divert backup file. */
export const BACKUP_MAGIC = 'DIVERT-BACKUP 1';

/** The longest header read before giving up: a backup's two header lines are far shorter. */
const MAX_HEADER_BYTES = 8192;

const headerSchema = z.object({
  engine: z.enum(['pglite', 'postgres']),
  /** The highest migration applied in the backed-up database. */
  migrationVersion: z.number().int().nonnegative(),
  createdAt: z.string(),
  /** pglite: a gzipped tarball of the data folder (PGlite dumpDataDir); postgres: a pg_dump --format=custom archive. */
  payload: z.enum(['pglite-datadir-tar-gzip', 'pg_dump-custom']),
  payloadBytes: z.number().int().nonnegative(),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupHeader = z.infer<typeof headerSchema>;

/** A failure the operator can act on, worded as one line. */
export class BackupError extends Error {}

/** The payload kind each engine writes. */
export function payloadKind(engine: Engine): BackupHeader['payload'] {
  return engine === 'pglite' ? 'pglite-datadir-tar-gzip' : 'pg_dump-custom';
}

/** The SHA-256 (hex) and size of a byte range of a file, read as a stream. */
export async function hashFileRange(file: string, start: number): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { start })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Writes the header then the payload file into `out`, through a file beside it renamed at the end. Returns the size written. */
export async function writeBackupFile(out: string, header: BackupHeader, payloadFile: string): Promise<number> {
  const partial = `${out}.partial`;
  const headerBytes = Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`, 'utf8');
  try {
    fs.writeFileSync(partial, headerBytes, { flag: 'w' });
    await new Promise<void>((resolve, reject) => {
      const target = fs.createWriteStream(partial, { flags: 'a' });
      const source = fs.createReadStream(payloadFile);
      source.on('error', reject);
      target.on('error', reject);
      target.on('finish', () => resolve());
      source.pipe(target);
    });
    const fd = fs.openSync(partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, out);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`Could not write ${out}: ${(error as Error).message}`);
  }
  return fs.statSync(out).size;
}

/**
 * Reads and checks a backup file's header, and that the payload after it is whole (its size and SHA-256 match).
 * Returns the header and the byte offset where the payload starts; throws BackupError with one line otherwise.
 */
export async function readBackupFile(file: string): Promise<{ header: BackupHeader; payloadOffset: number }> {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      if (fs.fstatSync(fd).isDirectory()) throw new Error('it is a folder');
      head = Buffer.alloc(MAX_HEADER_BYTES);
      head = head.subarray(0, fs.readSync(fd, head, 0, MAX_HEADER_BYTES, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'there is no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a folder' : e.message;
    throw new BackupError(`Cannot read ${file}: ${why}`);
  }
  const notBackup = new BackupError(`${file} is not a Divert backup (it does not start with "${BACKUP_MAGIC}"): choose a file made by divert backup`);
  const firstEnd = head.indexOf(0x0a);
  if (firstEnd < 0 || head.subarray(0, firstEnd).toString('utf8') !== BACKUP_MAGIC) throw notBackup;
  const secondEnd = head.indexOf(0x0a, firstEnd + 1);
  if (secondEnd < 0) throw notBackup;
  let parsed: unknown;
  try {
    parsed = JSON.parse(head.subarray(firstEnd + 1, secondEnd).toString('utf8'));
  } catch {
    throw notBackup;
  }
  const result = headerSchema.safeParse(parsed);
  if (!result.success || result.data.payload !== payloadKind(result.data.engine)) {
    throw new BackupError(`${file} has a Divert backup header this version cannot read: make the backup again with this version`);
  }
  const header = result.data;
  const payloadOffset = secondEnd + 1;
  const actual = await hashFileRange(file, payloadOffset);
  if (actual.bytes !== header.payloadBytes || actual.sha256 !== header.payloadSha256) {
    throw new BackupError(
      `${file} is damaged or incomplete (${actual.bytes} of ${header.payloadBytes} bytes of dump, checksum ${actual.sha256 === header.payloadSha256 ? 'matches' : 'does not match'}): use another copy`,
    );
  }
  return { header, payloadOffset };
}
