// (being built)
import type { FastifyInstance } from 'fastify';

export async function trainingRoutes(_app: FastifyInstance) {}
