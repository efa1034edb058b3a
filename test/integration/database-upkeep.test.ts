// Database upkeep: vacuum and analyse marks pages all-visible and refreshes statistics, runs once a day by itself on
// the embedded engine only, survives a failure to try again, and runs on demand with divert upkeep.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createServerDatabase, openTestDatabase, testEngines } from '../support/database.js';
import { divert, startServer } from '../support/processes.js';
import { openEmbeddedDatabase, openServerDatabase, type DatabaseHandle } from '../../src/db/open.js';
import { fixedClock } from '../../src/services/clock.js';
import { lastUpkeep, runUpkeep, upkeepIfDue } from '../../src/services/database-upkeep.js';

const UPKEEP_LINE = /^Database upkeep \(vacuum and analyse\) took \d+\.\d s\.$/m;
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'divert-upkeep-'));

/** What the planner knows of a table: its pages, those marked all-visible, and its estimated rows. */
async function pages(handle: DatabaseHandle, table: string) {
  const { rows } = await sql<{ relpages: number; relallvisible: number; reltuples: number }>`
    select relpages, relallvisible, reltuples::float8 as reltuples from pg_class where oid = ${table}::regclass`.execute(handle.db);
  return rows[0]!;
}

/** Adds `count` rows to the probe table: new pages, not yet marked all-visible. */
async function addRows(handle: DatabaseHandle, count: number): Promise<void> {
  await sql`insert into upkeep_probe (note) select 'row ' || n from generate_series(1, ${count}::int) as n`.execute(handle.db);
}

for (const engine of testEngines()) {
  describe(`database upkeep (${engine})`, () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await openTestDatabase(engine);
      await sql`create table upkeep_probe (id integer generated always as identity primary key, note text not null)`.execute(handle.db);
    });
    after(async () => {
      await handle?.close();
    });

    test('runUpkeep marks the pages of a table with rows all-visible, analyses it, and records the run', async () => {
      await addRows(handle, 600);
      await sql`delete from upkeep_probe where id % 6 = 0`.execute(handle.db);
      const before = await pages(handle, 'upkeep_probe');
      assert.equal(before.relallvisible, 0, 'never vacuumed');
      const clock = fixedClock('2026-05-01T09:00:00Z');
      const seconds = await runUpkeep(handle.db, clock);
      assert.ok(seconds !== null && seconds > 0 && seconds < 60, String(seconds));
      const after = await pages(handle, 'upkeep_probe');
      assert.ok(after.relpages > 0);
      assert.equal(after.relallvisible, after.relpages, 'every page all-visible');
      assert.equal(after.reltuples, 500, 'the deleted rows cleared and counted out');
      const person = await pages(handle, 'person');
      assert.ok(person.relallvisible > 0 && person.relallvisible === person.relpages, JSON.stringify(person));
      const last = await lastUpkeep(handle.db);
      assert.deepEqual(last?.lastFinishedAt, clock.now());
      assert.ok(Math.abs(last!.seconds - seconds!) < 0.001);
    });

    test('stopped between two tables (the application shutting down), it is not recorded', async () => {
      await handle.db.deleteFrom('database_upkeep').execute();
      let asked = 0;
      assert.equal(await runUpkeep(handle.db, fixedClock('2026-05-01T09:00:00Z'), () => ++asked > 3), null);
      assert.equal(asked, 4, 'three tables vacuumed, then stopped');
      assert.equal(await lastUpkeep(handle.db), null);
    });

    if (engine === 'pglite') {
      test('on the embedded engine, upkeepIfDue runs when never run, not again within 24 hours, and again at 24 hours', async () => {
        // The planner's row count (pg_class.reltuples) moves only when the table is vacuumed or analysed.
        await handle.db.deleteFrom('database_upkeep').execute();
        const clock = fixedClock('2026-05-01T09:00:00Z');
        const rows = async () => (await pages(handle, 'upkeep_probe')).reltuples;
        const live = async () => Number((await sql<{ n: string }>`select count(*) as n from upkeep_probe`.execute(handle.db)).rows[0]!.n);
        await addRows(handle, 300);
        assert.notEqual(await rows(), await live());

        const first = await upkeepIfDue(handle, clock);
        assert.equal(first.outcome, 'ran');
        assert.equal(await rows(), await live());
        let probe = await pages(handle, 'upkeep_probe');
        assert.equal(probe.relallvisible, probe.relpages);
        assert.deepEqual((await lastUpkeep(handle.db))?.lastFinishedAt, new Date('2026-05-01T09:00:00Z'));

        await addRows(handle, 300);
        clock.advanceMinutes(24 * 60 - 1);
        assert.deepEqual(await upkeepIfDue(handle, clock), { outcome: 'not-due', lastFinishedAt: new Date('2026-05-01T09:00:00Z') });
        assert.equal(await rows(), (await live()) - 300, 'nothing was vacuumed or analysed');

        clock.advanceMinutes(1);
        assert.equal((await upkeepIfDue(handle, clock)).outcome, 'ran');
        assert.equal(await rows(), await live());
        probe = await pages(handle, 'upkeep_probe');
        assert.equal(probe.relallvisible, probe.relpages);
        assert.deepEqual((await lastUpkeep(handle.db))?.lastFinishedAt, new Date('2026-05-02T09:00:00Z'));
      });

      test('a failure is logged as one line, not thrown, and tried again at the next check', async () => {
        await handle.db.deleteFrom('database_upkeep').execute();
        const clock = fixedClock('2026-06-01T09:00:00Z');
        // Recording the run fails while the table has a column the upkeep does not fill.
        await sql`alter table database_upkeep add column blocker text not null`.execute(handle.db);
        const logged: string[] = [];
        const failed = await upkeepIfDue(handle, clock, { logError: (line) => logged.push(line) });
        assert.equal(failed.outcome, 'failed');
        assert.equal(logged.length, 1);
        assert.match(logged[0]!, /^Database upkeep \(vacuum and analyse\) failed, to be tried again at the next check: .*blocker/);
        assert.doesNotMatch(logged[0]!, /\n/);
        assert.equal(await lastUpkeep(handle.db), null, 'not recorded');

        await sql`alter table database_upkeep drop column blocker`.execute(handle.db);
        clock.advanceMinutes(60);
        assert.equal((await upkeepIfDue(handle, clock, { logError: (line) => logged.push(line) })).outcome, 'ran');
        assert.equal(logged.length, 1);
        assert.deepEqual((await lastUpkeep(handle.db))?.lastFinishedAt, new Date('2026-06-01T10:00:00Z'));
      });
    } else {
      test('on a server (autovacuum) upkeepIfDue does nothing', async () => {
        await handle.db.deleteFrom('database_upkeep').execute();
        await addRows(handle, 300);
        const before = await pages(handle, 'upkeep_probe');
        assert.deepEqual(await upkeepIfDue(handle, fixedClock('2026-05-01T09:00:00Z')), { outcome: 'server' });
        assert.equal(await lastUpkeep(handle.db), null);
        assert.deepEqual(await pages(handle, 'upkeep_probe'), before);
      });
    }
  });
}

describe('divert upkeep', () => {
  test('has --help and refuses options it does not know', async () => {
    const help = await divert(['upkeep', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: divert upkeep/);
    const wrong = await divert(['upkeep', '--now'], { DIVERT_DATA_DIR: tempDir() });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^divert: Unknown option --now: see --help\n$/);
  });

  test('on the embedded database: runs, prints how long it took, and records the run', async () => {
    const dataDir = tempDir();
    const run = await divert(['upkeep'], { DIVERT_DATA_DIR: dataDir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, UPKEEP_LINE);
    const handle = await openEmbeddedDatabase(dataDir);
    try {
      const last = await lastUpkeep(handle.db);
      assert.ok(last && Date.now() - last.lastFinishedAt.getTime() < 60_000, JSON.stringify(last));
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('on a PostgreSQL server: runs and prints how long it took, without recording', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' }, async () => {
    const database = await createServerDatabase();
    try {
      const run = await divert(['upkeep'], { DATABASE_URL: database.url });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, UPKEEP_LINE);
      const handle = await openServerDatabase(database.url, 1);
      try {
        assert.equal(await lastUpkeep(handle.db), null);
      } finally {
        await handle.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('divert serve on the embedded database', () => {
  test('keeps the database up in the background once listening, prints its line, and still stops cleanly', async () => {
    const dataDir = tempDir();
    const server = await startServer({ DIVERT_DATA_DIR: dataDir, DIVERT_SEED_PROFILE: 'none' });
    try {
      const deadline = Date.now() + 30_000;
      while (!UPKEEP_LINE.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const output = server.output();
      assert.match(output, UPKEEP_LINE);
      assert.ok(output.indexOf('Divert is running at') < output.search(UPKEEP_LINE), 'after listening');
      assert.equal(await server.stop('SIGTERM'), 0);
      const handle = await openEmbeddedDatabase(dataDir);
      try {
        assert.notEqual(await lastUpkeep(handle.db), null);
      } finally {
        await handle.close();
      }
    } finally {
      await server.stop('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
