// What the page benchmark asks for, read from the national data set before the application starts: the largest
// service, its busiest custody suite today, people and their names to search, open cases, and the last quarter.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { londonDate, startOfLondonDay } from '../src/domain/london-time.js';

export type Samples = {
  serviceId: string;
  siteId: string;
  todaysReferrals: number;
  personIds: string[];
  familyNames: string[];
  openCaseIds: string[];
  quarter: string;
};

/** The service every measured user works in: Greyhaven, the national profile's largest. */
export const SERVICE_CODE = 'greyhaven';

export async function readSamples(db: Kysely<Database>, now: Date, size = 200): Promise<Samples> {
  const service = await db.selectFrom('service').select('id').where('code', '=', SERVICE_CODE).executeTakeFirstOrThrow();
  const dayStart = startOfLondonDay(now);
  const busiest = await db
    .selectFrom('referral as r')
    .innerJoin('site as s', 's.id', 'r.site_id')
    .select(['r.site_id', sql<string>`count(*)`.as('n')])
    .where('r.service_id', '=', service.id)
    .where('s.site_kind', '=', 'custody_suite')
    .where('r.referred_at', '>=', dayStart)
    .groupBy('r.site_id')
    .orderBy(sql`count(*)`, 'desc')
    .executeTakeFirst();
  const siteId = busiest?.site_id
    ?? (await db.selectFrom('site').select('id').where('service_id', '=', service.id).where('site_kind', '=', 'custody_suite').orderBy('code').executeTakeFirstOrThrow()).id;
  const people = await peopleWithCases(db, service.id, size);
  const cases = await openCases(db, service.id, size);
  if (people.length === 0 || cases.length === 0) throw new Error('The national data set has no people or open cases in the measured service: load it again (BENCH_RELOAD=1)');
  const [y, m] = londonDate(now).split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3);
  return {
    serviceId: service.id,
    siteId,
    todaysReferrals: Number(busiest?.n ?? 0),
    personIds: people.map((p) => p.id),
    familyNames: [...new Set(people.map((p) => p.family_name.toLowerCase()))],
    openCaseIds: cases.map((c) => c.id),
    quarter: q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`,
  };
}

/** People of a service who have had a case, spread over it (hashing the id gives a stable, unordered sample). */
export function peopleWithCases(db: Kysely<Database>, serviceId: string, size: number) {
  return db
    .selectFrom('person as p')
    .select(['p.id', 'p.family_name'])
    .where('p.service_id', '=', serviceId)
    .where((eb) => eb.exists(eb.selectFrom('case_episode as c').select('c.id').whereRef('c.person_id', '=', 'p.id')))
    .orderBy(sql`md5(p.id::text)`)
    .limit(size)
    .execute();
}

/** Open cases of a service, sampled the same way. */
export function openCases(db: Kysely<Database>, serviceId: string, size: number) {
  return db
    .selectFrom('case_episode')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('case_status', '=', 'open')
    .orderBy(sql`md5(id::text)`)
    .limit(size)
    .execute();
}
