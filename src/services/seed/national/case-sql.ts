// The national profile's cases, made with server-side SQL: a case for every referral the screen sent to full
// assessment, with its allocation, assessment, onward referrals (and their histories) and follow-up after closure.
import type { NationalContext } from './context.js';
import { Params, weighted, type SqlRunner } from './sql-kit.js';

const CLOSURE_REASONS = weighted([['plan_completed', 60], ['disengaged', 15], ['moved_away', 5], ['transferred', 3], ['in_custody', 7], ['died', 0.5], ['other', 9.5]], 200);
const RISK = weighted([['low', 55], ['medium', 35], ['high', 10]], 100);
const OPEN_ONWARD = weighted([['draft', 5], ['sent', 12], ['accepted', 10], ['waiting', 30], ['first_appointment_booked', 15], ['attended', 8], ['engaged', 15], ['declined', 4], ['did_not_attend', 3], ['withdrawn', 3]], 100);
const CLOSED_ONWARD = weighted([['engaged', 47], ['disengaged', 12], ['did_not_attend', 8], ['declined', 10], ['withdrawn', 8], ['attended', 3], ['waiting', 12]], 100);

const services = (p: Params, ctx: NationalContext) => p.add(ctx.services.map((s) => s.id), 'uuid[]');
const caseKeys = (p: Params, ctx: NationalContext, where = 'true') =>
  `(select c.*, pg_temp.k(c.id) as key from case_episode c where c.service_id = any(${services(p, ctx)}) and (${where}) offset 0) c`;

/**
 * A case for each referral sent to full assessment, opened within a day and a half of the screen by the screener;
 * support lasts 20 to 100 days, so a case is closed once that has passed (a few stay open, overdue); most agree a
 * plan within three weeks. Closures other than a completed plan are signed off by the team manager.
 */
export async function insertCases(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const today = p.add(ctx.today, 'date');
  const now = p.add(ctx.now.toISOString(), 'timestamptz');
  const managers = p.add(ctx.services.map((s) => s.managerId), 'uuid[]');
  const result = await run.query(
    `insert into case_episode (id, service_id, person_id, referral_id, opened_at, opened_by, case_status, version, created_at, updated_at, allocated_to, allocated_at,
                               plan_agreed_on, closure_reason, exit_summary, closure_requested_by, closure_requested_at, closure_signed_off_by, closed_on, closed_at, follow_up_due_on)
     select id, service_id, person_id, referral_id, opened_at, worker, status, 3, opened_at, coalesce(closed_on + time '16:00', opened_at + interval '1 day'),
            worker, opened_at + interval '3 hours',
            case when pg_temp.h('noplan', key) % 100 >= 8 and plan_on <= coalesce(closed_on, ${today}) then plan_on end,
            case when status = 'closed' then reason end,
            case when status = 'closed' then 'Support ended: ' || replace(reason, '_', ' ') || '. Onward services as recorded.' else '' end,
            case when status = 'closed' and reason <> 'plan_completed' then worker end,
            case when status = 'closed' and reason <> 'plan_completed' then closed_on - 1 + time '11:00' end,
            case when status = 'closed' and reason <> 'plan_completed' then (${managers})[svc] end,
            closed_on, closed_on + time '16:00', closed_on + 84
     from (
       select *, case when status = 'closed' then opened_on + length end as closed_on
       from (
         select *, case when ${today} - opened_on > length and pg_temp.h('stale', key) % 1000 >= 3 then 'closed' else 'open' end as status
         from (
           select *, (opened_at at time zone 'Europe/London')::date as opened_on
           from (
             select md5(r.id::text || '-case')::uuid as id, r.service_id, r.person_id, r.id as referral_id, r.picked_up_by as worker, key, svc,
                    least(r.screened_at + make_interval(hours => 1 + (pg_temp.h('open', key) % 36)::int), ${now} - interval '1 hour') as opened_at,
                    20 + (pg_temp.h('len', key) % 81)::int as length, ${p.pick(CLOSURE_REASONS, 'why', 'key')} as reason
             from (select r.*, pg_temp.k(r.id) as key, sv.svc from referral r join unnest(${services(p, ctx)}) with ordinality as sv(id, svc) on sv.id = r.service_id
                   where r.referral_state = 'assessment_needed' and r.person_id is not null and r.screened_at is not null offset 0) r
           ) a
         ) b
       ) c
     ) d
     cross join lateral (select d.opened_on + 5 + (pg_temp.h('plan', d.key) % 16)::int as plan_on) pl`,
    p.values,
  );
  return result.rowCount;
}

/** The first allocation of every case. */
export async function insertAllocations(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  return (await run.query(
    `insert into case_allocation (service_id, case_id, to_user_id, reason, allocated_by, allocated_at)
     select c.service_id, c.id, c.allocated_to, 'New case', c.opened_by, c.allocated_at from ${caseKeys(p, ctx, 'c.allocated_to is not null')}`,
    p.values,
  )).rowCount;
}

/** An assessment per case, completed within two weeks (a draft while a new case is young). */
export async function insertAssessments(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const today = p.add(ctx.today, 'date');
  return (await run.query(
    `insert into assessment (id, service_id, case_id, person_id, needs, strengths, risk_level, assessment_status, assessed_by, started_at, completed_at, version, created_at, updated_at)
     select md5(id::text || '-assessment')::uuid, service_id, id, person_id, needs, 'Close to family; wants to get back to work.', ${p.pick(RISK, 'risk', 'key')}, st, allocated_to,
            opened_at + interval '1 day', case when st = 'completed' then opened_at + make_interval(days => 3 + (pg_temp.h('asd', key) % 11)::int) end, 2, opened_at, opened_at + interval '1 day'
     from (select c.*, case when c.case_status = 'closed' or ${today} - c.opened_at::date > 14 then 'completed' else 'draft' end as st,
                  (array['{"mental_health":{"need":"high","evidence":"Low mood, self-harm history","wants":"Someone to talk to"}}',
                         '{"substance_use":{"need":"medium","evidence":"Daily cannabis","wants":"Cut down"},"housing":{"need":"high","evidence":"Sofa surfing","wants":"A flat"}}',
                         '{"learning_disability":{"need":"medium","evidence":"Attended a special school","wants":"Help with letters"}}',
                         '{"finance_debt":{"need":"low","evidence":"Rent arrears","wants":"Budgeting help"}}'])[1 + pg_temp.h('need', c.key) % 4]::jsonb as needs
           from ${caseKeys(p, ctx)}) a`,
    p.values,
  )).rowCount;
}

/** Each state's history from the draft: the states an onward referral passed through to reach it. */
const PATHS: Record<string, string[]> = {
  draft: ['draft'], sent: ['draft', 'sent'], accepted: ['draft', 'sent', 'accepted'], declined: ['draft', 'sent', 'declined'],
  waiting: ['draft', 'sent', 'accepted', 'waiting'], first_appointment_booked: ['draft', 'sent', 'accepted', 'waiting', 'first_appointment_booked'],
  attended: ['draft', 'sent', 'accepted', 'waiting', 'first_appointment_booked', 'attended'],
  engaged: ['draft', 'sent', 'accepted', 'waiting', 'first_appointment_booked', 'attended', 'engaged'],
  disengaged: ['draft', 'sent', 'accepted', 'waiting', 'first_appointment_booked', 'attended', 'disengaged'],
  did_not_attend: ['draft', 'sent', 'accepted', 'waiting', 'first_appointment_booked', 'did_not_attend'], withdrawn: ['draft', 'sent', 'withdrawn'],
};
const BOOKED = ['first_appointment_booked', 'attended', 'engaged', 'disengaged', 'did_not_attend'];
const EXIT = `case st when 'engaged' then 'engaged' when 'attended' then 'engaged' when 'disengaged' then 'disengaged' when 'did_not_attend' then 'did_not_attend'
  when 'declined' then 'declined' when 'withdrawn' then 'withdrawn' when 'draft' then 'not_known' else 'waiting' end`;

/** None to three onward referrals per case with a plan, to the service's partners, sent within ten days of the plan; the first appointment after about the partner's typical wait. */
export async function insertOnwardReferrals(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const today = p.add(ctx.today, 'date');
  return (await run.query(
    `insert into onward_referral (id, service_id, case_id, person_id, partner_organisation_id, reason, onward_state, sent_on, state_changed_on, first_appointment_on,
                                  exit_status, created_by, version, created_at, updated_at)
     select id, service_id, case_id, person_id, partner, 'Referred for support: ' || replace(pathway, '_', ' '), st,
            case when st <> 'draft' then sent_on end, least(${today}, sent_on + case when st = 'draft' then 0 else 3 + wait end),
            case when st = any(${p.add(BOOKED, 'text[]')}) then sent_on + wait end,
            case when case_status = 'closed' then ${EXIT} end, allocated_to, 2, sent_on - 1 + time '10:00', least(${today}, sent_on + 3 + wait) + time '12:00'
     from (select md5(c.id::text || '-onward-' || j)::uuid as id, c.service_id, c.id as case_id, c.person_id, c.allocated_to, c.case_status,
                  (${p.add(ctx.partners.ids, 'uuid[]')})[pi] as partner, (${p.add(ctx.partners.pathways, 'text[]')})[pi] as pathway,
                  greatest(1, (${p.add(ctx.partners.waits, 'int[]')})[pi] + (pg_temp.h('wait', c.key * 8 + j) % 15)::int - 7) as wait,
                  least(c.plan_agreed_on + (pg_temp.h('sent', c.key * 8 + j) % 10)::int, ${today}) as sent_on,
                  case when c.case_status = 'closed' then ${p.pick(CLOSED_ONWARD, 'cst', 'c.key * 8 + j')} else ${p.pick(OPEN_ONWARD, 'ost', 'c.key * 8 + j')} end as st
           from (select c.*, sv.svc from ${caseKeys(p, ctx, 'c.plan_agreed_on is not null')} join unnest(${services(p, ctx)}) with ordinality as sv(id, svc) on sv.id = c.service_id) c
           cross join lateral generate_series(1, (array[0, 1, 1, 1, 1, 2, 2, 2, 3, 1])[1 + pg_temp.h('onw', c.key) % 10]) j
           cross join lateral (select (${p.add(ctx.partners.from, 'int[]')})[c.svc] + (pg_temp.h('partner', c.key * 8 + j) % (${p.add(ctx.partners.count, 'int[]')})[c.svc])::int as pi) x) o`,
    p.values,
  )).rowCount;
}

/** The history of every onward referral: one event per state it passed through, dated from sending to the first appointment and on. */
export async function insertOnwardEvents(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const today = p.add(ctx.today, 'date');
  const paths = Object.entries(PATHS);
  const pathOf = `case o.onward_state ${paths.map(([state, path]) => `when '${state}' then array[${path.map((s) => `'${s}'`).join(', ')}]`).join(' ')} end`;
  return (await run.query(
    `insert into onward_referral_event (id, service_id, onward_referral_id, from_state, to_state, occurred_on, recorded_by, recorded_at)
     select md5(o.id::text || '-event-' || e.i)::uuid, o.service_id, o.id, lag(e.state) over (partition by o.id order by e.i), e.state, on_day, o.created_by, on_day + time '15:00'
     from onward_referral o
     cross join lateral unnest(${pathOf}) with ordinality as e(state, i)
     cross join lateral (select least(${today}, case e.state when 'draft' then coalesce(o.sent_on, o.state_changed_on) - 1 when 'sent' then o.sent_on
                                   when 'accepted' then o.sent_on + 2 when 'declined' then o.sent_on + 3 when 'withdrawn' then o.sent_on + 5 when 'waiting' then o.sent_on + 3
                                   when 'first_appointment_booked' then o.sent_on + 4 when 'engaged' then coalesce(o.first_appointment_on, o.sent_on) + 14
                                   when 'disengaged' then coalesce(o.first_appointment_on, o.sent_on) + 21 else coalesce(o.first_appointment_on, o.sent_on) end) as on_day) d
     where o.service_id = any(${services(p, ctx)})`,
    p.values,
  )).rowCount;
}

const CONTACT_KINDS = weighted([['meeting', 50], ['phone_call', 25], ['home_visit', 10], ['accompanied_appointment', 8], ['video_call', 5], ['outreach', 2]], 100);
const CONTACT_OUTCOMES = weighted([['attended', 72], ['late', 6], ['did_not_attend', 12], ['cancelled_by_person', 6], ['cancelled_by_service', 4]], 100);

/**
 * The contacts of each case with a plan: one a week from the plan being agreed, at a time in the working day (London),
 * up to 13, to its closure or, for a case still open, to the one booked in the week ahead. Each one past has its
 * outcome recorded two hours after it began (about one in eight a did-not-attend); the ones ahead have none yet.
 */
export async function insertContacts(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const today = p.add(ctx.today, 'date');
  const now = p.add(ctx.now.toISOString(), 'timestamptz');
  return (await run.query(
    `insert into contact (id, service_id, case_id, person_id, contact_kind, starts_at, place, worker_id, outcome, outcome_recorded_at, recorded_by, created_at, updated_at)
     select md5(c.id::text || '-contact-' || w)::uuid, c.service_id, c.id, c.person_id, ${p.pick(CONTACT_KINDS, 'ckind', 'c.key * 16 + w')}, t.starts_at, 'Community base',
            c.allocated_to, case when t.starts_at < ${now} then ${p.pick(CONTACT_OUTCOMES, 'cout', 'c.key * 16 + w')} end,
            case when t.starts_at < ${now} then least(t.starts_at + interval '2 hours', ${now}) end, c.allocated_to,
            least(t.starts_at, ${now}) - interval '2 days', least(t.starts_at + interval '2 hours', ${now})
     from ${caseKeys(p, ctx, 'c.plan_agreed_on is not null and c.allocated_to is not null')}
     cross join lateral generate_series(0, 12) w
     cross join lateral (select ((c.plan_agreed_on + w * 7 + (pg_temp.h('cday', c.key * 16 + w) % 3)::int)
                                 + make_time(9 + (pg_temp.h('chour', c.key * 16 + w) % 8)::int, 0, 0)) at time zone 'Europe/London' as starts_at) t
     where (t.starts_at at time zone 'Europe/London')::date <= coalesce(c.closed_on, ${today} + 7)`,
    p.values,
  )).rowCount;
}

/**
 * A follow-up for four in five closed cases whose follow-up is due, as the demo data has: still engaged with each
 * onward service, and any new arrest.
 */
export async function insertFollowUps(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const today = p.add(ctx.today, 'date');
  const inserted = (await run.query(
    `insert into follow_up (id, service_id, case_id, still_engaged, new_arrest, notes, followed_up_on, recorded_by, recorded_at)
     select md5(c.id::text || '-follow-up')::uuid, c.service_id, c.id,
            coalesce((select jsonb_object_agg(o.id::text, case when o.exit_status = 'engaged' and pg_temp.h('still', pg_temp.k(o.id)) % 100 < 85 then 'yes'
                                                               when pg_temp.h('still', pg_temp.k(o.id)) % 100 < 8 then 'not_known' else 'no' end)
                      from onward_referral o where o.case_id = c.id and o.sent_on is not null), '{}'::jsonb),
            (array['no', 'no', 'no', 'no', 'no', 'no', 'yes', 'not_known'])[1 + pg_temp.h('arrest', c.key) % 8], '', f.on_day, c.allocated_to, f.on_day + time '14:00'
     from ${caseKeys(p, ctx, `c.case_status = 'closed' and c.follow_up_due_on <= ${today}`)}
     cross join lateral (select least(${today}, c.follow_up_due_on + (pg_temp.h('fu', c.key) % 15)::int) as on_day) f
     where pg_temp.h('fu?', c.key) % 100 < 80`,
    p.values,
  )).rowCount;
  // The load runs with triggers off (session_replication_role), so the mark the database puts on a case when its
  // follow-up is recorded (migration 0017) is put here.
  await run.query('update case_episode c set followed_up = true from follow_up f where f.case_id = c.id and not c.followed_up');
  return inserted;
}
