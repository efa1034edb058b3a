// The national directory for the case benchmark: about 100 services (the seeded ones and generated ones),
// each with five sites, a directory of partner services, about 20 case workers and a team manager.
// Generated rows have ids made from md5 of a name, so that the same load gives the same ids.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ServicePlan, SitePlan } from './identification-data.js';

/** Same as md5('text')::uuid in PostgreSQL. */
export function md5Uuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Service number s (1-based, in code order) and worker i: i = 0 is the team manager, 1..workers the case workers. */
export const userIdSql = (s: string, i: string) => `md5('bench-user-' || (${s}) || '-' || (${i}))::uuid`;
export const userId = (s: number, i: number) => md5Uuid(`bench-user-${s}-${i}`);
export const username = (s: number, i: number) => `bench.s${String(s).padStart(3, '0')}.${i === 0 ? 'manager' : `w${String(i).padStart(2, '0')}`}`;
/** Three in four case workers are practitioners, the rest support workers. */
export const workerRole = (i: number, workers: number) => (i === 0 ? 'team_manager' : i <= Math.ceil((workers * 3) / 4) ? 'practitioner' : 'support_worker');

const SITE_KINDS: Array<[string, string]> = [
  ['CS1', 'custody_suite'], ['PS1', 'police_station'], ['MC1', 'magistrates_court'], ['YC1', 'youth_court'], ['CB1', 'community_base'],
];

/** Partner services every generated service refers on to, with their typical waits in days. */
const PARTNERS: Array<[string, string, number]> = [
  ['CAMHS', 'camhs', 84], ['Adult Community Mental Health Team', 'adult_mental_health', 42], ['Drug and Alcohol Service', 'substance_misuse', 14],
  ['Speech and Language Therapy', 'speech_and_language', 60], ["Women's Centre", 'womens_centre', 10], ['Housing Options', 'housing', 21],
  ['Citizens Advice Debt Service', 'debt_advice', 14], ['Domestic Abuse Service', 'domestic_abuse', 7], ['Employment and Skills Hub', 'education_employment', 21],
  ['Adult Safeguarding Team', 'safeguarding', 3], ['Learning Disability Team', 'learning_disability', 56],
];

/** Adds generated services (to `services` in all) with their sites, partners, workers and managers; returns how many were added. */
export async function insertDirectory(client: pg.Client, services: number, workers: number) {
  const existing = Number((await client.query<{ n: string }>('select count(*) as n from service')).rows[0]!.n);
  const add = Math.max(0, services - existing);
  await client.query(
    `insert into service (id, code, name, provider, commissioner, contact_email)
     select md5('bench-service-' || s)::uuid, 'bench-' || lpad(s::text, 3, '0'), 'Liaison and Diversion area ' || lpad(s::text, 3, '0'),
            'NHS provider ' || (1 + s % 40), 'NHS England region ' || (1 + s % 7), 'ld-' || s || '@example.nhs.uk'
     from generate_series(1, $1::int) s`,
    [add],
  );
  await client.query(
    `insert into site (id, service_id, code, name, site_kind, address)
     select md5('bench-site-' || s || '-' || k.code)::uuid, md5('bench-service-' || s)::uuid, 'B' || lpad(s::text, 3, '0') || '-' || k.code,
            'Area ' || lpad(s::text, 3, '0') || ' ' || replace(k.kind, '_', ' '), k.kind, 'Area ' || s
     from generate_series(1, $1::int) s, unnest($2::text[], $3::text[]) as k(code, kind)`,
    [add, SITE_KINDS.map(([c]) => c), SITE_KINDS.map(([, k]) => k)],
  );
  await client.query(
    `insert into partner_organisation (service_id, name, pathway, contact_name, contact_phone, typical_wait_days)
     select md5('bench-service-' || s)::uuid, p.name || ' (area ' || lpad(s::text, 3, '0') || ')', p.pathway, 'Referrals team', '0300 000 ' || lpad((s * 11 + p.o)::text, 4, '0'), p.wait
     from generate_series(1, $1::int) s, unnest($2::text[], $3::text[], $4::int[]) with ordinality as p(name, pathway, wait, o)`,
    [add, PARTNERS.map(([n]) => n), PARTNERS.map(([, p]) => p), PARTNERS.map(([, , w]) => w)],
  );
  // Workers and a manager for every service, the seeded ones too (service numbers follow the order of codes).
  const serviceIds = (await client.query<{ id: string }>('select id from service order by code')).rows.map((r) => r.id);
  const roles = Array.from({ length: workers + 1 }, (_, i) => workerRole(i, workers));
  await client.query(
    `insert into app_user (id, username, display_name, job_title, password_hash)
     select ${userIdSql('s', 'i')},
            'bench.s' || lpad(s::text, 3, '0') || case when i = 0 then '.manager' else '.w' || lpad(i::text, 2, '0') end,
            ($3::text[])[1 + (s * 31 + i * 7) % cardinality($3::text[])] || ' ' || ($4::text[])[1 + (s * 17 + i * 13) % cardinality($4::text[])],
            case ($5::text[])[i + 1] when 'team_manager' then 'Team manager' when 'practitioner' then 'L&D practitioner' else 'Support worker' end,
            '!bench: no password'
     from generate_series(1, $1::int) s, generate_series(0, $2::int) i`,
    [serviceIds.length, workers, GIVEN, FAMILY, roles],
  );
  await client.query(
    `insert into role_grant (id, user_id, role, service_id)
     select md5('bench-grant-' || s || '-' || i)::uuid, ${userIdSql('s', 'i')}, ($3::text[])[i + 1], ($4::uuid[])[s]
     from generate_series(1, $1::int) s, generate_series(0, $2::int) i`,
    [serviceIds.length, workers, roles, serviceIds],
  );
  return add;
}

const GIVEN = ['Amira', 'Ben', 'Chloe', 'Dev', 'Ellen', 'Farid', 'Grace', 'Harpreet', 'Isla', 'Jonah', 'Kiran', 'Lena', 'Marcus', 'Nadia', 'Owen', 'Priya', 'Rory', 'Sian', 'Tomasz', 'Uzma'];
const FAMILY = ['Achterberg', 'Blakeley', 'Cawthorne', 'Dunleavy', 'Esterhuizen', 'Fairclough', 'Gathercole', 'Hebblethwaite', 'Illingworth', 'Jagger', 'Kershaw', 'Lumb', 'Mellor', 'Naylor', 'Oldroyd', 'Pickles', 'Quarmby', 'Rhodes', 'Stansfield', 'Tattersall', 'Uttley'];

export type Directory = {
  plan: { services: ServicePlan[]; sites: SitePlan[] };
  serviceIds: string[];
  /** Partner organisations of all services, grouped by service number: ids[from[s] + j] for j < count[s]. */
  partners: { ids: string[]; waits: number[]; from: number[]; count: number[] };
};

/** The services in code order with an equal share of `people` each, their sites, and their partners. */
export async function readDirectory(client: pg.Client, people: number): Promise<Directory> {
  const services = (await client.query<{ id: string; code: string }>('select id, code from service order by code')).rows;
  const share = Math.floor(people / services.length);
  const servicePlans: ServicePlan[] = services.map((s, i) => ({
    id: s.id, code: s.code, peopleFrom: 1 + i * share, peopleCount: i === services.length - 1 ? people - i * share : share,
  }));
  const index = new Map(services.map((s, i) => [s.id, i]));
  const sites: SitePlan[] = (await client.query<{ id: string; code: string; site_kind: string; service_id: string }>(
    'select id, code, site_kind, service_id from site where is_active order by code',
  )).rows.map((s) => ({ id: s.id, code: s.code, kind: s.site_kind, serviceIndex: index.get(s.service_id)!, practitionerId: userId(index.get(s.service_id)! + 1, 1) }));
  const partnerRows = (await client.query<{ id: string; service_id: string; typical_wait_days: number | null }>(
    'select id, service_id, typical_wait_days from partner_organisation where is_active order by service_id, name',
  )).rows.sort((a, b) => index.get(a.service_id)! - index.get(b.service_id)!);
  const from = services.map(() => 0);
  const count = services.map(() => 0);
  partnerRows.forEach((p, i) => {
    const s = index.get(p.service_id)!;
    if (count[s] === 0) from[s] = i + 1;
    count[s]! += 1;
  });
  if (count.some((c) => c === 0)) throw new Error('A service has no partner organisations to refer on to');
  return {
    plan: { services: servicePlans, sites },
    serviceIds: services.map((s) => s.id),
    partners: { ids: partnerRows.map((p) => p.id), waits: partnerRows.map((p) => p.typical_wait_days ?? 28), from, count },
  };
}
