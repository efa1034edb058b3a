// The web application: one Fastify instance with security, sessions, access rules and pages.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { databaseRateLimitStore } from './rate-limit-store.js';
import type { Config } from '../config.js';
import type { Services } from '../services/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../services/errors.js';
import { ROLE_LABELS, refusalStatus } from '../domain/roles.js';
import { IDLE_TIMEOUT_MINUTES, IDLE_WARNING_MINUTES } from '../domain/session-timeout.js';
import { accessOf, decideAccess, enforceDeclaredAccess, wantsJson, type AccessDecision, type DeclaredRoute } from './access.js';
import { CSRF_FIELD, VISITOR_COOKIE, csrfTokenFor, csrfTokenMatches, newVisitorId } from './csrf.js';
import { createViews, NHSUK_DIST } from './views.js';
import { navigationFor } from './navigation.js';
import { PagePart, withPartMarkers } from './page-parts.js';
import { actorOf, originOf } from './request-context.js';
import { registerRoutes } from './routes/index.js';

export const SESSION_COOKIE = 'divert_session';
const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

export type AppOptions = { signInAttemptsPerMinute?: number };

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page with the layout's context (user, role, navigation, CSRF token). */
    page(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyRequest {
    csrfToken(): string;
  }
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
    services: Services;
    config: Config;
    /**
     * Renders part of a page from the context given alone: no session, no CSRF token, no navigation. For what is
     * drawn once and shared by everyone shown it (a dashboard's charts and tables), put into a page as it is.
     */
    pagePart(template: string, context: Record<string, unknown>): PagePart;
  }
}

export async function buildApp(services: Services, config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
  });
  const declaredRoutes: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declaredRoutes);
  app.decorate('services', services);
  app.decorate('config', config);
  enforceDeclaredAccess(app, declaredRoutes);

  const views = createViews();
  app.decorate('pagePart', (template: string, context: Record<string, unknown>) => new PagePart(views.render(template, context)));
  const csrfSecret = await services.installationSecret('csrf');

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1_048_576 });
  // Counted in the database, so that instances sharing it share the limits.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(services.rateLimits) });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'https://assets.nhs.uk'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyStatic, { root: path.join(NHSUK_DIST, 'nhsuk', 'assets'), prefix: '/assets/', decorateReply: false, maxAge: '1d' });
  await app.register(fastifyStatic, { root: path.join(NHSUK_DIST, 'nhsuk'), prefix: '/static/nhsuk/', decorateReply: false, maxAge: '1d', allowedPath: (p) => /^\/nhsuk-frontend\.min\.(css|js)(\.map)?$/.test(p) });
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: '/static/', decorateReply: false, maxAge: '1h' });

  const isStatic = (url: string) => url.startsWith('/assets/') || url.startsWith('/static/');

  app.addHook('onRequest', async (request, reply) => {
    request.session = null;
    request.sessionStatus = 'none';
    if (isStatic(request.url)) return;
    const lookup = await services.sessions.find(request.cookies[SESSION_COOKIE]);
    request.sessionStatus = lookup.status;
    if (lookup.status === 'active') request.session = lookup.session;
    else if (request.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });

  app.decorateRequest('csrfToken', function (this: FastifyRequest) {
    return csrfTokenFor(csrfSecret, this.session ? `s:${this.session.tokenHash}` : `v:${visitorId(this)}`);
  });
  const visitorIds = new WeakMap<FastifyRequest, string>();
  function visitorId(request: FastifyRequest): string {
    const existing = request.cookies[VISITOR_COOKIE] ?? visitorIds.get(request);
    if (existing) return existing;
    const id = newVisitorId();
    visitorIds.set(request, id);
    return id;
  }

  app.decorateReply('page', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request = this.request;
    const session = request.session;
    const role = session?.secondFactorPending ? null : session?.activeGrant?.role ?? null;
    const { context: marked, bytesOf } = withPartMarkers(context);
    const html = views.render(template, {
      ...marked,
      session: session?.secondFactorPending ? null : session,
      actor: actorOf(request),
      roleLabel: role ? ROLE_LABELS[role] : null,
      navigation: navigationFor(role).map((item) => ({ ...item, current: item.href === '/' ? request.url === '/' : request.url.startsWith(item.href) })),
      csrfToken: request.csrfToken(),
      csrfField: CSRF_FIELD,
      cspNonce: this.cspNonce?.script,
      currentUrl: request.url,
      idleTimeoutMinutes: IDLE_TIMEOUT_MINUTES,
      idleWarningSeconds: session ? Math.max(0, session.secondsUntilIdleTimeout - (IDLE_TIMEOUT_MINUTES - IDLE_WARNING_MINUTES) * 60) : null,
    });
    const newVisitor = visitorIds.get(request);
    if (newVisitor && !session) this.setCookie(VISITOR_COOKIE, newVisitor, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
    this.header('cache-control', 'no-store');
    // As bytes: a page sent as text is measured in UTF-8 (Fastify's content-length) and then encoded to be written,
    // each a pass over the whole page; the national dashboard's 190 KB cost a third of a millisecond in the measuring.
    return this.type('text/html; charset=utf-8').send(bytesOf(html));
  });

  async function refuse(request: FastifyRequest, reply: FastifyReply, decision: AccessDecision) {
    const json = wantsJson(request);
    const back = encodeURIComponent(request.url);
    switch (decision) {
      case 'sign-in':
        if (json) return reply.code(401).send({ error: 'Sign in first' });
        return reply.redirect(`/sign-in?next=${back}${request.sessionStatus === 'expired' ? '&timedOut=1' : ''}`, 303);
      case 'second-factor':
        return json ? reply.code(401).send({ error: 'Second factor needed' }) : reply.redirect('/sign-in/code', 303);
      case 'set-up-second-factor':
        return json ? reply.code(401).send({ error: 'Second factor set-up needed' }) : reply.redirect('/account/two-factor', 303);
      case 'change-password':
        return json ? reply.code(403).send({ error: 'Change your password first' }) : reply.redirect('/account/password', 303);
      case 'choose-role':
        return json ? reply.code(403).send({ error: 'Choose a role first' }) : reply.redirect(`/choose-role?next=${back}`, 303);
      default: {
        const session = request.session;
        await services.audit.record(
          actorOf(request) ? { actor: actorOf(request)! } : { userId: session?.userId ?? null, username: session?.username ?? null },
          originOf(request),
          { action: 'access.denied', subjectType: 'route', subjectId: `${request.method} ${request.routeOptions.url ?? request.url}`.slice(0, 200) },
        );
        const role = actorOf(request)?.grant.role;
        if (role && refusalStatus(role, (request.routeOptions.url ?? '').includes(':')) === 404) {
          return json ? reply.code(404).send({ error: 'Not found' }) : reply.code(404).page('pages/errors/not-found.njk');
        }
        return json ? reply.code(403).send({ error: 'You do not have access to this' }) : reply.code(403).page('pages/errors/forbidden.njk');
      }
    }
  }

  app.addHook('preHandler', async (request, reply) => {
    if (isStatic(request.url) || request.is404) return;
    const decision = decideAccess(accessOf(request), request);
    if (decision !== 'allow') return refuse(request, reply, decision);
    if (request.method !== 'GET' && request.method !== 'HEAD' && !wantsJson(request)) {
      const given = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      const binding = request.session ? `s:${request.session.tokenHash}` : `v:${request.cookies[VISITOR_COOKIE] ?? ''}`;
      if (!csrfTokenMatches(csrfSecret, binding, given)) {
        await services.audit.record({ userId: request.session?.userId ?? null, username: request.session?.username ?? null }, originOf(request), {
          action: 'request.refused',
          subjectType: 'route',
          subjectId: `${request.method} ${request.routeOptions.url ?? request.url}`.slice(0, 200),
          detail: { reason: 'missing or wrong CSRF token' },
        });
        return reply.code(403).page('pages/errors/form-expired.njk', { back: request.headers.referer?.startsWith('/') ? request.headers.referer : null });
      }
    }
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request)) return reply.code(404).send({ error: 'Not found' });
    return reply.code(404).page('pages/errors/not-found.njk');
  });

  app.setErrorHandler(async (error, request, reply) => {
    const json = wantsJson(request);
    if (error instanceof NotFoundError) {
      // A signed-in user asking for a record that is missing or out of their scope: recorded, as both look the same to them.
      const actor = actorOf(request);
      if (actor) {
        await services.audit.record({ actor }, originOf(request), {
          action: 'request.not_found',
          subjectType: 'route',
          subjectId: `${request.method} ${request.routeOptions.url ?? ''}`.slice(0, 200),
          detail: { path: request.url.split('?')[0]!.slice(0, 500) },
        });
      }
      return json ? reply.code(404).send({ error: 'Not found' }) : reply.code(404).page('pages/errors/not-found.njk');
    }
    if (error instanceof ForbiddenError) return json ? reply.code(403).send({ error: error.message }) : reply.code(403).page('pages/errors/forbidden.njk', { message: error.message });
    if (error instanceof ValidationError) return json ? reply.code(400).send({ errors: error.fieldErrors }) : reply.code(400).page('pages/errors/bad-request.njk', { errors: Object.values(error.fieldErrors) });
    if (error instanceof ConflictError) return json ? reply.code(409).send({ error: error.message }) : reply.code(409).page('pages/errors/conflict.njk', { message: error.message });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      if (status === 429) return json ? reply.code(429).send({ error: 'Too many requests' }) : reply.code(429).page('pages/errors/too-many.njk');
      return json ? reply.code(status).send({ error: 'Bad request' }) : reply.code(status).page('pages/errors/bad-request.njk', { errors: [] });
    }
    request.log.error(error);
    return json ? reply.code(500).send({ error: 'Something went wrong' }) : reply.code(500).page('pages/errors/server-error.njk');
  });

  await registerRoutes(app, { signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 20 });
  return app;
}
