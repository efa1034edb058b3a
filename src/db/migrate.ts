// Numbered SQL migrations, applied in order, each in its own transaction, recorded in a table.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export type Migration = { version: number; name: string; sql: string; checksum: string };

export type MigrationStatus = {
  current: boolean;
  applied: number[];
  pending: string[];
  changed: string[];
  unknown: number[];
};

export class MigrationError extends Error {}

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Any two instances migrating at once queue on this lock. */
const MIGRATION_LOCK_KEY = 7_331_001;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new MigrationError(`Migration file ${file} must be named NNNN_words.sql`);
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(match[1]),
        name: file,
        sql: text,
        checksum: crypto.createHash('sha256').update(text).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]!.version === m.version) throw new MigrationError(`Two migrations share number ${m.version}`);
  });
  return migrations;
}

/** Under the migration lock: two instances creating the table at once on a new database would collide in the catalogue. */
async function ensureTable(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migration (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
  });
}

export async function migrationStatus(db: Kysely<Database>, migrations = loadMigrations()): Promise<MigrationStatus> {
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migration')::text as t`.execute(db);
  const rows = exists.rows[0]?.t ? await db.selectFrom('schema_migration').selectAll().orderBy('version').execute() : [];
  const byVersion = new Map(rows.map((r) => [r.version, r]));
  const known = new Set(migrations.map((m) => m.version));
  const pending = migrations.filter((m) => !byVersion.has(m.version)).map((m) => m.name);
  const changed = migrations.filter((m) => byVersion.has(m.version) && byVersion.get(m.version)!.checksum !== m.checksum).map((m) => m.name);
  const unknown = rows.filter((r) => !known.has(r.version)).map((r) => r.version);
  return {
    current: pending.length === 0 && changed.length === 0 && unknown.length === 0,
    applied: rows.map((r) => r.version),
    pending,
    changed,
    unknown,
  };
}

/** Applies every pending migration. A failing one is rolled back whole and stops the run with a MigrationError. */
export async function migrate(db: Kysely<Database>, migrations = loadMigrations()): Promise<string[]> {
  await ensureTable(db);
  const status = await migrationStatus(db, migrations);
  if (status.changed.length > 0) {
    throw new MigrationError(`Migration ${status.changed.join(', ')} has changed since it was applied; add a new migration instead of editing an applied one.`);
  }
  if (status.unknown.length > 0) {
    throw new MigrationError(`The database has migration ${status.unknown.join(', ')} that this version of Divert does not know: it was made by a newer version. Run that version, or restore a back-up.`);
  }
  const applied: string[] = [];
  for (const migration of migrations.filter((m) => status.pending.includes(m.name))) {
    try {
      const ran = await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
        const done = await trx.selectFrom('schema_migration').select('version').where('version', '=', migration.version).executeTakeFirst();
        if (done) return false; // another instance applied it while this one waited
        await sql.raw(migration.sql).execute(trx);
        await trx.insertInto('schema_migration').values({ version: migration.version, name: migration.name, checksum: migration.checksum }).execute();
        return true;
      });
      if (ran) applied.push(migration.name);
    } catch (error) {
      throw new MigrationError(`Migration ${migration.name} failed and was rolled back, leaving the database as it was: ${(error as Error).message}`);
    }
  }
  return applied;
}
