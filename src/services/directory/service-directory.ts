// The L&D services of this installation (e.g. neighbouring council areas): created and changed by administrators.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, ServiceRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { administersService } from '../../domain/roles.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ForbiddenError, NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { parseOrThrow } from './validate.js';
import { saveVersioned, updateWithVersion } from './versioned-update.js';
import { isUuid } from '../../domain/ids.js';

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label} must be ${max} characters or fewer`).default('');

export const serviceInput = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter a short code for the service')
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'Code must be 2 to 40 lower-case letters, numbers or hyphens, like west-wakefield'),
  name: z.string().trim().min(2, 'Enter the name of the service').max(120, 'Name must be 120 characters or fewer'),
  provider: optionalText(200, 'Provider'),
  commissioner: optionalText(200, 'Commissioner'),
  contactEmail: z.union([z.literal(''), z.string().trim().email('Enter an email address in the correct format, like team@example.nhs.uk')]).default(''),
  isActive: z.boolean().default(true),
});
export type ServiceInput = z.input<typeof serviceInput>;

export function createServiceDirectory(db: Kysely<Database>, clock: Clock, audit: AuditService) {
  async function get(id: string): Promise<ServiceRow> {
    const row = await db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('service');
    return row;
  }

  return {
    /** Services the actor can see: all for an installation administrator, else their own. */
    async list(actor: Actor | null): Promise<ServiceRow[]> {
      let q = db.selectFrom('service').selectAll().orderBy('name');
      if (actor && actor.grant.serviceId !== null) q = q.where('id', '=', actor.grant.serviceId);
      return q.execute();
    },

    get,

    async getFor(actor: Actor, id: string): Promise<ServiceRow> {
      if (!isUuid(id) || !administersService(actor.grant, id)) throw new NotFoundError('service');
      return get(id);
    },

    async create(actor: Actor | null, input: ServiceInput, origin: RequestOrigin): Promise<ServiceRow> {
      if (actor && actor.grant.serviceId !== null) throw new ForbiddenError('Only an installation administrator can add a service');
      const data = parseOrThrow(serviceInput, input);
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('service')
            .values({ code: data.code, name: data.name, provider: data.provider, commissioner: data.commissioner, contact_email: data.contactEmail, is_active: data.isActive })
            .returningAll()
            .executeTakeFirstOrThrow();
          await audit.record(actor ? { actor } : { userId: null, username: 'system' }, origin, { action: 'service.created', subjectType: 'service', subjectId: row.id, serviceId: row.id, detail: data }, trx);
          return row;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError({ code: 'Another service already has that code: choose another' });
        throw error;
      }
    },

    async update(actor: Actor, id: string, version: number, input: ServiceInput, origin: RequestOrigin): Promise<void> {
      const before = await this.getFor(actor, id);
      const data = parseOrThrow(serviceInput, input);
      try {
        await saveVersioned(db, async (trx) => {
          await updateWithVersion(trx, 'service', id, version, { code: data.code, name: data.name, provider: data.provider, commissioner: data.commissioner, contact_email: data.contactEmail, is_active: data.isActive }, clock.now());
          await audit.record({ actor }, origin, { action: 'service.updated', subjectType: 'service', subjectId: id, serviceId: id, detail: { before: { code: before.code, name: before.name, isActive: before.is_active }, after: data } }, trx);
        }, () => get(id));
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError({ code: 'Another service already has that code: choose another' });
        throw error;
      }
    },
  };
}

export type ServiceDirectory = ReturnType<typeof createServiceDirectory>;
