// The audit trail: every sign-in, view of a person, change, export and disclosure, chained by hash.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH, auditHashInput, verifyAuditChain, type AuditEventContent } from '../domain/audit-chain.js';
import type { Actor } from '../domain/actor.js';
import { batchedWrites } from './batched-writes.js';
import type { Clock } from './clock.js';

/** Where a request came from, for the trail. */
export type RequestOrigin = { ipAddress: string | null; userAgent: string | null };

export type AuditEntry = {
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  personId?: string | null;
  serviceId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown> | null;
};

/** Who did it: a signed-in actor, or a named user before they chose a role (e.g. a failed sign-in). */
export type AuditWho = { actor: Actor } | { userId: string | null; username: string | null };

export type AuditSearch = { username?: string; personId?: string; action?: string; beforeId?: number; limit?: number };

/** An event as audit_append_events (migration 0018) takes it: its columns, and the text its hash is worked out from. */
const asAppended = (c: AuditEventContent) => ({
  hashInput: auditHashInput(c),
  occurredAt: c.occurredAt.toISOString(),
  userId: c.userId,
  username: c.username,
  role: c.role,
  serviceId: c.serviceId,
  action: c.action,
  subjectType: c.subjectType,
  subjectId: c.subjectId,
  personId: c.personId,
  reason: c.reason,
  ipAddress: c.ipAddress,
  userAgent: c.userAgent,
  detail: c.detail,
});

/**
 * Appends events in order in one statement: each moves the chain's head on (its row lock makes writers on every
 * instance take turns, until the appending transaction ends) and is inserted from it, the database computing the same
 * hash as auditHash.
 */
async function appendEvents(executor: Transaction<Database> | Kysely<Database>, events: AuditEventContent[]): Promise<void> {
  const { rows } = await sql<{ appended: number }>`select audit_append_events(${JSON.stringify(events.map(asAppended))}::jsonb) as appended`.execute(executor);
  if (rows[0]?.appended !== events.length) throw new Error(`The audit trail appended ${rows[0]?.appended ?? 0} of ${events.length} events`);
}

export function createAuditService(db: Kysely<Database>, clock: Clock) {
  function contentOf(who: AuditWho, origin: RequestOrigin, entry: AuditEntry): AuditEventContent {
    const actor = 'actor' in who ? who.actor : null;
    return {
      occurredAt: clock.now(),
      userId: actor ? actor.userId : (who as { userId: string | null }).userId,
      username: actor ? actor.username : (who as { username: string | null }).username,
      role: actor?.grant.role ?? null,
      serviceId: entry.serviceId ?? actor?.grant.serviceId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      personId: entry.personId ?? null,
      reason: entry.reason ?? null,
      ipAddress: origin.ipAddress,
      userAgent: origin.userAgent ? origin.userAgent.slice(0, 300) : null,
      detail: entry.detail ?? null,
    };
  }

  // Events recorded on their own (a view of a record, a refusal) that arrive together are appended together.
  const alone = batchedWrites<AuditEventContent>((events) => appendEvents(db, events));

  return {
    /**
     * Appends an event; pass the transaction of the change it records so both land or neither does. Without one,
     * the promise settles once the event is stored (with any recorded at the same moment).
     */
    async record(who: AuditWho, origin: RequestOrigin, entry: AuditEntry, trx?: Transaction<Database>): Promise<void> {
      const content = contentOf(who, origin, entry);
      if (trx) await appendEvents(trx, [content]);
      else await alone.write(content);
    },

    async search(query: AuditSearch) {
      let q = db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(Math.min(query.limit ?? 50, 200));
      if (query.username) q = q.where('username', '=', query.username.trim().toLowerCase());
      if (query.personId) q = q.where('person_id', '=', query.personId);
      if (query.action) q = q.where('action', '=', query.action);
      if (query.beforeId) q = q.where('id', '<', query.beforeId);
      return q.execute();
    },

    /**
     * Walks the whole chain in pages and reports the first break. The chain's head, read first, must be one of the
     * events walked: when it is not, events were removed from the end, which no link between the rest would show.
     */
    async verify(): Promise<{ ok: boolean; checked: number; brokenAt?: number | string; problem?: string }> {
      const { rows: heads } = await sql<{ hash: string }>`select hash from audit_chain_head`.execute(db);
      const headHash = heads[0]?.hash ?? GENESIS_HASH;
      let headSeen = headHash === GENESIS_HASH;
      let afterId = 0;
      let prev = GENESIS_HASH;
      let checked = 0;
      for (;;) {
        const page = await db.selectFrom('audit_event').selectAll().where('id', '>', afterId).orderBy('id').limit(2000).execute();
        if (page.length === 0) return headSeen ? { ok: true, checked } : { ok: false, checked, brokenAt: afterId, problem: 'end-missing' };
        const result = verifyAuditChain(
          page.map((row) => ({
            id: row.id,
            prevHash: row.prev_hash,
            hash: row.hash,
            occurredAt: row.occurred_at,
            userId: row.user_id,
            username: row.username,
            role: row.role,
            serviceId: row.service_id,
            action: row.action,
            subjectType: row.subject_type,
            subjectId: row.subject_id,
            personId: row.person_id,
            reason: row.reason,
            ipAddress: row.ip_address,
            userAgent: row.user_agent,
            detail: row.detail,
          })),
          prev,
        );
        if (!result.ok) return { ok: false, checked: checked + result.checked, brokenAt: result.brokenAt, problem: result.problem };
        checked += result.checked;
        headSeen ||= page.some((row) => row.hash === headHash);
        const last = page[page.length - 1]!;
        prev = last.hash;
        afterId = last.id;
      }
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
