// The dashboard's grouped queries: every figure is counted in SQL, grouped, over the services and period asked for;
// nothing here loads one row per referral. The same SQL runs on PGlite and on a PostgreSQL server (15 and later).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AGE_BAND_AGES } from '../../domain/age-bands.js';
import { OLDEST_LIKELY_AGE } from '../../domain/age.js';
import { SUPPORT_DAYS } from '../../domain/twelve-week-clock.js';

/** The services and the half-open span of instants [start, end) a period covers, with its calendar dates. */
export type QueryScope = { serviceIds: string[]; start: Date; end: Date; from: string; to: string; today: string };

export type ActivityCounts = {
  referrals: number;
  screens: number;
  assessments: number;
  casesOpened: number;
  casesClosed: number;
  disclosures: number;
  courtReports: number;
};

export type KeyCount = { key: string; count: number };

export type ReferralBreakdowns = {
  site: KeyCount[];
  source: KeyCount[];
  ageBand: KeyCount[];
  sex: KeyCount[];
  ethnicity: KeyCount[];
};

export type ResponseTimeRow = { siteId: string | null; screened: number; medianMinutes: number | null; p90Minutes: number | null; withinTarget: number };

export type OnwardRow = { pathway: string | null; sent: number; accepted: number; declined: number; waiting: number; appointmentsKept: number; appointmentsOutcome: number; waitsKnown: number; medianWaitDays: number | null };

const ids = (scope: QueryScope): RawBuilder<unknown> => sql.join(scope.serviceIds.map((id) => sql`${id}::uuid`));
const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Referrals, completed screens and assessments, cases opened and closed, disclosures made and court reports issued in the period. */
export async function activityCounts(db: Kysely<Database>, scope: QueryScope): Promise<ActivityCounts> {
  const { start, end, from, to } = scope;
  const s = ids(scope);
  const result = await sql<Record<keyof ActivityCounts, unknown>>`
    select
      (select count(*) from referral where service_id in (${s}) and referred_at >= ${start} and referred_at < ${end}) as referrals,
      (select count(*) from screening where service_id in (${s}) and screening_status = 'completed' and completed_at >= ${start} and completed_at < ${end}) as screens,
      (select count(*) from assessment where service_id in (${s}) and assessment_status = 'completed' and completed_at >= ${start} and completed_at < ${end}) as assessments,
      (select count(*) from case_episode where service_id in (${s}) and opened_at >= ${start} and opened_at < ${end}) as "casesOpened",
      (select count(*) from case_episode where service_id in (${s}) and case_status = 'closed' and closed_on >= ${from}::date and closed_on <= ${to}::date) as "casesClosed",
      (select count(*) from disclosure where service_id in (${s}) and disclosed_at >= ${start} and disclosed_at < ${end}) as disclosures,
      (select count(*) from court_report where service_id in (${s}) and issued_at >= ${start} and issued_at < ${end}) as "courtReports"
  `.execute(db);
  const row = result.rows[0]!;
  return {
    referrals: num(row.referrals),
    screens: num(row.screens),
    assessments: num(row.assessments),
    casesOpened: num(row.casesOpened),
    casesClosed: num(row.casesClosed),
    disclosures: num(row.disclosures),
    courtReports: num(row.courtReports),
  };
}

/**
 * The reporting age band in SQL, as `reportingAgeBand` computes it: whole years from the date of birth (the
 * person's, else the one given on the referral) to the referral's London calendar date; not known without a date of
 * birth, or with one after the referral or giving an age under 10 or over 110.
 */
export function ageBandSql(): RawBuilder<string> {
  const dob = sql`coalesce(p.date_of_birth, r.subject_date_of_birth)`;
  const on = sql`(r.referred_at at time zone 'Europe/London')::date`;
  const age = sql`extract(year from age(${on}::timestamp, ${dob}::timestamp))`;
  const band = (name: string, b: { from: number; to: number | null }) =>
    b.to === null ? sql`when ${age} between ${sql.lit(b.from)} and ${sql.lit(OLDEST_LIKELY_AGE)} then ${sql.lit(name)}` : sql`when ${age} between ${sql.lit(b.from)} and ${sql.lit(b.to)} then ${sql.lit(name)}`;
  return sql<string>`case when ${dob} is null or ${dob} > ${on} then 'not_known' ${sql.join(
    Object.entries(AGE_BAND_AGES).map(([name, b]) => band(name, b)),
    sql` `,
  )} else 'not_known' end`;
}

/** Referrals in the period by site, source, age band, sex and ethnic category code, in one grouped pass (grouping sets). */
export async function referralBreakdowns(db: Kysely<Database>, scope: QueryScope): Promise<ReferralBreakdowns> {
  const result = await sql<{ dimension: string; key: string | null; count: unknown }>`
    with r as (
      select r.site_id::text as site, r.source, ${ageBandSql()} as band,
             coalesce(p.sex, 'not_known') as sex, coalesce(nullif(p.ethnicity_code, ''), '99') as ethnicity
      from referral r left join person p on p.id = r.person_id
      where r.service_id in (${ids(scope)}) and r.referred_at >= ${scope.start} and r.referred_at < ${scope.end}
    )
    select case when grouping(site) = 0 then 'site' when grouping(source) = 0 then 'source' when grouping(band) = 0 then 'ageBand'
                when grouping(sex) = 0 then 'sex' else 'ethnicity' end as dimension,
           coalesce(site, source, band, sex, ethnicity) as key, count(*) as count
    from r
    group by grouping sets ((site), (source), (band), (sex), (ethnicity))
  `.execute(db);
  const out: ReferralBreakdowns = { site: [], source: [], ageBand: [], sex: [], ethnicity: [] };
  for (const row of result.rows) out[row.dimension as keyof ReferralBreakdowns].push({ key: row.key ?? '', count: num(row.count) });
  return out;
}

/** For referrals in the period, how many had a completed screen finding a need 'identified' in each vulnerability domain. */
export async function domainsIdentified(db: Kysely<Database>, scope: QueryScope): Promise<KeyCount[]> {
  const result = await sql<{ key: string; count: unknown }>`
    select d.key, count(*) as count
    from referral r
    join screening s on s.referral_id = r.id and s.screening_status = 'completed'
    cross join lateral unnest(s.identified_domains) as d(key)
    where r.service_id in (${ids(scope)}) and r.referred_at >= ${scope.start} and r.referred_at < ${scope.end}
    group by d.key
  `.execute(db);
  return result.rows.map((r) => ({ key: r.key, count: num(r.count) }));
}

/**
 * Minutes from arrival (or referral, when no arrival is recorded) to the completed screen, for referrals in the period:
 * per site and overall (the row with a null site). Median and 90th percentile by `percentile_cont` (linear
 * interpolation between the closest ranks, as in Hyndman and Fan's definition 7); "within target" counts the screens
 * whose whole minutes (rounded down) are no more than the site's response target, as the response clock reads them.
 */
export async function responseTimes(db: Kysely<Database>, scope: QueryScope): Promise<ResponseTimeRow[]> {
  const result = await sql<{ site_id: string | null; screened: unknown; median: unknown; p90: unknown; within: unknown }>`
    with t as (
      select r.site_id, floor(extract(epoch from (s.completed_at - coalesce(r.arrived_at, r.referred_at))) / 60) as minutes, st.response_target_minutes as target
      from referral r
      join screening s on s.referral_id = r.id and s.screening_status = 'completed'
      join site st on st.id = r.site_id
      where r.service_id in (${ids(scope)}) and r.referred_at >= ${scope.start} and r.referred_at < ${scope.end}
    )
    select site_id::text as site_id, count(*) as screened,
           percentile_cont(0.5) within group (order by minutes) as median,
           percentile_cont(0.9) within group (order by minutes) as p90,
           count(*) filter (where minutes <= target) as within
    from t
    group by grouping sets ((site_id), ())
  `.execute(db);
  return result.rows.map((r) => ({ siteId: r.site_id, screened: num(r.screened), medianMinutes: numOrNull(r.median), p90Minutes: numOrNull(r.p90), withinTarget: num(r.within) }));
}

/**
 * Onward referrals sent in the period, by pathway: sent; accepted (ever, from the referral's history); declined;
 * still waiting to be seen (accepted, waiting or first appointment booked, now); first appointments kept (reached
 * 'attended' at any time) against those whose first appointment has an outcome (attended or did not attend); and the
 * median days from sending to the first appointment, where one is booked. The row with a null pathway is all pathways.
 */
export async function onwardByPathway(db: Kysely<Database>, scope: QueryScope): Promise<OnwardRow[]> {
  const result = await sql<Record<string, unknown>>`
    with o as (
      select p.pathway, o.onward_state, o.sent_on, o.first_appointment_on, h.accepted, h.attended, h.outcome
      from onward_referral o join partner_organisation p on p.id = o.partner_organisation_id
      cross join lateral (
        select coalesce(bool_or(e.to_state = 'accepted'), false) as accepted,
               coalesce(bool_or(e.to_state = 'attended'), false) as attended,
               coalesce(bool_or(e.to_state in ('attended', 'did_not_attend')), false) as outcome
        from onward_referral_event e where e.onward_referral_id = o.id
      ) h
      where o.service_id in (${ids(scope)}) and o.sent_on >= ${scope.from}::date and o.sent_on <= ${scope.to}::date
    )
    select pathway, count(*) as sent,
           count(*) filter (where accepted) as accepted,
           count(*) filter (where onward_state = 'declined') as declined,
           count(*) filter (where onward_state in ('accepted', 'waiting', 'first_appointment_booked')) as waiting,
           count(*) filter (where attended) as kept,
           count(*) filter (where outcome) as outcome,
           count(first_appointment_on) as waits,
           percentile_cont(0.5) within group (order by first_appointment_on - sent_on) as median_wait
    from o group by grouping sets ((pathway), ())
  `.execute(db);
  return result.rows.map((r) => ({
    pathway: r.pathway === null || r.pathway === undefined ? null : String(r.pathway),
    sent: num(r.sent),
    accepted: num(r.accepted),
    declined: num(r.declined),
    waiting: num(r.waiting),
    appointmentsKept: num(r.kept),
    appointmentsOutcome: num(r.outcome),
    waitsKnown: num(r.waits),
    medianWaitDays: numOrNull(r.median_wait),
  }));
}

/**
 * Open cases past their 12-week end date today, by service: the end date is the plan date + 84 days, or the new end
 * date of the most recently approved extension when that is later (as `caseEndsOn`); a case without an agreed plan
 * has no end date and is not counted.
 */
export async function casesPastTwelveWeeks(db: Kysely<Database>, scope: QueryScope): Promise<KeyCount[]> {
  const result = await sql<{ key: string; count: unknown }>`
    select c.service_id::text as key, count(*) as count
    from case_episode c
    left join lateral (
      select x.new_end_on from case_extension x
      where x.case_id = c.id and x.decision = 'approved' and x.decided_by is not null and btrim(x.reason) <> ''
      order by x.decided_on desc, x.new_end_on desc limit 1
    ) ext on true
    where c.service_id in (${ids(scope)}) and c.case_status <> 'closed' and c.plan_agreed_on is not null
      and greatest(c.plan_agreed_on + ${sql.lit(SUPPORT_DAYS)}, coalesce(ext.new_end_on, c.plan_agreed_on)) < ${scope.today}::date
    group by c.service_id
  `.execute(db);
  return result.rows.map((r) => ({ key: r.key, count: num(r.count) }));
}
