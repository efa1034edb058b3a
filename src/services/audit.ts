// The audit trail: every sign-in, view of a person, change, export and disclosure, chained by hash.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH, auditHashInput, verifyAuditChain, type AuditEventContent } from '../domain/audit-chain.js';
import type { Actor } from '../domain/actor.js';
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

export function createAuditService(db: Kysely<Database>, clock: Clock) {
  /**
   * One statement moves the chain's head on (its row lock makes writers on every instance take turns, until the
   * appending transaction ends) and inserts the event from it, the database computing the same hash as auditHash.
   */
  async function append(executor: Transaction<Database> | Kysely<Database>, who: AuditWho, origin: RequestOrigin, entry: AuditEntry) {
    const actor = 'actor' in who ? who.actor : null;
    const content: AuditEventContent = {
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
    const c = content;
    const appended = await sql`
      with head as (
        update audit_chain_head
           set prev_hash = hash,
               hash = encode(sha256(convert_to(hash || ${'\n'}::text || ${auditHashInput(c)}::text, 'UTF8')), 'hex')
        returning prev_hash, hash
      )
      insert into audit_event (occurred_at, user_id, username, role, service_id, action, subject_type, subject_id, person_id,
                               reason, ip_address, user_agent, detail, prev_hash, hash)
      select ${c.occurredAt}::timestamptz, ${c.userId}::uuid, ${c.username}::text, ${c.role}::text, ${c.serviceId}::uuid, ${c.action}::text,
             ${c.subjectType}::text, ${c.subjectId}::text, ${c.personId}::uuid, ${c.reason}::text, ${c.ipAddress}::text, ${c.userAgent}::text,
             ${c.detail === null ? null : JSON.stringify(c.detail)}::jsonb, head.prev_hash, head.hash
      from head
      returning id`.execute(executor);
    if (appended.rows.length !== 1) throw new Error('The audit chain has no head row: run divert migrate');
  }

  return {
    /** Appends an event; pass the transaction of the change it records so both land or neither does. */
    async record(who: AuditWho, origin: RequestOrigin, entry: AuditEntry, trx?: Transaction<Database>): Promise<void> {
      // Alone, the one statement is its own transaction.
      await append(trx ?? db, who, origin, entry);
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
