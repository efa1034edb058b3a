// Court reports not issued yet are due: from the look-ahead before the day the court needs them, to the
// worker who holds the case (or the drafter while nobody does). Read with the cases' facts (case-facts.ts), in the
// same statement, by the due lists and the caseloads.
import { sql, type InferResult, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { addDays } from '../../domain/calendar-date.js';
import { COURT_REPORT_LOOKAHEAD_DAYS, courtReportDueItems, type DueItem } from '../../domain/due-items.js';

/** A due item with the worker who holds its case. */
export type DueEntry = DueItem & { workerId: string | null; workerName: string | null };

/** Whose court reports: a service's; one worker's (the case's worker, or the drafter while nobody holds the case); the cases nobody holds; or one case's. */
export type ReportShape = { worker: 'any' | 'none' | 'one'; oneCase: boolean };
export type ReportValues = { serviceId: string; reportsUntil: string; caseId: string | null; workerId: string | null };

/** The last day a report can be due on and be shown today. */
export const reportsUntil = (today: string) => addDays(today, COURT_REPORT_LOOKAHEAD_DAYS);

/** The reports in scope not issued yet and due by `reportsUntil`, each with who it falls to. */
export function dueReportsRead(db: Kysely<Database>, shape: ReportShape, v: ReportValues) {
  return db.selectFrom('court_report as r')
    .innerJoin('case_episode as c', 'c.id', 'r.case_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('site as s', 's.id', 'r.court_site_id')
    .leftJoin('app_user as w', (j) => j.on(sql<boolean>`w.id = coalesce(c.allocated_to, r.drafted_by)`))
    .select(['r.id', 'r.case_id', 'r.hearing_on', 'r.due_on', 'r.report_state', 'p.given_name', 'p.family_name', 's.name as court_name', 'w.id as worker_id', 'w.display_name as worker_name'])
    .where('r.service_id', '=', v.serviceId)
    .where(sql<boolean>`r.report_state in ('draft', 'awaiting_sign_off')`)
    .where('r.due_on', '<=', v.reportsUntil)
    .$if(shape.oneCase, (q) => q.where('r.case_id', '=', v.caseId!))
    .$if(shape.worker === 'none', (q) => q.where('c.allocated_to', 'is', null))
    .$if(shape.worker === 'one', (q) => q.where((eb) => eb.or([eb('c.allocated_to', '=', v.workerId!), eb.and([eb('c.allocated_to', 'is', null), eb('r.drafted_by', '=', v.workerId!)])])));
}

type DueReportRow = InferResult<ReturnType<typeof dueReportsRead>>[number];

/** The due items of the rows `dueReportsRead` gave, each with who it falls to. */
export function dueReportEntries(rows: readonly DueReportRow[], today: string): DueEntry[] {
  const workerOf = new Map(rows.map((r) => [r.id, { workerId: r.worker_id, workerName: r.worker_name }]));
  const items = courtReportDueItems(rows.map((r) => ({
    reportId: r.id, caseId: r.case_id, personName: `${r.given_name} ${r.family_name}`, courtName: r.court_name, hearingOn: r.hearing_on, dueOn: r.due_on,
    state: r.report_state as 'draft' | 'awaiting_sign_off',
  })), today);
  return items.map((i) => ({ ...i, workerId: null, workerName: null, ...workerOf.get(i.reportId!) }));
}
