// Every route of the web application, registered in one place.
import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.js';
import { aboutRoutes } from './about.js';
import { signInRoutes } from './sign-in.js';
import { accountRoutes } from './account.js';
import { homeRoutes } from './home.js';
import { directoryRoutes } from './directory.js';
import { adminRoutes } from './admin/index.js';
import { peopleRoutes } from './people.js';
import { courtListRoutes } from './court-lists.js';
import { referralRoutes } from './referrals.js';
import { screeningRoutes } from './screening.js';
import { custodyRoutes } from './custody.js';
import { caseRoutes } from './cases/index.js';
import { justiceRoutes } from './justice/index.js';
import { outcomeRoutes } from './outcomes/index.js';

export async function registerRoutes(app: FastifyInstance, options: { signInAttemptsPerMinute: number }) {
  await healthRoutes(app);
  await aboutRoutes(app);
  await signInRoutes(app, options);
  await accountRoutes(app);
  await homeRoutes(app);
  await directoryRoutes(app);
  await adminRoutes(app);
  await peopleRoutes(app);
  await courtListRoutes(app);
  await referralRoutes(app);
  await screeningRoutes(app);
  await custodyRoutes(app);
  await caseRoutes(app);
  await justiceRoutes(app);
  await outcomeRoutes(app);
}
