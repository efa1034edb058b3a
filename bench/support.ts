// Helpers shared by the benchmarks that load a PostgreSQL server: connections, the divert command,
// timed load steps, secondary indexes dropped and rebuilt around a bulk load, percentiles.
import fs from 'node:fs';
import pg from 'pg';
import { divert } from '../test/support/processes.js';

export const log = (line: string) => console.log(line);
export const seconds = (since: number) => (performance.now() - since) / 1000;
export const round = (n: number) => Math.round(n * 10) / 10;

/** The server's URL with another database name. */
export function databaseUrl(baseUrl: string, dbName: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Runs `divert ARGS` against the database at dbUrl; throws with its output when it fails. */
export async function runDivert(dbUrl: string, args: string[]) {
  const run = await divert(args, { DATABASE_URL: dbUrl }, 300_000);
  if (run.code !== 0) throw new Error(`divert ${args.join(' ')} failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
}

export type LoadSteps = Array<{ step: string; seconds: number }>;

/** A timer for the steps of a load: each step is logged and kept for the results file. */
export function stepper(steps: LoadSteps) {
  return async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const value = await fn();
    steps.push({ step: name, seconds: seconds(t) });
    log(`  ${name}: ${seconds(t).toFixed(1)} s`);
    return value;
  };
}

/** Starts a load: a new, empty database, migrated and seeded with the west-yorkshire profile (its users and directory). */
export async function createSeededDatabase(admin: pg.Client, baseUrl: string, dbName: string, step: ReturnType<typeof stepper>): Promise<void> {
  const dbUrl = databaseUrl(baseUrl, dbName);
  await step('create database', async () => {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName}`);
  });
  await step('divert migrate', () => runDivert(dbUrl, ['migrate']));
  await step('divert seed --profile west-yorkshire', () => runDivert(dbUrl, ['seed', '--profile', 'west-yorkshire']));
}

/** The comment a benchmark leaves on its database to say which data it holds (null when there is no such database). */
export async function databaseMarker(admin: pg.Client, dbName: string): Promise<string | null | undefined> {
  const row = (await admin.query<{ comment: string | null }>("select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1", [dbName])).rows[0];
  return row ? row.comment : undefined;
}

/** Indexes on these tables that back no constraint: dropped while loading and built again after, which is several times faster. */
export async function secondaryIndexes(client: pg.Client, tables: string[]) {
  return (await client.query<{ name: string; def: string; table: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def, c.relname as table
     from pg_index i join pg_class c on c.oid = i.indrelid
     where c.relnamespace = 'public'::regnamespace and c.relname = any($1::text[])
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by pg_relation_size(i.indrelid) desc, i.indexrelid`,
    [tables],
  )).rows;
}

/** Builds the indexes two at a time (two cores), GIN indexes first as their builds are single-threaded and long. */
export async function buildIndexes(dbUrl: string, defs: Array<{ name: string; def: string }>, steps: LoadSteps) {
  const queue = [...defs].sort((a, b) => Number(/using gin/i.test(b.def)) - Number(/using gin/i.test(a.def)));
  const worker = async () => {
    const client = await connect(dbUrl);
    await client.query("set maintenance_work_mem = '512MB'");
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const t = performance.now();
        await client.query(next.def);
        steps.push({ step: `  index ${next.name}`, seconds: seconds(t) });
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The server's version and the settings that shape query plans, for the results file. */
export async function serverInfo(baseUrl: string) {
  const client = await connect(baseUrl);
  try {
    const version = (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    const settings = Object.fromEntries(
      (await client.query<{ name: string; setting: string; unit: string | null }>(
        "select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_parallel_workers_per_gather')",
      )).rows.map((r) => [r.name, `${r.setting}${r.unit ? ` ${r.unit}` : ''}`]),
    );
    return { version, settings };
  } finally {
    await client.end();
  }
}

/** A process's memory now and at its peak (MiB), from /proc; null where it cannot be read. */
export function memoryMiB(pid: number): { rss: number | null; peak: number | null } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const read = (key: string) => {
      const kb = Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1]);
      return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
    };
    return { rss: read('VmRSS'), peak: read('VmHWM') };
  } catch {
    return { rss: null, peak: null };
  }
}
