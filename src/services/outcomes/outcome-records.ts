// The records behind the outcome measures, read for one service: closed cases with their exit statuses and
// follow-ups, each referral's path (screened, supported, closed as disengaged), and justice events per person.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ClosedCaseEngagement } from '../../domain/outcome-engagement.js';
import type { ReferralPath } from '../../domain/outcome-groups.js';
import type { JusticeEvent } from '../../domain/reoffending.js';
import { londonDate } from '../../domain/london-time.js';

/** Cases of the service closed from `from` to `to` (closure dates, both included), as the engagement measures see them. */
export async function closedCasesOf(db: Kysely<Database>, serviceId: string, from: string, to: string): Promise<ClosedCaseEngagement[]> {
  const closed = await db
    .selectFrom('case_episode')
    .select(['id', 'follow_up_due_on'])
    .where('service_id', '=', serviceId)
    .where('case_status', '=', 'closed')
    .where('closed_on', '>=', from)
    .where('closed_on', '<=', to)
    .execute();
  if (closed.length === 0) return [];
  const ids = closed.map((c) => c.id);
  const [referrals, followUps] = await Promise.all([
    db.selectFrom('onward_referral').select(['case_id', 'exit_status']).where('service_id', '=', serviceId).where('case_id', 'in', ids).execute(),
    db.selectFrom('follow_up').select(['case_id', 'still_engaged']).where('service_id', '=', serviceId).where('case_id', 'in', ids).execute(),
  ]);
  const exits = new Map<string, ClosedCaseEngagement['exitStatuses'][number][]>();
  for (const r of referrals) exits.set(r.case_id, [...(exits.get(r.case_id) ?? []), r.exit_status]);
  const answers = new Map(followUps.map((f) => [f.case_id, f.still_engaged]));
  return closed.map((c) => {
    const stillEngaged = answers.get(c.id);
    return { exitStatuses: exits.get(c.id) ?? [], followUpDueOn: c.follow_up_due_on, followUp: stillEngaged === undefined ? null : { stillEngaged } };
  });
}

/**
 * Every referral of the service that names a person, with the London date it was made, whether its screen was
 * completed, and what became of a case it opened; cases opened without a referral (e.g. a family member's) count
 * from the London date they were opened.
 */
export async function referralPathsOf(db: Kysely<Database>, serviceId: string): Promise<ReferralPath[]> {
  const [referrals, cases] = await Promise.all([
    db.selectFrom('referral as r')
      .select(['r.id', 'r.person_id', 'r.referred_at'])
      .select((eb) => eb.exists(eb.selectFrom('screening as s').select('s.id').whereRef('s.referral_id', '=', 'r.id').where('s.screening_status', '=', 'completed')).as('screened'))
      .where('r.service_id', '=', serviceId)
      .where('r.person_id', 'is not', null)
      .execute(),
    db.selectFrom('case_episode')
      .select(['person_id', 'referral_id', 'opened_at', 'plan_agreed_on', 'case_status', 'closure_reason'])
      .where('service_id', '=', serviceId)
      .execute(),
  ]);
  const paths = new Map<string, ReferralPath>();
  for (const r of referrals) {
    paths.set(r.id, { personId: r.person_id!, referredOn: londonDate(new Date(r.referred_at)), screened: Boolean(r.screened), planAgreed: false, closedDisengaged: false });
  }
  const unreferred: ReferralPath[] = [];
  for (const c of cases) {
    const path = (c.referral_id ? paths.get(c.referral_id) : undefined) ?? { personId: c.person_id, referredOn: londonDate(new Date(c.opened_at)), screened: false, planAgreed: false, closedDisengaged: false };
    if (!c.referral_id || !paths.has(c.referral_id)) unreferred.push(path);
    path.planAgreed ||= c.plan_agreed_on !== null;
    path.closedDisengaged ||= c.case_status === 'closed' && c.closure_reason === 'disengaged';
  }
  return [...paths.values(), ...unreferred];
}

/** The service's justice events of the given people, by person. */
export async function justiceEventsOf(db: Kysely<Database>, serviceId: string, personIds: readonly string[]): Promise<Map<string, JusticeEvent[]>> {
  const byPerson = new Map<string, JusticeEvent[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db.selectFrom('justice_event').select(['person_id', 'offence_on', 'outcome', 'outcome_on']).where('service_id', '=', serviceId).execute();
  const wanted = new Set(personIds);
  for (const row of rows) {
    if (!wanted.has(row.person_id)) continue;
    byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), { offenceOn: row.offence_on, outcome: row.outcome, outcomeOn: row.outcome_on }]);
  }
  return byPerson;
}
