// What the application hangs on each request: the session, the acting user, where it came from.
import type { FastifyRequest } from 'fastify';
import type { Session, SessionLookup } from '../services/accounts/sessions.js';
import type { Actor } from '../domain/actor.js';
import type { RequestOrigin } from '../services/audit.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    sessionStatus: SessionLookup['status'];
  }
}

export function actorOf(request: FastifyRequest): Actor | null {
  const s = request.session;
  if (!s?.activeGrant || s.secondFactorPending) return null;
  return { userId: s.userId, username: s.username, displayName: s.displayName, grant: s.activeGrant };
}

/** The actor of a route that admits only roles: present by the time a handler runs. */
export function requireActor(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  if (!actor) throw new Error('No actor on a role-restricted route');
  return actor;
}

export function originOf(request: FastifyRequest): RequestOrigin {
  const ua = request.headers['user-agent'];
  return { ipAddress: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}
