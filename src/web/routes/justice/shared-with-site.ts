// (being built)
import type { FastifyInstance } from 'fastify';

export async function sharedWithSiteRoutes(_app: FastifyInstance) {}
