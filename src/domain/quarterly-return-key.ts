// The pseudonymised person key of the quarterly return: the same person gets the same key in every quarter, and the
// key cannot be turned back into the person without the installation's secret.
import crypto from 'node:crypto';

/** How many hexadecimal characters of the HMAC are kept: 16 (64 bits), far more than enough to keep people apart. */
export const PERSON_KEY_LENGTH = 16;

/**
 * The person's key: HMAC-SHA256 (RFC 2104, with SHA-256 as in RFC 4231) of the person's id under the secret,
 * written in lower-case hexadecimal and truncated to its first `PERSON_KEY_LENGTH` characters (RFC 2104 section 5
 * allows truncation to the leftmost bits). Deterministic: the same id and secret always give the same key. Throws a
 * RangeError for an empty id or secret.
 */
export function personKey(personId: string, secret: string): string {
  if (personId === '') throw new RangeError('A person key needs the person id');
  if (secret === '') throw new RangeError('A person key needs the secret');
  return crypto.createHmac('sha256', secret).update(personId, 'utf8').digest('hex').slice(0, PERSON_KEY_LENGTH);
}
