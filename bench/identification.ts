// Identification at scale: today's list and person search with 500,000 people and 1,000,000 referrals
// on a PostgreSQL server (issue 3; target under 100 ms each). Prints a table; writes JSON to bench/results/.
//
//   BENCH_DATABASE_URL  a server whose user may create databases (default postgres://postgres@127.0.0.1:55433/postgres);
//                       the data goes into the database divert_bench_identification, kept between runs
//   BENCH_RELOAD=1      load the data again even if the database already holds it
//   BENCH_SECONDS       seconds per measurement (default 10); BENCH_PEOPLE, BENCH_REFERRALS change the volume
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect } from 'kysely';
import { startServer } from '../test/support/processes.js';
import { signInOverHttp } from './http-sign-in.js';
import { typeParsers } from '../src/db/type-parsers.js';
import type { Database } from '../src/db/schema.js';
import type { AuditService } from '../src/services/audit.js';
import { systemClock } from '../src/services/clock.js';
import { createPersonRecords } from '../src/services/people/person-records.js';
import { createReferrals } from '../src/services/referrals/referrals.js';
import { startOfLondonDay } from '../src/domain/london-time.js';
import type { Actor } from '../src/domain/actor.js';
import {
  DATA_VERSION, insertAliases, insertPastReferrals, insertPeople, prepareLoadSession, readPlan, refreshTodaySlice, todaySliceSize,
} from './identification-data.js';
import { createSiteDirectory } from '../src/services/directory/site-directory.js';
import { buildIndexes, connect, createSeededDatabase, databaseMarker, databaseUrl, log, percentile, round, runDivert, secondaryIndexes, seconds, serverInfo, stepper, type LoadSteps } from './support.js';

const BASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:55433/postgres';
const DB_NAME = 'divert_bench_identification';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500_000);
const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = [1, 10];
const TARGET_MS = 100;
const MARKER = `${DATA_VERSION} people=${PEOPLE} referrals=${REFERRALS}`;

const dbUrl = databaseUrl(BASE_URL, DB_NAME);
const londonDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

// ---------------------------------------------------------------------------------------------
// The database: reused when it already holds this generator's data, otherwise made and loaded.
// ---------------------------------------------------------------------------------------------

type LoadReport = { reused: boolean; steps: LoadSteps; totalSeconds: number };

async function existingData(admin: pg.Client): Promise<string | null> {
  const comment = await databaseMarker(admin, DB_NAME);
  if (comment === undefined) return 'missing';
  if (comment !== MARKER) return `marked "${comment ?? ''}", not "${MARKER}"`;
  const client = await connect(dbUrl);
  try {
    const counts = (await client.query<{ people: string; referrals: string }>('select (select count(*) from person) as people, (select count(*) from referral) as referrals')).rows[0]!;
    if (Number(counts.people) < PEOPLE || Number(counts.referrals) < REFERRALS * 0.999) return `holds ${counts.people} people and ${counts.referrals} referrals`;
  } finally {
    await client.end();
  }
  return null;
}

const cli = (args: string[]) => runDivert(dbUrl, args);

async function loadDatabase(admin: pg.Client, why: string): Promise<LoadReport> {
  const steps: LoadSteps = [];
  const started = performance.now();
  const step = stepper(steps);
  log(`Loading ${DB_NAME} (${why}) ...`);
  await createSeededDatabase(admin, BASE_URL, DB_NAME, step);
  const client = await connect(dbUrl);
  try {
    await prepareLoadSession(client);
    const plan = await readPlan(client, PEOPLE);
    const indexes = await secondaryIndexes(client, ['person', 'person_alias', 'referral']);
    for (const index of indexes) await client.query(`drop index ${index.name}`);
    const now = new Date();
    // Two loaders at once, one per half of the numbers: the generating expressions are the cost, and there are two cores.
    const inHalves = async (total: number, load: (c: pg.Client, first: number, last: number) => Promise<number>) => {
      const half = Math.ceil(total / 2);
      const second = await connect(dbUrl);
      try {
        await prepareLoadSession(second);
        const counts = await Promise.all([load(client, 1, half), load(second, half + 1, total)]);
        return counts[0]! + counts[1]!;
      } finally {
        await second.end();
      }
    };
    const people = await step(`insert ${PEOPLE.toLocaleString('en-GB')} people`, () => inHalves(PEOPLE, (c, first, last) => insertPeople(c, plan, first, last, londonDate(now))));
    if (people !== PEOPLE) throw new Error(`Inserted ${people} people, expected ${PEOPLE}`);
    const aliases = await step('insert aliases', () => insertAliases(client, PEOPLE));
    log(`    (${aliases.toLocaleString('en-GB')} aliases)`);
    const past = REFERRALS - todaySliceSize(plan);
    const endAt = new Date(startOfLondonDay(now).getTime() - 4 * 3_600_000);
    const referrals = await step(`insert ${past.toLocaleString('en-GB')} past referrals`, () => inHalves(past, (c, first, last) => insertPastReferrals(c, plan, first, last, endAt)));
    if (referrals !== past) throw new Error(`Inserted ${referrals} referrals, expected ${past}`);
    await step(`build ${indexes.length} indexes (two at a time)`, () => buildIndexes(dbUrl, indexes, steps));
    await step('check references (the load skipped foreign-key triggers)', async () => {
      const bad = (await client.query<{ n: string }>(
        `select (select count(*) from referral r where r.person_id is not null and not exists (select 1 from person p where p.id = r.person_id and p.service_id = r.service_id))
              + (select count(*) from referral r where not exists (select 1 from site s where s.id = r.site_id and s.service_id = r.service_id))
              + (select count(*) from person_alias a where not exists (select 1 from person p where p.id = a.person_id and p.service_id = a.service_id)) as n`,
      )).rows[0]!;
      if (Number(bad.n) !== 0) throw new Error(`${bad.n} loaded rows refer to a person or site that does not match`);
    });
    await client.query("set session_replication_role = 'origin'").catch(() => undefined);
    await step('vacuum analyze', () => client.query('vacuum (analyze) person, person_alias, referral'));
    await client.query('checkpoint');
  } finally {
    await client.end();
  }
  await admin.query(`comment on database ${DB_NAME} is '${MARKER}'`);
  return { reused: false, steps, totalSeconds: seconds(started) };
}

async function ensureDatabase(): Promise<LoadReport> {
  const admin = await connect(BASE_URL);
  try {
    const problem = process.env.BENCH_RELOAD === '1' ? 'BENCH_RELOAD=1' : await existingData(admin);
    if (problem) return await loadDatabase(admin, problem);
    const t = performance.now();
    await cli(['migrate']);
    log(`Reusing ${DB_NAME} (${MARKER}); migrations applied in ${seconds(t).toFixed(1)} s.`);
    return { reused: true, steps: [{ step: 'divert migrate', seconds: seconds(t) }], totalSeconds: seconds(t) };
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The queries the pages run, taken from the services themselves, and their plans.
// ---------------------------------------------------------------------------------------------

type Captured = { sql: string; parameters: readonly unknown[] };

async function captureQueries(actor: Actor, siteId: string, searches: string[]) {
  const captured: Captured[] = [];
  const pool = new pg.Pool({
    connectionString: dbUrl,
    max: 1,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => typeParsers[oid] ?? (pg.types.getTypeParser as (o: number, f?: string) => (v: string) => unknown)(oid, format) },
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  // The audit trail is left out: only the read queries are wanted here.
  const audit = { record: async () => undefined } as unknown as AuditService;
  const people = createPersonRecords(db, systemClock, audit);
  const referrals = createReferrals(db, systemClock, audit, people, createSiteDirectory(db, systemClock, audit));
  const origin = { ipAddress: '127.0.0.1', userAgent: 'bench' };
  const out: Record<string, Captured> = {};
  try {
    captured.length = 0;
    await referrals.todaysList(actor, siteId, origin);
    const today = captured.find((q) => /from "referral"/.test(q.sql));
    if (today) out["today's list"] = today;
    for (const text of searches) {
      captured.length = 0;
      await people.search(actor, { text }, origin);
      const search = captured.find((q) => /from "person"/.test(q.sql));
      if (search) out[`search "${text}"`] = search;
    }
  } finally {
    await db.destroy();
  }
  return out;
}

type Explained = { name: string; sql: string; parameters: readonly unknown[]; planningMs: number; firstMs: number; bestMs: number; plan: string };

async function explainAll(queries: Record<string, Captured>): Promise<Explained[]> {
  const client = await connect(dbUrl);
  const results: Explained[] = [];
  try {
    for (const [name, q] of Object.entries(queries)) {
      const runs: Array<{ exec: number; planning: number; plan: string }> = [];
      for (let i = 0; i < 4; i++) {
        const res = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.parameters as unknown[]);
        const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n');
        runs.push({ exec: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1]), planning: Number(/Planning Time: ([\d.]+)/.exec(plan)?.[1]), plan });
      }
      const best = runs.reduce((a, b) => (b.exec < a.exec ? b : a));
      results.push({ name, sql: q.sql, parameters: q.parameters, planningMs: best.planning, firstMs: runs[0]!.exec, bestMs: best.exec, plan: runs[runs.length - 1]!.plan });
    }
  } finally {
    await client.end();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Load over HTTP, with every response time kept so p95 is a true 95th percentile.
// ---------------------------------------------------------------------------------------------

type Measured = { connections: number; requests: number; requestsPerSecond: number; p50: number; p95: number; p99: number; max: number; errors: number; non2xx: number };

function measure(url: string, cookie: string, connections: number, duration: number): Promise<Measured> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers: { cookie } }, (error, result) => {
      if (error) return reject(error);
      times.sort((a, b) => a - b);
      const at = (p: number) => percentile(times, p);
      resolve({
        connections,
        requests: times.length,
        requestsPerSecond: Math.round((times.length / duration) * 10) / 10,
        p50: round(at(50)),
        p95: round(at(95)),
        p99: round(at(99)),
        max: round(times[times.length - 1] ?? NaN),
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
      });
    });
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
}

function readRss(pid: number): number | null {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------

const load = await ensureDatabase();
const client = await connect(dbUrl);
let refreshed: { rows: number; waiting: number };
let ids: { serviceId: string; siteId: string; siteName: string; userId: string; grantId: string; nhs: string; counts: Record<string, number>; similar: Record<string, number> };
try {
  const plan = await readPlan(client, PEOPLE);
  const now = new Date();
  const t = performance.now();
  refreshed = await refreshTodaySlice(client, plan, startOfLondonDay(now), now);
  await client.query('analyze referral');
  log(`Today's referrals made again: ${refreshed.rows} (${refreshed.waiting} waiting) in ${seconds(t).toFixed(1)} s.`);
  const site = (await client.query<{ id: string; name: string; service_id: string }>(
    "select s.id, s.name, s.service_id from site s join service v on v.id = s.service_id where v.code = 'calder-vale' and s.site_kind = 'custody_suite' order by s.code limit 1",
  )).rows[0]!;
  const grant = (await client.query<{ user_id: string; id: string }>(
    "select g.user_id, g.id from role_grant g join app_user u on u.id = g.user_id where u.username = 'practitioner' and g.service_id = $1",
    [site.service_id],
  )).rows[0]!;
  const nhs = (await client.query<{ nhs_number: string }>(
    'select nhs_number from person where service_id = $1 and nhs_number is not null order by nhs_number offset $2 limit 1',
    [site.service_id, Math.floor(PEOPLE / 20)],
  )).rows[0]!.nhs_number;
  const counts = (await client.query<Record<string, string>>(
    `select (select count(*) from person) as people, (select count(*) from person_alias) as aliases, (select count(*) from referral) as referrals,
            (select count(*) from person where service_id = $1) as people_in_service,
            (select count(*) from person where nhs_number is not null) as with_nhs_number,
            (select count(*) from referral where referral_state in ('new', 'being_screened')) as waiting_referrals,
            pg_size_pretty(pg_database_size(current_database())) as database_size`,
    [site.service_id],
  )).rows[0]!;
  // How many of the service's people the name searches could be aiming at: the spelling tolerance has work to do.
  const similar = (await client.query<Record<string, string>>(
    `select count(*) filter (where lower(family_name) in ('smith', 'smyth', 'smythe')) as "smith/smyth/smythe",
            count(*) filter (where lower(family_name) = 'smyth') as smyth,
            count(*) filter (where search_name in ('jon smith', 'john smith', 'jon smyth', 'john smyth')) as "jon/john smith/smyth"
     from person where service_id = $1`,
    [site.service_id],
  )).rows[0]!;
  ids = {
    serviceId: site.service_id, siteId: site.id, siteName: site.name, userId: grant.user_id, grantId: grant.id, nhs,
    counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number.isNaN(Number(v)) ? (v as unknown as number) : Number(v)])),
    similar: Object.fromEntries(Object.entries(similar).map(([k, v]) => [k, Number(v)])),
  };
} finally {
  await client.end();
}

const nhsSpaced = `${ids.nhs.slice(0, 3)} ${ids.nhs.slice(3, 6)} ${ids.nhs.slice(6)}`;
const searches = ['smyth', 'jon smith', nhsSpaced];
const actor: Actor = {
  userId: ids.userId, username: 'practitioner', displayName: 'Hannah Okafor',
  grant: { id: ids.grantId, role: 'practitioner', serviceId: ids.serviceId, siteId: null, partnerOrganisationId: null },
};
const explained = await explainAll(await captureQueries(actor, ids.siteId, searches));

const server = await startServer({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }, 120_000);
const endpoints: Array<{ name: string; path: string; resultPattern: RegExp }> = [
  { name: "today's list (custody suite)", path: `/sites/${ids.siteId}/today`, resultPattern: /href="\/referrals\/[0-9a-f-]{36}"/g },
  { name: 'search "smyth"', path: '/people?q=smyth', resultPattern: /href="\/people\/[0-9a-f-]{36}"/g },
  { name: 'search "jon smith"', path: `/people?q=${encodeURIComponent('jon smith')}`, resultPattern: /href="\/people\/[0-9a-f-]{36}"/g },
  { name: `search NHS number ${nhsSpaced}`, path: `/people?q=${encodeURIComponent(nhsSpaced)}`, resultPattern: /href="\/people\/[0-9a-f-]{36}"/g },
];
const http: Array<{ name: string; path: string; shown: number; firstMs: number; runs: Measured[] }> = [];
let rssMiB: number | null = null;
try {
  const base = `http://127.0.0.1:${server.port}`;
  const cookie = await signInOverHttp(base, 'practitioner');
  for (const endpoint of endpoints) {
    const t = performance.now();
    const res = await fetch(base + endpoint.path, { headers: { cookie } });
    const html = await res.text();
    const firstMs = round(performance.now() - t);
    if (res.status !== 200) throw new Error(`${endpoint.path} answered ${res.status}`);
    const shown = html.match(endpoint.resultPattern)?.length ?? 0;
    for (let i = 0; i < 20; i++) await (await fetch(base + endpoint.path, { headers: { cookie } })).arrayBuffer();
    const runs: Measured[] = [];
    for (const connections of CONNECTIONS) {
      log(`Measuring ${endpoint.name} at ${connections} connection${connections === 1 ? '' : 's'} for ${SECONDS} s ...`);
      runs.push(await measure(base + endpoint.path, cookie, connections, SECONDS));
    }
    http.push({ name: endpoint.name, path: endpoint.path, shown, firstMs, runs });
  }
  rssMiB = readRss(server.child.pid!);
} finally {
  await server.stop();
}

// ---------------------------------------------------------------------------------------------
// The report.
// ---------------------------------------------------------------------------------------------

const { version: pgVersion, settings: pgSettings } = await serverInfo(BASE_URL);

console.log(`\nDivert identification benchmark: PostgreSQL ${pgVersion}, ${os.cpus().length} cores, Node ${process.version}`);
console.log(`Data: ${ids.counts.people?.toLocaleString('en-GB')} people (${ids.counts.people_in_service?.toLocaleString('en-GB')} in Calder Vale; ${ids.counts.with_nhs_number?.toLocaleString('en-GB')} with an NHS number; ${ids.counts.aliases?.toLocaleString('en-GB')} aliases), ` +
  `${ids.counts.referrals?.toLocaleString('en-GB')} referrals (${ids.counts.waiting_referrals} waiting), database ${String(ids.counts.database_size)}`);
console.log(`Similar names in Calder Vale: ${Object.entries(ids.similar).map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`).join('; ')}`);
if (load.reused) console.log(`Load: reused the existing database (${load.totalSeconds.toFixed(1)} s to check and migrate)`);
else {
  console.log(`Load: ${load.totalSeconds.toFixed(1)} s in all`);
  for (const s of load.steps) console.log(`  ${s.step.padEnd(60)} ${s.seconds.toFixed(1).padStart(6)} s`);
}
console.log(`Today's list at ${ids.siteName}: ${refreshed.rows} referrals made for today across all sites, ${refreshed.waiting} waiting`);

const head = ['page', 'conns', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'shown', 'target'];
const table: string[][] = [];
for (const h of http) {
  for (const r of h.runs) {
    const target = r.connections === 1 ? (r.p95 <= TARGET_MS ? 'met' : 'MISSED') : '';
    table.push([h.name, String(r.connections), String(r.requests), String(r.requestsPerSecond), String(r.p50), String(r.p95), String(r.p99), String(r.max), String(r.errors + r.non2xx), String(h.shown), target]);
  }
}
const widths = head.map((c, i) => Math.max(c.length, ...table.map((row) => row[i]!.length)));
const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`\nHTTP, ${SECONDS} s per row (target: p95 under ${TARGET_MS} ms at 1 connection; "shown" = results on the page)`);
console.log(line(head));
for (const row of table) console.log(line(row));
if (rssMiB) console.log(`Application memory (RSS) after load: ${rssMiB} MiB`);

console.log('\nServer-side query time (EXPLAIN ANALYZE of the SQL the service sends, first run and best of 4)');
for (const e of explained) console.log(`  ${e.name.padEnd(36)} first ${e.firstMs.toFixed(2).padStart(9)} ms  best ${e.bestMs.toFixed(2).padStart(9)} ms  planning ${e.planningMs.toFixed(2)} ms`);
for (const e of explained) {
  if (/NHS/.test(e.name) || /^search "\d/.test(e.name)) continue;
  console.log(`\n--- ${e.name}: plan (last run) ---\n${e.plan}`);
}

const missed = http.filter((h) => (h.runs.find((r) => r.connections === 1)?.p95 ?? 0) > TARGET_MS).map((h) => h.name);
console.log(missed.length ? `\nTarget missed at 1 connection: ${missed.join('; ')}` : '\nEvery page met the target at 1 connection.');
// What the slow plans show, read off the plan text so that a change in src/ shows here without editing this file.
for (const e of explained.filter((x) => x.bestMs > TARGET_MS / 2)) {
  const notes: string[] = [];
  const removed = [...e.plan.matchAll(/Rows Removed by Filter: (\d+)/g)].reduce((t, m) => t + Number(m[1]), 0);
  if (removed > 10_000) notes.push(`${removed.toLocaleString('en-GB')} rows read and thrown away by a row-by-row filter`);
  if (/Filter:.*SubPlan/.test(e.plan)) notes.push('the name condition is an OR that includes a subquery (the alias EXISTS), so no index can answer it: it is checked on every row');
  if (/person_search_name/.test(e.plan)) notes.push('the trigram index person_search_name is used');
  else if (/search_name/.test(e.sql)) notes.push('the trigram index person_search_name is not used');
  const jit = /JIT:[\s\S]*?Total ([\d.]+) ms/.exec(e.plan);
  if (jit) notes.push(`JIT compilation adds ${jit[1]} ms (the estimated cost is over jit_above_cost)`);
  console.log(`  ${e.name}: ${notes.join('; ') || 'see the plan above'}`);
}

const results = {
  at: new Date().toISOString(),
  cpus: os.cpus().length,
  node: process.version,
  postgres: { version: pgVersion, settings: pgSettings },
  database: DB_NAME,
  marker: MARKER,
  load,
  data: { ...ids.counts, similarNamesInCalderVale: ids.similar, todaySlice: refreshed },
  secondsPerMeasurement: SECONDS,
  targetMs: TARGET_MS,
  http,
  explain: explained,
  rssMiB,
  targetMissed: missed,
};
fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `identification-${Date.now()}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nWritten to ${file}`);
