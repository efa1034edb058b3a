// Keeping an agreed plan on course: recording its reviews, and extensions past 12 weeks (a worker asks, a team manager decides).
import type { Kysely } from 'kysely';
import type { CaseEpisodeRow, Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import { extensionProblems, reviewRecordProblems } from '../../domain/support-plan.js';
import { caseEndsOn } from '../../domain/twelve-week-clock.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { requireTeamManager, type CaseRecords } from './case-records.js';

export type ExtensionDecision = 'approved' | 'refused';

export type ExtensionRequest = {
  id: string; reason: string; newEndOn: string; requestedByName: string; requestedAt: Date;
  decision: ExtensionDecision | null; decidedByName: string | null; decidedOn: string | null;
};

/**
 * A review as a form read it: blank before it is recorded, else its date and notes. A form carries this so that a
 * review recorded meanwhile is noticed, and replaced only by someone who has seen it.
 */
export const reviewAsSeen = (review: { completed_on: string | null; notes: string }): string =>
  review.completed_on === null ? '' : JSON.stringify([review.completed_on, review.notes]);

export function createPlanReviews(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  const today = () => londonDate(clock.now());

  /** An open case whose plan is agreed: reviews and extensions belong to the running clock. */
  async function runningCase(actor: Actor, caseId: string): Promise<CaseEpisodeRow & { plan_agreed_on: string }> {
    const c = await cases.get(actor, caseId);
    if (c.case_status !== 'open') throw new ValidationError({ form: 'This case is closed or awaiting closure' });
    if (c.plan_agreed_on === null) throw new ValidationError({ form: 'Agree the support plan first: the 12-week clock has not started' });
    return c as CaseEpisodeRow & { plan_agreed_on: string };
  }

  async function extensionRequestsOf(caseId: string): Promise<ExtensionRequest[]> {
    const rows = await db
      .selectFrom('case_extension as e')
      .innerJoin('app_user as r', 'r.id', 'e.requested_by')
      .leftJoin('app_user as d', 'd.id', 'e.decided_by')
      .select(['e.id', 'e.reason', 'e.new_end_on', 'r.display_name as requested_by_name', 'e.requested_at', 'e.decision', 'd.display_name as decided_by_name', 'e.decided_on'])
      .where('e.case_id', '=', caseId)
      .orderBy('e.requested_at', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, reason: r.reason, newEndOn: r.new_end_on, requestedByName: r.requested_by_name, requestedAt: r.requested_at, decision: r.decision, decidedByName: r.decided_by_name, decidedOn: r.decided_on }));
  }

  return {
    extensionRequestsOf,

    /** A review of the plan, if it belongs to a case the actor may read. */
    async review(actor: Actor, caseId: string, reviewId: string) {
      const c = await cases.get(actor, caseId);
      const row = isUuid(reviewId) ? await db.selectFrom('plan_review').selectAll().where('id', '=', reviewId).where('case_id', '=', c.id).executeTakeFirst() : undefined;
      if (!row) throw new NotFoundError('review');
      return row;
    },

    /**
     * Completes a review with the day it was done and its notes. `was` is the review as the form read it
     * (`reviewAsSeen`, blank if not yet recorded): a review recorded since is replaced only by someone who has seen it.
     */
    async recordReview(actor: Actor, caseId: string, reviewId: string, input: { completedOn: string; notes: string; was?: string }, origin: RequestOrigin): Promise<void> {
      const c = await runningCase(actor, caseId);
      const row = isUuid(reviewId) ? await db.selectFrom('plan_review').selectAll().where('id', '=', reviewId).where('case_id', '=', c.id).executeTakeFirst() : undefined;
      if (!row) throw new NotFoundError('review');
      if (reviewAsSeen(row) !== (input.was ?? '')) throw new ConflictError(row, 'This review has already been recorded.');
      const problems = reviewRecordProblems(input, today(), c.plan_agreed_on);
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const replacing = row.completed_on !== null;
      const done = await db.transaction().execute(async (trx) => {
        let change = trx.updateTable('plan_review').set({ completed_on: input.completedOn, notes: input.notes.trim(), reviewed_by: actor.userId }).where('id', '=', row.id);
        change = row.completed_on === null ? change.where('completed_on', 'is', null) : change.where('completed_on', '=', row.completed_on).where('notes', '=', row.notes);
        const updated = await change.returning('id').executeTakeFirst();
        if (!updated) return false;
        await audit.record({ actor }, origin, { action: 'support_plan.review_recorded', subjectType: 'plan_review', subjectId: row.id, personId: c.person_id, detail: { caseId: c.id, dueOn: row.due_on, completedOn: input.completedOn, ...(replacing ? { replaced: true } : {}) } }, trx);
        return true;
      });
      if (!done) throw new ConflictError(row, 'Someone else recorded this review while you were writing it.');
    },

    /** Asks for support past the current end date; a team manager decides. One request waits at a time. */
    async requestExtension(actor: Actor, caseId: string, input: { reason: string; newEndOn: string }, origin: RequestOrigin): Promise<string> {
      const c = await runningCase(actor, caseId);
      const extensions = await cases.extensionsOf(c.id);
      const problems = extensionProblems(input, caseEndsOn(c.plan_agreed_on, extensions));
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const pending = await db.selectFrom('case_extension').select('id').where('case_id', '=', c.id).where('decision', 'is', null).executeTakeFirst();
      if (pending) throw new ValidationError({ form: 'An extension for this case is already waiting for a team manager\'s decision' });
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('case_extension').values({ service_id: c.service_id, case_id: c.id, reason: input.reason.trim(), new_end_on: input.newEndOn, requested_by: actor.userId, requested_at: clock.now() }).returning('id').executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, { action: 'case.extension_requested', subjectType: 'case_extension', subjectId: row.id, personId: c.person_id, detail: { caseId: c.id, newEndOn: input.newEndOn } }, trx);
        return row.id;
      });
    },

    /** A team manager approves (the clock's end moves) or refuses a waiting extension. */
    async decideExtension(actor: Actor, extensionId: string, decision: ExtensionDecision, origin: RequestOrigin): Promise<{ caseId: string }> {
      requireTeamManager(actor, 'Only a team manager may decide on an extension');
      if (decision !== 'approved' && decision !== 'refused') throw new ValidationError({ decision: 'Select approve or refuse' });
      const ext = isUuid(extensionId) ? await db.selectFrom('case_extension').selectAll().where('id', '=', extensionId).where('service_id', '=', actor.grant.serviceId ?? '').executeTakeFirst() : undefined;
      if (!ext) throw new NotFoundError('extension');
      const c = await cases.get(actor, ext.case_id);
      const decided = await db.transaction().execute(async (trx) => {
        const updated = await trx.updateTable('case_extension').set({ decision, decided_by: actor.userId, decided_on: today() })
          .where('id', '=', ext.id).where('decision', 'is', null).returning('id').executeTakeFirst();
        if (!updated) return false;
        await audit.record({ actor }, origin, { action: `case.extension_${decision}`, subjectType: 'case_extension', subjectId: ext.id, personId: c.person_id, detail: { caseId: c.id, newEndOn: ext.new_end_on } }, trx);
        return true;
      });
      if (!decided) throw new ConflictError(ext, 'This extension has already been decided.');
      return { caseId: c.id };
    },
  };
}
