// The national profile's people, referrals and screens, made with server-side SQL from seeded hashes of row numbers.
import { VULNERABILITY_DOMAINS } from '../../../domain/vulnerability-domains.js';
import { idSql, type NationalContext } from './context.js';
import { Params, nhsCheckSql, weighted, type SqlRunner } from './sql-kit.js';
import { ETHNICITY, FAMILY, FEMALE, LANGUAGES, MALE, OFFENCES, REASONS, REFERRER_SQL, URGENCY } from './vocabulary.js';

/** Days of activity: five years. */
export const ACTIVITY_DAYS = 1826;

/** What the screen decided, as the referral's state: full assessment opens a case. */
const REFERRAL_STATES = weighted([['assessment_needed', 45], ['screened', 27], ['no_further_action', 28]], 100);

/**
 * Per vulnerability domain, the share per thousand of screens that find a need identified, then suspected. Set so
 * that, as in the national evaluation, about 88% have at least one need, 71% a mental health need and about half
 * drug or alcohol misuse.
 */
export const DOMAIN_RATES: Record<(typeof VULNERABILITY_DOMAINS)[number], [number, number]> = {
  mental_health: [560, 150], self_harm_suicide: [180, 80], learning_disability: [70, 50], autism: [50, 50], adhd: [80, 60],
  speech_language_communication: [100, 80], brain_injury: [40, 40], substance_use: [400, 120], physical_health: [150, 50],
  trauma_abuse: [250, 100], domestic_abuse: [100, 50], housing: [250, 50], finance_debt: [200, 50], education_training_employment: [250, 50],
  family_caring: [80, 40], gangs_exploitation: [50, 40],
};

/** People numbered first to last; person n belongs to the service whose range holds n. About 13% are children (10 to 17). */
export async function insertPeople(run: SqlRunner, ctx: NationalContext, first: number, last: number, childrenShare: number): Promise<number> {
  const p = new Params();
  const bounds = ctx.services.map((s) => s.peopleFrom + s.peopleCount - 1);
  const day = p.add(ctx.today, 'date');
  const child = Math.round(childrenShare * 1000);
  const result = await run.query(
    `insert into person (id, service_id, given_name, family_name, date_of_birth, sex, ethnicity_code, first_language, interpreter_needed,
                         postcode, nhs_number, pnc_id, is_veteran, is_care_leaver, version, created_at, updated_at)
     select ${idSql(ctx.seed, 'person', 'n')}, (${p.add(ctx.services.map((s) => s.id), 'uuid[]')})[svc],
            case when female then ${p.pick(FEMALE, 'gf', 'n')} else ${p.pick(MALE, 'gm', 'n')} end, ${p.pick(FAMILY, 'f', 'n')},
            case when pg_temp.h('nodob', n) % 100 < 3 then null else ${day} - age_days end,
            case when female then 'female' when pg_temp.h('sx', n) % 100 < 2 then 'not_known' else 'male' end,
            ${p.pick(ETHNICITY, 'eth', 'n')}, language, language <> 'English' and pg_temp.h('interp', n) % 3 = 0,
            'ZZ' || (1 + pg_temp.h('pc1', n) % 9) || ' ' || (pg_temp.h('pc2', n) % 10) || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + (pg_temp.h('pc3', n) % 20)::int, 1) || 'X',
            case when pg_temp.h('nhs', n) % 100 < 77 then ${nhsCheckSql("'999' || lpad(((n * 7919) % 1000000)::text, 6, '0')")} end,
            case when pg_temp.h('pnc', n) % 100 < 35 then pncyear || '/' || lpad(n::text, 7, '0') || substr('ZABCDEFGHJKLMNPQRTUVWXY', 1 + (((pncyear % 100)::bigint * 10000000 + n) % 23)::int, 1) end,
            not female and age_days > 8000 and pg_temp.h('vet', n) % 100 < 4, age_days < 9500 and pg_temp.h('care', n) % 100 < 8,
            1, created, created
     from (
       select n, case ${bounds.map((b, i) => `when n <= ${b} then ${i + 1}`).join(' ')} end as svc, pg_temp.h('sex', n) % 100 < 17 as female,
              case when pg_temp.h('child', n) % 1000 < ${child} then 3653 + (pg_temp.h('dob', n) % 2920)::int
                   else 6575 + floor(power((pg_temp.h('dob', n) % 1000000) / 1e6::float8, 1.8) * 18250)::int end as age_days,
              ${p.pick(LANGUAGES, 'lang', 'n')} as language,
              least(2000 + (pg_temp.h('pyear', n) % 26)::int, extract(year from ${day})::int) as pncyear,
              ${day} - ${ACTIVITY_DAYS} - (pg_temp.h('created', n) % 30)::int + time '09:00' as created
       from generate_series(${p.add(first, 'bigint')}, ${p.add(last, 'bigint')}) as n
       offset 0
     ) a`,
    p.values,
  );
  return result.rowCount;
}

/**
 * Referrals numbered first to last over the five years to two hours ago, all dealt with: a site by weight, a person of
 * the site's service (some often referred again), arrival a few minutes before, the screen done 10 minutes to 2 hours
 * after (most within the hour); 45% sent to full assessment, 27% screened, 28% no further action (half of them screened).
 */
export async function insertReferrals(run: SqlRunner, ctx: NationalContext, first: number, last: number): Promise<number> {
  const p = new Params();
  const slots = p.add(ctx.sites.slots, 'int[]');
  const siteService = p.add(ctx.sites.service, 'int[]');
  const endAt = p.add(new Date(ctx.now.getTime() - 2 * 3_600_000).toISOString(), 'timestamptz');
  const result = await run.query(
    `insert into referral (id, service_id, site_id, person_id, subject_given_name, subject_family_name, subject_date_of_birth, source, referrer_name, referrer_role,
                           arrived_at, referred_at, reason_for_concern, offence_category, victim_involved, custody_status, custody_record_number, court_case_reference,
                           urgency, referral_state, picked_up_by, picked_up_at, screened_at, version, created_at, updated_at)
     select ${idSql(ctx.seed, 'referral', 'm')}, svc_id, site_id, p.id, p.given_name, p.family_name, p.date_of_birth, src,
            case when src in ('family', 'self') then p.given_name || ' ' || p.family_name else 'PS ' || ${p.pick(FAMILY, 'rn', 'm')} end, ${REFERRER_SQL('src')},
            case when cst in ('in_custody', 'voluntary_attendance') then referred_at - make_interval(mins => 2 + (pg_temp.h('arr', m) % 40)::int) end,
            referred_at, (${p.add(REASONS, 'text[]')})[1 + pg_temp.h('why', m) % ${REASONS.length}], ${p.pick(OFFENCES, 'off', 'm')},
            (array['yes', 'no', 'yes', 'no', 'not_known'])[1 + pg_temp.h('vic', m) % 5], cst,
            case when cst in ('in_custody', 'voluntary_attendance') then site_code || '/' || lpad((m % 100000)::text, 5, '0') || '/' || to_char(referred_at, 'YY') else '' end,
            case when cst = 'at_court' then '0' || lpad((m % 10000000)::text, 7, '0') || to_char(referred_at, 'YY') else '' end,
            ${p.pick(URGENCY, 'urg', 'm')}, state, screener, referred_at + make_interval(mins => screen_mins / 3),
            case when state <> 'no_further_action' or pg_temp.h('nfa', m) % 2 = 0 then referred_at + make_interval(mins => screen_mins) end,
            3, referred_at, referred_at + make_interval(mins => screen_mins + 5)
     from (
       select m, si, svc, referred_at, ${p.pick(REFERRAL_STATES, 'st', 'm')} as state,
              10 + floor(110 * power((pg_temp.h('scr', m) % 1000) / 1000.0, 2))::int as screen_mins,
              (${p.add(ctx.services.map((s) => s.id), 'uuid[]')})[svc] as svc_id, (${p.add(ctx.sites.ids, 'uuid[]')})[si] as site_id,
              (${p.add(ctx.sites.codes, 'text[]')})[si] as site_code,
              (${p.add(ctx.staff.ids, 'uuid[]')})[(${p.add(ctx.staff.from, 'int[]')})[svc] + (pg_temp.h('who', m) % (${p.add(ctx.staff.count, 'int[]')})[svc])::int] as screener,
              (${p.add(ctx.sites.sources.values, 'text[]')})[(${p.add(ctx.sites.sources.codes, 'int[]')})[(si - 1) * 20 + 1 + pg_temp.h('src', m) % 20]] as src,
              (${p.add(ctx.sites.statuses.values, 'text[]')})[(${p.add(ctx.sites.statuses.codes, 'int[]')})[(si - 1) * 20 + 1 + pg_temp.h('cst', m) % 20]] as cst,
              (${p.add(ctx.services.map((s) => s.peopleFrom), 'int[]')})[svc]
                + floor((${p.add(ctx.services.map((s) => s.peopleCount), 'int[]')})[svc] * power((pg_temp.h('person', m) % 1000000) / 1e6::float8, 1.3))::bigint as k
       from (select m, si, (${siteService})[si] as svc,
                    ${endAt} - make_interval(secs => (pg_temp.h('when', m) % (${ACTIVITY_DAYS} * 86400))::double precision) as referred_at
             from (select m, (${slots})[1 + pg_temp.h('site', m) % cardinality(${slots})] as si
                   from generate_series(${p.add(first, 'bigint')}, ${p.add(last, 'bigint')}) as m offset 0) s
             offset 0) t
       offset 0
     ) r
     join person p on p.id = ${idSql(ctx.seed, 'person', 'r.k')}`,
    p.values,
  );
  return result.rowCount;
}

/** The completed screen of every screened referral: needs found per domain, consent per purpose, and the outcome its state records. */
export async function insertScreenings(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const findings = VULNERABILITY_DOMAINS.map((d) => {
    const [identified, suspected] = DOMAIN_RATES[d];
    return `'${d}', jsonb_build_object('finding', case when pg_temp.h('${d}', key) % 1000 < ${identified} then 'identified'
              when pg_temp.h('${d}', key) % 1000 < ${identified + suspected} then 'suspected' else 'none' end, 'notes', '')`;
  }).join(',\n              ');
  const consent = (purpose: string, givenPerCent: number) =>
    `'${purpose}', jsonb_build_object('decision', case when pg_temp.h('c-${purpose}', key) % 100 < ${givenPerCent} then 'given' else 'refused' end, 'decidedBy', 'person', 'notes', '')`;
  const result = await run.query(
    `insert into screening (id, service_id, referral_id, person_id, form_version, findings, urgency, consent, outcome, screening_status, screened_by,
                            started_at, completed_at, version, created_at, updated_at)
     select md5(id::text || '-screen')::uuid, service_id, id, person_id, 1,
            jsonb_build_object(${findings}), urgency,
            jsonb_build_object(${consent('assessment', 96)}, ${consent('justice_sharing', 85)}, ${consent('health_sharing', 90)}, ${consent('evaluation', 70)}),
            case referral_state when 'assessment_needed' then 'full_assessment' when 'screened' then 'advice_signpost' else 'no_further_action' end,
            'completed', picked_up_by, picked_up_at, screened_at, 2, picked_up_at, screened_at
     from (select r.*, pg_temp.k(r.id) as key from referral r
           where r.service_id = any(${p.add(ctx.services.map((s) => s.id), 'uuid[]')}) and r.screened_at is not null and r.person_id is not null offset 0) r`,
    p.values,
  );
  return result.rowCount;
}
