// The one way a disclosure is written: checks its basis against the person's recorded consent (or a legal
// basis, which a team manager approves), writes it exactly as shared, and audits it. Custody advice,
// court reports and compliance reports all share through here, inside their own transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, DisclosureRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import {
  DISCLOSURE_BASES, DISCLOSURE_KINDS, DISCLOSURE_RECIPIENTS, LEGAL_BASES, disclosureBasisProblems, initialDisclosureStatus, type JusticeConsent,
} from '../../domain/disclosure-basis.js';
import { isUuid } from '../../domain/ids.js';
import type { ConsentDecision } from '../../domain/screening-form.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import { ValidationError } from '../errors.js';
import { parseOrThrow } from '../directory/validate.js';

type Reader = Kysely<Database> | Transaction<Database>;

const optionalUuid = z.string().refine(isUuid).nullable().default(null);

export const disclosureInput = z.object({
  personId: z.string().refine(isUuid, 'Select the person the disclosure is about'),
  caseId: optionalUuid,
  referralId: optionalUuid,
  recipient: z.enum(DISCLOSURE_RECIPIENTS, { message: 'Select who the information is shared with' }),
  recipientName: z.string().trim().min(2, 'Enter the name and role of the person or office it is shared with, like Custody sergeant, Northgate').max(200, 'Who it is shared with must be 200 characters or fewer'),
  siteId: optionalUuid,
  kind: z.enum(DISCLOSURE_KINDS).default('information'),
  content: z.string().trim().min(1, 'Enter exactly what is shared').max(20000, 'What is shared must be 20,000 characters or fewer'),
  purpose: z.string().trim().min(1, 'Enter why it is shared, like to inform the decision on fitness for interview').max(1000, 'Why it is shared must be 1000 characters or fewer'),
  basis: z.enum(DISCLOSURE_BASES, { message: 'Select the basis for sharing: the person’s consent, or a legal basis for a manager to approve' }).nullable(),
  legalBasis: z.enum(LEGAL_BASES, { message: 'Select the legal basis for sharing without consent' }).nullable().default(null),
  legalBasisReason: z.string().trim().max(2000, 'The reason must be 2000 characters or fewer').default(''),
});
export type DisclosureInput = z.input<typeof disclosureInput>;

/** The person's latest recorded decision on sharing with justice agencies (from their screens in the service). */
export async function justiceConsent(reader: Reader, serviceId: string, personId: string): Promise<JusticeConsent> {
  const row = await reader
    .selectFrom('screening')
    .select(['id', sql<ConsentDecision>`consent->'justice_sharing'->>'decision'`.as('decision')])
    .where('service_id', '=', serviceId)
    .where('person_id', '=', personId)
    .where(sql<boolean>`coalesce(consent->'justice_sharing'->>'decision', 'not_asked') <> 'not_asked'`)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { decision: row.decision, screeningId: row.id } : { decision: 'not_asked', screeningId: null };
}

/**
 * Writes a disclosure in the caller's transaction. Consent shares at once; a legal basis waits for a
 * team manager's approval, unless a team manager makes it (their approval is recorded). Refuses, with
 * field errors, a disclosure whose basis is missing.
 */
export async function writeDisclosure(trx: Transaction<Database>, audit: AuditService, actor: Actor, input: DisclosureInput, now: Date, origin: RequestOrigin): Promise<DisclosureRow> {
  const value = parseOrThrow(disclosureInput, input);
  const serviceId = actor.grant.serviceId ?? '';
  const consent = await justiceConsent(trx, serviceId, value.personId);
  const problems = disclosureBasisProblems({ basis: value.basis, consent, legalBasis: value.legalBasis, legalBasisReason: value.legalBasisReason });
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  const basis = value.basis!;
  const byManager = actor.grant.role === 'team_manager';
  const status = initialDisclosureStatus(basis, byManager);
  const row = await trx
    .insertInto('disclosure')
    .values({
      service_id: serviceId,
      person_id: value.personId,
      case_id: value.caseId,
      referral_id: value.referralId,
      recipient: value.recipient,
      recipient_name: value.recipientName,
      site_id: value.siteId,
      disclosure_kind: value.kind,
      content: value.content,
      purpose: value.purpose,
      basis,
      consent_screening_id: basis === 'consent' ? consent.screeningId : null,
      legal_basis: basis === 'legal_basis' ? value.legalBasis : null,
      legal_basis_reason: basis === 'legal_basis' ? value.legalBasisReason : '',
      disclosure_status: status,
      requested_by: actor.userId,
      requested_at: now,
      decided_by: basis === 'legal_basis' && byManager ? actor.userId : null,
      decided_at: basis === 'legal_basis' && byManager ? now : null,
      disclosed_at: status === 'disclosed' ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit.record({ actor }, origin, {
    action: status === 'disclosed' ? 'disclosure.shared' : 'disclosure.requested',
    subjectType: 'disclosure',
    subjectId: row.id,
    personId: row.person_id,
    detail: { recipient: row.recipient, kind: row.disclosure_kind, basis: row.basis, legalBasis: row.legal_basis, siteId: row.site_id },
  }, trx);
  return row;
}
