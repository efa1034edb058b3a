// The benchmark of record (npm run bench): Divert's key pages at national scale, at 50 concurrent users, on a
// PostgreSQL server and on PGlite, beside a bare Fastify route rendering the same layout with no database.
// Prints one table (requests per second, p50/p95/p99 latency, errors, and throughput as a share of the bare route),
// start-up time and the application's memory; writes JSON to bench/results/ so that two runs can be compared.
//
//   BENCH_DATABASE_URL  a server whose user may create databases (else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:55433/postgres);
//                       the data set goes into the database divert_bench_national, kept between runs
//   BENCH_ENGINES       postgres,pglite (default both); PGlite's data set is kept in .test-cache/bench-national-SCALE-SEED
//   BENCH_SECONDS       seconds per page (default 10); BENCH_CONNECTIONS concurrent users (default 50)
//   BENCH_TODAYS_LIST   referrals on the measured suite's list today (default 40; topped up, see todays-list.ts)
//   BENCH_PAGES         only the pages whose names contain one of these words (comma-separated), e.g. "today,search"
//   BENCH_FIRST_START=0 skips timing a first start on an empty database
//   BENCH_APP_NODE_ARGS Node's own options for the application, e.g. "--cpu-prof --cpu-prof-dir=bench/results/profile"
//   BENCH_SCALE, BENCH_SEED, BENCH_RELOAD=1 as for bench:dashboard. A data set loaded on an earlier day is loaded
//   again, as its dates (today's list, what is due) are relative to the day it was loaded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort, startServer, type Server } from '../test/support/processes.js';
import { signInOverHttp } from './http-sign-in.js';
import { chooseRoleOverHttp } from './http-role.js';
import { loadPage, pacePage, requestOnce, settle, type LoadResult } from './load.js';
import { nationalOptions, todaysNationalData, type NationalLoad } from './national-data.js';
import { BOOKED_NOTES, measuredPages, type BenchUser, type Measured } from './pages.js';
import { readSamples, type Samples } from './samples.js';
import { topUpTodaysList } from './todays-list.js';
import { connect, databaseUrl, log, memoryMiB, round, serverInfo } from './support.js';

const BASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:55433/postgres';
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()).filter(Boolean);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PAGES = (process.env.BENCH_PAGES ?? '').split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
const FIRST_START = process.env.BENCH_FIRST_START !== '0';
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
const options = nationalOptions();
const USERS: Record<BenchUser, { username: string; chooseService?: string }> = {
  practitioner: { username: 'greyhaven.practitioner1' },
  manager: { username: 'greyhaven.manager' },
  commissioner: { username: 'commissioner', chooseService: 'Greyhaven' },
};

/** A page's figures: at saturation (every user asking again as soon as answered), and paced (a rate it can carry). */
type PageResult = { name: string; user: BenchUser; firstMs: number; veryFirstMs: number; saturated: LoadResult; paced: LoadResult & { rate: number } };
type EngineResult = { engine: string; load: NationalLoad; samples: Omit<Samples, 'personIds' | 'familyNames' | 'openCaseIds'>; firstStartSeconds: number; startSeconds: number; rssMiB: number | null; peakRssMiB: number | null; pages: PageResult[] };
/** A page slower than this alone is measured by a number of requests (one per user) rather than for a time. */
const SLOW_MS = 250;

/** A first start on an empty database, the demo data loaded, to the sign-in page. */
async function firstStart(engine: string): Promise<number> {
  let env: Record<string, string>;
  let cleanUp: () => Promise<void>;
  if (engine === 'postgres') {
    const admin = await connect(BASE_URL);
    await admin.query('drop database if exists divert_bench_first_start with (force)');
    await admin.query('create database divert_bench_first_start');
    env = { DATABASE_URL: databaseUrl(BASE_URL, 'divert_bench_first_start'), DIVERT_SEED_PROFILE: 'west-yorkshire' };
    cleanUp = async () => {
      await admin.query('drop database if exists divert_bench_first_start with (force)');
      await admin.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'divert-bench-'));
    env = { DIVERT_DATA_DIR: dir };
    cleanUp = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    const started = performance.now();
    const server = await startServer(env, 300_000);
    const res = await fetch(`http://127.0.0.1:${server.port}/sign-in`);
    const seconds = round((performance.now() - started) / 1000);
    await server.stop();
    if (res.status !== 200) throw new Error(`the sign-in page answered ${res.status}`);
    return seconds;
  } finally {
    await cleanUp();
  }
}

async function csrfOf(baseUrl: string, cookie: string): Promise<string> {
  const page = await (await fetch(`${baseUrl}/account`, { headers: { cookie } })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('No CSRF token on the account page');
  return token;
}

type Session = { cookie: string; csrfToken: string };
/** An engine's application, started on the national data set and signed in as each measured user. */
type Running = Omit<EngineResult, 'pages' | 'rssMiB' | 'peakRssMiB'> & {
  server: Server;
  base: string;
  sessions: Record<BenchUser, Session>;
  pages: Array<{ page: Measured; firstMs: number; veryFirstMs: number; saturated?: LoadResult; paced?: PageResult['paced'] }>;
};

async function startEngine(engine: string): Promise<Running> {
  const firstStartSeconds = FIRST_START ? await firstStart(engine) : NaN;
  const { load, handle, env } = await todaysNationalData(engine, BASE_URL, options);
  let samples: Samples;
  try {
    // The contacts an earlier run booked go first, so that every run measures the same case pages and caseloads: one
    // run books some 15,000 onto 200 cases.
    const removed = await handle.db.deleteFrom('contact').where('notes', '=', BOOKED_NOTES).executeTakeFirst();
    if (removed.numDeletedRows > 0n) log(`${engine}: removed ${removed.numDeletedRows} contacts an earlier run booked.`);
    samples = await readSamples(handle.db, new Date());
    samples.todaysReferrals = await topUpTodaysList(handle, samples.siteId, USERS.practitioner.username, new Date());
  } finally {
    await handle.close();
  }
  log(`${engine}: starting the application on the national data set ...`);
  const started = performance.now();
  const server: Server = await startServer({ ...env, DIVERT_SEED_PROFILE: 'none' }, 300_000, APP_NODE_ARGS);
  const startSeconds = round((performance.now() - started) / 1000);
  const base = `http://127.0.0.1:${server.port}`;
  const sessions = {} as Record<BenchUser, Session>;
  for (const [user, who] of Object.entries(USERS) as Array<[BenchUser, (typeof USERS)[BenchUser]]>) {
    const cookie = await signInOverHttp(base, who.username);
    if (who.chooseService) await chooseRoleOverHttp(base, cookie, who.chooseService);
    sessions[user] = { cookie, csrfToken: await csrfOf(base, cookie) };
  }
  const pages: Running['pages'] = [];
  for (const page of measuredPages(samples, new Date()).filter((p) => PAGES.length === 0 || PAGES.some((w) => p.name.toLowerCase().includes(w)))) {
    // Requests first, so that a page that fails says so before the load, and so that its templates are compiled.
    // The fastest of three answers says whether the page is slow.
    // The very first is timed too: for the reports, it is the one that works their figures out (see figures-cache).
    let firstMs = Infinity;
    let veryFirstMs = NaN;
    let status = 0;
    for (let i = 0; i < 3; i++) {
      const once = await requestOnce(base, page.next(i), sessions[page.user]);
      if (i === 0) veryFirstMs = round(once.ms);
      firstMs = Math.min(firstMs, round(once.ms));
      status = once.status;
    }
    if (status !== page.expect) log(`  ${page.name}: a first request answered ${status}, expected ${page.expect}`);
    pages.push({ page, firstMs, veryFirstMs });
  }
  const { personIds: _p, familyNames: _f, openCaseIds: _c, ...shown } = samples;
  return { engine, load, samples: shown, firstStartSeconds, startSeconds, server, base, sessions, pages };
}

/** Every page at saturation on one engine. */
async function saturate(r: Running): Promise<void> {
  log(`${r.engine}: saturated ...`);
  for (const p of r.pages) {
    const options = { connections: CONNECTIONS, seconds: SECONDS, ...r.sessions[p.page.user], ...(p.firstMs > SLOW_MS ? { amount: CONNECTIONS } : {}) };
    // What the page before left queued (requests a load generator gave up on are still served) is worked off first.
    await settle(r.base, p.page, r.sessions[p.page.user], p.firstMs);
    p.saturated = await loadPage(r.base, p.page, options);
    log(`  ${p.page.name}: ${p.saturated.requestsPerSecond} req/s, p95 ${p.saturated.p95} ms, ${p.saturated.errors} errors`);
  }
}

/**
 * Every page paced, on every engine at one rate per page: each user asking once a second, or half the rate the
 * slower engine reached at saturation if that is less, so that each engine carries it and their latencies compare.
 */
async function pace(running: Running[]): Promise<void> {
  const names = running[0]?.pages.map((p) => p.page.name) ?? [];
  for (const [i, name] of names.entries()) {
    const slowest = Math.min(...running.map((r) => r.pages[i]!.saturated!.requestsPerSecond));
    // Below one a second (a report that takes longer than a second), in tenths: pacing a page faster than an engine
    // carries it measures the queue in front of it, not the page.
    const half = slowest / 2;
    const rate = Math.min(CONNECTIONS, half >= 1 ? Math.floor(half) : Math.max(0.1, Math.floor(half * 10) / 10));
    for (const r of running) {
      const p = r.pages[i]!;
      const session = r.sessions[p.page.user];
      await settle(r.base, p.page, session, p.firstMs);
      p.paced = { rate, ...(await pacePage(r.base, p.page, { connections: CONNECTIONS, seconds: SECONDS, ...session, rate })) };
      log(`  ${r.engine}, ${name}: at ${rate} req/s p95 ${p.paced.p95} ms, ${p.paced.errors} errors`);
    }
  }
}

async function benchEngines(): Promise<EngineResult[]> {
  const running: Running[] = [];
  try {
    for (const engine of ENGINES) {
      const r = await startEngine(engine);
      running.push(r);
      await saturate(r);
    }
    log('Paced, on each engine in turn ...');
    await pace(running);
    return running.map(({ server, base: _b, sessions: _s, pages, ...r }) => {
      const memory = memoryMiB(server.child.pid!);
      return { ...r, rssMiB: memory.rss, peakRssMiB: memory.peak, pages: pages.map((p) => ({ name: p.page.name, user: p.page.user, firstMs: p.firstMs, veryFirstMs: p.veryFirstMs, saturated: p.saturated!, paced: p.paced! })) };
    });
  } finally {
    for (const r of running) await r.server.stop();
  }
}

/** The bare route, in its own process like the application. */
async function benchBare(): Promise<LoadResult> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
  try {
    return await loadPage(`http://127.0.0.1:${port}`, { next: () => ({ method: 'GET', path: '/' }), expect: 200 }, { connections: CONNECTIONS, seconds: SECONDS, cookie: '' });
  } finally {
    child.kill('SIGTERM');
  }
}

log(`Bare Fastify route (the same layout, no database), ${CONNECTIONS} connections, ${SECONDS} s ...`);
const bareBefore = await benchBare();
const engines = await benchEngines();
// Measured again after the pages, as a shared machine's speed can drift within a run: each page's share is of the
// mean of the two, and both are printed, so a run whose machine changed under it shows that it did.
log('Bare Fastify route again, after the pages ...');
const bareAfter = await benchBare();
const bareMean = round((bareBefore.requestsPerSecond + bareAfter.requestsPerSecond) / 2);

const cell = (v: number | string, w = 7) => `${v}`.padStart(w);
const names = engines[0]?.pages.map((p) => p.name) ?? [];
const width = Math.max(30, ...names.map((n) => n.length));
console.log(`\nDivert benchmark: ${CONNECTIONS} concurrent users, national data set (scale ${options.scale}, seed ${options.seed}); ${os.cpus().length} cores, Node ${process.version}`);
console.log(`Saturated: every user asks again as soon as answered, for ${SECONDS} s (a page slower than ${SLOW_MS} ms alone: ${CONNECTIONS} requests). Paced: the same users at the rate shown, one that every engine carries.`);
console.log(`${''.padEnd(width)}          ${'saturated'.padEnd(51)}paced`);
console.log(`${'page'.padEnd(width)}  engine    req/s  p50 ms  p95 ms  p99 ms  errors  of bare    req/s  p50 ms  p95 ms  p99 ms  errors`);
for (const [when, b] of [['before', bareBefore], ['after', bareAfter]] as const) {
  console.log(`${`bare Fastify, same layout (${when})`.padEnd(width)}  -       ${cell(b.requestsPerSecond)} ${cell(b.p50)} ${cell(b.p95)} ${cell(b.p99)} ${cell(b.errors)}`);
}
console.log(`Of bare: a page's throughput as a share of the bare route's mean, ${bareMean} req/s.`);
for (const name of names) {
  for (const e of engines) {
    const p = e.pages.find((x) => x.name === name)!;
    const [a, b] = [p.saturated, p.paced];
    const share = `${Math.round((100 * a.requestsPerSecond) / bareMean)}%`;
    console.log(`${name.padEnd(width)}  ${e.engine.padEnd(8)}${cell(a.requestsPerSecond)} ${cell(a.p50)} ${cell(a.p95)} ${cell(a.p99)} ${cell(a.errors)} ${cell(share, 8)}  ${cell(b.rate)} ${cell(b.p50)} ${cell(b.p95)} ${cell(b.p99)} ${cell(b.errors)}`);
  }
}
if (engines.length === 2) {
  const [a, b] = engines as [EngineResult, EngineResult];
  const ratio = (f: (p: PageResult) => number) => a.pages.map((p, i) => `${round(f(b.pages[i]!) / f(p))}×`).join(', ');
  console.log(`${b.engine} p95 as a multiple of ${a.engine}'s, in the order above: saturated ${ratio((p) => p.saturated.p95)}; paced ${ratio((p) => p.paced.p95)}`);
}
for (const e of engines) {
  console.log(`${e.engine}, each page's first request after start, in ms (a report's works its figures out; later ones share them for up to a minute): ${e.pages.map((p) => `${p.name} ${p.veryFirstMs}`).join('; ')}`);
}
for (const e of engines) {
  console.log(`${e.engine}: ${Number.isNaN(e.firstStartSeconds) ? 'first start not timed (BENCH_FIRST_START=0)' : `first start (empty database, demo data loaded) ${e.firstStartSeconds} s`}; start on the national data set ${e.startSeconds} s; memory ${e.rssMiB} MiB after the load (peak ${e.peakRssMiB} MiB); today's list holds ${e.samples.todaysReferrals} referrals; data loaded ${e.load.loadedAt}${e.load.reused ? '' : ` in ${round(e.load.seconds)} s`}`);
}
fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `pages-${Date.now()}.json`);
const server = ENGINES.includes('postgres') ? await serverInfo(BASE_URL) : null;
fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, node: process.version, connections: CONNECTIONS, seconds: SECONDS, options, server, bare: bareBefore, bareAfter, engines }, null, 2));
console.log(`\nWritten to ${file}`);
