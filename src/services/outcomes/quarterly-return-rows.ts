// The facts behind each row of the quarterly return: every referral a service received in a quarter, with its
// completed screen, the case opened from it, onward referrals, disclosures and court reports. Read in three queries
// (not one per referral); person keys are made here from the person's id and the installation's secret.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ClosureReason, ExitStatus } from '../../domain/closure.js';
import { londonDate } from '../../domain/london-time.js';
import { engagedAtExit } from '../../domain/outcome-engagement.js';
import { isPathway, type Pathway } from '../../domain/pathways.js';
import type { ReferralFacts } from '../../domain/quarterly-return-fields.js';
import { personKey } from '../../domain/quarterly-return-key.js';

/** A service and the half-open span of instants [start, end) of a quarter. */
export type ReturnScope = { serviceId: string; start: Date; end: Date };

type ReferralRow = {
  id: string;
  person_id: string | null;
  site_code: string;
  source: string;
  referred_at: Date | string;
  arrived_at: Date | string | null;
  dob: string | null;
  sex: string | null;
  ethnicity_code: string | null;
  findings: Record<string, { finding: string }> | string | null;
  screened_at: Date | string | null;
  case_id: string | null;
  opened_at: Date | string | null;
  plan_agreed_on: string | null;
  closure_reason: ClosureReason | null;
  case_status: string | null;
  assessments: unknown;
  disclosures: unknown;
  court_reports: unknown;
};

const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const asDay = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The referrals of the quarter, oldest first, as the facts `returnRecord` codes; `secret` keys the person ids. */
export async function referralFacts(db: Kysely<Database>, scope: ReturnScope, secret: string): Promise<ReferralFacts[]> {
  const inQuarter = sql`r.service_id = ${scope.serviceId}::uuid and r.referred_at >= ${scope.start} and r.referred_at < ${scope.end}`;
  const referrals = await sql<ReferralRow>`
    select r.id::text as id, r.person_id::text as person_id, st.code as site_code, r.source, r.referred_at, r.arrived_at,
           coalesce(p.date_of_birth, r.subject_date_of_birth)::text as dob, p.sex, p.ethnicity_code,
           s.findings, s.completed_at as screened_at,
           c.id::text as case_id, c.opened_at, c.plan_agreed_on::text as plan_agreed_on, c.closure_reason, c.case_status,
           (select count(*) from assessment a where a.case_id = c.id and a.assessment_status = 'completed') as assessments,
           (select count(*) from disclosure d where d.referral_id = r.id and d.disclosed_at is not null)
             + (select count(*) from disclosure d where d.case_id = c.id and d.disclosed_at is not null
                and (d.referral_id is null or d.referral_id <> r.id)) as disclosures,
           (select count(distinct coalesce(cr.first_version_id, cr.id)) from court_report cr where cr.case_id = c.id and cr.issued_at is not null) as court_reports
    from referral r
    join site st on st.id = r.site_id
    left join person p on p.id = r.person_id
    left join lateral (
      select x.findings, x.completed_at from screening x
      where x.referral_id = r.id and x.screening_status = 'completed' order by x.completed_at limit 1
    ) s on true
    left join lateral (
      select e.id, e.opened_at, e.plan_agreed_on, e.closure_reason, e.case_status from case_episode e
      where e.referral_id = r.id order by e.opened_at limit 1
    ) c on true
    where ${inQuarter}
    order by r.referred_at, r.id
  `.execute(db);

  const onward = await sql<{ case_id: string; pathway: string; exit_status: ExitStatus | null; sent_on: string | null }>`
    select o.case_id::text as case_id, po.pathway, o.exit_status, o.sent_on::text as sent_on
    from onward_referral o
    join partner_organisation po on po.id = o.partner_organisation_id
    where o.case_id in (select e.id from case_episode e join referral r on r.id = e.referral_id where ${inQuarter})
  `.execute(db);
  const byCase = new Map<string, { pathways: Partial<Record<Pathway, number>>; exits: (ExitStatus | null)[] }>();
  for (const o of onward.rows) {
    const entry = byCase.get(o.case_id) ?? { pathways: {}, exits: [] };
    if (o.sent_on !== null && isPathway(o.pathway)) entry.pathways[o.pathway] = (entry.pathways[o.pathway] ?? 0) + 1;
    entry.exits.push(o.exit_status);
    byCase.set(o.case_id, entry);
  }

  return referrals.rows.map((r): ReferralFacts => {
    const referredAt = asDate(r.referred_at);
    const screenedAt = r.screened_at === null ? null : asDate(r.screened_at);
    const startAt = r.arrived_at === null ? referredAt : asDate(r.arrived_at);
    const caseOnward = r.case_id === null ? undefined : byCase.get(r.case_id);
    const closed = r.case_status === 'closed' && r.closure_reason !== null;
    return {
      personKey: r.person_id === null ? null : personKey(r.person_id, secret),
      siteCode: r.site_code,
      source: r.source,
      referredOn: londonDate(referredAt),
      dateOfBirth: asDay(r.dob),
      sex: r.sex,
      ethnicityCode: r.ethnicity_code,
      findings: r.findings === null ? null : typeof r.findings === 'string' ? (JSON.parse(r.findings) as Record<string, { finding: string }>) : r.findings,
      screenedOn: screenedAt === null ? null : londonDate(screenedAt),
      minutesToScreen: screenedAt === null ? null : Math.floor((screenedAt.getTime() - startAt.getTime()) / 60_000),
      fullAssessment: Number(r.assessments ?? 0) > 0,
      caseOpenedOn: r.opened_at === null ? null : londonDate(asDate(r.opened_at)),
      planAgreedOn: asDay(r.plan_agreed_on),
      closureReason: closed ? r.closure_reason : null,
      engagedAtExit: closed ? engagedAtExit(caseOnward?.exits ?? []) : null,
      onwardByPathway: caseOnward?.pathways ?? {},
      disclosures: Number(r.disclosures ?? 0),
      courtReports: Number(r.court_reports ?? 0),
    };
  });
}
