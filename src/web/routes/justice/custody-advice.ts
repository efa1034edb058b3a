// (being built)
import type { FastifyInstance } from 'fastify';

export async function custodyAdviceRoutes(_app: FastifyInstance) {}
