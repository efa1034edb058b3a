// Correcting one recorded fact of a case with a reason: GET shows the current value, POST saves the new one.
// Other parts of the case link here: /cases/:caseId/corrections/:subjectType/:subjectId/:field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FactValue } from '../../../domain/amendable-facts.js';
import { londonDate, londonTimeOfDay } from '../../../domain/london-time.js';
import { encodeFactValue } from '../../../services/cases/amendments.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
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

export async function correctionRoutes(app: FastifyInstance) {
  const { services } = app;
  const url = '/cases/:caseId/corrections/:subjectType/:subjectId/:field';

  async function render(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors } = {}) {
    const actor = requireActor(request);
    const p = request.params;
    const { header, fact, current } = await services.amendments.correction(actor, p.caseId, p.subjectType, p.subjectId, p.field, originOf(request));
    const base = `/cases/${header.caseEpisode.id}`;
    return reply.page('pages/cases/correction.njk', {
      title: `Correct: ${fact.label}`,
      ...caseContext(header, services.clock.now(), 'history'),
      fact,
      currentText: factText(fact, current),
      values: { ...valuesFor(fact.kind, current), ...(extra.values ?? {}), was: encodeFactValue(current) },
      errors: extra.errors ?? null,
      errorList: errorSummary(extra.errors, { form: 'correction-form' }),
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
      if (error instanceof ConflictError) return render(request, reply.code(409), { values: typed, errors: { form: error.message } });
      throw error;
    }
  });
}
