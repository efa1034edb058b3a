// One practitioner at a browser, for the mixed-load benchmark: signs in, keeps its cookies, CSRF token and connection,
// sends real forms from its own address (X-Forwarded-For, as through a reverse proxy), waits a moment between requests, and
// records every request's latency and status by step; an unexpected answer ends the task it was part of.
import http from 'node:http';
import { DEMO_PASSWORD } from '../src/services/seed/profiles.js';
import { percentile, round } from './support.js';

export type StepFigures = { requests: number; requestsPerSecond: number; p50: number; p95: number; p99: number; max: number; errors: number; statuses: Record<string, number> };
export type ErrorSample = { step: string; user: string; method: string; path: string; status: string; message: string; sentAtSecond: number };

/** Every request's latency and status, by step; the first few errors with what the page said. */
export class Recorder {
  readonly steps = new Map<string, { latencies: number[]; errors: number; statuses: Record<string, number> }>();
  readonly errorSamples: ErrorSample[] = [];
  /** A page answered as expected but without what the next step needs (a link, a form): counted as an error too. */
  readonly pageProblems: string[] = [];
  /** Requests and errors by the second of the run in which they were answered. */
  readonly timeline: Array<{ requests: number; errors: number }> = [];
  /** When the run started (performance.now()); requests before it (signing in) are not on the timeline. */
  start = Infinity;
  constructor(private readonly keep = 10) {}

  problem(message: string) {
    this.pageProblems.push(message);
  }

  record(step: string, ms: number, status: string, ok: boolean, sample?: Omit<ErrorSample, 'step' | 'status' | 'sentAtSecond'>) {
    const second = Math.floor((performance.now() - this.start) / 1000);
    const slot = (this.timeline[second] ??= { requests: 0, errors: 0 });
    slot.requests++;
    if (!ok) slot.errors++;
    const s = this.steps.get(step) ?? { latencies: [], errors: 0, statuses: {} };
    this.steps.set(step, s);
    s.latencies.push(ms);
    s.statuses[status] = (s.statuses[status] ?? 0) + 1;
    if (ok) return;
    s.errors++;
    if (sample && this.errorSamples.length < this.keep) this.errorSamples.push({ step, status, ...sample, sentAtSecond: round((performance.now() - ms - this.start) / 1000) });
  }

  static figures(latencies: number[], errors: number, statuses: Record<string, number>, seconds: number): StepFigures {
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (p: number) => round(percentile(sorted, p));
    return { requests: sorted.length, requestsPerSecond: round(sorted.length / seconds), p50: at(50), p95: at(95), p99: at(99), max: round(sorted.at(-1) ?? NaN), errors, statuses };
  }
}

/** The task is abandoned: a request was not answered as expected (already recorded). */
export class StepFailed extends Error {}
/** The run's time is up. */
export class TimeUp extends Error {}

/** What a page says went wrong: its title and the first error message, or the start of a body that is not a page. */
export function pageProblem(body: string): string {
  const text = (html: string | undefined) => (html ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  const title = text(/<title>([\s\S]*?)<\/title>/.exec(body)?.[1]);
  const error = text(/class="nhsuk-error-summary__list"[^>]*>([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? /class="nhsuk-error-message"[^>]*>([\s\S]*?)<\/span>/.exec(body)?.[1]);
  return [title, error].filter(Boolean).join(' – ').slice(0, 300) || body.slice(0, 200);
}

export type ClientOptions = { baseUrl: string; address: string; deadline: number; thinkMs: number; timeoutMs: number; random: () => number };
type Form = Record<string, string>;
type Answer = { status: number; location: string; setCookies: string[]; body: string };

export class VirtualUser {
  /**
   * Its own keep-alive connection, as a browser keeps one to the site: opened when signing in, used for every request.
   * (Users sharing a pool of connections would open new ones in the middle of the load, which an application saturated
   * on the embedded engine leaves unaccepted until the load falls: a measure of the pool, not of the application.)
   */
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly jar = new Map<string, string>();
  private csrf = '';

  constructor(readonly username: string, private readonly o: ClientOptions, private readonly recorder: Recorder) {}

  close() {
    this.agent.destroy();
  }

  private keepCookies(answer: Answer) {
    for (const line of answer.setCookies) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const cleared = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (cleared) this.jar.delete(name!.trim());
      else this.jar.set(name!.trim(), value.join('='));
    }
  }

  /** One request over the user's connection; a time-out (the whole answer not read in time) rejects with a TimeoutError. */
  private request(method: 'GET' | 'POST', path: string, form?: Form): Promise<Answer> {
    const body = form ? new URLSearchParams({ ...form, _csrf: this.csrf }).toString() : undefined;
    const headers: http.OutgoingHttpHeaders = { 'x-forwarded-for': this.o.address, cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) });
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.o.baseUrl}${path}`, { method, agent: this.agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? '', setCookies: res.headers['set-cookie'] ?? [], body: text });
        });
      });
      const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer in ${this.o.timeoutMs} ms`), { name: 'TimeoutError' })), this.o.timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  }

  /** Signs in as a browser would (not timed) and reads the CSRF token from the page it lands on. */
  async signIn() {
    const page = await this.request('GET', '/sign-in');
    this.keepCookies(page);
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await this.request('POST', '/sign-in', { username: this.username, password: DEMO_PASSWORD });
    if (res.status !== 303) throw new Error(`Sign-in as ${this.username} from ${this.o.address} answered ${res.status}: ${pageProblem(res.body)}`);
    this.keepCookies(res);
    const home = await this.request('GET', res.location || '/');
    this.keepCookies(home);
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
    if (home.status !== 200 || !this.csrf) throw new Error(`After signing in as ${this.username}, ${res.location} answered ${home.status} without a form token: ${pageProblem(home.body)}`);
  }

  /**
   * One request of a step, after a moment's thought: a page must answer 200; a saved form 303 to a place matching
   * `to` (so that a redirect to the sign-in page is not taken for a save). Returns the body and where it redirects.
   */
  async send(step: string, method: 'GET' | 'POST', path: string, options: { form?: Form; to?: RegExp } = {}): Promise<{ body: string; location: string }> {
    await new Promise((r) => setTimeout(r, this.o.random() * this.o.thinkMs));
    if (performance.now() >= this.o.deadline) throw new TimeUp();
    const expect = method === 'GET' ? 200 : 303;
    const started = performance.now();
    let status: string;
    let body = '';
    let location = '';
    try {
      const res = await this.request(method, path, method === 'POST' ? options.form ?? {} : undefined);
      this.keepCookies(res);
      ({ body, location } = res);
      status = String(res.status);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      status = e.name === 'TimeoutError' ? 'timeout' : `network ${e.code ?? e.message}`;
      body = e.message;
    }
    const ms = performance.now() - started;
    const ok = status === String(expect) && (expect === 200 || (options.to ?? /^\/(?!sign-in)/).test(location));
    this.recorder.record(step, ms, status, ok, { user: this.username, method, path, message: ok ? '' : status === '303' ? `redirected to ${location}` : pageProblem(body) });
    if (!ok) throw new StepFailed(`${step}: ${method} ${path} answered ${status}`);
    return { body, location };
  }
}
