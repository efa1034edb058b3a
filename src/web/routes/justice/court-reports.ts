// (being built)
import type { FastifyInstance } from 'fastify';

export async function courtReportRoutes(_app: FastifyInstance) {}
