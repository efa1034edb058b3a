// The facts the due list, "my cases" and the team's caseloads are derived from, for a set of cases at once:
// one query per kind of fact (never one per case), each joined to the cases in scope as `c`, all run as one statement
// with the court reports due on those cases and, for a caseload, their recent contacts.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CaseStatus, Database } from '../../db/schema.js';
import { addDays } from '../../domain/calendar-date.js';
import { FOLLOW_UP_LOOKBACK_DAYS, REVIEW_LOOKAHEAD_DAYS, type CaseFacts } from '../../domain/due-items.js';
import type { Contact } from '../../domain/engagement.js';
import { ENGAGEMENT_WINDOW_DAYS } from '../../domain/engagement.js';
import { londonDate, londonInstant } from '../../domain/london-time.js';
import { AMBER_FROM_DAY } from '../../domain/twelve-week-clock.js';
import { readTogetherOnce } from '../../db/read-together.js';
import { asExtension } from './case-records.js';
import { dueReportEntries, dueReportsRead, reportsUntil, type DueEntry } from './court-reports-due.js';

/** Which cases: a service's, optionally one worker's (null: nobody's) or one case. */
export type FactScope = { serviceId: string; workerId?: string | null; caseId?: string };

/** A case that is not closed, as lists show it. */
export type ScopedCase = {
  id: string;
  personId: string;
  personName: string;
  dateOfBirth: string | null;
  caseStatus: CaseStatus;
  openedAt: Date;
  planAgreedOn: string | null;
  allocatedTo: string | null;
  version: number;
};

export type ScopedFacts = {
  /** Cases not closed, newest first. */
  cases: ScopedCase[];
  /** Facts of those cases, and (unless left out) of closed cases whose follow-up is due. */
  facts: CaseFacts[];
  /** Who holds each case in `facts` (closed cases keep their last worker). */
  workerOf: Map<string, string | null>;
  /** Court reports due on the cases in scope (see court-reports-due). */
  reports: DueEntry[];
  /** Contacts with an outcome over the engagement window, per case not closed; empty unless asked for. */
  recentContacts: Map<string, Contact[]>;
};

/** A literal in the SQL text, so the planner can match the partial indexes of 0005_case.sql. */
const lit = <T extends string>(value: T) => sql.lit(value) as RawBuilder<T>;

/** What decides the text of the facts' reads: whose cases, and whether the pending extensions, recent contacts and closed cases are read. */
type FactShape = { worker: 'any' | 'none' | 'one'; oneCase: boolean; team: boolean; recent: boolean; closed: boolean };
type FactValues = {
  serviceId: string; workerId: string | null; caseId: string | null; today: string; reviewUntil: string; amberFrom: string; followUpFrom: string;
  reportsUntil: string; recentFrom: Date; recentUntil: Date;
};

function inScope(scope: Pick<FactShape, 'worker' | 'oneCase'>, values: Pick<FactValues, 'serviceId' | 'workerId' | 'caseId'>): RawBuilder<boolean> {
  const parts = [sql`c.service_id = ${values.serviceId}`];
  if (scope.worker === 'none') parts.push(sql`c.allocated_to is null`);
  else if (scope.worker === 'one') parts.push(sql`c.allocated_to = ${values.workerId}`);
  if (scope.oneCase) parts.push(sql`c.id = ${values.caseId}`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

const shapeOf = (scope: FactScope): Pick<FactShape, 'worker' | 'oneCase'> => ({
  worker: scope.workerId === undefined ? 'any' : scope.workerId === null ? 'none' : 'one',
  oneCase: scope.caseId !== undefined,
});
const scopeValues = (scope: FactScope) => ({ serviceId: scope.serviceId, workerId: scope.workerId ?? null, caseId: scope.caseId ?? null });

const nameOf = (r: { given_name: string; family_name: string }) => `${r.given_name} ${r.family_name}`;

// One statement for all of them, built once for each shape: on one case's page these seven small reads were half of what the page cost.
const factsRead = readTogetherOnce((db: Kysely<Database>, shape: FactShape, v: FactValues) => {
  const where = inScope(shape, v);
  const wide = shape.worker === 'any' && !shape.oneCase;
  const notClosed = lit('closed');
  return {
    caseRows: db.selectFrom('case_episode as c')
      .innerJoin('person as p', 'p.id', 'c.person_id')
      .leftJoin('assessment as a', (j) => j.onRef('a.case_id', '=', 'c.id').on('a.assessment_status', '=', lit('completed')))
      .select(['c.id', 'c.person_id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'c.case_status', 'c.opened_at', 'c.plan_agreed_on', 'c.allocated_to', 'c.version', 'c.closure_requested_at', 'a.id as assessment_id'])
      .where(where).where('c.case_status', '<>', notClosed)
      .orderBy('c.opened_at', 'desc'),
    // A team's list needs only reviews within the look-ahead; one worker's cases show their next review whenever it is.
    reviews: db.selectFrom('plan_review as r').innerJoin('case_episode as c', 'c.id', 'r.case_id')
      .select(['r.case_id', 'r.due_on'])
      .where('r.service_id', '=', v.serviceId).where('r.completed_on', 'is', null).where(where).where('c.case_status', '<>', notClosed)
      .$if(wide, (q) => q.where('r.due_on', '<=', v.reviewUntil)),
    lastContacts: db.selectFrom('case_episode as c')
      .innerJoinLateral(
        (eb) => eb.selectFrom('contact as k').select(['k.id', 'k.starts_at', 'k.outcome']).whereRef('k.case_id', '=', 'c.id').orderBy('k.starts_at', 'desc').limit(1).as('k'),
        (j) => j.onTrue(),
      )
      .select(['c.id as case_id', 'k.id', 'k.starts_at', 'k.outcome'])
      .where(where).where('c.case_status', '=', lit('open')).where('k.outcome', '=', lit('did_not_attend')),
    waiting: db.selectFrom('onward_referral as o').innerJoin('case_episode as c', 'c.id', 'o.case_id').innerJoin('partner_organisation as po', 'po.id', 'o.partner_organisation_id')
      .select(['o.case_id', 'o.id', 'o.onward_state', 'o.sent_on', 'po.name', 'po.typical_wait_days'])
      .where('o.service_id', '=', v.serviceId).where(sql<boolean>`o.onward_state in ('sent', 'accepted', 'waiting')`).where('o.sent_on', 'is not', null)
      .where(where).where('c.case_status', '=', lit('open')),
    // Approved extensions: across a team they matter only once a case could be near or past its end.
    extensions: db.selectFrom('case_extension as e').innerJoin('case_episode as c', 'c.id', 'e.case_id').innerJoin('app_user as u', 'u.id', 'e.decided_by')
      .select(['e.case_id', 'e.decided_on', 'u.display_name', 'e.reason', 'e.new_end_on'])
      .where('e.service_id', '=', v.serviceId).where('e.decision', '=', lit('approved'))
      .where(where).where('c.case_status', '<>', notClosed)
      .$if(wide, (q) => q.where('c.plan_agreed_on', '<=', v.amberFrom)),
    // Extensions waiting for a decision, which only a team manager's list shows.
    pending: db.selectFrom('case_extension as e').innerJoin('case_episode as c', 'c.id', 'e.case_id')
      .select(['e.case_id', 'e.requested_at'])
      .where('e.service_id', '=', v.serviceId).where('e.decision', 'is', null).where(where).where('c.case_status', '<>', notClosed)
      .$if(!shape.team, (q) => q.where(sql<boolean>`false`)),
    closedRows: db.selectFrom('case_episode as c').innerJoin('person as p', 'p.id', 'c.person_id')
      .select(['c.id', 'c.person_id', 'p.given_name', 'p.family_name', 'c.opened_at', 'c.plan_agreed_on', 'c.allocated_to', 'c.closed_on', 'c.follow_up_due_on'])
      .where(where).where('c.case_status', '=', lit('closed')).where(sql<boolean>`not c.followed_up`)
      .where('c.follow_up_due_on', '<=', v.today).where('c.follow_up_due_on', '>=', v.followUpFrom)
      .$if(!shape.closed, (q) => q.where(sql<boolean>`false`)),
    reports: dueReportsRead(db, shape, v),
    // A caseload's engagement: the contacts with an outcome over the window, which only a caseload asks for.
    recent: db.selectFrom('case_episode as c').innerJoin('contact as k', 'k.case_id', 'c.id')
      .select(['k.case_id', 'k.starts_at', 'k.outcome'])
      .where(where).where('c.case_status', '<>', notClosed)
      .where('k.starts_at', '>=', v.recentFrom).where('k.starts_at', '<', v.recentUntil).where('k.outcome', 'is not', null)
      .$if(!shape.recent, (q) => q.where(sql<boolean>`false`)),
  };
}, { caseRows: ['opened_at', 'closure_requested_at'], lastContacts: ['starts_at'], pending: ['requested_at'], closedRows: ['opened_at'], recent: ['starts_at'] });

/** Contacts with an outcome by case, on the London day each took place. */
function contactsByCase(rows: readonly { case_id: string; starts_at: Date; outcome: Contact['outcome'] | null }[]): Map<string, Contact[]> {
  const byCase = new Map<string, Contact[]>();
  for (const r of rows) {
    const contact = { on: londonDate(r.starts_at), outcome: r.outcome! };
    const list = byCase.get(r.case_id);
    if (list) list.push(contact);
    else byCase.set(r.case_id, [contact]);
  }
  return byCase;
}

/**
 * The facts of the cases in scope, the court reports due on them, and, if `recentContacts`, their contacts with an
 * outcome over the engagement window (London days). `closedCases: false` leaves out the closed cases whose follow-up
 * is due, for a list of open cases only.
 */
export async function loadCaseFacts(
  db: Kysely<Database>,
  scope: FactScope,
  today: string,
  options: { teamDecisions: boolean; recentContacts?: boolean; closedCases?: boolean },
): Promise<ScopedFacts> {
  const shape = { ...shapeOf(scope), team: options.teamDecisions, recent: options.recentContacts ?? false, closed: options.closedCases ?? true };
  const read = await factsRead(db, shape, {
    ...scopeValues(scope),
    today,
    reviewUntil: addDays(today, REVIEW_LOOKAHEAD_DAYS),
    amberFrom: addDays(today, -AMBER_FROM_DAY),
    followUpFrom: addDays(today, -FOLLOW_UP_LOOKBACK_DAYS),
    reportsUntil: reportsUntil(today),
    recentFrom: londonInstant(addDays(today, -(ENGAGEMENT_WINDOW_DAYS - 1)), { hours: 0, minutes: 0 }),
    recentUntil: londonInstant(addDays(today, 1), { hours: 0, minutes: 0 }),
  });
  const { caseRows, reviews, lastContacts, waiting, extensions, pending, closedRows, reports, recent } = read;

  const group = <R extends { case_id: string }>(rows: R[]) => {
    const m = new Map<string, R[]>();
    for (const r of rows) {
      const list = m.get(r.case_id);
      if (list) list.push(r);
      else m.set(r.case_id, [r]);
    }
    return m;
  };
  const reviewsOf = group(reviews), contactsOf = group(lastContacts), waitingOf = group(waiting), extensionsOf = group(extensions), pendingOf = group(pending);

  const cases: ScopedCase[] = caseRows.map((r) => ({
    id: r.id, personId: r.person_id, personName: nameOf(r), dateOfBirth: r.date_of_birth, caseStatus: r.case_status,
    openedAt: r.opened_at, planAgreedOn: r.plan_agreed_on, allocatedTo: r.allocated_to, version: r.version,
  }));
  const workerOf = new Map<string, string | null>();
  const facts: CaseFacts[] = caseRows.map((r) => {
    workerOf.set(r.id, r.allocated_to);
    return {
      caseId: r.id, personName: nameOf(r), caseStatus: r.case_status, openedAt: r.opened_at, planAgreedOn: r.plan_agreed_on,
      extensions: (extensionsOf.get(r.id) ?? []).map(asExtension),
      assessmentCompleted: r.assessment_id !== null,
      openReviews: (reviewsOf.get(r.id) ?? []).map((x) => x.due_on),
      contacts: (contactsOf.get(r.id) ?? []).map((k) => ({ id: k.id, startsAt: k.starts_at, outcome: k.outcome })),
      waitingReferrals: (waitingOf.get(r.id) ?? []).map((o) => ({ id: o.id, partnerName: o.name, state: o.onward_state, sentOn: o.sent_on, typicalWaitDays: o.typical_wait_days })),
      pendingExtensions: (pendingOf.get(r.id) ?? []).map((e) => e.requested_at),
      closureRequestedAt: r.closure_requested_at, closedOn: null, followUpDueOn: null, followUpRecorded: false,
    };
  });
  for (const r of closedRows) {
    workerOf.set(r.id, r.allocated_to);
    facts.push({
      caseId: r.id, personName: nameOf(r), caseStatus: 'closed', openedAt: r.opened_at, planAgreedOn: r.plan_agreed_on, extensions: [], assessmentCompleted: true,
      openReviews: [], contacts: [], waitingReferrals: [], pendingExtensions: [], closureRequestedAt: null, closedOn: r.closed_on, followUpDueOn: r.follow_up_due_on, followUpRecorded: false,
    });
  }
  return { cases, facts, workerOf, reports: dueReportEntries(reports, today), recentContacts: contactsByCase(recent) };
}
