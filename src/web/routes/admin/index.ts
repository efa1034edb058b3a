// Administration: services, sites, partner organisations, users and roles, the audit trail.
import type { FastifyInstance } from 'fastify';
import { directoryAdminRoutes } from './directory.js';
import { userAdminRoutes } from './users.js';
import { auditAdminRoutes } from './audit.js';

export async function adminRoutes(app: FastifyInstance) {
  await directoryAdminRoutes(app);
  await userAdminRoutes(app);
  await auditAdminRoutes(app);
}
