// Disclosures by the team: sharing information with a justice agency (through the one writer), the lists of what was
// shared about a person or on a case, and a team manager's approval of a disclosure made on a legal basis.
import type { Kysely } from 'kysely';
import type { Database, DisclosureRow, PersonRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import {
  DISCLOSURE_BASES, DISCLOSURE_KIND_LABELS, DISCLOSURE_RECIPIENT_LABELS, DISCLOSURE_STATUS_LABELS, LEGAL_BASES, LEGAL_BASIS_LABELS, approvalProblems, disclosureBasisProblems,
  type DisclosureBasis, type JusticeConsent, type LegalBasis,
} from '../../domain/disclosure-basis.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import type { SiteKind } from '../../domain/site-kinds.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { requireTeamManager, requireTeamMember, type CaseRecords } from '../cases/case-records.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from '../errors.js';
import { disclosureInput, justiceConsent, writeDisclosure, type DisclosureInput } from './disclosure-writer.js';

/** The places whose staff may be shared with: custody suites, police stations and courts (not a community base). */
export const SHARING_SITE_KINDS: SiteKind[] = ['custody_suite', 'police_station', 'magistrates_court', 'youth_court', 'crown_court'];

/** The fields of the disclosure form, in the order the form shows them (the order of the error summary). */
const FIELD_ORDER = ['personId', 'caseId', 'referralId', 'recipient', 'recipientName', 'siteId', 'content', 'purpose', 'basis', 'legalBasis', 'legalBasisReason'];

/** The service of a practitioner or team manager: the only roles that may share information outside the team. */
export function requireSharer(actor: Actor): string {
  const role = actor.grant.role;
  if ((role !== 'practitioner' && role !== 'team_manager') || !actor.grant.serviceId) {
    throw new ForbiddenError('Only a practitioner or a team manager can share information with justice agencies');
  }
  return actor.grant.serviceId;
}

/** Refuses, as not found, a person who is not recorded in the service. */
export async function personInService(db: Kysely<Database>, serviceId: string, personId: string): Promise<void> {
  const person = isUuid(personId) ? await db.selectFrom('person').select('id').where('id', '=', personId).where('service_id', '=', serviceId).executeTakeFirst() : undefined;
  if (!person) throw new NotFoundError('person');
}

/** What the team shares through the disclosure form: information, about a person, perhaps on one of their cases. */
export type ShareInput = Omit<DisclosureInput, 'kind'>;

/** A disclosure as the lists show it: the row with words for its codes and the names of who asked and who approved. */
export type DisclosureListItem = DisclosureRow & {
  given_name: string;
  family_name: string;
  requested_by_name: string;
  decided_by_name: string | null;
  site_name: string | null;
  recipientLabel: string;
  kindLabel: string;
  basisLabel: string;
  legalBasisLabel: string | null;
  statusLabel: string;
};

/** The person's recorded consent to share with justice agencies, with the day of the screen it was recorded on. */
export type JusticeConsentRecord = JusticeConsent & { recordedOn: string | null };

/** A custody suite, police station or court of the service: its staff see what is shared with it. */
export type SharingSite = { id: string; name: string; siteKind: string };

export function createDisclosures(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  function listQuery() {
    return db
      .selectFrom('disclosure as d')
      .innerJoin('person as p', 'p.id', 'd.person_id')
      .innerJoin('app_user as r', 'r.id', 'd.requested_by')
      .leftJoin('app_user as a', 'a.id', 'd.decided_by')
      .leftJoin('site as s', 's.id', 'd.site_id')
      .selectAll('d')
      .select(['p.given_name', 'p.family_name', 'r.display_name as requested_by_name', 'a.display_name as decided_by_name', 's.name as site_name']);
  }

  type Listed = Omit<DisclosureListItem, 'recipientLabel' | 'kindLabel' | 'basisLabel' | 'legalBasisLabel' | 'statusLabel'>;
  const labelled = (rows: Listed[]): DisclosureListItem[] =>
    rows.map((d) => ({
      ...d,
      recipientLabel: DISCLOSURE_RECIPIENT_LABELS[d.recipient],
      kindLabel: DISCLOSURE_KIND_LABELS[d.disclosure_kind],
      basisLabel: d.basis === 'consent' ? 'Consent' : `Legal basis: ${d.legal_basis ? LEGAL_BASIS_LABELS[d.legal_basis] : 'not recorded'}`,
      legalBasisLabel: d.legal_basis ? LEGAL_BASIS_LABELS[d.legal_basis] : null,
      statusLabel: DISCLOSURE_STATUS_LABELS[d.disclosure_status],
    }));

  async function consentFor(actor: Actor, personId: string): Promise<JusticeConsentRecord> {
    const serviceId = requireTeamMember(actor, 'Only the team can see a person’s consent to sharing');
    await personInService(db, serviceId, personId);
    const consent = await justiceConsent(db, serviceId, personId);
    if (!consent.screeningId) return { ...consent, recordedOn: null };
    const screen = await db.selectFrom('screening').select(['started_at', 'completed_at']).where('id', '=', consent.screeningId).executeTakeFirstOrThrow();
    return { ...consent, recordedOn: londonDate(screen.completed_at ?? screen.started_at) };
  }

  /** Checks what the database would otherwise refuse with a foreign key, and every field of the form, in one go. */
  async function shareProblems(actor: Actor, serviceId: string, input: ShareInput): Promise<FieldErrors> {
    const problems: FieldErrors = {};
    if (input.caseId) {
      const c = await cases.get(actor, input.caseId);
      if (c.person_id !== input.personId) problems.caseId = 'The case must be one of this person’s cases';
    }
    if (input.referralId) {
      const referral = isUuid(input.referralId)
        ? await db.selectFrom('referral').select('person_id').where('id', '=', input.referralId).where('service_id', '=', serviceId).executeTakeFirst()
        : undefined;
      if (!referral) throw new NotFoundError('referral');
      if (referral.person_id !== input.personId) problems.referralId = 'The referral must be about this person';
    }
    if (input.siteId) {
      const site = isUuid(input.siteId)
        ? await db.selectFrom('site').select('site_kind').where('id', '=', input.siteId).where('service_id', '=', serviceId).executeTakeFirst()
        : undefined;
      if (!site || !SHARING_SITE_KINDS.includes(site.site_kind)) problems.siteId = 'Select a custody suite, police station or court of this service, or none';
    }
    const parsed = disclosureInput.safeParse({ ...input, kind: 'information' });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems[String(issue.path[0] ?? 'form')] ??= issue.message;
    }
    const oneOf = <T extends string>(list: readonly T[], value: unknown): T | null => ((list as readonly unknown[]).includes(value) ? (value as T) : null);
    const basisProblems = disclosureBasisProblems({
      basis: oneOf<DisclosureBasis>(DISCLOSURE_BASES, input.basis),
      consent: await justiceConsent(db, serviceId, input.personId),
      legalBasis: oneOf<LegalBasis>(LEGAL_BASES, input.legalBasis),
      legalBasisReason: (input.legalBasisReason ?? '').trim(),
    });
    for (const [key, message] of Object.entries(basisProblems)) problems[key] ??= message;
    const ordered: FieldErrors = {};
    for (const key of [...FIELD_ORDER, ...Object.keys(problems)]) if (problems[key] && !ordered[key]) ordered[key] = problems[key];
    return ordered;
  }

  return {
    consentFor,

    /** The service's active custody suites, police stations and courts, by name: where what is shared can be sent. */
    async sharingSites(actor: Actor): Promise<SharingSite[]> {
      const serviceId = requireTeamMember(actor, 'Only the team can share information');
      const rows = await db
        .selectFrom('site')
        .select(['id', 'name', 'site_kind'])
        .where('service_id', '=', serviceId)
        .where('is_active', '=', true)
        .where('site_kind', 'in', SHARING_SITE_KINDS)
        .orderBy('name')
        .execute();
      return rows.map((s) => ({ id: s.id, name: s.name, siteKind: s.site_kind }));
    },

    /**
     * Shares information with a justice agency: at once on the person's recorded consent; on a legal basis, once a team
     * manager approves (at once when a team manager shares it). Refuses, naming each field, anything without a basis.
     */
    async share(actor: Actor, input: ShareInput, origin: RequestOrigin): Promise<DisclosureRow> {
      const serviceId = requireSharer(actor);
      await personInService(db, serviceId, input.personId);
      const problems = await shareProblems(actor, serviceId, input);
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const now = clock.now();
      return db.transaction().execute((trx) => writeDisclosure(trx, audit, actor, { ...input, kind: 'information' }, now, origin));
    },

    /** Every disclosure about the person in the actor's service, newest first. Not audited: the person page's read is. */
    /** Given the person already read in this request, their service is checked without reading them again. */
    async forPerson(actor: Actor, person: string | Pick<PersonRow, 'id' | 'service_id'>): Promise<DisclosureListItem[]> {
      const serviceId = requireTeamMember(actor, 'Only the team can see what was shared about a person');
      if (typeof person === 'string') await personInService(db, serviceId, person);
      else if (person.service_id !== serviceId) throw new NotFoundError('person');
      const personId = typeof person === 'string' ? person : person.id;
      const rows = await listQuery().where('d.service_id', '=', serviceId).where('d.person_id', '=', personId).orderBy('d.requested_at', 'desc').orderBy('d.created_at', 'desc').execute();
      return labelled(rows);
    },

    /** The disclosures made on a case, newest first. Not audited: the case page's read is. */
    async forCase(actor: Actor, caseId: string): Promise<DisclosureListItem[]> {
      const c = await cases.get(actor, caseId);
      const rows = await listQuery().where('d.service_id', '=', c.service_id).where('d.case_id', '=', c.id).orderBy('d.requested_at', 'desc').orderBy('d.created_at', 'desc').execute();
      return labelled(rows);
    },

    /** The service's disclosures waiting for a team manager's approval, oldest first. */
    async awaitingApproval(actor: Actor): Promise<DisclosureListItem[]> {
      const serviceId = requireTeamManager(actor, 'Only a team manager can approve disclosures');
      const rows = await listQuery().where('d.service_id', '=', serviceId).where('d.disclosure_status', '=', 'awaiting_approval').orderBy('d.requested_at').orderBy('d.created_at').execute();
      return labelled(rows);
    },

    /** A team manager approves (it is shared now) or does not approve (with a reason) a disclosure on a legal basis. */
    async decide(actor: Actor, disclosureId: string, version: number, decision: 'approve' | 'refuse', reason: string, origin: RequestOrigin): Promise<DisclosureRow> {
      const serviceId = requireTeamManager(actor, 'Only a team manager can approve disclosures');
      const load = async () => {
        const row = isUuid(disclosureId) ? await db.selectFrom('disclosure').selectAll().where('id', '=', disclosureId).where('service_id', '=', serviceId).executeTakeFirst() : undefined;
        if (!row) throw new NotFoundError('disclosure');
        return row;
      };
      const row = await load();
      if (row.version !== version) throw new ConflictError(row, 'Someone else decided on this disclosure while you were reading it.');
      if (decision !== 'approve' && decision !== 'refuse') throw new ValidationError({ decision: 'Select whether to approve the disclosure or not' });
      const note = reason.trim();
      const problems = approvalProblems(row.disclosure_status, decision, note);
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const now = clock.now();
      const approved = decision === 'approve';
      await saveVersioned(db, async (trx) => {
        await updateWithVersion(trx, 'disclosure', row.id, version, {
          disclosure_status: approved ? 'disclosed' : 'not_approved',
          decided_by: actor.userId,
          decided_at: now,
          decision_reason: note,
          disclosed_at: approved ? now : null,
        }, now);
        await audit.record({ actor }, origin, {
          action: approved ? 'disclosure.approved' : 'disclosure.not_approved',
          subjectType: 'disclosure',
          subjectId: row.id,
          personId: row.person_id,
          reason: note || null,
          detail: { recipient: row.recipient, kind: row.disclosure_kind, legalBasis: row.legal_basis, siteId: row.site_id },
        }, trx);
      }, load);
      return load();
    },
  };
}

export type Disclosures = ReturnType<typeof createDisclosures>;
