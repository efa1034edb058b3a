// The support plan page of a case: goals, exit strategy, interventions and review dates; save as draft, agree, change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDateParts } from '../../../domain/age.js';
import { londonDate } from '../../../domain/london-time.js';
import { OFFENCE_CATEGORY_LABELS, type OffenceCategory } from '../../../domain/referral-vocabulary.js';
import { GOAL_SLOTS, PLAN_INTERVENTION_STATUS_LABELS, PLAN_INTERVENTION_STATUSES, REVIEW_STATUS_LABELS, type PlanDraft } from '../../../domain/support-plan.js';
import { caseEndsOn, reviewDates } from '../../../domain/twelve-week-clock.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import type { SupportPlanRow } from '../../../db/schema.js';
import { ConflictError, ValidationError } from '../../../services/errors.js';
import { errorSummary, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictErrors, conflictView } from '../../version-conflict.js';
import { caseContext } from './case-context.js';
import { caseTeam, type CaseParams } from './case-page.js';
import { planReviewRoutes } from './plan-reviews.js';

const REVIEW_TAGS = { done: 'nhsuk-tag--green', overdue: 'nhsuk-tag--red', due: 'nhsuk-tag--orange', upcoming: 'nhsuk-tag--grey' } as const;
const MAX_REVIEW_SLOTS = 20;
const offenceLabel = (c: string) => OFFENCE_CATEGORY_LABELS[c as OffenceCategory] ?? c;

/** The plan form's questions. */
const PLAN_LABELS = {
  goal: (n: number) => `Goal ${n}`,
  exitStrategy: 'Exit strategy',
  rationale: (intervention: string) => `Why ${intervention} is proportionate to the offence and meets their needs`,
  review: (n: number) => `Review date ${n}`,
};

/** The plan form's questions in its order, for comparing two versions: review dates only where an agreed plan keeps them. */
function planFields(catalogue: ReadonlyArray<{ id: string; name: string }>, reviewSlots: number): LabelledField[] {
  return [
    ...Array.from({ length: GOAL_SLOTS }, (_, i) => ({ name: `goal-${i + 1}`, label: PLAN_LABELS.goal(i + 1) })),
    { name: 'exitStrategy', label: PLAN_LABELS.exitStrategy },
    ...catalogue.flatMap((c) => [
      { name: `intervention-${c.id}`, label: c.name, choices: { yes: 'In the plan' }, blankText: 'Not in the plan' },
      { name: `rationale-${c.id}`, label: PLAN_LABELS.rationale(c.name) },
    ]),
    ...Array.from({ length: reviewSlots }, (_, i) => ({ name: `review${i + 1}`, label: PLAN_LABELS.review(i + 1), kind: 'date' as const })),
  ];
}

/** A posted plan form as the plan keeps it: goals without gaps, a reason only for an intervention chosen. */
function asKept(fields: Record<string, string>): Record<string, string> {
  const kept = { ...fields };
  const goals = Array.from({ length: GOAL_SLOTS }, (_, i) => (fields[`goal-${i + 1}`] ?? '').trim()).filter((g) => g !== '');
  for (let i = 0; i < GOAL_SLOTS; i++) kept[`goal-${i + 1}`] = goals[i] ?? '';
  for (const key of Object.keys(fields)) if (key.startsWith('rationale-') && fields[`intervention-${key.slice('rationale-'.length)}`] !== 'yes') kept[key] = '';
  return kept;
}

/** Splits YYYY-MM-DD into the NHS date input's boxes (posted as prefix[day], read as prefix-day). */
function dateBoxes(prefix: string, date: string | null): Record<string, string> {
  if (!date) return { [`${prefix}-day`]: '', [`${prefix}-month`]: '', [`${prefix}-year`]: '' };
  return { [`${prefix}-day`]: String(Number(date.slice(8, 10))), [`${prefix}-month`]: String(Number(date.slice(5, 7))), [`${prefix}-year`]: date.slice(0, 4) };
}

/** A date from the boxes: null when all are blank, otherwise the date or the reason it is not one. */
function dateFrom(fields: Record<string, string>, prefix: string, label: string): { date: string | null; error?: string } {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => fields[`${prefix}-${p}`] ?? '');
  if (`${d}${m}${y}`.trim() === '') return { date: null };
  const parsed = parseDateParts(d!, m!, y!, label);
  return parsed.ok ? { date: parsed.date } : { date: 'not-a-date', error: parsed.error };
}

/** The form's values from a stored plan. */
function valuesOf(plan: SupportPlanRow | null, interventions: Array<{ interventionId: string; rationale: string }>, openReviews: string[], slots: number): Record<string, string> {
  const values: Record<string, string> = { version: String(plan?.version ?? 0), exitStrategy: plan?.exit_strategy ?? '', reviewSlots: String(slots) };
  (plan?.goals ?? []).forEach((g, i) => { values[`goal-${i + 1}`] = g; });
  for (const i of interventions) {
    values[`intervention-${i.interventionId}`] = 'yes';
    values[`rationale-${i.interventionId}`] = i.rationale;
  }
  for (let n = 1; n <= slots; n++) Object.assign(values, dateBoxes(`review${n}`, openReviews[n - 1] ?? null));
  return values;
}

/** The plan as posted, with the date boxes that could not be read. */
function planFrom(fields: Record<string, string>, catalogueIds: string[]): { input: PlanDraft & { agreedOn: string | null }; dateErrors: Record<string, string> } {
  const dateErrors: Record<string, string> = {};
  const slots = Math.min(Math.max(Number(fields.reviewSlots) || 0, 0), MAX_REVIEW_SLOTS);
  const reviewDates: Array<string | null> = [];
  for (let n = 1; n <= slots; n++) {
    const r = dateFrom(fields, `review${n}`, `Review date ${n}`);
    if (r.error) dateErrors[`review-${n}`] = r.error;
    reviewDates.push(r.date);
  }
  const agreed = dateFrom(fields, 'agreedOn', 'The date the plan was agreed');
  if (agreed.error) dateErrors.agreedOn = agreed.error;
  // Chosen interventions: the catalogue's, plus any id posted that is not in it (refused by the rules, not dropped).
  const posted = Object.keys(fields).filter((k) => k.startsWith('intervention-') && fields[k] === 'yes').map((k) => k.slice('intervention-'.length));
  const ids = [...new Set([...catalogueIds.filter((id) => posted.includes(id)), ...posted])];
  return {
    input: {
      goals: Array.from({ length: GOAL_SLOTS }, (_, i) => fields[`goal-${i + 1}`] ?? ''),
      exitStrategy: fields.exitStrategy ?? '',
      interventions: ids.map((interventionId) => ({ interventionId, rationale: fields[`rationale-${interventionId}`] ?? '' })),
      reviewDates,
      agreedOn: agreed.date,
    },
    dateErrors,
  };
}

/** Error summary links: a date error goes to its day box. */
function errorIds(errors: Record<string, string>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const key of Object.keys(errors)) if (/^review-\d+$/.test(key) || key === 'agreedOn') ids[key] = `${key}-day`;
  ids.form = 'plan-form';
  return ids;
}

export async function supportPlanRoutes(app: FastifyInstance) {
  const { services } = app;

  /** The plan page; with `conflictWith`, `values` is what the user posted and the plan read is the one someone else saved. */
  async function render(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, values: Record<string, string> | null, extra: Record<string, unknown> & { conflictWith?: true } = {}) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'plan');
    const [data, choices] = await Promise.all([services.supportPlans.forCase(actor, h.caseEpisode.id), services.supportPlans.choicesFor(actor, h.caseEpisode.id)]);
    const agreed = data.plan?.plan_status === 'agreed';
    const today = londonDate(services.clock.now());
    const openReviews = data.reviews.filter((r) => r.status !== 'done').map((r) => r.dueOn);
    const slots = agreed ? Math.min(Math.max(openReviews.length + 2, 4), MAX_REVIEW_SLOTS) : 6;
    const formValues = values ?? valuesOf(data.plan, data.interventions, agreed ? openReviews : [], slots);
    const planned = new Set(data.interventions.map((i) => i.interventionId));
    const catalogue = choices
      .filter((e) => e.isActive || planned.has(e.id))
      .sort((a, b) => Number(b.proportionate) - Number(a.proportionate) || a.name.localeCompare(b.name))
      .map((e) => ({
        ...e,
        answers: e.offenceCategories.length === 0 ? 'Meets a need, whatever the offence' : `For: ${e.offenceCategories.map(offenceLabel).join(', ')}${e.proportionate ? '' : `. Does not answer this offence (${offenceLabel(data.offenceCategory)})`}`,
      }));
    const ends = data.plan?.agreed_on ? caseEndsOn(data.plan.agreed_on, h.extensions) : null;
    // A refused save: the plan as now saved beside the form as posted. Review dates count only once the plan is agreed.
    const conflict = values && extra.conflictWith
      ? conflictView(
          planFields(catalogue, agreed ? Math.max(slots, Number(values.reviewSlots) || 0) : 0),
          valuesOf(data.plan, data.interventions, agreed ? openReviews : [], slots),
          asKept(values),
          data.plan?.updated_at ?? null,
        )
      : null;
    const canDecide = actor.grant.role === 'team_manager';
    return reply.page('pages/cases/plan.njk', {
      title: `Support plan: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'plan'),
      plan: data.plan,
      agreed,
      agreedByName: data.agreedByName,
      caseOpen: h.caseEpisode.case_status === 'open',
      offence: offenceLabel(data.offenceCategory),
      values: formValues,
      goalSlots: Array.from({ length: GOAL_SLOTS }, (_, i) => i + 1),
      reviewSlots: Array.from({ length: Number(formValues.reviewSlots) || slots }, (_, i) => i + 1),
      defaultReviewDates: reviewDates(today, caseEndsOn(today, [])),
      catalogue,
      interventions: data.interventions.map((i) => ({ ...i, statusLabel: PLAN_INTERVENTION_STATUS_LABELS[i.status] })),
      statuses: PLAN_INTERVENTION_STATUSES.map((s) => ({ value: s, text: PLAN_INTERVENTION_STATUS_LABELS[s] })),
      reviews: data.reviews.map((r) => ({ ...r, statusLabel: REVIEW_STATUS_LABELS[r.status], tagClass: REVIEW_TAGS[r.status] })),
      extensions: data.extensions,
      pendingExtension: data.extensions.some((e) => e.decision === null),
      endsOn: ends,
      canDecide,
      saved: (request.query as Record<string, string | undefined>).saved ?? null,
      labels: PLAN_LABELS,
      ...extra,
      conflict,
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/plan', { config: caseTeam }, async (request, reply) => render(request, reply, null));

  app.post<{ Params: CaseParams }>('/cases/:caseId/plan', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const caseId = request.params.caseId;
    const fields = formFields(request);
    const choices = await services.supportPlans.choicesFor(actor, caseId);
    const { input, dateErrors } = planFrom(fields, choices.map((c) => c.id));
    const action = fields.action === 'agree' ? 'agree' : 'save';
    try {
      // 0 is the version of a plan not yet written.
      const version = fields.version === '0' ? 0 : versionField(fields);
      if (version === null) throw new ValidationError({ form: 'The form could not be read: open the plan again' });
      if (action === 'agree') await services.supportPlans.agree(actor, caseId, version, input, originOf(request));
      else await services.supportPlans.save(actor, caseId, version, input, originOf(request));
      return reply.redirect(`/cases/${caseId}/plan?saved=${action === 'agree' ? 'agreed' : 'plan'}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        // A date that could not be read says so in its own words.
        const errors = { ...error.fieldErrors };
        for (const [k, v] of Object.entries(dateErrors)) if (errors[k]) errors[k] = v;
        return render(request, reply.code(400), fields, { errors, errorList: errorSummary(errors, errorIds(errors)) });
      }
      if (error instanceof ConflictError) {
        const latest = error.current as SupportPlanRow | null;
        const message = error.message.startsWith('This plan has already been agreed')
          ? 'This plan has already been agreed by someone else. Your changes are below and have not been saved: check them against the agreed plan and save again.'
          : 'Someone else saved this plan while you were working on it. Your changes are below and have not been saved: check them against the latest plan and save again.';
        return render(request, reply.code(409), { ...fields, version: String(latest?.version ?? 0) }, { conflictWith: true, ...conflictErrors(message) });
      }
      throw error;
    }
  });

  app.post<{ Params: CaseParams & { planInterventionId: string } }>('/cases/:caseId/plan/interventions/:planInterventionId/status', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId, planInterventionId } = request.params;
    try {
      await services.supportPlans.setInterventionStatus(actor, caseId, planInterventionId, formFields(request).status ?? '', originOf(request));
    } catch (error) {
      if (error instanceof ValidationError) return render(request as never, reply.code(400), null, { errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) });
      throw error;
    }
    return reply.redirect(`/cases/${caseId}/plan?saved=intervention#plan-interventions`, 303);
  });

  await planReviewRoutes(app);
}
