// The training log: sessions of mental health awareness training given to police and court staff, with
// totals by audience, a date filter, and the form the team records a session with.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import { londonDate } from '../../../domain/london-time.js';
import { TRAINING_AUDIENCES, TRAINING_AUDIENCE_LABELS, type TrainingInput } from '../../../services/justice/training-log.js';
import { ValidationError, type FieldErrors } from '../../../services/errors.js';
import { dateBoxes, errorSummary, formFields, queryFields, readDateBoxes } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';

const trainingReaders = { access: { roles: ['practitioner', 'support_worker', 'team_manager'] } } as const;
const trainingRecorders = { access: { roles: ['practitioner', 'team_manager'] } } as const;

export async function trainingRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/training', { config: trainingReaders }, async (request, reply) => {
    const actor = requireActor(request);
    const query = queryFields(request);
    const errors: FieldErrors = {};
    const fieldIds: Record<string, string> = {};
    const from = readDateBoxes(query, 'from', 'First date', errors, fieldIds, { optional: true });
    const to = readDateBoxes(query, 'to', 'Last date', errors, fieldIds, { optional: true });
    let log: Awaited<ReturnType<typeof services.trainingLog.list>> | null = null;
    if (Object.keys(errors).length === 0) {
      try {
        log = await services.trainingLog.list(actor, { from, to });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        Object.assign(errors, error.fieldErrors);
        for (const key of Object.keys(error.fieldErrors)) fieldIds[key] = `${key}-day`;
      }
    }
    // With a filter that cannot be read, the whole log is shown under the errors.
    const filtered = log !== null && Boolean(from || to);
    log ??= await services.trainingLog.list(actor);
    const saved = query.saved === 'recorded';
    return reply.code(Object.keys(errors).length > 0 ? 400 : 200).page('pages/training/index.njk', {
      title: 'Training log',
      ...log,
      values: query,
      filtered,
      from: filtered ? from : null,
      to: filtered ? to : null,
      mayRecord: actor.grant.role !== 'support_worker',
      saved,
      errors: Object.keys(errors).length > 0 ? errors : null,
      errorList: errorSummary(errors, fieldIds),
    });
  });

  async function renderNew(reply: FastifyReply, actor: Actor, values: Record<string, string>, errors: FieldErrors | null = null, fieldIds: Record<string, string> = {}) {
    const sites = await services.sites.listForService(actor.grant.serviceId ?? '', { activeOnly: true });
    return reply.page('pages/training/new.njk', {
      title: 'Record a training session',
      backHref: '/training',
      values,
      audiences: TRAINING_AUDIENCES.map((a) => ({ value: a, text: TRAINING_AUDIENCE_LABELS[a] })),
      sites: sites.map((s) => ({ value: s.id, text: s.name })),
      errors,
      errorList: errorSummary(errors, { deliveredOn: 'deliveredOn-day', audience: 'audience', ...fieldIds }),
    });
  }

  app.get('/training/new', { config: trainingRecorders }, async (request, reply) => {
    const actor = requireActor(request);
    return renderNew(reply, actor, { ...dateBoxes('deliveredOn', londonDate(services.clock.now())), trainer: actor.displayName });
  });

  app.post('/training/new', { config: trainingRecorders }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const readErrors: FieldErrors = {};
    const fieldIds: Record<string, string> = {};
    const deliveredOn = readDateBoxes(fields, 'deliveredOn', 'Date of the training', readErrors, fieldIds, { optional: true });
    const attendeesText = (fields.attendees ?? '').trim();
    const input: TrainingInput = {
      deliveredOn: deliveredOn ?? '',
      audience: fields.audience ?? '',
      siteId: fields.siteId ? fields.siteId : null,
      topic: fields.topic ?? '',
      attendees: /^\d{1,6}$/.test(attendeesText) ? Number(attendeesText) : null,
      trainer: fields.trainer ?? '',
      notes: fields.notes ?? '',
    };
    if (!deliveredOn && !readErrors.deliveredOn) readErrors.deliveredOn = 'Enter the date of the training';
    try {
      // Boxes that cannot be read reach the service as no date, which it refuses with the other fields' problems.
      await services.trainingLog.record(actor, input, originOf(request));
      return reply.redirect('/training?saved=recorded', 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = { ...error.fieldErrors, ...readErrors };
        return renderNew(reply.code(400), actor, fields, orderErrors(errors), fieldIds);
      }
      throw error;
    }
  });
}

/** The errors in the order of the form's fields, so the summary reads top to bottom. */
function orderErrors(errors: FieldErrors): FieldErrors {
  const order = ['deliveredOn', 'audience', 'siteId', 'topic', 'attendees', 'trainer', 'notes'];
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
}
