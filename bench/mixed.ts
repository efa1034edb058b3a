// The mixed-load benchmark (npm run bench:mixed): practitioners of several services working a shift at once on the
// national data set, over HTTP on loopback with real forms – searching, looking at people, cases and today's lists,
// writing notes, taking custody referrals and screening or closing them, referring people on and moving those
// referrals along (bench/mixed-shift.ts) – for a bounded time. Prints one table (per step and in all: requests,
// requests per second, p50/p95/p99 latency, errors) and the application's memory; writes JSON to bench/results/.
// It is a check as well as a measurement: any unexpected answer, time-out or refused connection is an error, and
// the run exits with 1 if there was one.
//
//   BENCH_ENGINE        postgres (default) or pglite; the national data set as for npm run bench (the database
//                       divert_bench_national, or .test-cache/bench-national-SCALE-SEED), loaded again if loaded on an earlier day
//   BENCH_DATABASE_URL  a server whose user may create databases (else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:55433/postgres)
//   BENCH_SESSIONS      concurrent signed-in practitioners (default 200), spread over the practitioners of BENCH_SERVICES
//                       services (default 8, those with the most open cases), each from its own address
//   BENCH_SECONDS       how long they work (default 60); BENCH_THINK_MS the longest pause between requests (default 500,
//                       each pause uniform from 0); BENCH_TIMEOUT_MS a request not answered by then is an error (default 30000)
//   BENCH_SCALE, BENCH_SEED, BENCH_RELOAD=1 as for npm run bench; LOG_LEVEL the application's (default error: its errors are
//                       shown); BENCH_APP_LOG a file to write the application's whole output to
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../test/support/processes.js';
import { Recorder, StepFailed, TimeUp, VirtualUser, type StepFigures } from './mixed-client.js';
import { readServiceSamples } from './mixed-samples.js';
import { Shift } from './mixed-shift.js';
import { nationalOptions, scratchCopy, todaysNationalData, type NationalLoad } from './national-data.js';
import { log, memoryMiB, round } from './support.js';

const BASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:55433/postgres';
const ENGINE = process.env.BENCH_ENGINE ?? 'postgres';
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 200);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 500);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30_000);
const options = nationalOptions();
if (!['postgres', 'pglite'].includes(ENGINE)) throw new Error(`BENCH_ENGINE=${ENGINE}: use postgres or pglite`);

/** Steps in the order of a shift, for the table. */
const STEPS = [
  'search people', 'person page', 'case page', "today's list", 'book contact', 'contacts page', 'outcome form', 'record outcome',
  'referral form', 'new referral', 'referral page', 'new person', 'screen form', 'complete screen', 'no further action',
  'onward list', 'send onward', 'onward page', 'move onward',
];

/** A small seeded generator (mulberry32), so that each user's shift is the same from run to run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const { load, handle, env } = await todaysNationalData(ENGINE, BASE_URL, options);
const services = await readServiceSamples(handle.db, SERVICES).finally(() => handle.close());
// The shift writes (referrals, contacts, screens): into a copy, so that the data set stays as it was loaded.
const scratch = await scratchCopy(ENGINE, BASE_URL, env);
log(`${ENGINE}: starting the application on a copy of the national data set ...`);
const server = await startServer({ ...scratch.env, DIVERT_SEED_PROFILE: 'none', DIVERT_TRUST_PROXY: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' }, 300_000);
const baseUrl = `http://127.0.0.1:${server.port}`;
const recorder = new Recorder();
/** The users' connections, closed at the end. */
const opened: VirtualUser[] = [];
let figures: { steps: Record<string, StepFigures>; total: StepFigures; seconds: number; memory: { rss: number | null; peak: number | null } };
try {
  // Users are dealt out round the services, then round each service's practitioners; each has its own address.
  const users = Array.from({ length: SESSIONS }, (_, i) => {
    const service = services[i % services.length]!;
    const username = service.practitioners[Math.floor(i / services.length) % service.practitioners.length]!;
    const random = seeded(i + 1);
    return { i, service, random, username, address: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}` };
  });
  let deadline = Infinity;
  const clients = users.map((u) => ({ ...u, client: new VirtualUser(u.username, { baseUrl, address: u.address, get deadline() { return deadline; }, thinkMs: THINK_MS, timeoutMs: TIMEOUT_MS, random: u.random }, recorder) }));
  opened.push(...clients.map((c) => c.client));
  log(`Signing in ${SESSIONS} practitioners of ${services.length} services (${services.map((s) => s.code).join(', ')}) ...`);
  const queue = [...clients];
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let c = queue.shift(); c; c = queue.shift()) await c.client.signIn();
  }));
  log(`${SESSIONS} practitioners working for ${SECONDS} s, up to ${THINK_MS} ms between requests ...`);
  const started = performance.now();
  deadline = started + SECONDS * 1000;
  recorder.start = started;
  await Promise.all(clients.map(async (c) => {
    const shift = new Shift(c.client, c.service, c.random, `u${c.i}`);
    for (;;) {
      try {
        await shift.next();
      } catch (error) {
        if (error instanceof TimeUp) return;
        if (!(error instanceof StepFailed)) recorder.problem(`${c.username}: ${(error as Error).message}`);
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const all = [...recorder.steps.values()];
  const statuses: Record<string, number> = {};
  for (const s of all) for (const [k, n] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  figures = {
    steps: Object.fromEntries([...recorder.steps].map(([name, s]) => [name, Recorder.figures(s.latencies, s.errors, s.statuses, seconds)])),
    total: Recorder.figures(all.flatMap((s) => s.latencies), all.reduce((n, s) => n + s.errors, 0) + recorder.pageProblems.length, statuses, seconds),
    seconds,
    memory: memoryMiB(server.child.pid!),
  };
} finally {
  for (const client of opened) client.close();
  await server.stop();
  await scratch.remove();
}

// The application's log records (JSON lines at LOG_LEVEL), not its start and stop messages.
const appErrors = server.output().split('\n').filter((line) => line.startsWith('{'));
if (process.env.BENCH_APP_LOG) fs.writeFileSync(process.env.BENCH_APP_LOG, server.output());
const cell = (v: number | string, w = 8) => `${v}`.padStart(w);
const width = Math.max(...STEPS.map((s) => s.length), 12);
const row = (name: string, f: StepFigures) => `${name.padEnd(width)} ${cell(f.requests)} ${cell(f.requestsPerSecond)} ${cell(f.p50)} ${cell(f.p95)} ${cell(f.p99)} ${cell(f.max)} ${cell(f.errors)}`;
console.log(`\nDivert mixed load: ${SESSIONS} practitioners of ${services.length} services at once for ${round(figures.seconds)} s, up to ${THINK_MS} ms between requests; ${ENGINE}; national data set (scale ${options.scale}, seed ${options.seed}); ${os.cpus().length} cores, Node ${process.version}`);
console.log(`${'step'.padEnd(width)} ${cell('requests')} ${cell('req/s')} ${cell('p50 ms')} ${cell('p95 ms')} ${cell('p99 ms')} ${cell('max ms')} ${cell('errors')}`);
for (const name of [...STEPS, ...[...recorder.steps.keys()].filter((k) => !STEPS.includes(k))]) {
  const f = figures.steps[name];
  if (f) console.log(row(name, f));
}
console.log(row('all requests', figures.total));
console.log(`${ENGINE}: application memory ${figures.memory.rss} MiB at the end (peak ${figures.memory.peak} MiB); data loaded ${load.loadedAt}${load.reused ? '' : ` in ${round(load.seconds)} s`}`);
if (figures.total.errors > 0) {
  const failed = Object.entries(figures.steps).filter(([, f]) => f.errors > 0).map(([name, f]) => `${name} ${f.errors} (${Object.entries(f.statuses).map(([k, n]) => `${k}: ${n}`).join(', ')})`);
  console.log(`\nERRORS: ${figures.total.errors}${failed.length ? `; by step: ${failed.join('; ')}` : ''}`);
  for (const e of recorder.errorSamples) console.log(`  ${e.step}: ${e.method} ${e.path} as ${e.user}, sent at ${e.sentAtSecond} s, answered ${e.status}: ${e.message}`);
  const seconds = recorder.timeline.flatMap((t, s) => (t?.errors ? [`${s}: ${t.errors}`] : []));
  console.log(`  errors by the second of the run in which they were answered: ${seconds.join(', ')}`);
  for (const p of recorder.pageProblems.slice(0, 10)) console.log(`  page without what the next step needs: ${p}`);
}
if (appErrors.length) {
  console.log(`\nThe application logged ${appErrors.length} records; the first:`);
  for (const line of appErrors.slice(0, 5)) console.log(`  ${line.slice(0, 1500)}`);
}
fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `mixed-${Date.now()}.json`);
fs.writeFileSync(file, JSON.stringify({
  at: new Date().toISOString(), cpus: os.cpus().length, node: process.version, engine: ENGINE, sessions: SESSIONS, services: services.map((s) => s.code),
  thinkMs: THINK_MS, timeoutMs: TIMEOUT_MS, options, load, ...figures,
  timeline: Array.from(recorder.timeline, (t) => t ?? { requests: 0, errors: 0 }), errorSamples: recorder.errorSamples, pageProblems: recorder.pageProblems.slice(0, 50), applicationLog: appErrors.slice(0, 50),
}, null, 2));
console.log(`\nWritten to ${file}`);
if (figures.total.errors > 0) process.exitCode = 1;
