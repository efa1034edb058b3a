// (being built)
import type { FastifyInstance } from 'fastify';

export async function disposalRoutes(_app: FastifyInstance) {}
