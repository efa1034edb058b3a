// Caseloads: a worker's open cases with their clock, engagement and what is due; the team's counts per worker;
// the cases nobody holds yet; who held a case when. Allocation itself is in case-allocation.ts.
import type { Kysely } from 'kysely';
import type { CaseEpisodeRow, Database } from '../../db/schema.js';
import { queryOnce } from '../../db/compiled-once.js';
import type { Actor } from '../../domain/actor.js';
import { TEAM_DECISION_KINDS, compareUrgency, dueItems, type CaseFacts, type DueItem } from '../../domain/due-items.js';
import { engagementIndicator, type Engagement } from '../../domain/engagement.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import { caseClock, nextReviewDue, type CaseClock, type ReviewDue } from '../../domain/twelve-week-clock.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import { caseworkersOf, createCaseAllocation, type Caseworker } from './case-allocation.js';
import { loadCaseFacts, type FactScope, type ScopedCase } from './case-facts.js';
import { requireTeamManager, requireTeamMember, type CaseRecords } from './case-records.js';

export type CaseloadEntry = {
  caseId: string;
  personId: string;
  personName: string;
  dateOfBirth: string | null;
  caseStatus: ScopedCase['caseStatus'];
  openedAt: Date;
  version: number;
  clock: CaseClock;
  engagement: Engagement;
  nextReviewDue: ReviewDue | null;
  dueCount: number;
  overdueCount: number;
};

export type WorkerCaseload = Caseworker & { openCases: number; amber: number; red: number; overdueReviews: number; dueItems: number; overdueItems: number };

export type UnallocatedCase = { caseId: string; personName: string; dateOfBirth: string | null; openedAt: Date; caseStatus: ScopedCase['caseStatus']; clock: CaseClock; dueCount: number; version: number };

/** A worker's own list leaves out decisions that fall to the manager. */
export const workerItems = (f: CaseFacts, today: string): DueItem[] => dueItems(f, today).filter((i) => !TEAM_DECISION_KINDS.includes(i.kind));

const clockOf = (f: CaseFacts, today: string) => caseClock({ planAgreedOn: f.planAgreedOn, extensions: [...f.extensions], closedOn: null }, today);

/** Who has held a case, oldest first. */
const allocationHistory = queryOnce((db: Kysely<Database>, _shape: object, v: { caseId: string }) =>
  db
    .selectFrom('case_allocation as a')
    .leftJoin('app_user as f', 'f.id', 'a.from_user_id')
    .innerJoin('app_user as t', 't.id', 'a.to_user_id')
    .innerJoin('app_user as b', 'b.id', 'a.allocated_by')
    .select(['a.id', 'a.allocated_at', 'a.reason', 'f.display_name as from_name', 't.display_name as to_name', 'b.display_name as by_name'])
    .where('a.case_id', '=', v.caseId)
    .orderBy('a.allocated_at')
    .orderBy('a.seq'));

export function createCaseload(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  const today = () => londonDate(clock.now());

  const requireTeam = (actor: Actor): string => requireTeamMember(actor, 'Only the team has caseloads');

  /** Court reports due, by case. */
  function reportsByCase(reports: readonly DueItem[]): Map<string, DueItem[]> {
    const byCase = new Map<string, DueItem[]>();
    for (const item of reports) byCase.set(item.caseId, [...(byCase.get(item.caseId) ?? []), item]);
    return byCase;
  }

  /** The open cases a worker holds, most urgent first (closed cases, whose follow-ups are on the due list, are not read). */
  async function caseloadOf(serviceId: string, userId: string): Promise<CaseloadEntry[]> {
    const day = today();
    const scope: FactScope = { serviceId, workerId: userId };
    const { cases: rows, facts, reports: dueReports, recentContacts: contacts } = await loadCaseFacts(db, scope, day, { teamDecisions: false, recentContacts: true, closedCases: false });
    const reports = reportsByCase(dueReports);
    const factsOf = new Map(facts.map((f) => [f.caseId, f]));
    const entries = rows.map((c) => {
      const f = factsOf.get(c.id)!;
      const items = [...workerItems(f, day), ...(reports.get(c.id) ?? [])];
      const entry: CaseloadEntry = {
        caseId: c.id, personId: c.personId, personName: c.personName, dateOfBirth: c.dateOfBirth, caseStatus: c.caseStatus, openedAt: c.openedAt, version: c.version,
        clock: clockOf(f, day),
        engagement: engagementIndicator(contacts.get(c.id) ?? [], day),
        nextReviewDue: nextReviewDue(f.openReviews, [], day),
        dueCount: items.length,
        overdueCount: items.filter((i) => i.overdue).length,
      };
      const earliestDue = items.map((i) => i.dueOn).sort()[0] ?? null;
      return { entry, urgency: { clockState: entry.clock.state, overdue: entry.overdueCount, due: entry.dueCount, earliestDue, openedAt: c.openedAt } };
    });
    return entries.sort((a, b) => compareUrgency(a.urgency, b.urgency)).map((e) => e.entry);
  }

  /** A worker of the actor's service (practitioner or support worker), or NotFoundError. */
  async function workerOfService(serviceId: string, userId: string): Promise<Caseworker> {
    const worker = isUuid(userId) ? (await caseworkersOf(db, serviceId)).find((w) => w.userId === userId) : undefined;
    if (!worker) throw new NotFoundError('worker');
    return worker;
  }

  return {
    ...createCaseAllocation(db, clock, audit, cases),

    /** The actor's allocated cases that are not closed, most urgent first. */
    async myCases(actor: Actor): Promise<CaseloadEntry[]> {
      return caseloadOf(requireTeam(actor), actor.userId);
    },

    /** A worker's caseload, for their team manager. */
    async casesOf(actor: Actor, userId: string): Promise<{ worker: Caseworker; cases: CaseloadEntry[] }> {
      const serviceId = requireTeamManager(actor);
      const worker = await workerOfService(serviceId, userId);
      return { worker, cases: await caseloadOf(serviceId, worker.userId) };
    },

    /** The practitioners and support workers of the actor's service (whom a case may be allocated to, if active). */
    async caseworkers(actor: Actor): Promise<Caseworker[]> {
      return caseworkersOf(db, requireTeam(actor));
    },

    workerOfService: (actor: Actor, userId: string) => workerOfService(requireTeamManager(actor), userId),

    /** Counts per worker (every practitioner and support worker, even with no cases), and the open cases nobody holds. */
    async teamCaseloads(actor: Actor): Promise<{ workers: WorkerCaseload[]; unallocated: UnallocatedCase[] }> {
      const serviceId = requireTeamManager(actor);
      const day = today();
      const [{ cases: rows, facts, workerOf, reports: dueReports }, caseworkers] = await Promise.all([loadCaseFacts(db, { serviceId }, day, { teamDecisions: false }), caseworkersOf(db, serviceId)]);
      const reports = reportsByCase(dueReports);
      const counts = new Map<string, WorkerCaseload>(caseworkers.map((w) => [w.userId, { ...w, openCases: 0, amber: 0, red: 0, overdueReviews: 0, dueItems: 0, overdueItems: 0 }]));
      // Cases still held by someone who no longer has a caseworker grant: show them too, so they can be moved.
      const strays = [...new Set([...workerOf.values()].filter((w): w is string => w !== null && !counts.has(w)))];
      if (strays.length > 0) {
        const users = await db.selectFrom('app_user').select(['id', 'display_name', 'is_active']).where('id', 'in', strays).execute();
        for (const u of users) counts.set(u.id, { userId: u.id, displayName: u.display_name, isActive: u.is_active, roles: [], openCases: 0, amber: 0, red: 0, overdueReviews: 0, dueItems: 0, overdueItems: 0 });
      }
      const caseById = new Map(rows.map((c) => [c.id, c]));
      const unallocated: UnallocatedCase[] = [];
      for (const f of facts) {
        const items = [...workerItems(f, day), ...(reports.get(f.caseId) ?? [])];
        const holder = workerOf.get(f.caseId) ?? null;
        const c = caseById.get(f.caseId);
        const caseClockNow = clockOf(f, day);
        if (holder === null) {
          if (c) unallocated.push({ caseId: c.id, personName: c.personName, dateOfBirth: c.dateOfBirth, openedAt: c.openedAt, caseStatus: c.caseStatus, clock: caseClockNow, dueCount: items.length, version: c.version });
          continue;
        }
        const w = counts.get(holder);
        if (!w) continue;
        if (c) {
          w.openCases += 1;
          if (caseClockNow.state === 'amber') w.amber += 1;
          if (caseClockNow.state === 'red') w.red += 1;
        }
        w.overdueReviews += items.filter((i) => i.kind === 'review' && i.overdue).length;
        w.dueItems += items.length;
        w.overdueItems += items.filter((i) => i.overdue).length;
      }
      unallocated.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
      return { workers: [...counts.values()], unallocated };
    },

    /** Who held the case when, oldest first. */
    async history(actor: Actor, caseId: string | CaseEpisodeRow) {
      const c = await cases.get(actor, caseId);
      return allocationHistory(db, {}, { caseId: c.id });
    },
  };
}

export type Caseload = ReturnType<typeof createCaseload>;
