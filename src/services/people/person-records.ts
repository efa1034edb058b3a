// Person records: finding someone, not making duplicates, reading (audited) and changing (versioned) a record.
import { sql, type Kysely } from 'kysely';
import type { Database, PersonRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { rankCandidates, type PersonIdentity } from '../../domain/duplicate-candidates.js';
import { normaliseNhsNumber } from '../../domain/nhs-number.js';
import { parsePncId } from '../../domain/pnc-id.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError, uniqueViolation } from '../errors.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import type { PersonInput } from './person-input.js';
import { closestNameMatchIds, nameMatchIds, nameShape, nameValues, type NameShape, type NameValues } from './name-matches.js';
import { queryOnce } from '../../db/compiled-once.js';
import { describeLink, isRelationship } from '../../domain/relationships.js';
import { isUuid } from '../../domain/ids.js';
import { readTogetherOnce } from '../../db/read-together.js';
import { INSTANT_COLUMNS } from '../../db/instant-columns.js';

export type DuplicateCandidate = { person: PersonRow; score: number; reasons: string[] };

/** The new person resembles people already recorded: the user must choose before anything is saved. */
export class PossibleDuplicatesError extends Error {
  constructor(readonly candidates: DuplicateCandidate[]) {
    super('This person may already be recorded');
  }
}

export type PersonSearch = { text?: string; dateOfBirth?: string; limit?: number };

type SearchShape = NameShape & { by: 'nhs' | 'pnc' | 'name' | 'born'; born: boolean };
type SearchValues = NameValues & { dateOfBirth: string | null; limit: number; nhs: string | null; pnc: string | null };

/** A search's read, built once for each shape: by NHS number, PNC ID, name (closest first) or date of birth alone. */
const searchRead = queryOnce((db: Kysely<Database>, shape: SearchShape, v: SearchValues) => {
  let q = db.selectFrom('person as p').selectAll('p').where('p.service_id', '=', v.serviceId).limit(v.limit);
  if (shape.by === 'nhs') q = q.where('p.nhs_number', '=', v.nhs);
  else if (shape.by === 'pnc') q = q.where('p.pnc_id', '=', v.pnc);
  else if (shape.by === 'name') q = q.where('p.id', 'in', sql<string>`(${closestNameMatchIds(shape, v)})`).orderBy(sql`similarity(p.search_name, ${v.lowered})`, 'desc');
  if (shape.born) q = q.where('p.date_of_birth', '=', v.dateOfBirth);
  return q.orderBy('p.family_name').orderBy('p.given_name').orderBy('p.id');
});


function identityOf(p: Pick<PersonRow, 'given_name' | 'family_name' | 'date_of_birth' | 'nhs_number' | 'pnc_id'>, aliases: Array<{ given_name: string; family_name: string }> = []): PersonIdentity {
  return {
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth,
    nhsNumber: p.nhs_number,
    pncId: p.pnc_id,
    aliases: aliases.map((a) => ({ givenName: a.given_name, familyName: a.family_name })),
  };
}

function columns(input: PersonInput) {
  return {
    given_name: input.givenName,
    family_name: input.familyName,
    preferred_name: input.preferredName,
    date_of_birth: input.dateOfBirth || null,
    sex: input.sex,
    gender_identity: input.genderIdentity,
    ethnicity_code: input.ethnicityCode,
    first_language: input.firstLanguage,
    interpreter_needed: input.interpreterNeeded,
    address: input.address,
    postcode: input.postcode,
    phone: input.phone,
    email: input.email,
    nhs_number: input.nhsNumber,
    pnc_id: input.pncId,
    probation_crn: input.probationCrn,
    is_veteran: input.isVeteran,
    is_care_leaver: input.isCareLeaver,
    known_risk: input.knownRisk,
  };
}

function identifierTaken(error: unknown): ValidationError | null {
  const constraint = uniqueViolation(error);
  if (constraint === 'person_nhs_number') return new ValidationError({ nhsNumber: 'Someone in this service already has this NHS number: search for them instead' });
  if (constraint === 'person_pnc_id') return new ValidationError({ pncId: 'Someone in this service already has this PNC ID: search for them instead' });
  return null;
}

/** A person by id in a service, as a read. */
const personIn = (db: Kysely<Database>, id: string, serviceId: string) => db.selectFrom('person').selectAll().where('id', '=', id).where('service_id', '=', serviceId);

/** One statement for a person's record, their other names and their links, built once. */
const viewRead = readTogetherOnce((db: Kysely<Database>, _shape: object, v: { id: string; serviceId: string }) => ({
  person: personIn(db, v.id, v.serviceId),
  aliases: db.selectFrom('person_alias').selectAll().where('person_id', '=', v.id).orderBy('created_at'),
  // Links recorded on either person: the other one is the family member shown.
  links: db
    .selectFrom('person_link as l')
    .innerJoin('person as r', (join) => join.on(sql<boolean>`r.id = case when l.person_id = ${v.id} then l.related_person_id else l.person_id end`))
    .select(['l.id', 'l.person_id', 'l.relationship', 'r.id as related_id', 'r.given_name', 'r.family_name', 'r.date_of_birth'])
    .where((eb) => eb.or([eb('l.person_id', '=', v.id), eb('l.related_person_id', '=', v.id)]))
    .orderBy('l.created_at'),
}), { person: INSTANT_COLUMNS.person, aliases: INSTANT_COLUMNS.person_alias });

export function createPersonRecords(db: Kysely<Database>, clock: Clock, audit: AuditService) {
  const serviceOf = (actor: Actor) => {
    if (!actor.grant.serviceId) throw new NotFoundError('person');
    return actor.grant.serviceId;
  };

  /** People in the service who may be the same as `identity`, best match first. */
  async function findCandidates(serviceId: string, identity: PersonIdentity, excludeId?: string): Promise<DuplicateCandidate[]> {
    const name = `${identity.givenName} ${identity.familyName}`;
    const byIdentity = [
      identity.nhsNumber ? sql`select id from person where service_id = ${serviceId} and nhs_number = ${identity.nhsNumber}` : null,
      identity.pncId ? sql`select id from person where service_id = ${serviceId} and pnc_id = ${identity.pncId}` : null,
      identity.dateOfBirth ? sql`select id from person where service_id = ${serviceId} and date_of_birth = ${identity.dateOfBirth} and similarity(lower(family_name), ${identity.familyName.toLowerCase()}) > 0.2` : null,
    ].filter((part) => part !== null);
    const ids = sql`${sql.join([nameMatchIds(serviceId, name, { fuzzy: true }), ...byIdentity], sql` union `)}`;
    const rows = await db
      .selectFrom('person as p')
      .selectAll('p')
      .where('p.id', 'in', sql<string>`(${ids})`)
      .$if(Boolean(excludeId), (q) => q.where('p.id', '<>', excludeId!))
      // The closest first, so a common name's hundreds of matches still put the right people in the hundred scored.
      .orderBy(sql`(p.nhs_number = ${identity.nhsNumber ?? ''} or p.pnc_id = ${identity.pncId ?? ''})`, (ob) => ob.desc().nullsLast())
      .orderBy(sql`similarity(p.search_name, ${name.toLowerCase()})`, 'desc')
      .limit(100)
      .execute();
    if (rows.length === 0) return [];
    const aliases = await db.selectFrom('person_alias').select(['person_id', 'given_name', 'family_name']).where('person_id', 'in', rows.map((r) => r.id)).execute();
    const withIdentity = rows.map((row) => ({ ...identityOf(row, aliases.filter((a) => a.person_id === row.id)), row }));
    return rankCandidates(identity, withIdentity).map((c) => ({ person: c.person.row, score: c.score, reasons: c.reasons }));
  }

  /** The person by id in the actor's service, as a read. */
  const inService = (actor: Actor, id: string) => personIn(db, id, serviceOf(actor));

  async function get(actor: Actor, id: string): Promise<PersonRow> {
    const person = isUuid(id) ? await inService(actor, id).executeTakeFirst() : undefined;
    if (!person) throw new NotFoundError('person');
    return person;
  }

  return {
    findCandidates,

    /** Records a new person. Unless `decision` says the user has seen the candidates and chose a new record, resemblance stops the save. */
    async create(actor: Actor, input: PersonInput, decision: 'check' | 'new-after-checking', origin: RequestOrigin): Promise<PersonRow> {
      const serviceId = serviceOf(actor);
      const candidates = await findCandidates(serviceId, { givenName: input.givenName, familyName: input.familyName, dateOfBirth: input.dateOfBirth || null, nhsNumber: input.nhsNumber, pncId: input.pncId });
      if (candidates.length > 0 && decision === 'check') throw new PossibleDuplicatesError(candidates);
      try {
        return await db.transaction().execute(async (trx) => {
          const person = await trx.insertInto('person').values({ service_id: serviceId, created_by: actor.userId, ...columns(input) }).returningAll().executeTakeFirstOrThrow();
          await audit.record({ actor }, origin, {
            action: 'person.created',
            subjectType: 'person',
            subjectId: person.id,
            personId: person.id,
            detail: candidates.length ? { candidatesShown: candidates.map((c) => ({ id: c.person.id, score: c.score })) } : null,
          }, trx);
          return person;
        });
      } catch (error) {
        throw identifierTaken(error) ?? error;
      }
    },

    /** Reads a person's record for a page, and records that it was read. */
    async view(actor: Actor, id: string, origin: RequestOrigin, reason: string | null = null) {
      if (!isUuid(id)) throw new NotFoundError('person');
      const read = await viewRead(db, {}, { id, serviceId: serviceOf(actor) });
      const person = read.person[0];
      if (!person) throw new NotFoundError('person');
      const { aliases, links: linkRows } = read;
      const links = linkRows.map((l) => ({ ...l, description: describeLink({ personId: l.person_id, relationship: l.relationship }, id) }));
      await audit.record({ actor }, origin, { action: 'person.viewed', subjectType: 'person', subjectId: id, personId: id, reason });
      return { person, aliases, links };
    },

    get,

    async update(actor: Actor, id: string, version: number, input: PersonInput, origin: RequestOrigin): Promise<void> {
      const before = await get(actor, id);
      try {
        await saveVersioned(db, async (trx) => {
          await updateWithVersion(trx, 'person', id, version, columns(input), clock.now());
          const changed = Object.entries(columns(input)).filter(([k, v]) => (before as Record<string, unknown>)[k] !== v).map(([k]) => k);
          await audit.record({ actor }, origin, { action: 'person.updated', subjectType: 'person', subjectId: id, personId: id, detail: { fieldsChanged: changed } }, trx);
        }, () => get(actor, id));
      } catch (error) {
        throw identifierTaken(error) ?? error;
      }
    },

    /** Links a family or household member (both in the service), for the whole-family approach. */
    async addLink(actor: Actor, personId: string, relatedPersonId: string, relationship: string, origin: RequestOrigin): Promise<void> {
      const person = await get(actor, personId);
      if (!isRelationship(relationship)) throw new ValidationError({ relationship: 'Select how they are related' });
      if (relatedPersonId === personId) throw new ValidationError({ relatedPersonId: 'A person cannot be linked to themselves' });
      const related = await get(actor, relatedPersonId);
      const existing = await db
        .selectFrom('person_link')
        .select('id')
        .where((eb) => eb.or([eb.and([eb('person_id', '=', person.id), eb('related_person_id', '=', related.id)]), eb.and([eb('person_id', '=', related.id), eb('related_person_id', '=', person.id)])]))
        .executeTakeFirst();
      if (existing) throw new ValidationError({ relatedPersonId: `${related.given_name} ${related.family_name} is already linked to this person` });
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('person_link').values({ service_id: person.service_id, person_id: person.id, related_person_id: related.id, relationship }).execute();
        await audit.record({ actor }, origin, { action: 'person.linked', subjectType: 'person', subjectId: person.id, personId: person.id, detail: { relatedPersonId: related.id, relationship } }, trx);
      });
    },

    async addAlias(actor: Actor, personId: string, givenName: string, familyName: string, origin: RequestOrigin): Promise<void> {
      const person = await get(actor, personId);
      const errors: Record<string, string> = {};
      if (!givenName.trim()) errors.aliasGivenName = 'Enter the first name the person is also known by';
      if (!familyName.trim()) errors.aliasFamilyName = 'Enter the last name the person is also known by';
      if (givenName.length > 100 || familyName.length > 100) errors.aliasGivenName = 'Names must be 100 characters or fewer';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('person_alias').values({ service_id: person.service_id, person_id: personId, given_name: givenName.trim(), family_name: familyName.trim() }).execute();
        await audit.record({ actor }, origin, { action: 'person.alias_added', subjectType: 'person', subjectId: personId, personId }, trx);
      });
    },

    /** Finds people by name (spelling-tolerant), date of birth, NHS number or PNC ID. */
    async search(actor: Actor, query: PersonSearch, origin: RequestOrigin): Promise<PersonRow[]> {
      const serviceId = serviceOf(actor);
      const text = (query.text ?? '').trim().slice(0, 100);
      const nhs = normaliseNhsNumber(text);
      const pnc = /\//.test(text) ? parsePncId(text) : null;
      if (!text && !query.dateOfBirth) return [];
      const limit = Math.min(query.limit ?? 25, 100);
      const by = nhs ? 'nhs' : pnc?.ok ? 'pnc' : text ? 'name' : 'born';
      const values = { ...nameValues(serviceId, text), dateOfBirth: query.dateOfBirth ?? null, limit, nhs, pnc: pnc?.ok ? pnc.value : null };
      const find = async (fuzzy: boolean) => searchRead(db, { by, ...nameShape(text, fuzzy), born: Boolean(query.dateOfBirth) }, values);
      // Sound-alike and exact matches first; only when they find no one, the slower spelling-tolerant match.
      let rows = await find(false);
      if (rows.length === 0 && by === 'name') rows = await find(true);
      await audit.record({ actor }, origin, { action: 'person.searched', detail: { text: nhs ? 'NHS number' : pnc?.ok ? 'PNC ID' : text ? 'name' : '', dateOfBirth: Boolean(query.dateOfBirth), results: rows.length } });
      return rows;
    },
  };
}

export type PersonRecords = ReturnType<typeof createPersonRecords>;
