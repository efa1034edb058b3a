// The full assessment of a case: started from the screen, saved as a draft or completed, and whole-family work
// (family members who could be offered support, and a linked case opened for one of them).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssessmentRow, CaseEpisodeRow, Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import { describeLink } from '../../domain/relationships.js';
import { VULNERABILITY_DOMAIN_LABELS } from '../../domain/vulnerability-domains.js';
import { assessmentProblems, needsFromScreen, type AssessmentDraft } from '../../domain/assessment-form.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import type { CaseRecords } from './case-records.js';

/** A person linked to the person assessed, with their open case in this service if they have one. */
export type FamilyMember = { personId: string; givenName: string; familyName: string; dateOfBirth: string | null; relationship: string; openCaseId: string | null };

export type ScreenFindings = Record<string, { finding: string; notes: string }>;

/** The person already has an open case: a linked case is refused, and theirs is named instead. */
export class OpenCaseExistsError extends ConflictError<{ caseId: string; name: string }> {}

type Reader = Kysely<Database> | Transaction<Database>;

/** The stored assessment as the form reads it (a draft may hold domains not yet graded). */
export function draftOf(row: AssessmentRow): AssessmentDraft {
  return {
    needs: row.needs as AssessmentDraft['needs'],
    strengths: row.strengths,
    riskToSelf: row.risk_to_self,
    riskToOthers: row.risk_to_others,
    riskLevel: row.risk_level,
    safeguarding: row.safeguarding as AssessmentDraft['safeguarding'],
    family: row.family as AssessmentDraft['family'],
  };
}

export function createAssessments(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  const byCase = (caseId: string, reader: Reader = db) => reader.selectFrom('assessment').selectAll().where('case_id', '=', caseId).executeTakeFirst();

  /** People linked to `personId` in either direction, each with their open case (if any) in the service. */
  async function familyOf(serviceId: string, personId: string): Promise<FamilyMember[]> {
    const links = await db
      .selectFrom('person_link as l')
      .innerJoin('person as r', (join) => join.on(sql<boolean>`r.id = case when l.person_id = ${personId} then l.related_person_id else l.person_id end`))
      .select(['l.person_id', 'l.relationship', 'r.id', 'r.given_name', 'r.family_name', 'r.date_of_birth'])
      .where('l.service_id', '=', serviceId)
      .where((eb) => eb.or([eb('l.person_id', '=', personId), eb('l.related_person_id', '=', personId)]))
      .orderBy('l.created_at')
      .execute();
    const ids = links.map((l) => l.id);
    const open = ids.length
      ? await db.selectFrom('case_episode').select(['id', 'person_id']).where('service_id', '=', serviceId).where('person_id', 'in', ids).where('case_status', '<>', 'closed').orderBy('opened_at', 'desc').execute()
      : [];
    return links.map((l) => ({
      personId: l.id,
      givenName: l.given_name,
      familyName: l.family_name,
      dateOfBirth: l.date_of_birth,
      relationship: describeLink({ personId: l.person_id, relationship: l.relationship }, personId),
      openCaseId: open.find((c) => c.person_id === l.id)?.id ?? null,
    }));
  }

  /** What the case's screen found, domain by domain (none for a family member's linked case). */
  async function screenFindingsOf(c: CaseEpisodeRow): Promise<ScreenFindings> {
    if (!c.referral_id) return {};
    const screening = await db.selectFrom('screening').select('findings').where('referral_id', '=', c.referral_id).where('service_id', '=', c.service_id).executeTakeFirst();
    return screening?.findings ?? {};
  }

  function refuseIfClosed(c: CaseEpisodeRow) {
    if (c.case_status === 'closed') throw new ValidationError({ form: 'This case is closed: its assessment can no longer be changed' });
  }

  return {
    familyOf,

    /** The case (within the actor's scope) and its assessment, if started; not audited. */
    async forCase(actor: Actor, caseId: string): Promise<{ caseEpisode: CaseEpisodeRow; assessment: AssessmentRow | null }> {
      const caseEpisode = await cases.get(actor, caseId);
      return { caseEpisode, assessment: (await byCase(caseEpisode.id)) ?? null };
    },

    /** Everything the assessment page shows, with the read recorded ('assessment.viewed'). */
    async view(actor: Actor, caseId: string, origin: RequestOrigin) {
      const caseEpisode = await cases.get(actor, caseId);
      const [assessment, screenFindings, family] = await Promise.all([byCase(caseEpisode.id), screenFindingsOf(caseEpisode), familyOf(caseEpisode.service_id, caseEpisode.person_id)]);
      const assessor = assessment ? await db.selectFrom('app_user').select('display_name').where('id', '=', assessment.assessed_by).executeTakeFirst() : undefined;
      await audit.record({ actor }, origin, {
        action: 'assessment.viewed',
        subjectType: assessment ? 'assessment' : 'case',
        subjectId: assessment?.id ?? caseEpisode.id,
        personId: caseEpisode.person_id,
      });
      return { caseEpisode, assessment: assessment ?? null, screenFindings, family, assessorName: assessor?.display_name ?? null };
    },

    /** Starts the assessment from what the screen found (or returns the one started). */
    async start(actor: Actor, caseId: string, origin: RequestOrigin): Promise<AssessmentRow> {
      const c = await cases.get(actor, caseId);
      const existing = await byCase(c.id);
      if (existing) return existing;
      refuseIfClosed(c);
      const needs = needsFromScreen(await screenFindingsOf(c));
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('assessment')
            .values({ service_id: c.service_id, case_id: c.id, person_id: c.person_id, needs: JSON.stringify(needs), assessed_by: actor.userId, started_at: clock.now() })
            .returningAll()
            .executeTakeFirstOrThrow();
          await audit.record({ actor }, origin, { action: 'assessment.started', subjectType: 'assessment', subjectId: row.id, personId: c.person_id, detail: { caseId: c.id, preFilledDomains: Object.keys(needs) } }, trx);
          return row;
        });
      } catch (error) {
        // Started by a colleague at the same moment: theirs is the assessment.
        if (uniqueViolation(error)) return (await byCase(c.id))!;
        throw error;
      }
    },

    /** Saves the assessment as a draft, or completes it (then it is whole and read-only). */
    async save(actor: Actor, caseId: string, version: number, input: AssessmentDraft, completing: boolean, origin: RequestOrigin): Promise<void> {
      const c = await cases.get(actor, caseId);
      const assessment = await byCase(c.id);
      if (!assessment) throw new NotFoundError('assessment');
      if (assessment.assessment_status === 'completed') throw new ValidationError({ form: 'This assessment is complete: correct a recorded answer through "Correct this"' });
      refuseIfClosed(c);
      const family = await familyOf(c.service_id, c.person_id);
      const problems = assessmentProblems(input, { completing, familyIds: family.map((f) => f.personId), labels: VULNERABILITY_DOMAIN_LABELS });
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const now = clock.now();
      const needs = Object.fromEntries(Object.entries(input.needs).filter(([, a]) => a && (a.need || a.evidence.trim() || a.wants.trim())));
      await saveVersioned(
        db,
        async (trx) => {
          await updateWithVersion(trx, 'assessment', assessment.id, version, {
            needs: JSON.stringify(needs),
            strengths: input.strengths,
            risk_to_self: input.riskToSelf,
            risk_to_others: input.riskToOthers,
            risk_level: input.riskLevel,
            safeguarding: JSON.stringify(input.safeguarding),
            family: JSON.stringify(input.family.filter((f) => f.offerSupport || f.notes.trim())),
            assessment_status: completing ? 'completed' : 'draft',
            completed_at: completing ? now : null,
            ...(completing ? { assessed_by: actor.userId } : {}),
          }, now);
          await audit.record({ actor }, origin, {
            action: completing ? 'assessment.completed' : 'assessment.saved',
            subjectType: 'assessment',
            subjectId: assessment.id,
            personId: c.person_id,
            detail: { caseId: c.id, riskLevel: input.riskLevel, safeguardingConcerns: input.safeguarding.length },
          }, trx);
        },
        () => db.selectFrom('assessment').selectAll().where('id', '=', assessment.id).executeTakeFirstOrThrow(),
      );
    },

    /**
     * Opens a case for a family member of the person assessed, linked to this case (no referral of its own).
     * Refused with OpenCaseExistsError when the family member already has an open case in the service.
     */
    async openLinkedCase(actor: Actor, caseId: string, familyPersonId: string, origin: RequestOrigin): Promise<string> {
      const c = await cases.get(actor, caseId);
      const member = isUuid(familyPersonId) ? (await familyOf(c.service_id, c.person_id)).find((f) => f.personId === familyPersonId) : undefined;
      if (!member) throw new NotFoundError('family member');
      const name = `${member.givenName} ${member.familyName}`;
      return db.transaction().execute(async (trx) => {
        // One linked case at a time per person, across every instance on the database.
        await sql`select pg_advisory_xact_lock(hashtext(${`open-case:${member.personId}`}))`.execute(trx);
        const open = await trx.selectFrom('case_episode').select('id').where('service_id', '=', c.service_id).where('person_id', '=', member.personId).where('case_status', '<>', 'closed').executeTakeFirst();
        if (open) throw new OpenCaseExistsError({ caseId: open.id, name }, `${name} already has an open case`);
        const opened = await trx
          .insertInto('case_episode')
          .values({ service_id: c.service_id, person_id: member.personId, referral_id: null, linked_from_case_id: c.id, opened_at: clock.now(), opened_by: actor.userId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, {
          action: 'case.linked_opened',
          subjectType: 'case',
          subjectId: opened.id,
          personId: member.personId,
          detail: { linkedFromCaseId: c.id, fromPersonId: c.person_id, relationship: member.relationship },
        }, trx);
        return opened.id;
      });
    },
  };
}

export type Assessments = ReturnType<typeof createAssessments>;
