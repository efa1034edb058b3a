// The directory of partner organisations a service refers people on to.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, PartnerOrganisationRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { administersService } from '../../domain/roles.js';
import { PATHWAYS } from '../../domain/pathways.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { parseOrThrow } from './validate.js';
import { saveVersioned, updateWithVersion } from './versioned-update.js';
import { isUuid } from '../../domain/ids.js';

export const partnerInput = z.object({
  name: z.string().trim().min(2, 'Enter the name of the organisation').max(160, 'Name must be 160 characters or fewer'),
  pathway: z.enum(PATHWAYS, { message: 'Select the pathway this organisation provides' }),
  contactName: z.string().trim().max(120, 'Contact name must be 120 characters or fewer').default(''),
  contactPhone: z
    .string()
    .trim()
    .max(40, 'Phone number must be 40 characters or fewer')
    .regex(/^[0-9 +()-]*$/, 'Enter a phone number using numbers, spaces and + ( ) - only, like 01924 000 000')
    .default(''),
  contactEmail: z.union([z.literal(''), z.string().trim().email('Enter an email address in the correct format, like referrals@example.org')]).default(''),
  typicalWaitDays: z
    .union([z.literal('').transform(() => null), z.null(), z.coerce.number({ message: 'Enter the typical wait as a number of days, like 28' }).int('Enter the typical wait as a whole number of days').min(0, 'Typical wait cannot be negative').max(730, 'Typical wait must be 730 days or fewer')])
    .default(null),
  isActive: z.boolean().default(true),
});
export type PartnerInput = z.input<typeof partnerInput>;

const NAME_TAKEN = { name: 'This service already has an organisation with that name' };

export function createPartnerDirectory(db: Kysely<Database>, clock: Clock, audit: AuditService) {
  async function get(id: string): Promise<PartnerOrganisationRow> {
    const row = isUuid(id) ? await db.selectFrom('partner_organisation').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError('partner organisation');
    return row;
  }

  async function getFor(actor: Actor, id: string): Promise<PartnerOrganisationRow> {
    const row = await get(id);
    if (!administersService(actor.grant, row.service_id)) throw new NotFoundError('partner organisation');
    return row;
  }

  function values(data: z.infer<typeof partnerInput>) {
    return { name: data.name, pathway: data.pathway, contact_name: data.contactName, contact_phone: data.contactPhone, contact_email: data.contactEmail, typical_wait_days: data.typicalWaitDays, is_active: data.isActive };
  }

  return {
    get,
    getFor,

    async listForService(serviceId: string): Promise<PartnerOrganisationRow[]> {
      return db.selectFrom('partner_organisation').selectAll().where('service_id', '=', serviceId).orderBy('name').execute();
    },

    async create(actor: Actor | null, serviceId: string, input: PartnerInput, origin: RequestOrigin): Promise<PartnerOrganisationRow> {
      if (actor && !administersService(actor.grant, serviceId)) throw new NotFoundError('service');
      const data = parseOrThrow(partnerInput, input);
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx.insertInto('partner_organisation').values({ service_id: serviceId, ...values(data) }).returningAll().executeTakeFirstOrThrow();
          await audit.record(actor ? { actor } : { userId: null, username: 'system' }, origin, { action: 'partner.created', subjectType: 'partner_organisation', subjectId: row.id, serviceId, detail: data }, trx);
          return row;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError(NAME_TAKEN);
        throw error;
      }
    },

    async update(actor: Actor, id: string, version: number, input: PartnerInput, origin: RequestOrigin): Promise<void> {
      const before = await getFor(actor, id);
      const data = parseOrThrow(partnerInput, input);
      try {
        await saveVersioned(db, async (trx) => {
          await updateWithVersion(trx, 'partner_organisation', id, version, values(data), clock.now());
          await audit.record({ actor }, origin, { action: 'partner.updated', subjectType: 'partner_organisation', subjectId: id, serviceId: before.service_id, detail: { before: { name: before.name, pathway: before.pathway, isActive: before.is_active }, after: data } }, trx);
        }, () => get(id));
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError(NAME_TAKEN);
        throw error;
      }
    },
  };
}

export type PartnerDirectory = ReturnType<typeof createPartnerDirectory>;
