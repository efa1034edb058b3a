// Dashboard, outcome measures and quarterly return over the national demo profile (26 services, five years) on a
// PostgreSQL server or on PGlite (BENCH_ENGINE=pglite): times the service functions and prints median and p95 against the targets (service dashboard
// under 500 ms, national under 2 s, quarterly return under 10 s); writes JSON to bench/results/.
//
//   BENCH_DATABASE_URL  a server whose user may create databases (else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:55434/postgres);
//                       the data goes into the database divert_bench_national, kept between runs
//   BENCH_SCALE         share of national volume (default 1); BENCH_SEED the data set (default 1)
//   BENCH_RELOAD=1      load the data again even if the database already holds it
//   BENCH_RUNS          timed runs per function (default 10, after 2 to warm up)
//   BENCH_ENGINE=pglite the embedded engine instead, its data kept in .test-cache/bench-national-SCALE-SEED
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openServerDatabase } from '../src/db/open.js';
import type { Actor } from '../src/domain/actor.js';
import { addDays } from '../src/domain/calendar-date.js';
import { londonDate } from '../src/domain/london-time.js';
import type { Clock } from '../src/services/clock.js';
import { createServices } from '../src/services/index.js';
import { ensureNationalEmbedded, ensureNationalServer, nationalOptions } from './national-data.js';
import { log, percentile, round, serverInfo } from './support.js';

const BASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:55434/postgres';
const options = nationalOptions();
const { scale: SCALE, seed: SEED } = options;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARM_UP = 2;
const EMBEDDED = process.env.BENCH_ENGINE === 'pglite';
const ORIGIN = { ipAddress: '127.0.0.1', userAgent: 'divert bench' };

const opened = EMBEDDED
  ? await ensureNationalEmbedded(options)
  : await ensureNationalServer(BASE_URL, options).then(async (l) => ({ ...l, handle: await openServerDatabase(l.url, 10) }));
const { handle, ...load } = opened;
const startedAt = Date.now();
// The data's dates are relative to the load, so the services see the load's time.
const clock: Clock = { now: () => new Date(new Date(load.loadedAt).getTime() + (Date.now() - startedAt)) };
// Nothing kept, so that each view works its figures out: the cost the kept figures save (see figures-cache).
const services = createServices(handle, clock, { figuresKeptForMs: 0 });

async function actorOf(username: string, serviceCode?: string): Promise<Actor> {
  const user = (await services.users.findByUsername(username))!;
  const { grants } = await services.users.getUser(user.id);
  const serviceId = serviceCode ? (await services.serviceDirectory.list(null)).find((s) => s.code === serviceCode)!.id : null;
  const g = grants.find((x) => !serviceId || x.serviceId === serviceId)!;
  return { userId: user.id, username: user.username, displayName: user.display_name, grant: { id: g.id, role: g.role, serviceId: g.serviceId, siteId: g.siteId, partnerOrganisationId: g.partnerOrganisationId } };
}

const today = londonDate(clock.now());
const quarterFrom = addDays(today, -91);
const yearFrom = addDays(today, -364);
// The largest service (Greyhaven has the greatest weight), read by its manager; and the national commissioner.
const manager = await actorOf('greyhaven.manager');
const commissioner = await actorOf('commissioner', 'greyhaven');
/** Slow calls (the quarterly return) are timed fewer times. */
type Target = { name: string; targetMs: number | null; fn: (() => Promise<unknown>) | null; runs?: number };
/** The last whole quarter before today, as 'YYYY-Qn'. */
const lastQuarter = (() => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3);
  return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
})();
type QuarterlyFn = (actor: Actor, serviceId: string, quarter: string, ...rest: unknown[]) => Promise<unknown>;
const quarterly = services.quarterlyReturn as unknown as Record<string, QuarterlyFn | undefined>;
const targets: Target[] = [
  { name: 'dashboard, one service, a quarter (manager)', targetMs: 500, fn: () => services.dashboard.view(manager, { from: quarterFrom, to: today, serviceId: manager.grant.serviceId! }, ORIGIN) },
  { name: 'dashboard, one service, a year (manager)', targetMs: 500, fn: () => services.dashboard.view(manager, { from: yearFrom, to: today, serviceId: manager.grant.serviceId! }, ORIGIN) },
  { name: 'dashboard, all 26 services, a quarter (commissioner)', targetMs: 2000, fn: () => services.dashboard.view(commissioner, { from: quarterFrom, to: today, serviceId: 'all' }, ORIGIN) },
  { name: 'dashboard, all 26 services, a year (commissioner)', targetMs: 2000, fn: () => services.dashboard.view(commissioner, { from: yearFrom, to: today, serviceId: 'all' }, ORIGIN) },
  {
    name: 'outcome measures, one service, index dates over 4 years', targetMs: null,
    fn: () => services.outcomeMeasures.view(manager, { serviceId: manager.grant.serviceId!, from: addDays(today, -4 * 365), to: today, comparison: 'screened_not_supported' }, ORIGIN),
  },
  {
    name: `quarterly return ${lastQuarter}, one service (view)`, targetMs: 10_000,
    fn: quarterly.view ? () => quarterly.view!(commissioner, commissioner.grant.serviceId!, lastQuarter, ORIGIN) : null, runs: Math.min(RUNS, 3),
  },
  {
    name: `quarterly return ${lastQuarter}, one service (spreadsheet)`, targetMs: 10_000,
    fn: quarterly.download ? () => quarterly.download!(commissioner, commissioner.grant.serviceId!, lastQuarter, 'xlsx', ORIGIN) : null, runs: Math.min(RUNS, 3),
  },
];

const sizes = (await sql<{ referrals: string; cases: string; events: string }>`
  select (select count(*) from referral) as referrals, (select count(*) from case_episode) as cases, (select count(*) from justice_event) as events
`.execute(handle.db)).rows[0]!;

type Row = { name: string; targetMs: number | null; p50: number | null; p95: number | null; max: number | null; note: string };
const rows: Row[] = [];
try {
  for (const t of targets) {
    if (!t.fn) {
      rows.push({ name: t.name, targetMs: t.targetMs, p50: null, p95: null, max: null, note: 'not implemented yet: skipped' });
      continue;
    }
    const runs = t.runs ?? RUNS;
    const warmUp = t.runs ? 1 : WARM_UP;
    log(`Measuring ${t.name} (${warmUp} to warm up, ${runs} timed) ...`);
    try {
      for (let i = 0; i < warmUp; i++) await t.fn();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await t.fn();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      rows.push({ name: t.name, targetMs: t.targetMs, p50: round(percentile(times, 50)), p95: round(p95), max: round(times.at(-1)!), note: t.targetMs === null ? '' : p95 <= t.targetMs ? 'meets target' : 'SLOWER than target' });
      log(`  median ${rows.at(-1)!.p50} ms, p95 ${rows.at(-1)!.p95} ms`);
    } catch (error) {
      rows.push({ name: t.name, targetMs: t.targetMs, p50: null, p95: null, max: null, note: `failed: ${(error as Error).message.split('\n')[0]}` });
    }
  }
} finally {
  await handle.close();
}

const width = Math.max(...rows.map((r) => r.name.length));
const ms = (v: number | null) => (v === null ? '-' : `${v} ms`).padStart(10);
console.log(`\nNational dashboard benchmark on ${EMBEDDED ? 'PGlite' : 'a PostgreSQL server'}: scale ${SCALE}, seed ${SEED}; ${Number(sizes.referrals).toLocaleString('en-GB')} referrals, ${Number(sizes.cases).toLocaleString('en-GB')} cases, ${Number(sizes.events).toLocaleString('en-GB')} justice events; ${os.cpus().length} cores, ${RUNS} runs`);
console.log(`${'measure'.padEnd(width)}  ${'median'.padStart(10)}  ${'p95'.padStart(10)}  ${'target'.padStart(10)}  note`);
for (const r of rows) console.log(`${r.name.padEnd(width)}  ${ms(r.p50)}  ${ms(r.p95)}  ${ms(r.targetMs)}  ${r.note}`);
fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `dashboard-${Date.now()}.json`);
fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), scale: SCALE, seed: SEED, load, sizes, engine: EMBEDDED ? 'pglite' : 'postgresql', server: EMBEDDED ? null : await serverInfo(BASE_URL), rows }, null, 2));
console.log(`\nWritten to ${file}`);
