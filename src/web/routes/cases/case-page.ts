// The summary page of a case: where it stands, who holds it, and links to each part of the work.
import type { FastifyInstance } from 'fastify';
import { CLINICAL_TEAM_ROLES } from '../../../domain/roles.js';
import { originOf, requireActor } from '../../request-context.js';
import { caseContext } from './case-context.js';

export const caseTeam = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
export type CaseParams = { caseId: string };

export async function casePageRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get<{ Params: CaseParams }>('/cases/:caseId', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'summary');
    const now = services.clock.now();
    return reply.page('pages/cases/show.njk', {
      title: `Case: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, now, 'summary'),
      referral: h.referral,
      saved: (request.query as Record<string, string | undefined>).saved ?? null,
    });
  });
}
