// What a backup or a restore reports about a database: whether it is empty, its migration version, its audit chain.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { migrationStatus } from '../../db/migrate.js';
import { createAuditService } from '../audit.js';
import { systemClock } from '../clock.js';

/** The number of tables outside PostgreSQL's own schemas: 0 means an empty database a restore may go into. */
export async function userTableCount(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number | string }>`
    select count(*) as n from pg_catalog.pg_tables
    where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg\\_%'`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** The highest applied migration, or null when the database has never been migrated. */
export async function migrationVersion(db: Kysely<Database>): Promise<number | null> {
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  const row = await sql<{ v: number | string | null }>`select max(version) as v from schema_migration`.execute(db);
  const v = row.rows[0]?.v;
  return v === null || v === undefined ? null : Number(v);
}

export type RestoredState = {
  migrationVersion: number | null;
  /** Migrations this version of Divert has that the restored database has not applied yet. */
  pendingMigrations: string[];
  audit: { ok: boolean; checked: number; brokenAt?: number | string; problem?: string };
};

/** The migration version and the audit chain check (the same walk as divert verify-audit) of a restored database. */
export async function inspectRestored(db: Kysely<Database>): Promise<RestoredState> {
  const status = await migrationStatus(db);
  const audit = await createAuditService(db, systemClock).verify();
  return { migrationVersion: await migrationVersion(db), pendingMigrations: status.pending, audit };
}
