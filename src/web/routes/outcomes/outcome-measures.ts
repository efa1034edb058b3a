// Outcome measures: engagement with onward services at exit and at follow-up, and proven re-offending of a cohort against a comparison group, with their intervals and tests.
import type { FastifyInstance } from 'fastify';

export async function outcomeMeasureRoutes(_app: FastifyInstance) {}
