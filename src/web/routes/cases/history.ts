// (to be built)
import type { FastifyInstance } from 'fastify';

export async function historyRoutes(app: FastifyInstance) {
  void app;
}
