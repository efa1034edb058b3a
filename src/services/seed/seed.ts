// Fills a new, empty installation with a demo profile, through the service layer so that every
// rule and the audit trail apply exactly as for data entered by hand.
import { performance } from 'node:perf_hooks';
import { ROLE_LABELS, type Grant } from '../../domain/roles.js';
import type { AuditWho, RequestOrigin } from '../audit.js';
import type { Services } from '../index.js';
import { DEMO_PASSWORD, getProfile, profileProblems, type Profile, type UserSeed } from './profiles.js';

export const SEED_WHO: AuditWho = { userId: null, username: 'seed' };
export const SEED_ORIGIN: RequestOrigin = { ipAddress: null, userAgent: 'divert seed' };

export type SeededAccount = { username: string; role: string; where: string };

export type SeedResult = {
  services: number;
  sites: number;
  partners: number;
  /** One row per role granted: the role code (e.g. team_manager) and where it applies. */
  users: SeededAccount[];
};

/** True when the installation has no service yet: the only state demo data may be added to. */
export async function isDatabaseEmpty(services: Services): Promise<boolean> {
  return (await services.serviceDirectory.list(null)).length === 0;
}

type ServiceIds = { id: string; name: string; sites: Map<string, { id: string; name: string }>; partners: Map<string, string> };

/** Waits for every promise, so nothing is left running against the database, then throws the first failure. */
async function settleAll<T>(promises: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function createDirectory(services: Services, profile: Profile, log: (line: string) => void) {
  const ids = new Map<string, ServiceIds>();
  let sites = 0;
  let partners = 0;
  for (const service of profile.services) {
    const row = await services.serviceDirectory.create(
      null,
      { code: service.code, name: service.name, provider: service.provider, commissioner: service.commissioner, contactEmail: service.contactEmail },
      SEED_ORIGIN,
    );
    const entry: ServiceIds = { id: row.id, name: row.name, sites: new Map(), partners: new Map() };
    ids.set(service.code, entry);
    for (const site of service.sites) {
      const created = await services.sites.create(null, row.id, site, SEED_ORIGIN);
      entry.sites.set(site.code, { id: created.id, name: created.name });
      sites++;
    }
    for (const partner of service.partners) {
      const created = await services.partners.create(null, row.id, partner, SEED_ORIGIN);
      entry.partners.set(partner.name, created.id);
      partners++;
    }
    log(`  service ${service.code}: ${service.name} (${service.sites.length} sites, ${service.partners.length} partner organisations)`);
  }
  return { ids, sites, partners };
}

function createUser(services: Services, user: UserSeed) {
  return services.users.createUser(
    { username: user.username, displayName: user.displayName, email: user.email, jobTitle: user.jobTitle, password: DEMO_PASSWORD, totpRequired: user.totpRequired ?? false },
    SEED_WHO,
    SEED_ORIGIN,
  );
}

/** How a profile's activity is made: by default the profile's year of activity through services.demoActivity; the
 * national profile passes its bulk generator, which reports its own progress and returns a one-line summary. */
export type SeedOptions = { activity?: () => Promise<string> };

/**
 * Adds the named demo profile to an empty installation. Refuses, changing nothing, if the
 * database already has a service or any of the demo usernames, so seeding twice never duplicates.
 */
export async function seedProfile(services: Services, profileName: string, log: (line: string) => void, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const profile = getProfile(profileName);
  const problems = profileProblems(profile);
  if (problems.length > 0) throw new Error(`The demo profile "${profile.name}" is not consistent, so nothing was added: ${problems.join('; ')}`);

  const existing = await services.serviceDirectory.list(null);
  if (existing.length > 0)
    throw new Error(
      `This database already has ${existing.length === 1 ? 'a service' : `${existing.length} services`} (${existing.map((s) => s.code).join(', ')}), ` +
        'so no demo data was added. Demo data can only go into a new, empty installation: use a new data folder or database.',
    );
  const taken: string[] = [];
  for (const user of profile.users) if (await services.users.findByUsername(user.username)) taken.push(user.username);
  if (taken.length > 0)
    throw new Error(`This database already has accounts called ${taken.join(', ')}, so no demo data was added. Demo data can only go into a new, empty installation.`);

  log(`Adding demo profile "${profile.name}": ${profile.title}`);
  // Accounts (slow: each password is hashed with argon2) are made while the directory is written.
  const [directoryResult, usersResult] = await Promise.allSettled([
    createDirectory(services, profile, log),
    settleAll(profile.users.map((user) => createUser(services, user))),
  ]);
  if (directoryResult.status === 'rejected' || usersResult.status === 'rejected') {
    const reason: unknown = directoryResult.status === 'rejected' ? directoryResult.reason : (usersResult as PromiseRejectedResult).reason;
    throw new Error(`Adding the demo data stopped part way, and the database now holds part of it: start again with a new, empty database. Cause: ${(reason as Error)?.message ?? String(reason)}`, { cause: reason });
  }
  const directory = directoryResult.value;
  const userRows = usersResult.value;

  const accounts: SeededAccount[] = [];
  const lines: string[] = [];
  const width = Math.max(...profile.users.map((u) => u.username.length));
  try {
    for (const [index, user] of profile.users.entries()) {
      const row = userRows[index]!;
      for (const grant of user.grants) {
        const service = grant.service === null ? null : directory.ids.get(grant.service)!;
        const site = grant.site && service ? service.sites.get(grant.site)! : null;
        const partnerId = grant.partner && service ? service.partners.get(grant.partner)! : null;
        const resolved: Grant = { role: grant.role, serviceId: service?.id ?? null, siteId: site?.id ?? null, partnerOrganisationId: partnerId };
        await services.users.grantRole(null, row.id, resolved, SEED_WHO, SEED_ORIGIN);
        const where = site ? `${site.name} (${grant.site})` : grant.partner ? `${grant.partner}, ${service!.name}` : service ? service.name : 'every service (installation)';
        accounts.push({ username: row.username, role: grant.role, where });
        lines.push(`    ${row.username.padEnd(width)}  ${ROLE_LABELS[grant.role]}, ${where}`);
      }
    }
  } catch (error) {
    throw new Error(`Adding the demo data stopped part way, and the database now holds part of it: start again with a new, empty database. Cause: ${(error as Error).message}`, { cause: error });
  }

  log(`  ${userRows.length} accounts, all with the password ${DEMO_PASSWORD}:`);
  for (const line of lines) log(line);
  const secondFactor = profile.users.filter((u) => u.totpRequired).map((u) => u.username);
  if (secondFactor.length > 0) log(`  ${secondFactor.join(', ')} must set up a second factor (an authenticator app) at first sign-in.`);

  // A year of synthetic activity (people, referrals, screens, cases, today's lists), written in one transaction.
  const activityStarted = performance.now();
  try {
    if (options.activity) {
      log(`  Demo activity: ${await options.activity()} (${((performance.now() - activityStarted) / 1000).toFixed(1)} s).`);
    } else {
      const activity = await services.demoActivity(profile.name);
      log(`  Demo activity: ${activity.people} invented people, ${activity.referrals} referrals over the past year, ${activity.screens} screens, ${activity.cases} cases (${((performance.now() - activityStarted) / 1000).toFixed(1)} s).`);
    }
  } catch (error) {
    throw new Error(`Adding the demo activity failed, so the demo has its services and accounts but no people or referrals. Cause: ${(error as Error).message}`, { cause: error });
  }
  log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  return { services: directory.ids.size, sites: directory.sites, partners: directory.partners, users: accounts };
}
