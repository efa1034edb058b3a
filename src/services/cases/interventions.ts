// The intervention catalogue each service keeps: what support plans choose from. Team managers add, change and retire
// entries (never delete: plans refer to them); the whole team reads it.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, InterventionRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isUuid } from '../../domain/ids.js';
import { OFFENCE_CATEGORIES } from '../../domain/referral-vocabulary.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { parseOrThrow } from '../directory/validate.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { requireTeamManager, requireTeamMember, type CaseRecords } from './case-records.js';

/** The offences an entry may answer: every category but "not known". */
export const CATALOGUE_OFFENCES = OFFENCE_CATEGORIES.filter((c) => c !== 'not_known');

export const interventionInput = z.object({
  name: z.string().trim().min(2, 'Enter the name of the intervention, like Victim awareness session').max(120, 'Name must be 120 characters or fewer'),
  description: z.string().trim().max(1000, 'Description must be 1000 characters or fewer').default(''),
  isRestorative: z.boolean({ message: 'Select whether volunteers run this as a restorative session' }),
  offenceCategories: z.array(z.enum(CATALOGUE_OFFENCES, { message: 'Select offences from the list' })).default([]),
  isActive: z.boolean().default(true),
});
export type InterventionInput = z.input<typeof interventionInput>;

const NAME_TAKEN = { name: 'Your service already has an intervention with that name: choose a different name, or change that one' };

export function createInterventions(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  void cases;

  const mayRead = (actor: Actor): string => requireTeamMember(actor, 'Only the team may read the intervention catalogue');

  const mayManage = (actor: Actor): string => requireTeamManager(actor, 'Only a team manager may change the intervention catalogue');

  /** An entry of the actor's service; another service's entries do not exist for them. */
  async function get(actor: Actor, id: string): Promise<InterventionRow> {
    const serviceId = mayRead(actor);
    const row = isUuid(id) ? await db.selectFrom('intervention').selectAll().where('id', '=', id).where('service_id', '=', serviceId).executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError('intervention');
    return row;
  }

  function values(data: z.infer<typeof interventionInput>) {
    return { name: data.name, description: data.description, is_restorative: data.isRestorative, offence_categories: [...new Set(data.offenceCategories)], is_active: data.isActive };
  }

  /** The database's unique name is case-sensitive; people are not. */
  async function nameTaken(serviceId: string, name: string, exceptId: string | null): Promise<boolean> {
    let q = db.selectFrom('intervention').select('id').where('service_id', '=', serviceId).where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
    if (exceptId) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  return {
    get,

    /** The actor's service's catalogue by name; `activeOnly` leaves out retired entries. */
    async list(actor: Actor, options: { activeOnly?: boolean } = {}): Promise<InterventionRow[]> {
      const serviceId = mayRead(actor);
      let q = db.selectFrom('intervention').selectAll().where('service_id', '=', serviceId);
      if (options.activeOnly) q = q.where('is_active', '=', true);
      return q.orderBy('is_active', 'desc').orderBy('name').execute();
    },

    async create(actor: Actor, input: InterventionInput, origin: RequestOrigin): Promise<InterventionRow> {
      const serviceId = mayManage(actor);
      const data = parseOrThrow(interventionInput, input);
      if (await nameTaken(serviceId, data.name, null)) throw new ValidationError(NAME_TAKEN);
      const now = clock.now();
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx.insertInto('intervention').values({ service_id: serviceId, ...values(data), created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
          await audit.record({ actor }, origin, { action: 'intervention.created', subjectType: 'intervention', subjectId: row.id, detail: data }, trx);
          return row;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError(NAME_TAKEN);
        throw error;
      }
    },

    /** Changes an entry read at `version`; retiring is setting isActive false. A stale version is a ConflictError. */
    async update(actor: Actor, id: string, version: number, input: InterventionInput, origin: RequestOrigin): Promise<void> {
      mayManage(actor);
      const before = await get(actor, id);
      const data = parseOrThrow(interventionInput, input);
      if (await nameTaken(before.service_id, data.name, id)) throw new ValidationError(NAME_TAKEN);
      try {
        await saveVersioned(db, async (trx) => {
          await updateWithVersion(trx, 'intervention', id, version, values(data), clock.now());
          const action = before.is_active && !data.isActive ? 'intervention.retired' : 'intervention.updated';
          await audit.record({ actor }, origin, {
            action, subjectType: 'intervention', subjectId: id,
            detail: { before: { name: before.name, isRestorative: before.is_restorative, offenceCategories: before.offence_categories, isActive: before.is_active }, after: data },
          }, trx);
        }, () => get(actor, id));
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError(NAME_TAKEN);
        throw error;
      }
    },
  };
}

export type Interventions = ReturnType<typeof createInterventions>;
