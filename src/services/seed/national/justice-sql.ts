// The national profile's justice liaison and re-offending records, made with server-side SQL: disclosures to custody
// and courts with the person's consent, issued court reports, and justice events after the index referral for a
// supported group and a comparison group (people screened but given no case), at the small profiles' per-person rates.
import type { NationalContext } from './context.js';
import { Params, type SqlRunner } from './sql-kit.js';

/** A one-page PDF saying the report is synthetic, as base64: issued reports must hold a document. */
export function placeholderPdfBase64(): string {
  const text = 'BT /F1 12 Tf 72 770 Td (Synthetic court report: demo data only.) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1').toString('base64');
}

const services = (p: Params, ctx: NationalContext) => p.add(ctx.services.map((s) => s.id), 'uuid[]');

/** Custody advice or information shared, with consent, for about three in ten cases whose screen recorded consent to share with justice agencies. */
export async function insertDisclosures(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  return (await run.query(
    `insert into disclosure (id, service_id, person_id, case_id, referral_id, recipient, recipient_name, site_id, disclosure_kind, content, purpose, basis,
                             consent_screening_id, disclosure_status, requested_by, requested_at, disclosed_at, version, created_at, updated_at)
     select md5(c.id::text || '-disclosure')::uuid, c.service_id, c.person_id, c.id, r.id,
            case when st.site_kind in ('custody_suite', 'police_station') then 'custody' else 'court' end,
            case when st.site_kind in ('custody_suite', 'police_station') then 'Custody sergeant' else 'Legal adviser' end, r.site_id,
            case when st.site_kind in ('custody_suite', 'police_station') then 'custody_advice' else 'information' end,
            'Has a mental health need and is supported by the Liaison and Diversion service; an appropriate adult is advised for interview.',
            'To inform decisions about fitness for interview and support in custody', 'consent', s.id, 'disclosed', c.allocated_to,
            c.opened_at + interval '2 hours', c.opened_at + interval '3 hours', 1, c.opened_at + interval '2 hours', c.opened_at + interval '3 hours'
     from (select c.*, pg_temp.k(c.id) as key from case_episode c where c.service_id = any(${services(p, ctx)}) offset 0) c
     join referral r on r.id = c.referral_id
     join site st on st.id = r.site_id
     join screening s on s.referral_id = r.id
     where s.consent -> 'justice_sharing' ->> 'decision' = 'given' and pg_temp.h('disc', c.key) % 100 < 30`,
    p.values,
  )).rowCount;
}

/**
 * An issued court report (a sentencing or bail report, signed off by the team manager) for a quarter of the cases
 * referred at a court whose screen recorded consent, once the hearing four to six weeks after opening has passed;
 * each with its disclosure to the court.
 */
export async function insertCourtReports(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const today = p.add(ctx.today, 'date');
  const managers = p.add(ctx.services.map((s) => s.managerId), 'uuid[]');
  const chosen = `(select c.*, r.site_id, s.id as screening_id, sv.svc, (c.opened_at at time zone 'Europe/London')::date + 28 + (pg_temp.h('hear', pg_temp.k(c.id)) % 15)::int as hearing_on
     from case_episode c join referral r on r.id = c.referral_id join site st on st.id = r.site_id join screening s on s.referral_id = r.id
     join unnest(${services(p, ctx)}) with ordinality as sv(id, svc) on sv.id = c.service_id
     where st.site_kind in ('magistrates_court', 'crown_court', 'youth_court') and s.consent -> 'justice_sharing' ->> 'decision' = 'given'
       and pg_temp.h('report', pg_temp.k(c.id)) % 100 < 25 offset 0) c`;
  const disclosures = await run.query(
    `insert into disclosure (id, service_id, person_id, case_id, referral_id, recipient, recipient_name, site_id, disclosure_kind, content, purpose, basis,
                             consent_screening_id, disclosure_status, requested_by, requested_at, decided_by, decided_at, disclosed_at, version, created_at, updated_at)
     select md5(c.id::text || '-court-disclosure')::uuid, c.service_id, c.person_id, c.id, c.referral_id, 'court', 'The court', c.site_id, 'court_report',
            'Court report for the hearing on ' || to_char(c.hearing_on, 'DD/MM/YYYY') || '.', 'To inform the court''s decision', 'consent', c.screening_id, 'disclosed',
            c.allocated_to, c.hearing_on - 2 + time '10:00', (${managers})[c.svc], c.hearing_on - 2 + time '15:00', c.hearing_on - 2 + time '15:00', 1,
            c.hearing_on - 2 + time '10:00', c.hearing_on - 2 + time '15:00'
     from ${chosen} where c.hearing_on <= ${today}`,
    p.values,
  );
  const q = new Params();
  const reports = await run.query(
    `insert into court_report (id, service_id, person_id, case_id, court_site_id, hearing_on, due_on, purpose, period_from, period_to, sections, report_state,
                               drafted_by, submitted_by, submitted_at, signed_off_by, issued_at, pdf, disclosure_id, version, created_at, updated_at)
     select md5(c.id::text || '-court-report')::uuid, c.service_id, c.person_id, c.id, d.site_id, c.hearing_on, c.hearing_on - 1,
            (array['sentence', 'sentence', 'bail', 'remand', 'fitness_to_plead'])[1 + pg_temp.h('purpose', pg_temp.k(c.id)) % 5],
            (c.opened_at at time zone 'Europe/London')::date, c.hearing_on - 3,
            '{"background":"Synthetic background.","needs":"Mental health and housing needs.","support":"Engaged with the plan.","options":"A community order with a mental health treatment requirement.","recommendations":"Continue support."}'::jsonb,
            'issued', c.allocated_to, c.allocated_to, c.hearing_on - 3 + time '16:00', d.decided_by, d.disclosed_at, decode(${q.add(placeholderPdfBase64(), 'text')}, 'base64'), d.id, 2,
            c.hearing_on - 10 + time '10:00', d.disclosed_at
     from (select c.*, (c.opened_at at time zone 'Europe/London')::date + 28 + (pg_temp.h('hear', pg_temp.k(c.id)) % 15)::int as hearing_on
           from case_episode c where c.service_id = any(${services(q, ctx)}) offset 0) c
     join disclosure d on d.id = md5(c.id::text || '-court-disclosure')::uuid`,
    q.values,
  );
  if (reports.rowCount !== disclosures.rowCount) throw new Error(`Made ${disclosures.rowCount} court disclosures but ${reports.rowCount} court reports`);
  return reports.rowCount;
}

/**
 * Justice events after each person's index date (their first referral that opened a case, or for the comparison group
 * their first screened referral): a re-arrest within a year for 25% of the supported and 35% of the comparison group,
 * soonest after the index date; then a charge (65%; then conviction 70%, acquittal 18%, or still pending), a caution
 * (15%) or no further action (20%). Nothing after today.
 */
export async function insertJusticeEvents(run: SqlRunner, ctx: NationalContext): Promise<number> {
  const p = new Params();
  const today = p.add(ctx.today, 'date');
  const svc = services(p, ctx);
  return (await run.query(
    `insert into justice_event (id, service_id, person_id, offence_on, outcome, outcome_on, source, notes, recorded_by, recorded_at)
     with supported as (
       select c.person_id, c.service_id, min((r.referred_at at time zone 'Europe/London')::date) as index_on
       from case_episode c join referral r on r.id = c.referral_id where c.service_id = any(${svc}) group by c.person_id, c.service_id
     ), compared as (
       select s.person_id, s.service_id, min((r.referred_at at time zone 'Europe/London')::date) as index_on
       from screening s join referral r on r.id = s.referral_id
       where s.service_id = any(${svc}) and s.screening_status = 'completed' and not exists (select 1 from case_episode c where c.person_id = s.person_id)
       group by s.person_id, s.service_id
     ), chosen as (
       select g.*, pg_temp.k(g.person_id) as key,
              g.index_on + 1 + floor(364 * power((pg_temp.h('when', pg_temp.k(g.person_id)) % 1000) / 1000.0, 1.8))::int as offence_on
       from (select *, 25 as rate from supported union all select *, 35 from compared) g
       where pg_temp.h('reoffend', pg_temp.k(g.person_id)) % 100 < g.rate
     ), steps as (
       select ch.*, ch.arrest_on + (pg_temp.h('next', ch.key) % 31)::int as next_on
       from (select ch.*, ch.offence_on + (pg_temp.h('arrest', ch.key) % 4)::int as arrest_on,
                    case when pg_temp.h('path', ch.key) % 100 < 65 then 'charge' when pg_temp.h('path', ch.key) % 100 < 80 then 'caution' else 'no_further_action' end as path,
                    case when pg_temp.h('verdict', ch.key) % 100 < 70 then 'conviction' when pg_temp.h('verdict', ch.key) % 100 < 88 then 'acquittal' end as verdict
             from chosen ch) ch
     )
     select md5(e.person_id::text || '-justice-' || e.outcome)::uuid, e.service_id, e.person_id, e.offence_on, e.outcome, e.outcome_on, 'recorded',
            'From the police national computer', (${p.add(ctx.services.map((s) => s.managerId), 'uuid[]')})[sv.svc],
            least(${p.add(ctx.now.toISOString(), 'timestamptz')} - interval '1 minute', e.outcome_on + 1 + (pg_temp.h('rec', e.key) % 14)::int + time '10:20')
     from (select st.service_id, st.person_id, st.key, st.offence_on, x.outcome, x.outcome_on
           from steps st cross join lateral (values ('arrest', st.arrest_on), (st.path, st.next_on),
                                                  (case when st.path = 'charge' then st.verdict end, st.next_on + 20 + (pg_temp.h('court', st.key) % 181)::int)) as x(outcome, outcome_on)
           where x.outcome is not null) e
     join unnest(${svc}) with ordinality as sv(id, svc) on sv.id = e.service_id
     where e.outcome_on <= ${today} and e.offence_on <= ${today}`,
    p.values,
  )).rowCount;
}
