// Restorative sessions run by volunteer facilitators: the service's sessions, booking people from their plans, attendance.
// A facilitator sees only the sessions they run, with each person's name and attendance: nothing of the case.
import { sql, type Kysely } from 'kysely';
import type { Database, RestorativeSessionRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import { attendanceTimingProblem, bookingProblem, placesLeft, planStatusAfter, type SessionAttendance } from '../../domain/restorative-booking.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from '../errors.js';
import type { CaseRecords } from './case-records.js';

export type SessionInput = { interventionId: string; startsAt: Date | null; place: string; facilitatorId: string; places: number | null };

export type SessionSummary = {
  id: string; interventionId: string; interventionName: string; startsAt: Date; place: string;
  facilitatorName: string | null; places: number; booked: number; placesLeft: number;
};

export type SessionBooking = { bookingId: string; caseId: string; personName: string; attendance: SessionAttendance | null };
/** What a facilitator sees of a person booked: a name and attendance, nothing more. */
export type AttendanceLine = { bookingId: string; name: string; attendance: SessionAttendance | null };

export type AttendanceEntry = { bookingId: string; attendance: SessionAttendance | null };

const PLANNERS = ['practitioner', 'team_manager'];

export function createRestorativeSessions(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  function summaries(serviceId: string) {
    return db
      .selectFrom('restorative_session as s')
      .innerJoin('intervention as i', 'i.id', 's.intervention_id')
      .leftJoin('app_user as f', 'f.id', 's.facilitator_id')
      .select(['s.id', 's.intervention_id', 'i.name as intervention_name', 's.starts_at', 's.place', 'f.display_name as facilitator_name', 's.places', 's.facilitator_id'])
      .select((eb) => eb.selectFrom('restorative_booking as b').select(sql<number>`count(*)::int`.as('n')).whereRef('b.session_id', '=', 's.id').as('booked'))
      .where('s.service_id', '=', serviceId);
  }
  type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;
  const toSummary = (r: SummaryRow): SessionSummary => {
    const booked = Number(r.booked ?? 0);
    return { id: r.id, interventionId: r.intervention_id, interventionName: r.intervention_name, startsAt: r.starts_at, place: r.place, facilitatorName: r.facilitator_name, places: r.places, booked, placesLeft: placesLeft({ places: r.places, booked }) };
  };

  /** The session, if it is the actor's service's. */
  async function sessionOf(actor: Actor, sessionId: string): Promise<RestorativeSessionRow> {
    const row = isUuid(sessionId)
      ? await db.selectFrom('restorative_session').selectAll().where('id', '=', sessionId).where('service_id', '=', actor.grant.serviceId ?? '').executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError('session');
    return row;
  }

  /** The session the actor facilitates (a planner of the service may stand in); otherwise not found. */
  async function facilitatedBy(actor: Actor, sessionId: string): Promise<RestorativeSessionRow> {
    const s = await sessionOf(actor, sessionId);
    if (s.facilitator_id !== actor.userId && !PLANNERS.includes(actor.grant.role)) throw new NotFoundError('session');
    return s;
  }

  async function attendanceLines(sessionId: string): Promise<AttendanceLine[]> {
    const rows = await db
      .selectFrom('restorative_booking as b')
      .innerJoin('person as p', 'p.id', 'b.person_id')
      .select(['b.id', 'p.given_name', 'p.family_name', 'b.attendance'])
      .where('b.session_id', '=', sessionId)
      .orderBy('p.family_name').orderBy('p.given_name')
      .execute();
    return rows.map((r) => ({ bookingId: r.id, name: `${r.given_name} ${r.family_name}`, attendance: r.attendance }));
  }

  /** What a session form offers: the service's restorative interventions and its volunteer facilitators. */
  async function choices(actor: Actor) {
    const serviceId = actor.grant.serviceId ?? '';
    const [interventions, facilitators] = await Promise.all([
      db.selectFrom('intervention').select(['id', 'name']).where('service_id', '=', serviceId).where('is_restorative', '=', true).where('is_active', '=', true).orderBy('name').execute(),
      db.selectFrom('app_user as u').innerJoin('role_grant as g', 'g.user_id', 'u.id').select(['u.id', 'u.display_name as name']).distinct()
        .where('g.service_id', '=', serviceId).where('g.role', '=', 'volunteer').where('u.is_active', '=', true).orderBy('u.display_name').execute(),
    ]);
    return { interventions, facilitators };
  }

  return {
    /** The service's sessions: upcoming (soonest first) and the latest past ones. */
    async list(actor: Actor): Promise<{ upcoming: SessionSummary[]; past: SessionSummary[] }> {
      const now = clock.now();
      const serviceId = actor.grant.serviceId ?? '';
      const [upcoming, past] = await Promise.all([
        summaries(serviceId).where('s.starts_at', '>', now).orderBy('s.starts_at').execute(),
        summaries(serviceId).where('s.starts_at', '<=', now).orderBy('s.starts_at', 'desc').limit(50).execute(),
      ]);
      return { upcoming: upcoming.map(toSummary), past: past.map(toSummary) };
    },

    /** Upcoming sessions with places left, of the given interventions (for booking from a plan). */
    async upcomingFor(actor: Actor, interventionIds: string[]): Promise<SessionSummary[]> {
      if (interventionIds.length === 0) return [];
      const rows = await summaries(actor.grant.serviceId ?? '').where('s.starts_at', '>', clock.now()).where('s.intervention_id', 'in', interventionIds).orderBy('s.starts_at').execute();
      return rows.map(toSummary).filter((s) => s.placesLeft > 0);
    },

    choices,

    /** Creates a session (practitioners and team managers); returns its id. */
    async create(actor: Actor, input: SessionInput, origin: RequestOrigin): Promise<string> {
      if (!PLANNERS.includes(actor.grant.role)) throw new ForbiddenError('Only practitioners and team managers create sessions');
      const { interventions, facilitators } = await choices(actor);
      const errors: FieldErrors = {};
      if (!interventions.some((i) => i.id === input.interventionId)) errors.interventionId = 'Select the restorative intervention the session runs';
      if (!input.startsAt) errors['startsDate-day'] = 'Enter the date of the session';
      else if (input.startsAt.getTime() <= clock.now().getTime()) errors['startsDate-day'] = 'The session must be in the future: check the date and time';
      const place = input.place.trim();
      if (!place) errors.place = 'Enter where the session is held';
      else if (place.length > 200) errors.place = 'Place must be 200 characters or fewer';
      if (!facilitators.some((f) => f.id === input.facilitatorId)) errors.facilitatorId = 'Select the volunteer who facilitates the session';
      if (input.places === null || !Number.isInteger(input.places) || input.places < 1 || input.places > 50) errors.places = 'Enter the number of places as a whole number from 1 to 50';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('restorative_session').values({
          service_id: actor.grant.serviceId!, intervention_id: input.interventionId, starts_at: input.startsAt!, place, facilitator_id: input.facilitatorId,
          places: input.places!, created_by: actor.userId, created_at: now, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, { action: 'restorative_session.created', subjectType: 'restorative_session', subjectId: row.id, detail: { interventionId: input.interventionId, startsAt: input.startsAt!.toISOString() } }, trx);
        return row.id;
      });
    },

    /** A session with the people booked and their attendance (for the team); the read is audited. */
    async get(actor: Actor, sessionId: string, origin: RequestOrigin): Promise<{ session: SessionSummary; bookings: SessionBooking[] }> {
      const s = await sessionOf(actor, sessionId);
      const session = toSummary(await summaries(s.service_id).where('s.id', '=', s.id).executeTakeFirstOrThrow());
      const rows = await db
        .selectFrom('restorative_booking as b')
        .innerJoin('person as p', 'p.id', 'b.person_id')
        .select(['b.id', 'b.case_id', 'p.given_name', 'p.family_name', 'b.attendance'])
        .where('b.session_id', '=', s.id)
        .orderBy('p.family_name').orderBy('p.given_name')
        .execute();
      await audit.record({ actor }, origin, { action: 'restorative_session.viewed', subjectType: 'restorative_session', subjectId: s.id, detail: { people: rows.length } });
      return { session, bookings: rows.map((r) => ({ bookingId: r.id, caseId: r.case_id, personName: `${r.given_name} ${r.family_name}`, attendance: r.attendance })) };
    },

    /** The case's restorative plan interventions with any session they are booked on. */
    async forCase(actor: Actor, caseId: string) {
      const c = await cases.get(actor, caseId);
      return db
        .selectFrom('plan_intervention as pi')
        .innerJoin('intervention as i', 'i.id', 'pi.intervention_id')
        .leftJoin('restorative_booking as b', 'b.plan_intervention_id', 'pi.id')
        .leftJoin('restorative_session as s', 's.id', 'b.session_id')
        .select(['pi.id', 'pi.intervention_id', 'i.name as intervention_name', 'pi.intervention_status', 'b.id as booking_id', 'b.attendance', 's.id as session_id', 's.starts_at', 's.place'])
        .where('pi.case_id', '=', c.id)
        .where('i.is_restorative', '=', true)
        .orderBy('pi.added_at').orderBy('s.starts_at')
        .execute();
    },

    /** Books the person onto a session from their plan; the plan intervention becomes booked. */
    async book(actor: Actor, caseId: string, planInterventionId: string, sessionId: string, origin: RequestOrigin): Promise<string> {
      const c = await cases.get(actor, caseId);
      const pi = isUuid(planInterventionId)
        ? await db.selectFrom('plan_intervention').selectAll().where('id', '=', planInterventionId).where('case_id', '=', c.id).executeTakeFirst()
        : undefined;
      if (!pi) throw new NotFoundError('plan intervention');
      if (!isUuid(sessionId)) throw new ValidationError({ [`session-${pi.id}`]: 'Select a session to book onto' });
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        // Lock the session so two bookings cannot both take its last place.
        const s = await trx.selectFrom('restorative_session').selectAll().where('id', '=', sessionId).where('service_id', '=', c.service_id).forUpdate().executeTakeFirst();
        if (!s) throw new ValidationError({ [`session-${pi.id}`]: 'Select a session to book onto' });
        const booked = await trx.selectFrom('restorative_booking').select(['case_id']).where('session_id', '=', s.id).execute();
        const problem = bookingProblem(
          { interventionId: s.intervention_id, startsAt: s.starts_at, places: s.places, booked: booked.length },
          { caseOpen: c.case_status !== 'closed', planIntervention: { interventionId: pi.intervention_id, status: pi.intervention_status }, alreadyOnSession: booked.some((b) => b.case_id === c.id) },
          now,
        );
        if (problem) throw new ValidationError({ [`session-${pi.id}`]: problem });
        const row = await trx.insertInto('restorative_booking').values({
          service_id: c.service_id, session_id: s.id, case_id: c.id, person_id: c.person_id, plan_intervention_id: pi.id, booked_by: actor.userId, booked_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await trx.updateTable('plan_intervention').set({ intervention_status: 'booked' }).where('id', '=', pi.id).execute();
        await audit.record({ actor }, origin, { action: 'restorative_session.booked', subjectType: 'restorative_booking', subjectId: row.id, personId: c.person_id, detail: { caseId: c.id, sessionId: s.id, planInterventionId: pi.id } }, trx);
        return row.id;
      });
    },

    /** The sessions the actor facilitates: upcoming first, then the latest past ones. */
    async forFacilitator(actor: Actor): Promise<SessionSummary[]> {
      const rows = await summaries(actor.grant.serviceId ?? '').where('s.facilitator_id', '=', actor.userId).orderBy('s.starts_at', 'desc').limit(100).execute();
      const now = clock.now().getTime();
      const all = rows.map(toSummary);
      return [...all.filter((s) => s.startsAt.getTime() > now).reverse(), ...all.filter((s) => s.startsAt.getTime() <= now)];
    },

    /** The facilitator's attendance sheet: names and attendance only; the read is audited. */
    async attendanceSheet(actor: Actor, sessionId: string, origin: RequestOrigin): Promise<{ session: SessionSummary; people: AttendanceLine[] }> {
      const s = await facilitatedBy(actor, sessionId);
      const session = toSummary(await summaries(s.service_id).where('s.id', '=', s.id).executeTakeFirstOrThrow());
      const people = await attendanceLines(s.id);
      await audit.record({ actor }, origin, { action: 'restorative_session.attendance_viewed', subjectType: 'restorative_session', subjectId: s.id, detail: { people: people.length } });
      return { session, people };
    },

    /** Records attended or did not attend for every person booked, once the session has started. */
    async recordAttendance(actor: Actor, sessionId: string, entries: AttendanceEntry[], origin: RequestOrigin): Promise<void> {
      const s = await facilitatedBy(actor, sessionId);
      const timing = attendanceTimingProblem(s.starts_at, clock.now());
      if (timing) throw new ValidationError({ form: timing });
      const people = await attendanceLines(s.id);
      const chosen = new Map(entries.map((e) => [e.bookingId, e.attendance]));
      const errors: FieldErrors = {};
      for (const p of people) if (!chosen.get(p.bookingId)) errors[`attendance-${p.bookingId}`] = `Select whether ${p.name} attended`;
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        for (const p of people) {
          const attendance = chosen.get(p.bookingId)!;
          const b = await trx.updateTable('restorative_booking').set({ attendance, attendance_recorded_by: actor.userId, attendance_recorded_at: now })
            .where('id', '=', p.bookingId).returning(['plan_intervention_id', 'person_id', 'case_id']).executeTakeFirstOrThrow();
          await trx.updateTable('plan_intervention').set({ intervention_status: planStatusAfter(attendance) }).where('id', '=', b.plan_intervention_id).execute();
          await audit.record({ actor }, origin, { action: 'restorative_session.attendance_recorded', subjectType: 'restorative_booking', subjectId: p.bookingId, personId: b.person_id, detail: { sessionId: s.id, caseId: b.case_id, attendance } }, trx);
        }
      });
    },
  };
}

export type RestorativeSessions = ReturnType<typeof createRestorativeSessions>;
