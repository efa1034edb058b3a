// Keeping the plan on course: record a review, ask for an extension, and (team managers) decide on one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDateParts } from '../../../domain/age.js';
import { londonDate } from '../../../domain/london-time.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import { reviewAsSeen } from '../../../services/cases/plan-reviews.js';
import { ConflictError, ValidationError } from '../../../services/errors.js';
import { dateBoxes, errorSummary, formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictErrors, conflictView } from '../../version-conflict.js';
import { caseContext } from './case-context.js';
import { caseTeam, type CaseParams } from './case-page.js';

type ReviewParams = CaseParams & { reviewId: string };
type DecisionParams = CaseParams & { extensionId: string };
const managers = { access: { roles: ['team_manager'] } } as const;

/** The questions of the form recording a review. */
const REVIEW_FIELDS: readonly LabelledField[] = [
  { name: 'completedOn', label: 'Date of the review', kind: 'date' },
  { name: 'notes', label: 'Notes of the review' },
];

/** A date from the boxes, or the reason it is not one (blank boxes are "not a date" too: these dates are required). */
function dateFrom(fields: Record<string, string>, prefix: string, label: string): { date: string; error: string | null } {
  const parsed = parseDateParts(fields[`${prefix}-day`] ?? '', fields[`${prefix}-month`] ?? '', fields[`${prefix}-year`] ?? '', label);
  return parsed.ok ? { date: parsed.date, error: null } : { date: 'not-a-date', error: parsed.error };
}

export async function planReviewRoutes(app: FastifyInstance) {
  const { services } = app;
  const today = () => londonDate(services.clock.now());

  async function page(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, template: string, context: Record<string, unknown>) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'plan');
    return reply.page(template, { ...caseContext(h, services.clock.now(), 'plan'), backHref: `/cases/${h.caseEpisode.id}/plan`, ...context });
  }

  /** Runs a save; re-shows the form with its errors (and the user's input) or a conflict message. */
  async function saveOr(
    request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, template: string, context: Record<string, unknown>, dateErrors: Record<string, string>, save: () => Promise<string>,
    onConflict?: () => Promise<unknown>,
  ) {
    try {
      return reply.redirect(await save(), 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = { ...error.fieldErrors };
        for (const [k, v] of Object.entries(dateErrors)) if (errors[k]) errors[k] = v;
        const ids = Object.fromEntries(Object.keys(errors).map((k) => [k, k === 'completedOn' || k === 'newEndOn' ? `${k}-day` : k === 'form' ? 'main-form' : k]));
        return page(request, reply.code(400), template, { ...context, errors, errorList: errorSummary(errors, ids) });
      }
      if (error instanceof ConflictError) {
        if (onConflict) return onConflict();
        return page(request, reply.code(409), template, { ...context, errors: { form: error.message }, errorList: [{ text: `${error.message} Go back to the plan to see it.`, href: '#main-form' }] });
      }
      throw error;
    }
  }

  app.get<{ Params: ReviewParams }>('/cases/:caseId/plan/reviews/:reviewId', { config: caseTeam }, async (request, reply) => {
    const review = await services.supportPlans.review(requireActor(request), request.params.caseId, request.params.reviewId);
    return page(request, reply, 'pages/cases/plan-review.njk', { title: 'Record the review', review, values: { ...dateBoxes('completedOn', today()), notes: '' } });
  });

  app.post<{ Params: ReviewParams }>('/cases/:caseId/plan/reviews/:reviewId', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId, reviewId } = request.params;
    const review = await services.supportPlans.review(actor, caseId, reviewId);
    const fields = formFields(request);
    const done = dateFrom(fields, 'completedOn', 'The date of the review');
    return saveOr(request, reply, 'pages/cases/plan-review.njk', { title: 'Record the review', review, values: fields }, done.error ? { completedOn: done.error } : {}, async () => {
      await services.supportPlans.recordReview(actor, caseId, reviewId, { completedOn: done.date, notes: fields.notes ?? '', was: fields.was ?? '' }, originOf(request));
      return `/cases/${caseId}/plan?saved=review#plan-reviews`;
    }, async () => {
      // Someone else recorded the review first: their record beside this one, which stays in the form to replace theirs.
      const latest = await services.supportPlans.review(actor, caseId, reviewId);
      const theirs = { ...(latest.completed_on ? dateBoxes('completedOn', latest.completed_on) : {}), notes: latest.notes };
      const conflict = conflictView(REVIEW_FIELDS, theirs, fields);
      const message = 'Someone else recorded this review while you were writing it. Your review is below and has not been saved: check theirs and save again to replace it.';
      return page(request, reply.code(409), 'pages/cases/plan-review.njk', {
        title: 'Record the review', review: latest, values: { ...fields, was: reviewAsSeen(latest) }, conflict, ...conflictErrors(message),
      });
    });
  });

  app.get<{ Params: CaseParams }>('/cases/:caseId/plan/extension', { config: caseTeam }, async (request, reply) => {
    return page(request, reply, 'pages/cases/plan-extension.njk', { title: 'Ask for an extension', values: { reason: '' } });
  });

  app.post<{ Params: CaseParams }>('/cases/:caseId/plan/extension', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId } = request.params;
    const fields = formFields(request);
    const end = dateFrom(fields, 'newEndOn', 'The new end date');
    return saveOr(request, reply, 'pages/cases/plan-extension.njk', { title: 'Ask for an extension', values: fields }, end.error ? { newEndOn: end.error } : {}, async () => {
      await services.supportPlans.requestExtension(actor, caseId, { reason: fields.reason ?? '', newEndOn: end.date }, originOf(request));
      return `/cases/${caseId}/plan?saved=extension#plan-extensions`;
    });
  });

  app.post<{ Params: DecisionParams }>('/cases/:caseId/plan/extensions/:extensionId/decision', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const decision = formFields(request).decision;
    if (decision !== 'approved' && decision !== 'refused') throw new ValidationError({ decision: 'Select approve or refuse' });
    const { caseId } = await services.supportPlans.decideExtension(actor, request.params.extensionId, decision, originOf(request));
    return reply.redirect(`/cases/${caseId}/plan?saved=${decision}#plan-extensions`, 303);
  });
}
