// Closing a case, a team manager's sign-off of a closure, the follow-up after closure, and the follow-up setting.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLOSURE_REASONS, CLOSURE_REASON_LABELS, EXIT_STATUSES, EXIT_STATUS_LABELS, FOLLOW_UP_ANSWERS, FOLLOW_UP_ANSWER_LABELS, type ClosureForm, type FollowUpForm } from '../../../domain/closure.js';
import { londonDate } from '../../../domain/london-time.js';
import { ONWARD_REFERRAL_STATE_LABELS } from '../../../domain/onward-referral-state.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { caseContext } from './case-context.js';
import { caseTeam, type CaseParams } from './case-page.js';

const managerOnly = { access: { roles: ['team_manager'] } } as const;

const choices = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, text: labels[value] }));

/** The date boxes of `prefix` as a YYYY-MM-DD date's parts, for pre-filling. */
const dateParts = (prefix: string, date: string): Record<string, string> => ({
  [`${prefix}-day`]: String(Number(date.slice(8, 10))), [`${prefix}-month`]: String(Number(date.slice(5, 7))), [`${prefix}-year`]: date.slice(0, 4),
});

const prefixed = (fields: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));

const datePartsOf = (fields: Record<string, string>, prefix: string) => ({ day: fields[`${prefix}-day`] ?? '', month: fields[`${prefix}-month`] ?? '', year: fields[`${prefix}-year`] ?? '' });

export async function closureRoutes(app: FastifyInstance) {
  const { services } = app;

  type Extra = { values?: Record<string, string>; errors?: FieldErrors; saved?: string | null };

  async function render(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, extra: Extra = {}) {
    const actor = requireActor(request);
    const o = await services.closures.overview(actor, request.params.caseId, originOf(request));
    const c = o.header.caseEpisode;
    const now = services.clock.now();
    const today = londonDate(now);
    const values = extra.values ?? { ...dateParts('closedOn', today), ...dateParts('followedUpOn', today), version: String(c.version) };
    return reply.page('pages/cases/closure.njk', {
      title: `Closure: ${o.header.person.given_name} ${o.header.person.family_name}`,
      ...caseContext(o.header, now, 'closure'),
      o,
      values,
      errors: extra.errors ?? null,
      errorList: errorSummary(extra.errors),
      saved: extra.saved ?? null,
      isManager: actor.grant.role === 'team_manager',
      reasons: choices(CLOSURE_REASONS, CLOSURE_REASON_LABELS),
      reasonLabels: CLOSURE_REASON_LABELS,
      exitStatuses: choices(EXIT_STATUSES, EXIT_STATUS_LABELS),
      exitStatusLabels: EXIT_STATUS_LABELS,
      stateLabels: ONWARD_REFERRAL_STATE_LABELS,
      answers: choices(FOLLOW_UP_ANSWERS, FOLLOW_UP_ANSWER_LABELS),
      answerLabels: FOLLOW_UP_ANSWER_LABELS,
    });
  }

  /** Shows a validation or conflict error on the closure page, keeping what was typed. */
  async function refused(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, fields: Record<string, string>, error: unknown) {
    if (error instanceof ValidationError) return render(request, reply.code(400), { values: fields, errors: error.fieldErrors });
    if (error instanceof ConflictError) {
      const latest = error.current as { version?: number } | null;
      const message = `${error.message} Your answers are below and have not been saved: check the case and try again.`;
      return render(request, reply.code(409), { values: { ...fields, version: String(latest?.version ?? fields.version) }, errors: { form: message } });
    }
    throw error;
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/closure', { config: caseTeam }, async (request, reply) => {
    const saved = (request.query as Record<string, string | undefined>).saved ?? null;
    return render(request, reply, { saved });
  });

  app.post<{ Params: CaseParams }>('/cases/:caseId/closure', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const form: ClosureForm = { reason: fields.reason ?? '', details: fields.details ?? '', closedOn: datePartsOf(fields, 'closedOn'), exitSummary: fields.exitSummary ?? '', exitStatuses: prefixed(fields, 'exit-') };
    try {
      const version = versionField(fields);
      if (version === null) throw new ValidationError({ form: 'The form was incomplete: reload the page and try again' });
      const outcome = await services.closures.close(actor, request.params.caseId, version, form, originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/closure?saved=${outcome === 'closed' ? 'closed' : 'requested'}`, 303);
    } catch (error) {
      return refused(request, reply, fields, error);
    }
  });

  app.post<{ Params: CaseParams }>('/cases/:caseId/closure/sign-off', { config: managerOnly }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    try {
      const version = versionField(fields);
      const decision = fields.decision;
      if (version === null) throw new ValidationError({ form: 'The form was incomplete: reload the page and try again' });
      if (decision !== 'approve' && decision !== 'send_back') throw new ValidationError({ decision: 'Select whether you sign off the closure or send it back' });
      await services.closures.signOff(actor, request.params.caseId, version, decision, fields.note ?? '', originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/closure?saved=${decision === 'approve' ? 'signed-off' : 'sent-back'}`, 303);
    } catch (error) {
      return refused(request, reply, fields, error);
    }
  });

  app.post<{ Params: CaseParams }>('/cases/:caseId/closure/follow-up', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const form: FollowUpForm = { stillEngaged: prefixed(fields, 'engaged-'), newArrest: fields.newArrest ?? '', notes: fields.notes ?? '', followedUpOn: datePartsOf(fields, 'followedUpOn') };
    try {
      await services.closures.recordFollowUp(actor, request.params.caseId, form, originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/closure?saved=followed-up`, 303);
    } catch (error) {
      return refused(request, reply, fields, error);
    }
  });

  const renderSetting = async (request: FastifyRequest, reply: FastifyReply, extra: Extra = {}) => {
    const s = await services.closures.followUpSetting(requireActor(request));
    return reply.page('pages/cases/follow-up-setting.njk', {
      title: 'When follow-ups are due',
      service: s,
      values: extra.values ?? { followUpAfterDays: String(s.follow_up_after_days), version: String(s.version) },
      errors: extra.errors ?? null,
      errorList: errorSummary(extra.errors),
      saved: extra.saved ?? null,
    });
  };

  app.get('/team/follow-up-setting', { config: managerOnly }, async (request, reply) =>
    renderSetting(request, reply, { saved: (request.query as Record<string, string | undefined>).saved ?? null }));

  app.post('/team/follow-up-setting', { config: managerOnly }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    try {
      const version = versionField(fields);
      if (version === null) throw new ValidationError({ form: 'The form was incomplete: reload the page and try again' });
      await services.closures.setFollowUpAfterDays(actor, fields.followUpAfterDays ?? '', version, originOf(request));
      return reply.redirect('/team/follow-up-setting?saved=1', 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderSetting(request, reply.code(400), { values: fields, errors: error.fieldErrors });
      if (error instanceof ConflictError) {
        const latest = error.current as { version: number; follow_up_after_days: number };
        const message = `Someone else changed this setting to ${latest.follow_up_after_days} days while you were editing it. Check the number and save again.`;
        return renderSetting(request, reply.code(409), { values: { ...fields, version: String(latest.version) }, errors: { followUpAfterDays: message } });
      }
      throw error;
    }
  });
}
