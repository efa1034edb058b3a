// The full assessment of a case: start it from the screen, save a draft, complete it, read it; open a linked case for a family member.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ASSESSMENT_DOMAINS, FAMILY_OFFERS, FAMILY_OFFER_LABELS, NEED_LEVELS, NEED_LEVEL_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS,
  SAFEGUARDING_CONCERNS, SAFEGUARDING_CONCERN_LABELS, concernsWithoutAction,
} from '../../../domain/assessment-form.js';
import { DOMAIN_FINDING_LABELS, VULNERABILITY_DOMAIN_LABELS, isDomainFinding } from '../../../domain/vulnerability-domains.js';
import type { AssessmentRow } from '../../../db/schema.js';
import { draftOf, OpenCaseExistsError } from '../../../services/cases/assessments.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { caseContext } from './case-context.js';
import { caseTeam, type CaseParams } from './case-page.js';
import { conflictErrors, conflictView } from '../../version-conflict.js';
import { ASSESSMENT_LABELS, assessmentFields, draftFrom, familyOfferQuestion, valuesOf } from './assessment-fields.js';

/** The answers of a completed assessment that the amendments page corrects. */
export const CORRECTABLE_FIELDS = ['strengths', 'risk_level', 'risk_to_self', 'risk_to_others'] as const;

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, text: labels[value] }));

/** `conflictWith`: the latest saved assessment, when the user's save was refused because someone else saved first. */
type Extra = { values?: Record<string, string>; errors?: FieldErrors; errorList?: Array<{ text: string; href: string }>; conflictWith?: AssessmentRow; status?: number };

export async function assessmentRoutes(app: FastifyInstance) {
  const { services } = app;

  /** The assessment page in whichever state it is: not started, a draft being written, or completed (read-only). */
  async function render(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, extra: Extra = {}) {
    const actor = requireActor(request);
    const h = await services.cases.header(actor, request.params.caseId);
    const v = await services.assessments.view(actor, h.caseEpisode.id, originOf(request));
    const query = request.query as Record<string, string | undefined>;
    const a: AssessmentRow | null = v.assessment;
    const base = `/cases/${h.caseEpisode.id}`;
    const domains = ASSESSMENT_DOMAINS.map((domain) => {
      const screened = v.screenFindings[domain];
      const answer = a ? draftOf(a).needs[domain] : undefined;
      return {
        domain,
        label: VULNERABILITY_DOMAIN_LABELS[domain],
        screened: screened && isDomainFinding(screened.finding) && screened.finding !== 'not_asked' ? { text: DOMAIN_FINDING_LABELS[screened.finding], notes: screened.notes } : null,
        answer: answer ? { ...answer, needLabel: answer.need ? NEED_LEVEL_LABELS[answer.need] : 'Not graded' } : null,
      };
    });
    const draft = a ? draftOf(a) : null;
    const opened = query.opened ? v.family.find((f) => f.openCaseId === query.opened) ?? null : null;
    const template = !a ? 'pages/cases/assessment-start.njk' : a.assessment_status === 'completed' ? 'pages/cases/assessment-completed.njk' : 'pages/cases/assessment.njk';
    const values = extra.values ?? (draft && a ? valuesOf(draft, a.version) : {});
    const latest = extra.conflictWith;
    const conflict = latest
      ? (() => {
          const theirs = valuesOf(draftOf(latest), latest.version);
          const rows = Math.max(draftOf(latest).safeguarding.length, Number(values.safeguardingRows ?? 0));
          return conflictView(assessmentFields(rows, v.family), theirs, values, latest.updated_at);
        })()
      : null;
    return reply.code(extra.status ?? 200).page(template, {
      title: `Assessment: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'assessment'),
      assessment: a,
      assessorName: v.assessorName,
      draft,
      domains,
      family: v.family.map((f) => {
        const entry = draft?.family.find((e) => e.personId === f.personId);
        return { ...f, offerLabel: entry?.offerSupport ? FAMILY_OFFER_LABELS[entry.offerSupport] : 'Not answered', offerQuestion: familyOfferQuestion(f.givenName), notes: entry?.notes ?? '' };
      }),
      safeguarding: (draft?.safeguarding ?? []).map((s) => ({ ...s, concernLabel: s.concern ? SAFEGUARDING_CONCERN_LABELS[s.concern] : 'Not said' })),
      concernsWithoutAction: draft ? concernsWithoutAction(draft.safeguarding) : 0,
      riskLevelLabel: a?.risk_level ? RISK_LEVEL_LABELS[a.risk_level] : 'Not given',
      corrections: a ? Object.fromEntries(CORRECTABLE_FIELDS.map((f) => [f, `${base}/corrections/assessment/${a.id}/${f}`])) : {},
      values,
      safeguardingRows: Number(values.safeguardingRows ?? 2),
      needLevels: options(NEED_LEVELS, NEED_LEVEL_LABELS),
      riskLevels: options(RISK_LEVELS, RISK_LEVEL_LABELS),
      concernKinds: options(SAFEGUARDING_CONCERNS, SAFEGUARDING_CONCERN_LABELS),
      familyOffers: options(FAMILY_OFFERS, FAMILY_OFFER_LABELS),
      saved: query.saved ?? null,
      opened,
      mayStart: h.caseEpisode.case_status !== 'closed',
      errors: extra.errors,
      errorList: extra.errorList,
      labels: ASSESSMENT_LABELS,
      conflict,
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/assessment', { config: caseTeam }, async (request, reply) => render(request, reply));

  app.post<{ Params: CaseParams }>('/cases/:caseId/assessment/start', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    try {
      await services.assessments.start(actor, request.params.caseId, originOf(request));
    } catch (error) {
      if (error instanceof ValidationError) return render(request, reply, { status: 400, errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors, { form: 'assessment-start' }) });
      throw error;
    }
    return reply.redirect(`/cases/${request.params.caseId}/assessment?saved=started`, 303);
  });

  app.post<{ Params: CaseParams }>('/cases/:caseId/assessment', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseEpisode, assessment } = await services.assessments.forCase(actor, request.params.caseId);
    if (!assessment) return reply.redirect(`/cases/${caseEpisode.id}/assessment`, 303);
    const family = await services.assessments.familyOf(caseEpisode.service_id, caseEpisode.person_id);
    const fields = formFields(request);
    const completing = fields.action === 'complete';
    const input = draftFrom(fields, family.map((f) => f.personId));
    const version = versionField(fields);
    try {
      if (version === null) throw new ConflictError(assessment);
      await services.assessments.save(actor, caseEpisode.id, version, input, completing, originOf(request));
      return reply.redirect(`/cases/${caseEpisode.id}/assessment?saved=${completing ? 'completed' : 'draft'}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return render(request, reply, { status: 400, values: valuesOf(input, version ?? assessment.version), errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors, { form: 'assessment-form', family: 'family' }) });
      }
      if (error instanceof ConflictError) {
        const latest = error.current as AssessmentRow;
        const message = 'Someone else saved this assessment while you were working on it. Your answers are below and have not been saved: check them against the latest assessment and save again.';
        return render(request, reply, { status: 409, values: valuesOf(input, latest.version), conflictWith: latest, ...conflictErrors(message) });
      }
      throw error;
    }
  });

  app.post<{ Params: CaseParams & { personId: string } }>('/cases/:caseId/assessment/family/:personId/linked-case', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    try {
      const newCaseId = await services.assessments.openLinkedCase(actor, request.params.caseId, request.params.personId, originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/assessment?opened=${newCaseId}`, 303);
    } catch (error) {
      if (error instanceof OpenCaseExistsError) {
        const message = `${error.current.name} already has an open case: work with them in that case rather than opening another`;
        return render(request, reply, { status: 409, errors: { linkedCase: message }, errorList: [{ text: message, href: `/cases/${error.current.caseId}` }] });
      }
      throw error;
    }
  });
}
