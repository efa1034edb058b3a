// (being built)
import type { FastifyInstance } from 'fastify';

export async function disclosureRoutes(_app: FastifyInstance) {}
