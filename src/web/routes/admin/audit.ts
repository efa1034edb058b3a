// Placeholder: administrators search and verify the audit trail here.
import type { FastifyInstance } from 'fastify';
export async function auditAdminRoutes(_app: FastifyInstance) {}
