// Every use case, built from one database and one clock.
import type { DatabaseHandle } from '../db/open.js';
import { migrationStatus } from '../db/migrate.js';
import { createAuditService } from './audit.js';
import type { Clock } from './clock.js';
import { createUserAccounts } from './accounts/users.js';
import { createSessionStore, sessionCacheFor } from './accounts/sessions.js';
import { createSignIn } from './accounts/sign-in.js';
import { createServiceDirectory } from './directory/service-directory.js';
import { createSiteDirectory } from './directory/site-directory.js';
import { createPartnerDirectory } from './directory/partner-directory.js';
import { installationSecret } from './installation-secrets.js';
import { seedActivity } from './seed/activity.js';
import { createPersonRecords } from './people/person-records.js';
import { createCourtLists } from './court-lists.js';
import { createReferrals } from './referrals/referrals.js';
import { createScreenings } from './referrals/screenings.js';
import { createCaseRecords } from './cases/case-records.js';
import { createCaseload } from './cases/caseload.js';
import { createDueList } from './cases/due-list.js';
import { createAssessments } from './cases/assessments.js';
import { createSupportPlans } from './cases/support-plans.js';
import { createInterventions } from './cases/interventions.js';
import { createOnwardReferrals } from './cases/onward-referrals.js';
import { createContacts } from './cases/contacts.js';
import { createRestorativeSessions } from './cases/restorative-sessions.js';
import { createClosures } from './cases/closures.js';
import { createAmendments } from './cases/amendments.js';
import { createPersonTransfers } from './cases/person-transfers.js';
import { createDisclosures } from './justice/disclosures.js';
import { createCustodyAdvice } from './justice/custody-advice.js';
import { createCourtReports } from './justice/court-reports.js';
import { createDisposals } from './justice/disposals.js';
import { createSharedWithSite } from './justice/shared-with-site.js';
import { createTrainingLog } from './justice/training-log.js';
import { createJusticeEvents } from './outcomes/justice-events.js';
import { createDashboard } from './outcomes/dashboard.js';
import { createFiguresCache } from './figures-cache.js';
import { createOutcomeMeasures } from './outcomes/outcome-measures.js';
import { createEquality } from './outcomes/equality.js';
import { createQuarterlyReturn } from './outcomes/quarterly-return.js';
import { createWorkLane, throughLane } from './work-lane.js';
import { createRateLimits } from './rate-limits.js';

/** How many reports (dashboards, outcome measures, equality monitoring, the quarterly return) run at once in one instance. */
export const REPORTS_AT_ONCE = 2;

/** figuresKeptForMs: how long report figures are kept (see figures-cache); 0 works them out on every view. */
export function createServices(handle: DatabaseHandle, clock: Clock, options: { figuresKeptForMs?: number } = {}) {
  const { db } = handle;
  const audit = createAuditService(db, clock);
  const sessions = createSessionStore(db, clock, sessionCacheFor(handle));
  const people = createPersonRecords(db, clock, audit);
  const sites = createSiteDirectory(db, clock, audit);
  const cases = createCaseRecords(db, clock, audit);
  // Reports take their turn two at a time (each holds up to two database connections), leaving the rest of the pool to the pages of the day's work.
  const reports = createWorkLane(REPORTS_AT_ONCE);
  const figures = createFiguresCache(clock, { keepForMs: options.figuresKeptForMs });
  return {
    clock,
    engine: handle.engine,
    audit,
    sessions,
    rateLimits: createRateLimits(db, clock),
    users: createUserAccounts(db, clock, audit),
    signIn: createSignIn(db, clock, audit, sessions),
    serviceDirectory: createServiceDirectory(db, clock, audit),
    sites,
    partners: createPartnerDirectory(db, clock, audit),
    people,
    courtLists: createCourtLists(db, clock, audit, people, sites),
    referrals: createReferrals(db, clock, audit, people, sites),
    screenings: createScreenings(db, clock, audit),
    cases,
    caseload: createCaseload(db, clock, audit, cases),
    dueList: createDueList(db, clock, audit, cases),
    assessments: createAssessments(db, clock, audit, cases),
    supportPlans: createSupportPlans(db, clock, audit, cases),
    interventions: createInterventions(db, clock, audit, cases),
    onwardReferrals: createOnwardReferrals(db, clock, audit, cases),
    contacts: createContacts(db, clock, audit, cases),
    restorativeSessions: createRestorativeSessions(db, clock, audit, cases),
    closures: createClosures(db, clock, audit, cases),
    amendments: createAmendments(db, clock, audit, cases),
    personTransfers: createPersonTransfers(db, clock, audit, cases),
    disclosures: createDisclosures(db, clock, audit, cases),
    custodyAdvice: createCustodyAdvice(db, clock, audit, cases),
    courtReports: createCourtReports(db, clock, audit, cases),
    disposals: createDisposals(db, clock, audit, cases),
    sharedWithSite: createSharedWithSite(db, clock, audit, cases),
    trainingLog: createTrainingLog(db, clock, audit, cases),
    justiceEvents: createJusticeEvents(db, clock, audit, cases),
    dashboard: throughLane(reports, createDashboard(db, clock, audit, figures), ['view']),
    outcomeMeasures: throughLane(reports, createOutcomeMeasures(db, clock, audit, cases), ['view']),
    equality: throughLane(reports, createEquality(db, clock, audit, figures), ['view']),
    quarterlyReturn: throughLane(reports, createQuarterlyReturn(db, clock, audit, figures), ['view', 'download']),
    installationSecret: (name: string) => installationSecret(db, name),
    /** Synthetic demo activity (people, referrals, screens) for a demo profile. */
    demoActivity: (profileName: string) => seedActivity(db, clock, profileName),
    health: async () => {
      const status = await migrationStatus(db);
      return { engine: handle.engine, migrationsCurrent: status.current, pendingMigrations: status.pending };
    },
  };
}

export type Services = ReturnType<typeof createServices>;
