// GET /health: the engine in use and whether the schema is current, for monitors and load balancers.
import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', { config: { access: { public: true } } }, async (_request, reply) => {
    try {
      const health = await app.services.health();
      return reply.code(health.migrationsCurrent ? 200 : 503).send({
        status: health.migrationsCurrent ? 'ok' : 'migrations pending',
        engine: health.engine,
        migrations: { current: health.migrationsCurrent, pending: health.pendingMigrations },
      });
    } catch {
      return reply.code(503).send({ status: 'database unavailable', engine: app.services.engine });
    }
  });
}
