// (to be built)
import type { FastifyInstance } from 'fastify';

export async function restorativeSessionRoutes(app: FastifyInstance) {
  void app;
}
