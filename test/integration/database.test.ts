// Both engines: migrations in transactions, a failed migration leaving nothing behind, the same types from each driver.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadMigrations, migrate, migrationStatus, MigrationError } from '../../src/db/migrate.js';
import { openEmptyDatabase, openTestDatabase, testEngines } from '../support/database.js';

function migrationsWithBrokenThird(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'divert-migrations-'));
  for (const m of loadMigrations()) fs.writeFileSync(path.join(dir, m.name), m.sql);
  fs.writeFileSync(path.join(dir, '9998_good_table.sql'), 'create table probe_good (id integer primary key);');
  fs.writeFileSync(path.join(dir, '9999_broken.sql'), 'create table probe_half (id integer);\ninsert into probe_half values (1);\nselect no_such_function();');
  return dir;
}

for (const engine of testEngines()) {
  describe(`database (${engine})`, () => {
    test('migrations apply in order, are recorded, and a second run does nothing', async () => {
      const handle = await openEmptyDatabase(engine);
      try {
        const before = await migrationStatus(handle.db);
        assert.equal(before.current, false);
        const applied = await migrate(handle.db);
        assert.deepEqual(applied, loadMigrations().map((m) => m.name));
        assert.deepEqual(await migrate(handle.db), []);
        const after = await migrationStatus(handle.db);
        assert.equal(after.current, true);
      } finally {
        await handle.close();
      }
    });

    test('a failing migration is rolled back whole and stops with its name; earlier ones stay', async () => {
      const handle = await openEmptyDatabase(engine);
      try {
        const migrations = loadMigrations(migrationsWithBrokenThird());
        await assert.rejects(migrate(handle.db, migrations), (error: Error) => {
          assert.ok(error instanceof MigrationError);
          assert.match(error.message, /^Migration 9999_broken\.sql failed and was rolled back, leaving the database as it was: .*no_such_function/);
          return true;
        });
        const tables = await sql<{ t: string | null }>`select to_regclass('probe_half')::text as t`.execute(handle.db);
        assert.equal(tables.rows[0]!.t, null, 'no half-made table is left');
        const good = await sql<{ t: string | null }>`select to_regclass('probe_good')::text as t`.execute(handle.db);
        assert.equal(good.rows[0]!.t, 'probe_good');
        const status = await migrationStatus(handle.db, migrations);
        assert.deepEqual(status.pending, ['9999_broken.sql']);
      } finally {
        await handle.close();
      }
    });

    test('an applied migration that was edited is refused', async () => {
      const handle = await openEmptyDatabase(engine);
      try {
        await migrate(handle.db);
        const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
        await assert.rejects(migrate(handle.db, edited), /has changed since it was applied/);
      } finally {
        await handle.close();
      }
    });

    test('bigint, numeric, date and timestamptz come back as the same JavaScript types', async () => {
      const handle = await openTestDatabase(engine);
      try {
        const row = (
          await sql<{ n: unknown; d: unknown; t: unknown; c: unknown; x: unknown }>`
            select 9007199254740::bigint as n, 12.5::numeric as x, date '2026-02-28' as d,
                   timestamptz '2026-02-28T10:00:00Z' as t, count(*) as c from service`.execute(handle.db)
        ).rows[0]!;
        assert.equal(row.n, 9007199254740);
        assert.equal(row.x, 12.5);
        assert.equal(row.d, '2026-02-28');
        assert.ok(row.t instanceof Date);
        assert.equal((row.t as Date).toISOString(), '2026-02-28T10:00:00.000Z');
        assert.equal(row.c, 3);
      } finally {
        await handle.close();
      }
    });

    test('every table that holds service data carries its service', async () => {
      const handle = await openTestDatabase(engine);
      try {
        const columns = await sql<{ table_name: string }>`
          select table_name from information_schema.columns where column_name = 'service_id' and table_schema = 'public'`.execute(handle.db);
        const withService = new Set(columns.rows.map((r) => r.table_name));
        for (const table of ['site', 'partner_organisation', 'role_grant', 'audit_event', 'person', 'person_alias', 'person_link']) assert.ok(withService.has(table), table);
      } finally {
        await handle.close();
      }
    });

    test('concurrent transactions do not interleave: each rolls back or commits whole', async () => {
      const handle = await openTestDatabase(engine);
      try {
        const service = (await handle.db.selectFrom('service').select('id').executeTakeFirstOrThrow()).id;
        const attempts = Array.from({ length: 12 }, (_, i) =>
          handle.db.transaction().execute(async (trx) => {
            await trx.insertInto('site').values({ service_id: service, code: `TX-${i}`, name: `Transaction site ${i}`, site_kind: 'custody_suite' }).execute();
            await trx.insertInto('site').values({ service_id: service, code: `TY-${i}`, name: `Transaction pair ${i}`, site_kind: 'custody_suite' }).execute();
            if (i % 3 === 0) throw new Error('roll back');
          }),
        );
        const results = await Promise.allSettled(attempts);
        assert.equal(results.filter((r) => r.status === 'rejected').length, 4);
        const sites = await handle.db.selectFrom('site').select('code').where('code', 'like', 'T_-%').execute();
        assert.equal(sites.length, 16, 'eight committed pairs, no halves');
        for (let i = 0; i < 12; i++) {
          const has = sites.some((s) => s.code === `TX-${i}`);
          assert.equal(has, sites.some((s) => s.code === `TY-${i}`), `pair ${i} is whole`);
          assert.equal(has, i % 3 !== 0);
        }
      } finally {
        await handle.close();
      }
    });
  });
}
