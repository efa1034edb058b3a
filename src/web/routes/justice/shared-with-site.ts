// Custody and court staff: one piece of advice or one report the team shared with their custody suite or
// court, exactly as shared, and the issued court report PDF. Nothing else of the person's record.
import type { FastifyInstance } from 'fastify';
import { originOf, requireActor } from '../../request-context.js';

const custodyOrCourt = { access: { roles: ['custody_court_staff'] } } as const;
type Params = { id: string };

export async function sharedWithSiteRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get<{ Params: Params }>('/custody/shared/:id', { config: custodyOrCourt }, async (request, reply) => {
    const actor = requireActor(request);
    const item = await services.sharedWithSite.get(actor, request.params.id, originOf(request));
    const site = await services.sites.inScopeOf(actor, actor.grant.siteId ?? '');
    return reply.page('pages/custody/shared.njk', {
      title: `${item.kindLabel}: ${item.person.givenName} ${item.person.familyName}`,
      backHref: '/custody',
      item,
      // One paragraph per line, as it was written.
      paragraphs: item.content.split(/\r?\n/).filter((line) => line.trim() !== ''),
      siteName: site?.name ?? 'your site',
    });
  });

  app.get<{ Params: Params }>('/custody/shared/:id/report.pdf', { config: custodyOrCourt }, async (request, reply) => {
    const actor = requireActor(request);
    const { pdf, filename } = await services.sharedWithSite.reportPdf(actor, request.params.id, originOf(request));
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .type('application/pdf')
      .send(pdf);
  });
}
