// What the national generator reads back after the directory is made: the services in code order with their share
// of the invented people, staff and partners, and the sites with the weighted slots that spread referrals over them.
import { NATIONAL_AREAS } from './directory.js';
import { coded, expand, hashFunctionSql, type SqlRunner } from './sql-kit.js';
import { SITE_WEIGHT, custodyStatusesFor, sourcesFor } from './vocabulary.js';
import { shareOut } from './volumes.js';

export type NationalContext = {
  seed: number;
  now: Date;
  /** London calendar date of `now`. */
  today: string;
  services: Array<{ id: string; code: string; peopleFrom: number; peopleCount: number; managerId: string }>;
  /** Practitioners and the manager of all services, grouped by service number: ids[from[s] + j - 1] for j < count[s]. */
  staff: { ids: string[]; from: number[]; count: number[] };
  partners: { ids: string[]; pathways: string[]; waits: number[]; from: number[]; count: number[] };
  sites: { ids: string[]; codes: string[]; kinds: string[]; service: number[]; slots: number[]; sources: ReturnType<typeof coded>; statuses: ReturnType<typeof coded> };
};

/** Groups rows by service number (1-based) into one flat list with the first position and count of each service's rows. */
function grouped<T extends { service_id: string }>(rows: T[], index: Map<string, number>, services: number) {
  const sorted = [...rows].sort((a, b) => index.get(a.service_id)! - index.get(b.service_id)!);
  const from = Array.from({ length: services }, () => 0);
  const count = Array.from({ length: services }, () => 0);
  sorted.forEach((r, i) => {
    const s = index.get(r.service_id)!;
    if (count[s] === 0) from[s] = i + 1;
    count[s]! += 1;
  });
  return { sorted, from, count };
}

/** Reads the national directory back and plans the people of each service by its area's weight. */
export async function readNationalContext(run: SqlRunner, seed: number, now: Date, today: string, people: number): Promise<NationalContext> {
  const codes = NATIONAL_AREAS.map((a) => a.code);
  const services = (await run.query<{ id: string; code: string }>('select id::text as id, code from service where code = any($1::text[]) order by code', [codes])).rows;
  if (services.length !== codes.length) throw new Error(`The national directory has ${services.length} of its ${codes.length} services: seed it first`);
  const index = new Map(services.map((s, i) => [s.id, i]));
  const weight = new Map(NATIONAL_AREAS.map((a) => [a.code, a.weight]));
  const ranges = shareOut(people, services.map((s) => weight.get(s.code)!));
  const staffRows = (await run.query<{ service_id: string; user_id: string; role: string }>(
    `select g.service_id::text as service_id, g.user_id::text as user_id, g.role from role_grant g join app_user u on u.id = g.user_id
     where g.service_id = any($1::uuid[]) and g.role in ('practitioner', 'team_manager') order by g.role, u.username`,
    [services.map((s) => s.id)],
  )).rows;
  const managers = new Map<string, string>();
  for (const r of staffRows) if (r.role === 'team_manager' && !managers.has(r.service_id)) managers.set(r.service_id, r.user_id);
  const practitioners = grouped(staffRows.filter((r) => r.role === 'practitioner'), index, services.length);
  if (practitioners.count.some((c) => c === 0) || managers.size !== services.length) throw new Error('Every national service needs a team manager and a practitioner');
  const partnerRows = (await run.query<{ id: string; service_id: string; pathway: string; typical_wait_days: number | null }>(
    'select id::text as id, service_id::text as service_id, pathway, typical_wait_days from partner_organisation where service_id = any($1::uuid[]) and is_active order by name',
    [services.map((s) => s.id)],
  )).rows;
  const partners = grouped(partnerRows, index, services.length);
  const siteRows = (await run.query<{ id: string; code: string; site_kind: string; service_id: string }>(
    'select id::text as id, code, site_kind, service_id::text as service_id from site where service_id = any($1::uuid[]) and is_active order by code',
    [services.map((s) => s.id)],
  )).rows;
  // A site's share of referrals: its service's weight, split over the service's sites by kind.
  const kindTotal = new Map<string, number>();
  for (const s of siteRows) kindTotal.set(s.service_id, (kindTotal.get(s.service_id) ?? 0) + (SITE_WEIGHT[s.site_kind] ?? 5));
  const siteWeights = siteRows.map((s, i) => {
    const area = weight.get(services[index.get(s.service_id)!]!.code)!;
    return [i + 1, (area * (SITE_WEIGHT[s.site_kind] ?? 5)) / kindTotal.get(s.service_id)!] as [number, number];
  });
  return {
    seed,
    now,
    today,
    services: services.map((s, i) => ({ id: s.id, code: s.code, peopleFrom: ranges[i]!.from, peopleCount: ranges[i]!.count, managerId: managers.get(s.id)! })),
    staff: { ids: practitioners.sorted.map((r) => r.user_id), from: practitioners.from, count: practitioners.count },
    partners: {
      ids: partners.sorted.map((p) => p.id), pathways: partners.sorted.map((p) => p.pathway), waits: partners.sorted.map((p) => p.typical_wait_days ?? 28),
      from: partners.from, count: partners.count,
    },
    sites: {
      ids: siteRows.map((s) => s.id), codes: siteRows.map((s) => s.code), kinds: siteRows.map((s) => s.site_kind),
      service: siteRows.map((s) => index.get(s.service_id)! + 1), slots: expand(siteWeights, 10_000),
      sources: coded(siteRows.flatMap((s) => sourcesFor(s.site_kind))), statuses: coded(siteRows.flatMap((s) => custodyStatusesFor(s.site_kind))),
    },
  };
}

/** Makes the session-local functions the load's SQL uses: pg_temp.h (the seeded hash) and pg_temp.k (a uuid's 32-bit key). */
export async function prepareNationalSession(run: SqlRunner, seed: number): Promise<void> {
  await run.query(hashFunctionSql(`national-${seed}`));
  await run.query(`create or replace function pg_temp.k(id uuid) returns bigint language sql immutable parallel safe
    as $$ select ('x' || substr(id::text, 1, 8))::bit(32)::bigint $$`);
}

/** The SQL of a deterministic uuid for row `n` (SQL) of a kind, under the seed. */
export const idSql = (seed: number, kind: string, n: string) => `md5('national-${seed}-${kind}-' || ${n})::uuid`;
