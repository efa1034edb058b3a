// The team and service dashboard: activity, reach and timeliness for a period, by site, source, age band, sex, ethnicity and vulnerability domain; small numbers suppressed for commissioners.
import type { FastifyInstance } from 'fastify';

export async function dashboardRoutes(_app: FastifyInstance) {}
