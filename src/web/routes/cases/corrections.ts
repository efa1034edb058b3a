// Correcting one recorded fact of a case with a reason: GET shows the current value, POST saves the new one.
// Other parts of the case link here: /cases/:caseId/corrections/:subjectType/:subjectId/:field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AmendableFact, FactValue } from '../../../domain/amendable-facts.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import { londonDate, londonTimeOfDay } from '../../../domain/london-time.js';
import { encodeFactValue } from '../../../services/cases/amendments.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictView, type ConflictView, WHAT_CHANGED } from '../../version-conflict.js';
import { caseContext } from './case-context.js';
import { caseTeam } from './case-page.js';
import { factText } from './fact-display.js';

type Params = { caseId: string; subjectType: string; subjectId: string; field: string };

/** The form's fields holding a value, for pre-filling with the current one. */
function valuesFor(kind: string, value: FactValue): Record<string, string> {
  if (value === null) return {};
  if (kind === 'date' || kind === 'datetime') {
    const date = kind === 'date' ? value : londonDate(new Date(value));
    const parts = { 'date-day': String(Number(date.slice(8, 10))), 'date-month': String(Number(date.slice(5, 7))), 'date-year': date.slice(0, 4) };
    return kind === 'datetime' ? { ...parts, time: londonTimeOfDay(new Date(value)) } : parts;
  }
  return { value };
}

/** The questions of the correction form for a fact; the reason only when the other change was a correction too. */
function correctionFields(fact: AmendableFact, withReason: boolean): LabelledField[] {
  const value: LabelledField[] =
    fact.kind === 'date' ? [{ name: 'date', label: fact.label, kind: 'date' }]
    : fact.kind === 'datetime' ? [{ name: 'date', label: `Date of ${fact.label.replace(/^Date and time of /, '')}`, kind: 'date' }, { name: 'time', label: `Time of ${fact.label.replace(/^Date and time of /, '')}` }]
    : [{ name: 'value', label: fact.label, ...(fact.choices ? { choices: Object.fromEntries(fact.choices.map((c) => [c.value, c.text])) } : {}) }];
  return withReason ? [...value, { name: 'reason', label: 'Reason for the correction' }] : value;
}

export async function correctionRoutes(app: FastifyInstance) {
  const { services } = app;
  const url = '/cases/:caseId/corrections/:subjectType/:subjectId/:field';

  type Extra = { values?: Record<string, string>; errors?: FieldErrors; conflicted?: boolean };

  async function render(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, extra: Extra = {}) {
    const actor = requireActor(request);
    const p = request.params;
    const { header, fact, current } = await services.amendments.correction(actor, p.caseId, p.subjectType, p.subjectId, p.field, originOf(request));
    const base = `/cases/${header.caseEpisode.id}`;
    let errors = extra.errors ?? null;
    let errorList = errorSummary(extra.errors, { form: 'correction-form' });
    let conflict: ConflictView | null = null;
    if (extra.conflicted) {
      // Someone else changed the fact since the form was read: their value beside this one (with their reason, if they
      // corrected it), and this correction kept in the form against the value as it now stands.
      const last = await services.amendments.lastCorrection(actor, p.caseId, p.subjectType, p.subjectId, p.field);
      const theirCorrection = last && encodeFactValue(last.value) === encodeFactValue(current) ? last : null;
      conflict = conflictView(correctionFields(fact, theirCorrection !== null), { ...valuesFor(fact.kind, current), reason: theirCorrection?.reason }, extra.values ?? {}, theirCorrection?.amendedAt ?? null);
      const message = 'Someone else changed this while you were correcting it. Your correction is below and has not been saved: check what changed and save again.';
      errors = { form: message };
      errorList = [{ text: message, href: WHAT_CHANGED }];
    }
    return reply.page('pages/cases/correction.njk', {
      title: `Correct: ${fact.label}`,
      ...caseContext(header, services.clock.now(), 'history'),
      fact,
      currentText: factText(fact, current),
      values: { ...valuesFor(fact.kind, current), ...(extra.values ?? {}), was: encodeFactValue(current) },
      conflict,
      errors,
      errorList,
      action: `${base}/corrections/${fact.subjectType}/${p.subjectId}/${fact.field}`,
      backHref: `${base}/history`,
    });
  }

  app.get<{ Params: Params }>(url, { config: caseTeam }, async (request, reply) => render(request, reply));

  app.post<{ Params: Params }>(url, { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const p = request.params;
    const fields = formFields(request);
    const value = { value: fields.value, day: fields['date-day'], month: fields['date-month'], year: fields['date-year'], time: fields.time };
    try {
      await services.amendments.correct(actor, p.caseId, p.subjectType, p.subjectId, p.field, { value, reason: fields.reason ?? '', was: fields.was ?? '' }, originOf(request));
      return reply.redirect(`/cases/${p.caseId}/history?saved=correction`, 303);
    } catch (error) {
      const typed = { ...fields };
      delete typed.was;
      if (error instanceof ValidationError) return render(request, reply.code(400), { values: typed, errors: error.fieldErrors });
      if (error instanceof ConflictError) return render(request, reply.code(409), { values: typed, conflicted: true });
      throw error;
    }
  });
}
