// The team and service dashboard: activity, reach and timeliness for a period, by site, source, age band, sex, ethnicity and vulnerability domain; small numbers suppressed for commissioners.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { REPORTING_AGE_BANDS, REPORTING_AGE_BAND_LABELS } from '../../domain/age-bands.js';
import { isRealDate } from '../../domain/age.js';
import { addDays } from '../../domain/calendar-date.js';
import { breakdown, columnsOf, shareFigure, singleFigure, statisticFigure, type Breakdown, type ShownFigure } from '../../domain/dashboard-figures.js';
import { dashboardPeriodProblems, defaultDashboardPeriod } from '../../domain/dashboard-period.js';
import { ETHNIC_GROUPS, ethnicGroupOf } from '../../domain/ethnicity.js';
import { londonDate, londonInstant } from '../../domain/london-time.js';
import { PATHWAYS, PATHWAY_LABELS, type Pathway } from '../../domain/pathways.js';
import { REFERRAL_SOURCES, REFERRAL_SOURCE_LABELS, isOneOf } from '../../domain/referral-vocabulary.js';
import { formatWaiting } from '../../domain/response-clock.js';
import type { Role } from '../../domain/roles.js';
import { VULNERABILITY_DOMAINS, VULNERABILITY_DOMAIN_LABELS } from '../../domain/vulnerability-domains.js';
import { suppressionFootnote } from '../../domain/suppression.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { drawnOnce, type FiguresCache } from '../figures-cache.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { SEXES, SEX_LABELS } from '../people/person-input.js';
import { activityCounts, casesPastTwelveWeeks, domainsIdentified, onwardByPathway, referralBreakdowns, responseTimes, type QueryScope } from './dashboard-queries.js';

/** The roles that read the dashboard, and the grants that give a user a service on it. */
export const DASHBOARD_ROLES: readonly Role[] = ['team_manager', 'practitioner', 'commissioner'];
const TEAM_ROLES: readonly Role[] = ['team_manager', 'practitioner'];

/** "all", or one service's id. */
export type DashboardFilters = { from: string; to: string; serviceId: string };
export type ServiceChoice = { id: string; name: string };

export type ResponseRow = { label: string; target: string; screened: ShownFigure; median: string; p90: string; within: ShownFigure; share: string };
export type OnwardFigures = { label: string; sent: ShownFigure; accepted: ShownFigure; declined: ShownFigure; waiting: ShownFigure; kept: ShownFigure; keptShare: string; medianWait: string };

export type DashboardView = {
  filters: DashboardFilters;
  services: ServiceChoice[];
  serviceName: string;
  suppressed: boolean;
  footnote: string | null;
  today: string;
  /** When the figures were worked out: they are kept a short while (see figures-cache). */
  workedOutAt: Date;
  /**
   * The same object for everyone shown these figures in this way while they are kept: what a page draws from the
   * view can be kept against it (figures-cache's drawnOnce). Everything in the view but `services` is shared too.
   */
  keptAs: object;
  activity: { label: string; figure: ShownFigure }[];
  referrals: { site: Breakdown; source: Breakdown; ageBand: Breakdown; sex: Breakdown; ethnicity: Breakdown };
  domains: { rows: { label: string; count: ShownFigure }[]; screens: ShownFigure };
  response: { overall: ResponseRow | null; sites: ResponseRow[] };
  onward: { rows: OnwardFigures[]; total: OnwardFigures | null };
  pastTwelveWeeks: Breakdown;
};

const minutes = (m: number): string => formatWaiting(Math.round(m));
const days = (d: number): string => `${Math.round(d)} ${Math.round(d) === 1 ? 'day' : 'days'}`;

export function createDashboard(db: Kysely<Database>, clock: Clock, audit: AuditService, cache: FiguresCache) {
  /** The services the user holds a team manager, practitioner or commissioner grant for (any of them, whatever role this session acts in), by name; with the ones where they hold a team role. */
  async function grantedServices(actor: Actor): Promise<{ services: ServiceChoice[]; teamServiceIds: Set<string> }> {
    const rows = await db
      .selectFrom('role_grant as g')
      .innerJoin('service as s', 's.id', 'g.service_id')
      .select(['s.id', 's.name', 'g.role'])
      .where('g.user_id', '=', actor.userId)
      .where('g.role', 'in', [...DASHBOARD_ROLES])
      .orderBy('s.name')
      .execute();
    const services = new Map<string, ServiceChoice>();
    const teamServiceIds = new Set<string>();
    for (const r of rows) {
      services.set(r.id, { id: r.id, name: r.name });
      if (TEAM_ROLES.includes(r.role)) teamServiceIds.add(r.id);
    }
    return { services: [...services.values()], teamServiceIds };
  }

  /** The filters a first view starts from: the last 3 months to today, and the service of the session's grant (else all). */
  async function defaultFilters(actor: Actor): Promise<DashboardFilters> {
    const period = defaultDashboardPeriod(londonDate(clock.now()));
    const { services } = await grantedServices(actor);
    const own = services.some((s) => s.id === actor.grant.serviceId) ? actor.grant.serviceId! : 'all';
    return { ...period, serviceId: services.length === 1 ? services[0]!.id : own };
  }

  /**
   * The services a page of figures covers for these filters, and whether its figures are suppressed: unless the
   * session acts in a team role and the user holds a team role in every service shown. Throws ForbiddenError for a
   * role that does not read figures, ValidationError for dates that are not real or run backwards, and NotFoundError
   * (audited as `refused`) for a service outside the user's grants.
   */
  async function scopeOf(actor: Actor, filters: DashboardFilters, origin: RequestOrigin, page: { page: string; refused: string }) {
    if (!DASHBOARD_ROLES.includes(actor.grant.role)) throw new ForbiddenError(`Only the team and commissioners read ${page.page}`);
    const errors: Record<string, string> = {};
    if (!isRealDate(filters.from)) errors.from = 'Enter the first date of the period as a real date, for example 1 4 2026';
    if (!isRealDate(filters.to)) errors.to = 'Enter the last date of the period as a real date, for example 30 6 2026';
    if (Object.keys(errors).length === 0) Object.assign(errors, dashboardPeriodProblems(filters));
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const { services, teamServiceIds } = await grantedServices(actor);
    const chosen = filters.serviceId === 'all' ? services : services.filter((s) => s.id === filters.serviceId);
    if (chosen.length === 0) {
      await audit.record({ actor }, origin, { action: page.refused, subjectType: 'service', subjectId: filters.serviceId.slice(0, 100), detail: { from: filters.from, to: filters.to, serviceId: filters.serviceId.slice(0, 100) } });
      throw new NotFoundError('service');
    }
    const serviceIds = chosen.map((s) => s.id);
    const suppressed = actor.grant.role === 'commissioner' || !serviceIds.every((id) => teamServiceIds.has(id));
    return { services, chosen, serviceIds, suppressed };
  }

  /**
   * The dashboard for a period and a service (or "all" the user's services), audited once as 'dashboard.viewed'
   * with the filters. Figures are suppressed unless the session acts in a team role and the user holds a team role
   * in every service shown. Throws ForbiddenError for a role that does not read dashboards, ValidationError for dates
   * that are not real or run backwards, and NotFoundError (audited as 'dashboard.refused') for a service outside the user's grants.
   */
  async function view(actor: Actor, filters: DashboardFilters, origin: RequestOrigin): Promise<DashboardView> {
    const { services, chosen, serviceIds, suppressed } = await scopeOf(actor, filters, origin, { page: 'the dashboard', refused: 'dashboard.refused' });
    const today = londonDate(clock.now());
    const scope: QueryScope = {
      serviceIds,
      start: londonInstant(filters.from, { hours: 0, minutes: 0 }),
      end: londonInstant(addDays(filters.to, 1), { hours: 0, minutes: 0 }),
      from: filters.from,
      to: filters.to,
      today,
    };
    // The same figures for everyone who asks for them while nothing changes (see figures-cache); the view of them, suppressed or not, is made below once for each way of showing them.
    const { figures, workedOutAt } = await cache.get(JSON.stringify(['dashboard', serviceIds, filters.from, filters.to, today]), () => dashboardFigures(db, scope));
    await audit.record({ actor }, origin, { action: 'dashboard.viewed', subjectType: 'dashboard', detail: { from: filters.from, to: filters.to, serviceId: filters.serviceId, serviceIds, suppressed } });
    // Everyone shown the same figures the same way shares one view of them, worked out once (the national dashboard's
    // suppression and breakdowns over 230 sites cost as much as the rest of the page).
    const shown = drawnOnce(figures, JSON.stringify(['view', suppressed, filters.serviceId]), () => shownView(figures, workedOutAt, filters, chosen, suppressed, today));
    return { ...shown, services };
  }

  /** The figures as a reader sees them: labelled, in order, small numbers suppressed if they must be. */
  function shownView(figures: DashboardFigures, workedOutAt: Date, filters: DashboardFilters, chosen: ServiceChoice[], suppressed: boolean, today: string): Omit<DashboardView, 'services'> {
    const { sites, activity, byDimension, domains, response, onward, past } = figures;

    const countOf = (list: { key: string; count: number }[], key: string) => list.find((e) => e.key === key)?.count ?? 0;
    const ethnicGroupCounts = new Map<string, number>();
    for (const e of byDimension.ethnicity) {
      const group = ethnicGroupOf(e.key) ?? 'Not stated or not known';
      ethnicGroupCounts.set(group, (ethnicGroupCounts.get(group) ?? 0) + e.count);
    }
    const sources = [...REFERRAL_SOURCES, ...byDimension.source.map((s) => s.key).filter((k) => !isOneOf(REFERRAL_SOURCES, k))];

    return {
      filters,
      serviceName: filters.serviceId === 'all' ? 'All your services' : chosen[0]!.name,
      suppressed,
      footnote: suppressed ? suppressionFootnote() : null,
      today,
      workedOutAt,
      keptAs: {},
      activity: [
        { label: 'Referrals', figure: singleFigure(activity.referrals, suppressed) },
        { label: 'Screens completed', figure: singleFigure(activity.screens, suppressed) },
        { label: 'Full assessments completed', figure: singleFigure(activity.assessments, suppressed) },
        { label: 'Cases opened', figure: singleFigure(activity.casesOpened, suppressed) },
        { label: 'Cases closed', figure: singleFigure(activity.casesClosed, suppressed) },
        { label: 'Disclosures made to justice agencies', figure: singleFigure(activity.disclosures, suppressed) },
        { label: 'Court reports issued', figure: singleFigure(activity.courtReports, suppressed) },
      ],
      referrals: {
        site: breakdown(sites.map((s) => ({ key: s.id, label: s.name, count: countOf(byDimension.site, s.id) })), suppressed),
        source: breakdown(sources.map((k) => ({ key: k, label: isOneOf(REFERRAL_SOURCES, k) ? REFERRAL_SOURCE_LABELS[k] : 'Other', count: countOf(byDimension.source, k) })), suppressed),
        ageBand: breakdown(REPORTING_AGE_BANDS.map((b) => ({ key: b, label: REPORTING_AGE_BAND_LABELS[b], count: countOf(byDimension.ageBand, b) })), suppressed),
        sex: breakdown(SEXES.map((s) => ({ key: s, label: SEX_LABELS[s], count: countOf(byDimension.sex, s) })), suppressed),
        ethnicity: breakdown(ETHNIC_GROUPS.map((g) => ({ key: g, label: g, count: ethnicGroupCounts.get(g) ?? 0 })), suppressed),
      },
      domains: {
        rows: VULNERABILITY_DOMAINS.map((d) => ({ label: VULNERABILITY_DOMAIN_LABELS[d], count: singleFigure(countOf(domains, d), suppressed) })),
        screens: singleFigure(response.find((r) => r.siteId === null)?.screened ?? 0, suppressed),
      },
      response: responseFigures(sites, response, suppressed),
      onward: onwardFigures(onward, suppressed),
      pastTwelveWeeks: breakdown(chosen.map((s) => ({ key: s.id, label: s.name, count: countOf(past, s.id) })), suppressed),
    };
  }

  return { grantedServices, defaultFilters, scopeOf, view };
}

/** The counts the dashboard shows, for the services and period of `scope`, before any suppression. */
async function dashboardFigures(db: Kysely<Database>, scope: QueryScope) {
  return {
    sites: await db.selectFrom('site').select(['id', 'name', 'response_target_minutes']).where('service_id', 'in', scope.serviceIds).orderBy('name').execute(),
    activity: await activityCounts(db, scope),
    byDimension: await referralBreakdowns(db, scope),
    domains: await domainsIdentified(db, scope),
    response: await responseTimes(db, scope),
    onward: await onwardByPathway(db, scope),
    past: await casesPastTwelveWeeks(db, scope),
  };
}
type DashboardFigures = Awaited<ReturnType<typeof dashboardFigures>>;

export type Dashboard = ReturnType<typeof createDashboard>;

function responseFigures(sites: { id: string; name: string; response_target_minutes: number }[], rows: Awaited<ReturnType<typeof responseTimes>>, suppressed: boolean): DashboardView['response'] {
  const overallRow = rows.find((r) => r.siteId === null);
  if (!overallRow || overallRow.screened === 0) return { overall: null, sites: [] };
  const perSite = sites.map((s) => ({ site: s, row: rows.find((r) => r.siteId === s.id) })).filter((x) => x.row !== undefined);
  const screenedList = breakdown(perSite.map((x) => ({ key: x.site.id, label: x.site.name, count: x.row!.screened })), suppressed);
  const build = (label: string, target: string, row: (typeof rows)[number], screened: ShownFigure): ResponseRow => {
    const within = shareFigure(row.withinTarget, row.screened, screened, suppressed);
    return {
      label,
      target,
      screened,
      median: statisticFigure(row.medianMinutes, row.screened, suppressed, minutes),
      p90: statisticFigure(row.p90Minutes, row.screened, suppressed, minutes),
      within: within.count,
      share: within.share,
    };
  };
  return {
    overall: build('All sites', "Each site's own", overallRow, screenedList.total),
    sites: perSite.map((x, i) => build(x.site.name, formatWaiting(x.site.response_target_minutes), x.row!, screenedList.rows[i]!.count)),
  };
}

function onwardFigures(rows: Awaited<ReturnType<typeof onwardByPathway>>, suppressed: boolean): DashboardView['onward'] {
  const ordered = PATHWAYS.map((p) => rows.find((r) => r.pathway === p)).filter((r) => r !== undefined);
  if (ordered.length === 0) return { rows: [], total: null };
  const [sent, accepted, declined, waiting, kept, outcome] = columnsOf(
    [ordered.map((r) => r.sent), ordered.map((r) => r.accepted), ordered.map((r) => r.declined), ordered.map((r) => r.waiting), ordered.map((r) => r.appointmentsKept), ordered.map((r) => r.appointmentsOutcome)],
    suppressed,
  ) as [ReturnType<typeof columnsOf>[number], ReturnType<typeof columnsOf>[number], ReturnType<typeof columnsOf>[number], ReturnType<typeof columnsOf>[number], ReturnType<typeof columnsOf>[number], ReturnType<typeof columnsOf>[number]];
  const figures = ordered.map((r, i): OnwardFigures => {
    const share = shareFigure(r.appointmentsKept, r.appointmentsOutcome, outcome.cells[i]!, suppressed);
    return {
      label: PATHWAY_LABELS[r.pathway as Pathway] ?? r.pathway,
      sent: sent.cells[i]!,
      accepted: accepted.cells[i]!,
      declined: declined.cells[i]!,
      waiting: waiting.cells[i]!,
      kept: share.count.hidden ? share.count : kept.cells[i]!,
      keptShare: share.share,
      medianWait: statisticFigure(r.medianWaitDays, r.waitsKnown, suppressed, days),
    };
  });
  const all = rows.find((r) => r.pathway === null);
  const sum = (f: (r: (typeof ordered)[number]) => number) => ordered.reduce((s, r) => s + f(r), 0);
  const totalShare = shareFigure(sum((r) => r.appointmentsKept), sum((r) => r.appointmentsOutcome), outcome.total, suppressed);
  return {
    rows: figures,
    total: { label: 'All pathways', sent: sent.total, accepted: accepted.total, declined: declined.total, waiting: waiting.total, kept: totalShare.count.hidden ? totalShare.count : kept.total, keptShare: totalShare.share, medianWait: all ? statisticFigure(all.medianWaitDays, all.waitsKnown, suppressed, days) : 'No figure' },
  };
}
