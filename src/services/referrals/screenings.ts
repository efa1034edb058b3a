// Screening a referral: a structured screen with consent and capacity per purpose, saved as a draft or completed.
import type { Kysely } from 'kysely';
import type { Database, ScreeningRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { ageOn } from '../../domain/age.js';
import { SCREENING_FORM_VERSION, screenProblems, type ScreenDraft } from '../../domain/screening-form.js';
import { stateAfterScreen } from '../../domain/referral-state.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { isUuid } from '../../domain/ids.js';


export type ScreenSave = Omit<ScreenDraft, 'formVersion'> & { urgency: 'routine' | 'urgent' | 'immediate'; riskInCustody: string; notes: string };

export function createScreenings(db: Kysely<Database>, clock: Clock, audit: AuditService) {
  async function referralOf(actor: Actor, referralId: string) {
    const referral = isUuid(referralId)
      ? await db.selectFrom('referral').selectAll().where('id', '=', referralId).where('service_id', '=', actor.grant.serviceId ?? '').executeTakeFirst()
      : undefined;
    if (!referral) throw new NotFoundError('referral');
    return referral;
  }

  async function forReferral(actor: Actor, referralId: string): Promise<ScreeningRow | null> {
    const referral = await referralOf(actor, referralId);
    return (await db.selectFrom('screening').selectAll().where('referral_id', '=', referral.id).executeTakeFirst()) ?? null;
  }

  /** Is the person a child on the referral date? Decides the children's pathway. */
  async function isChildAtReferral(personId: string, referredAt: Date): Promise<boolean> {
    const person = await db.selectFrom('person').select('date_of_birth').where('id', '=', personId).executeTakeFirstOrThrow();
    return person.date_of_birth !== null && ageOn(person.date_of_birth, referredAt) < 18;
  }

  return {
    forReferral,
    isChildAtReferral,

    /** Starts the screen of a referral (or returns the one started); the referral moves to "being screened". */
    async open(actor: Actor, referralId: string, origin: RequestOrigin): Promise<ScreeningRow> {
      const referral = await referralOf(actor, referralId);
      if (!referral.person_id) throw new ValidationError({ person: 'Match the referral to a person before screening' });
      const existing = await db.selectFrom('screening').selectAll().where('referral_id', '=', referral.id).executeTakeFirst();
      if (existing) return existing;
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('screening')
          .values({ service_id: referral.service_id, referral_id: referral.id, person_id: referral.person_id!, form_version: SCREENING_FORM_VERSION, screened_by: actor.userId, started_at: now, urgency: referral.urgency })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (referral.referral_state === 'new') {
          await trx.updateTable('referral').set({ referral_state: 'being_screened', picked_up_by: actor.userId, picked_up_at: now, version: referral.version + 1, updated_at: now }).where('id', '=', referral.id).execute();
        }
        await audit.record({ actor }, origin, { action: 'screening.started', subjectType: 'screening', subjectId: row.id, personId: referral.person_id }, trx);
        return row;
      });
    },

    /** Saves the screen; completing it checks it is whole, moves the referral on, and opens a case for a full assessment. */
    async save(actor: Actor, referralId: string, version: number, input: ScreenSave, completing: boolean, origin: RequestOrigin): Promise<{ caseId: string | null }> {
      const referral = await referralOf(actor, referralId);
      const screening = await db.selectFrom('screening').selectAll().where('referral_id', '=', referral.id).executeTakeFirst();
      if (!screening) throw new NotFoundError('screening');
      if (screening.screening_status === 'completed') throw new ValidationError({ form: 'This screen is complete and can no longer be changed' });
      const isChild = await isChildAtReferral(screening.person_id, referral.referred_at);
      const draft: ScreenDraft = { formVersion: screening.form_version, findings: input.findings, consent: input.consent, childPathway: isChild ? input.childPathway : null, outcome: input.outcome };
      const problems = screenProblems(draft, { isChild, completing });
      if (input.riskInCustody.length > 2000) problems.riskInCustody = 'Risk in custody must be 2000 characters or fewer';
      if (input.notes.length > 4000) problems.notes = 'Notes must be 4000 characters or fewer';
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const now = clock.now();
      let caseId: string | null = null;
      await saveVersioned(
        db,
        async (trx) => {
          await updateWithVersion(trx, 'screening', screening.id, version, {
            findings: JSON.stringify(input.findings),
            consent: JSON.stringify(input.consent),
            child_pathway: isChild ? JSON.stringify(input.childPathway ?? {}) : null,
            urgency: input.urgency,
            risk_in_custody: input.riskInCustody,
            notes: input.notes,
            outcome: completing ? input.outcome : null,
            screening_status: completing ? 'completed' : 'draft',
            completed_at: completing ? now : null,
          }, now);
          if (completing && input.outcome) {
            await trx.updateTable('referral').set({ referral_state: stateAfterScreen(input.outcome), screened_at: now, version: referral.version + 1, updated_at: now }).where('id', '=', referral.id).execute();
            if (input.outcome === 'full_assessment') {
              // A person has at most one case open: a new referral during a case joins that case.
              const open = await trx.selectFrom('case_episode').select('id').where('person_id', '=', screening.person_id).where('case_status', '<>', 'closed').executeTakeFirst();
              caseId = open?.id ?? (await trx.insertInto('case_episode').values({ service_id: referral.service_id, person_id: screening.person_id, referral_id: referral.id, opened_at: now, opened_by: actor.userId }).returning('id').executeTakeFirstOrThrow()).id;
            }
          }
          await audit.record({ actor }, origin, {
            action: completing ? 'screening.completed' : 'screening.saved',
            subjectType: 'screening',
            subjectId: screening.id,
            personId: screening.person_id,
            detail: completing ? { outcome: input.outcome, caseOpened: caseId } : null,
          }, trx);
        },
        () => db.selectFrom('screening').selectAll().where('id', '=', screening.id).executeTakeFirstOrThrow(),
      );
      return { caseId };
    },
  };
}

export type Screenings = ReturnType<typeof createScreenings>;
