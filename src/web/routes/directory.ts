// The team's read-only view of its sites and partner services.
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../request-context.js';
import { CLINICAL_TEAM_ROLES } from '../../domain/roles.js';

export async function directoryRoutes(app: FastifyInstance) {
  const { services } = app;
  app.get('/directory', { config: { access: { roles: CLINICAL_TEAM_ROLES } } }, async (request, reply) => {
    const serviceId = requireActor(request).grant.serviceId!;
    const [service, sites, partners] = await Promise.all([
      services.serviceDirectory.get(serviceId),
      services.sites.listForService(serviceId, { activeOnly: true }),
      services.partners.listForService(serviceId),
    ]);
    return reply.page('pages/directory.njk', { title: 'Sites and partner services', service, sites, partners: partners.filter((p) => p.is_active) });
  });
}
