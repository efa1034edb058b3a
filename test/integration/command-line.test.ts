// The divert command as an operator meets it: help, clear one-line failures, first and later starts, clean shutdown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { divert, startServer, type Server } from '../support/processes.js';
import { createServerDatabase } from '../support/database.js';

const noStackTrace = (text: string) => assert.doesNotMatch(text, /^\s+at /m, `a stack trace was printed:\n${text}`);
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'divert-cli-'));

describe('divert command line', () => {
  test('every command has --help', async () => {
    for (const command of [['serve'], ['migrate'], ['seed'], ['user', 'add'], ['verify-audit'], ['backup'], ['restore'], ['quarterly-return'], ['upkeep']]) {
      const run = await divert([...command, '--help']);
      assert.equal(run.code, 0, command.join(' '));
      assert.match(run.stdout, new RegExp(`^Usage: divert ${command.join(' ')}`), command.join(' '));
    }
    const unknown = await divert(['frobnicate']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  test('wrong configuration stops with one clear line, not a stack trace', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ DATABASE_URL: 'not a url' }, /^divert: DATABASE_URL is not a valid URL: write it as postgres:\/\/user:password@host:5432\/database/],
      [{ DATABASE_URL: 'mysql://localhost/db' }, /^divert: DATABASE_URL must start with postgres:\/\//],
      [{ DATABASE_URL: 'postgres://divert@127.0.0.1:1/divert' }, /^divert: Cannot reach the PostgreSQL server at 127\.0\.0\.1:1\/divert: connection refused\. Start the server, or fix DATABASE_URL\./],
      [{ PORT: 'eighty' }, /^divert: PORT="eighty" must be a whole number\./],
    ];
    for (const [env, message] of cases) {
      const run = await divert(['serve'], { DIVERT_DATA_DIR: tempDir(), ...env });
      assert.equal(run.code, 1, JSON.stringify(env));
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      noStackTrace(run.stderr);
    }
  });

  describe('serving on the embedded database', () => {
    const dataDir = tempDir();
    let server: Server;
    before(async () => {
      server = await startServer({ DIVERT_DATA_DIR: dataDir });
    });
    after(async () => {
      await server?.stop('SIGKILL');
    });

    test('a first start loads the demo data and prints the demo accounts', async () => {
      assert.match(server.output(), /First start: loading the west-yorkshire demo data/);
      assert.match(server.output(), /admin\s+Administrator/);
      const health = await (await fetch(`http://127.0.0.1:${server.port}/health`)).json();
      assert.deepEqual(health, { status: 'ok', engine: 'pglite', migrations: { current: true, pending: [] } });
    });

    test('a second process on the same data folder is refused', async () => {
      const run = await divert(['serve'], { DIVERT_DATA_DIR: dataDir });
      assert.equal(run.code, 1);
      assert.match(run.stderr, new RegExp(`^divert: The data folder .* is in use by another Divert process \\(pid ${server.child.pid}\\)\\. Stop that process, or set DIVERT_DATA_DIR to another folder\\.`));
      noStackTrace(run.stderr);
    });

    test('a port already in use is named', async () => {
      const run = await divert(['serve'], { DIVERT_DATA_DIR: tempDir(), PORT: String(server.port), HOST: '127.0.0.1', DIVERT_SEED_PROFILE: 'none' });
      assert.equal(run.code, 1);
      assert.match(run.stderr, new RegExp(`^divert: Port ${server.port} is already in use by another program\\. Stop that program, or set PORT to another number\\.`));
      noStackTrace(run.stderr);
    });

    test('SIGTERM finishes cleanly, releases the folder, and a later start keeps the data without seeding again', async () => {
      assert.equal(await server.stop('SIGTERM'), 0);
      assert.match(server.output(), /SIGTERM: finishing requests and closing the database/);
      assert.equal(fs.existsSync(path.join(dataDir, 'divert.lock')), false);
      server = await startServer({ DIVERT_DATA_DIR: dataDir });
      assert.doesNotMatch(server.output(), /First start/);
      await server.stop('SIGINT');
      const verify = await divert(['verify-audit'], { DIVERT_DATA_DIR: dataDir });
      assert.equal(verify.code, 0);
      assert.match(verify.stdout, /^The audit trail is intact: \d+ events checked\./);
    });

    test('migrate, seed and user add work on the folder, with clear refusals', async () => {
      assert.match((await divert(['migrate'], { DIVERT_DATA_DIR: dataDir })).stdout, /up to date/);
      const seedAgain = await divert(['seed', '--profile', 'london'], { DIVERT_DATA_DIR: dataDir });
      assert.equal(seedAgain.code, 1);
      assert.match(seedAgain.stderr, /already has services: demo data goes only into an empty database/);
      const noProfile = await divert(['seed', '--profile', 'atlantis'], { DIVERT_DATA_DIR: dataDir });
      assert.match(noProfile.stderr, /There is no demo profile called atlantis: choose one of west-yorkshire, london/);
      const added = await divert(['user', 'add', '--username', 'night.nurse', '--name', 'Noor Night', '--role', 'practitioner', '--service', 'calder-vale'], { DIVERT_DATA_DIR: dataDir });
      assert.equal(added.code, 0, added.stderr);
      assert.match(added.stdout, /Created night.nurse \(practitioner, Calder Vale/);
      assert.match(added.stdout, /Temporary password: \S{12,}/);
      const again = await divert(['user', 'add', '--username', 'night.nurse', '--name', 'Noor Night', '--role', 'practitioner', '--service', 'calder-vale'], { DIVERT_DATA_DIR: dataDir });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /That username is taken/);
      const badRole = await divert(['user', 'add', '--username', 'x.y.z', '--name', 'Xavier', '--role', 'wizard'], { DIVERT_DATA_DIR: dataDir });
      assert.match(badRole.stderr, /--role must be one of practitioner, support_worker/);
    });
  });

  test('the london profile seeds into a new folder from the command line', async () => {
    const run = await divert(['seed', '--profile', 'london'], { DIVERT_DATA_DIR: tempDir() });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Loaded 1 services, 18 sites/);
  });

  test('DATABASE_URL switches to a PostgreSQL server with no other change', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' }, async () => {
    const database = await createServerDatabase();
    try {
      assert.match((await divert(['migrate'], { DATABASE_URL: database.url })).stdout, /^Applied \d+ migration\(s\): 0001_platform\.sql/);
      assert.equal((await divert(['seed', '--profile', 'west-yorkshire'], { DATABASE_URL: database.url })).code, 0);
      const server = await startServer({ DATABASE_URL: database.url });
      const health = await (await fetch(`http://127.0.0.1:${server.port}/health`)).json();
      assert.equal((health as { engine: string }).engine, 'postgres');
      assert.equal(await server.stop(), 0);
      assert.equal((await divert(['verify-audit'], { DATABASE_URL: database.url })).code, 0);
    } finally {
      await database.drop();
    }
  });
});
