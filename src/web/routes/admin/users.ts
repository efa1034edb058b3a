// Placeholder: administrators manage users and roles here.
import type { FastifyInstance } from 'fastify';
export async function userAdminRoutes(_app: FastifyInstance) {}
