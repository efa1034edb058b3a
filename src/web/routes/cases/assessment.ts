// (to be built)
import type { FastifyInstance } from 'fastify';

export async function assessmentRoutes(app: FastifyInstance) {
  void app;
}
