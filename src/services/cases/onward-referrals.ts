// Onward referrals to partner services: made by the team (gated on consent to share with health and care
// partners), moved along their lifecycle by the team or the partner, each move dated in a timeline.
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, OnwardReferralRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import { isFinalOnward, type OnwardReferralState } from '../../domain/onward-referral-state.js';
import { nextOnwardStates, onwardMoveProblems, type OnwardMover } from '../../domain/onward-referral-moves.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { parseOrThrow } from '../directory/validate.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import type { CaseRecords } from './case-records.js';
import { createInterimSupport } from './interim-support.js';
import { onwardSummariesOfCase, onwardSummary, onwardViews, sentToPartner, type OnwardReferralSummary } from './onward-referral-reads.js';

export const onwardReferralInput = z.object({
  partnerOrganisationId: z.string().refine(isUuid, 'Select the partner service to refer the person to'),
  reason: z.string().trim().min(1, 'Enter the reason for the referral: what the person needs from this service').max(2000, 'Reason for the referral must be 2000 characters or fewer'),
  send: z.boolean(),
});
export type OnwardReferralInput = z.input<typeof onwardReferralInput>;

/** The details of a move: its date (YYYY-MM-DD), a reason, and the first appointment's date when booking one. */
export type OnwardMoveDetails = { on: string; reason?: string; appointmentOn?: string | null };

export const NO_HEALTH_SHARING_CONSENT =
  "The person has not consented to sharing information with health and care partners. Record their consent for 'Sharing information with health and care partners' on their screening before sending, or save the referral as a draft";

type Writer = Transaction<Database>;

export function createOnwardReferrals(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  const today = () => londonDate(clock.now());

  /** True when the screen the case was opened from records consent to share with health and care partners. */
  async function hasHealthSharingConsent(caseId: string): Promise<boolean> {
    const row = await db
      .selectFrom('case_episode as c')
      .innerJoin('screening as s', 's.referral_id', 'c.referral_id')
      .select('s.consent')
      .where('c.id', '=', caseId)
      .executeTakeFirst();
    return row?.consent?.health_sharing?.decision === 'given';
  }

  /** A referral of the actor's service whose case the actor (a team member) may read. */
  async function forTeam(actor: Actor, referralId: string): Promise<OnwardReferralSummary> {
    const summary = isUuid(referralId) ? await onwardSummary(db, actor.grant.serviceId ?? '', referralId, today()) : null;
    if (!summary) throw new NotFoundError('onward referral');
    await cases.get(actor, summary.referral.case_id);
    return summary;
  }

  /** A referral sent to the partner worker's own organisation; anything else is not found. */
  async function forPartner(actor: Actor, id: string) {
    const { role, serviceId, partnerOrganisationId } = actor.grant;
    if (role !== 'partner_worker' || !serviceId || !partnerOrganisationId || !isUuid(id)) throw new NotFoundError('onward referral');
    const [row] = await sentToPartner(db, serviceId, partnerOrganisationId, today(), id);
    if (!row) throw new NotFoundError('onward referral');
    return row;
  }

  async function recordEvent(trx: Writer, actor: Actor, origin: RequestOrigin, r: Pick<OnwardReferralRow, 'id' | 'service_id' | 'person_id'>, from: OnwardReferralState | null, to: OnwardReferralState, on: string, reason: string, action: string) {
    const now = clock.now();
    const event = await trx
      .insertInto('onward_referral_event')
      .values({ service_id: r.service_id, onward_referral_id: r.id, from_state: from, to_state: to, occurred_on: on, reason, recorded_by: actor.userId, recorded_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit.record({ actor }, origin, { action, subjectType: 'onward_referral', subjectId: r.id, personId: r.person_id, detail: { from, to, on, eventId: event.id } }, trx);
  }

  /** Checks and records one move; a stale version is a conflict carrying the latest referral. */
  async function moveReferral(actor: Actor, referral: OnwardReferralRow, version: number, to: OnwardReferralState, details: OnwardMoveDetails, mover: OnwardMover, origin: RequestOrigin): Promise<void> {
    if (version !== referral.version) throw new ConflictError(referral);
    const reason = (details.reason ?? '').trim();
    const appointmentOn = to === 'first_appointment_booked' ? details.appointmentOn || null : null;
    const problems: Record<string, string> = onwardMoveProblems({
      from: referral.onward_state, to, mover, on: details.on, reason, appointmentOn,
      previousOn: referral.state_changed_on, firstAppointmentOn: referral.first_appointment_on, today: today(),
    });
    if (!problems.to && to === 'sent' && !(await hasHealthSharingConsent(referral.case_id))) problems.to = NO_HEALTH_SHARING_CONSENT;
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    const now = clock.now();
    const values: Record<string, unknown> = { onward_state: to, state_changed_on: details.on };
    if (to === 'sent') values.sent_on = details.on;
    if (appointmentOn) values.first_appointment_on = appointmentOn;
    await saveVersioned(
      db,
      async (trx) => {
        await updateWithVersion(trx, 'onward_referral', referral.id, version, values, now);
        await recordEvent(trx, actor, origin, referral, referral.onward_state, to, details.on, reason, mover === 'partner' ? 'onward_referral.moved_by_partner' : 'onward_referral.moved');
      },
      () => db.selectFrom('onward_referral').selectAll().where('id', '=', referral.id).executeTakeFirstOrThrow(),
    );
  }

  return {
    hasHealthSharingConsent,

    /** The case's referrals with their partner, wait, timeline and interim support (the caller audits the page read). */
    async forCase(actor: Actor, caseId: string) {
      const c = await cases.get(actor, caseId);
      const views = await onwardViews(db, await onwardSummariesOfCase(db, c.id, today()));
      return views.map((v) => ({ ...v, nextStates: c.case_status === 'closed' ? [] : nextOnwardStates(v.referral.onward_state, 'team') }));
    },

    /** One referral of the case, as forCase shows it. */
    async getForCase(actor: Actor, caseId: string, referralId: string) {
      const summary = await forTeam(actor, referralId);
      if (summary.referral.case_id !== caseId) throw new NotFoundError('onward referral');
      const c = await cases.get(actor, caseId);
      const [view] = await onwardViews(db, [summary]);
      return { ...view!, nextStates: c.case_status === 'closed' ? [] : nextOnwardStates(summary.referral.onward_state, 'team') };
    },

    /** The active partner services of the actor's service, to refer to. */
    async partnersToReferTo(actor: Actor) {
      return db.selectFrom('partner_organisation').selectAll().where('service_id', '=', actor.grant.serviceId ?? '').where('is_active', '=', true).orderBy('name').execute();
    },

    /** Makes a referral, as a draft or sent at once (today); sending needs consent to share with health and care partners. */
    async create(actor: Actor, caseId: string, input: OnwardReferralInput, origin: RequestOrigin): Promise<string> {
      const c = await cases.get(actor, caseId);
      if (c.case_status === 'closed') throw new ValidationError({ form: 'This case is closed: open a new case to refer the person on' });
      const { partnerOrganisationId, reason, send } = parseOrThrow(onwardReferralInput, input);
      const partner = await db.selectFrom('partner_organisation').select(['id']).where('id', '=', partnerOrganisationId).where('service_id', '=', c.service_id).where('is_active', '=', true).executeTakeFirst();
      if (!partner) throw new ValidationError({ partnerOrganisationId: 'Select the partner service to refer the person to' });
      if (send && !(await hasHealthSharingConsent(c.id))) throw new ValidationError({ consent: NO_HEALTH_SHARING_CONSENT });
      const on = today();
      const state: OnwardReferralState = send ? 'sent' : 'draft';
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('onward_referral')
          .values({ service_id: c.service_id, case_id: c.id, person_id: c.person_id, partner_organisation_id: partner.id, reason, onward_state: state, sent_on: send ? on : null, state_changed_on: on, created_by: actor.userId })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, actor, origin, row, null, state, on, '', 'onward_referral.created');
        return row.id;
      });
    },

    /** The team moves a referral of a case they may read. */
    async move(actor: Actor, referralId: string, version: number, to: OnwardReferralState, details: OnwardMoveDetails, origin: RequestOrigin): Promise<void> {
      const { referral } = await forTeam(actor, referralId);
      const c = await cases.get(actor, referral.case_id);
      if (c.case_status === 'closed') throw new ValidationError({ to: 'The case is closed: changes to its onward referrals are no longer recorded by the team' });
      await moveReferral(actor, referral, version, to, details, 'team', origin);
    },

    /** Referrals sent to the partner worker's organisation: who, why, where it stands and how long they have waited. */
    async partnerList(actor: Actor, origin: RequestOrigin) {
      const { role, serviceId, partnerOrganisationId } = actor.grant;
      if (role !== 'partner_worker' || !serviceId || !partnerOrganisationId) return [];
      const rows = await sentToPartner(db, serviceId, partnerOrganisationId, today());
      await audit.record({ actor }, origin, { action: 'partner_referrals.viewed', subjectType: 'partner_organisation', subjectId: partnerOrganisationId, detail: { items: rows.length } });
      return rows;
    },

    /** One referral sent to the partner worker's organisation, with its timeline (no drafts, no clinical detail); audited. */
    async partnerGet(actor: Actor, id: string, origin: RequestOrigin) {
      const row = await forPartner(actor, id);
      const [view] = await onwardViews(db, [row]);
      await audit.record({ actor }, origin, { action: 'onward_referral.viewed', subjectType: 'onward_referral', subjectId: row.referral.id, personId: row.referral.person_id });
      return {
        ...row,
        timeline: view!.timeline.filter((e) => e.toState !== 'draft'),
        nextStates: nextOnwardStates(row.referral.onward_state, 'partner'),
      };
    },

    /** The partner worker records their decision, the first appointment or attendance. */
    async partnerMove(actor: Actor, id: string, version: number, to: OnwardReferralState, details: OnwardMoveDetails, origin: RequestOrigin): Promise<void> {
      const { referral } = await forPartner(actor, id);
      await moveReferral(actor, referral, version, to, details, 'partner', origin);
    },

    /** The referrals of a case that have not reached a final state (closure asks where each stands). */
    async openForCase(caseId: string): Promise<OnwardReferralRow[]> {
      const rows = await db.selectFrom('onward_referral').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
      return rows.filter((r) => !isFinalOnward(r.onward_state));
    },

    ...createInterimSupport(db, clock, audit, forTeam),
  };
}

export type OnwardReferrals = ReturnType<typeof createOnwardReferrals>;
