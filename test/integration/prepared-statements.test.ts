// Each engine's connection keeps the queries it runs as named prepared statements, up to a limit: a query is
// parsed once and run many times with the same answers, scripts and queries without parameters run as before,
// and a statement made stale by a changed table is run afresh rather than refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { createServerDatabase, testEngines } from '../support/database.js';
import { preparingPool } from '../../src/db/prepared-statements.js';
import { PGliteDialect } from '../../src/db/pglite-dialect.js';
import { openEmbeddedClient } from '../../src/db/open.js';

type Kept = { name: string; statement: string; runs: number };
type Db = Kysely<Record<string, never>>;
const LIMIT = 3;

for (const engine of testEngines()) {
  describe(`prepared statements (${engine})`, () => {
    let drop: () => Promise<void> = async () => undefined;
    let open: () => Db;
    let db: Db;
    const opened: Db[] = [];

    /** What the connection has kept, with how often each statement was planned (custom or generic plans). */
    const keptStatements = async (): Promise<Kept[]> =>
      (await sql<Kept>`select name, statement, (custom_plans + generic_plans)::int as runs from pg_prepared_statements order by prepare_time, name`.execute(db))
        .rows.filter((row) => row.name.startsWith('divert_'));

    before(async () => {
      if (engine === 'postgres') {
        const database = await createServerDatabase();
        drop = database.drop;
        // One connection, so that every query meets the same statements.
        open = () => new Kysely({ dialect: new PostgresDialect({ pool: preparingPool(new pg.Pool({ connectionString: database.url, max: 1 }), LIMIT) }) });
      } else {
        const client: PGlite = await openEmbeddedClient({});
        drop = () => client.close();
        open = () => new Kysely({ dialect: new PGliteDialect(client, LIMIT) });
      }
      db = open();
      opened.push(db);
      await sql`create table visit (id int primary key, place text not null, seen_on date)`.execute(db);
      await sql`insert into visit values (1, 'Custody suite', '2026-11-02'), (2, 'Magistrates court', null)`.execute(db);
    });

    after(async () => {
      if (engine === 'postgres') for (const each of opened) await each.destroy();
      await drop();
    });

    test('a query with parameters is prepared once and then run under its name, giving the same rows each time', async () => {
      for (const id of [1, 2, 1, 2, 1, 2, 1]) {
        const { rows } = await sql<{ place: string }>`select place from visit where id = ${id}`.execute(db);
        assert.deepEqual(rows, [{ place: id === 1 ? 'Custody suite' : 'Magistrates court' }]);
      }
      const kept = await keptStatements();
      assert.equal(kept.length, 1, JSON.stringify(kept));
      assert.match(kept[0]!.statement, /select place from visit where id = \$1/);
      assert.equal(kept[0]!.runs, 7, 'seven runs of one prepared statement');
    });

    test('values of every kind go in and come out as they do unprepared: dates, nulls, text with quotes', async () => {
      const day = new Date('2026-11-02T00:00:00Z');
      const { rows } = await sql<{ id: number; seen_on: Date | null; place: string }>`select id, seen_on, place from visit where seen_on = ${day} or place = ${"O'Brien's court"} or ${null}::text is not null`.execute(db);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.id, 1);
      assert.ok(rows[0]!.seen_on instanceof Date || typeof rows[0]!.seen_on === 'string');
      const written = await sql`update visit set place = ${"O'Brien's court"} where id = ${2}`.execute(db);
      assert.equal(written.numAffectedRows, 1n);
      const { rows: after } = await sql<{ place: string }>`select place from visit where id = ${2}`.execute(db);
      assert.deepEqual(after, [{ place: "O'Brien's court" }]);
      await sql`update visit set place = ${'Magistrates court'} where id = ${2}`.execute(db);
    });

    test('a script, or a query without parameters, runs unprepared as before', async () => {
      const before = (await keptStatements()).length;
      await sql`update visit set place = place; select 1`.execute(db);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from visit`.execute(db);
      assert.deepEqual(rows, [{ n: 2 }]);
      assert.equal((await keptStatements()).length, before);
    });

    test('past the limit a connection keeps no more statements, and further queries still answer', async () => {
      await sql`select id from visit where place = ${'Custody suite'}`.execute(db);
      await sql`update visit set place = ${'Custody suite'} where id = ${1}`.execute(db);
      const { rows } = await sql<{ id: number }>`select id from visit where id > ${0} order by id`.execute(db);
      assert.deepEqual(rows, [{ id: 1 }, { id: 2 }]);
      const kept = await keptStatements();
      assert.equal(kept.length, LIMIT, JSON.stringify(kept.map((k) => k.statement)));
      assert.ok(!kept.some((k) => /id > \$1/.test(k.statement)), 'the query past the limit was not kept');
    });

    test('when a table changes under a kept statement, the query is run afresh and answers with the new columns', async () => {
      // This connection has kept all it may, so use a new one with room (on the embedded engine, the same connection).
      db = open();
      opened.push(db);
      const query = (id: number) => sql<Record<string, unknown>>`select * from visit where id = ${id}`.execute(db);
      assert.deepEqual((await query(2)).rows, [{ id: 2, place: 'Magistrates court', seen_on: null }]);
      await sql`alter table visit add column team text not null default 'Liaison and Diversion'`.execute(db);
      assert.deepEqual((await query(2)).rows, [{ id: 2, place: 'Magistrates court', seen_on: null, team: 'Liaison and Diversion' }]);
      // And the next run is prepared again, under a new name.
      assert.equal((await query(1)).rows[0]!.team, 'Liaison and Diversion');
      const kept = (await keptStatements()).filter((k) => /select \* from visit/.test(k.statement));
      assert.equal(kept.length, 2, 'the stale statement and its successor');
      assert.notEqual(kept[0]!.name, kept[1]!.name);
      assert.equal(kept[1]!.runs, 1);
    });

    test('inside a transaction a stale statement is refused, and nothing of the transaction is kept', async () => {
      const query = (id: number) => sql<Record<string, unknown>>`select * from visit where id = ${id}`;
      await query(1).execute(db);
      await sql`alter table visit add column room text`.execute(db);
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await sql`update visit set place = ${'Youth court'} where id = ${2}`.execute(trx);
          await query(1).execute(trx);
        }),
        (error: Error & { code?: string }) => error.code === '0A000',
      );
      const { rows } = await sql<{ place: string }>`select place from visit where id = ${2}`.execute(db);
      assert.deepEqual(rows, [{ place: 'Magistrates court' }]);
      // Outside the transaction the same query answers again.
      assert.equal((await query(1).execute(db)).rows.length, 1);
    });

    test('a query the database refuses gives its error, and the connection goes on answering', async () => {
      await assert.rejects(sql`insert into visit (id, place) values (${1}, ${'Custody suite'})`.execute(db), (error: Error & { code?: string }) => error.code === '23505');
      await assert.rejects(sql`select nothing from visit where id = ${1}`.execute(db), (error: Error & { code?: string }) => error.code === '42703');
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from visit where id <> ${0}`.execute(db);
      assert.deepEqual(rows, [{ n: 2 }]);
    });
  });
}
