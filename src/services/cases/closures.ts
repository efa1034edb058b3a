// Closing a case (at once when the plan is complete, otherwise after a team manager signs it off),
// the follow-up some weeks after closure, and each service's setting for when that follow-up is due.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import {
  checkClosure, checkFollowUp, exitStatusOfFinal, followUpDueOn, isFollowUpDue, parseFollowUpAfterDays, planIncompleteReasons,
  type ClosureForm, type FollowUpForm,
} from '../../domain/closure.js';
import { londonDate } from '../../domain/london-time.js';
import { isFinalOnward } from '../../domain/onward-referral-state.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { ConflictError, NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { requireTeamManager, type CaseRecords } from './case-records.js';

type Reader = Kysely<Database> | Transaction<Database>;

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

export type SignOffDecision = 'approve' | 'send_back';

export function createClosures(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  const today = () => londonDate(clock.now());

  /** The case's onward referrals with their partner's name, oldest first. */
  function onwardReferralsOf(caseId: string, reader: Reader = db) {
    return reader
      .selectFrom('onward_referral as r')
      .innerJoin('partner_organisation as p', 'p.id', 'r.partner_organisation_id')
      .select(['r.id', 'r.onward_state', 'r.exit_status', 'p.name as partner_name'])
      .where('r.case_id', '=', caseId)
      .orderBy('r.created_at')
      .execute();
  }

  async function planGaps(caseId: string): Promise<string[]> {
    const [plan, interventions, reviews] = await Promise.all([
      db.selectFrom('support_plan').select('plan_status').where('case_id', '=', caseId).executeTakeFirst(),
      db.selectFrom('plan_intervention').select('intervention_status').where('case_id', '=', caseId).execute(),
      db.selectFrom('plan_review').select(['due_on', 'completed_on']).where('case_id', '=', caseId).execute(),
    ]);
    return planIncompleteReasons({
      agreed: plan?.plan_status === 'agreed',
      interventionStatuses: interventions.map((i) => i.intervention_status),
      reviews: reviews.map((r) => ({ dueOn: r.due_on, completedOn: r.completed_on })),
    }, today());
  }

  async function followUpAfterDays(serviceId: string, reader: Reader = db): Promise<number> {
    const s = await reader.selectFrom('service').select('follow_up_after_days').where('id', '=', serviceId).executeTakeFirstOrThrow();
    return s.follow_up_after_days;
  }

  const latestCase = (caseId: string) => () => db.selectFrom('case_episode').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();

  /** Referrals asked about at follow-up: those not declined or withdrawn. */
  const followedReferrals = (rs: Awaited<ReturnType<typeof onwardReferralsOf>>) =>
    rs.filter((r) => !['declined', 'withdrawn'].includes(r.exit_status ?? r.onward_state));

  return {
    onwardReferralsOf,
    planGaps,

    /** The closure page's facts, read (and audited) as the closure part of the case. */
    async overview(actor: Actor, caseId: string, origin: RequestOrigin) {
      const header = await cases.view(actor, caseId, origin, 'closure');
      const c = header.caseEpisode;
      const [referrals, gaps, followUp, days, requestedBy, signedOffBy] = await Promise.all([
        onwardReferralsOf(c.id),
        c.case_status === 'closed' ? Promise.resolve([]) : planGaps(c.id),
        db.selectFrom('follow_up as f').innerJoin('app_user as u', 'u.id', 'f.recorded_by').selectAll('f').select('u.display_name as recorded_by_name').where('f.case_id', '=', c.id).executeTakeFirst(),
        followUpAfterDays(c.service_id),
        c.closure_requested_by ? db.selectFrom('app_user').select('display_name').where('id', '=', c.closure_requested_by).executeTakeFirst() : Promise.resolve(undefined),
        c.closure_signed_off_by ? db.selectFrom('app_user').select('display_name').where('id', '=', c.closure_signed_off_by).executeTakeFirst() : Promise.resolve(undefined),
      ]);
      return {
        header,
        referrals: referrals.map((r) => ({ ...r, needsExitStatus: !isFinalOnward(r.onward_state) })),
        followedReferrals: followedReferrals(referrals),
        planGaps: gaps,
        followUp: followUp ?? null,
        followUpDue: c.case_status === 'closed' && !followUp && isFollowUpDue(c.follow_up_due_on, today()),
        followUpAfterDays: days,
        requestedByName: requestedBy?.display_name ?? null,
        signedOffByName: signedOffBy?.display_name ?? null,
      };
    },

    /**
     * Closes an open case. A complete plan (or a team manager closing) closes it at once and sets the follow-up date;
     * an incomplete plan leaves the case awaiting a team manager's sign-off.
     */
    async close(actor: Actor, caseId: string, version: number, form: ClosureForm, origin: RequestOrigin): Promise<'closed' | 'closure_requested'> {
      const c = await cases.get(actor, caseId);
      if (c.case_status !== 'open') throw new ConflictError(c, c.case_status === 'closed' ? 'This case is already closed.' : 'Closure of this case is already awaiting sign-off.');
      const referrals = await onwardReferralsOf(c.id);
      const openReferrals = referrals.filter((r) => !isFinalOnward(r.onward_state)).map((r) => ({ id: r.id, partnerName: r.partner_name }));
      const check = checkClosure(form, { openedOn: londonDate(c.opened_at), today: today(), openReferrals });
      if (!check.ok) throw new ValidationError(check.errors);
      const gaps = await planGaps(c.id);
      const signedOffNow = gaps.length === 0 || actor.grant.role === 'team_manager';
      const now = clock.now();
      await saveVersioned(db, async (trx) => {
        const days = await followUpAfterDays(c.service_id, trx);
        await updateWithVersion(trx, 'case_episode', c.id, version, {
          case_status: signedOffNow ? 'closed' : 'closure_requested',
          closure_reason: check.reason,
          closure_details: check.details,
          exit_summary: check.exitSummary,
          closed_on: check.closedOn,
          closed_at: signedOffNow ? now : null,
          closure_requested_by: actor.userId,
          closure_requested_at: now,
          closure_signed_off_by: signedOffNow && gaps.length > 0 ? actor.userId : null,
          follow_up_due_on: signedOffNow ? followUpDueOn(check.closedOn, days) : null,
        }, now);
        for (const r of referrals) {
          const exitStatus = check.exitStatuses[r.id] ?? exitStatusOfFinal(r.onward_state);
          await trx.updateTable('onward_referral').set((eb) => ({ exit_status: exitStatus, version: eb('version', '+', 1), updated_at: now })).where('id', '=', r.id).execute();
        }
        await audit.record({ actor }, origin, {
          action: signedOffNow ? 'case.closed' : 'case.closure_requested',
          subjectType: 'case', subjectId: c.id, personId: c.person_id,
          detail: { reason: check.reason, closedOn: check.closedOn, planIncomplete: gaps, exitStatuses: check.exitStatuses },
        }, trx);
      }, latestCase(c.id));
      return signedOffNow ? 'closed' : 'closure_requested';
    },

    /** A team manager signs off a requested closure (the case closes) or sends it back (the case is open again). */
    async signOff(actor: Actor, caseId: string, version: number, decision: SignOffDecision, note: string, origin: RequestOrigin): Promise<void> {
      requireTeamManager(actor, 'Only a team manager can sign off a closure.');
      const c = await cases.get(actor, caseId);
      if (c.case_status !== 'closure_requested') throw new ConflictError(c, 'This case is not awaiting sign-off.');
      const reason = note.trim();
      if (decision === 'send_back' && !reason) throw new ValidationError({ note: 'Enter why the closure is sent back, so the worker knows what to do' });
      if (reason.length > 1000) throw new ValidationError({ note: 'The note must be 1000 characters or fewer' });
      const now = clock.now();
      await saveVersioned(db, async (trx) => {
        if (decision === 'approve') {
          const days = await followUpAfterDays(c.service_id, trx);
          await updateWithVersion(trx, 'case_episode', c.id, version, {
            case_status: 'closed', closed_at: now, closure_signed_off_by: actor.userId, follow_up_due_on: followUpDueOn(c.closed_on!, days),
          }, now);
        } else {
          await updateWithVersion(trx, 'case_episode', c.id, version, {
            case_status: 'open', closure_reason: null, closed_on: null, closed_at: null, closure_requested_by: null, closure_requested_at: null, closure_signed_off_by: null, follow_up_due_on: null,
          }, now);
          await trx.updateTable('onward_referral').set((eb) => ({ exit_status: null, version: eb('version', '+', 1), updated_at: now })).where('case_id', '=', c.id).execute();
        }
        await audit.record({ actor }, origin, {
          action: decision === 'approve' ? 'case.closure_signed_off' : 'case.closure_sent_back',
          subjectType: 'case', subjectId: c.id, personId: c.person_id, reason: reason || null,
        }, trx);
      }, latestCase(c.id));
    },

    /** Records the follow-up of a closed case once it is due: one per case. */
    async recordFollowUp(actor: Actor, caseId: string, form: FollowUpForm, origin: RequestOrigin): Promise<void> {
      const c = await cases.get(actor, caseId);
      if (c.case_status !== 'closed' || !c.closed_on) throw new ValidationError({ form: 'A follow-up can be recorded only once the case is closed' });
      if (!isFollowUpDue(c.follow_up_due_on, today())) throw new ValidationError({ form: `The follow-up is not due until ${LONG_DATE.format(new Date(`${c.follow_up_due_on}T00:00:00Z`))}` });
      const referrals = followedReferrals(await onwardReferralsOf(c.id)).map((r) => ({ id: r.id, partnerName: r.partner_name }));
      const check = checkFollowUp(form, { closedOn: c.closed_on, today: today(), referrals });
      if (!check.ok) throw new ValidationError(check.errors);
      try {
        await db.transaction().execute(async (trx) => {
          const row = await trx.insertInto('follow_up').values({
            service_id: c.service_id, case_id: c.id, still_engaged: JSON.stringify(check.stillEngaged), new_arrest: check.newArrest,
            notes: check.notes, followed_up_on: check.followedUpOn, recorded_by: actor.userId, recorded_at: clock.now(),
          }).returning('id').executeTakeFirstOrThrow();
          await audit.record({ actor }, origin, {
            action: 'case.followed_up', subjectType: 'follow_up', subjectId: row.id, personId: c.person_id,
            detail: { caseId: c.id, newArrest: check.newArrest, stillEngaged: check.stillEngaged },
          }, trx);
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError({ form: 'A follow-up has already been recorded for this case' });
        throw error;
      }
    },

    /** The team manager's own service's follow-up delay. */
    async followUpSetting(actor: Actor) {
      const serviceId = requireTeamManager(actor, 'Only a team manager can change this setting.');
      const s = await db.selectFrom('service').select(['id', 'name', 'follow_up_after_days', 'version']).where('id', '=', serviceId).executeTakeFirst();
      if (!s) throw new NotFoundError('service');
      return s;
    },

    /** Sets how many days after closure a follow-up is due (7–730); cases already closed keep their date. */
    async setFollowUpAfterDays(actor: Actor, text: string, version: number, origin: RequestOrigin): Promise<number> {
      const serviceId = requireTeamManager(actor, 'Only a team manager can change this setting.');
      const parsed = parseFollowUpAfterDays(text);
      if (!parsed.ok) throw new ValidationError({ followUpAfterDays: parsed.error });
      const now = clock.now();
      await saveVersioned(db, async (trx) => {
        const before = await trx.selectFrom('service').select('follow_up_after_days').where('id', '=', serviceId).executeTakeFirstOrThrow();
        await updateWithVersion(trx, 'service', serviceId, version, { follow_up_after_days: parsed.days }, now);
        await audit.record({ actor }, origin, {
          action: 'service.follow_up_setting_changed', subjectType: 'service', subjectId: serviceId,
          detail: { from: before.follow_up_after_days, to: parsed.days },
        }, trx);
      }, () => db.selectFrom('service').select(['id', 'name', 'follow_up_after_days', 'version', 'updated_at']).where('id', '=', serviceId).executeTakeFirstOrThrow());
      return parsed.days;
    },
  };
}

export type Closures = ReturnType<typeof createClosures>;
