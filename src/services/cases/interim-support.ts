// Interim support: what is offered to a person while their onward referral waits, and whether they took it up.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isRealDate } from '../../domain/age.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import { mayOfferInterimSupport } from '../../domain/onward-referral-moves.js';
import { ONWARD_REFERRAL_STATE_LABELS } from '../../domain/onward-referral-state.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { parseOrThrow } from '../directory/validate.js';
import type { OnwardReferralSummary } from './onward-referral-reads.js';

export const TAKEN_UP = ['yes', 'no', 'not_yet'] as const;
export const TAKEN_UP_LABELS: Record<(typeof TAKEN_UP)[number], string> = { yes: 'Yes', no: 'No', not_yet: 'Not yet' };

const takenUp = z.enum(TAKEN_UP, { message: 'Select whether the person took up the support: yes, no or not yet' });
const notes = z.string().trim().max(2000, 'Notes must be 2000 characters or fewer').default('');

export const interimSupportInput = z.object({
  what: z.string().trim().min(1, 'Enter what support was offered, like a weekly drop-in').max(500, 'What was offered must be 500 characters or fewer'),
  offeredBy: z.string().trim().min(1, "Enter who offered it, like Marigold Women's Centre drop-in").max(160, 'Who offered it must be 160 characters or fewer'),
  offeredOn: z.string().refine(isRealDate, 'Enter the date the support was offered'),
  takenUp,
  notes,
});
export type InterimSupportInput = z.input<typeof interimSupportInput>;

export const interimSupportUpdate = z.object({ takenUp, notes });
export type InterimSupportUpdate = z.input<typeof interimSupportUpdate>;

/** `forTeam` finds a referral of a case the actor may read, or throws NotFoundError. */
export function createInterimSupport(db: Kysely<Database>, clock: Clock, audit: AuditService, forTeam: (actor: Actor, referralId: string) => Promise<OnwardReferralSummary>) {
  return {
    /** Records support offered while a sent, accepted or waiting referral waits. */
    async recordInterimSupport(actor: Actor, referralId: string, input: InterimSupportInput, origin: RequestOrigin): Promise<string> {
      const { referral } = await forTeam(actor, referralId);
      const value = parseOrThrow(interimSupportInput, input);
      if (!mayOfferInterimSupport(referral.onward_state)) {
        throw new ValidationError({ what: `This referral is ${ONWARD_REFERRAL_STATE_LABELS[referral.onward_state].toLowerCase()}: interim support is recorded only while the person waits (sent, accepted or waiting)` });
      }
      if (value.offeredOn > londonDate(clock.now())) throw new ValidationError({ offeredOn: 'Date the support was offered must be today or in the past' });
      if (referral.sent_on && value.offeredOn < referral.sent_on) throw new ValidationError({ offeredOn: 'Date the support was offered must be on or after the date the referral was sent' });
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('interim_support')
          .values({ service_id: referral.service_id, onward_referral_id: referral.id, what: value.what, offered_by: value.offeredBy, offered_on: value.offeredOn, taken_up: value.takenUp, notes: value.notes, recorded_by: actor.userId, recorded_at: clock.now() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, { action: 'interim_support.recorded', subjectType: 'interim_support', subjectId: row.id, personId: referral.person_id, detail: { onwardReferralId: referral.id, takenUp: value.takenUp } }, trx);
        return row.id;
      });
    },

    /** Records whether the person took the support up (and notes), at any time after it was offered. */
    async updateInterimSupport(actor: Actor, referralId: string, interimSupportId: string, input: InterimSupportUpdate, origin: RequestOrigin): Promise<void> {
      const { referral } = await forTeam(actor, referralId);
      const value = parseOrThrow(interimSupportUpdate, input);
      const existing = isUuid(interimSupportId)
        ? await db.selectFrom('interim_support').select(['id', 'taken_up']).where('id', '=', interimSupportId).where('onward_referral_id', '=', referral.id).executeTakeFirst()
        : undefined;
      if (!existing) throw new NotFoundError('interim support');
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('interim_support').set({ taken_up: value.takenUp, notes: value.notes }).where('id', '=', existing.id).execute();
        await audit.record({ actor }, origin, { action: 'interim_support.updated', subjectType: 'interim_support', subjectId: existing.id, personId: referral.person_id, detail: { onwardReferralId: referral.id, from: existing.taken_up, to: value.takenUp } }, trx);
      });
    },
  };
}
