// Signing in: password, lock-out, and the second factor (time-based one-time codes).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { afterFailedSignIn, afterSuccessfulSignIn, isLocked, minutesUntilUnlocked, type LockoutState } from '../../domain/sign-in-lockout.js';
import { newTotpSecret, otpauthUri, verifyTotp } from '../../domain/totp.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { normaliseUsername } from './users.js';
import type { SessionStore } from './sessions.js';

export type SignInResult =
  | { outcome: 'signed_in'; token: string; secondFactor: 'not_needed' | 'code_needed' | 'setup_needed' }
  | { outcome: 'failed' }
  | { outcome: 'locked'; minutes: number };

export const TOTP_ISSUER = 'Divert';

export function createSignIn(db: Kysely<Database>, clock: Clock, audit: AuditService, sessions: SessionStore) {
  /**
   * Counts one failure against the count as it is now, under a lock on the user's row: attempts made at the same
   * time, on this instance or another, are each counted rather than overwriting one another.
   */
  async function countFailure(userId: string, now: Date): Promise<LockoutState> {
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('app_user').select(['failed_sign_ins', 'locked_until']).where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
      const next = afterFailedSignIn({ failedSignIns: row.failed_sign_ins, lockedUntil: row.locked_until }, now);
      await trx.updateTable('app_user').set({ failed_sign_ins: next.failedSignIns, locked_until: next.lockedUntil }).where('id', '=', userId).execute();
      return next;
    });
  }

  return {
    async signIn(usernameInput: string, password: string, origin: RequestOrigin): Promise<SignInResult> {
      const username = normaliseUsername(usernameInput).slice(0, 60);
      const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
      const now = clock.now();
      if (!user) {
        await verifyPassword(await decoyPasswordHash(), password); // same time as a real check
        await audit.record({ userId: null, username }, origin, { action: 'user.sign_in_failed', detail: { reason: 'unknown username' } });
        return { outcome: 'failed' };
      }
      const state = { failedSignIns: user.failed_sign_ins, lockedUntil: user.locked_until };
      if (isLocked(state, now)) {
        await audit.record({ userId: user.id, username }, origin, { action: 'user.sign_in_refused', subjectType: 'user', subjectId: user.id, detail: { reason: 'locked' } });
        return { outcome: 'locked', minutes: minutesUntilUnlocked(state, now) };
      }
      const passwordOk = await verifyPassword(user.password_hash, password);
      if (!passwordOk || !user.is_active) {
        const next = await countFailure(user.id, now);
        const lockedNow = isLocked(next, now);
        await audit.record({ userId: user.id, username }, origin, {
          action: lockedNow ? 'user.locked_out' : 'user.sign_in_failed',
          subjectType: 'user',
          subjectId: user.id,
          detail: { reason: passwordOk ? 'account deactivated' : 'wrong password', failedSignIns: next.failedSignIns },
        });
        return lockedNow ? { outcome: 'locked', minutes: minutesUntilUnlocked(next, now) } : { outcome: 'failed' };
      }
      // Cleared only if no attempt made meanwhile (here or on another instance) has locked the account.
      const cleared = afterSuccessfulSignIn();
      const unlocked = await db
        .updateTable('app_user')
        .set({ failed_sign_ins: cleared.failedSignIns, locked_until: cleared.lockedUntil })
        .where('id', '=', user.id)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .executeTakeFirst();
      if (Number(unlocked.numUpdatedRows) === 0) {
        const latest = await db.selectFrom('app_user').select(['failed_sign_ins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
        await audit.record({ userId: user.id, username }, origin, { action: 'user.sign_in_refused', subjectType: 'user', subjectId: user.id, detail: { reason: 'locked' } });
        return { outcome: 'locked', minutes: minutesUntilUnlocked({ failedSignIns: latest.failed_sign_ins, lockedUntil: latest.locked_until }, now) };
      }
      const secondFactor = user.totp_enabled_at ? 'code_needed' : user.totp_required ? 'setup_needed' : 'not_needed';
      const token = await sessions.create(user.id, { secondFactorPending: secondFactor !== 'not_needed', origin });
      if (secondFactor === 'not_needed') await this.recordSignedIn(user.id, username, origin);
      return { outcome: 'signed_in', token, secondFactor };
    },

    async recordSignedIn(userId: string, username: string, origin: RequestOrigin): Promise<void> {
      await db.updateTable('app_user').set({ last_signed_in_at: clock.now() }).where('id', '=', userId).execute();
      await audit.record({ userId, username }, origin, { action: 'user.signed_in', subjectType: 'user', subjectId: userId });
    },

    /** Checks a code for a user who has a second factor set up; wrong codes count towards lock-out. */
    async verifySecondFactor(userId: string, code: string, origin: RequestOrigin): Promise<{ ok: true } | { ok: false; error: string; locked?: boolean }> {
      const user = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      const now = clock.now();
      const state = { failedSignIns: user.failed_sign_ins, lockedUntil: user.locked_until };
      if (isLocked(state, now)) return { ok: false, locked: true, error: `Too many wrong attempts. Try again in ${minutesUntilUnlocked(state, now)} minutes.` };
      if (!user.totp_secret || !user.totp_enabled_at) return { ok: false, error: 'Set up your authenticator app first' };
      const result = verifyTotp(user.totp_secret, code, now, user.totp_last_step);
      if (result.ok) {
        // The step is taken only if no other request (on any instance) has used this code or a later one meanwhile.
        const taken = await db
          .updateTable('app_user')
          .set({ totp_last_step: result.step, failed_sign_ins: 0, locked_until: null })
          .where('id', '=', userId)
          .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', result.step)]))
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 1) {
          await this.recordSignedIn(userId, user.username, origin);
          return { ok: true };
        }
        return { ok: false, error: 'That code has already been used: wait for the next code and enter it' };
      }
      if (result.reason === 'malformed') return { ok: false, error: 'Enter the 6-digit code from your authenticator app' };
      const next = await countFailure(userId, now);
      await audit.record({ userId, username: user.username }, origin, { action: 'user.second_factor_failed', subjectType: 'user', subjectId: userId, detail: { reason: result.reason } });
      if (isLocked(next, now)) return { ok: false, locked: true, error: `Too many wrong attempts. Try again in ${minutesUntilUnlocked(next, now)} minutes.` };
      return {
        ok: false,
        error: result.reason === 'reused' ? 'That code has already been used: wait for the next code and enter it' : 'The code is not right: check your authenticator app and enter the code it shows now',
      };
    },

    /** A new secret for setting up a second factor; nothing is stored until a code from it is confirmed. */
    async beginTotpSetup(userId: string): Promise<{ secret: string; uri: string }> {
      const user = await db.selectFrom('app_user').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
      const secret = newTotpSecret();
      return { secret, uri: otpauthUri(secret, user.username, TOTP_ISSUER) };
    },

    /** Confirms set-up with a code from the new secret; from now on sign-in asks for a code. */
    async confirmTotpSetup(userId: string, secret: string, code: string, origin: RequestOrigin): Promise<{ ok: true } | { ok: false; error: string }> {
      const result = verifyTotp(secret, code, clock.now(), null);
      if (!result.ok) {
        return { ok: false, error: result.reason === 'malformed' ? 'Enter the 6-digit code from your authenticator app' : 'The code is not right: check the app was set up with this key and enter the code it shows now' };
      }
      const user = await db.selectFrom('app_user').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set({ totp_secret: secret, totp_enabled_at: clock.now(), totp_last_step: result.step }).where('id', '=', userId).execute();
        await audit.record({ userId, username: user.username }, origin, { action: 'user.second_factor_set_up', subjectType: 'user', subjectId: userId }, trx);
      });
      return { ok: true };
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
