// Cases: finding one within what the user may see, and reading it (audited) with its 12-week clock.
// Practitioners and team managers see every case of their service; a support worker only the cases allocated to them.
import type { Kysely, Transaction } from 'kysely';
import type { CaseEpisodeRow, Database, PersonRow, ReferralRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import { CLINICAL_TEAM_ROLES } from '../../domain/roles.js';
import { caseClock, type CaseClock, type Extension } from '../../domain/twelve-week-clock.js';
import { londonDate } from '../../domain/london-time.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { readTogetherOnce } from '../../db/read-together.js';
import { INSTANT_COLUMNS } from '../../db/instant-columns.js';

/** Everything a case page shows above its own content. */
export type CaseHeader = {
  caseEpisode: CaseEpisodeRow;
  person: PersonRow;
  /** The referral the case was opened from; null for a family member's linked case. */
  referral: ReferralRow | null;
  workerName: string | null;
  clock: CaseClock;
  extensions: Extension[];
};

type Reader = Kysely<Database> | Transaction<Database>;

/** True when the actor's role lets them see this case at all (before the service check). */
export function mayReadCase(actor: Actor, c: Pick<CaseEpisodeRow, 'service_id' | 'allocated_to'>): boolean {
  if (c.service_id !== actor.grant.serviceId) return false;
  const role = actor.grant.role;
  if (role === 'practitioner' || role === 'team_manager') return true;
  if (role === 'support_worker') return c.allocated_to === actor.userId;
  return false;
}

/** The service of a member of the L&D team (practitioner, support worker, team manager); anyone else is refused with `refusal`. */
export function requireTeamMember(actor: Actor, refusal: string): string {
  if (!CLINICAL_TEAM_ROLES.includes(actor.grant.role) || !actor.grant.serviceId) throw new ForbiddenError(refusal);
  return actor.grant.serviceId;
}

/** The team manager's service; anyone else is refused with `refusal`, which names what only a manager may do. */
export function requireTeamManager(actor: Actor, refusal = 'Only a team manager can do this'): string {
  if (actor.grant.role !== 'team_manager' || !actor.grant.serviceId) throw new ForbiddenError(refusal);
  return actor.grant.serviceId;
}

/** A case's approved extensions, as a read (run alone or with others). */
function approvedExtensions(reader: Reader, caseId: string) {
  return reader
    .selectFrom('case_extension as e')
    .innerJoin('app_user as u', 'u.id', 'e.decided_by')
    .select(['e.decided_on', 'u.display_name', 'e.reason', 'e.new_end_on'])
    .where('e.case_id', '=', caseId)
    .where('e.decision', '=', 'approved');
}

/** An approved extension's row as the clock reads it. */
export const asExtension = (r: { decided_on: string | null; display_name: string; reason: string; new_end_on: string }): Extension =>
  ({ approvedOn: r.decided_on!, approvedBy: r.display_name, reason: r.reason, newEndOn: r.new_end_on });

/** The case by id in a service, as a read to select from. */
const caseIn = (reader: Reader, caseId: string, serviceId: string) => reader.selectFrom('case_episode').where('id', '=', caseId).where('service_id', '=', serviceId);

/** The case by id in the actor's service, as a read to select from. */
const inService = (reader: Reader, actor: Actor, caseId: string) => caseIn(reader, caseId, actor.grant.serviceId ?? '');

/** One statement for the case and the four reads every case page makes with it, built once. */
const headerRead = readTogetherOnce((db: Kysely<Database>, _shape: object, v: { caseId: string; serviceId: string }) => {
  const theCase = caseIn(db, v.caseId, v.serviceId);
  return {
    caseEpisode: theCase.selectAll(),
    person: db.selectFrom('person').selectAll().where('id', '=', theCase.select('person_id')),
    referral: db.selectFrom('referral').selectAll().where('id', '=', theCase.select('referral_id')),
    worker: db.selectFrom('app_user').select('display_name').where('id', '=', theCase.select('allocated_to')),
    extensions: approvedExtensions(db, v.caseId),
  };
}, { caseEpisode: INSTANT_COLUMNS.case_episode, person: INSTANT_COLUMNS.person, referral: INSTANT_COLUMNS.referral });

/** The case read, if the actor may see it; otherwise NotFoundError (out of scope and missing are not told apart). */
function visible(actor: Actor, row: CaseEpisodeRow | undefined): CaseEpisodeRow {
  if (!row || !mayReadCase(actor, row)) throw new NotFoundError('case');
  return row;
}

export function createCaseRecords(db: Kysely<Database>, clock: Clock, audit: AuditService) {
  /**
   * The case, if the actor may see it; otherwise NotFoundError (out of scope and missing are not told apart). Given a
   * case already read in this request (a page reads it first), it checks the same scope without reading it again.
   */
  async function get(actor: Actor, caseId: string | CaseEpisodeRow, reader: Reader = db): Promise<CaseEpisodeRow> {
    if (typeof caseId !== 'string') return visible(actor, caseId);
    return visible(actor, isUuid(caseId) ? await inService(reader, actor, caseId).selectAll().executeTakeFirst() : undefined);
  }

  /** Approved extensions of a case, as the clock reads them. */
  async function extensionsOf(caseId: string, reader: Reader = db): Promise<Extension[]> {
    return (await approvedExtensions(reader, caseId).execute()).map(asExtension);
  }

  /** The case, its person and referral, its worker and its clock, without auditing (for use after an audited read). */
  async function header(actor: Actor, caseId: string): Promise<CaseHeader> {
    if (!isUuid(caseId)) throw new NotFoundError('case');
    const read = await headerRead(db, {}, { caseId, serviceId: actor.grant.serviceId ?? '' });
    const caseEpisode = visible(actor, read.caseEpisode[0]);
    const person = read.person[0];
    if (!person) throw new Error(`The person of case ${caseEpisode.id} is missing`);
    const referral = read.referral[0] ?? null;
    const worker = read.worker[0];
    const extensions = read.extensions.map(asExtension);
    const today = londonDate(clock.now());
    const clockNow = caseClock({ planAgreedOn: caseEpisode.plan_agreed_on, extensions, closedOn: caseEpisode.closed_on }, today);
    return { caseEpisode, person, referral, workerName: worker?.display_name ?? null, clock: clockNow, extensions };
  }

  return {
    get,
    header,
    extensionsOf,

    /** Reads a case for a page, and records the read: `page` names which part of the case was shown. */
    async view(actor: Actor, caseId: string, origin: RequestOrigin, page = 'summary'): Promise<CaseHeader> {
      const h = await header(actor, caseId);
      await audit.record({ actor }, origin, { action: 'case.viewed', subjectType: 'case', subjectId: h.caseEpisode.id, personId: h.person.id, detail: { page } });
      return h;
    },

    /** The person's cases in the actor's service, newest first (support workers: only their own). */
    async forPerson(actor: Actor, personId: string) {
      let q = db
        .selectFrom('case_episode as c')
        .leftJoin('app_user as u', 'u.id', 'c.allocated_to')
        .select(['c.id', 'c.referral_id', 'c.opened_at', 'c.case_status', 'c.closed_on', 'c.closure_reason', 'c.plan_agreed_on', 'u.display_name as worker_name'])
        .where('c.person_id', '=', personId)
        .where('c.service_id', '=', actor.grant.serviceId ?? '');
      if (actor.grant.role === 'support_worker') q = q.where('c.allocated_to', '=', actor.userId);
      return q.orderBy('c.opened_at', 'desc').execute();
    },
  };
}

export type CaseRecords = ReturnType<typeof createCaseRecords>;
