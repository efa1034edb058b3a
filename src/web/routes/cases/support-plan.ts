// (to be built)
import type { FastifyInstance } from 'fastify';

export async function supportPlanRoutes(app: FastifyInstance) {
  void app;
}
