// Case lists at national scale: "my cases", the team's caseloads and the due lists, with 500,000 cases and
// about 5,000,000 contacts over ~100 services on a PostgreSQL server (issue 4; target under 100 ms each).
// Times the service functions themselves, prints p50/p95 and the plans of slow queries; writes JSON to bench/results/.
//
//   BENCH_DATABASE_URL  a server whose user may create databases (default postgres://postgres@127.0.0.1:55434/postgres);
//                       the data goes into the database divert_bench_cases, kept between runs
//   BENCH_RELOAD=1      load the data again even if the database already holds it
//   BENCH_RUNS          timed runs per function (default 30, after 5 to warm up)
//   BENCH_SERVICES, BENCH_WORKERS, BENCH_PEOPLE, BENCH_REFERRALS, BENCH_CASES change the volume
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { typeParsers } from '../src/db/type-parsers.js';
import type { Database } from '../src/db/schema.js';
import type { Clock } from '../src/services/clock.js';
import { createServices } from '../src/services/index.js';
import { londonDate } from '../src/domain/london-time.js';
import type { Actor } from '../src/domain/actor.js';
import { insertPastReferrals, insertPeople, prepareLoadSession } from './identification-data.js';
import { insertDirectory, md5Uuid, readDirectory, userId, username, workerRole } from './cases-directory.js';
import { CHILD_LOADS, DATA_VERSION, insertCases, prepareCaseSession } from './cases-data.js';
import { buildIndexes, connect, createSeededDatabase, databaseMarker, databaseUrl, log, percentile, round, runDivert, secondaryIndexes, seconds, serverInfo, stepper, type LoadSteps } from './support.js';

const BASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:55434/postgres';
const DB_NAME = 'divert_bench_cases';
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SERVICES = env('BENCH_SERVICES', 100);
const WORKERS = env('BENCH_WORKERS', 20);
const PEOPLE = env('BENCH_PEOPLE', 500_000);
const REFERRALS = env('BENCH_REFERRALS', 1_000_000);
const CASES = env('BENCH_CASES', 500_000);
const RUNS = env('BENCH_RUNS', 30);
const WARM_UP = 5;
const TARGET_MS = 100;
const MARKER = `${DATA_VERSION} services=${SERVICES} workers=${WORKERS} people=${PEOPLE} referrals=${REFERRALS} cases=${CASES}`;
const TABLES = ['person', 'person_alias', 'referral', 'case_episode', 'case_allocation', 'assessment', 'support_plan', 'plan_review', 'contact',
  'onward_referral', 'case_extension', 'follow_up'];
const dbUrl = databaseUrl(BASE_URL, DB_NAME);
const cli = (args: string[]) => runDivert(dbUrl, args);

// ---------------------------------------------------------------------------------------------
// The database: reused when it holds this generator's data (the clock is then set back to the load's time).
// ---------------------------------------------------------------------------------------------

type LoadReport = { reused: boolean; loadedAt: string; steps: LoadSteps; totalSeconds: number };

async function loadDatabase(admin: pg.Client, why: string): Promise<LoadReport> {
  const steps: LoadSteps = [];
  const started = performance.now();
  const step = stepper(steps);
  const now = new Date();
  const today = londonDate(now);
  log(`Loading ${DB_NAME} (${why}) ...`);
  await createSeededDatabase(admin, BASE_URL, DB_NAME, step);
  const client = await connect(dbUrl);
  const second = await connect(dbUrl);
  try {
    for (const c of [client, second]) {
      await prepareLoadSession(c);
      await prepareCaseSession(c);
    }
    const indexes = await secondaryIndexes(client, TABLES);
    for (const index of indexes) await client.query(`drop index ${index.name}`);
    const added = await step(`directory: ${SERVICES} services, ${WORKERS} workers and a manager each`, () => insertDirectory(client, SERVICES, WORKERS));
    log(`    (${added} services generated beside the seeded ones)`);
    const dir = await readDirectory(client, PEOPLE);
    const inHalves = async (total: number, load: (c: pg.Client, first: number, last: number) => Promise<number>) => {
      const half = Math.ceil(total / 2);
      const counts = await Promise.all([load(client, 1, half), load(second, half + 1, total)]);
      return counts[0]! + counts[1]!;
    };
    const people = await step(`insert ${PEOPLE.toLocaleString('en-GB')} people`, () => inHalves(PEOPLE, (c, first, last) => insertPeople(c, dir.plan, first, last, today)));
    if (people !== PEOPLE) throw new Error(`Inserted ${people} people, expected ${PEOPLE}`);
    const endAt = new Date(now.getTime() - 2 * 3_600_000);
    await step(`insert ${REFERRALS.toLocaleString('en-GB')} referrals over two years`, () => inHalves(REFERRALS, (c, first, last) => insertPastReferrals(c, dir.plan, first, last, endAt)));
    const cases = await step(`insert ${CASES.toLocaleString('en-GB')} cases`, () => insertCases(client, dir, CASES, WORKERS, now, today));
    if (cases !== CASES) throw new Error(`Inserted ${cases} cases, expected ${CASES}`);
    await client.query('analyze case_episode');
    await second.query('analyze case_episode');
    const ctx = { dir, now, today, workers: WORKERS };
    for (const [name, load] of Object.entries(CHILD_LOADS)) {
      const rows = await step(`insert ${name}`, async () => (await Promise.all([load(client, ctx, 1), load(second, ctx, 2)])).reduce((a, b) => a + b, 0));
      log(`    (${rows.toLocaleString('en-GB')} rows)`);
    }
    await step(`build ${indexes.length} indexes (two at a time)`, () => buildIndexes(dbUrl, indexes, steps));
    await step('check references (the load skipped foreign-key triggers)', async () => {
      const bad = (await client.query<{ n: string }>(
        `select (select count(*) from case_episode c where not exists (select 1 from referral r where r.id = c.referral_id and r.service_id = c.service_id and r.person_id = c.person_id))
              + (select count(*) from case_episode c where c.allocated_to is not null and not exists (select 1 from role_grant g where g.user_id = c.allocated_to and g.service_id = c.service_id))
              + (select count(*) from onward_referral o where not exists (select 1 from partner_organisation p where p.id = o.partner_organisation_id and p.service_id = o.service_id)) as n`,
      )).rows[0]!;
      if (Number(bad.n) !== 0) throw new Error(`${bad.n} loaded rows refer to a referral, worker or partner that does not match`);
    });
    await client.query("set session_replication_role = 'origin'").catch(() => undefined);
    await step('vacuum analyze', () => client.query(`vacuum (analyze) ${TABLES.join(', ')}`));
    await client.query('checkpoint');
  } finally {
    await client.end();
    await second.end();
  }
  await admin.query(`comment on database ${DB_NAME} is '${MARKER} loaded=${now.toISOString()}'`);
  return { reused: false, loadedAt: now.toISOString(), steps, totalSeconds: seconds(started) };
}

async function ensureDatabase(): Promise<LoadReport> {
  const admin = await connect(BASE_URL);
  try {
    const comment = await databaseMarker(admin, DB_NAME);
    const loadedAt = comment?.startsWith(`${MARKER} loaded=`) ? comment.slice(`${MARKER} loaded=`.length) : null;
    const why = process.env.BENCH_RELOAD === '1' ? 'BENCH_RELOAD=1' : comment === undefined ? 'missing' : loadedAt ? null : `marked "${comment ?? ''}"`;
    if (why || !loadedAt) return await loadDatabase(admin, why ?? 'unmarked');
    const t = performance.now();
    await cli(['migrate']);
    log(`Reusing ${DB_NAME} (${MARKER}, loaded ${loadedAt}); migrations applied in ${seconds(t).toFixed(1)} s.`);
    return { reused: true, loadedAt, steps: [{ step: 'divert migrate', seconds: seconds(t) }], totalSeconds: seconds(t) };
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The services, over a pool whose queries can be captured, and the actors of a typical service.
// ---------------------------------------------------------------------------------------------

type Captured = { sql: string; parameters: readonly unknown[] };
const captured: Captured[] = [];
let capturing = false;
/** Time spent waiting on queries (summed: the services run some at once), reset before each call. */
let queryMs = 0;

function openServices(clock: Clock) {
  const pool = new pg.Pool({
    connectionString: dbUrl, max: 10, options: '-c jit=off', // as openServerDatabase
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => typeParsers[oid] ?? (pg.types.getTypeParser as (o: number, f?: string) => (v: string) => unknown)(oid, format) },
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      queryMs += event.queryDurationMillis;
      if (capturing && event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  return { services: createServices({ db, engine: 'postgres', close: () => db.destroy() }, clock), close: () => db.destroy() };
}

async function actorsOf(serviceCode: string) {
  const client = await connect(dbUrl);
  try {
    const codes = (await client.query<{ id: string; code: string }>('select id, code from service order by code')).rows;
    const s = codes.findIndex((c) => c.code === serviceCode) + 1;
    const serviceId = codes[s - 1]!.id;
    const loads = (await client.query<{ allocated_to: string; open: string }>(
      "select allocated_to, count(*) as open from case_episode where service_id = $1 and case_status <> 'closed' and allocated_to is not null group by allocated_to",
      [serviceId],
    )).rows.map((r) => ({ userId: r.allocated_to, open: Number(r.open) }));
    // A practitioner with the caseload nearest 25 open cases.
    const practitioners = Array.from({ length: WORKERS }, (_, k) => k + 1).filter((i) => workerRole(i, WORKERS) === 'practitioner');
    const open = (i: number) => loads.find((l) => l.userId === userId(s, i))?.open ?? 0;
    const worker = practitioners.reduce((a, b) => (Math.abs(open(b) - 25) < Math.abs(open(a) - 25) ? b : a));
    const actor = (i: number, role: 'practitioner' | 'team_manager'): Actor => ({
      userId: userId(s, i), username: username(s, i), displayName: username(s, i),
      grant: { id: md5Uuid(`bench-grant-${s}-${i}`), role, serviceId, siteId: null, partnerOrganisationId: null },
    });
    const team = await client.query<{ cases: string; open: string; contacts: string }>(
      `select (select count(*) from case_episode where service_id = $1) as cases, (select count(*) from case_episode where service_id = $1 and case_status <> 'closed') as open,
              (select count(*) from contact where service_id = $1) as contacts`,
      [serviceId],
    );
    return { serviceId, worker: actor(worker, 'practitioner'), manager: actor(0, 'team_manager'), workerOpenCases: open(worker), service: Object.fromEntries(Object.entries(team.rows[0]!).map(([k, v]) => [k, Number(v)])) };
  } finally {
    await client.end();
  }
}

/** How big an answer is: an array's length, or the lengths of an object's arrays. */
function sizeOf(value: unknown): string {
  if (Array.isArray(value)) return `${value.length} rows`;
  if (value && typeof value === 'object') {
    const parts = Object.entries(value).filter(([, v]) => Array.isArray(v)).map(([k, v]) => `${k} ${(v as unknown[]).length}`);
    return parts.join(', ') || 'an object';
  }
  return String(value);
}

type Explained = { sql: string; parameters: readonly unknown[]; bestMs: number; planningMs: number; plan: string };

async function explain(queries: Captured[]): Promise<Explained[]> {
  const client = await connect(dbUrl);
  const out: Explained[] = [];
  try {
    await client.query('set jit = off');
    for (const q of queries.filter((x) => /^\s*(select|with)\b/i.test(x.sql))) {
      let best: Explained | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.parameters as unknown[]);
        const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n');
        const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1]);
        if (!best || ms < best.bestMs) best = { sql: q.sql, parameters: q.parameters, bestMs: ms, planningMs: Number(/Planning Time: ([\d.]+)/.exec(plan)?.[1]), plan };
      }
      out.push(best!);
    }
  } finally {
    await client.end();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const load = await ensureDatabase();
const startedAt = Date.now();
// The data's dates are relative to the load, so the services see the load's time (moving on as the bench runs).
const clock: Clock = { now: () => new Date(new Date(load.loadedAt).getTime() + (Date.now() - startedAt)) };
const who = await actorsOf('calder-vale');
const { services, close } = openServices(clock);

type Measure = {
  name: string; call: string; implemented: boolean; firstMs: number | null; p50: number | null; p95: number | null; max: number | null;
  /** Median of the summed query times of a call. */
  queryMsP50: number | null; size: string; queries: Explained[];
};
const measures: Measure[] = [];
type Fn = (actor: Actor) => Promise<unknown>;
const fnOf = (area: unknown, name: string): Fn | null => {
  const f = (area as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as Fn).bind(area) : null;
};
const targets: Array<{ name: string; call: string; fn: Fn | null; actor: Actor }> = [
  { name: 'my cases', call: 'caseload.myCases(worker)', fn: fnOf(services.caseload, 'myCases'), actor: who.worker },
  { name: 'team caseloads', call: 'caseload.teamCaseloads(manager)', fn: fnOf(services.caseload, 'teamCaseloads'), actor: who.manager },
  { name: 'due list (worker)', call: 'dueList.forWorker(worker)', fn: fnOf(services.dueList, 'forWorker'), actor: who.worker },
  { name: 'due list (team)', call: 'dueList.forTeam(manager)', fn: fnOf(services.dueList, 'forTeam'), actor: who.manager },
];
try {
  for (const t of targets) {
    if (!t.fn) {
      log(`${t.call}: not implemented yet`);
      measures.push({ name: t.name, call: t.call, implemented: false, firstMs: null, p50: null, p95: null, max: null, queryMsP50: null, size: '', queries: [] });
      continue;
    }
    log(`Measuring ${t.call} (${WARM_UP} to warm up, ${RUNS} timed) ...`);
    let start = performance.now();
    captured.length = 0;
    capturing = true;
    const first = await t.fn(t.actor);
    capturing = false;
    const firstMs = round(performance.now() - start);
    const queries = [...captured];
    for (let i = 0; i < WARM_UP; i++) await t.fn(t.actor);
    const times: number[] = [];
    const inQueries: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      queryMs = 0;
      start = performance.now();
      await t.fn(t.actor);
      times.push(performance.now() - start);
      inQueries.push(queryMs);
    }
    times.sort((a, b) => a - b);
    inQueries.sort((a, b) => a - b);
    measures.push({
      name: t.name, call: t.call, implemented: true, firstMs, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times[times.length - 1]!),
      queryMsP50: round(percentile(inQueries, 50)), size: sizeOf(first), queries: await explain(queries),
    });
  }
} finally {
  await close();
}

// ---------------------------------------------------------------------------------------------
// The report.
// ---------------------------------------------------------------------------------------------

const counts = await (async () => {
  const client = await connect(dbUrl);
  try {
    const row = (await client.query<Record<string, string>>(
      `select (select count(*) from service) as services, (select count(*) from role_grant where role in ('practitioner', 'support_worker')) as workers,
              (select count(*) from person) as people, (select count(*) from referral) as referrals, (select count(*) from case_episode) as cases,
              (select count(*) from case_episode where case_status <> 'closed') as open_cases, (select count(*) from contact) as contacts,
              (select count(*) from plan_review) as plan_reviews, (select count(*) from onward_referral) as onward_referrals,
              (select count(*) from partner_organisation) as partner_organisations, (select count(*) from case_extension) as case_extensions,
              (select count(*) from follow_up) as follow_ups, pg_size_pretty(pg_database_size(current_database())) as database_size`,
    )).rows[0]!;
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number.isNaN(Number(v)) ? v : Number(v)]));
  } finally {
    await client.end();
  }
})();
const server = await serverInfo(BASE_URL);
const fmt = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-GB') : String(n));

const loadAverage = os.loadavg().map((n) => round(n));
console.log(`\nDivert case-list benchmark: PostgreSQL ${server.version}, ${os.cpus().length} cores (load average ${loadAverage.join(', ')}), Node ${process.version}`);
console.log(`Data: ${Object.entries(counts).map(([k, v]) => `${k.replace(/_/g, ' ')} ${fmt(v)}`).join('; ')}`);
console.log(`Calder Vale: ${fmt(who.service.cases)} cases (${fmt(who.service.open)} open), ${fmt(who.service.contacts)} contacts; worker ${who.worker.username} has ${who.workerOpenCases} open cases; manager ${who.manager.username}`);
if (load.reused) console.log(`Load: reused the database loaded at ${load.loadedAt} (${load.totalSeconds.toFixed(1)} s to check and migrate); the services' clock starts there`);
else {
  console.log(`Load: ${load.totalSeconds.toFixed(1)} s in all`);
  for (const s of load.steps) console.log(`  ${s.step.padEnd(60)} ${s.seconds.toFixed(1).padStart(6)} s`);
}
const head = ['function', 'first ms', 'p50 ms', 'p95 ms', 'max ms', 'queries ms', 'answer', 'target'];
const rows = measures.map((m) => m.implemented
  ? [m.call, String(m.firstMs), String(m.p50), String(m.p95), String(m.max), String(m.queryMsP50), m.size, m.p95! <= TARGET_MS ? 'met' : 'MISSED']
  : [m.call, '', '', '', '', '', 'not implemented yet', '']);
const widths = head.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`\nService calls, ${RUNS} timed runs each after ${WARM_UP} to warm up (target: p95 under ${TARGET_MS} ms; "queries ms": median of the summed query times of a call, some run at once)`);
console.log(line(head));
for (const r of rows) console.log(line(r));

console.log('\nServer-side time of each query the calls send (EXPLAIN ANALYZE, best of 3)');
for (const m of measures) {
  for (const [i, q] of m.queries.entries()) console.log(`  ${m.name} #${i + 1}`.padEnd(28) + `${q.bestMs.toFixed(2).padStart(9)} ms  planning ${q.planningMs.toFixed(2)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 90)}`);
}
for (const m of measures) {
  for (const [i, q] of m.queries.entries()) {
    if (q.bestMs < TARGET_MS / 5) continue;
    console.log(`\n--- ${m.name} #${i + 1} (${q.bestMs.toFixed(1)} ms) ---\n${q.sql}\n${q.plan}`);
  }
}
const missed = measures.filter((m) => m.implemented && m.p95! > TARGET_MS).map((m) => m.name);
console.log(missed.length ? `\nTarget missed: ${missed.join('; ')}` : `\nEvery implemented call met the target.`);

fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `cases-${Date.now()}.json`);
fs.writeFileSync(file, JSON.stringify({
  at: new Date().toISOString(), cpus: os.cpus().length, loadAverage, node: process.version, postgres: server, database: DB_NAME, marker: MARKER,
  load, data: counts, calderVale: { ...who.service, worker: who.worker.username, workerOpenCases: who.workerOpenCases, manager: who.manager.username },
  runs: RUNS, warmUp: WARM_UP, targetMs: TARGET_MS, measures, targetMissed: missed,
}, null, 2));
console.log(`\nWritten to ${file}`);
