// Synthetic people and referrals for the identification benchmark, loaded with server-side SQL.
// Every value is made from a hash of a row number, so a load is repeatable: person n always has
// the same id (md5 of "bench-person-n"), name, date of birth and identifiers.
import type pg from 'pg';
import { mulberry32 } from '../src/services/seed/activity.js';
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from '../src/services/seed/national/names.js';
import { Params, coded, hashFunctionSql, expand, flat, nhsCheckSql, weighted, type Weighted } from '../src/services/seed/national/sql-kit.js';
import {
  ETHNICITY, FAMILY, FEMALE, LANGUAGES, MALE, OFFENCES, REASONS, REFERRER_SQL, SITE_WEIGHT, URGENCY, custodyStatusesFor, sourcesFor,
} from '../src/services/seed/national/vocabulary.js';

export { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, FAMILY, Params, weighted, type Weighted };

/** Changes whenever the generator below changes, so an old benchmark database is reloaded. */
export const DATA_VERSION = 'divert-bench-identification v1';



const CLOSED_STATES = weighted([['screened', 50], ['assessment_needed', 22], ['no_further_action', 28]], 100);



// ---------------------------------------------------------------------------------------------
// The sites of the seeded profile and what kind of referral each one gets.
// ---------------------------------------------------------------------------------------------

export type SitePlan = { id: string; code: string; kind: string; serviceIndex: number; practitionerId: string | null };
export type ServicePlan = { id: string; code: string; peopleFrom: number; peopleCount: number };

/** Shares of people per service by code; a service not named gets an equal part of what is left. */
const SERVICE_SHARE: Record<string, number> = { 'calder-vale': 0.7, 'five-towns': 0.15, 'pennine-kirk': 0.15 };

export async function readPlan(client: pg.Client, people: number) {
  const services = (await client.query<{ id: string; code: string }>('select id, code from service order by code')).rows;
  if (services.length === 0) throw new Error('The benchmark database has no services: the seed did not run');
  const named = services.filter((s) => SERVICE_SHARE[s.code] !== undefined);
  const rest = (1 - named.reduce((t, s) => t + SERVICE_SHARE[s.code]!, 0)) / Math.max(1, services.length - named.length);
  const servicePlans: ServicePlan[] = [];
  let from = 1;
  for (const [i, s] of services.entries()) {
    const share = SERVICE_SHARE[s.code] ?? rest;
    const count = i === services.length - 1 ? people - from + 1 : Math.round(people * share);
    servicePlans.push({ id: s.id, code: s.code, peopleFrom: from, peopleCount: count });
    from += count;
  }
  const practitioners = new Map(
    (await client.query<{ service_id: string; user_id: string }>(
      "select distinct on (service_id) service_id, user_id from role_grant where role = 'practitioner' order by service_id, created_at, user_id",
    )).rows.map((r) => [r.service_id, r.user_id]),
  );
  const siteRows = (await client.query<{ id: string; code: string; site_kind: string; service_id: string }>(
    'select id, code, site_kind, service_id from site where is_active order by code',
  )).rows;
  const sites: SitePlan[] = siteRows.map((s) => ({
    id: s.id,
    code: s.code,
    kind: s.site_kind,
    serviceIndex: services.findIndex((v) => v.id === s.service_id),
    practitionerId: practitioners.get(s.service_id) ?? null,
  }));
  return { services: servicePlans, sites };
}

// ---------------------------------------------------------------------------------------------
// The load.
// ---------------------------------------------------------------------------------------------

export async function prepareLoadSession(client: pg.Client) {
  await client.query(hashFunctionSql());
  // Foreign keys are triggers: with replication role "replica" they do not fire, so a million rows
  // load without a million look-ups. The data is consistent by construction, and checked after.
  // Needs a superuser; without one the triggers run and the load is slower, nothing else changes.
  await client.query("set session_replication_role = 'replica'").catch(() => undefined);
  await client.query("set work_mem = '256MB'");
  await client.query("set maintenance_work_mem = '512MB'");
  await client.query('set synchronous_commit = off');
  await client.query('set jit = off');
}

/** Inserts people numbered first to last (of the plan's total); two ranges can load at once on two connections. */
export async function insertPeople(client: pg.Client, plan: Awaited<ReturnType<typeof readPlan>>, first: number, last: number, today: string) {
  // NHS numbers and PNC IDs already recorded (by the seed, if it makes people) are left out, not duplicated.
  const existing = await client.query<{ nhs: string[]; pnc: string[] }>(
    "select coalesce(array_agg(nhs_number) filter (where nhs_number is not null), '{}') as nhs, coalesce(array_agg(pnc_id) filter (where pnc_id is not null), '{}') as pnc from person",
  );
  const svcBounds = plan.services.map((s) => s.peopleFrom + s.peopleCount - 1);
  const p = new Params();
  const serviceIds = p.add(plan.services.map((s) => s.id), 'uuid[]');
  const day = p.add(today, 'date');
  const sql = `
    insert into person (id, service_id, given_name, family_name, date_of_birth, sex, ethnicity_code, first_language, interpreter_needed,
                        postcode, nhs_number, pnc_id, is_veteran, is_care_leaver, known_risk, version, created_at, updated_at)
    select md5('bench-person-' || n)::uuid,
           (${serviceIds})[svc],
           case when female then ${p.pick(FEMALE, 'gf', 'n')} else ${p.pick(MALE, 'gm', 'n')} end,
           ${p.pick(FAMILY, 'f', 'n')},
           case when pg_temp.h('nodob', n) % 100 < 3 then null else ${day} - age_days end,
           case when female then 'female' when pg_temp.h('sx', n) % 100 < 2 then 'not_known' else 'male' end,
           ${p.pick(ETHNICITY, 'eth', 'n')},
           language,
           language <> 'English' and pg_temp.h('interp', n) % 3 = 0,
           'HX' || (1 + pg_temp.h('pc1', n) % 7) || ' ' || (pg_temp.h('pc2', n) % 10)
             || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + (pg_temp.h('pc3', n) % 20)::int, 1) || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + (pg_temp.h('pc4', n) % 20)::int, 1),
           case when has_nhs and nhs not in (select unnest(${p.add(existing.rows[0]!.nhs, 'text[]')})) then nhs end,
           case when has_pnc and pnc not in (select unnest(${p.add(existing.rows[0]!.pnc, 'text[]')})) then pnc end,
           not female and age_days > 8000 and pg_temp.h('vet', n) % 100 < 4,
           age_days < 9500 and pg_temp.h('care', n) % 100 < 8,
           case when pg_temp.h('risk', n) % 100 < 4 then 'Assaulted staff during a previous detention: two staff to attend.' else '' end,
           1 + (pg_temp.h('ver', n) % 3)::int,
           created, created
    from (
      select n, svc, female, age_days, language,
             pg_temp.h('nhs', n) % 100 < 77 as has_nhs,
             ${nhsCheckSql('nine')} as nhs,
             pg_temp.h('pnc', n) % 100 < 35 as has_pnc,
             pncyear || '/' || lpad(n::text, 7, '0') || substr('ZABCDEFGHJKLMNPQRTUVWXY', 1 + (((pncyear % 100)::bigint * 10000000 + n) % 23)::int, 1) as pnc,
             ${day} - (pg_temp.h('created', n) % 2555)::int + time '09:00' + make_interval(mins => (pg_temp.h('cmin', n) % 600)::int) as created
      from (
        select n,
               case ${svcBounds.map((b, i) => `when n <= ${b} then ${i + 1}`).join(' ')} end as svc,
               pg_temp.h('sex', n) % 100 < 17 as female,
               case when pg_temp.h('child', n) % 100 < 12 then 3653 + (pg_temp.h('dob', n) % 2920)::int
                    else 6575 + floor(power((pg_temp.h('dob', n) % 1000000) / 1e6::float8, 1.8) * 18250)::int end as age_days,
               ${p.pick(LANGUAGES, 'lang', 'n')} as language,
               '999' || lpad(((n * 7919) % 1000000)::text, 6, '0') as nine,
               least(2000 + (pg_temp.h('pyear', n) % 26)::int, extract(year from ${day})::int) as pncyear
        from generate_series(${p.add(first, 'bigint')}, ${p.add(last, 'bigint')}) as n
        offset 0
      ) a
      offset 0
    ) b`;
  const result = await client.query(sql, p.values);
  return result.rowCount ?? 0;
}

/** About one person in twenty is also known by another name: a nickname, or a former family name. */
export async function insertAliases(client: pg.Client, people: number) {
  const p = new Params();
  const result = await client.query(
    `insert into person_alias (service_id, person_id, given_name, family_name, created_at)
     select p.service_id, p.id,
            case when pg_temp.h('aliasg', n) % 2 = 0 then ${p.pick(MALE, 'ag', 'n')} else p.given_name end,
            case when pg_temp.h('aliasg', n) % 2 = 0 then p.family_name else ${p.pick(FAMILY, 'af', 'n')} end,
            p.created_at
     from generate_series(1::bigint, ${p.add(people, 'bigint')}) as n
     join person p on p.id = md5('bench-person-' || n)::uuid
     where pg_temp.h('alias', n) % 100 < 5`,
    p.values,
  );
  return result.rowCount ?? 0;
}


function siteArrays(plan: Awaited<ReturnType<typeof readPlan>>) {
  const siteWeights = plan.sites.map((s, i) => [i + 1, SITE_WEIGHT[s.kind] ?? 5] as [number, number]);
  return {
    slotSite: expand(siteWeights, 1000),
    siteIds: plan.sites.map((s) => s.id),
    siteCodes: plan.sites.map((s) => s.code),
    siteService: plan.sites.map((s) => s.serviceIndex + 1),
    sitePractitioner: plan.sites.map((s) => s.practitionerId),
    siteSources: coded(plan.sites.flatMap((s) => sourcesFor(s.kind))),
    siteStatuses: coded(plan.sites.flatMap((s) => custodyStatusesFor(s.kind))),
    serviceIds: plan.services.map((s) => s.id),
    serviceFrom: plan.services.map((s) => s.peopleFrom),
    serviceCount: plan.services.map((s) => s.peopleCount),
  };
}

const REFERRAL_COLUMNS = `service_id, site_id, person_id, subject_given_name, subject_family_name, subject_date_of_birth, source, referrer_name, referrer_role,
  arrived_at, referred_at, reason_for_concern, offence_category, victim_involved, custody_status, custody_record_number, court_case_reference,
  urgency, referral_state, picked_up_by, picked_up_at, screened_at, version, created_at, updated_at`;


/**
 * The referrals of the past two years, all dealt with (screened, assessment needed or no further action),
 * ending four hours before the start of `today` so that today's list holds only the slice made each run.
 * Referral m goes to a site by weight and to a person of the site's service (some people return often).
 */
export async function insertPastReferrals(client: pg.Client, plan: Awaited<ReturnType<typeof readPlan>>, first: number, last: number, endAt: Date) {
  const a = siteArrays(plan);
  const p = new Params();
  const slotSite = p.add(a.slotSite, 'int[]');
  const siteService = p.add(a.siteService, 'int[]');
  const referrers = weighted(FAMILY_NAMES.slice(0, 120).map((f, i) => [`PS ${f}`, 1 / (i + 25)]), 1000);
  const result = await client.query(
    `insert into referral (${REFERRAL_COLUMNS})
     select svc_id, site_id, p.id, p.given_name, p.family_name, p.date_of_birth, src,
            case when src in ('family', 'self') then p.given_name || ' ' || p.family_name else ${p.pick(referrers, 'rn', 'm')} end,
            ${REFERRER_SQL('src')},
            case when cst in ('in_custody', 'voluntary_attendance') then referred_at - make_interval(mins => 5 + (pg_temp.h('arr', m) % 240)::int) end,
            referred_at,
            (${p.add(REASONS, 'text[]')})[1 + pg_temp.h('why', m) % ${REASONS.length}],
            ${p.pick(OFFENCES, 'off', 'm')},
            (array['yes', 'no', 'yes', 'no', 'not_known'])[1 + pg_temp.h('vic', m) % 5],
            cst,
            case when cst in ('in_custody', 'voluntary_attendance') then site_code || '/' || lpad((m % 100000)::text, 5, '0') || '/' || to_char(referred_at, 'YY') else '' end,
            case when cst = 'at_court' then '0' || lpad((m % 10000000)::text, 7, '0') || to_char(referred_at, 'YY') else '' end,
            ${p.pick(URGENCY, 'urg', 'm')},
            state,
            (${p.add(a.sitePractitioner, 'uuid[]')})[si],
            referred_at + make_interval(mins => 5 + (pg_temp.h('pick', m) % 110)::int),
            case when state <> 'no_further_action' or pg_temp.h('nfa', m) % 2 = 0
                 then referred_at + make_interval(mins => 30 + (pg_temp.h('scr', m) % 150)::int) end,
            3,
            referred_at,
            referred_at + interval '3 hours'
     from (
       select m, si, svc_id, site_id, site_code, k, referred_at,
              (${p.add(a.siteSources.values, 'text[]')})[(${p.add(a.siteSources.codes, 'int[]')})[(si - 1) * 20 + 1 + pg_temp.h('src', m) % 20]] as src,
              (${p.add(a.siteStatuses.values, 'text[]')})[(${p.add(a.siteStatuses.codes, 'int[]')})[(si - 1) * 20 + 1 + pg_temp.h('cst', m) % 20]] as cst,
              ${p.pick(CLOSED_STATES, 'st', 'm')} as state
       from (
         select m, si,
                (${p.add(a.serviceIds, 'uuid[]')})[(${siteService})[si]] as svc_id,
                (${p.add(a.siteIds, 'uuid[]')})[si] as site_id,
                (${p.add(a.siteCodes, 'text[]')})[si] as site_code,
                (${p.add(a.serviceFrom, 'int[]')})[(${siteService})[si]]
                  + floor((${p.add(a.serviceCount, 'int[]')})[(${siteService})[si]] * power((pg_temp.h('who', m) % 1000000) / 1e6::float8, 1.3))::bigint as k,
                ${p.add(endAt.toISOString(), 'timestamptz')} - make_interval(secs => (pg_temp.h('when', m) % (730 * 86400))::double precision) as referred_at
         from (select m, (${slotSite})[1 + pg_temp.h('site', m) % cardinality(${slotSite})] as si
               from generate_series(${p.add(first, 'bigint')}, ${p.add(last, 'bigint')}) as m offset 0) s
         offset 0
       ) t
       offset 0
     ) r
     join person p on p.id = md5('bench-person-' || r.k)::uuid`,
    p.values,
  );
  return result.rowCount ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Today's slice: made again on every run, so that "today" is today whenever the benchmark runs.
// ---------------------------------------------------------------------------------------------

/** Per site kind: referrals so far today, how many of the latest are still waiting (new or being screened), and how many from last night still wait. */
const TODAY: Record<string, { today: number; open: number; carried: number }> = {
  custody_suite: { today: 24, open: 10, carried: 3 },
  police_station: { today: 6, open: 2, carried: 1 },
  magistrates_court: { today: 10, open: 4, carried: 0 },
  youth_court: { today: 3, open: 1, carried: 0 },
  crown_court: { today: 2, open: 1, carried: 0 },
  community_base: { today: 2, open: 1, carried: 0 },
};

export const TODAY_ID_LIMIT = 2000;
export const todaySliceSize = (plan: Awaited<ReturnType<typeof readPlan>>) =>
  plan.sites.reduce((t, s) => t + (TODAY[s.kind]?.today ?? 2) + (TODAY[s.kind]?.carried ?? 0), 0);


/** Deletes the previous run's slice (ids md5("bench-today-i")) and makes today's: returns the rows made and how many wait. */
export async function refreshTodaySlice(client: pg.Client, plan: Awaited<ReturnType<typeof readPlan>>, startOfDay: Date, now: Date) {
  const ids = `(select md5('bench-today-' || i)::uuid from generate_series(1, ${TODAY_ID_LIMIT}) i)`;
  await client.query(`delete from case_episode where referral_id in ${ids}`);
  await client.query(`delete from screening where referral_id in ${ids}`);
  await client.query(`delete from referral where id in ${ids}`);
  const random = mulberry32(20_260_101);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  type Row = { i: number; si: number; k: number; referred_at: string; arrived_min: number | null; state: string; linked: boolean; urgency: string; offence: string; source: string; cst: string; picked: boolean; screened: boolean };
  const rows: Row[] = [];
  const span = Math.max(now.getTime() - startOfDay.getTime(), 60_000);
  for (const [index, site] of plan.sites.entries()) {
    const spec = TODAY[site.kind] ?? { today: 2, open: 1, carried: 0 };
    const service = plan.services[site.serviceIndex]!;
    const person = () => service.peopleFrom + Math.floor(service.peopleCount * random() ** 1.3);
    const sources = sourcesFor(site.kind);
    const statuses = custodyStatusesFor(site.kind);
    const add = (at: Date, state: string, urgency: string) => {
      const cst = pick(statuses);
      const open = state === 'new' || state === 'being_screened';
      rows.push({
        i: rows.length + 1, si: index + 1, k: person(), referred_at: at.toISOString(),
        arrived_min: cst === 'in_custody' || cst === 'voluntary_attendance' ? 5 + Math.floor(random() * 90) : null,
        state, linked: !(state === 'new' && random() < 0.5), urgency, offence: pick(flat(OFFENCES)), source: pick(sources), cst,
        picked: state !== 'new', screened: !open && (state !== 'no_further_action' || random() < 0.5),
      });
    };
    for (let j = 0; j < spec.carried; j++) {
      add(new Date(startOfDay.getTime() - (6 - j) * 3_600_000 + Math.floor(random() * 1_800_000)), j === 0 ? 'being_screened' : 'new', j === 0 ? 'urgent' : 'routine');
    }
    for (let j = 0; j < spec.today; j++) {
      const at = new Date(startOfDay.getTime() + Math.floor((span * (j + 1)) / (spec.today + 1)));
      const waiting = j >= spec.today - spec.open;
      const state = waiting ? (j >= spec.today - Math.ceil((spec.open * 2) / 3) ? 'new' : 'being_screened') : pick(flat(CLOSED_STATES));
      const urgency = waiting && j === spec.today - 1 && site.kind === 'custody_suite' ? 'immediate' : pick(flat(URGENCY));
      add(at, state, urgency);
    }
  }
  if (rows.length > TODAY_ID_LIMIT) throw new Error(`Today's slice has ${rows.length} rows: raise TODAY_ID_LIMIT`);
  const a = siteArrays(plan);
  await client.query(
    `insert into referral (id, ${REFERRAL_COLUMNS})
     select md5('bench-today-' || t.i)::uuid, ($1::uuid[])[($2::int[])[t.si]], ($3::uuid[])[t.si], case when t.linked then p.id end,
            p.given_name, p.family_name, p.date_of_birth, t.source, 'PS ' || p.family_name, ${REFERRER_SQL('t.source')},
            case when t.arrived_min is not null then t.referred_at - make_interval(mins => t.arrived_min) end,
            t.referred_at, ($4::text[])[1 + t.i % cardinality($4::text[])], t.offence, 'not_known', t.cst,
            case when t.cst in ('in_custody', 'voluntary_attendance') then ($6::text[])[t.si] || '/' || lpad(t.i::text, 5, '0') || '/' || to_char(t.referred_at, 'YY') else '' end,
            case when t.cst = 'at_court' then '0' || lpad((9000000 + t.i)::text, 7, '0') || to_char(t.referred_at, 'YY') else '' end,
            t.urgency, t.state,
            case when t.picked then ($5::uuid[])[t.si] end,
            case when t.picked then least(t.referred_at + interval '10 minutes', $7::timestamptz) end,
            case when t.screened then least(t.referred_at + interval '40 minutes', $7::timestamptz) end,
            case when t.state = 'new' then 1 else 2 end, t.referred_at, t.referred_at
     from json_to_recordset($8::json) as t(i int, si int, k bigint, referred_at timestamptz, arrived_min int, state text, linked boolean, urgency text, offence text, source text, cst text, picked boolean, screened boolean)
     join person p on p.id = md5('bench-person-' || t.k)::uuid`,
    [a.serviceIds, a.siteService, a.siteIds, REASONS, a.sitePractitioner, a.siteCodes, now.toISOString(), JSON.stringify(rows)],
  );
  return { rows: rows.length, waiting: rows.filter((r) => r.state === 'new' || r.state === 'being_screened').length };
}
