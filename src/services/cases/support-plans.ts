// The support plan of a case: goals, exit strategy, interventions from the catalogue and review dates, saved as a
// draft and then agreed, which starts the 12-week clock. Reviews and extensions live in plan-reviews.ts.
import type { Kysely, Transaction } from 'kysely';
import type { CaseEpisodeRow, Database, SupportPlanRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import { agreedOnProblem, isProportionate, planProblems, reviewStatus, type CatalogueEntry, type PlanDraft, type PlanInterventionStatus, PLAN_INTERVENTION_STATUSES } from '../../domain/support-plan.js';
import { caseEndsOn, reviewDates } from '../../domain/twelve-week-clock.js';
import { isOneOf } from '../../domain/referral-vocabulary.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import type { CaseRecords } from './case-records.js';
import { createPlanReviews } from './plan-reviews.js';

export type PlanInput = PlanDraft;
export type AgreeInput = PlanDraft & { /** The day the plan was agreed; today when null. */ agreedOn: string | null };

type Reader = Kysely<Database> | Transaction<Database>;

export type PlanInterventionView = {
  id: string; interventionId: string; name: string; isRestorative: boolean; isActive: boolean;
  rationale: string; status: PlanInterventionStatus; addedAt: Date;
};

/** Plan interventions of a case with their catalogue entries (for restorative bookings as well as the plan page). */
export async function interventionsOf(reader: Reader, caseId: string): Promise<PlanInterventionView[]> {
  const rows = await reader
    .selectFrom('plan_intervention as p')
    .innerJoin('intervention as i', (j) => j.onRef('i.id', '=', 'p.intervention_id').onRef('i.service_id', '=', 'p.service_id'))
    .select(['p.id', 'p.intervention_id', 'i.name', 'i.is_restorative', 'i.is_active', 'p.rationale', 'p.intervention_status', 'p.added_at'])
    .where('p.case_id', '=', caseId)
    .orderBy('p.added_at').orderBy('i.name')
    .execute();
  return rows.map((r) => ({ id: r.id, interventionId: r.intervention_id, name: r.name, isRestorative: r.is_restorative, isActive: r.is_active, rationale: r.rationale, status: r.intervention_status, addedAt: r.added_at }));
}

export function createSupportPlans(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  const today = () => londonDate(clock.now());
  const reviews = createPlanReviews(db, clock, audit, cases);

  const planOf = async (caseId: string, reader: Reader = db): Promise<SupportPlanRow | null> =>
    (await reader.selectFrom('support_plan').selectAll().where('case_id', '=', caseId).executeTakeFirst()) ?? null;

  async function offenceOf(c: CaseEpisodeRow): Promise<string> {
    if (!c.referral_id) return 'not_known';
    const r = await db.selectFrom('referral').select('offence_category').where('id', '=', c.referral_id).executeTakeFirst();
    return r?.offence_category ?? 'not_known';
  }

  async function catalogueOf(serviceId: string): Promise<CatalogueEntry[]> {
    const rows = await db.selectFrom('intervention').select(['id', 'name', 'is_active', 'offence_categories']).where('service_id', '=', serviceId).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, isActive: r.is_active, offenceCategories: r.offence_categories }));
  }

  /** A plan is changed only while the case is open. */
  async function openCaseFor(actor: Actor, caseId: string): Promise<CaseEpisodeRow> {
    const c = await cases.get(actor, caseId);
    if (c.case_status !== 'open') throw new ValidationError({ form: 'This case is closed or awaiting closure: its plan can no longer be changed' });
    return c;
  }

  /** Checks a plan and the removals it makes; returns the interventions already in the plan. */
  async function check(c: CaseEpisodeRow, input: PlanDraft, agreed: boolean, startsOn: string, extra: Record<string, string> = {}) {
    const [catalogue, offenceCategory, existing, extensions, done] = await Promise.all([
      catalogueOf(c.service_id), offenceOf(c), interventionsOf(db, c.id), cases.extensionsOf(c.id),
      db.selectFrom('plan_review').select('due_on').where('case_id', '=', c.id).where('completed_on', 'is not', null).execute(),
    ]);
    const problems: Record<string, string> = {
      ...extra,
      ...planProblems(input, {
        agreed, checkReviews: agreed, startsOn, endsOn: caseEndsOn(startsOn, extensions), catalogue, offenceCategory,
        alreadyPlanned: new Set(existing.map((e) => e.interventionId)), completedReviewDates: done.map((d) => d.due_on),
      }),
    };
    const kept = new Set(input.interventions.map((i) => i.interventionId));
    const removed = existing.filter((e) => !kept.has(e.interventionId));
    if (removed.length > 0) {
      const booked = await db.selectFrom('restorative_booking').select('plan_intervention_id').where('plan_intervention_id', 'in', removed.map((r) => r.id)).execute();
      for (const b of booked) {
        const r = removed.find((x) => x.id === b.plan_intervention_id)!;
        problems[`intervention-${r.interventionId}`] = `${r.name} is booked on a restorative session: cancel the booking before taking it out of the plan`;
      }
      const linked = await db.selectFrom('disposal_condition').select('plan_intervention_id').where('plan_intervention_id', 'in', removed.map((r) => r.id)).execute();
      for (const l of linked) {
        const r = removed.find((x) => x.id === l.plan_intervention_id)!;
        problems[`intervention-${r.interventionId}`] ??= `${r.name} is the work a condition of a justice outcome rests on: keep it in the plan and record how it went instead`;
      }
    }
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    return { existing, removed };
  }

  /** Writes the plan row at `version` (0: no plan yet), its interventions and, for an agreed plan, its open reviews. */
  async function write(actor: Actor, c: CaseEpisodeRow, version: number, input: PlanDraft, checked: Awaited<ReturnType<typeof check>>, plan: Record<string, unknown>, writeReviews: boolean, after: (trx: Transaction<Database>) => Promise<void>) {
    const now = clock.now();
    const goals = JSON.stringify(input.goals.map((g) => g.trim()).filter((g) => g !== ''));
    const loadLatest = () => planOf(c.id);
    try {
      await saveVersioned(db, async (trx) => {
        const values = { goals, exit_strategy: input.exitStrategy.trim(), ...plan };
        if (version === 0) await trx.insertInto('support_plan').values({ service_id: c.service_id, case_id: c.id, ...values, created_at: now, updated_at: now }).execute();
        else {
          const current = await trx.selectFrom('support_plan').select('id').where('case_id', '=', c.id).executeTakeFirst();
          if (!current) throw new ConflictError(null);
          await updateWithVersion(trx, 'support_plan', current.id, version, values, now);
        }
        if (checked.removed.length > 0) await trx.deleteFrom('plan_intervention').where('id', 'in', checked.removed.map((r) => r.id)).execute();
        for (const chosen of input.interventions) {
          const had = checked.existing.find((e) => e.interventionId === chosen.interventionId);
          if (had) await trx.updateTable('plan_intervention').set({ rationale: chosen.rationale.trim() }).where('id', '=', had.id).execute();
          else await trx.insertInto('plan_intervention').values({ service_id: c.service_id, case_id: c.id, intervention_id: chosen.interventionId, rationale: chosen.rationale.trim(), added_by: actor.userId, added_at: now }).execute();
        }
        if (writeReviews) {
          const wanted = new Set(input.reviewDates.filter((d): d is string => d !== null));
          const open = await trx.selectFrom('plan_review').select(['id', 'due_on']).where('case_id', '=', c.id).where('completed_on', 'is', null).execute();
          const drop = open.filter((r) => !wanted.has(r.due_on)).map((r) => r.id);
          if (drop.length > 0) await trx.deleteFrom('plan_review').where('id', 'in', drop).execute();
          const have = new Set(open.map((r) => r.due_on));
          const add = [...wanted].filter((d) => !have.has(d)).map((due_on) => ({ service_id: c.service_id, case_id: c.id, due_on }));
          if (add.length > 0) await trx.insertInto('plan_review').values(add).execute();
        }
        await after(trx);
      }, loadLatest);
    } catch (error) {
      if (error instanceof ConflictError && error.current === null) throw new ConflictError(await loadLatest());
      if (uniqueViolation(error) === 'support_plan_case_id_key') throw new ConflictError(await loadLatest());
      throw error;
    }
  }

  /** The plan as read: stale if it exists and the form did not know, or the form knew one that is gone. */
  async function currentAt(caseId: string, version: number): Promise<SupportPlanRow | null> {
    const plan = await planOf(caseId);
    if ((plan === null) !== (version === 0)) throw new ConflictError(plan);
    return plan;
  }

  const auditDetail = (input: PlanDraft) => ({ goals: input.goals.filter((g) => g.trim() !== '').length, interventions: input.interventions.map((i) => i.interventionId), reviewDates: input.reviewDates.filter((d) => d !== null) });

  return {
    ...reviews,

    /** The plan of a case the actor may read (not audited: the page records its read of the case). */
    async forCase(actor: Actor, caseId: string) {
      const c = await cases.get(actor, caseId);
      const t = today();
      const [plan, interventions, reviewRows, extensions, offenceCategory] = await Promise.all([
        planOf(c.id), interventionsOf(db, c.id),
        db.selectFrom('plan_review as r').leftJoin('app_user as u', 'u.id', 'r.reviewed_by').select(['r.id', 'r.due_on', 'r.completed_on', 'r.notes', 'u.display_name as reviewed_by_name']).where('r.case_id', '=', c.id).orderBy('r.due_on').execute(),
        reviews.extensionRequestsOf(c.id), offenceOf(c),
      ]);
      const agreedBy = plan?.agreed_by ? await db.selectFrom('app_user').select('display_name').where('id', '=', plan.agreed_by).executeTakeFirst() : undefined;
      return {
        caseEpisode: c,
        plan,
        agreedByName: agreedBy?.display_name ?? null,
        interventions,
        reviews: reviewRows.map((r) => ({ id: r.id, dueOn: r.due_on, completedOn: r.completed_on, notes: r.notes, reviewedByName: r.reviewed_by_name, status: reviewStatus(r.due_on, r.completed_on, t) })),
        extensions,
        offenceCategory,
      };
    },

    /** The catalogue entries a plan of this case may add: active ones of its service, each marked proportionate or not. */
    async choicesFor(actor: Actor, caseId: string) {
      const c = await cases.get(actor, caseId);
      const [catalogue, offenceCategory] = await Promise.all([catalogueOf(c.service_id), offenceOf(c)]);
      return catalogue.map((e) => ({ ...e, proportionate: isProportionate(e, offenceCategory) }));
    },

    /** Saves the plan read at `version` (0 when there was none). An agreed plan's review dates are saved too; a draft's are not. */
    async save(actor: Actor, caseId: string, version: number, input: PlanInput, origin: RequestOrigin): Promise<void> {
      const c = await openCaseFor(actor, caseId);
      const plan = await currentAt(c.id, version);
      const agreed = plan?.plan_status === 'agreed';
      const checked = await check(c, input, agreed, plan?.agreed_on ?? today());
      await write(actor, c, version, input, checked, {}, agreed, (trx) =>
        audit.record({ actor }, origin, { action: 'support_plan.saved', subjectType: 'case', subjectId: c.id, personId: c.person_id, detail: { planStatus: agreed ? 'agreed' : 'draft', ...auditDetail(input) } }, trx));
    },

    /** Agrees the plan: it must be whole; the 12-week clock starts on the agreed day; reviews default to every two weeks. */
    async agree(actor: Actor, caseId: string, version: number, input: AgreeInput, origin: RequestOrigin): Promise<void> {
      const c = await openCaseFor(actor, caseId);
      const plan = await currentAt(c.id, version);
      if (plan?.plan_status === 'agreed') throw new ConflictError(plan, 'This plan has already been agreed.');
      const dateProblem = agreedOnProblem(input.agreedOn ?? today(), today(), londonDate(c.opened_at));
      // With a date that cannot be used, the rest is still checked (against today) so every problem shows at once.
      const agreedOn = dateProblem ? today() : input.agreedOn ?? today();
      const entered = input.reviewDates.some((d) => d !== null);
      const withReviews = { ...input, reviewDates: entered ? input.reviewDates : reviewDates(agreedOn, caseEndsOn(agreedOn, [])) };
      const checked = await check(c, withReviews, true, agreedOn, dateProblem ? { agreedOn: dateProblem } : {});
      await write(actor, c, version, withReviews, checked, { plan_status: 'agreed', agreed_on: agreedOn, agreed_by: actor.userId }, true, async (trx) => {
        await trx.updateTable('case_episode').set({ plan_agreed_on: agreedOn, updated_at: clock.now() }).where('id', '=', c.id).execute();
        await audit.record({ actor }, origin, { action: 'support_plan.agreed', subjectType: 'case', subjectId: c.id, personId: c.person_id, detail: { agreedOn, ...auditDetail(withReviews) } }, trx);
      });
    },

    /** Moves a plan intervention on: planned, booked, completed or not completed. */
    async setInterventionStatus(actor: Actor, caseId: string, planInterventionId: string, status: string, origin: RequestOrigin): Promise<void> {
      const c = await openCaseFor(actor, caseId);
      if (!isOneOf(PLAN_INTERVENTION_STATUSES, status)) throw new ValidationError({ [`status-${planInterventionId}`]: 'Select where this intervention stands' });
      const row = isUuid(planInterventionId) ? await db.selectFrom('plan_intervention').select(['id', 'intervention_status']).where('id', '=', planInterventionId).where('case_id', '=', c.id).executeTakeFirst() : undefined;
      if (!row) throw new NotFoundError('plan intervention');
      if (row.intervention_status === status) return;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('plan_intervention').set({ intervention_status: status }).where('id', '=', row.id).execute();
        await audit.record({ actor }, origin, { action: 'plan_intervention.status_changed', subjectType: 'plan_intervention', subjectId: row.id, personId: c.person_id, detail: { caseId: c.id, from: row.intervention_status, to: status } }, trx);
      });
    },

    /** The plan interventions of a case, with their catalogue entries (no scope check: for other services' use). */
    interventionsOf: (caseId: string, reader: Reader = db) => interventionsOf(reader, caseId),
  };
}

export type SupportPlans = ReturnType<typeof createSupportPlans>;
