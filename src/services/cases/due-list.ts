// What is due, per worker, per team and per case: derived from the case data on every read (src/domain/due-items.ts),
// never kept as a separate to-do list that could drift from the cases. Court reports not yet issued are due too.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { addDays } from '../../domain/calendar-date.js';
import { COURT_REPORT_LOOKAHEAD_DAYS, courtReportDueItems, dueItems, sortDueItems, type DueItem } from '../../domain/due-items.js';
import { londonDate } from '../../domain/london-time.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import { caseworkersOf } from './case-allocation.js';
import { loadCaseFacts } from './case-facts.js';
import { requireTeamManager, requireTeamMember, type CaseRecords } from './case-records.js';
import { workerItems } from './caseload.js';

/** A due item with the worker who holds its case. */
export type DueEntry = DueItem & { workerId: string | null; workerName: string | null };

/** Whose court reports: a service's, one worker's (the case's worker, or the drafter while nobody holds the case) or one case's. */
type ReportScope = { serviceId: string; workerId?: string; caseId?: string };

/** Court reports not issued yet and due within the look-ahead, each with who it falls to. */
async function courtReportsDue(db: Kysely<Database>, scope: ReportScope, today: string): Promise<DueEntry[]> {
  let q = db.selectFrom('court_report as r')
    .innerJoin('case_episode as c', 'c.id', 'r.case_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('site as s', 's.id', 'r.court_site_id')
    .leftJoin('app_user as w', (j) => j.on(sql<boolean>`w.id = coalesce(c.allocated_to, r.drafted_by)`))
    .select(['r.id', 'r.case_id', 'r.hearing_on', 'r.due_on', 'r.report_state', 'p.given_name', 'p.family_name', 's.name as court_name', 'w.id as worker_id', 'w.display_name as worker_name'])
    .where('r.service_id', '=', scope.serviceId)
    .where(sql<boolean>`r.report_state in ('draft', 'awaiting_sign_off')`)
    .where('r.due_on', '<=', addDays(today, COURT_REPORT_LOOKAHEAD_DAYS));
  if (scope.caseId !== undefined) q = q.where('r.case_id', '=', scope.caseId);
  if (scope.workerId !== undefined) {
    const workerId = scope.workerId;
    q = q.where((eb) => eb.or([eb('c.allocated_to', '=', workerId), eb.and([eb('c.allocated_to', 'is', null), eb('r.drafted_by', '=', workerId)])]));
  }
  const rows = await q.execute();
  const workerOf = new Map(rows.map((r) => [r.id, { workerId: r.worker_id, workerName: r.worker_name }]));
  const items = courtReportDueItems(rows.map((r) => ({
    reportId: r.id, caseId: r.case_id, personName: `${r.given_name} ${r.family_name}`, courtName: r.court_name, hearingOn: r.hearing_on, dueOn: r.due_on,
    state: r.report_state as 'draft' | 'awaiting_sign_off',
  })), today);
  return items.map((i) => ({ ...i, workerId: null, workerName: null, ...workerOf.get(i.reportId!) }));
}

export function createDueList(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  void audit;
  const today = () => londonDate(clock.now());

  async function namesOf(serviceId: string): Promise<Map<string, string>> {
    return new Map((await caseworkersOf(db, serviceId)).map((w) => [w.userId, w.displayName]));
  }

  return {
    /** What is due on the cases a worker holds (the actor by default; a team manager may ask for any worker of the service). */
    async forWorker(actor: Actor, userId: string = actor.userId): Promise<DueEntry[]> {
      const serviceId = requireTeamMember(actor, 'Only the team has a due list');
      let workerName = actor.displayName;
      if (userId !== actor.userId) {
        requireTeamManager(actor);
        const name = (await namesOf(serviceId)).get(userId);
        if (!name) throw new NotFoundError('worker');
        workerName = name;
      }
      const day = today();
      const [{ facts }, reports] = await Promise.all([loadCaseFacts(db, { serviceId, workerId: userId }, day, { teamDecisions: false }), courtReportsDue(db, { serviceId, workerId: userId }, day)]);
      return sortDueItems([...facts.flatMap((f) => workerItems(f, day)), ...reports]).map((i) => ({ ...i, workerId: userId, workerName }));
    },

    /** Everything due across the team, including the decisions that fall to the manager (extensions, closures). */
    async forTeam(actor: Actor): Promise<DueEntry[]> {
      const serviceId = requireTeamManager(actor);
      const day = today();
      const [{ facts, workerOf }, names, reports] = await Promise.all([loadCaseFacts(db, { serviceId }, day, { teamDecisions: true }), namesOf(serviceId), courtReportsDue(db, { serviceId }, day)]);
      const reportWorkers = new Map(reports.map((r) => [r.reportId!, r]));
      return sortDueItems([...facts.flatMap((f) => dueItems(f, day)), ...reports]).map((i) => {
        const report = i.reportId ? reportWorkers.get(i.reportId) : undefined;
        if (report) return { ...i, workerId: report.workerId, workerName: report.workerName };
        const workerId = workerOf.get(i.caseId) ?? null;
        return { ...i, workerId, workerName: workerId ? names.get(workerId) ?? null : null };
      });
    },

    /** What is due on one case (the manager's decisions included for a team manager). */
    async forCase(actor: Actor, caseId: string): Promise<DueItem[]> {
      const c = await cases.get(actor, caseId);
      const day = today();
      const team = actor.grant.role === 'team_manager';
      const [{ facts }, reports] = await Promise.all([
        loadCaseFacts(db, { serviceId: c.service_id, caseId: c.id }, day, { teamDecisions: team }),
        courtReportsDue(db, { serviceId: c.service_id, caseId: c.id }, day),
      ]);
      const reportItems: DueItem[] = reports.map(({ workerId: _w, workerName: _n, ...item }) => item);
      return sortDueItems([...facts.flatMap((f) => (team ? dueItems(f, day) : workerItems(f, day))), ...reportItems]);
    },
  };
}

export type DueList = ReturnType<typeof createDueList>;
