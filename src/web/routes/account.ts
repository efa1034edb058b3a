// My account: details and roles, changing the password, setting up the second factor.
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { errorSummary, field, formFields } from '../forms.js';
import { actorOf, originOf } from '../request-context.js';
import { ValidationError } from '../../services/errors.js';
import { otpauthUri } from '../../domain/totp.js';
import { TOTP_ISSUER } from '../../services/accounts/sign-in.js';

export async function accountRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/account', { config: { access: { signedIn: true } } }, async (request, reply) => {
    const user = await services.users.getUser(request.session!.userId);
    const q = request.query as Record<string, unknown>;
    return reply.page('pages/account/index.njk', { title: 'My account', user, saved: typeof q.saved === 'string' ? q.saved : null });
  });

  const passwordAccess = { signedIn: true, allow: ['must-change-password'] } as const;
  const passwordPage = (forced: boolean) => ({ title: 'Change your password', forced, backHref: forced ? null : '/account' });

  app.get('/account/password', { config: { access: passwordAccess } }, async (request, reply) => {
    return reply.page('pages/account/password.njk', passwordPage(request.session!.mustChangePassword));
  });

  app.post('/account/password', { config: { access: passwordAccess } }, async (request, reply) => {
    const session = request.session!;
    const fields = formFields(request);
    const actor = actorOf(request) ?? { userId: session.userId, username: session.username, displayName: session.displayName, grant: { id: '', role: 'practitioner' as const, serviceId: null, siteId: null, partnerOrganisationId: null } };
    try {
      await services.users.changeOwnPassword(actor, field(fields, 'currentPassword'), field(fields, 'newPassword'), field(fields, 'confirmPassword'), originOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).page('pages/account/password.njk', { ...passwordPage(session.mustChangePassword), errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) });
    }
    return reply.redirect('/account?saved=password', 303);
  });

  const twoFactorAccess = { signedIn: true, allow: ['second-factor-setup'] } as const;

  async function twoFactorPage(userId: string, secret?: string) {
    const setup = secret ? { secret } : await services.signIn.beginTotpSetup(userId);
    const user = await services.users.getUser(userId);
    const uri = otpauthUri(setup.secret, user.username, TOTP_ISSUER);
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { title: 'Set up your authenticator app', secret: setup.secret, secretGrouped: setup.secret.replace(/(.{4})/g, '$1 ').trim(), qrSvg, replacing: user.totp_enabled_at !== null };
  }

  app.get('/account/two-factor', { config: { access: twoFactorAccess } }, async (request, reply) => {
    const session = request.session!;
    return reply.page('pages/account/two-factor.njk', { ...(await twoFactorPage(session.userId)), backHref: session.secondFactorPending ? null : '/account' });
  });

  app.post('/account/two-factor', { config: { access: twoFactorAccess } }, async (request, reply) => {
    const session = request.session!;
    const fields = formFields(request);
    const secret = field(fields, 'secret');
    if (!/^[A-Z2-7]{32}$/.test(secret)) return reply.redirect('/account/two-factor', 303);
    const result = await services.signIn.confirmTotpSetup(session.userId, secret, field(fields, 'code'), originOf(request));
    if (!result.ok) {
      const errors = { code: result.error };
      return reply.code(400).page('pages/account/two-factor.njk', { ...(await twoFactorPage(session.userId, secret)), errors, errorList: errorSummary(errors), backHref: session.secondFactorPending ? null : '/account' });
    }
    if (session.secondFactorPending) {
      await services.sessions.completeSecondFactor(session.tokenHash);
      await services.signIn.recordSignedIn(session.userId, session.username, originOf(request));
      return reply.redirect('/', 303);
    }
    return reply.redirect('/account?saved=two-factor', 303);
  });
}
