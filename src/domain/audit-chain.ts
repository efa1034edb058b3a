// Tamper-evident audit trail: each event's hash covers its content and the previous event's hash.
import { createHash } from 'node:crypto';

export type AuditEventContent = {
  occurredAt: Date;
  userId: string | null;
  username: string | null;
  role: string | null;
  serviceId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  personId: string | null;
  reason: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  detail: Record<string, unknown> | null;
};

export type ChainedAuditEvent = { id: string | number; prevHash: string; hash: string } & AuditEventContent;

export type AuditChainVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: string | number; problem: 'hash-mismatch' | 'broken-link' };

/** The prevHash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields that are hashed; anything else on a row (id, hashes, database columns) is not. */
const CONTENT_FIELDS = [
  'occurredAt', 'userId', 'username', 'role', 'serviceId', 'action', 'subjectType',
  'subjectId', 'personId', 'reason', 'ipAddress', 'userAgent', 'detail',
] as const satisfies ReadonlyArray<keyof AuditEventContent>;

/**
 * Deterministic JSON: object keys sorted at every depth, Dates as ISO strings,
 * undefined object properties left out (undefined in arrays becomes null, as in JSON).
 * Only plain data is accepted, so nothing is silently lost: a Map, class instance,
 * bigint or invalid date throws a TypeError.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) throw new TypeError('canonicalJson cannot represent undefined');
  return encode(value);
}

function encode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson cannot represent NaN or Infinity');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson cannot represent a ${typeof value}`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('canonicalJson cannot represent an invalid date');
    return JSON.stringify(value.toISOString());
  }
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError('canonicalJson accepts only plain objects, arrays, dates and primitives');
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${encode(record[key])}`);
  return `{${members.join(',')}}`;
}

/** Only the hashed fields, with a missing one read as null. */
function auditContent(event: AuditEventContent): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) content[field] = event[field] ?? null;
  return content;
}

/**
 * sha256 (hex) of prevHash + '\n' + the canonical JSON of the event's content.
 * Set occurredAt in the application (millisecond precision) and store that value,
 * so the time read back from the database hashes the same.
 */
export function auditHash(prevHash: string, event: AuditEventContent): string {
  return createHash('sha256').update(`${prevHash}\n${auditHashInput(event)}`, 'utf8').digest('hex');
}

/** What follows prevHash and a newline in the hashed text: the database computes the same sha256 when it appends. */
export function auditHashInput(event: AuditEventContent): string {
  return canonicalJson(auditContent(event));
}

/**
 * Walks events in id order. Each event must point at the hash of the one before it
 * (the first at startHash) and its own hash must match its content. Pass the last
 * verified hash as startHash to check a long trail one page at a time.
 */
export function verifyAuditChain(
  events: Iterable<ChainedAuditEvent>,
  startHash: string = GENESIS_HASH,
): AuditChainVerification {
  let expectedPrevHash = startHash;
  let checked = 0;
  for (const event of events) {
    if (event.prevHash !== expectedPrevHash) {
      return { ok: false, checked, brokenAt: event.id, problem: 'broken-link' };
    }
    if (auditHash(event.prevHash, event) !== event.hash) {
      return { ok: false, checked, brokenAt: event.id, problem: 'hash-mismatch' };
    }
    expectedPrevHash = event.hash;
    checked++;
  }
  return { ok: true, checked };
}
