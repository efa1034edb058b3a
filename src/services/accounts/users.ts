// Accounts: creating people who use Divert, granting roles, passwords, second factor, lock-out.
import type { Kysely } from 'kysely';
import type { AppUserRow, Database } from '../../db/schema.js';
import { checkPassword } from '../../domain/password-policy.js';
import { grantProblems, administersService, type Grant } from '../../domain/roles.js';
import type { Actor } from '../../domain/actor.js';
import type { AuditService, AuditWho, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError, uniqueViolation, type FieldErrors } from '../errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { grantRows, toNamedGrant, type NamedGrant } from './grant-rows.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { isEmailAddress } from '../../domain/email.js';

export type NewUser = {
  username: string;
  displayName: string;
  email?: string;
  jobTitle?: string;
  password: string;
  mustChangePassword?: boolean;
  totpRequired?: boolean;
};

const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,59}$/;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** The details an account holds about its person, checked the same way when made and when changed. */
function accountDetailErrors(input: { displayName: string; email?: string; jobTitle?: string }): FieldErrors {
  const errors: FieldErrors = {};
  const displayName = input.displayName.trim();
  const email = input.email?.trim() ?? '';
  if (!displayName) errors.displayName = 'Enter the full name';
  else if (displayName.length < 2 || displayName.length > 120) errors.displayName = 'Full name must be 2 to 120 characters';
  if (email.length > 200) errors.email = 'Email address must be 200 characters or fewer';
  else if (email && !isEmailAddress(email)) errors.email = 'Enter an email address in the correct format, like name@example.nhs.uk';
  if ((input.jobTitle?.trim() ?? '').length > 120) errors.jobTitle = 'Job title must be 120 characters or fewer';
  return errors;
}

function userFieldErrors(input: NewUser): FieldErrors {
  const errors: FieldErrors = {};
  const username = normaliseUsername(input.username);
  if (!username) errors.username = 'Enter a username';
  else if (!USERNAME_PATTERN.test(username))
    errors.username = 'Username must be 3 to 60 characters: letters, numbers, dots, hyphens or underscores, starting with a letter or number';
  Object.assign(errors, accountDetailErrors(input));
  const displayName = input.displayName.trim();
  const passwordProblems = checkPassword(input.password, { username, displayName });
  if (passwordProblems.length > 0) errors.password = passwordProblems[0]!;
  return errors;
}

const LAST_ADMINISTRATOR = 'This is the last administrator of every service: give someone else that role first';
const isInstallationAdministrator = (g: Grant) => g.role === 'administrator' && g.serviceId === null;

export type UserWithGrants = AppUserRow & { grants: NamedGrant[] };

export function createUserAccounts(db: Kysely<Database>, clock: Clock, audit: AuditService) {
  async function grantsOf(userIds: string[]) {
    return userIds.length === 0 ? [] : grantRows(db).where('g.user_id', 'in', userIds).execute();
  }

  async function getUser(id: string): Promise<UserWithGrants> {
    const user = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!user) throw new NotFoundError('user');
    return { ...user, grants: (await grantsOf([id])).map(toNamedGrant) };
  }

  /** Is this user visible to an administrator? An installation administrator sees all; a service administrator sees those with a role in their service, or none yet. */
  async function assertAdministers(actor: Actor, user: UserWithGrants): Promise<void> {
    if (actor.grant.serviceId === null) return;
    if (user.grants.length === 0 || user.grants.some((g) => g.serviceId === actor.grant.serviceId)) return;
    throw new NotFoundError('user');
  }

  /** Active accounts that administer every service: the installation must always keep one. */
  async function installationAdministratorCount(): Promise<number> {
    const row = await db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('g.role', '=', 'administrator')
      .where('g.service_id', 'is', null)
      .where('u.is_active', '=', true)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function getUserFor(actor: Actor, id: string): Promise<UserWithGrants> {
    const user = await getUser(id);
    await assertAdministers(actor, user);
    return user;
  }

  return {
    getUser,

    async findByUsername(username: string) {
      return db.selectFrom('app_user').selectAll().where('username', '=', normaliseUsername(username)).executeTakeFirst();
    },

    /** Users an administrator may manage: all, or those with a role in the administrator's service. */
    async listUsers(actor: Actor) {
      let q = db.selectFrom('app_user').selectAll().orderBy('display_name');
      if (actor.grant.serviceId !== null) {
        const serviceId = actor.grant.serviceId;
        q = q.where((eb) =>
          eb.or([
            eb.exists(eb.selectFrom('role_grant').select('id').whereRef('role_grant.user_id', '=', 'app_user.id').where('role_grant.service_id', '=', serviceId)),
            eb.not(eb.exists(eb.selectFrom('role_grant').select('id').whereRef('role_grant.user_id', '=', 'app_user.id'))),
          ]),
        );
      }
      const users = await q.execute();
      const grants = await grantsOf(users.map((u) => u.id));
      return users.map((u) => ({ ...u, grants: grants.filter((g) => g.user_id === u.id).map(toNamedGrant) }));
    },

    getUserFor,

    /** Creates an account; the password is checked against the policy and stored as an argon2id hash. */
    async createUser(input: NewUser, who: AuditWho, origin: RequestOrigin): Promise<AppUserRow> {
      const errors = userFieldErrors(input);
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const passwordHash = await hashPassword(input.password);
      try {
        return await db.transaction().execute(async (trx) => {
          const user = await trx
            .insertInto('app_user')
            .values({
              username: normaliseUsername(input.username),
              display_name: input.displayName.trim(),
              email: input.email?.trim() ?? '',
              job_title: input.jobTitle?.trim() ?? '',
              password_hash: passwordHash,
              password_changed_at: clock.now(),
              must_change_password: input.mustChangePassword ?? false,
              totp_required: input.totpRequired ?? false,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await audit.record(who, origin, { action: 'user.created', subjectType: 'user', subjectId: user.id, detail: { username: user.username } }, trx);
          return user;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError({ username: 'That username is taken: choose another' });
        throw error;
      }
    },

    /** Grants a role; a service administrator may grant only within their own service. */
    async grantRole(actor: Actor | null, userId: string, grant: Grant, who: AuditWho, origin: RequestOrigin): Promise<string> {
      const problems = grantProblems(grant);
      if (problems.length > 0) throw new ValidationError({ role: problems[0]! });
      if (actor && grant.serviceId && !administersService(actor.grant, grant.serviceId)) throw new ValidationError({ serviceId: 'You can only grant roles in the service you administer' });
      if (actor && !grant.serviceId && actor.grant.serviceId !== null) throw new ValidationError({ serviceId: 'Select the service this role is for' });
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('role_grant')
            .values({
              user_id: userId,
              role: grant.role,
              service_id: grant.serviceId,
              site_id: grant.siteId,
              partner_organisation_id: grant.partnerOrganisationId,
              created_by: actor?.userId ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await audit.record(who, origin, { action: 'role.granted', subjectType: 'user', subjectId: userId, serviceId: grant.serviceId, detail: { ...grant } }, trx);
          return row.id;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError({ role: 'This person already has that role there' });
        if ((error as { code?: string }).code === '23503') {
          const partner = /partner/.test((error as { constraint?: string }).constraint ?? '');
          throw new ValidationError(partner ? { partnerOrganisationId: 'That partner organisation is not part of the chosen service' } : { siteId: 'That site is not part of the chosen service' });
        }
        throw error;
      }
    },

    async revokeRole(actor: Actor, grantId: string, origin: RequestOrigin): Promise<void> {
      const grant = await db.selectFrom('role_grant').selectAll().where('id', '=', grantId).executeTakeFirst();
      if (!grant || (grant.service_id && !administersService(actor.grant, grant.service_id)) || (!grant.service_id && actor.grant.serviceId !== null))
        throw new NotFoundError('role');
      if (grant.role === 'administrator' && grant.service_id === null && (await installationAdministratorCount()) <= 1)
        throw new ValidationError({ role: LAST_ADMINISTRATOR });
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('user_session').where('role_grant_id', '=', grantId).execute();
        await trx.deleteFrom('role_grant').where('id', '=', grantId).execute();
        await audit.record({ actor }, origin, { action: 'role.revoked', subjectType: 'user', subjectId: grant.user_id, serviceId: grant.service_id, detail: { role: grant.role } }, trx);
      });
    },

    /** Changes what an administrator may change about an account, refusing a stale edit. */
    async updateAccount(
      actor: Actor,
      userId: string,
      version: number,
      changes: { displayName: string; email: string; jobTitle: string; totpRequired: boolean; isActive: boolean },
      origin: RequestOrigin,
    ): Promise<void> {
      const user = await getUserFor(actor, userId);
      const errors = accountDetailErrors(changes);
      if (actor.userId === userId && !changes.isActive) errors.isActive = 'You cannot deactivate your own account';
      else if (!changes.isActive && user.is_active && user.grants.some(isInstallationAdministrator) && (await installationAdministratorCount()) <= 1)
        errors.isActive = LAST_ADMINISTRATOR;
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await saveVersioned(db, async (trx) => {
        await updateWithVersion(trx, 'app_user', userId, version, {
          display_name: changes.displayName.trim(),
          email: changes.email.trim(),
          job_title: changes.jobTitle.trim(),
          totp_required: changes.totpRequired,
          is_active: changes.isActive,
        }, clock.now());
        if (!changes.isActive) await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
        await audit.record({ actor }, origin, { action: 'user.updated', subjectType: 'user', subjectId: userId, detail: { before: { displayName: user.display_name, email: user.email, jobTitle: user.job_title, totpRequired: user.totp_required, isActive: user.is_active }, after: changes } }, trx);
      }, () => getUser(userId));
    },

    /** Sets a new password chosen by an administrator; the user must change it at next sign-in, and the lock is lifted. */
    async resetPassword(actor: Actor, userId: string, password: string, origin: RequestOrigin): Promise<void> {
      const user = await getUserFor(actor, userId);
      const problems = checkPassword(password, { username: user.username, displayName: user.display_name });
      if (problems.length > 0) throw new ValidationError({ password: problems[0]! });
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: clock.now(), must_change_password: true, failed_sign_ins: 0, locked_until: null, version: user.version + 1 }).where('id', '=', userId).execute();
        await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
        await audit.record({ actor }, origin, { action: 'user.password_reset', subjectType: 'user', subjectId: userId }, trx);
      });
    },

    async unlock(actor: Actor, userId: string, origin: RequestOrigin): Promise<void> {
      await getUserFor(actor, userId);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', userId).execute();
        await audit.record({ actor }, origin, { action: 'user.unlocked', subjectType: 'user', subjectId: userId }, trx);
      });
    },

    /** Clears the second factor so the user sets it up again at next sign-in (a lost phone). */
    async resetSecondFactor(actor: Actor, userId: string, origin: RequestOrigin): Promise<void> {
      await getUserFor(actor, userId);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', userId).execute();
        await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
        await audit.record({ actor }, origin, { action: 'user.second_factor_reset', subjectType: 'user', subjectId: userId }, trx);
      });
    },

    /** The user changes their own password, proving the current one. */
    async changeOwnPassword(actor: Actor, current: string, next: string, confirm: string, origin: RequestOrigin): Promise<void> {
      const user = await getUser(actor.userId);
      const errors: FieldErrors = {};
      if (!current) errors.currentPassword = 'Enter your current password';
      else if (!(await verifyPassword(user.password_hash, current))) errors.currentPassword = 'Your current password is not right';
      const problems = checkPassword(next, { username: user.username, displayName: user.display_name });
      if (problems.length > 0) errors.newPassword = problems[0]!;
      else if (next === current) errors.newPassword = 'New password must be different from your current password';
      if (!errors.newPassword && next !== confirm) errors.confirmPassword = 'The passwords do not match: type the new password again';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const passwordHash = await hashPassword(next);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: clock.now(), must_change_password: false }).where('id', '=', actor.userId).execute();
        await audit.record({ actor }, origin, { action: 'user.password_changed', subjectType: 'user', subjectId: actor.userId }, trx);
      });
    },
  };
}

export type UserAccounts = ReturnType<typeof createUserAccounts>;
