// (to be built)
import type { FastifyInstance } from 'fastify';

export async function partnerReferralRoutes(app: FastifyInstance) {
  void app;
}
