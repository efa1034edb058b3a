// Court reports: drafted from the case by a practitioner, signed off and issued by a team manager (a PDF, shared
// with the court as a disclosure), and redrafted as a new version when anything must change after issue.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CourtReportRow, Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { addDays } from '../../domain/calendar-date.js';
import {
  courtReportProblems, courtReportSectionProblems, courtReportText, defaultDueOn, draftCourtReport, type CourtReportStart,
} from '../../domain/court-report-draft.js';
import {
  COURT_REPORT_SECTIONS, courtReportActionProblem, courtReportActions, type CourtReportAction, type CourtReportActor, type CourtReportPurpose,
  type CourtReportSections,
} from '../../domain/court-report-state.js';
import { DISCLOSURE_BASES, LEGAL_BASES, consentMissing, disclosureBasisProblems, type DisclosureBasis, type LegalBasis } from '../../domain/disclosure-basis.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import { isOneOf } from '../../domain/referral-vocabulary.js';
import { isCourt } from '../../domain/site-kinds.js';
import { sayDate } from '../../domain/support-plan.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from '../cases/case-records.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { contactRows, contactsOfPeriod, draftFacts } from './court-report-facts.js';
import { renderCourtReportPdf } from './court-report-pdf.js';
import { justiceConsent, writeDisclosure } from './disclosure-writer.js';

type Reader = Kysely<Database> | Transaction<Database>;

/** A report without its PDF's bytes. */
export type CourtReport = Omit<CourtReportRow, 'pdf'>;

/** What the author may change in a draft: the sections and the basis for sharing it with the court. */
export type CourtReportEdit = { sections: CourtReportSections; basis: string; legalBasis: string | null; legalBasisReason: string };

export type CourtReportVersion = { id: string; reportVersion: number; state: CourtReport['report_state']; issuedAt: Date | null };

/** One report as its page shows it. */
export type CourtReportView = {
  report: CourtReport;
  courtName: string;
  personName: string;
  draftedByName: string;
  signedOffByName: string | null;
  /** Every version of the report, newest first (this one included). */
  versions: CourtReportVersion[];
  /** What the actor may do now (none for a support worker, who may only read). */
  actions: CourtReportAction[];
  /** Why sharing on consent would be refused now, when the basis is consent and none is recorded; otherwise null. */
  consentProblem: string | null;
};

/** A report in a list: the case's reports, or the service's reports awaiting sign-off or due soon. */
export type CourtReportListItem = Pick<CourtReport, 'id' | 'case_id' | 'hearing_on' | 'due_on' | 'purpose' | 'report_version' | 'report_state' | 'issued_at'> & {
  court_name: string; person_name: string; drafted_by_name: string;
};

/** Reports due within this many days show on the service's court reports page. */
export const DUE_SOON_DAYS = 14;

const COLUMNS = [
  'r.id', 'r.service_id', 'r.person_id', 'r.case_id', 'r.court_site_id', 'r.hearing_on', 'r.due_on', 'r.purpose', 'r.period_from', 'r.period_to', 'r.sections',
  'r.report_version', 'r.first_version_id', 'r.report_state', 'r.basis', 'r.legal_basis', 'r.legal_basis_reason', 'r.drafted_by', 'r.submitted_by', 'r.submitted_at',
  'r.returned_reason', 'r.signed_off_by', 'r.issued_at', 'r.disclosure_id', 'r.version', 'r.created_at', 'r.updated_at',
] as const;

/** How the disclosure names the hearing. */
const HEARING_WORDS: Record<CourtReportPurpose, string> = { bail: 'bail', remand: 'remand', sentence: 'sentencing', fitness_to_plead: 'fitness to plead' };

const rootOf = (r: Pick<CourtReport, 'id' | 'first_version_id'>) => r.first_version_id ?? r.id;

/** The file name of an issued report: court-report-<surname>-v<version>.pdf. */
export const pdfFileName = (familyName: string, reportVersion: number) =>
  `court-report-${familyName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'person'}-v${reportVersion}.pdf`;

/** The practitioner or team manager who writes or signs off reports; anyone else is refused. */
function authorRole(actor: Actor): CourtReportActor {
  const role = actor.grant.role;
  if ((role === 'practitioner' || role === 'team_manager') && actor.grant.serviceId) return role;
  throw new ForbiddenError('Only a practitioner or a team manager can write court reports');
}

/**
 * A refusal of an action the actor's role or the report's state does not allow. Given the version the actor acted
 * on, a report changed since is a conflict before its state is judged: another user moved it on meanwhile.
 */
function refuseUnless(report: CourtReport, action: CourtReportAction, role: CourtReportActor, version?: number) {
  const problem = courtReportActionProblem(report.report_state, action, role);
  if (problem?.startsWith('Only a team manager')) throw new ForbiddenError(problem);
  if (version !== undefined && report.version !== version) throw new ConflictError(report);
  if (problem !== null) throw new ValidationError({ form: problem });
}

export function createCourtReports(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  const today = () => londonDate(clock.now());

  const select = (reader: Reader) => reader.selectFrom('court_report as r').select(COLUMNS);
  const latest = (id: string) => () => select(db).where('r.id', '=', id).executeTakeFirstOrThrow();

  /** The report, if the actor may read its case; otherwise NotFoundError. */
  async function reportOf(actor: Actor, reportId: string): Promise<CourtReport> {
    const row = isUuid(reportId) ? await select(db).where('r.id', '=', reportId).where('r.service_id', '=', actor.grant.serviceId ?? '').executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError('court report');
    await cases.get(actor, row.case_id);
    return row;
  }

  /** The active courts of the actor's service, by name. */
  async function courts(actor: Actor) {
    const sites = await db.selectFrom('site').select(['id', 'name', 'site_kind']).where('service_id', '=', actor.grant.serviceId ?? '').where('is_active', '=', true).orderBy('name').execute();
    return sites.filter((s) => isCourt(s.site_kind)).map((s) => ({ id: s.id, name: s.name }));
  }

  async function record(trx: Transaction<Database>, actor: Actor, origin: RequestOrigin, report: Pick<CourtReport, 'id' | 'person_id' | 'case_id' | 'report_version'>, action: string, detail: Record<string, unknown> = {}) {
    await audit.record({ actor }, origin, {
      action, subjectType: 'court_report', subjectId: report.id, personId: report.person_id,
      detail: { caseId: report.case_id, reportVersion: report.report_version, ...detail },
    }, trx);
  }

  return {
    courts,

    /** Starts a report for a hearing, with every section drafted from the case; returns its id. */
    async create(actor: Actor, caseId: string, input: CourtReportStart, origin: RequestOrigin): Promise<string> {
      authorRole(actor);
      const c = await cases.get(actor, caseId);
      if (c.case_status === 'closed') throw new ValidationError({ form: 'This case is closed: court reports can no longer be started on it' });
      const day = today();
      const courtList = await courts(actor);
      const problems = courtReportProblems(input, day, courtList.map((s) => s.id));
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const dueOn = input.dueOn || defaultDueOn(input.hearingOn, day);
      const purpose = input.purpose as CourtReportPurpose;
      const courtName = courtList.find((s) => s.id === input.courtSiteId)!.name;
      const facts = await draftFacts(db, c, input.periodFrom, input.periodTo);
      const { sections } = draftCourtReport(facts, { courtName, hearingOn: input.hearingOn, purpose, periodFrom: input.periodFrom, periodTo: input.periodTo });
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('court_report').values({
          service_id: c.service_id, person_id: c.person_id, case_id: c.id, court_site_id: input.courtSiteId, hearing_on: input.hearingOn, due_on: dueOn,
          purpose, period_from: input.periodFrom, period_to: input.periodTo, sections: JSON.stringify(sections), drafted_by: actor.userId, created_at: now, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await record(trx, actor, origin, { id: row.id, person_id: c.person_id, case_id: c.id, report_version: 1 }, 'court_report.created', { hearingOn: input.hearingOn, courtSiteId: input.courtSiteId, purpose });
        return row.id;
      });
    },

    /** One report with its versions and what the actor may do with it; the read is audited. */
    async get(actor: Actor, reportId: string, origin: RequestOrigin): Promise<CourtReportView> {
      const report = await reportOf(actor, reportId);
      const [court, person, drafter, signer, versions, consent] = await Promise.all([
        db.selectFrom('site').select('name').where('id', '=', report.court_site_id).executeTakeFirstOrThrow(),
        db.selectFrom('person').select(['given_name', 'family_name']).where('id', '=', report.person_id).executeTakeFirstOrThrow(),
        db.selectFrom('app_user').select('display_name').where('id', '=', report.drafted_by).executeTakeFirstOrThrow(),
        report.signed_off_by ? db.selectFrom('app_user').select('display_name').where('id', '=', report.signed_off_by).executeTakeFirst() : Promise.resolve(undefined),
        db.selectFrom('court_report').select(['id', 'report_version', 'report_state', 'issued_at'])
          .where((eb) => eb.or([eb('id', '=', rootOf(report)), eb('first_version_id', '=', rootOf(report))]))
          .orderBy('report_version', 'desc').execute(),
        justiceConsent(db, report.service_id, report.person_id),
      ]);
      const role = actor.grant.role === 'practitioner' || actor.grant.role === 'team_manager' ? actor.grant.role : null;
      let actions = role ? courtReportActions(report.report_state, role) : [];
      // Only the latest version starts the next one.
      if (versions[0]!.id !== report.id) actions = actions.filter((a) => a !== 'new_version');
      await audit.record({ actor }, origin, { action: 'court_report.viewed', subjectType: 'court_report', subjectId: report.id, personId: report.person_id, detail: { caseId: report.case_id } });
      const consentProblem = report.basis === 'consent' && (consent.decision !== 'given' || !consent.screeningId) ? consentMissing(consent.decision) : null;
      return {
        report, courtName: court.name, personName: `${person.given_name} ${person.family_name}`, draftedByName: drafter.display_name, signedOffByName: signer?.display_name ?? null,
        versions: versions.map((v) => ({ id: v.id, reportVersion: v.report_version, state: v.report_state, issuedAt: v.issued_at })), actions, consentProblem,
      };
    },

    /** Every report of the case, every version, newest first. Not audited: the page's case read is. */
    async forCase(actor: Actor, caseId: string): Promise<CourtReportListItem[]> {
      const c = await cases.get(actor, caseId);
      return list(db).where('r.case_id', '=', c.id).orderBy('r.created_at', 'desc').orderBy('r.report_version', 'desc').execute();
    },

    /** The service's reports awaiting sign-off, and those not issued that are due in the next 14 days (or overdue). */
    async forService(actor: Actor, origin: RequestOrigin): Promise<{ awaitingSignOff: CourtReportListItem[]; dueSoon: CourtReportListItem[] }> {
      authorRole(actor);
      const serviceId = actor.grant.serviceId!;
      const [awaitingSignOff, dueSoon] = await Promise.all([
        list(db).where('r.service_id', '=', serviceId).where('r.report_state', '=', 'awaiting_sign_off').orderBy('r.due_on').orderBy('r.submitted_at').execute(),
        list(db).where('r.service_id', '=', serviceId).where('r.report_state', 'in', ['draft', 'awaiting_sign_off'])
          .where('r.due_on', '<=', addDays(today(), DUE_SOON_DAYS)).orderBy('r.due_on').orderBy('p.family_name').execute(),
      ]);
      await audit.record({ actor }, origin, { action: 'court_reports.listed', detail: { awaitingSignOff: awaitingSignOff.length, dueSoon: dueSoon.length } });
      return { awaitingSignOff, dueSoon };
    },

    /** Saves the author's changes to a draft, if it is still at the version they read. */
    async update(actor: Actor, reportId: string, version: number, edit: CourtReportEdit, origin: RequestOrigin): Promise<void> {
      const role = authorRole(actor);
      const report = await reportOf(actor, reportId);
      // A draft sent for sign-off meanwhile is a conflict, so the page keeps what was typed.
      refuseUnless(report, 'edit', role, version);
      const sections = Object.fromEntries(COURT_REPORT_SECTIONS.map((s) => [s, (edit.sections[s] ?? '').replace(/\r\n/g, '\n').trim()])) as CourtReportSections;
      const problems: Record<string, string> = { ...courtReportSectionProblems(sections, false) };
      if (!isOneOf(DISCLOSURE_BASES, edit.basis)) problems.basis = 'Select the basis for sharing the report with the court: the person’s consent, or a legal basis';
      const legalBasis = edit.basis === 'legal_basis' && edit.legalBasis ? edit.legalBasis : null;
      if (legalBasis !== null && !isOneOf(LEGAL_BASES, legalBasis)) problems.legalBasis = 'Select the legal basis for sharing without consent';
      if (edit.legalBasisReason.length > 2000) problems.legalBasisReason = 'The reason must be 2000 characters or fewer';
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const basis = edit.basis as DisclosureBasis;
      const now = clock.now();
      await saveVersioned(db, async (trx) => {
        await updateWithVersion(trx, 'court_report', report.id, version, {
          sections: JSON.stringify(sections), basis, legal_basis: basis === 'legal_basis' ? (legalBasis as LegalBasis | null) : null,
          legal_basis_reason: basis === 'legal_basis' ? edit.legalBasisReason.trim() : '',
        }, now);
        await record(trx, actor, origin, report, 'court_report.updated');
      }, latest(report.id));
    },

    /** Sends a finished draft to a team manager for sign-off. */
    async submit(actor: Actor, reportId: string, version: number, origin: RequestOrigin): Promise<void> {
      const role = authorRole(actor);
      const report = await reportOf(actor, reportId);
      refuseUnless(report, 'submit', role, version);
      const problems = courtReportSectionProblems(report.sections, true);
      if (report.basis === 'legal_basis') {
        const basisProblems = disclosureBasisProblems({ basis: 'legal_basis', consent: { decision: 'not_asked', screeningId: null }, legalBasis: report.legal_basis, legalBasisReason: report.legal_basis_reason });
        Object.assign(problems, basisProblems);
      }
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const now = clock.now();
      await saveVersioned(db, async (trx) => {
        await updateWithVersion(trx, 'court_report', report.id, version, { report_state: 'awaiting_sign_off', submitted_by: actor.userId, submitted_at: now, returned_reason: '' }, now);
        await record(trx, actor, origin, report, 'court_report.submitted');
      }, latest(report.id));
    },

    /** A team manager sends a report back to draft, saying what needs changing. */
    async returnToDraft(actor: Actor, reportId: string, version: number, reason: string, origin: RequestOrigin): Promise<void> {
      const role = authorRole(actor);
      const report = await reportOf(actor, reportId);
      refuseUnless(report, 'return', role, version);
      const why = reason.trim();
      if (!why) throw new ValidationError({ reason: 'Say what needs changing before the report can be signed off' });
      if (why.length > 1000) throw new ValidationError({ reason: 'The reason must be 1000 characters or fewer' });
      const now = clock.now();
      await saveVersioned(db, async (trx) => {
        await updateWithVersion(trx, 'court_report', report.id, version, { report_state: 'draft', returned_reason: why }, now);
        await record(trx, actor, origin, report, 'court_report.returned', { reason: why });
      }, latest(report.id));
    },

    /**
     * A team manager signs off and issues a report waiting for sign-off: in one transaction the PDF is rendered and
     * stored, the disclosure to the court is written, and any earlier issued version is superseded.
     */
    async issue(actor: Actor, reportId: string, version: number, origin: RequestOrigin): Promise<void> {
      const role = authorRole(actor);
      const report = await reportOf(actor, reportId);
      refuseUnless(report, 'issue', role, version);
      const now = clock.now();
      await saveVersioned(db, async (trx) => {
        const [service, court, person, drafter] = [
          await trx.selectFrom('service').select('name').where('id', '=', report.service_id).executeTakeFirstOrThrow(),
          await trx.selectFrom('site').select('name').where('id', '=', report.court_site_id).executeTakeFirstOrThrow(),
          await trx.selectFrom('person').select(['given_name', 'family_name', 'date_of_birth', 'nhs_number', 'pnc_id']).where('id', '=', report.person_id).executeTakeFirstOrThrow(),
          await trx.selectFrom('app_user').select('display_name').where('id', '=', report.drafted_by).executeTakeFirstOrThrow(),
        ];
        const contacts = await contactsOfPeriod(trx, report.case_id, report.period_from, report.period_to);
        const disclosure = await writeDisclosure(trx, audit, actor, {
          personId: report.person_id, caseId: report.case_id, referralId: null, recipient: 'court', recipientName: court.name, siteId: report.court_site_id,
          kind: 'court_report', content: courtReportText(report.sections), purpose: `Report for the ${HEARING_WORDS[report.purpose]} hearing on ${sayDate(report.hearing_on)}`,
          basis: report.basis, legalBasis: report.legal_basis, legalBasisReason: report.legal_basis_reason,
        }, now, origin);
        const pdf = await renderCourtReportPdf({
          serviceName: service.name, courtName: court.name, hearingOn: report.hearing_on, purpose: report.purpose,
          person: { name: `${person.given_name} ${person.family_name}`, dateOfBirth: person.date_of_birth, nhsNumber: person.nhs_number, pncId: person.pnc_id },
          reportVersion: report.report_version, sections: report.sections, contacts: contactRows(contacts), periodFrom: report.period_from, periodTo: report.period_to,
          draftedBy: drafter.display_name, signedOffBy: actor.displayName, issuedAt: now,
        });
        await updateWithVersion(trx, 'court_report', report.id, version, { report_state: 'issued', signed_off_by: actor.userId, issued_at: now, pdf, disclosure_id: disclosure.id }, now);
        const superseded = await trx.updateTable('court_report')
          .set((eb) => ({ report_state: 'superseded', version: eb('version', '+', 1), updated_at: now }))
          .where((eb) => eb.or([eb('id', '=', rootOf(report)), eb('first_version_id', '=', rootOf(report))]))
          .where('report_state', '=', 'issued').where('id', '<>', report.id)
          .returning(['id', 'report_version']).execute();
        await record(trx, actor, origin, report, 'court_report.issued', { disclosureId: disclosure.id, courtSiteId: report.court_site_id, supersedes: superseded.map((s) => s.id) });
      }, latest(report.id));
    },

    /** Starts the next version of an issued report as a draft with the same sections; returns its id. */
    async newVersion(actor: Actor, reportId: string, origin: RequestOrigin): Promise<string> {
      const role = authorRole(actor);
      const report = await reportOf(actor, reportId);
      refuseUnless(report, 'new_version', role);
      const later = await db.selectFrom('court_report').select('report_version')
        .where((eb) => eb.or([eb('id', '=', rootOf(report)), eb('first_version_id', '=', rootOf(report))]))
        .where('report_version', '>', report.report_version).executeTakeFirst();
      if (later) throw new ValidationError({ form: `Version ${later.report_version} of this report has already been started: continue with it` });
      const now = clock.now();
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx.insertInto('court_report').values({
            service_id: report.service_id, person_id: report.person_id, case_id: report.case_id, court_site_id: report.court_site_id, hearing_on: report.hearing_on,
            due_on: report.due_on, purpose: report.purpose, period_from: report.period_from, period_to: report.period_to, sections: JSON.stringify(report.sections),
            report_version: report.report_version + 1, first_version_id: rootOf(report), basis: report.basis, legal_basis: report.legal_basis,
            legal_basis_reason: report.legal_basis_reason, drafted_by: actor.userId, created_at: now, updated_at: now,
          }).returning('id').executeTakeFirstOrThrow();
          await audit.record({ actor }, origin, {
            action: 'court_report.version_started', subjectType: 'court_report', subjectId: row.id, personId: report.person_id,
            detail: { caseId: report.case_id, reportVersion: report.report_version + 1, previousVersionId: report.id },
          }, trx);
          return row.id;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError({ form: 'The next version of this report has just been started by someone else: open it from the list of versions' });
        throw error;
      }
    },

    /** The issued PDF, exactly as issued, for the team; the download is audited. */
    async pdf(actor: Actor, reportId: string, origin: RequestOrigin): Promise<{ bytes: Buffer; fileName: string }> {
      const report = await reportOf(actor, reportId);
      const row = await db.selectFrom('court_report as r').innerJoin('person as p', 'p.id', 'r.person_id')
        .select(['r.pdf', 'p.family_name']).where('r.id', '=', report.id).executeTakeFirstOrThrow();
      if (!row.pdf) throw new NotFoundError('court report PDF');
      await audit.record({ actor }, origin, { action: 'court_report.downloaded', subjectType: 'court_report', subjectId: report.id, personId: report.person_id, detail: { caseId: report.case_id, reportVersion: report.report_version } });
      return { bytes: Buffer.from(row.pdf), fileName: pdfFileName(row.family_name, report.report_version) };
    },
  };

  function list(reader: Reader) {
    return reader.selectFrom('court_report as r')
      .innerJoin('site as s', 's.id', 'r.court_site_id')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .innerJoin('app_user as u', 'u.id', 'r.drafted_by')
      .select(['r.id', 'r.case_id', 'r.hearing_on', 'r.due_on', 'r.purpose', 'r.report_version', 'r.report_state', 'r.issued_at', 's.name as court_name', 'u.display_name as drafted_by_name'])
      .select(sql<string>`p.given_name || ' ' || p.family_name`.as('person_name'));
  }
}

export type CourtReports = ReturnType<typeof createCourtReports>;
