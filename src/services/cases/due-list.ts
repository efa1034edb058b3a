// What is due, per worker, per team and per case: derived from the case data on every read (src/domain/due-items.ts),
// never kept as a separate to-do list that could drift from the cases. Court reports not yet issued are due too.
import type { Kysely } from 'kysely';
import type { CaseEpisodeRow, Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { dueItems, sortDueItems, type DueItem } from '../../domain/due-items.js';
import { londonDate } from '../../domain/london-time.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import { caseworkersOf } from './case-allocation.js';
import { loadCaseFacts } from './case-facts.js';
import { requireTeamManager, requireTeamMember, type CaseRecords } from './case-records.js';
import { workerItems } from './caseload.js';
import type { DueEntry } from './court-reports-due.js';

export type { DueEntry };

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
      const { facts, reports } = await loadCaseFacts(db, { serviceId, workerId: userId }, day, { teamDecisions: false });
      return sortDueItems([...facts.flatMap((f) => workerItems(f, day)), ...reports]).map((i) => ({ ...i, workerId: userId, workerName }));
    },

    /** Everything due across the team, including the decisions that fall to the manager (extensions, closures). */
    async forTeam(actor: Actor): Promise<DueEntry[]> {
      const serviceId = requireTeamManager(actor);
      const day = today();
      const [{ facts, workerOf, reports }, names] = await Promise.all([loadCaseFacts(db, { serviceId }, day, { teamDecisions: true }), namesOf(serviceId)]);
      const reportWorkers = new Map(reports.map((r) => [r.reportId!, r]));
      return sortDueItems([...facts.flatMap((f) => dueItems(f, day)), ...reports]).map((i) => {
        const report = i.reportId ? reportWorkers.get(i.reportId) : undefined;
        if (report) return { ...i, workerId: report.workerId, workerName: report.workerName };
        const workerId = workerOf.get(i.caseId) ?? null;
        return { ...i, workerId, workerName: workerId ? names.get(workerId) ?? null : null };
      });
    },

    /** What is due on one case (the manager's decisions included for a team manager). */
    async forCase(actor: Actor, caseId: string | CaseEpisodeRow): Promise<DueItem[]> {
      const c = await cases.get(actor, caseId);
      const day = today();
      const team = actor.grant.role === 'team_manager';
      const { facts, reports } = await loadCaseFacts(db, { serviceId: c.service_id, caseId: c.id }, day, { teamDecisions: team });
      const reportItems: DueItem[] = reports.map(({ workerId: _w, workerName: _n, ...item }) => item);
      return sortDueItems([...facts.flatMap((f) => (team ? dueItems(f, day) : workerItems(f, day))), ...reportItems]);
    },
  };
}

export type DueList = ReturnType<typeof createDueList>;
