// Test databases on both engines, each test file its own, copied from a template that is migrated and seeded once.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { openEmbeddedClient, openServerDatabase, wrapEmbedded, type DatabaseHandle, type Engine } from '../../src/db/open.js';
import { migrate } from '../../src/db/migrate.js';
import { createServices } from '../../src/services/index.js';
import { systemClock } from '../../src/services/clock.js';
import { seedProfile } from '../../src/services/seed/seed.js';

export const TEMPLATE_PROFILE = 'west-yorkshire';
const CACHE_DIR = path.resolve('.test-cache');
const PGLITE_TEMPLATE = path.join(CACHE_DIR, 'pglite-template.tar.gz');
const SERVER_TEMPLATE_DB = 'divert_test_template';

/** The engines this run tests on: always the embedded one, and a server when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const FINGERPRINT = path.join(CACHE_DIR, 'pglite-template.fingerprint');
const REUSE_HOURS = 6;

/** What the template is built from: the migrations and the demo data code. */
function templateFingerprint(): string {
  const hash = crypto.createHash('sha256');
  for (const dir of ['src/db/migrations', 'src/services/seed']) {
    for (const name of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
      if (fs.statSync(path.join(dir, name)).isFile()) hash.update(name).update(fs.readFileSync(path.join(dir, name)));
    }
  }
  return hash.digest('hex');
}

/**
 * With TEST_REUSE_TEMPLATE=1 (local runs on the embedded engine only), a template built in the last few hours
 * from the same migrations and demo data code is used again rather than rebuilt.
 */
function reusableTemplate(): boolean {
  if (!process.env.TEST_REUSE_TEMPLATE || process.env.TEST_DATABASE_URL || !fs.existsSync(PGLITE_TEMPLATE) || !fs.existsSync(FINGERPRINT)) return false;
  const ageHours = (Date.now() - fs.statSync(PGLITE_TEMPLATE).mtimeMs) / 3_600_000;
  return ageHours < REUSE_HOURS && fs.readFileSync(FINGERPRINT, 'utf8') === templateFingerprint();
}

async function fill(handle: DatabaseHandle): Promise<void> {
  await migrate(handle.db);
  await seedProfile(createServices(handle, systemClock), TEMPLATE_PROFILE, () => undefined);
}

/** Builds the templates (run once before the suite by scripts/test.ts; idempotent). */
export async function buildTemplates(): Promise<void> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  if (reusableTemplate()) return;
  const client = await openEmbeddedClient({});
  const handle = wrapEmbedded(client);
  await fill(handle);
  const dump = await client.dumpDataDir('gzip');
  // Written aside and renamed, so a run reading the template never sees half of it.
  const partial = `${PGLITE_TEMPLATE}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, PGLITE_TEMPLATE);
  fs.writeFileSync(FINGERPRINT, templateFingerprint());
  await handle.close();
  if (process.env.TEST_DATABASE_URL) {
    await adminQuery(`drop database if exists ${SERVER_TEMPLATE_DB}`);
    await adminQuery(`create database ${SERVER_TEMPLATE_DB}`);
    const server = await openServerDatabase(serverUrl(SERVER_TEMPLATE_DB), 2);
    await fill(server);
    await server.close();
  }
}

let templateBuilt: Promise<void> | null = null;
function ensureTemplates(): Promise<void> {
  if (fs.existsSync(PGLITE_TEMPLATE) && process.env.DIVERT_TEST_TEMPLATES_READY) return Promise.resolve();
  templateBuilt ??= buildTemplates();
  return templateBuilt;
}

/** A fresh database with the demo profile, on the given engine; close() throws it away. */
export async function openTestDatabase(engine: Engine): Promise<DatabaseHandle> {
  await ensureTemplates();
  if (engine === 'pglite') {
    const blob = new Blob([fs.readFileSync(PGLITE_TEMPLATE)]);
    return wrapEmbedded(await openEmbeddedClient({ loadDataDir: blob }));
  }
  const name = `divert_test_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name} template ${SERVER_TEMPLATE_DB}`);
  const handle = await openServerDatabase(serverUrl(name), 5);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(`drop database if exists ${name}`);
    },
  };
}

/** A new, empty database on the test server: its URL, and how to drop it. */
export async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `divert_test_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  return { url: serverUrl(name), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

/** An empty database (no migrations) on the given engine, for tests of migrating itself. */
export async function openEmptyDatabase(engine: Engine): Promise<DatabaseHandle> {
  if (engine === 'pglite') return wrapEmbedded(await openEmbeddedClient({}));
  const database = await createServerDatabase();
  const handle = await openServerDatabase(database.url, 5);
  return { ...handle, close: async () => { await handle.close(); await database.drop(); } };
}
