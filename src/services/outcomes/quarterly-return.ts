// The commissioner's quarterly data return: one row per referral with pseudonymised person keys and coded fields, and the aggregate tables, as CSV and as a spreadsheet; small numbers suppressed.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { REPORTING_AGE_BANDS, REPORTING_AGE_BAND_LABELS } from '../../domain/age-bands.js';
import { addDays } from '../../domain/calendar-date.js';
import { ETHNIC_GROUPS, ethnicGroupOf } from '../../domain/ethnicity.js';
import { londonDate, londonInstant } from '../../domain/london-time.js';
import { PATHWAYS, PATHWAY_LABELS } from '../../domain/pathways.js';
import { returnRecord } from '../../domain/quarterly-return-fields.js';
import { quarterDates, quarterLabel, quarterProblem, recentQuarters } from '../../domain/quarterly-return-quarter.js';
import { AGGREGATE_FOOTNOTE, breakdownTable, separateCountsTable, type AggregateTable } from '../../domain/quarterly-return-tables.js';
import type { Role } from '../../domain/roles.js';
import type { AuditService, AuditWho, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import type { FiguresCache } from '../figures-cache.js';
import { installationSecret } from '../installation-secrets.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { SEXES, SEX_LABELS } from '../people/person-input.js';
import { activityCounts, onwardByPathway, referralBreakdowns, type QueryScope } from './dashboard-queries.js';
import { referralFacts } from './quarterly-return-rows.js';
import { renderReturnFile, type QuarterlyReturnData, type ReturnFile, type ReturnFormat } from './quarterly-return-files.js';

export { RETURN_FORMATS, type QuarterlyReturnData, type ReturnFile, type ReturnFormat } from './quarterly-return-files.js';

/** The roles that download the return, and whose grants give a user a service to choose. */
export const RETURN_ROLES: readonly Role[] = ['team_manager', 'commissioner'];

/** The name of the installation secret that keys the person keys: changing it changes every key. */
export const PERSON_KEY_SECRET = 'quarterly-return-person-key';

/** How many quarters the form offers, newest (the current one) first. */
export const QUARTERS_OFFERED = 8;

export type ServiceChoice = { id: string; code: string; name: string };

export function createQuarterlyReturn(db: Kysely<Database>, clock: Clock, audit: AuditService, cache: FiguresCache) {
  /** The services where the user holds a team manager or commissioner grant, by name. */
  async function grantedServices(actor: Actor): Promise<ServiceChoice[]> {
    const rows = await db
      .selectFrom('role_grant as g')
      .innerJoin('service as s', 's.id', 'g.service_id')
      .select(['s.id', 's.code', 's.name'])
      .where('g.user_id', '=', actor.userId)
      .where('g.role', 'in', [...RETURN_ROLES])
      .orderBy('s.name')
      .execute();
    return [...new Map(rows.map((r) => [r.id, r])).values()];
  }

  /** The services and quarters the form offers the user. Throws ForbiddenError for a role that does not make returns. */
  async function choices(actor: Actor): Promise<{ services: ServiceChoice[]; quarters: string[]; today: string }> {
    assertRole(actor);
    const today = londonDate(clock.now());
    return { services: await grantedServices(actor), quarters: recentQuarters(today, QUARTERS_OFFERED), today };
  }

  /** The return, worked out or as kept (see figures-cache): its generatedAt says when it was worked out. */
  async function assemble(service: ServiceChoice, quarter: string): Promise<QuarterlyReturnData> {
    const today = londonDate(clock.now());
    return (await cache.get(JSON.stringify(['quarterly-return', service.id, service.code, service.name, quarter, today]), () => workOut(service, quarter, today))).figures;
  }

  /** Gathers the return: the rows, coded, and the aggregate tables through small-number suppression. */
  async function workOut(service: ServiceChoice, quarter: string, today: string): Promise<QuarterlyReturnData> {
    const { from, to } = quarterDates(quarter);
    const scope: QueryScope = { serviceIds: [service.id], start: londonInstant(from, { hours: 0, minutes: 0 }), end: londonInstant(addDays(to, 1), { hours: 0, minutes: 0 }), from, to, today };
    const secret = await installationSecret(db, PERSON_KEY_SECRET);
    const facts = await referralFacts(db, { serviceId: service.id, start: scope.start, end: scope.end }, secret);
    const activity = await activityCounts(db, scope);
    const byDimension = await referralBreakdowns(db, scope);
    const onward = await onwardByPathway(db, scope);
    const sites = await db.selectFrom('site').select(['id', 'code', 'name']).where('service_id', '=', service.id).orderBy('name').execute();
    const countOf = (list: { key: string; count: number }[], key: string) => list.find((e) => e.key === key)?.count ?? 0;
    const groups = new Map<string, number>();
    for (const e of byDimension.ethnicity) {
      const group = ethnicGroupOf(e.key) ?? 'Not stated or not known';
      groups.set(group, (groups.get(group) ?? 0) + e.count);
    }
    const tables: AggregateTable[] = [
      separateCountsTable('Activity', 'Activity in the quarter', [
        { label: 'Referrals received', count: activity.referrals },
        { label: 'Screens completed', count: activity.screens },
        { label: 'Full assessments completed', count: activity.assessments },
        { label: 'Cases opened', count: activity.casesOpened },
        { label: 'Cases closed', count: activity.casesClosed },
        { label: 'Disclosures made to justice agencies', count: activity.disclosures },
        { label: 'Court reports issued', count: activity.courtReports },
      ]),
      breakdownTable('By site', 'Referrals by site', 'Site', sites.map((s) => ({ label: `${s.name} (${s.code})`, count: countOf(byDimension.site, s.id) }))),
      breakdownTable('By age band', 'Referrals by age band', 'Age band', REPORTING_AGE_BANDS.map((b) => ({ label: REPORTING_AGE_BAND_LABELS[b], count: countOf(byDimension.ageBand, b) }))),
      breakdownTable('By sex', 'Referrals by sex', 'Sex', SEXES.map((s) => ({ label: SEX_LABELS[s], count: countOf(byDimension.sex, s) }))),
      breakdownTable('By ethnic group', 'Referrals by ethnic group', 'Ethnic group', ETHNIC_GROUPS.map((g) => ({ label: g, count: groups.get(g) ?? 0 }))),
      breakdownTable('Onward by pathway', 'Onward referrals sent in the quarter, by pathway', 'Pathway', PATHWAYS.map((p) => ({ label: PATHWAY_LABELS[p], count: onward.find((o) => o.pathway === p)?.sent ?? 0 }))),
    ];
    return { service, quarter, quarterLabel: quarterLabel(quarter), from, to, rows: facts.map(returnRecord), tables, footnote: AGGREGATE_FOOTNOTE, generatedAt: clock.now() };
  }

  /** The service chosen, from the user's grants; a quarter that may be returned. Refusals of a service are audited. */
  async function resolve(actor: Actor, serviceId: string, quarter: string, origin: RequestOrigin): Promise<ServiceChoice> {
    assertRole(actor);
    const problem = quarterProblem(quarter, londonDate(clock.now()));
    if (problem !== null) throw new ValidationError({ quarter: problem });
    const service = (await grantedServices(actor)).find((s) => s.id === serviceId);
    if (!service) {
      await audit.record({ actor }, origin, { action: 'quarterly_return.refused', subjectType: 'service', subjectId: serviceId.slice(0, 100), detail: { serviceId: serviceId.slice(0, 100), quarter } });
      throw new NotFoundError('service');
    }
    return service;
  }

  /**
   * The return for one of the user's services and a quarter, to show on the page: audited once as
   * 'quarterly_return.viewed'. Throws ForbiddenError for a role other than team manager or commissioner,
   * ValidationError({ quarter }) for a quarter that is not YYYY-Qn or has not started, and NotFoundError (audited as
   * 'quarterly_return.refused') for a service outside the user's grants.
   */
  async function view(actor: Actor, serviceId: string, quarter: string, origin: RequestOrigin): Promise<QuarterlyReturnData> {
    const service = await resolve(actor, serviceId, quarter, origin);
    const data = await assemble(service, quarter);
    await audit.record({ actor }, origin, { action: 'quarterly_return.viewed', subjectType: 'service', subjectId: service.id, serviceId: service.id, detail: { serviceId: service.id, serviceCode: service.code, quarter, rows: data.rows.length } });
    return data;
  }

  /** One file of the return, audited as 'quarterly_return.downloaded' with the service, quarter and format; refusals as `view`. */
  async function download(actor: Actor, serviceId: string, quarter: string, format: ReturnFormat, origin: RequestOrigin): Promise<ReturnFile> {
    const service = await resolve(actor, serviceId, quarter, origin);
    const file = await renderReturnFile(await assemble(service, quarter), format);
    await audit.record({ actor }, origin, { action: 'quarterly_return.downloaded', subjectType: 'service', subjectId: service.id, serviceId: service.id, detail: { serviceId: service.id, serviceCode: service.code, quarter, format } });
    return file;
  }

  /**
   * Every file of the return for a service found by its code, made by the system (the scheduled command), each
   * audited as 'quarterly_return.downloaded' by 'system'. Throws ValidationError({ service }) for an unknown code and
   * ValidationError({ quarter }) for a quarter that may not be returned.
   */
  async function allFilesAsSystem(serviceCode: string, quarter: string, origin: RequestOrigin): Promise<ReturnFile[]> {
    const problem = quarterProblem(quarter, londonDate(clock.now()));
    if (problem !== null) throw new ValidationError({ quarter: problem });
    const service = await db.selectFrom('service').select(['id', 'code', 'name']).where('code', '=', serviceCode).executeTakeFirst();
    if (!service) {
      const codes = (await db.selectFrom('service').select('code').orderBy('code').execute()).map((s) => s.code);
      throw new ValidationError({ service: `There is no service with code ${serviceCode}: use one of ${codes.join(', ') || '(none yet)'}` });
    }
    const data = await assemble(service, quarter);
    const who: AuditWho = { userId: null, username: 'system' };
    const files: ReturnFile[] = [];
    for (const format of ['csv', 'aggregates.csv', 'xlsx', 'pdf'] as const) {
      files.push(await renderReturnFile(data, format));
      await audit.record(who, origin, { action: 'quarterly_return.downloaded', subjectType: 'service', subjectId: service.id, serviceId: service.id, detail: { serviceId: service.id, serviceCode: service.code, quarter, format } });
    }
    return files;
  }

  return { choices, view, download, allFilesAsSystem };
}

function assertRole(actor: Actor): void {
  if (!RETURN_ROLES.includes(actor.grant.role)) throw new ForbiddenError('Only team managers and commissioners make the quarterly return');
}

export type QuarterlyReturn = ReturnType<typeof createQuarterlyReturn>;
