// (to be built)
import type { FastifyInstance } from 'fastify';

export async function caseloadRoutes(app: FastifyInstance) {
  void app;
}
