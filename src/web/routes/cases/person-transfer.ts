// A team manager transfers a person to another service of the installation: GET shows the form (or the transfer made), POST transfers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { bannerOf } from '../people.js';

const managerOnly = { access: { roles: ['team_manager'] } } as const;
type Params = { personId: string };

export async function personTransferRoutes(app: FastifyInstance) {
  const { services } = app;

  async function render(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors; saved?: boolean } = {}) {
    const actor = requireActor(request);
    const { person, openCases, transfer } = await services.personTransfers.prepare(actor, request.params.personId);
    await services.audit.record({ actor }, originOf(request), { action: 'person.viewed', subjectType: 'person', subjectId: person.id, personId: person.id, detail: { page: 'transfer' } });
    const targets = await services.personTransfers.targets(actor);
    return reply.page('pages/people/transfer.njk', {
      title: `Transfer ${person.given_name} ${person.family_name} to another service`,
      ...bannerOf(person, services.clock.now()),
      openCases,
      transfer,
      targets,
      values: extra.values ?? {},
      errors: extra.errors ?? null,
      errorList: errorSummary(extra.errors, { form: transfer ? 'transfer-form' : 'transfer-error' }),
      saved: extra.saved ?? false,
      backHref: `/people/${person.id}`,
    });
  }

  app.get<{ Params: Params }>('/people/:personId/transfer', { config: managerOnly }, async (request, reply) =>
    render(request, reply, { saved: (request.query as Record<string, string | undefined>).saved === '1' }));

  app.post<{ Params: Params }>('/people/:personId/transfer', { config: managerOnly }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    try {
      await services.personTransfers.transfer(actor, request.params.personId, fields.toServiceId ?? '', fields.reason ?? '', originOf(request));
      return reply.redirect(`/people/${request.params.personId}/transfer?saved=1`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return render(request, reply.code(400), { values: fields, errors: error.fieldErrors });
      throw error;
    }
  });
}
