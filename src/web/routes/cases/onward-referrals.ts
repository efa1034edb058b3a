// The team's onward referrals of a case: the list with waits and timelines, a new referral, and one
// referral's page where its changes and the interim support offered while waiting are recorded.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDateParts } from '../../../domain/age.js';
import { PATHWAY_LABELS } from '../../../domain/pathways.js';
import { mayOfferInterimSupport } from '../../../domain/onward-referral-moves.js';
import { TAKEN_UP, TAKEN_UP_LABELS } from '../../../services/cases/interim-support.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { caseContext } from './case-context.js';
import { caseTeam, type CaseParams } from './case-page.js';
import { todayBoxes, conflictMessage, moveChoices, moveErrors, readMoveForm, staleMove } from './onward-referral-form.js';

type ReferralParams = CaseParams & { referralId: string };
type InterimParams = ReferralParams & { interimId: string };

const SAVED: Record<string, string> = { sent: 'Referral sent', draft: 'Referral saved as a draft', moved: 'Change recorded', interim: 'Interim support recorded', 'interim-updated': 'Interim support updated' };
const takenUpItems = (chosen: string | undefined) => TAKEN_UP.map((v) => ({ value: v, text: TAKEN_UP_LABELS[v], checked: chosen === v }));

export async function onwardReferralRoutes(app: FastifyInstance) {
  const { services } = app;
  const savedOf = (request: FastifyRequest) => SAVED[(request.query as Record<string, string | undefined>).saved ?? ''] ?? null;

  async function renderList(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'onward-referrals');
    const [referrals, partners] = await Promise.all([services.onwardReferrals.forCase(actor, h.caseEpisode.id), services.onwardReferrals.partnersToReferTo(actor)]);
    const values = (extra.values as Record<string, string> | undefined) ?? {};
    return reply.page('pages/cases/onward-referrals.njk', {
      title: `Onward referrals: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'onward'),
      referrals,
      partnerItems: partners.map((p) => ({ value: p.id, text: p.name, hint: { text: `${PATHWAY_LABELS[p.pathway]}${p.typical_wait_days === null ? '' : `: typical wait ${p.typical_wait_days} days`}` }, checked: values.partnerOrganisationId === p.id })),
      values,
      saved: savedOf(request),
      ...extra,
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/onward-referrals', { config: caseTeam }, (request, reply) => renderList(request, reply));

  app.post<{ Params: CaseParams }>('/cases/:caseId/onward-referrals', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const send = fields.action === 'send';
    try {
      const id = await services.onwardReferrals.create(actor, request.params.caseId, { partnerOrganisationId: fields.partnerOrganisationId ?? '', reason: fields.reason ?? '', send }, originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/onward-referrals?saved=${send ? 'sent' : 'draft'}#referral-${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = error.fieldErrors;
      return renderList(request, reply.code(400), { values: fields, errors, errorList: errorSummary(errors, { form: 'new-referral', consent: 'new-referral', partnerOrganisationId: 'partnerOrganisationId' }) });
    }
  });

  /** The referral's page; `staleMove` (the message) shows a move refused as stale beside the change recorded meanwhile. */
  async function renderReferral(request: FastifyRequest<{ Params: ReferralParams }>, reply: FastifyReply, { staleMove: staleMessage, ...extra }: { values?: Record<string, string>; staleMove?: string; [key: string]: unknown } = {}) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'onward-referral');
    const r = await services.onwardReferrals.getForCase(actor, h.caseEpisode.id, request.params.referralId);
    const values: Record<string, string> = { ...todayBoxes(services.clock.now(), 'on'), ...todayBoxes(services.clock.now(), 'offeredOn'), ...(extra.values ?? {}) };
    if (staleMessage !== undefined || !values.version) values.version = String(r.referral.version);
    return reply.page('pages/cases/onward-referral.njk', {
      title: `Referral to ${r.partner.name}: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'onward'),
      r,
      moveItems: moveChoices(r.nextStates, values.to),
      mayOfferInterim: mayOfferInterimSupport(r.referral.onward_state) && h.caseEpisode.case_status !== 'closed',
      takenUpItems: takenUpItems(values.takenUp ?? 'not_yet'),
      interimUpdates: r.interimSupport.map((i) => ({ ...i, items: takenUpItems(i.takenUp), takenUpLabel: TAKEN_UP_LABELS[i.takenUp] })),
      saved: savedOf(request),
      ...extra,
      ...(staleMessage === undefined ? {} : staleMove(r, values, staleMessage)),
      values,
    });
  }

  app.get<{ Params: ReferralParams }>('/cases/:caseId/onward-referrals/:referralId', { config: caseTeam }, (request, reply) => renderReferral(request, reply));

  app.post<{ Params: ReferralParams }>('/cases/:caseId/onward-referrals/:referralId/move', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const form = readMoveForm(fields);
    const back = `/cases/${request.params.caseId}/onward-referrals/${request.params.referralId}`;
    // The referral must belong to this case, whatever was posted.
    await services.onwardReferrals.getForCase(actor, request.params.caseId, request.params.referralId);
    try {
      if (!form.to) return renderReferral(request, reply.code(400), { values: fields, ...moveErrors(form, null) });
      if (form.version === null) throw new ValidationError({ form: 'The form was missing its version: reload the page and try again' });
      await services.onwardReferrals.move(actor, request.params.referralId, form.version, form.to, form.details, originOf(request));
      return reply.redirect(`${back}?saved=moved#timeline`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderReferral(request, reply.code(400), { values: fields, ...moveErrors(form, error) });
      if (error instanceof ConflictError) return renderReferral(request, reply.code(409), { values: fields, staleMove: conflictMessage(error) });
      throw error;
    }
  });

  app.post<{ Params: ReferralParams }>('/cases/:caseId/onward-referrals/:referralId/interim-support', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    await services.onwardReferrals.getForCase(actor, request.params.caseId, request.params.referralId);
    const dateFields = ['day', 'month', 'year'].map((p) => fields[`offeredOn-${p}`] ?? '');
    const offered = parseDateParts(dateFields[0]!, dateFields[1]!, dateFields[2]!, 'Date the support was offered');
    try {
      const input = { what: fields.what ?? '', offeredBy: fields.offeredBy ?? '', offeredOn: offered.ok ? offered.date : '', takenUp: (fields.takenUp ?? '') as 'yes', notes: fields.interimNotes ?? '' };
      await services.onwardReferrals.recordInterimSupport(actor, request.params.referralId, input, originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/onward-referrals/${request.params.referralId}?saved=interim#interim-support`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors: FieldErrors = { ...error.fieldErrors };
      if (!offered.ok && errors.offeredOn) errors.offeredOn = offered.error;
      if (errors.notes) errors.interimNotes = errors.notes;
      delete errors.notes;
      const ids = { offeredOn: offered.ok ? 'offeredOn-day' : `offeredOn-${offered.field}`, takenUp: 'takenUp' };
      return renderReferral(request, reply.code(400), { values: fields, errors, errorList: errorSummary(errors, ids) });
    }
  });

  app.post<{ Params: InterimParams }>('/cases/:caseId/onward-referrals/:referralId/interim-support/:interimId', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    await services.onwardReferrals.getForCase(actor, request.params.caseId, request.params.referralId);
    try {
      await services.onwardReferrals.updateInterimSupport(actor, request.params.referralId, request.params.interimId, { takenUp: (fields.takenUp ?? '') as 'yes', notes: fields.notes ?? '' }, originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/onward-referrals/${request.params.referralId}?saved=interim-updated#interim-${request.params.interimId}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const key = `interim-${request.params.interimId}`;
      const message = Object.values(error.fieldErrors).join('. ');
      return renderReferral(request, reply.code(400), { errors: { [key]: message }, errorList: [{ text: message, href: `#${key}-takenUp` }] });
    }
  });
}
