// A test application on a fresh database, and an agent that signs in and posts forms the way a browser does.
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle, Engine } from '../../src/db/open.js';
import { buildApp } from '../../src/web/app.js';
import { createServices, type Services } from '../../src/services/index.js';
import { loadConfig } from '../../src/config.js';
import { systemClock, type Clock } from '../../src/services/clock.js';
import { DEMO_PASSWORD } from '../../src/services/seed/profiles.js';
import { openTestDatabase } from './database.js';

/** `db` is for arranging facts a test needs that no page makes yet; assert through pages and services. */
export type TestApp = { app: FastifyInstance; services: Services; engine: Engine; db: DatabaseHandle['db']; close: () => Promise<void> };

export async function startTestApp(engine: Engine, options: { clock?: Clock; signInAttemptsPerMinute?: number } = {}): Promise<TestApp> {
  const handle = await openTestDatabase(engine);
  const services = createServices(handle, options.clock ?? systemClock);
  const config = { ...loadConfig({}), logLevel: 'silent' as const };
  const app = await buildApp(services, config, { signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 1000 });
  await app.ready();
  return {
    app,
    services,
    engine,
    db: handle.db,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export type Response = { status: number; body: string; location: string | undefined; headers: Record<string, unknown> };

/** Keeps cookies and the latest CSRF token, like a browser with one tab. */
export class Agent {
  readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Response> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.csrf = token[1]!;
    return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined, headers: res.headers };
  }

  get(url: string): Promise<Response> {
    return this.request('GET', url);
  }

  /** Posts a form with the CSRF token of the last page seen (as a browser would), unless one is given. */
  post(url: string, fields: Record<string, string> = {}): Promise<Response> {
    return this.request('POST', url, { _csrf: this.csrf, ...fields });
  }

  /** Signs in with the demo password; when the user has several roles, picks the first matching `role`. */
  async signIn(username: string, options: { password?: string; role?: string } = {}): Promise<Response> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { username, password: options.password ?? DEMO_PASSWORD });
    if (res.status !== 303) throw new Error(`Sign-in as ${username} failed with ${res.status}`);
    const home = await this.get('/');
    if (home.location?.startsWith('/choose-role')) {
      const page = await this.get(home.location);
      const pattern = options.role ? new RegExp(`value="([0-9a-f-]{36})"[^>]*>[\\s\\S]*?${roleText(options.role)}`) : /value="([0-9a-f-]{36})"/;
      const match = pattern.exec(page.body);
      if (!match) throw new Error(`No role ${options.role ?? ''} to choose for ${username}`);
      await this.post('/choose-role', { grantId: match[1]!, next: '/' });
    }
    return res;
  }
}

function roleText(role: string): string {
  const labels: Record<string, string> = { practitioner: 'Practitioner', team_manager: 'Team manager', administrator: 'Administrator' };
  return labels[role] ?? role;
}
