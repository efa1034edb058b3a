// Moving a person to another service of the same installation: the receiving service gets a record of its own
// (details, identifiers and other names; not family links), the two records are linked, and both sides are audited.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { requireTeamManager, type CaseRecords } from './case-records.js';

/** Person columns copied to the receiving service's record. */
const COPIED = [
  'given_name', 'family_name', 'preferred_name', 'date_of_birth', 'sex', 'gender_identity', 'ethnicity_code', 'first_language', 'interpreter_needed',
  'address', 'postcode', 'phone', 'email', 'nhs_number', 'pnc_id', 'probation_crn', 'is_veteran', 'is_care_leaver', 'known_risk',
] as const;

export function createPersonTransfers(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  void cases;

  const requireManager = (actor: Actor): string => requireTeamManager(actor, 'Only a team manager can transfer a person to another service.');

  async function personIn(serviceId: string, personId: string) {
    const person = isUuid(personId) ? await db.selectFrom('person').selectAll().where('id', '=', personId).where('service_id', '=', serviceId).executeTakeFirst() : undefined;
    if (!person) throw new NotFoundError('person');
    return person;
  }

  /** Where a person's record was transferred to, if it was (for the notice on the old record). */
  async function transferOf(personId: string) {
    if (!isUuid(personId)) return null;
    const row = await db.selectFrom('person_transfer as t').innerJoin('service as s', 's.id', 't.to_service_id')
      .select(['t.id', 't.to_person_id', 't.to_service_id', 's.name as to_service_name', 't.reason', 't.transferred_at'])
      .where('t.person_id', '=', personId).executeTakeFirst();
    return row ? { ...row, transferredOn: londonDate(row.transferred_at) } : null;
  }

  return {
    transferOf,

    /** Services a person may be transferred to: every other active service of the installation. */
    async targets(actor: Actor) {
      const serviceId = requireManager(actor);
      return db.selectFrom('service').select(['id', 'name']).where('is_active', '=', true).where('id', '<>', serviceId).orderBy('name').execute();
    },

    /** The transfer page's facts: the person (in the manager's service), whether already transferred, open cases. */
    async prepare(actor: Actor, personId: string) {
      const serviceId = requireManager(actor);
      const person = await personIn(serviceId, personId);
      const openCases = await db.selectFrom('case_episode').select(['id', 'opened_at', 'case_status']).where('person_id', '=', person.id).where('case_status', '<>', 'closed').execute();
      return { person, openCases, transfer: await transferOf(person.id) };
    },

    /** Transfers the person; refused while a case is open, or when the receiving service already holds the NHS number or PNC ID. */
    async transfer(actor: Actor, personId: string, toServiceId: string, reasonText: string, origin: RequestOrigin): Promise<{ toPersonId: string }> {
      const serviceId = requireManager(actor);
      const person = await personIn(serviceId, personId);
      const errors: Record<string, string> = {};
      const target = isUuid(toServiceId) ? await db.selectFrom('service').select(['id', 'name', 'is_active']).where('id', '=', toServiceId).executeTakeFirst() : undefined;
      if (!target || !target.is_active || target.id === serviceId) errors.toServiceId = 'Select the service the person is moving to';
      const reason = reasonText.trim();
      if (!reason) errors.reason = 'Enter the reason for the transfer, for example "moved to Kirklees"';
      else if (reason.length > 1000) errors.reason = 'Reason for the transfer must be 1000 characters or fewer';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      if (await transferOf(person.id)) throw new ValidationError({ form: 'This person has already been transferred to another service' });
      const open = await db.selectFrom('case_episode').select('id').where('person_id', '=', person.id).where('case_status', '<>', 'closed').execute();
      if (open.length > 0) throw new ValidationError({ form: 'This person has an open case: close it with the reason "Transferred to another service" before transferring them' });
      const to = target!;
      if (person.nhs_number) {
        const clash = await db.selectFrom('person').select('id').where('service_id', '=', to.id).where('nhs_number', '=', person.nhs_number).executeTakeFirst();
        if (clash) throw new ValidationError({ toServiceId: `${to.name} already has a record with this person's NHS number: they cannot be transferred there; ask ${to.name} to use their record` });
      }
      if (person.pnc_id) {
        const clash = await db.selectFrom('person').select('id').where('service_id', '=', to.id).where('pnc_id', '=', person.pnc_id).executeTakeFirst();
        if (clash) throw new ValidationError({ toServiceId: `${to.name} already has a record with this person's PNC ID: they cannot be transferred there` });
      }
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const copied = Object.fromEntries(COPIED.map((k) => [k, person[k]])) as Pick<typeof person, (typeof COPIED)[number]>;
        const created = await trx.insertInto('person').values({ ...copied, service_id: to.id, created_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
        const aliases = await trx.selectFrom('person_alias').select(['given_name', 'family_name']).where('person_id', '=', person.id).execute();
        if (aliases.length > 0) await trx.insertInto('person_alias').values(aliases.map((a) => ({ service_id: to.id, person_id: created.id, given_name: a.given_name, family_name: a.family_name }))).execute();
        const transfer = await trx.insertInto('person_transfer').values({
          person_id: person.id, to_person_id: created.id, from_service_id: serviceId, to_service_id: to.id, reason, transferred_by: actor.userId, transferred_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        const detail = { transferId: transfer.id, fromServiceId: serviceId, toServiceId: to.id, fromPersonId: person.id, toPersonId: created.id };
        await audit.record({ actor }, origin, { action: 'person.transferred_out', subjectType: 'person', subjectId: person.id, personId: person.id, serviceId, reason, detail }, trx);
        await audit.record({ actor }, origin, { action: 'person.transferred_in', subjectType: 'person', subjectId: created.id, personId: created.id, serviceId: to.id, reason, detail }, trx);
        return { toPersonId: created.id };
      });
    },

    /**
     * For a record received by transfer: where it came from and the earlier cases (dates and closure reasons only),
     * following the chain back through earlier transfers. Null for a record not received by transfer.
     * The caller has already checked the reader may see `personId`.
     */
    async historyFor(personId: string) {
      if (!isUuid(personId)) return null;
      const transfers: { fromServiceName: string; transferredOn: string; reason: string; cases: { openedAt: Date; closedOn: string | null; closureReason: string | null }[] }[] = [];
      let current = personId;
      for (let hop = 0; hop < 20; hop++) {
        const t = await db.selectFrom('person_transfer as t').innerJoin('service as s', 's.id', 't.from_service_id')
          .select(['t.person_id', 's.name', 't.transferred_at', 't.reason']).where('t.to_person_id', '=', current).executeTakeFirst();
        if (!t) break;
        const earlier = await db.selectFrom('case_episode').select(['opened_at', 'closed_on', 'closure_reason']).where('person_id', '=', t.person_id).orderBy('opened_at', 'desc').execute();
        transfers.push({ fromServiceName: t.name, transferredOn: londonDate(t.transferred_at), reason: t.reason, cases: earlier.map((c) => ({ openedAt: c.opened_at, closedOn: c.closed_on, closureReason: c.closure_reason })) });
        current = t.person_id;
      }
      return transfers.length > 0 ? { transfers } : null;
    },
  };
}

export type PersonTransfers = ReturnType<typeof createPersonTransfers>;
