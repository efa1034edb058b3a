// Sessions, kept in the database so that any instance can serve any request.
import crypto from 'node:crypto';
import { sql, type CompiledQuery, type Expression, type InferResult, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { grantRows, toNamedGrant, type GrantRow, type NamedGrant } from './grant-rows.js';
import type { Database } from '../../db/schema.js';
import { sessionState, secondsUntilIdleTimeout } from '../../domain/session-timeout.js';
import type { Clock } from '../clock.js';
import type { RequestOrigin } from '../audit.js';
import { createSessionCache, SESSIONS_CHANNEL, type SessionCache } from './session-cache.js';
import type { NotificationHandlers } from '../../db/notifications.js';

export type SessionGrant = NamedGrant;

export type Session = {
  tokenHash: string;
  userId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  secondFactorPending: boolean;
  /** The user must set up a second factor before doing anything else. */
  secondFactorSetupNeeded: boolean;
  grants: SessionGrant[];
  activeGrant: SessionGrant | null;
  secondsUntilIdleTimeout: number;
};

export type SessionLookup = { status: 'active'; session: Session } | { status: 'expired' } | { status: 'none' };

/** Touching last_seen_at on every request would write on every read; once a minute is enough. */
const TOUCH_AFTER_MS = 60_000;

/** Stands for the token in the session's query, built once; a token hash is 64 hex digits, so never this. */
const TOKEN = 'the token hash';

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

type SessionRow = InferResult<ReturnType<typeof sessionQuery>>[number];

/** The user's roles, in services still active. */
const grantsOfUser = (db: Kysely<Database>, userId: Expression<string>) =>
  grantRows(db)
    .where('g.user_id', '=', userId)
    .where((eb) => eb.or([eb('sv.is_active', '=', true), eb('g.service_id', 'is', null)]));

/** The session's query, with its user and roles as one sub-query, so that a session reads in one round trip. */
function sessionQuery(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.token_hash', 's.user_id', 's.role_grant_id', 's.second_factor_pending', 's.created_at', 's.last_seen_at',
      'u.username', 'u.display_name', 'u.must_change_password', 'u.is_active', 'u.totp_required', 'u.totp_enabled_at',
    ])
    .select((eb) => jsonArrayFrom(grantsOfUser(db, eb.ref('s.user_id'))).as('grants'))
    .where('s.token_hash', '=', tokenHash);
}

/** Sessions kept in memory for a store, while it listens for the database's announcements of their changes. */
export const sessionCacheFor = (handle: { listen?: (channel: string, handlers: NotificationHandlers) => unknown }): SessionCache<SessionRow> =>
  createSessionCache<SessionRow>(handle.listen ? { listen: (handlers) => void handle.listen!(SESSIONS_CHANNEL, handlers) } : {});

export function createSessionStore(db: Kysely<Database>, clock: Clock, cache: SessionCache<SessionRow> = createSessionCache({})) {
  // The session's query is the same on every request but for the token, so it is built once: building it took 50 µs.
  const findQuery: CompiledQuery<SessionRow> = sessionQuery(db, TOKEN).compile();

  async function grantsOf(userId: string): Promise<SessionGrant[]> {
    return (await grantsOfUser(db, sql.val(userId)).execute()).map(toNamedGrant);
  }

  /** The session a row (from the database or kept) describes, as seen now. */
  function sessionOf(row: SessionRow, now: Date): Session {
    const grants = (row.grants as GrantRow[]).map(toNamedGrant);
    return {
      tokenHash: row.token_hash,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      mustChangePassword: row.must_change_password,
      secondFactorPending: row.second_factor_pending,
      secondFactorSetupNeeded: row.totp_required && row.totp_enabled_at === null,
      grants,
      activeGrant: grants.find((g) => g.id === row.role_grant_id) ?? null,
      secondsUntilIdleTimeout: secondsUntilIdleTimeout(row.last_seen_at, now),
    };
  }

  /** A kept session is used until it is due to be marked as used again; then the database is asked. */
  const usableKept = (row: SessionRow, now: Date) =>
    now.getTime() - row.last_seen_at.getTime() <= TOUCH_AFTER_MS &&
    sessionState({ createdAt: row.created_at, lastSeenAt: row.last_seen_at }, now) === 'active';

  return {
    /** Starts a session and returns the token for the browser's cookie. */
    async create(userId: string, options: { secondFactorPending: boolean; origin: RequestOrigin }): Promise<string> {
      const token = crypto.randomBytes(32).toString('base64url');
      const grants = await grantsOf(userId);
      const now = clock.now();
      await db
        .insertInto('user_session')
        .values({
          token_hash: hashToken(token),
          user_id: userId,
          // With one role there is nothing to choose.
          role_grant_id: grants.length === 1 ? grants[0]!.id : null,
          second_factor_pending: options.secondFactorPending,
          created_at: now,
          last_seen_at: now,
          ip_address: options.origin.ipAddress,
          user_agent: options.origin.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      return token;
    },

    async find(token: string | undefined): Promise<SessionLookup> {
      if (!token || token.length > 100) return { status: 'none' };
      const tokenHash = hashToken(token);
      const now = clock.now();
      const kept = cache.get(tokenHash);
      if (kept && usableKept(kept, now)) return { status: 'active', session: sessionOf(kept, now) };
      const mark = cache.mark();
      const query: typeof findQuery = { ...findQuery, parameters: findQuery.parameters.map((p) => (p === TOKEN ? tokenHash : p)) };
      const row = (await db.executeQuery(query)).rows[0];
      if (!row) return { status: 'none' };
      const state = sessionState({ createdAt: row.created_at, lastSeenAt: row.last_seen_at }, now);
      if (state !== 'active' || !row.is_active) {
        await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
        return { status: state === 'active' ? 'none' : 'expired' };
      }
      let seen = row;
      if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
        await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
        seen = { ...row, last_seen_at: now };
      }
      cache.keep(tokenHash, seen, mark);
      return { status: 'active', session: sessionOf(seen, now) };
    },

    /** Marks the session as used now (the "stay signed in" button). */
    async extend(tokenHash: string): Promise<void> {
      await db.updateTable('user_session').set({ last_seen_at: clock.now() }).where('token_hash', '=', tokenHash).execute();
      cache.forget(tokenHash);
    },

    async chooseGrant(tokenHash: string, grantId: string): Promise<void> {
      await db.updateTable('user_session').set({ role_grant_id: grantId }).where('token_hash', '=', tokenHash).execute();
      cache.forget(tokenHash);
    },

    async completeSecondFactor(tokenHash: string): Promise<void> {
      await db.updateTable('user_session').set({ second_factor_pending: false, last_seen_at: clock.now() }).where('token_hash', '=', tokenHash).execute();
      cache.forget(tokenHash);
    },

    async destroy(tokenHash: string): Promise<void> {
      await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
      cache.forget(tokenHash);
    },

    /** Ends every session of the user, on every device; returns how many ended. */
    async destroyAllForUser(userId: string): Promise<number> {
      const result = await db.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst();
      cache.forgetAll();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
