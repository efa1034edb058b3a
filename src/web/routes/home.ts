// The home page: what to do next, for the role the user is working in.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../request-context.js';

export async function homeRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/', { config: { access: { signedIn: true } } }, async (request, reply) => {
    const session = request.session!;
    if (!session.activeGrant) {
      if (session.grants.length > 0) return reply.redirect('/choose-role?next=/', 303);
      return reply.page('pages/home/no-role.njk', { title: 'You have no role yet' });
    }
    const actor = actorOf(request)!;
    const grant = actor.grant;
    const service = grant.serviceId ? await services.serviceDirectory.get(grant.serviceId) : null;
    const sites = grant.serviceId ? await services.sites.listForService(grant.serviceId, { activeOnly: true }) : [];
    const site = grant.siteId ? sites.find((s) => s.id === grant.siteId) ?? null : null;
    return reply.page('pages/home/index.njk', { title: 'Home', grant, service, sites, site });
  });
}
