// Advice to custody on a referral: fitness for interview, an appropriate adult, risk in custody, a healthcare review
// and a suggested referral, shared (through the one writer) as a disclosure to the staff of the referral's site.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import {
  CUSTODY_RISK_LEVEL_LABELS, FITNESS_FOR_INTERVIEW_LABELS, custodyAdviceOf, custodyAdviceProblems, custodyAdviceText, type CustodyAdviceInput, type CustodyRiskLevel, type FitnessForInterview,
} from '../../domain/custody-advice.js';
import {
  DISCLOSURE_BASES, DISCLOSURE_STATUS_LABELS, LEGAL_BASES, disclosureBasisProblems, type DisclosureBasis, type DisclosureStatus, type LegalBasis,
} from '../../domain/disclosure-basis.js';
import { isUuid } from '../../domain/ids.js';
import { isCourt } from '../../domain/site-kinds.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { requireTeamMember, type CaseRecords } from '../cases/case-records.js';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.js';
import { justiceConsent, writeDisclosure } from './disclosure-writer.js';
import { SHARING_SITE_KINDS, requireSharer } from './disclosures.js';

/** The advice form: the advice itself and the basis it is shared on. */
export type CustodyAdviceGiven = CustodyAdviceInput & {
  basis: string | null;
  legalBasis: string | null;
  legalBasisReason: string;
};

export const CUSTODY_ADVICE_PURPOSE = 'Advice to custody on fitness for interview, an appropriate adult and risk in custody';

/** The fields of the advice form in the order it shows them (the order of the error summary). */
const FIELD_ORDER = ['fitForInterview', 'fitnessNotes', 'appropriateAdultNeeded', 'riskLevel', 'riskManagement', 'healthcareReviewNeeded', 'healthcareReviewReason', 'suggestedReferral', 'basis', 'legalBasis', 'legalBasisReason'];

/** Advice given on a referral, as the referral page lists it. */
export type CustodyAdviceListItem = {
  id: string;
  givenAt: Date;
  givenByName: string;
  siteName: string;
  fitForInterviewLabel: string;
  appropriateAdultNeeded: boolean;
  riskLevelLabel: string;
  healthcareReviewNeeded: boolean;
  disclosureId: string;
  recipientName: string;
  content: string;
  status: DisclosureStatus;
  statusLabel: string;
};

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | null => ((list as readonly unknown[]).includes(value) ? (value as T) : null);

export function createCustodyAdvice(db: Kysely<Database>, clock: Clock, audit: AuditService, _cases: CaseRecords) {
  async function referralOf(serviceId: string, referralId: string) {
    const referral = isUuid(referralId)
      ? await db.selectFrom('referral').select(['id', 'person_id', 'site_id', 'service_id']).where('id', '=', referralId).where('service_id', '=', serviceId).executeTakeFirst()
      : undefined;
    if (!referral) throw new NotFoundError('referral');
    return referral;
  }

  return {
    purpose: CUSTODY_ADVICE_PURPOSE,

    /**
     * Gives advice to custody about the person of a referral: in one transaction, the disclosure to the staff of the
     * referral's site (shared at once on consent, or on a legal basis once a team manager approves) and the advice itself.
     */
    async give(actor: Actor, referralId: string, input: CustodyAdviceGiven, origin: RequestOrigin): Promise<{ adviceId: string; disclosureId: string; status: DisclosureStatus }> {
      const serviceId = requireSharer(actor);
      const referral = await referralOf(serviceId, referralId);
      const personId = referral.person_id;
      if (!personId) throw new ValidationError({ form: 'Match the referral to a person before giving advice to custody' });
      const site = await db.selectFrom('site').select(['id', 'name', 'site_kind']).where('id', '=', referral.site_id).where('service_id', '=', serviceId).executeTakeFirstOrThrow();
      if (!SHARING_SITE_KINDS.includes(site.site_kind)) throw new ValidationError({ form: 'Advice to custody is given on referrals at a custody suite, police station or court' });

      const legalBasisChosen = input.basis === 'legal_basis';
      const basisProblems = disclosureBasisProblems({
        basis: oneOf<DisclosureBasis>(DISCLOSURE_BASES, input.basis),
        consent: await justiceConsent(db, serviceId, personId),
        legalBasis: legalBasisChosen ? oneOf<LegalBasis>(LEGAL_BASES, input.legalBasis) : null,
        legalBasisReason: legalBasisChosen ? input.legalBasisReason.trim() : '',
      });
      const problems: FieldErrors = { ...custodyAdviceProblems(input), ...basisProblems };
      if (Object.keys(problems).length > 0) {
        const ordered: FieldErrors = {};
        for (const key of [...FIELD_ORDER, ...Object.keys(problems)]) if (problems[key] && !ordered[key]) ordered[key] = problems[key];
        throw new ValidationError(ordered);
      }

      const advice = custodyAdviceOf(input);
      const now = clock.now();
      const court = isCourt(site.site_kind);
      // The case opened from this referral, if there is one, so the advice shows among the case's disclosures too.
      const caseOpened = await db.selectFrom('case_episode').select('id').where('referral_id', '=', referral.id).where('service_id', '=', serviceId).executeTakeFirst();
      return db.transaction().execute(async (trx) => {
        const disclosure = await writeDisclosure(trx, audit, actor, {
          personId,
          caseId: caseOpened?.id ?? null,
          referralId: referral.id,
          recipient: court ? 'court' : 'custody',
          recipientName: `${court ? 'Court staff' : 'Custody staff'}, ${site.name}`.slice(0, 200),
          siteId: site.id,
          kind: 'custody_advice',
          content: custodyAdviceText(advice),
          purpose: CUSTODY_ADVICE_PURPOSE,
          basis: input.basis as DisclosureBasis,
          legalBasis: legalBasisChosen ? (input.legalBasis as LegalBasis) : null,
          legalBasisReason: legalBasisChosen ? input.legalBasisReason.trim() : '',
        }, now, origin);
        const row = await trx
          .insertInto('custody_advice')
          .values({
            service_id: serviceId,
            person_id: personId,
            referral_id: referral.id,
            site_id: site.id,
            fit_for_interview: advice.fitForInterview,
            fitness_notes: advice.fitnessNotes,
            appropriate_adult_needed: advice.appropriateAdultNeeded,
            risk_level: advice.riskLevel,
            risk_management: advice.riskManagement,
            healthcare_review_needed: advice.healthcareReviewNeeded,
            healthcare_review_reason: advice.healthcareReviewReason,
            suggested_referral: advice.suggestedReferral,
            disclosure_id: disclosure.id,
            given_by: actor.userId,
            given_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, {
          action: 'custody_advice.given',
          subjectType: 'custody_advice',
          subjectId: row.id,
          personId,
          detail: { referralId: referral.id, siteId: site.id, disclosureId: disclosure.id, status: disclosure.disclosure_status },
        }, trx);
        return { adviceId: row.id, disclosureId: disclosure.id, status: disclosure.disclosure_status };
      });
    },

    /** The advice given on a referral, newest first, with whether it has been shared. Not audited: the referral page's read is. */
    async forReferral(actor: Actor, referralId: string): Promise<CustodyAdviceListItem[]> {
      const serviceId = requireTeamMember(actor, 'Only the team can see the advice given to custody');
      const referral = await referralOf(serviceId, referralId);
      const rows = await db
        .selectFrom('custody_advice as c')
        .innerJoin('disclosure as d', 'd.id', 'c.disclosure_id')
        .innerJoin('app_user as u', 'u.id', 'c.given_by')
        .innerJoin('site as s', 's.id', 'c.site_id')
        .select([
          'c.id', 'c.given_at', 'u.display_name', 's.name as site_name', 'c.fit_for_interview', 'c.appropriate_adult_needed', 'c.risk_level', 'c.healthcare_review_needed',
          'd.id as disclosure_id', 'd.recipient_name', 'd.content', 'd.disclosure_status',
        ])
        .where('c.referral_id', '=', referral.id)
        .where('c.service_id', '=', serviceId)
        .orderBy('c.given_at', 'desc')
        .orderBy('d.created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        givenAt: r.given_at,
        givenByName: r.display_name,
        siteName: r.site_name,
        fitForInterviewLabel: FITNESS_FOR_INTERVIEW_LABELS[r.fit_for_interview as FitnessForInterview],
        appropriateAdultNeeded: r.appropriate_adult_needed,
        riskLevelLabel: CUSTODY_RISK_LEVEL_LABELS[r.risk_level as CustodyRiskLevel],
        healthcareReviewNeeded: r.healthcare_review_needed,
        disclosureId: r.disclosure_id,
        recipientName: r.recipient_name,
        content: r.content,
        status: r.disclosure_status,
        statusLabel: DISCLOSURE_STATUS_LABELS[r.disclosure_status],
      }));
    },
  };
}

export type CustodyAdviceService = ReturnType<typeof createCustodyAdvice>;
