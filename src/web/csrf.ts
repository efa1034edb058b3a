// CSRF tokens: an HMAC of the session (or, before sign-in, of a visitor cookie) under the installation's key.
import crypto from 'node:crypto';

export const CSRF_FIELD = '_csrf';
export const VISITOR_COOKIE = 'divert_visitor';

export function csrfTokenFor(secret: string, binding: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
}

export function csrfTokenMatches(secret: string, binding: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 200) return false;
  const expected = Buffer.from(csrfTokenFor(secret, binding));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

export const newVisitorId = (): string => crypto.randomBytes(24).toString('base64url');
