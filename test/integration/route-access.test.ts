// Every route, every role: a table built from the routes the application declares, so a new route is covered at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { ROLES, refusalStatus, type Role } from '../../src/domain/roles.js';
import { enforceDeclaredAccess } from '../../src/web/access.js';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { routeParams } from '../support/route-params.js';

/** A demo account for each role (west-yorkshire profile), with the role to choose when it has several. */
const ACCOUNT_FOR: Record<Role, { username: string; role?: string }> = {
  practitioner: { username: 'practitioner' },
  support_worker: { username: 'support' },
  team_manager: { username: 'manager', role: 'team_manager' },
  custody_court_staff: { username: 'custody-officer' },
  partner_worker: { username: 'partner' },
  volunteer: { username: 'volunteer' },
  commissioner: { username: 'commissioner' },
  administrator: { username: 'admin' },
};

/** Routes that end the session or change the account: checked last, or on their own agent. */
const SESSION_ENDING = new Set(['POST /sign-out', 'POST /sign-out-everywhere']);

for (const engine of testEngines()) {
  describe(`route access (${engine})`, () => {
    let t: TestApp;
    let params: Record<string, string>;

    before(async () => {
      t = await startTestApp(engine);
      params = await routeParams(t.services);
    });
    after(() => t.close());

    // `:id` is the id of whatever the path names before it (/admin/sites/:id/edit).
    const fill = (url: string) =>
      url.replace(/(\w+)\/:id\b/, (_, plural: string) => `${plural}/${params[plural]}`).replace(/:(\w+)/g, (_, name: string) => params[name] ?? '00000000-0000-0000-0000-000000000000');

    test('every route declares who may use it, and at least the core routes exist', () => {
      const table = t.app.declaredRoutes;
      assert.ok(table.length >= 30, `only ${table.length} routes declared`);
      for (const r of table) assert.ok(r.access, `${r.method} ${r.url}`);
      for (const key of ['GET /health', 'GET /sign-in', 'POST /sign-in', 'GET /', 'GET /admin/services', 'GET /admin/users', 'GET /admin/audit']) {
        assert.ok(table.some((r) => `${r.method} ${r.url}` === key), `missing ${key}`);
      }
    });

    test('a route without an access rule stops the application from building', async () => {
      const app = Fastify();
      enforceDeclaredAccess(app, []);
      assert.throws(() => app.get('/new-page', async () => 'content'), /declares no access rule/);
      await app.close();
    });

    test('signed out: public routes answer, every other route sends to sign-in and shows nothing', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      for (const route of t.app.declaredRoutes.filter((r) => !r.url.startsWith('/static/') && !r.url.startsWith('/assets/'))) {
        const res = route.method === 'GET' ? await agent.get(fill(route.url)) : await agent.post(fill(route.url), {});
        const label = `${route.method} ${route.url}`;
        if ('public' in route.access) {
          assert.ok(res.status < 500, `${label} answered ${res.status}`);
        } else {
          assert.equal(res.status, 303, `${label} answered ${res.status}`);
          assert.match(res.location ?? '', /^\/sign-in/, label);
        }
      }
    });

    for (const role of ROLES) {
      test(`as ${role}: routes of other roles answer 403 (404 for a record, outside the team) and show nothing; its own routes do not`, async () => {
        const agent = new Agent(t.app);
        const account = ACCOUNT_FOR[role];
        await agent.signIn(account.username, { role: account.role });
        const routes = t.app.declaredRoutes.filter((r) => !r.url.startsWith('/static/') && !r.url.startsWith('/assets/') && !SESSION_ENDING.has(`${r.method} ${r.url}`));
        for (const route of routes) {
          const label = `${route.method} ${route.url} as ${role}`;
          // GET the page first (where there is one) so a POST carries a valid CSRF token, as from a browser.
          if (route.method === 'POST') await agent.get('/');
          const res = route.method === 'GET' ? await agent.get(fill(route.url)) : await agent.post(fill(route.url), {});
          if ('roles' in route.access) {
            const allowed = route.access.roles.includes(role);
            if (allowed) assert.notEqual(res.status, 403, `${label} was refused`);
            else {
              const status = refusalStatus(role, route.url.includes(':'));
              assert.equal(res.status, status, `${label} answered ${res.status}`);
              assert.match(res.body, status === 403 ? /You do not have access to this page/ : /Page not found/, label);
            }
          } else {
            assert.notEqual(res.status, 403, `${label} was refused`);
          }
          assert.ok(res.status < 500, `${label} answered ${res.status}`);
        }
      });
    }

    test('each refusal is in the audit trail', async () => {
      const denied = await t.services.audit.search({ action: 'access.denied', limit: 200 });
      assert.ok(denied.length > 0);
      assert.ok(denied.every((e) => e.username && e.subject_type === 'route'));
    });
  });
}
