// The sites of a service: custody suites, police stations, courts and community bases, each with a code.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, SiteRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { administersService } from '../../domain/roles.js';
import { SITE_KINDS } from '../../domain/site-kinds.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { parseOrThrow } from './validate.js';
import { saveVersioned, updateWithVersion } from './versioned-update.js';
import { isUuid } from '../../domain/ids.js';

export const siteInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, 'Enter a short code for the site')
    .regex(/^[A-Z0-9][A-Z0-9-]{1,15}$/, 'Code must be 2 to 16 letters, numbers or hyphens, like WAK-CS'),
  name: z.string().trim().min(2, 'Enter the name of the site').max(120, 'Name must be 120 characters or fewer'),
  siteKind: z.enum(SITE_KINDS, { message: 'Select the kind of site' }),
  address: z.string().trim().max(300, 'Address must be 300 characters or fewer').default(''),
  responseTargetMinutes: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? 'Enter the response-time target in minutes, like 60' : 'Enter the response target as a number of minutes, like 60') })
      .int('Enter the response target as a whole number of minutes, like 60')
    .min(5, 'Response target must be at least 5 minutes')
    .max(1440, 'Response target must be 1440 minutes (24 hours) or less'),
  ),
  isActive: z.boolean().default(true),
});
export type SiteInput = z.input<typeof siteInput>;

const CODE_TAKEN = { code: 'Another site in this service already has that code: choose another' };

export function createSiteDirectory(db: Kysely<Database>, clock: Clock, audit: AuditService) {
  async function get(id: string): Promise<SiteRow> {
    const row = isUuid(id) ? await db.selectFrom('site').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError('site');
    return row;
  }

  async function getFor(actor: Actor, id: string): Promise<SiteRow> {
    const site = await get(id);
    if (!administersService(actor.grant, site.service_id)) throw new NotFoundError('site');
    return site;
  }

  function values(data: z.infer<typeof siteInput>) {
    return { code: data.code, name: data.name, site_kind: data.siteKind, address: data.address, response_target_minutes: data.responseTargetMinutes, is_active: data.isActive };
  }

  return {
    get,
    getFor,

    /** The site if the actor works there: in their service and, for custody or court staff, their own site. */
    async inScopeOf(actor: Actor, id: string): Promise<SiteRow | null> {
      const site = isUuid(id) ? await db.selectFrom('site').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
      if (!site || site.service_id !== actor.grant.serviceId || (actor.grant.siteId && actor.grant.siteId !== site.id)) return null;
      return site;
    },

    async listForService(serviceId: string, options: { activeOnly?: boolean } = {}): Promise<SiteRow[]> {
      let q = db.selectFrom('site').selectAll().where('service_id', '=', serviceId).orderBy('name');
      if (options.activeOnly) q = q.where('is_active', '=', true);
      return q.execute();
    },

    async create(actor: Actor | null, serviceId: string, input: SiteInput, origin: RequestOrigin): Promise<SiteRow> {
      if (actor && !administersService(actor.grant, serviceId)) throw new NotFoundError('service');
      const data = parseOrThrow(siteInput, input);
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx.insertInto('site').values({ service_id: serviceId, ...values(data) }).returningAll().executeTakeFirstOrThrow();
          await audit.record(actor ? { actor } : { userId: null, username: 'system' }, origin, { action: 'site.created', subjectType: 'site', subjectId: row.id, serviceId, detail: data }, trx);
          return row;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError(CODE_TAKEN);
        throw error;
      }
    },

    async update(actor: Actor, id: string, version: number, input: SiteInput, origin: RequestOrigin): Promise<void> {
      const before = await getFor(actor, id);
      const data = parseOrThrow(siteInput, input);
      try {
        await saveVersioned(db, async (trx) => {
          await updateWithVersion(trx, 'site', id, version, values(data), clock.now());
          await audit.record({ actor }, origin, { action: 'site.updated', subjectType: 'site', subjectId: id, serviceId: before.service_id, detail: { before: { code: before.code, name: before.name, responseTargetMinutes: before.response_target_minutes, isActive: before.is_active }, after: data } }, trx);
        }, () => get(id));
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError(CODE_TAKEN);
        throw error;
      }
    },
  };
}

export type SiteDirectory = ReturnType<typeof createSiteDirectory>;
