// Every page of justice liaison (disclosures, custody advice, court reports, disposals, what custody and
// court staff see, the training log), registered in one place.
import type { FastifyInstance } from 'fastify';
import { disclosureRoutes } from './disclosures.js';
import { custodyAdviceRoutes } from './custody-advice.js';
import { courtReportRoutes } from './court-reports.js';
import { disposalRoutes } from './disposals.js';
import { sharedWithSiteRoutes } from './shared-with-site.js';
import { trainingRoutes } from './training.js';

export async function justiceRoutes(app: FastifyInstance) {
  await disclosureRoutes(app);
  await custodyAdviceRoutes(app);
  await courtReportRoutes(app);
  await disposalRoutes(app);
  await sharedWithSiteRoutes(app);
  await trainingRoutes(app);
}
