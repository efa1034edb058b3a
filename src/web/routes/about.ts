// Pages anyone may read: accessibility statement and how Divert uses information.
import type { FastifyInstance } from 'fastify';

export async function aboutRoutes(app: FastifyInstance) {
  app.get('/accessibility', { config: { access: { public: true } } }, async (_request, reply) => reply.page('pages/about/accessibility.njk', { title: 'Accessibility statement' }));
  app.get('/privacy', { config: { access: { public: true } } }, async (_request, reply) => reply.page('pages/about/privacy.njk', { title: 'How Divert uses information' }));
}
