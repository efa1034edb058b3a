// Allocating a case to a worker, reallocating it with a reason, and moving a leaver's whole caseload: each change
// recorded in case_allocation (who held the case when) and in the audit trail, in the same transaction.
import type { Kysely, Transaction } from 'kysely';
import type { CaseEpisodeRow, Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import type { Role } from '../../domain/roles.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../errors.js';
import { requireTeamManager, type CaseRecords } from './case-records.js';

/** The roles a case can be allocated to. */
export const CASEWORKER_ROLES: readonly Role[] = ['practitioner', 'support_worker'];
export const ALLOCATION_REASON_MAX = 500;

export type Caseworker = { userId: string; displayName: string; isActive: boolean; roles: Role[] };

type Reader = Kysely<Database> | Transaction<Database>;

/** Everyone with a practitioner or support worker grant in the service, by name. */
export async function caseworkersOf(reader: Reader, serviceId: string): Promise<Caseworker[]> {
  const rows = await reader
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.display_name', 'u.is_active', 'g.role'])
    .where('g.service_id', '=', serviceId)
    .where('g.role', 'in', CASEWORKER_ROLES)
    .orderBy('u.display_name')
    .execute();
  const byUser = new Map<string, Caseworker>();
  for (const r of rows) {
    const w = byUser.get(r.id) ?? { userId: r.id, displayName: r.display_name, isActive: r.is_active, roles: [] };
    if (!w.roles.includes(r.role)) w.roles.push(r.role);
    byUser.set(r.id, w);
  }
  return [...byUser.values()];
}

/** The reason, trimmed, or the message saying what is wrong with it. */
function reasonProblem(reason: string, required: boolean): string | null {
  const text = reason.trim();
  if (required && text === '') return 'Enter the reason for reallocating, for example "Hannah is leaving the team"';
  if (text.length > ALLOCATION_REASON_MAX) return `The reason must be ${ALLOCATION_REASON_MAX} characters or fewer`;
  return null;
}

export function createCaseAllocation(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  /** The worker a case may go to: an active practitioner or support worker of the service. */
  async function caseworker(serviceId: string, userId: string): Promise<Caseworker | null> {
    return (isUuid(userId) ? (await caseworkersOf(db, serviceId)).find((w) => w.userId === userId && w.isActive) : undefined) ?? null;
  }
  const NO_WORKER = 'Select the practitioner or support worker to take the case';

  return {
    /** Allocates (or reallocates, with a reason) a case to a worker; refused with a ConflictError if the case changed since `version`. */
    async allocate(actor: Actor, caseId: string, toUserId: string, reason: string, version: number, origin: RequestOrigin): Promise<void> {
      const serviceId = requireTeamManager(actor);
      const c = await cases.get(actor, caseId);
      if (version !== c.version) throw new ConflictError(c);
      if (c.case_status === 'closed') throw new ValidationError({ toUserId: 'This case is closed: it cannot be allocated' });
      const worker = await caseworker(serviceId, toUserId);
      const problems: FieldErrors = {};
      if (!worker) problems.toUserId = NO_WORKER;
      else if (c.allocated_to === worker.userId) problems.toUserId = `The case is already allocated to ${worker.displayName}: select someone else`;
      const reasonWrong = reasonProblem(reason, c.allocated_to !== null);
      if (reasonWrong) problems.reason = reasonWrong;
      if (!worker || Object.keys(problems).length > 0) throw new ValidationError(problems);
      const why = reason.trim();
      const now = clock.now();
      await saveVersioned(
        db,
        async (trx) => {
          await updateWithVersion(trx, 'case_episode', c.id, version, { allocated_to: worker.userId, allocated_at: now }, now);
          await trx.insertInto('case_allocation').values({ service_id: serviceId, case_id: c.id, from_user_id: c.allocated_to, to_user_id: worker.userId, reason: why, allocated_by: actor.userId, allocated_at: now }).execute();
          await audit.record({ actor }, origin, {
            action: c.allocated_to ? 'case.reallocated' : 'case.allocated', subjectType: 'case', subjectId: c.id, personId: c.person_id, reason: why || null,
            detail: { from: c.allocated_to, to: worker.userId },
          }, trx);
        },
        () => db.selectFrom('case_episode').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow() as Promise<CaseEpisodeRow>,
      );
    },

    /** Moves every case a worker holds that is not closed to another worker, in one transaction; returns how many moved. */
    async reallocateAll(actor: Actor, fromUserId: string, toUserId: string, reason: string, origin: RequestOrigin): Promise<number> {
      const serviceId = requireTeamManager(actor);
      if (!isUuid(fromUserId)) throw new NotFoundError('worker');
      const worker = await caseworker(serviceId, toUserId);
      const problems: FieldErrors = {};
      if (fromUserId === toUserId) problems.toUserId = 'Select a different worker: these cases are already theirs';
      else if (!worker) problems.toUserId = NO_WORKER;
      const reasonWrong = reasonProblem(reason, true);
      if (reasonWrong) problems.reason = reasonWrong;
      if (!worker || Object.keys(problems).length > 0) throw new ValidationError(problems);
      const why = reason.trim();
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const moving = await trx
          .selectFrom('case_episode')
          .select(['id', 'person_id'])
          .where('service_id', '=', serviceId)
          .where('allocated_to', '=', fromUserId)
          .where('case_status', '<>', 'closed')
          .forUpdate()
          .execute();
        if (moving.length === 0) return 0;
        const ids = moving.map((m) => m.id);
        await trx
          .updateTable('case_episode')
          .set((eb) => ({ allocated_to: worker.userId, allocated_at: now, version: eb('version', '+', 1), updated_at: now }))
          .where('id', 'in', ids)
          .execute();
        await trx
          .insertInto('case_allocation')
          .values(moving.map((m) => ({ service_id: serviceId, case_id: m.id, from_user_id: fromUserId, to_user_id: worker.userId, reason: why, allocated_by: actor.userId, allocated_at: now })))
          .execute();
        for (const m of moving) {
          await audit.record({ actor }, origin, { action: 'case.reallocated', subjectType: 'case', subjectId: m.id, personId: m.person_id, reason: why, detail: { from: fromUserId, to: worker.userId, wholeCaseload: true } }, trx);
        }
        return moving.length;
      });
    },
  };
}
