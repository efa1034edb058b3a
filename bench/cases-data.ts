// Synthetic 12-week cases at national scale, loaded with server-side SQL: cases opened from the
// screened referrals of the last two years (about one in ten still open, allocated over the workers
// of each service), and for each case its allocation, assessment, plan, reviews, contacts, onward
// referrals, extensions and follow-up. Values come from hashes, so a load is repeatable.
import type pg from 'pg';
import { Params, weighted } from './identification-data.js';
import { userIdSql, type Directory } from './cases-directory.js';

/** Changes whenever the generator changes, so an old benchmark database is reloaded. */
export const DATA_VERSION = 'divert-bench-cases v1';

/** A 32-bit key of a case, from its id: child rows hash (tag, key * 64 + i). Session-local, like pg_temp.h. */
export async function prepareCaseSession(client: pg.Client) {
  await client.query(`create or replace function pg_temp.k(id uuid) returns bigint language sql immutable parallel safe
    as $$ select ('x' || substr(id::text, 1, 8))::bit(32)::bigint $$`);
}

const CLOSURE_REASONS = weighted([['plan_completed', 60], ['disengaged', 15], ['moved_away', 5], ['transferred', 3], ['in_custody', 7], ['died', 0.5], ['other', 9.5]], 200);
const RISK = weighted([['low', 55], ['medium', 35], ['high', 10]], 100);
const CONTACT_KINDS = weighted([['meeting', 45], ['phone_call', 25], ['video_call', 5], ['home_visit', 12], ['accompanied_appointment', 8], ['outreach', 5]], 100);
const OPEN_ONWARD = weighted([['draft', 5], ['sent', 12], ['accepted', 10], ['waiting', 30], ['first_appointment_booked', 15], ['attended', 8], ['engaged', 15], ['declined', 4], ['did_not_attend', 3], ['withdrawn', 3]], 100);
const CLOSED_ONWARD = weighted([['engaged', 45], ['disengaged', 12], ['did_not_attend', 8], ['declined', 10], ['withdrawn', 8], ['attended', 5], ['waiting', 12]], 100);
const ARREST = weighted([['no', 70], ['yes', 12], ['not_known', 18]], 100);
const NOTES = [
  'Talked through the plan; he wants to keep going with the drug service.', 'Rang to remind her of Thursday; no answer, left a message.',
  'Went with him to the GP surgery; registered and booked a review.', 'Housing form completed together; waiting to hear.',
  'Low mood this week; agreed to call the crisis line if it gets worse.', 'Did not come; phoned later, said he forgot.',
  'Worked on the victim awareness booklet, first two sections.', 'Met at the library; CV started.', 'Mum joined for the second half.', '',
];

/**
 * Cases opened from screened referrals: `total` of them, numbered 1 (newest) to `total`. A case is open when it
 * opened within the last 12 weeks (fewer the older it is), or rarely when older and left open; the rest are closed.
 */
export async function insertCases(client: pg.Client, dir: Directory, total: number, workers: number, now: Date, today: string) {
  const eligible = Number((await client.query<{ n: string }>(
    "select count(*) as n from referral where referral_state in ('screened', 'assessment_needed') and person_id is not null",
  )).rows[0]!.n);
  if (eligible < total) throw new Error(`Only ${eligible} screened referrals to open ${total} cases from`);
  const p = new Params();
  const nowP = p.add(now.toISOString(), 'timestamptz');
  const todayP = p.add(today, 'date');
  const result = await client.query(
    `insert into case_episode (id, service_id, person_id, referral_id, opened_at, opened_by, case_status, version, created_at, updated_at,
                               allocated_to, allocated_at, plan_agreed_on, closure_reason, closure_details, exit_summary,
                               closure_requested_by, closure_requested_at, closure_signed_off_by, closed_on, closed_at, follow_up_due_on)
     select md5('bench-case-' || n)::uuid, service_id, person_id, referral_id, opened_at, worker, status, 2 + (pg_temp.h('ver', n) % 4)::int,
            opened_at, coalesce(closed_on + time '16:00', opened_at + interval '1 day'),
            case when status = 'open' and age < 3 and pg_temp.h('unalloc', n) % 100 < 30 then null else worker end,
            case when status = 'open' and age < 3 and pg_temp.h('unalloc', n) % 100 < 30 then null else opened_at + interval '3 hours' end,
            case when plan_on <= coalesce(closed_on, ${todayP}) then plan_on end,
            case when status <> 'open' then reason end,
            '', case when status = 'closed' then 'Support ended: ' || replace(reason, '_', ' ') || '. Onward services as recorded.' else '' end,
            case when status = 'closure_requested' or (status = 'closed' and reason <> 'plan_completed') then worker end,
            case when status = 'closure_requested' then ${nowP} - make_interval(hours => (pg_temp.h('creq', n) % 72)::int)
                 when status = 'closed' and reason <> 'plan_completed' then closed_on - 1 + time '11:00' end,
            case when status = 'closed' and reason <> 'plan_completed' then manager end,
            closed_on, closed_on + time '16:00', closed_on + 84
     from (
       select *, opened_on + 5 + (pg_temp.h('plan', n) % 16)::int as plan_on,
              case when status = 'closed' then opened_on + least(age - 1, 14 + (pg_temp.h('dur', n) % 90)::int) end as closed_on,
              ${p.pick(CLOSURE_REASONS, 'why', 'n')} as reason
       from (
         select *, case when (age <= 84 and pg_temp.h('close', n) % 100 >= age * 25 / 84) or (age > 84 and pg_temp.h('stale', n) % 1000 < 3)
                        then case when age > 30 and pg_temp.h('creq', n) % 100 < 2 then 'closure_requested' else 'open' end
                        else 'closed' end as status
         from (
           select *, (opened_at at time zone 'Europe/London')::date as opened_on, ${todayP} - (opened_at at time zone 'Europe/London')::date as age,
                  ${userIdSql('svc', '1 + pg_temp.h(\'alloc\', n) % ' + workers)} as worker, ${userIdSql('svc', '0')} as manager
           from (
             select n, referral_id, service_id, person_id, svc,
                    least(coalesce(screened_at, referred_at + interval '1 hour') + make_interval(hours => (pg_temp.h('open', n) % 30)::int), ${nowP} - interval '1 hour') as opened_at
             from (
               select floor(rn * ${p.add(total, 'bigint')}::numeric / ${p.add(eligible, 'bigint')})::bigint as n,
                      floor((rn - 1) * ${p.add(total, 'bigint')}::numeric / ${p.add(eligible, 'bigint')})::bigint as before, e.*
               from (select row_number() over (order by r.referred_at desc, r.id) as rn, r.id as referral_id, r.service_id, r.person_id,
                            r.referred_at, r.screened_at, sv.svc
                     from referral r join unnest(${p.add(dir.serviceIds, 'uuid[]')}) with ordinality as sv(id, svc) on sv.id = r.service_id
                     where r.referral_state in ('screened', 'assessment_needed') and r.person_id is not null) e
             ) f
             where n > before
             offset 0
           ) g
           offset 0
         ) a
         offset 0
       ) b
       offset 0
     ) c`,
    p.values,
  );
  return result.rowCount ?? 0;
}

/** The SQL of a per-case load: the half's generated cases (by id; the seeded demo cases have their own) with their 32-bit key and service number. */
function casesOf(p: Params, dir: Directory, half: 1 | 2, where = 'true') {
  const cmp = half === 1 ? '<' : '>=';
  return `(select c.*, pg_temp.k(c.id) as key, sv.svc
           from case_episode c join unnest(${p.add(dir.serviceIds, 'uuid[]')}) with ordinality as sv(id, svc) on sv.id = c.service_id
           where c.id ${cmp} '80000000-0000-0000-0000-000000000000'::uuid and (${where})
             and c.opened_by in (select id from app_user where username like 'bench.%') offset 0) c`;
}

type Ctx = { dir: Directory; now: Date; today: string; workers: number };

/** Per-case child rows, loaded in two halves (one per connection); each returns the rows it inserted. */
export const CHILD_LOADS: Record<string, (client: pg.Client, ctx: Ctx, half: 1 | 2) => Promise<number>> = {
  async allocations(client, { dir }, half) {
    const p = new Params();
    return count(client, p, `insert into case_allocation (service_id, case_id, to_user_id, reason, allocated_by, allocated_at)
      select c.service_id, c.id, c.allocated_to, 'New case', ${userIdSql('c.svc', '0')}, c.allocated_at from ${casesOf(p, dir, half, 'c.allocated_to is not null')}`);
  },

  async assessments(client, { dir, today }, half) {
    const p = new Params();
    const t = p.add(today, 'date');
    return count(client, p, `insert into assessment (service_id, case_id, person_id, needs, strengths, risk_to_self, risk_to_others, risk_level, assessment_status,
        assessed_by, started_at, completed_at, version, created_at, updated_at)
      select service_id, id, person_id, needs, 'Close to his sister; wants to get back to work.', '', '', risk, st, allocated_to, opened_at + interval '1 day',
             case when st = 'completed' then opened_at + make_interval(days => 3 + (pg_temp.h('asd', key) % 11)::int) end, 2, opened_at, opened_at + interval '1 day'
      from (select c.*, ${p.pick(RISK, 'risk', 'c.key')} as risk,
                   case when ${t} - c.opened_at::date > 14 or c.case_status = 'closed' or pg_temp.h('asc', c.key) % 100 < (${t} - c.opened_at::date) * 6 then 'completed' else 'draft' end as st,
                   (array['{"mental_health":{"need":"high","evidence":"Low mood, self-harm history","wants":"Someone to talk to"}}',
                          '{"substance_use":{"need":"medium","evidence":"Daily cannabis","wants":"Cut down"},"housing":{"need":"high","evidence":"Sofa surfing","wants":"A flat"}}',
                          '{"learning_disability":{"need":"medium","evidence":"Attended a special school","wants":"Help with letters"}}',
                          '{"finance":{"need":"low","evidence":"Rent arrears","wants":"Budgeting help"}}'])[1 + pg_temp.h('need', c.key) % 4]::jsonb as needs
            from ${casesOf(p, dir, half, 'c.allocated_to is not null')}) a`);
  },

  async plans(client, { dir }, half) {
    const p = new Params();
    return count(client, p, `insert into support_plan (service_id, case_id, goals, exit_strategy, plan_status, agreed_on, agreed_by, version, created_at, updated_at)
      select c.service_id, c.id, '["Stay off the drink on weekdays", "Get my own place", "See my kids again"]'::jsonb,
             'Hand over to the drug service and the housing officer by week 10; check in at week 12.', 'agreed', c.plan_agreed_on, c.allocated_to, 2,
             c.plan_agreed_on - 3 + time '10:00', c.plan_agreed_on + time '15:00'
      from ${casesOf(p, dir, half, 'c.plan_agreed_on is not null and c.allocated_to is not null')}`);
  },

  /** Every two weeks from the plan, to the case's end (or the next one due, for an open case); a few missed. */
  async reviews(client, { dir, today }, half) {
    const p = new Params();
    const t = p.add(today, 'date');
    return count(client, p, `insert into plan_review (service_id, case_id, due_on, completed_on, notes, reviewed_by)
      select service_id, id, due_on, done_on, case when done_on is not null then 'Reviewed goals; on track.' else '' end, case when done_on is not null then allocated_to end
      from (select c.*, c.plan_agreed_on + 14 * j as due_on,
                   case when pg_temp.h('miss', c.key * 64 + j) % 100 < case when c.case_status = 'closed' then 2 else 8 end then null
                        when c.plan_agreed_on + 14 * j + 2 <= coalesce(c.closed_on, ${t}) then c.plan_agreed_on + 14 * j + (pg_temp.h('rv', c.key * 64 + j) % 4)::int - 1 end as done_on
            from ${casesOf(p, dir, half, 'c.plan_agreed_on is not null')}
            cross join lateral generate_series(1, least(8, (coalesce(c.closed_on, ${t} + 14) - c.plan_agreed_on) / 14)) j) r`);
  },

  /** About ten per case, over its life (an open case's run into the next fortnight); attendance depends on the person. */
  async contacts(client, { dir, now }, half) {
    const p = new Params();
    const n = p.add(now.toISOString(), 'timestamptz');
    return count(client, p, `insert into contact (service_id, case_id, person_id, contact_kind, starts_at, place, with_whom, worker_id, worker_went_too,
        outcome, notes, outcome_recorded_at, recorded_by, version, created_at, updated_at)
      select service_id, id, person_id, kind, starts_at,
             case kind when 'home_visit' then 'Home' when 'phone_call' then '' when 'video_call' then '' when 'accompanied_appointment' then 'GP surgery' else 'Community base' end,
             case when kind = 'accompanied_appointment' then 'Practice nurse' else '' end, allocated_to, kind = 'accompanied_appointment',
             outcome, case when outcome is null then '' else (${p.add(NOTES, 'text[]')})[1 + pg_temp.h('note', ck) % ${NOTES.length}] end,
             case when outcome is not null then least(starts_at + interval '2 hours', ${n}) end, allocated_to, case when outcome is null then 1 else 2 end,
             least(starts_at - interval '3 days', ${n}), case when outcome is not null then least(starts_at + interval '2 hours', ${n}) else least(starts_at - interval '3 days', ${n}) end
      from (select *, case when starts_at > ${n} then null
                           when starts_at > ${n} - interval '2 days' and pg_temp.h('rec', ck) % 100 < 40 then null
                           when pg_temp.h('att', ck) % 100 < dna then 'did_not_attend'
                           else (array['attended', 'attended', 'attended', 'attended', 'attended', 'attended', 'attended', 'attended', 'attended', 'attended', 'attended', 'attended',
                                       'late', 'late', 'cancelled_by_person', 'cancelled_by_person', 'cancelled_by_service'])[1 + pg_temp.h('oc', ck) % 17] end as outcome
            from (select c.service_id, c.id, c.person_id, c.allocated_to, c.key * 64 + i as ck, ${p.pick(CONTACT_KINDS, 'kind', 'c.key * 64 + i')} as kind,
                         date_trunc('hour', c.opened_at + (coalesce(c.closed_at, ${n} + interval '14 days') - c.opened_at) * ((i - 1 + (pg_temp.h('when', c.key * 64 + i) % 1000) / 1000.0) / cnt))
                           + interval '9 hours' as starts_at,
                         case when pg_temp.h('eng', c.key) % 100 < 70 then 5 when pg_temp.h('eng', c.key) % 100 < 90 then 25 else 55 end as dna
                  from (select c.*, 1 + (pg_temp.h('nc', c.key) % 19)::int as cnt from ${casesOf(p, dir, half, 'c.allocated_to is not null')}) c
                  cross join lateral generate_series(1, c.cnt) i) x) y`);
  },

  /** None to three per case, to the service's own partners; an open case's may wait longer than the partner's typical wait. */
  async onwardReferrals(client, { dir, today }, half) {
    const p = new Params();
    const t = p.add(today, 'date');
    const ids = p.add(dir.partners.ids, 'uuid[]');
    const waits = p.add(dir.partners.waits, 'int[]');
    return count(client, p, `insert into onward_referral (service_id, case_id, person_id, partner_organisation_id, reason, onward_state, sent_on, state_changed_on,
        first_appointment_on, exit_status, created_by, version, created_at, updated_at)
      select service_id, id, person_id, (${ids})[pi], 'Needs support beyond the 12 weeks of L&D work.', st,
             case when st <> 'draft' then sent_on end,
             case when st in ('draft', 'sent') then least(sent_on, ${t}) else least(sent_on + (pg_temp.h('chg', rk) % greatest(1, (${waits})[pi]))::int, coalesce(closed_on, ${t})) end,
             case when st in ('first_appointment_booked', 'attended', 'engaged', 'disengaged', 'did_not_attend') then sent_on + (${waits})[pi] end,
             case when case_status = 'closed' then case st when 'attended' then 'engaged' when 'waiting' then 'waiting' else st end end,
             allocated_to, 2, sent_on - 1 + time '12:00', least(sent_on, ${t}) + time '12:00'
      from (select c.*, c.key * 64 + j as rk, (${p.add(dir.partners.from, 'int[]')})[c.svc] + (pg_temp.h('partner', c.key * 64 + j) % (${p.add(dir.partners.count, 'int[]')})[c.svc])::int as pi,
                   least(c.opened_at::date + 3 + (pg_temp.h('sent', c.key * 64 + j) % 25)::int, coalesce(c.closed_on, ${t})) as sent_on,
                   case when c.case_status = 'closed' then ${p.pick(CLOSED_ONWARD, 'cst', 'c.key * 64 + j')} else ${p.pick(OPEN_ONWARD, 'ost', 'c.key * 64 + j')} end as st
            from ${casesOf(p, dir, half, 'c.allocated_to is not null')}
            cross join lateral generate_series(1, case when pg_temp.h('nor', c.key) % 100 < 40 then 0 when pg_temp.h('nor', c.key) % 100 < 75 then 1
                                                       when pg_temp.h('nor', c.key) % 100 < 92 then 2 else 3 end) j) r`);
  },

  /** A quarter of open cases past week 10 asked for more time (mostly approved, some awaiting a decision); a few closed ones did. */
  async extensions(client, { dir, today }, half) {
    const p = new Params();
    const t = p.add(today, 'date');
    return count(client, p, `insert into case_extension (service_id, case_id, reason, new_end_on, requested_by, requested_at, decision, decided_by, decided_on)
      select service_id, id, 'Waiting for the CAMHS first appointment; keeping him engaged until then.', plan_agreed_on + 112, allocated_to,
             plan_agreed_on + 70 + time '10:00', decision, case when decision is not null then manager end, case when decision is not null then least(plan_agreed_on + 71, ${t}) end
      from (select c.*, ${userIdSql('c.svc', '0')} as manager,
                   case when c.case_status <> 'closed' and pg_temp.h('dec', c.key) % 100 < 15 then null when pg_temp.h('dec', c.key) % 100 < 20 then 'refused' else 'approved' end as decision
            from ${casesOf(p, dir, half, `c.plan_agreed_on is not null and c.allocated_to is not null and c.plan_agreed_on + 70 <= coalesce(c.closed_on, ${t})
                                           and pg_temp.h('ext', pg_temp.k(c.id)) % 100 < case when c.case_status = 'closed' then 8 else 25 end`)}) e`);
  },

  /** Most follow-ups that fell due were done, fewer of the recent ones. */
  async followUps(client, { dir, today }, half) {
    const p = new Params();
    const t = p.add(today, 'date');
    return count(client, p, `insert into follow_up (service_id, case_id, still_engaged, new_arrest, notes, followed_up_on, recorded_by, recorded_at)
      select c.service_id, c.id, '{}'::jsonb, ${p.pick(ARREST, 'arrest', 'c.key')}, 'Phoned; still seeing the drug service.',
             least(c.follow_up_due_on + (pg_temp.h('fud', c.key) % 10)::int, ${t}), c.allocated_to, least(c.follow_up_due_on + (pg_temp.h('fud', c.key) % 10)::int, ${t}) + time '14:00'
      from ${casesOf(p, dir, half, `c.case_status = 'closed' and c.allocated_to is not null and c.follow_up_due_on <= ${t}
                                     and pg_temp.h('fu', pg_temp.k(c.id)) % 100 < case when c.follow_up_due_on < ${t} - 30 then 88 else 45 end`)}`);
  },
};

async function count(client: pg.Client, p: Params, sql: string) {
  return (await client.query(sql, p.values)).rowCount ?? 0;
}
