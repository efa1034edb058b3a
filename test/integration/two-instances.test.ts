// Two instances of divert serve on one PostgreSQL server database, with no router between them: started together on
// an empty database they migrate and load the demo data once; a session made on one works on the other, a form from
// one posts to the other, a change on one is seen on the other at once, and sign-out and lock-out hold on both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type Server } from '../support/processes.js';
import { createServerDatabase } from '../support/database.js';
import { postForm } from '../support/crash.js';
import { signInOverHttp } from '../../bench/http-sign-in.js';
import { openServerDatabase, type DatabaseHandle } from '../../src/db/open.js';
import { loadMigrations, migrate, migrationStatus } from '../../src/db/migrate.js';
import { createAuditService } from '../../src/services/audit.js';
import { systemClock } from '../../src/services/clock.js';
import { DEMO_PASSWORD, getProfile } from '../../src/services/seed/profiles.js';

const skip = !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set: two instances share a PostgreSQL server, which the embedded database cannot be';
const PROFILE = 'west-yorkshire';
const CSRF = /name="_csrf" value="([^"]+)"/;

type Page = { status: number; body: string; location: string | null };

async function get(server: Server, path: string, cookie: string): Promise<Page> {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { redirect: 'manual', headers: { cookie } });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

/** A page's CSRF token, to post its form (to either instance). */
function csrfOf(page: Page): string {
  const token = CSRF.exec(page.body)?.[1];
  assert.ok(token, `no CSRF token on a page that answered ${page.status}`);
  return token;
}

const baseUrl = (server: Server) => `http://127.0.0.1:${server.port}`;

const newPerson = (address: string, version?: string) => ({
  givenName: 'Tamsin',
  familyName: 'Twofold',
  'dateOfBirth[day]': '9',
  'dateOfBirth[month]': '11',
  'dateOfBirth[year]': '1988',
  sex: 'female',
  ethnicityCode: 'A',
  nhsNumber: '',
  pncId: '',
  address,
  ...(version ? { version } : {}),
});

describe('two instances on one PostgreSQL server', { timeout: 120_000 }, () => {
  let a: Server;
  let b: Server;
  let handle: DatabaseHandle;
  let dropDatabase: () => Promise<void> = async () => undefined;
  let cookie = '';
  let personId = '';

  before(async () => {
    if (skip) return;
    const database = await createServerDatabase();
    dropDatabase = database.drop;
    const env = { DATABASE_URL: database.url, DIVERT_SEED_PROFILE: PROFILE, LOG_LEVEL: 'silent' };
    // Started at the same moment, on a database with no tables yet.
    const started = await Promise.allSettled([startServer(env), startServer(env)]);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      for (const s of started) if (s.status === 'fulfilled') await s.value.stop('SIGKILL');
      throw failed.reason;
    }
    [a, b] = started.map((s) => (s as PromiseFulfilledResult<Server>).value) as [Server, Server];
    handle = await openServerDatabase(database.url, 2);
  });

  after(async () => {
    if (skip) return;
    await Promise.all([a?.stop(), b?.stop()]);
    await handle?.close();
    await dropDatabase();
  });

  test('started together on an empty database, they load the demo data exactly once', { skip }, async () => {
    const loaders = [a, b].filter((s) => s.output().includes('First start: loading'));
    assert.equal(loaders.length, 1, `instance outputs:\n${a.output()}\n---\n${b.output()}`);
    const profile = getProfile(PROFILE);
    const count = async (table: 'service' | 'site' | 'app_user') =>
      Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(await count('service'), profile.services.length);
    assert.equal(await count('site'), profile.services.reduce((n, s) => n + s.sites.length, 0));
    assert.equal(await count('app_user'), profile.users.length);
    const usernames = (await handle.db.selectFrom('app_user').select('username').execute()).map((u) => u.username).sort();
    assert.deepEqual(usernames, profile.users.map((u) => u.username).sort());
    assert.ok((await migrationStatus(handle.db)).current);
  });

  test('a session made on one instance works on the other, and a form from one posts to the other', { skip }, async () => {
    cookie = await signInOverHttp(baseUrl(a), 'practitioner');
    for (const server of [a, b]) {
      const home = await get(server, '/', cookie);
      assert.equal(home.status, 200, `instance on ${server.port}: ${home.location ?? ''}`);
      assert.match(home.body, /Hannah Okafor/);
    }
    const form = await get(a, '/people/new', cookie);
    assert.equal(form.status, 200);
    const saved = await postForm({ baseUrl: baseUrl(b), cookie, csrf: csrfOf(form) }, '/people/new', { ...newPerson('4 Weaver Row'), duplicateDecision: 'new' });
    assert.equal(saved.status, 303, saved.body.slice(0, 500));
    personId = /^\/people\/([0-9a-f-]{36})/.exec(saved.location ?? '')?.[1] ?? '';
    assert.ok(personId, `saved to ${saved.location}`);
    const onA = await get(a, `/people/${personId}`, cookie);
    assert.equal(onA.status, 200);
    assert.match(onA.body, /Tamsin Twofold/);
  });

  test('a change on one instance is seen on the other at once, and a stale edit on the other is refused', { skip }, async () => {
    const editOnA = await get(a, `/people/${personId}/edit`, cookie);
    const editOnB = await get(b, `/people/${personId}/edit`, cookie);
    const version = /name="version" value="(\d+)"/.exec(editOnB.body)?.[1];
    assert.ok(version);
    assert.equal(/name="version" value="(\d+)"/.exec(editOnA.body)?.[1], version);

    const changed = await postForm({ baseUrl: baseUrl(a), cookie, csrf: csrfOf(editOnA) }, `/people/${personId}/edit`, newPerson('17 Loom Street', version));
    assert.equal(changed.status, 303, changed.body.slice(0, 500));
    const seenOnB = await get(b, `/people/${personId}`, cookie);
    assert.equal(seenOnB.status, 200);
    assert.match(seenOnB.body, /17 Loom Street/);

    const stale = await postForm({ baseUrl: baseUrl(b), cookie, csrf: csrfOf(editOnB) }, `/people/${personId}/edit`, newPerson('2 Dyehouse Lane', version));
    assert.equal(stale.status, 409);
    assert.match(stale.body, /Someone else changed these details while you were editing/);
    const stored = await handle.db.selectFrom('person').select('address').where('id', '=', personId).executeTakeFirstOrThrow();
    assert.equal(stored.address, '17 Loom Street');
  });

  test('wrong passwords sent to both instances at once each count towards the lock-out', { skip }, async () => {
    // One visitor's sign-in page from A: its token is good on B too, as both share the installation's key.
    const page = await fetch(`${baseUrl(a)}/sign-in`);
    const visitor = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = CSRF.exec(await page.text())?.[1] ?? '';
    const attempt = (server: Server, password: string) => postForm({ baseUrl: baseUrl(server), cookie: visitor, csrf }, '/sign-in', { username: 'nurse.ayo', password });
    const wrong = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(i % 2 === 0 ? a : b, `not-the-password-${i}`)));
    for (const w of wrong) assert.ok(w.status === 401 || w.status === 423, `a wrong password answered ${w.status}`);
    const right = await attempt(b, DEMO_PASSWORD);
    assert.equal(right.status, 423, 'the right password was let in after ten wrong ones');

    const user = await handle.db.selectFrom('app_user').select(['id', 'failed_sign_ins']).where('username', '=', 'nurse.ayo').executeTakeFirstOrThrow();
    const counted = await handle.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('subject_id', '=', user.id)
      .where('action', 'in', ['user.sign_in_failed', 'user.locked_out'])
      .executeTakeFirstOrThrow();
    assert.ok(user.failed_sign_ins >= 5, `only ${user.failed_sign_ins} failures were counted`);
    assert.equal(user.failed_sign_ins, Number(counted.n), 'every failure recorded in the audit trail is counted');
  });

  test('signing out on one instance ends the session on the other, though the other kept it in memory', { skip }, async () => {
    assert.equal((await get(a, '/', cookie)).status, 200, 'the session in use on the other instance');
    const home = await get(b, '/', cookie);
    const out = await postForm({ baseUrl: baseUrl(b), cookie, csrf: csrfOf(home) }, '/sign-out', {});
    assert.equal(out.status, 303);
    const onA = await get(a, '/', cookie);
    assert.equal(onA.status, 303);
    assert.match(onA.location ?? '', /^\/sign-in/);
    const practitioner = await handle.db.selectFrom('app_user').select('id').where('username', '=', 'practitioner').executeTakeFirstOrThrow();
    assert.equal((await handle.db.selectFrom('user_session').select('token_hash').where('user_id', '=', practitioner.id).execute()).length, 0);
    // Everything both instances wrote went into one unbroken audit trail.
    const verified = await createAuditService(handle.db, systemClock).verify();
    assert.ok(verified.ok, verified.problem);
  });

  test('three instances migrating one empty database at once apply each migration once', { skip }, async () => {
    const database = await createServerDatabase();
    const handles = await Promise.all([0, 1, 2].map(() => openServerDatabase(database.url, 2)));
    try {
      const applied = await Promise.all(handles.map((h) => migrate(h.db)));
      assert.deepEqual(applied.flat().sort(), loadMigrations().map((m) => m.name).sort());
      assert.ok((await migrationStatus(handles[0]!.db)).current);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await database.drop();
    }
  });
});
