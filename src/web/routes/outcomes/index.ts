// Every page of outcomes and commissioner reporting (the dashboard, outcome measures, justice events and
// their import), registered in one place.
import type { FastifyInstance } from 'fastify';
import { dashboardRoutes } from './dashboard.js';
import { justiceEventRoutes } from './justice-events.js';
import { outcomeMeasureRoutes } from './outcome-measures.js';
import { equalityRoutes } from './equality.js';
import { quarterlyReturnRoutes } from './quarterly-return.js';

export async function outcomeRoutes(app: FastifyInstance) {
  await dashboardRoutes(app);
  await justiceEventRoutes(app);
  await outcomeMeasureRoutes(app);
  await equalityRoutes(app);
  await quarterlyReturnRoutes(app);
}
