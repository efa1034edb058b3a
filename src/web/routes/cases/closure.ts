// (to be built)
import type { FastifyInstance } from 'fastify';

export async function closureRoutes(app: FastifyInstance) {
  void app;
}
