// The partner service worker's view: only referrals sent to their organisation, with who, why and how long
// they have waited (no clinical detail), where they accept or decline and record the first appointment and attendance.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ValidationError } from '../../../services/errors.js';
import { formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictMessage, moveChoices, moveErrors, readMoveForm, staleMove, todayBoxes } from './onward-referral-form.js';

const partnerOnly = { access: { roles: ['partner_worker'] } } as const;
type Params = { id: string };

export async function partnerReferralRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/partner/referrals', { config: partnerOnly }, async (request, reply) => {
    const actor = requireActor(request);
    const referrals = await services.onwardReferrals.partnerList(actor, originOf(request));
    return reply.page('pages/partner/referrals.njk', { title: 'Referrals to your service', referrals });
  });

  /** The referral's page; `staleMove` (the message) shows a move refused as stale beside the change recorded meanwhile. */
  async function render(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, { staleMove: staleMessage, ...extra }: { values?: Record<string, string>; staleMove?: string; [key: string]: unknown } = {}) {
    const actor = requireActor(request);
    const r = await services.onwardReferrals.partnerGet(actor, request.params.id, originOf(request));
    const values: Record<string, string> = { ...todayBoxes(services.clock.now(), 'on'), ...(extra.values ?? {}) };
    if (staleMessage !== undefined || !values.version) values.version = String(r.referral.version);
    const saved = (request.query as Record<string, string | undefined>).saved === 'moved' ? 'Change recorded' : null;
    return reply.page('pages/partner/referral.njk', {
      title: `Referral: ${r.person.givenName} ${r.person.familyName}`,
      backHref: '/partner/referrals',
      r,
      moveItems: moveChoices(r.nextStates, values.to),
      saved,
      ...extra,
      ...(staleMessage === undefined ? {} : staleMove(r, values, staleMessage)),
      values,
    });
  }

  app.get<{ Params: Params }>('/partner/referrals/:id', { config: partnerOnly }, (request, reply) => render(request, reply));

  app.post<{ Params: Params }>('/partner/referrals/:id/move', { config: partnerOnly }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const form = readMoveForm(fields);
    try {
      if (!form.to) return render(request, reply.code(400), { values: fields, ...moveErrors(form, null) });
      if (form.version === null) throw new ValidationError({ form: 'The form was missing its version: reload the page and try again' });
      await services.onwardReferrals.partnerMove(actor, request.params.id, form.version, form.to, form.details, originOf(request));
      return reply.redirect(`/partner/referrals/${request.params.id}?saved=moved#timeline`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return render(request, reply.code(400), { values: fields, ...moveErrors(form, error) });
      if (error instanceof ConflictError) return render(request, reply.code(409), { values: fields, staleMove: conflictMessage(error) });
      throw error;
    }
  });
}
