// Administrators manage user accounts: add people, give and remove roles, change details, unlock, reset passwords and security codes.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkbox, errorSummary, field, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { ROLES, ROLE_LABELS, ROLE_SCOPE, isRole, type Grant, type Role } from '../../../domain/roles.js';
import type { Actor } from '../../../domain/actor.js';
import type { UserWithGrants } from '../../../services/accounts/users.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { saveOrRerender } from './form-page.js';
import { isUuid } from '../../../domain/ids.js';
import type { LabelledField } from '../../../domain/version-differences.js';

const admin = { access: { roles: ['administrator'] } } as const;

/** The service select's value for a role in every service (installation administrators only). */
const EVERY_SERVICE = 'every';

const USER_PAGE = 'pages/admin/users/show.njk';
const NEW_USER_PAGE = 'pages/admin/users/new.njk';

type Params = { userId: string; grantId?: string };

const SAVED: Record<string, string> = {
  created: 'Account created. Add a role so they can use Divert. They must choose their own password when they first sign in.',
  account: 'Account details saved',
  'role-added': 'Role added. They can choose it the next time they sign in.',
  'role-removed': 'Role removed. Anyone signed in with that role has been signed out.',
  unlocked: 'Account unlocked: they can sign in again',
  'two-factor-reset': 'Security code reset: their old authenticator app no longer works for Divert and they have been signed out',
  password: 'Temporary password set: tell them it in person or by phone. They must choose their own password when they next sign in.',
};

const ROLE_HINTS: Partial<Record<Role, string>> = {
  custody_court_staff: 'Also select the custody suite or court they work at',
  partner_worker: 'Also select the partner organisation they work for',
  administrator: 'Choose Every service for an administrator of the whole installation',
};

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

type Option = { id: string; text: string; serviceId: string };
type GrantOptions = { installationWide: boolean; services: Array<{ id: string; text: string }>; sites: Option[]; partners: Option[] };
type GrantValues = { role: string; serviceId: string; siteId: string; partnerOrganisationId: string };
type AccountValues = { version: number; displayName: string; email: string; jobTitle: string; totpRequired: boolean; isActive: boolean };

function loadableId(id: string | undefined, what: string): string {
  if (!id || !isUuid(id)) throw new NotFoundError(what);
  return id;
}

function isLocked(user: UserWithGrants, now: Date): boolean {
  return user.locked_until !== null && user.locked_until.getTime() > now.getTime();
}

/** The status tags of an account, for the list and the account page. */
function statusTags(user: UserWithGrants, now: Date) {
  const tags: Array<{ text: string; colour: string }> = [];
  if (!user.is_active) tags.push({ text: 'Deactivated', colour: 'grey' });
  else if (isLocked(user, now)) tags.push({ text: `Locked until ${TIME.format(user.locked_until!)}`, colour: 'red' });
  else tags.push({ text: 'Active', colour: 'green' });
  if (user.totp_enabled_at) tags.push({ text: 'Security code on', colour: 'blue' });
  else if (user.totp_required) tags.push({ text: 'Security code required, not set up', colour: 'orange' });
  return tags;
}

function grantLabel(g: UserWithGrants['grants'][number]): string {
  return [ROLE_LABELS[g.role], g.serviceName ?? 'every service', g.siteName, g.partnerOrganisationName].filter(Boolean).join(', ');
}

/** May this administrator remove the grant? Only grants in a service they administer. */
function administersGrant(actor: Actor, g: { serviceId: string | null }): boolean {
  return actor.grant.serviceId === null || (g.serviceId !== null && g.serviceId === actor.grant.serviceId);
}

/** The questions of the account details form, in its order, for showing a stale edit beside the saved account. */
const ACCOUNT_FIELDS: readonly LabelledField[] = [
  { name: 'displayName', label: 'Full name' },
  { name: 'email', label: 'Email' },
  { name: 'jobTitle', label: 'Job title' },
  { name: 'totpRequired', label: 'Require a security code from an authenticator app at sign-in?', choices: { yes: 'Yes', no: 'No' } },
  { name: 'isActive', label: 'Can they sign in?', choices: { yes: 'Yes, the account is active', no: 'No, deactivate the account' } },
];

function accountValuesOf(user: UserWithGrants): AccountValues {
  return { version: user.version, displayName: user.display_name, email: user.email, jobTitle: user.job_title, totpRequired: user.totp_required, isActive: user.is_active };
}

/** Length limits the database holds that the account service does not check itself (it would fail with a server error). */
function lengthErrors(values: { displayName?: string; email?: string; jobTitle?: string }): FieldErrors {
  const errors: FieldErrors = {};
  const name = values.displayName?.trim();
  if (name && (name.length < 2 || name.length > 120)) errors.displayName = 'Full name must be 2 to 120 characters';
  if (values.email && values.email.trim().length > 200) errors.email = 'Email address must be 200 characters or fewer';
  if (values.jobTitle && values.jobTitle.trim().length > 120) errors.jobTitle = 'Job title must be 120 characters or fewer';
  return errors;
}

/** Checks the add-a-role form against the role's scope and the choices offered, each problem on its own field. */
function grantFrom(values: GrantValues, options: GrantOptions): Grant {
  const errors: FieldErrors = {};
  const role = isRole(values.role) ? values.role : null;
  if (!role) errors.role = 'Select the role';
  const scope = role ? ROLE_SCOPE[role] : null;
  const label = role ? ROLE_LABELS[role].toLowerCase() : '';

  let serviceId: string | null = null;
  if (values.serviceId === EVERY_SERVICE) {
    if (!options.installationWide) errors.serviceId = 'You can only give roles in the service you administer';
    else if (role && role !== 'administrator') errors.serviceId = 'Select one service: only an administrator can have a role in every service';
  } else if (!values.serviceId) {
    errors.serviceId = role === 'administrator' && options.installationWide ? 'Select the service they will administer, or Every service' : 'Select the service this role is for';
  } else if (!options.services.some((s) => s.id === values.serviceId)) {
    errors.serviceId = 'Select a service from the list';
  } else serviceId = values.serviceId;

  let siteId: string | null = null;
  if (values.siteId) {
    if (!options.sites.some((s) => s.id === values.siteId)) errors.siteId = 'Select a site from the list';
    else if (scope && scope !== 'site') errors.siteId = `Leave the site empty: a ${label} is not tied to one site`;
    else siteId = values.siteId;
  } else if (scope === 'site') errors.siteId = 'Select the custody suite or court this person works at';

  let partnerOrganisationId: string | null = null;
  if (values.partnerOrganisationId) {
    if (!options.partners.some((p) => p.id === values.partnerOrganisationId)) errors.partnerOrganisationId = 'Select a partner organisation from the list';
    else if (scope && scope !== 'partner_organisation') errors.partnerOrganisationId = `Leave the partner organisation empty: a ${label} is not tied to a partner organisation`;
    else partnerOrganisationId = values.partnerOrganisationId;
  } else if (scope === 'partner_organisation') errors.partnerOrganisationId = 'Select the partner organisation this person works for';

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { role: role!, serviceId, siteId, partnerOrganisationId };
}

export async function userAdminRoutes(app: FastifyInstance) {
  const { services } = app;

  async function loadUser(actor: Actor, userId: string | undefined): Promise<UserWithGrants> {
    return services.users.getUserFor(actor, loadableId(userId, 'user'));
  }

  /** What the add-a-role form offers: the services the administrator may see, with their open sites and partner organisations. */
  async function grantOptions(actor: Actor): Promise<GrantOptions> {
    const list = await services.serviceDirectory.list(actor);
    const sites: Option[] = [];
    const partners: Option[] = [];
    for (const s of list) {
      const [serviceSites, servicePartners] = await Promise.all([services.sites.listForService(s.id, { activeOnly: true }), services.partners.listForService(s.id)]);
      for (const site of serviceSites) sites.push({ id: site.id, text: `${s.name}: ${site.name}`, serviceId: s.id });
      for (const p of servicePartners) if (p.is_active) partners.push({ id: p.id, text: `${s.name}: ${p.name}`, serviceId: s.id });
    }
    return {
      installationWide: actor.grant.serviceId === null,
      services: list.map((s) => ({ id: s.id, text: s.is_active ? s.name : `${s.name} (closed)` })),
      sites,
      partners,
    };
  }

  /** Everything the account page shows; `values` fills the account-details form, `grant` the add-a-role form. */
  async function userPage(actor: Actor, user: UserWithGrants, extra: { values?: AccountValues; grant?: GrantValues; options?: GrantOptions; saved?: string | null } = {}) {
    const now = services.clock.now();
    const isSelf = user.id === actor.userId;
    const options = extra.options ?? (await grantOptions(actor));
    const defaultService = options.installationWide ? '' : (options.services[0]?.id ?? '');
    return {
      title: user.display_name,
      backHref: '/admin/users',
      user,
      isSelf,
      status: statusTags(user, now),
      locked: isLocked(user, now),
      canUnlock: isLocked(user, now) || user.failed_sign_ins > 0,
      grants: user.grants.map((g) => ({
        ...g,
        label: grantLabel(g),
        roleLabel: ROLE_LABELS[g.role],
        canRemove: administersGrant(actor, g) && g.id !== actor.grant.id,
        isCurrent: g.id === actor.grant.id,
      })),
      roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], hint: ROLE_HINTS[r] })),
      options,
      everyService: EVERY_SERVICE,
      values: extra.values ?? accountValuesOf(user),
      grant: extra.grant ?? { role: '', serviceId: defaultService, siteId: '', partnerOrganisationId: '' },
      savedMessage: extra.saved ? (SAVED[extra.saved] ?? null) : null,
    };
  }

  const rerenderWithError = async (reply: FastifyReply, actor: Actor, user: UserWithGrants, errors: FieldErrors, fieldIds: Record<string, string> = {}) =>
    reply.code(400).page(USER_PAGE, { ...(await userPage(actor, user)), errors, errorList: errorSummary(errors, fieldIds) });

  // The list
  app.get('/admin/users', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const now = services.clock.now();
    const users = await services.users.listUsers(actor);
    return reply.page('pages/admin/users/index.njk', {
      title: 'Users',
      installationWide: actor.grant.serviceId === null,
      users: users.map((u) => ({ id: u.id, name: u.display_name, username: u.username, roles: u.grants.map(grantLabel), status: statusTags(u, now) })),
    });
  });

  // Adding a user
  const newUserPage = (values: Record<string, unknown>) => ({ title: 'Add a user', backHref: '/admin/users', values });

  app.get('/admin/users/new', { config: admin }, async (_request, reply) => reply.page(NEW_USER_PAGE, newUserPage({ totpRequired: false })));

  app.post('/admin/users/new', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const f = formFields(request);
    // The password is never sent back to the browser.
    const values = { displayName: field(f, 'displayName'), username: field(f, 'username'), email: field(f, 'email'), jobTitle: field(f, 'jobTitle'), totpRequired: checkbox(f, 'totpRequired') };
    return saveOrRerender(reply, NEW_USER_PAGE, newUserPage(values), async () => {
      // The service checks the name itself; the email and job title limits only the database holds.
      const tooLong = lengthErrors({ email: values.email, jobTitle: values.jobTitle });
      if (Object.keys(tooLong).length > 0) throw new ValidationError(tooLong);
      const user = await services.users.createUser({ ...values, password: field(f, 'password'), mustChangePassword: true }, { actor }, originOf(request));
      return `/admin/users/${user.id}?saved=created`;
    });
  });

  // One account
  app.get<{ Params: Params }>('/admin/users/:userId', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const user = await loadUser(actor, request.params.userId);
    const saved = (request.query as Record<string, unknown>).saved;
    return reply.page(USER_PAGE, await userPage(actor, user, { saved: typeof saved === 'string' ? saved : null }));
  });

  app.post<{ Params: Params }>('/admin/users/:userId/edit', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const user = await loadUser(actor, request.params.userId);
    const f = formFields(request);
    const version = versionField(f);
    const changes = { displayName: field(f, 'displayName'), email: field(f, 'email'), jobTitle: field(f, 'jobTitle'), totpRequired: f.totpRequired === 'yes', isActive: f.isActive !== 'no' };
    const context = await userPage(actor, user, { values: { ...changes, version: version ?? user.version } });
    return saveOrRerender(reply, USER_PAGE, context, async () => {
      // A stale edit is refused from the record just read; the service refuses one that races past this.
      if (version === null || version !== user.version) throw new ConflictError(user);
      const tooLong = lengthErrors(changes);
      if (Object.keys(tooLong).length > 0) throw new ValidationError(tooLong);
      await services.users.updateAccount(actor, user.id, version, changes, originOf(request));
      return `/admin/users/${user.id}?saved=account`;
    }, { fields: ACCOUNT_FIELDS, valuesOf: accountValuesOf });
  });

  // Roles
  app.post<{ Params: Params }>('/admin/users/:userId/roles', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const user = await loadUser(actor, request.params.userId);
    const f = formFields(request);
    const values: GrantValues = { role: field(f, 'role'), serviceId: field(f, 'serviceId'), siteId: field(f, 'siteId'), partnerOrganisationId: field(f, 'partnerOrganisationId') };
    const options = await grantOptions(actor);
    return saveOrRerender(reply, USER_PAGE, await userPage(actor, user, { grant: values, options }), async () => {
      const grant = grantFrom(values, options);
      try {
        await services.users.grantRole(actor, user.id, grant, { actor }, originOf(request));
      } catch (error) {
        // The service names the site for any site-or-partner mismatch; point at the field actually chosen.
        if (error instanceof ValidationError && error.fieldErrors.siteId && !grant.siteId && grant.partnerOrganisationId)
          throw new ValidationError({ partnerOrganisationId: 'That partner organisation is not part of the chosen service' });
        if (error instanceof ValidationError && error.fieldErrors.siteId && grant.siteId)
          throw new ValidationError({ siteId: 'That site is not part of the chosen service' });
        throw error;
      }
      return `/admin/users/${user.id}?saved=role-added`;
    });
  });

  app.post<{ Params: Params }>('/admin/users/:userId/roles/:grantId/remove', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const user = await loadUser(actor, request.params.userId);
    const grantId = loadableId(request.params.grantId, 'role');
    const grant = user.grants.find((g) => g.id === grantId);
    if (!grant || !administersGrant(actor, grant)) throw new NotFoundError('role');
    if (grant.id === actor.grant.id)
      return rerenderWithError(reply, actor, user, { roles: 'You cannot remove the role you are working in now: ask another administrator to remove it' });
    await services.users.revokeRole(actor, grantId, originOf(request));
    return reply.redirect(`/admin/users/${user.id}?saved=role-removed`, 303);
  });

  // Signing in: lock-out, security code, temporary password
  app.post<{ Params: Params }>('/admin/users/:userId/unlock', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const user = await loadUser(actor, request.params.userId);
    await services.users.unlock(actor, user.id, originOf(request));
    return reply.redirect(`/admin/users/${user.id}?saved=unlocked`, 303);
  });

  const selfRefused = 'Use My account to change your own password or security code';

  app.post<{ Params: Params }>('/admin/users/:userId/two-factor/reset', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const user = await loadUser(actor, request.params.userId);
    if (user.id === actor.userId) return rerenderWithError(reply, actor, user, { signIn: selfRefused });
    await services.users.resetSecondFactor(actor, user.id, originOf(request));
    return reply.redirect(`/admin/users/${user.id}?saved=two-factor-reset`, 303);
  });

  app.post<{ Params: Params }>('/admin/users/:userId/password', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const user = await loadUser(actor, request.params.userId);
    if (user.id === actor.userId) return rerenderWithError(reply, actor, user, { signIn: selfRefused });
    const password = field(formFields(request), 'password');
    return saveOrRerender(reply, USER_PAGE, await userPage(actor, user), async () => {
      await services.users.resetPassword(actor, user.id, password, originOf(request));
      return `/admin/users/${user.id}?saved=password`;
    });
  });
}
