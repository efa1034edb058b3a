// Justice events after the team's work (re-arrests, charges, cautions, convictions): recorded by the team or imported from a police CSV export; matched to people of the service.
import type { FastifyInstance } from 'fastify';

export async function justiceEventRoutes(_app: FastifyInstance) {}
