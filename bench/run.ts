// Start-up time (fresh and existing data) and home-page throughput on each engine. Prints a table; writes JSON to bench/results/.
// Server engine: set BENCH_DATABASE_URL to a PostgreSQL server whose user may create databases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { startServer, type Server } from '../test/support/processes.js';
import { signInOverHttp } from './http-sign-in.js';

type Row = { engine: string; measure: string; value: string };
const rows: Row[] = [];
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function timedStart(env: Record<string, string>): Promise<{ server: Server; seconds: number }> {
  const started = performance.now();
  const server = await startServer(env, 120_000);
  const res = await fetch(`http://127.0.0.1:${server.port}/sign-in`);
  if (res.status !== 200) throw new Error(`sign-in page answered ${res.status}`);
  return { server, seconds: (performance.now() - started) / 1000 };
}

async function load(url: string, cookie: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { cookie } });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p95: (result.latency as unknown as Record<string, number>).p95 ?? result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function benchEngine(engine: string, env: Record<string, string>) {
  const fresh = await timedStart(env);
  rows.push({ engine, measure: 'first start (empty database, demo data loaded) to sign-in page', value: `${fresh.seconds.toFixed(2)} s` });
  await fresh.server.stop();
  const again = await timedStart(env);
  rows.push({ engine, measure: 'later start to sign-in page', value: `${again.seconds.toFixed(2)} s` });
  const base = `http://127.0.0.1:${again.server.port}`;
  const cookie = await signInOverHttp(base, 'practitioner');
  const home = await load(`${base}/`, cookie);
  rows.push({ engine, measure: `home page, ${CONNECTIONS} connections, ${DURATION} s`, value: `${home.requestsPerSecond} req/s; p50 ${home.p50} ms, p95 ${home.p95} ms, p99 ${home.p99} ms; ${home.errors} errors` });
  const health = await load(`${base}/health`, '');
  rows.push({ engine, measure: 'GET /health', value: `${health.requestsPerSecond} req/s; p99 ${health.p99} ms; ${health.errors} errors` });
  const rss = readRss(again.server.child.pid!);
  if (rss) rows.push({ engine, measure: 'application memory (RSS) after load', value: `${rss} MiB` });
  await again.server.stop();
  return { fresh: fresh.seconds, later: again.seconds, home, health, rssMiB: rss };
}

function readRss(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

const results: Record<string, unknown> = { at: new Date().toISOString(), cpus: os.cpus().length, node: process.version };
results.pglite = await benchEngine('pglite', { DIVERT_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'divert-bench-')) });

if (process.env.BENCH_DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query('drop database if exists divert_bench with (force)');
  await admin.query('create database divert_bench');
  await admin.end();
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = '/divert_bench';
  results.postgres = await benchEngine('postgres', { DATABASE_URL: url.toString(), DIVERT_SEED_PROFILE: 'west-yorkshire' });
} else {
  console.log('BENCH_DATABASE_URL is not set: measuring the embedded engine only.');
}

const width = Math.max(...rows.map((r) => r.measure.length));
console.log(`\nDivert platform benchmark (${os.cpus().length} cores, Node ${process.version})`);
for (const r of rows) console.log(`${r.engine.padEnd(9)} ${r.measure.padEnd(width)}  ${r.value}`);
fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `platform-${Date.now()}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nWritten to ${file}`);
