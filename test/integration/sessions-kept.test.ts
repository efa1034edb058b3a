// Sessions kept in memory (services/accounts/session-cache.ts), on each engine: a kept session saves the database a
// read, and is forgotten as soon as what it was read from changes, however it changed: through the session store,
// through a statement of this instance's, or (on a server) through another connection altogether, as another instance
// would; and on a server nothing is kept while listening for those changes is lost.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { openTestDatabase, serverUrl, testEngines } from '../support/database.js';
import { createServices, type Services } from '../../src/services/index.js';
import { fixedClock } from '../../src/services/clock.js';
import type { DatabaseHandle } from '../../src/db/open.js';
import { hashToken, type SessionLookup } from '../../src/services/accounts/sessions.js';

const NOW = '2026-11-23T03:00:00Z';
const ORIGIN = { ipAddress: '127.0.0.1', userAgent: 'test' };

/** Asks until `check` holds of the lookup, for up to two seconds: an announcement from another connection takes a moment. */
async function eventually(find: () => Promise<SessionLookup>, check: (lookup: SessionLookup) => boolean, what: string): Promise<SessionLookup> {
  const until = Date.now() + 2_000;
  for (;;) {
    const lookup = await find();
    if (check(lookup)) return lookup;
    if (Date.now() > until) assert.fail(`${what}: still ${JSON.stringify(lookup).slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}


for (const engine of testEngines()) {
  describe(`sessions kept in memory (${engine})`, () => {
    const clock = fixedClock(NOW);
    let handle: DatabaseHandle;
    let services: Services;
    let userId = '';
    let probes = 0;

    before(async () => {
      handle = await openTestDatabase(engine);
      services = createServices(handle, clock);
      userId = (await handle.db.selectFrom('app_user').select('id').where('username', '=', 'practitioner').executeTakeFirstOrThrow()).id;
    });
    after(() => handle.close());

    /**
     * Whether a session is kept: the database is told, unannounced (as a session's last use is), that it was last
     * seen a few seconds earlier than before; a session read from the database knows it, a kept one does not.
     */
    async function isKept(token: string): Promise<boolean> {
      const earlier = ++probes % 50;
      await handle.db.updateTable('user_session').set({ last_seen_at: new Date(Date.parse(NOW) - earlier * 1000) }).where('token_hash', '=', hashToken(token)).execute();
      const lookup = await services.sessions.find(token);
      assert.equal(lookup.status, 'active');
      return lookup.status === 'active' && lookup.session.secondsUntilIdleTimeout !== 30 * 60 - earlier;
    }

    /** A new session, once it is kept (the first look-up starts listening, and a session read before that is not kept). */
    async function signedIn(): Promise<{ token: string; find: () => Promise<SessionLookup> }> {
      const token = await services.sessions.create(userId, { secondFactorPending: false, origin: ORIGIN });
      const until = Date.now() + 2_000;
      while (!(await isKept(token))) {
        if (Date.now() > until) assert.fail('the session was never kept');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { token, find: () => services.sessions.find(token) };
    }

    test('a session is read once and then kept, until a minute after its last use, when it is read and marked as used again', async () => {
      const { token, find } = await signedIn();
      assert.equal(await isKept(token), true);
      clock.advanceMinutes(2);
      try {
        const read = await find();
        assert.equal(read.status === 'active' && read.session.secondsUntilIdleTimeout, 30 * 60);
        const row = await handle.db.selectFrom('user_session').select('last_seen_at').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
        assert.equal(row.last_seen_at.toISOString(), new Date(Date.parse(NOW) + 120_000).toISOString());
      } finally {
        clock.set(NOW);
      }
    });

    test('a session ended or changed by the session store is forgotten at once', async () => {
      const grant = await handle.db.selectFrom('role_grant').select('service_id').where('user_id', '=', userId).executeTakeFirstOrThrow();
      const added = await handle.db.insertInto('role_grant').values({ user_id: userId, role: 'volunteer', service_id: grant.service_id }).returning('id').executeTakeFirstOrThrow();
      try {
        const { token, find } = await signedIn();
        await services.sessions.chooseGrant(hashToken(token), added.id);
        const changed = await find();
        assert.equal(changed.status === 'active' && changed.session.activeGrant?.role, 'volunteer', 'the role chosen');
        await services.sessions.destroy(hashToken(token));
        assert.equal((await find()).status, 'none');
      } finally {
        await handle.db.deleteFrom('role_grant').where('id', '=', added.id).execute();
      }
    });

    test('a session deleted by a statement the session store did not make is forgotten once the database announces it', async () => {
      const { token, find } = await signedIn();
      await sql`delete from user_session where token_hash = ${hashToken(token)}`.execute(handle.db);
      await eventually(find, (l) => l.status === 'none', 'the deleted session is still used');
    });

    test('a renamed service, or a deactivated user, made through this instance is seen at once', async () => {
      const { find } = await signedIn();
      const before = await find();
      const serviceId = before.status === 'active' ? before.session.activeGrant?.serviceId : null;
      assert.ok(serviceId, 'the practitioner has a role in a service');
      await sql`update service set name = name || ' (renamed)' where id = ${serviceId}`.execute(handle.db);
      try {
        const renamed = await find();
        assert.match(renamed.status === 'active' ? (renamed.session.activeGrant?.serviceName ?? '') : '', /\(renamed\)$/);
      } finally {
        await sql`update service set name = replace(name, ' (renamed)', '') where id = ${serviceId}`.execute(handle.db);
      }
      await sql`update app_user set is_active = false where id = ${userId}`.execute(handle.db);
      try {
        assert.equal((await find()).status, 'none', 'a deactivated user is signed out');
      } finally {
        await sql`update app_user set is_active = true where id = ${userId}`.execute(handle.db);
      }
    });

    test('a change made through another connection, as another instance makes it, is seen once announced', { skip: engine === 'pglite' && 'the embedded engine has one connection, this process\'s' }, async () => {
      const { token, find } = await signedIn();
      const database = (await sql<{ name: string }>`select current_database() as name`.execute(handle.db)).rows[0]!.name;
      const other = new pg.Client({ connectionString: serverUrl(database) });
      await other.connect();
      const name = (await other.query<{ display_name: string }>('select display_name from app_user where id = $1', [userId])).rows[0]!.display_name;
      try {
        await other.query(`update app_user set display_name = 'Renamed elsewhere' where id = $1`, [userId]);
        await eventually(find, (l) => l.status === 'active' && l.session.displayName === 'Renamed elsewhere', 'a user renamed elsewhere');
        await other.query('delete from user_session where token_hash = $1', [hashToken(token)]);
        await eventually(find, (l) => l.status === 'none', 'a session ended elsewhere');
      } finally {
        await other.query('update app_user set display_name = $2 where id = $1', [userId, name]);
        await other.end();
      }
    });

    test('while listening is lost nothing is kept; once it is back, sessions are kept again', { skip: engine === 'pglite' && 'the embedded engine\'s listening cannot be lost' }, async () => {
      const { token } = await signedIn();
      const terminated = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen %'`.execute(handle.db);
      assert.equal(terminated.rows[0]!.n, 1, 'one listening connection');
      const until = Date.now() + 2_000;
      while (await isKept(token)) {
        if (Date.now() > until) assert.fail('a session was still kept after listening was lost');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(await isKept(token), false, 'nothing is kept while not listening');
      await signedIn();
    });
  });
}
