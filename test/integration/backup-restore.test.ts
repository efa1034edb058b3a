// divert backup and divert restore on each engine: a seeded installation backed up, restored into an empty one,
// holds the same records; and every refusal is one clear line with exit code 1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { divert, type Run } from '../support/processes.js';
import { createServerDatabase, testEngines } from '../support/database.js';
import { openEmbeddedDatabase, openServerDatabase, type DatabaseHandle, type Engine } from '../../src/db/open.js';
import { BACKUP_MAGIC } from '../../src/services/backup/backup-file.js';

const MAIN_TABLES = [
  'service', 'site', 'partner_organisation', 'app_user', 'role_grant', 'audit_event', 'person', 'person_alias',
  'referral', 'screening', 'case_episode', 'contact', 'onward_referral', 'schema_migration',
] as const;

type Snapshot = { counts: Record<string, number>; person: unknown; soundAlike: number; auditLastHash: string };

async function snapshot(handle: DatabaseHandle): Promise<Snapshot> {
  const counts: Record<string, number> = {};
  for (const table of MAIN_TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db);
    counts[table] = Number(r.rows[0]!.n);
  }
  const person = (await sql<Record<string, unknown>>`select * from person order by id limit 1`.execute(handle.db)).rows[0];
  // The trigram index and its extension come back too: a fuzzy name search finds the same people.
  const name = String((person as { family_name: string }).family_name);
  const similar = await sql<{ n: number | string }>`select count(*) as n from person where lower(family_name) % lower(${name})`.execute(handle.db);
  const last = await sql<{ hash: string }>`select hash from audit_event order by id desc limit 1`.execute(handle.db);
  return { counts, person, soundAlike: Number(similar.rows[0]!.n), auditLastHash: last.rows[0]!.hash };
}

function assertOneLineFailure(run: Run, message: RegExp): void {
  assert.equal(run.code, 1, `exit code\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, message);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'a stack trace was printed');
}

type Installation = { env: Record<string, string>; open: () => Promise<DatabaseHandle>; drop: () => Promise<void> };

async function newInstallation(engine: Engine, root: string, name: string): Promise<Installation> {
  if (engine === 'pglite') {
    const dataDir = path.join(root, name);
    return { env: { DIVERT_DATA_DIR: dataDir }, open: () => openEmbeddedDatabase(dataDir), drop: async () => undefined };
  }
  const database = await createServerDatabase();
  return { env: { DATABASE_URL: database.url, DIVERT_DATA_DIR: path.join(root, name) }, open: () => openServerDatabase(database.url, 2), drop: database.drop };
}

for (const engine of testEngines()) {
  describe(`back-up and restore (${engine})`, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'divert-backup-test-'));
    const backupFile = path.join(root, 'installation.divert');
    let source: Installation;
    let target: Installation;
    let other: Installation;
    let before_: Snapshot;

    before(async () => {
      source = await newInstallation(engine, root, 'source');
      target = await newInstallation(engine, root, 'target');
      other = await newInstallation(engine, root, 'other');
      const seeded = await divert(['seed', '--profile', 'west-yorkshire'], source.env, 120_000);
      assert.equal(seeded.code, 0, seeded.stderr);
      const handle = await source.open();
      try {
        before_ = await snapshot(handle);
      } finally {
        await handle.close();
      }
    });

    after(async () => {
      await source?.drop();
      await target?.drop();
      await other?.drop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    test('backup writes one Divert backup file and says what it wrote', async () => {
      const run = await divert(['backup', '--out', backupFile], source.env, 120_000);
      assert.equal(run.code, 0, run.stderr);
      const engineName = engine === 'pglite' ? 'embedded PostgreSQL \\(PGlite\\)' : 'PostgreSQL server \\(pg_dump custom format\\)';
      assert.match(run.stdout, new RegExp(`^Wrote ${backupFile.replace(/[.]/g, '\\.')}: [0-9.]+ (KB|MB), ${engineName}, migration version ${before_.counts.schema_migration}\\.`));
      assert.equal(fs.readFileSync(backupFile).subarray(0, BACKUP_MAGIC.length + 1).toString(), `${BACKUP_MAGIC}\n`);
      assert.ok(!fs.existsSync(`${backupFile}.partial`));
    });

    test('an existing file is not replaced without --force', async () => {
      const size = fs.statSync(backupFile).size;
      assertOneLineFailure(await divert(['backup', '--out', backupFile], source.env), /already exists: choose another file, or add --force to replace it$/m);
      assert.equal(fs.statSync(backupFile).size, size);
    });

    test('restore into an empty installation finds the same records and an intact audit trail', async () => {
      const run = await divert(['restore', '--from', backupFile], target.env, 120_000);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`Migration version ${before_.counts.schema_migration}; the database is up to date\\.`));
      assert.match(run.stdout, new RegExp(`The audit trail is intact: ${before_.counts.audit_event} events checked\\.`));
      const handle = await target.open();
      try {
        const restored = await snapshot(handle);
        assert.ok(before_.counts.person! > 0 && before_.counts.referral! > 0, 'the seeded profile has people and referrals');
        assert.deepEqual(restored, before_);
      } finally {
        await handle.close();
      }
      const verified = await divert(['verify-audit'], target.env);
      assert.equal(verified.code, 0, verified.stderr);
    });

    test('restore refuses an installation that is not empty', async () => {
      const message = engine === 'pglite' ? /already holds a database: restore only into an empty installation/ : /already has \d+ table\(s\): restore only into an empty database/;
      assertOneLineFailure(await divert(['restore', '--from', backupFile], target.env), message);
      assertOneLineFailure(await divert(['restore', '--from', backupFile], source.env), message);
    });

    test('missing options, unreadable, foreign, damaged or other-engine files are refused in one line', async () => {
      assertOneLineFailure(await divert(['backup'], source.env), /^divert: --out is needed/);
      assertOneLineFailure(await divert(['restore'], other.env), /^divert: --from is needed/);
      assertOneLineFailure(await divert(['restore', '--from', path.join(root, 'absent.divert')], other.env), /Cannot read .*absent\.divert: there is no such file$/m);
      const foreign = path.join(root, 'notes.txt');
      fs.writeFileSync(foreign, 'PGDMP not ours\n');
      assertOneLineFailure(await divert(['restore', '--from', foreign], other.env), /notes\.txt is not a Divert backup/);
      const damaged = path.join(root, 'damaged.divert');
      const whole = fs.readFileSync(backupFile);
      fs.writeFileSync(damaged, whole.subarray(0, whole.length - 100));
      assertOneLineFailure(await divert(['restore', '--from', damaged], other.env), /damaged\.divert is damaged or incomplete/);
      const otherEngine = engine === 'pglite' ? { DATABASE_URL: 'postgres://divert@127.0.0.1:1/none' } : { DATABASE_URL: '', DIVERT_DATA_DIR: path.join(root, 'embedded') };
      assertOneLineFailure(await divert(['restore', '--from', backupFile], { ...other.env, ...otherEngine }), /is a backup of .* and this installation uses/);
      // Nothing was restored into the empty installation by any of these.
      if (engine === 'pglite') assert.ok(!fs.existsSync(path.join(other.env.DIVERT_DATA_DIR!, 'pgdata')));
      else {
        const handle = await other.open();
        try {
          const r = await sql<{ n: number | string }>`select count(*) as n from pg_catalog.pg_tables where schemaname = 'public'`.execute(handle.db);
          assert.equal(Number(r.rows[0]!.n), 0);
        } finally {
          await handle.close();
        }
      }
    });
  });
}
