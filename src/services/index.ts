// Every use case, built from one database and one clock.
import type { DatabaseHandle } from '../db/open.js';
import { migrationStatus } from '../db/migrate.js';
import { createAuditService } from './audit.js';
import type { Clock } from './clock.js';
import { createUserAccounts } from './accounts/users.js';
import { createSessionStore } from './accounts/sessions.js';
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

export function createServices(handle: DatabaseHandle, clock: Clock) {
  const { db } = handle;
  const audit = createAuditService(db, clock);
  const sessions = createSessionStore(db, clock);
  const people = createPersonRecords(db, clock, audit);
  const sites = createSiteDirectory(db, clock, audit);
  return {
    clock,
    engine: handle.engine,
    audit,
    sessions,
    users: createUserAccounts(db, clock, audit),
    signIn: createSignIn(db, clock, audit, sessions),
    serviceDirectory: createServiceDirectory(db, clock, audit),
    sites,
    partners: createPartnerDirectory(db, clock, audit),
    people,
    courtLists: createCourtLists(db, clock, audit, people, sites),
    referrals: createReferrals(db, clock, audit, people, sites),
    screenings: createScreenings(db, clock, audit),
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
