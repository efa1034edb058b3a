// (to be built)
import type { FastifyInstance } from 'fastify';

export async function onwardReferralRoutes(app: FastifyInstance) {
  void app;
}
