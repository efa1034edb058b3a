// (to be built)
import type { FastifyInstance } from 'fastify';

export async function interventionRoutes(app: FastifyInstance) {
  void app;
}
