// Closing a case, a team manager's sign-off of a closure, the follow-up after closure, and the follow-up setting.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLOSURE_REASONS, CLOSURE_REASON_LABELS, EXIT_STATUSES, EXIT_STATUS_LABELS, FOLLOW_UP_ANSWERS, FOLLOW_UP_ANSWER_LABELS, type ClosureForm, type FollowUpForm } from '../../../domain/closure.js';
import { londonDate } from '../../../domain/london-time.js';
import { ONWARD_REFERRAL_STATE_LABELS } from '../../../domain/onward-referral-state.js';
import type { CaseEpisodeRow } from '../../../db/schema.js';
import { answerAsShown, type FormValues, type LabelledField } from '../../../domain/version-differences.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictErrors, conflictView, type ConflictView, WHAT_CHANGED } from '../../version-conflict.js';
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

/** The one question of the follow-up setting. */
const SETTING_FIELDS: readonly LabelledField[] = [{ name: 'followUpAfterDays', label: 'Days after closure' }];

type ExitReferral = { id: string; partner_name: string; exit_status: string | null; needsExitStatus: boolean };

/** The questions of the closure form: the closure itself, then where the person stands with each referral still open. */
function closureFields(referrals: readonly ExitReferral[]): LabelledField[] {
  return [
    { name: 'reason', label: 'Reason for closure', choices: CLOSURE_REASON_LABELS },
    { name: 'details', label: 'Why is the case closing?' },
    { name: 'closedOn', label: 'Closure date', kind: 'date' },
    { name: 'exitSummary', label: 'Exit summary' },
    ...referrals.filter((r) => r.needsExitStatus).map((r) => ({ name: `exit-${r.id}`, label: `Where does the person stand with ${r.partner_name}?`, choices: EXIT_STATUS_LABELS })),
  ];
}

/** The closure as the case holds it, in the closure form's names. */
function closureAsSaved(c: CaseEpisodeRow, referrals: readonly ExitReferral[]): FormValues {
  return {
    reason: c.closure_reason, details: c.closure_details, ...(c.closed_on ? dateParts('closedOn', c.closed_on) : {}), exitSummary: c.exit_summary,
    ...Object.fromEntries(referrals.map((r) => [`exit-${r.id}`, r.exit_status])),
  };
}

/** Why the closure or sign-off form could not be saved, for the page to say what happened and what to do now. */
type Refusal = { form: 'closure' | 'sign-off'; fields: Record<string, string> };

export async function closureRoutes(app: FastifyInstance) {
  const { services } = app;

  type Extra = { values?: Record<string, string>; errors?: FieldErrors; saved?: string | null; refused?: Refusal };

  async function render(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, extra: Extra = {}) {
    const actor = requireActor(request);
    const o = await services.closures.overview(actor, request.params.caseId, originOf(request));
    const c = o.header.caseEpisode;
    const now = services.clock.now();
    const today = londonDate(now);
    const fresh = { ...dateParts('closedOn', today), ...dateParts('followedUpOn', today), version: String(c.version) };
    let values = extra.values ?? fresh;
    let errors = extra.errors ?? null;
    let errorList = errorSummary(extra.errors);
    let conflict: ConflictView | null = null;
    let unsaved: { reason: string; details: string; closedOn: string; exitSummary: string } | null = null;
    if (extra.refused) {
      // Someone else saved the case since the form was read: the page says what they did and keeps what this user typed.
      const { form, fields } = extra.refused;
      const questions = closureFields(o.referrals);
      let message: string;
      if (form === 'closure' && c.case_status === 'open') {
        message = 'Someone else changed this record while you were editing it. Your answers are below and have not been saved: check what changed and save again.';
        conflict = conflictView(questions, closureAsSaved(c, o.referrals), fields, c.updated_at);
        values = { ...fields, version: String(c.version) };
      } else if (form === 'closure') {
        message = c.case_status === 'closed'
          ? 'Someone else closed this case while you were working on it, so your closure has not been saved. What they recorded is below, with your answers after it: use Correct to change what they recorded.'
          : 'Someone else asked for this case to be closed while you were working on it, so your closure has not been saved. It now waits for a team manager\'s sign-off: what they recorded is below, with your answers after it.';
        const typed = (name: string) => answerAsShown(questions.find((q) => q.name === name)!, fields);
        unsaved = {
          reason: typed('reason'),
          details: (fields.details ?? '').trim(),
          closedOn: typed('closedOn'),
          exitSummary: (fields.exitSummary ?? '').trim(),
        };
        values = fresh;
      } else if (c.case_status === 'closure_requested') {
        message = 'Someone else changed this case while you were deciding on its closure. Your decision is below and has not been saved: check the closure and save your decision again.';
        values = { ...fields, version: String(c.version) };
      } else {
        message = c.case_status === 'closed'
          ? 'Another team manager signed off this closure while you were deciding on it: the case is closed. Your decision has not been saved.'
          : 'This closure was sent back while you were deciding on it: the case is open again. Your decision has not been saved.';
        values = fresh;
      }
      errors = { form: message };
      errorList = [{ text: message, href: conflict ? WHAT_CHANGED : '#form' }];
    }
    return reply.page('pages/cases/closure.njk', {
      title: `Closure: ${o.header.person.given_name} ${o.header.person.family_name}`,
      ...caseContext(o.header, now, 'closure'),
      o,
      values,
      errors,
      errorList,
      conflict,
      unsaved,
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

  /** Shows a validation error, or a save refused because someone else saved first, on the closure page, keeping what was typed. */
  async function refused(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, form: Refusal['form'] | null, fields: Record<string, string>, error: unknown) {
    if (error instanceof ValidationError) return render(request, reply.code(400), { values: fields, errors: error.fieldErrors });
    if (error instanceof ConflictError && form) return render(request, reply.code(409), { refused: { form, fields } });
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
      return refused(request, reply, 'closure', fields, error);
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
      return refused(request, reply, 'sign-off', fields, error);
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
      return refused(request, reply, null, fields, error);
    }
  });

  type SettingExtra = Extra & { conflict?: ConflictView; errorList?: { text: string; href: string }[] };
  const renderSetting = async (request: FastifyRequest, reply: FastifyReply, extra: SettingExtra = {}) => {
    const s = await services.closures.followUpSetting(requireActor(request));
    return reply.page('pages/cases/follow-up-setting.njk', {
      title: 'When follow-ups are due',
      service: s,
      values: extra.values ?? { followUpAfterDays: String(s.follow_up_after_days), version: String(s.version) },
      errors: extra.errors ?? null,
      errorList: extra.errorList ?? errorSummary(extra.errors),
      conflict: extra.conflict ?? null,
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
        const latest = error.current as { version: number; follow_up_after_days: number; updated_at: Date };
        const message = `Someone else changed this setting to ${latest.follow_up_after_days} days while you were editing it. Check the number and save again.`;
        const conflict = conflictView(SETTING_FIELDS, { followUpAfterDays: String(latest.follow_up_after_days) }, fields, latest.updated_at);
        return renderSetting(request, reply.code(409), { values: { ...fields, version: String(latest.version) }, conflict, ...conflictErrors(message) });
      }
      throw error;
    }
  });
}
