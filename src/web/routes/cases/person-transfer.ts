// (to be built)
import type { FastifyInstance } from 'fastify';

export async function personTransferRoutes(app: FastifyInstance) {
  void app;
}
