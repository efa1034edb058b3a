// Opens the database: a PostgreSQL server when DATABASE_URL is set, otherwise the embedded engine.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { PGliteDialect } from './pglite-dialect.js';
import { typeParsers } from './type-parsers.js';
import { preparingPool, USES_PER_CONNECTION } from './prepared-statements.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { Database } from './schema.js';
import { DatabaseStartError } from './errors.js';
import { listenEmbedded, listenOnServer, type Listener, type NotificationHandlers } from './notifications.js';

export { DatabaseStartError };

export type Engine = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  engine: Engine;
  /** Closes the database (and releases the data folder's lock), and stops its listeners. */
  close: () => Promise<void>;
  /** Listens for what is announced on a channel by everything using the database (see notifications). */
  listen?: (channel: string, handlers: NotificationHandlers) => Listener;
};


const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const parser = typeParsers[oid];
    return parser ?? (pg.types.getTypeParser as (oid: number, format?: string) => (value: string) => unknown)(oid, format);
  },
};

function describeServer(url: string): string {
  const u = new URL(url);
  return `${u.hostname || u.searchParams.get('host') || 'localhost'}:${u.port || '5432'}${u.pathname}`;
}

function serverErrorLine(error: unknown, url: string): string {
  const where = describeServer(url);
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Cannot reach the PostgreSQL server at ${where}: connection refused. Start the server, or fix DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot find the PostgreSQL server's host in DATABASE_URL (${where}). Fix the host name.`;
    case 'ETIMEDOUT':
      return `The PostgreSQL server at ${where} did not answer in time. Check it is running and reachable.`;
    case '28P01':
    case '28000':
      return `The PostgreSQL server at ${where} refused the user or password in DATABASE_URL. Fix them.`;
    case '3D000':
      return `The database in DATABASE_URL (${where}) does not exist. Create it (createdb), or fix the name.`;
    default:
      return `Cannot open the PostgreSQL server at ${where}: ${e.message ?? String(error)}`;
  }
}

export async function openServerDatabase(url: string, poolSize = 10): Promise<DatabaseHandle> {
  // JIT compilation costs more than it saves on these short queries (over 100 ms on a bad plan).
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    maxUses: USES_PER_CONNECTION,
    types: pgTypes,
    options: '-c jit=off',
  });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseStartError(serverErrorLine(error, url));
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return handleWithListeners(db, 'postgres', (channel, handlers) => listenOnServer(url, channel, handlers), () => undefined);
}

/** A handle whose close stops its listeners before closing the database. */
function handleWithListeners(db: Kysely<Database>, engine: Engine, listen: NonNullable<DatabaseHandle['listen']>, onClose: () => void): DatabaseHandle {
  const listeners: Listener[] = [];
  return {
    db,
    engine,
    close: async () => {
      await Promise.all(listeners.splice(0).map((l) => l.close()));
      await db.destroy();
      onClose();
    },
    listen: (channel, handlers) => {
      const listener = listen(channel, handlers);
      listeners.push(listener);
      return listener;
    },
  };
}

export async function openEmbeddedClient(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  const client = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm, fuzzystrmatch },
    parsers: typeParsers,
  });
  await client.waitReady;
  return client;
}

export async function openEmbeddedDatabase(dataDir: string): Promise<DatabaseHandle> {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new DatabaseStartError(`Cannot create the data folder ${dataDir}: ${(error as Error).message}. Set DIVERT_DATA_DIR to a folder you can write to.`);
  }
  const release = acquireDataDirLock(dataDir);
  let client: PGlite;
  try {
    client = await openEmbeddedClient({ dataDir: path.join(dataDir, 'pgdata') });
  } catch (error) {
    release();
    throw new DatabaseStartError(`Cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }
  return wrapEmbedded(client, release);
}

export function wrapEmbedded(client: PGlite, onClose: () => void = () => undefined): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return handleWithListeners(db, 'pglite', (channel, handlers) => listenEmbedded(client, channel, handlers), onClose);
}

export function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<DatabaseHandle> {
  return config.databaseUrl ? openServerDatabase(config.databaseUrl) : openEmbeddedDatabase(config.dataDir);
}
