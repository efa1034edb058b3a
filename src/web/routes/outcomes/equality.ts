// Equality monitoring: reach to each group at each stage, so that disproportion at any step shows.
import type { FastifyInstance } from 'fastify';

export async function equalityRoutes(_app: FastifyInstance) {}
