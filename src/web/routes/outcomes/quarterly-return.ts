// The commissioner's quarterly data return, downloaded as CSV or as a spreadsheet.
import type { FastifyInstance } from 'fastify';

export async function quarterlyReturnRoutes(_app: FastifyInstance) {}
