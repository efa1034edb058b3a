// Appointments and contacts of a case: booking one, recording what happened, the engagement indicator and the follow-up a missed contact needs.
import type { Kysely } from 'kysely';
import type { ContactRow, Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { addDays } from '../../domain/calendar-date.js';
import { CONTACT_KINDS, outcomeTimingProblem, type ContactKind } from '../../domain/contact-rules.js';
import { missedContactsToFollowUp } from '../../domain/contact-follow-up.js';
import { CONTACT_OUTCOMES, ENGAGEMENT_WINDOW_DAYS, engagementIndicator, type ContactOutcome, type Engagement } from '../../domain/engagement.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate, londonInstant } from '../../domain/london-time.js';
import { CLINICAL_TEAM_ROLES } from '../../domain/roles.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../errors.js';
import type { CaseRecords } from './case-records.js';

export type ContactBooking = {
  kind: ContactKind;
  startsAt: Date;
  place: string;
  withWhom: string;
  /** The worker who holds the contact; null for the actor. */
  workerId: string | null;
  /** The worker went with the person (an accompanied first appointment). */
  workerWentToo: boolean;
  notes: string;
};

export type ContactOutcomeInput = { outcome: ContactOutcome; notes: string };

export type ContactListItem = ContactRow & { worker_name: string | null };

/** A missed contact with nothing after it: the follow-up task the team's due list shows too. */
export type ContactFollowUp = { contactId: string; startsAt: Date };

export type TeamWorker = { id: string; displayName: string };

export function createContacts(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  /** The workers of the actor's service who may hold a contact, by name. */
  async function workers(actor: Actor): Promise<TeamWorker[]> {
    const rows = await db
      .selectFrom('app_user as u')
      .innerJoin('role_grant as g', 'g.user_id', 'u.id')
      .select(['u.id', 'u.display_name'])
      .distinct()
      .where('g.service_id', '=', actor.grant.serviceId ?? '')
      .where('g.role', 'in', CLINICAL_TEAM_ROLES)
      .where('u.is_active', '=', true)
      .orderBy('u.display_name')
      .execute();
    return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
  }

  /** Engagement over the last four weeks, from the contacts with an outcome. */
  async function engagementFor(caseId: string, today: string): Promise<Engagement> {
    const from = londonInstant(addDays(today, -ENGAGEMENT_WINDOW_DAYS), { hours: 0, minutes: 0 });
    const rows = await db
      .selectFrom('contact')
      .select(['starts_at', 'outcome'])
      .where('case_id', '=', caseId)
      .where('outcome', 'is not', null)
      .where('starts_at', '>=', from)
      .execute();
    return engagementIndicator(rows.map((r) => ({ on: londonDate(r.starts_at), outcome: r.outcome! })), today);
  }

  async function contactOf(actor: Actor, caseId: string, contactId: string): Promise<ContactRow> {
    const c = await cases.get(actor, caseId);
    const row = isUuid(contactId)
      ? await db.selectFrom('contact').selectAll().where('id', '=', contactId).where('case_id', '=', c.id).where('service_id', '=', c.service_id).executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError('contact');
    return row;
  }

  return {
    workers,
    engagementFor,

    /** The case's contacts, newest first, with the engagement indicator and any follow-up due. Not audited: the page's case read is. */
    async forCase(actor: Actor, caseId: string): Promise<{ contacts: ContactListItem[]; engagement: Engagement; followUp: ContactFollowUp | null }> {
      const c = await cases.get(actor, caseId);
      const contacts = await db
        .selectFrom('contact as k')
        .leftJoin('app_user as u', 'u.id', 'k.worker_id')
        .selectAll('k')
        .select('u.display_name as worker_name')
        .where('k.case_id', '=', c.id)
        .where('k.service_id', '=', c.service_id)
        .orderBy('k.starts_at', 'desc')
        .orderBy('k.created_at', 'desc')
        .execute();
      const missed = missedContactsToFollowUp(contacts.map((k) => ({ id: k.id, startsAt: k.starts_at, outcome: k.outcome })));
      const followUp = missed[0] ? { contactId: missed[0].id, startsAt: missed[0].startsAt } : null;
      return { contacts, engagement: await engagementFor(c.id, londonDate(clock.now())), followUp };
    },

    /** One contact of a case (for its outcome form). */
    get: contactOf,

    /** Books a contact, in the future or already held; returns its id. */
    async book(actor: Actor, caseId: string, input: ContactBooking, origin: RequestOrigin): Promise<string> {
      const c = await cases.get(actor, caseId);
      const errors: FieldErrors = {};
      if (c.case_status === 'closed') errors.form = 'This case is closed: contacts can no longer be booked';
      if (!(CONTACT_KINDS as readonly string[]).includes(input.kind)) errors.kind = 'Select the kind of contact';
      if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) errors['startsDate-day'] = 'Enter the date of the contact';
      if (input.place.length > 200) errors.place = 'Place must be 200 characters or fewer';
      if (input.withWhom.length > 200) errors.withWhom = 'With whom must be 200 characters or fewer';
      if (input.notes.length > 4000) errors.notes = 'Notes must be 4000 characters or fewer';
      const workerId = input.workerId ?? actor.userId;
      if (!(await workers(actor)).some((w) => w.id === workerId)) errors.workerId = 'Select a worker of the team';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('contact')
          .values({
            service_id: c.service_id, case_id: c.id, person_id: c.person_id, contact_kind: input.kind, starts_at: input.startsAt,
            place: input.place, with_whom: input.withWhom, worker_id: workerId, worker_went_too: input.workerWentToo, notes: input.notes,
            recorded_by: actor.userId, created_at: now, updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, {
          action: 'contact.booked', subjectType: 'contact', subjectId: row.id, personId: c.person_id,
          detail: { caseId: c.id, kind: input.kind, startsAt: input.startsAt.toISOString() },
        }, trx);
        return row.id;
      });
    },

    /** Records what happened at a contact, if it is still at the version the user read. A recorded outcome is changed through a correction. */
    async recordOutcome(actor: Actor, caseId: string, contactId: string, version: number, input: ContactOutcomeInput, origin: RequestOrigin): Promise<void> {
      const contact = await contactOf(actor, caseId, contactId);
      if (contact.version !== version) throw new ConflictError(contact);
      const errors: FieldErrors = {};
      if (!(CONTACT_OUTCOMES as readonly string[]).includes(input.outcome)) errors.outcome = 'Select what happened at the contact';
      else {
        const timing = outcomeTimingProblem(input.outcome, contact.starts_at, clock.now());
        if (timing) errors.outcome = timing;
      }
      if (contact.outcome) errors.outcome = 'What happened at this contact is already recorded: use Correct on the contacts page to change it';
      if (input.notes.length > 4000) errors.notes = 'Notes must be 4000 characters or fewer';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const now = clock.now();
      await saveVersioned(
        db,
        async (trx) => {
          await updateWithVersion(trx, 'contact', contact.id, version, { outcome: input.outcome, notes: input.notes, outcome_recorded_at: now }, now);
          await audit.record({ actor }, origin, {
            action: 'contact.outcome_recorded', subjectType: 'contact', subjectId: contact.id, personId: contact.person_id,
            detail: { caseId: contact.case_id, outcome: input.outcome },
          }, trx);
        },
        () => db.selectFrom('contact').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow(),
      );
    },
  };
}

export type Contacts = ReturnType<typeof createContacts>;
