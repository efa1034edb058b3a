// What the browser is told: security headers, cookie flags, the sign-in rate limit, and no internals in error pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';

describe('web security (pglite)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('pglite', { signInAttemptsPerMinute: 3 });
  });
  after(() => t.close());

  test('pages send a content security policy with a per-response script nonce, and other secure headers', async () => {
    const first = await new Agent(t.app).get('/sign-in');
    const second = await new Agent(t.app).get('/sign-in');
    const csp = String(first.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /form-action 'self'/);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(first.body, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}">`));
    assert.notEqual(nonce, /'nonce-([^']+)'/.exec(String(second.headers['content-security-policy']))?.[1]);
    assert.equal(first.headers['x-content-type-options'], 'nosniff');
    assert.equal(first.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(first.headers['referrer-policy'], 'same-origin');
    assert.equal(first.headers['cache-control'], 'no-store');
  });

  test('the session cookie is HttpOnly and SameSite, and holds no user data', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const res = await agent.request('POST', '/sign-in', { _csrf: /name="_csrf" value="([^"]+)"/.exec((await agent.get('/sign-in')).body)![1]!, username: 'admin', password: 'custody-suite-demo-2026' });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('divert_session='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /^divert_session=[A-Za-z0-9_-]{43};/);
  });

  test('unknown pages and bad ids answer 404 pages; hostile input is neither executed nor explained', async () => {
    const agent = new Agent(t.app);
    await agent.signIn('admin');
    const missing = await agent.get('/no-such-page');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /Page not found/);
    const injected = await agent.get("/admin/services/1'%20or%201=1--");
    assert.equal(injected.status, 404);
    assert.doesNotMatch(injected.body, /syntax|SQL|postgres|stack/i);
    const health = await agent.get('/health');
    assert.equal(health.status, 200);
  });
  // Last: it uses up this address's sign-in allowance.
  test('sign-in attempts from one address are rate limited', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await agent.post('/sign-in', { username: 'nobody-here', password: 'whatever-it-is-123' })).status);
    // Three a minute in this app; the earlier tests used two.
    assert.deepEqual(statuses, [401, 429, 429, 429, 429]);
    const limited = await agent.post('/sign-in', { username: 'nobody-here', password: 'whatever-it-is-123' });
    assert.match(limited.body, /Too many attempts/);
  });
});
