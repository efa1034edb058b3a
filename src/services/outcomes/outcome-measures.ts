// Outcome measures: engagement with onward services at exit and at follow-up, and proven re-offending of a cohort against a comparison group, with their intervals and tests.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isRealDate } from '../../domain/age.js';
import { londonDate } from '../../domain/london-time.js';
import { summariseEngagement } from '../../domain/outcome-engagement.js';
import { assignGroups, isComparisonGroup, type ComparisonGroup, type GroupMember } from '../../domain/outcome-groups.js';
import { compareReoffending } from '../../domain/outcome-reoffending.js';
import type { CohortMember } from '../../domain/reoffending.js';
import type { Role } from '../../domain/roles.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from '../cases/case-records.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { publishOutcomes, type PublishedOutcomes } from './outcome-publishing.js';
import { closedCasesOf, justiceEventsOf, referralPathsOf } from './outcome-records.js';

/** The roles whose grants give a service's outcome measures. */
export const OUTCOME_READER_ROLES: readonly Role[] = ['team_manager', 'practitioner', 'commissioner'];

export type OutcomeFilters = { serviceId: string | null; from: string; to: string; comparison: string };

export type OutcomeServiceChoice = { id: string; name: string };

export type OutcomeMeasuresView = PublishedOutcomes & {
  service: OutcomeServiceChoice;
  from: string;
  to: string;
  comparison: ComparisonGroup;
  today: string;
  /** True for a commissioner: small numbers are hidden. */
  suppressed: boolean;
};

export function createOutcomeMeasures(db: Kysely<Database>, clock: Clock, audit: AuditService, _cases: CaseRecords) {
  /** The services whose outcomes the user may read: those where they hold a team manager, practitioner or commissioner grant, by name. */
  async function servicesFor(actor: Actor): Promise<OutcomeServiceChoice[]> {
    return db.selectFrom('role_grant as g')
      .innerJoin('service as s', 's.id', 'g.service_id')
      .select(['s.id', 's.name'])
      .distinct()
      .where('g.user_id', '=', actor.userId)
      .where('g.role', 'in', [...OUTCOME_READER_ROLES])
      .orderBy('s.name')
      .execute();
  }

  return {
    servicesFor,

    /**
     * The outcome measures of one service: engagement of the cases closed from `from` to `to`, and proven
     * re-offending of the supported group against the chosen comparison group, for index dates from `from` to
     * `to`. Commissioners get small numbers hidden. A service outside the user's grants is not found. Audited
     * once as 'outcomes.viewed' with the filters.
     */
    async view(actor: Actor, filters: OutcomeFilters, origin: RequestOrigin): Promise<OutcomeMeasuresView> {
      if (!OUTCOME_READER_ROLES.includes(actor.grant.role)) throw new ForbiddenError('Only the team and commissioners can see outcome measures.');
      const errors: Record<string, string> = {};
      if (!isRealDate(filters.from)) errors.from = 'Enter the first date of the period as a real date, for example 1 4 2025';
      if (!isRealDate(filters.to)) errors.to = 'Enter the last date of the period as a real date, for example 31 3 2026';
      if (!errors.from && !errors.to && filters.to < filters.from) errors.to = 'The last date of the period must be the same as or after the first date';
      if (!isComparisonGroup(filters.comparison)) errors.comparison = 'Choose a comparison group from the list';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const comparison = filters.comparison as ComparisonGroup;

      const choices = await servicesFor(actor);
      const wanted = filters.serviceId ?? actor.grant.serviceId ?? choices[0]?.id ?? null;
      const service = choices.find((s) => s.id === wanted);
      if (!service) throw new NotFoundError('service');

      const today = londonDate(clock.now());
      const [closed, paths] = await Promise.all([closedCasesOf(db, service.id, filters.from, filters.to), referralPathsOf(db, service.id)]);
      const groups = assignGroups(paths, comparison);
      const inPeriod = (m: GroupMember) => m.indexDate >= filters.from && m.indexDate <= filters.to;
      const supported = groups.supported.filter(inPeriod);
      const compared = groups.comparison.filter(inPeriod);
      const events = await justiceEventsOf(db, service.id, [...supported, ...compared].map((m) => m.personId));
      const members = (group: GroupMember[]): CohortMember[] => group.map((m) => ({ indexDate: m.indexDate, events: events.get(m.personId) ?? [] }));
      const suppress = actor.grant.role === 'commissioner';
      const published = publishOutcomes(summariseEngagement(closed, today), compareReoffending(members(supported), members(compared), today), suppress);

      await audit.record({ actor }, origin, {
        action: 'outcomes.viewed',
        subjectType: 'service',
        subjectId: service.id,
        detail: { serviceId: service.id, from: filters.from, to: filters.to, comparison, suppressed: suppress },
      });
      return { ...published, service, from: filters.from, to: filters.to, comparison, today, suppressed: suppress };
    },
  };
}

export type OutcomeMeasures = ReturnType<typeof createOutcomeMeasures>;
