// One measurement: many connections asking for a page (its path rotating) for a fixed time, every response's
// latency kept (a redirect after a saved form counts as much as a page), and any unexpected answer counted as an error.
import http from 'node:http';
import autocannon from 'autocannon';
import type { Measured, PageRequest } from './pages.js';
import { percentile, round } from './support.js';

export type LoadResult = { requests: number; requestsPerSecond: number; p50: number; p95: number; p99: number; max: number; errors: number; statuses: Record<string, number> };

/**
 * connections: concurrent users, each sending its next request when the last is answered; seconds: how long, or
 * amount: how many requests in all (for a slow page, where a few seconds would see none finish).
 */
export type LoadOptions = { connections: number; seconds: number; amount?: number; cookie: string; csrfToken?: string };

/** A page request's form body, the session's CSRF token added; null for a GET. */
export function formBody(r: PageRequest, csrfToken = ''): string | null {
  return r.method === 'POST' ? new URLSearchParams({ ...r.body, _csrf: csrfToken }).toString() : null;
}

function summary(latencies: number[], elapsedSeconds: number, errors: number, statuses: Record<string, number>): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / elapsedSeconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? NaN),
    errors,
    statuses,
  };
}

/** One request of a page, as a user sends it; its status and how long the whole answer took. */
export async function requestOnce(baseUrl: string, r: PageRequest, o: Pick<LoadOptions, 'cookie' | 'csrfToken'>): Promise<{ status: number; ms: number }> {
  const body = formBody(r, o.csrfToken);
  const started = performance.now();
  const res = await fetch(`${baseUrl}${r.path}`, {
    method: r.method, redirect: 'manual',
    headers: { cookie: o.cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: body ?? undefined,
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

/**
 * Waits for the installation to work off what an earlier load left queued (a saturated run stops sending, but the
 * requests it had sent are still being served): until a request of the page answers within twice `aloneMs`, the
 * time it takes alone, or 3 minutes pass. Without it, the next measurement starts behind them.
 */
export async function settle(baseUrl: string, page: Pick<Measured, 'next'>, o: Pick<LoadOptions, 'cookie' | 'csrfToken'>, aloneMs: number): Promise<void> {
  const deadline = performance.now() + 180_000;
  for (let i = 0; performance.now() < deadline; i++) {
    if ((await requestOnce(baseUrl, page.next(i), o)).ms <= Math.max(2 * aloneMs, 5)) return;
  }
}

export async function loadPage(baseUrl: string, page: Pick<Measured, 'next' | 'expect'>, o: LoadOptions): Promise<LoadResult> {
  let i = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  let done!: (r: autocannon.Result) => void;
  let failed!: (e: Error) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => ((done = resolve), (failed = reject)));
  const instance = autocannon({
    url: baseUrl,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.seconds }),
    timeout: 120,
    requests: [{
      setupRequest: (req) => {
        const r = page.next(i++);
        const headers: Record<string, string> = { ...(req.headers as Record<string, string>), cookie: o.cookie };
        if (r.method === 'GET') return { ...req, method: 'GET', path: r.path, headers, body: undefined };
        headers['content-type'] = 'application/x-www-form-urlencoded';
        return { ...req, method: 'POST', path: r.path, headers, body: formBody(r, o.csrfToken)! };
      },
    }],
  }, (error, result) => (error ? failed(error) : done(result)));
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== page.expect) unexpected++;
  });
  const started = performance.now();
  const result = await finished;
  const elapsed = (performance.now() - started) / 1000;
  return summary(latencies, elapsed, unexpected + result.errors + result.timeouts, statuses);
}

/**
 * Paced: requests sent at an even rate (one every 1000/rate ms, whatever the answers are doing) over up to
 * `connections` keep-alive connections, as users who each click now and then; the latency is what each one waits.
 */
export async function pacePage(baseUrl: string, page: Pick<Measured, 'next' | 'expect'>, o: LoadOptions & { rate: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const url = new URL(baseUrl);
  const total = Math.max(1, Math.round(o.rate * o.seconds));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const send = (i: number) =>
    new Promise<void>((resolve) => {
      const r = page.next(i);
      const body = formBody(r, o.csrfToken);
      const headers: Record<string, string> = { cookie: o.cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}) };
      const started = performance.now();
      const req = http.request({ host: url.hostname, port: url.port, path: r.path, method: r.method, headers, agent, timeout: 120_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1;
          if (res.statusCode !== page.expect) errors++;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('no answer in time')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      if (body) req.write(body);
      req.end();
    });
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.push(send(i));
  }
  await Promise.all(sent);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return summary(latencies, elapsed, errors, statuses);
}
