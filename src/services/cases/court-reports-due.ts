// Court reports not issued yet are due: from the look-ahead before the day the court needs them, to the
// worker who holds the case (or the drafter while nobody does). Read by the due lists and the caseloads.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { queryOnce } from '../../db/compiled-once.js';
import { addDays } from '../../domain/calendar-date.js';
import { COURT_REPORT_LOOKAHEAD_DAYS, courtReportDueItems, type DueItem } from '../../domain/due-items.js';

/** A due item with the worker who holds its case. */
export type DueEntry = DueItem & { workerId: string | null; workerName: string | null };

/** Whose court reports: a service's, one worker's (the case's worker, or the drafter while nobody holds the case) or one case's. */
export type ReportScope = { serviceId: string; workerId?: string; caseId?: string };

const dueReports = queryOnce((db: Kysely<Database>, shape: { oneCase: boolean; oneWorker: boolean }, v: { serviceId: string; until: string; caseId: string | null; workerId: string | null }) =>
  db.selectFrom('court_report as r')
    .innerJoin('case_episode as c', 'c.id', 'r.case_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('site as s', 's.id', 'r.court_site_id')
    .leftJoin('app_user as w', (j) => j.on(sql<boolean>`w.id = coalesce(c.allocated_to, r.drafted_by)`))
    .select(['r.id', 'r.case_id', 'r.hearing_on', 'r.due_on', 'r.report_state', 'p.given_name', 'p.family_name', 's.name as court_name', 'w.id as worker_id', 'w.display_name as worker_name'])
    .where('r.service_id', '=', v.serviceId)
    .where(sql<boolean>`r.report_state in ('draft', 'awaiting_sign_off')`)
    .where('r.due_on', '<=', v.until)
    .$if(shape.oneCase, (q) => q.where('r.case_id', '=', v.caseId!))
    .$if(shape.oneWorker, (q) => q.where((eb) => eb.or([eb('c.allocated_to', '=', v.workerId!), eb.and([eb('c.allocated_to', 'is', null), eb('r.drafted_by', '=', v.workerId!)])]))));

/** Court reports not issued yet and due within the look-ahead, each with who it falls to. */
export async function courtReportsDue(db: Kysely<Database>, scope: ReportScope, today: string): Promise<DueEntry[]> {
  const rows = await dueReports(db, { oneCase: scope.caseId !== undefined, oneWorker: scope.workerId !== undefined }, {
    serviceId: scope.serviceId, until: addDays(today, COURT_REPORT_LOOKAHEAD_DAYS), caseId: scope.caseId ?? null, workerId: scope.workerId ?? null,
  });
  const workerOf = new Map(rows.map((r) => [r.id, { workerId: r.worker_id, workerName: r.worker_name }]));
  const items = courtReportDueItems(rows.map((r) => ({
    reportId: r.id, caseId: r.case_id, personName: `${r.given_name} ${r.family_name}`, courtName: r.court_name, hearingOn: r.hearing_on, dueOn: r.due_on,
    state: r.report_state as 'draft' | 'awaiting_sign_off',
  })), today);
  return items.map((i) => ({ ...i, workerId: null, workerName: null, ...workerOf.get(i.reportId!) }));
}
