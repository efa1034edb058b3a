// Restorative sessions: the service's list, creating one, a session with its people, booking from a case's plan,
// and the volunteer facilitator's own sessions and attendance sheet (names and attendance only).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import { SESSION_ATTENDANCE, SESSION_ATTENDANCE_LABELS, type SessionAttendance } from '../../../domain/restorative-booking.js';
import { ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { caseTeam, type CaseParams } from './case-page.js';
import { renderContactsPage } from './contacts-page.js';
import { readMomentFields } from './moment-field.js';

const sessionTeam = { access: { roles: ['practitioner', 'team_manager', 'support_worker'] } } as const;
const sessionPlanners = { access: { roles: ['practitioner', 'team_manager'] } } as const;
const facilitators = { access: { roles: ['volunteer'] } } as const;
type SessionParams = { sessionId: string };

const attendanceChoices = SESSION_ATTENDANCE.map((a) => ({ value: a, text: SESSION_ATTENDANCE_LABELS[a] }));
const savedOf = (query: unknown) => (query as Record<string, string | undefined>).saved ?? null;

export async function restorativeSessionRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/restorative-sessions', { config: sessionTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { upcoming, past } = await services.restorativeSessions.list(actor);
    return reply.page('pages/restorative-sessions/index.njk', {
      title: 'Restorative sessions', upcoming, past, mayCreate: actor.grant.role !== 'support_worker', saved: savedOf(request.query),
    });
  });

  async function renderNew(reply: FastifyReply, actor: Actor, values: Record<string, string>, errors: FieldErrors | null = null) {
    const choices = await services.restorativeSessions.choices(actor);
    return reply.page('pages/restorative-sessions/new.njk', {
      title: 'Create a restorative session', ...choices, values, errors, errorList: errorSummary(errors), backHref: '/restorative-sessions',
    });
  }

  app.get('/restorative-sessions/new', { config: sessionPlanners }, async (request, reply) => renderNew(reply, requireActor(request), { places: '8' }));

  app.post('/restorative-sessions', { config: sessionPlanners }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const readErrors: FieldErrors = {};
    const startsAt = readMomentFields(fields, 'starts', 'the session', readErrors);
    const places = /^\s*\d+\s*$/.test(fields.places ?? '') ? Number(fields.places) : null;
    try {
      // A date or time that cannot be read reaches the service as no date: its problems replace the service's "enter the date".
      const id = await services.restorativeSessions.create(actor, { interventionId: fields.interventionId ?? '', startsAt, place: fields.place ?? '', facilitatorId: fields.facilitatorId ?? '', places }, originOf(request));
      return reply.redirect(`/restorative-sessions/${id}?saved=created`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = { ...error.fieldErrors };
        if (Object.keys(readErrors).length > 0) delete errors['startsDate-day'];
        return renderNew(reply.code(400), actor, fields, { ...readErrors, ...errors });
      }
      throw error;
    }
  });

  app.get('/restorative-sessions/facilitating', { config: facilitators }, async (request, reply) => {
    const actor = requireActor(request);
    const sessions = await services.restorativeSessions.forFacilitator(actor);
    const now = services.clock.now().getTime();
    return reply.page('pages/restorative-sessions/facilitating.njk', {
      title: 'Your sessions', sessions: sessions.map((s) => ({ ...s, started: s.startsAt.getTime() <= now })), saved: savedOf(request.query),
    });
  });

  app.get<{ Params: SessionParams }>('/restorative-sessions/:sessionId', { config: sessionTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { session, bookings } = await services.restorativeSessions.get(actor, request.params.sessionId, originOf(request));
    return reply.page('pages/restorative-sessions/show.njk', {
      title: `Session: ${session.interventionName}`, rs: session, backHref: '/restorative-sessions', saved: savedOf(request.query),
      bookings: bookings.map((b) => ({ ...b, attendanceLabel: b.attendance ? SESSION_ATTENDANCE_LABELS[b.attendance] : 'Not recorded yet' })),
    });
  });

  async function renderAttendance(reply: FastifyReply, actor: Actor, sessionId: string, origin: ReturnType<typeof originOf>, values: Record<string, string> | null, errors: FieldErrors | null = null) {
    const { session, people } = await services.restorativeSessions.attendanceSheet(actor, sessionId, origin);
    const ids: Record<string, string> = {};
    for (const key of Object.keys(errors ?? {})) if (key === 'form') ids[key] = 'attendance-form';
    return reply.page('pages/restorative-sessions/attendance.njk', {
      title: `Attendance: ${session.interventionName}`, rs: session, people, choices: attendanceChoices,
      started: session.startsAt.getTime() <= services.clock.now().getTime(),
      values: values ?? Object.fromEntries(people.map((p) => [`attendance-${p.bookingId}`, p.attendance ?? ''])),
      errors, errorList: errorSummary(errors, ids), backHref: '/restorative-sessions/facilitating',
    });
  }

  app.get<{ Params: SessionParams }>('/restorative-sessions/:sessionId/attendance', { config: facilitators }, async (request, reply) =>
    renderAttendance(reply, requireActor(request), request.params.sessionId, originOf(request), null));

  app.post<{ Params: SessionParams }>('/restorative-sessions/:sessionId/attendance', { config: facilitators }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const entries = Object.entries(fields)
      .filter(([key]) => key.startsWith('attendance-'))
      .map(([key, value]) => ({ bookingId: key.slice('attendance-'.length), attendance: (SESSION_ATTENDANCE as readonly string[]).includes(value) ? (value as SessionAttendance) : null }));
    try {
      await services.restorativeSessions.recordAttendance(actor, request.params.sessionId, entries, originOf(request));
      return reply.redirect('/restorative-sessions/facilitating?saved=attendance', 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderAttendance(reply.code(400), actor, request.params.sessionId, originOf(request), fields, error.fieldErrors);
      throw error;
    }
  });

  // Booking a person onto a session from their plan: the form sits on the case's contacts page.
  app.post<{ Params: CaseParams }>('/cases/:caseId/restorative-bookings', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const planInterventionId = fields.planInterventionId ?? '';
    try {
      await services.restorativeSessions.book(actor, request.params.caseId, planInterventionId, fields.sessionId ?? '', originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/contacts?saved=session#restorative`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return renderContactsPage(services, request, reply.code(400), actor, request.params.caseId, { values: { [`session-${planInterventionId}`]: fields.sessionId ?? '' }, errors: error.fieldErrors });
      }
      throw error;
    }
  });
}
