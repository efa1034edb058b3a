// Every page of the 12-week case, registered in one place.
import type { FastifyInstance } from 'fastify';
import { casePageRoutes } from './case-page.js';
import { caseloadRoutes } from './caseload.js';
import { assessmentRoutes } from './assessment.js';
import { supportPlanRoutes } from './support-plan.js';
import { interventionRoutes } from './interventions.js';
import { onwardReferralRoutes } from './onward-referrals.js';
import { partnerReferralRoutes } from './partner-referrals.js';
import { contactRoutes } from './contacts.js';
import { restorativeSessionRoutes } from './restorative-sessions.js';
import { closureRoutes } from './closure.js';
import { historyRoutes } from './history.js';
import { personTransferRoutes } from './person-transfer.js';

export async function caseRoutes(app: FastifyInstance) {
  await casePageRoutes(app);
  await caseloadRoutes(app);
  await assessmentRoutes(app);
  await supportPlanRoutes(app);
  await interventionRoutes(app);
  await onwardReferralRoutes(app);
  await partnerReferralRoutes(app);
  await contactRoutes(app);
  await restorativeSessionRoutes(app);
  await closureRoutes(app);
  await historyRoutes(app);
  await personTransferRoutes(app);
}
