// Who may use each route. Every route states it; a route without a rule stops the application from building.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../domain/roles.js';

/** Stages of an unfinished sign-in a route may serve. */
export type SetUpStage = 'second-factor-code' | 'second-factor-setup' | 'must-change-password';

export type Access =
  /** Anyone, signed in or not. */
  | { public: true }
  /** Anyone signed in, in any role (or none chosen yet); `allow` lets in sessions that are not yet complete. */
  | { signedIn: true; allow?: readonly SetUpStage[] }
  /** Signed in, acting in one of these roles. */
  | { roles: readonly Role[] };

export type DeclaredRoute = { method: string; url: string; access: Access };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Static files are public by their nature. */
const STATIC_PREFIXES = ['/assets/', '/static/'];

/** Records every route's rule and refuses any route that has none. */
export function enforceDeclaredAccess(app: FastifyInstance, table: DeclaredRoute[]): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let access = (route.config as { access?: Access } | undefined)?.access;
    if (!access && STATIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      access = { public: true };
      route.config = { ...(route.config as object), access } as typeof route.config;
    }
    if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} declares no access rule: add config.access`);
    for (const method of methods) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });
}

export function accessOf(request: FastifyRequest): Access | undefined {
  return request.routeOptions.config?.access;
}

export type AccessDecision = 'allow' | 'sign-in' | 'second-factor' | 'set-up-second-factor' | 'change-password' | 'choose-role' | 'forbidden';

/** Decides what a request may do, from its route's rule and the session (if any). */
export function decideAccess(access: Access | undefined, request: FastifyRequest): AccessDecision {
  if (!access) return 'forbidden';
  if ('public' in access) return 'allow';
  const session = request.session;
  if (!session) return 'sign-in';
  const allowed: readonly SetUpStage[] = ('signedIn' in access && access.allow) || [];
  if (session.secondFactorPending) {
    if (session.secondFactorSetupNeeded) {
      if (!allowed.includes('second-factor-setup')) return 'set-up-second-factor';
    } else if (!allowed.includes('second-factor-code')) return 'second-factor';
    return 'allow';
  }
  if (session.mustChangePassword && !allowed.includes('must-change-password')) return 'change-password';
  if ('signedIn' in access) return 'allow';
  if (!session.activeGrant) return session.grants.length > 0 ? 'choose-role' : 'forbidden';
  return access.roles.includes(session.activeGrant.role) ? 'allow' : 'forbidden';
}

export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export type AccessResponder = (request: FastifyRequest, reply: FastifyReply, decision: AccessDecision) => Promise<unknown> | unknown;
