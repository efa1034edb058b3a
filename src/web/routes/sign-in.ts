// Signing in and out: password, second factor, choosing a role, the idle time-out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../app.js';
import { field, formFields } from '../forms.js';
import { originOf } from '../request-context.js';
import { safeNext } from '../safe-redirect.js';
import type { FieldErrors } from '../../services/errors.js';

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies });
}

function query(request: FastifyRequest): Record<string, string> {
  const q = request.query as Record<string, unknown>;
  return Object.fromEntries(Object.entries(q ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

export async function signInRoutes(app: FastifyInstance, options: { signInAttemptsPerMinute: number }) {
  const { services } = app;
  const limited = { rateLimit: { max: options.signInAttemptsPerMinute, timeWindow: '1 minute' } };

  const renderSignIn = (reply: FastifyReply, values: Record<string, string>, errors: FieldErrors | null, notice: string | null) =>
    reply.page('pages/sign-in.njk', {
      title: 'Sign in',
      values,
      errors,
      errorList: errors ? Object.entries(errors).map(([k, text]) => ({ text, href: `#${k}` })) : [],
      notice,
    });

  app.get('/sign-in', { config: { access: { public: true } } }, async (request, reply) => {
    const q = query(request);
    if (request.session && !request.session.secondFactorPending) return reply.redirect(safeNext(q.next), 303);
    const notice = q.timedOut
      ? 'You were signed out because you had not done anything for 30 minutes. Sign in again to carry on.'
      : q.signedOut === 'all'
        ? 'You have been signed out on every device.'
        : q.signedOut
          ? 'You have been signed out.'
          : q.locked
            ? 'You have been signed out after too many wrong codes. Try again later.'
            : null;
    return renderSignIn(reply, { next: safeNext(q.next, '') }, null, notice);
  });

  app.post('/sign-in', { config: { access: { public: true }, ...limited } }, async (request, reply) => {
    const fields = formFields(request);
    const username = field(fields, 'username').trim();
    const password = field(fields, 'password');
    const values = { username, next: safeNext(fields.next, '') };
    const errors: FieldErrors = {};
    if (!username) errors.username = 'Enter your username';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length > 0) return renderSignIn(reply.code(400), values, errors, null);
    const result = await services.signIn.signIn(username, password, originOf(request));
    if (result.outcome === 'failed') return renderSignIn(reply.code(401), values, { username: 'The username or password is not right: check them and try again' }, null);
    if (result.outcome === 'locked')
      return renderSignIn(reply.code(423), values, { username: `Your account is locked after too many wrong attempts. Try again in ${result.minutes} minutes, or ask your administrator to unlock it.` }, null);
    if (request.session) await services.sessions.destroy(request.session.tokenHash); // a new session for each sign-in
    setSessionCookie(app, reply, result.token);
    const next = safeNext(fields.next);
    if (result.secondFactor === 'code_needed') return reply.redirect(`/sign-in/code?next=${encodeURIComponent(next)}`, 303);
    if (result.secondFactor === 'setup_needed') return reply.redirect('/account/two-factor', 303);
    return reply.redirect(next, 303);
  });

  const codeAccess = { signedIn: true, allow: ['second-factor-code'] } as const;

  app.get('/sign-in/code', { config: { access: codeAccess } }, async (request, reply) => {
    if (!request.session!.secondFactorPending) return reply.redirect('/', 303);
    return reply.page('pages/sign-in-code.njk', { title: 'Enter your security code', next: safeNext(query(request).next, '') });
  });

  app.post('/sign-in/code', { config: { access: codeAccess, ...limited } }, async (request, reply) => {
    const session = request.session!;
    if (!session.secondFactorPending) return reply.redirect('/', 303);
    const fields = formFields(request);
    const code = field(fields, 'code');
    const next = safeNext(fields.next, '');
    if (!code.trim()) {
      const errors = { code: 'Enter the 6-digit code from your authenticator app' };
      return reply.code(400).page('pages/sign-in-code.njk', { title: 'Enter your security code', next, errors, errorList: [{ text: errors.code, href: '#code' }] });
    }
    const result = await services.signIn.verifySecondFactor(session.userId, code, originOf(request));
    if (!result.ok) {
      if (result.locked) {
        await services.sessions.destroy(session.tokenHash);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.redirect('/sign-in?locked=1', 303);
      }
      return reply.code(401).page('pages/sign-in-code.njk', { title: 'Enter your security code', next, errors: { code: result.error }, errorList: [{ text: result.error, href: '#code' }] });
    }
    await services.sessions.completeSecondFactor(session.tokenHash);
    return reply.redirect(safeNext(next), 303);
  });

  app.post('/sign-out', { config: { access: { signedIn: true, allow: ['second-factor-code', 'second-factor-setup', 'must-change-password'] } } }, async (request, reply) => {
    const session = request.session!;
    await services.sessions.destroy(session.tokenHash);
    await services.audit.record({ userId: session.userId, username: session.username }, originOf(request), { action: 'user.signed_out', subjectType: 'user', subjectId: session.userId });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in?signedOut=1', 303);
  });

  app.post('/sign-out-everywhere', { config: { access: { signedIn: true } } }, async (request, reply) => {
    const session = request.session!;
    const ended = await services.sessions.destroyAllForUser(session.userId);
    await services.audit.record({ userId: session.userId, username: session.username }, originOf(request), { action: 'user.signed_out_everywhere', subjectType: 'user', subjectId: session.userId, detail: { sessionsEnded: ended } });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in?signedOut=all', 303);
  });

  app.post('/session/extend', { config: { access: { signedIn: true, allow: ['second-factor-code', 'second-factor-setup', 'must-change-password'] } } }, async (request, reply) => {
    await services.sessions.extend(request.session!.tokenHash);
    return reply.redirect(safeNext(formFields(request).next), 303);
  });

  app.get('/choose-role', { config: { access: { signedIn: true } } }, async (request, reply) => {
    return reply.page('pages/choose-role.njk', { title: 'Choose the role you are working in', next: safeNext(query(request).next, '') });
  });

  app.post('/choose-role', { config: { access: { signedIn: true } } }, async (request, reply) => {
    const session = request.session!;
    const fields = formFields(request);
    const grant = session.grants.find((g) => g.id === fields.grantId);
    if (!grant) {
      const text = 'Select the role you are working in';
      return reply.code(400).page('pages/choose-role.njk', { title: 'Choose the role you are working in', next: safeNext(fields.next, ''), errors: { grantId: text }, errorList: [{ text, href: `#grantId` }] });
    }
    await services.sessions.chooseGrant(session.tokenHash, grant.id);
    await services.audit.record({ userId: session.userId, username: session.username }, originOf(request), { action: 'user.role_chosen', subjectType: 'user', subjectId: session.userId, serviceId: grant.serviceId, detail: { role: grant.role } });
    return reply.redirect(safeNext(fields.next), 303);
  });
}
