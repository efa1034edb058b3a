// (to be built)
import type { FastifyInstance } from 'fastify';

export async function contactRoutes(app: FastifyInstance) {
  void app;
}
