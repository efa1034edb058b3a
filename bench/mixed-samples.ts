// What the mixed-load benchmark asks for, read from the national data set before the application starts: for each
// of the services with the most open cases, its practitioners, custody suites, people and their names, open cases.
import { sql, type Kysely } from 'kysely';
import { openCases, peopleWithCases } from './samples.js';
import type { Database } from '../src/db/schema.js';

export type ServiceSample = {
  code: string;
  practitioners: string[];
  custodySiteIds: string[];
  familyNames: string[];
  personIds: string[];
  openCaseIds: string[];
};

/** `count` services, busiest first; `size` people and open cases of each (hashing the id gives a stable, unordered sample). */
export async function readServiceSamples(db: Kysely<Database>, count: number, size = 100): Promise<ServiceSample[]> {
  const busiest = await db
    .selectFrom('case_episode as c')
    .innerJoin('service as s', 's.id', 'c.service_id')
    .select(['s.id', 's.code', sql<string>`count(*)`.as('n')])
    .where('c.case_status', '=', 'open')
    .groupBy(['s.id', 's.code'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('s.code')
    .limit(count)
    .execute();
  const samples: ServiceSample[] = [];
  for (const service of busiest) {
    const practitioners = await db
      .selectFrom('app_user')
      .select('username')
      .where('username', 'in', [1, 2, 3].map((n) => `${service.code}.practitioner${n}`))
      .orderBy('username')
      .execute();
    const sites = await db.selectFrom('site').select('id').where('service_id', '=', service.id).where('site_kind', '=', 'custody_suite').where('is_active', '=', true).orderBy('code').execute();
    const people = await peopleWithCases(db, service.id, size);
    const cases = await openCases(db, service.id, size);
    if (practitioners.length === 0 || sites.length === 0 || people.length === 0 || cases.length === 0) {
      throw new Error(`The national data set lacks practitioners, custody suites, people or open cases in ${service.code}: load it again (BENCH_RELOAD=1)`);
    }
    samples.push({
      code: service.code,
      practitioners: practitioners.map((u) => u.username),
      custodySiteIds: sites.map((s) => s.id),
      familyNames: [...new Set(people.map((p) => p.family_name))],
      personIds: people.map((p) => p.id),
      openCaseIds: cases.map((c) => c.id),
    });
  }
  return samples;
}
