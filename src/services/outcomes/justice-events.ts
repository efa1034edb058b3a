// Justice events after the team's work (re-arrests, charges, cautions, convictions): recorded by the team or imported from a police CSV export; matched to people of the service.
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, PersonRow, ReoffendingImportRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isRealDate } from '../../domain/age.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import { parseReoffendingCsv } from '../../domain/reoffending-csv.js';
import { heldEventKey, planReoffendingImport, type ImportPlan, type KnownPerson, type LineMessage } from '../../domain/reoffending-import-plan.js';
import { JUSTICE_EVENT_OUTCOMES, precedesIndex, provenReoffences, type JusticeEventOutcome } from '../../domain/reoffending.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { requireTeamManager, requireTeamMember, type CaseRecords } from '../cases/case-records.js';
import { parseOrThrow } from '../directory/validate.js';
import { ForbiddenError, NotFoundError, ValidationError, uniqueViolation } from '../errors.js';

type Reader = Kysely<Database> | Transaction<Database>;

/** An event as the recording form gives it (dates YYYY-MM-DD, or '' when the boxes could not be read). */
export type JusticeEventInput = { offenceOn: string; outcome: string; outcomeOn: string; notes: string };

export type JusticeEventView = {
  id: string;
  offenceOn: string;
  outcome: JusticeEventOutcome;
  outcomeOn: string;
  source: 'recorded' | 'imported';
  importId: string | null;
  notes: string;
  recordedBy: string;
  recordedAt: Date;
  /** True when this event proves a re-offence against the person's index date (12 + 6 month window). */
  provenReoffence: boolean;
};

export type ImportPreview = { ok: false; error: string } | ({ ok: true; ignoredColumns: string[] } & ImportPlan);
export type ImportDone = { ok: false; error: string } | { ok: true; importId: string; eventsAdded: number; alreadyHeld: number; unmatched: number; problems: number };
export type ImportSummary = Omit<ReoffendingImportRow, 'unmatched' | 'problems' | 'imported_by'> & { importedBy: string; unmatched: LineMessage[]; problems: LineMessage[] };

const britishDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const chunks = <T>(list: readonly T[], size = 1000): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * Each person's index date: the London date of their first referral that led to a case in the service. People
 * without such a case are absent. `personIds` narrows the read (all people of the service when not given).
 */
export async function indexDatesOf(reader: Reader, serviceId: string, personIds?: readonly string[]): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  for (const ids of personIds === undefined ? [null] : chunks(personIds)) {
    if (ids !== null && ids.length === 0) continue;
    let q = reader
      .selectFrom('case_episode as c')
      .innerJoin('referral as r', 'r.id', 'c.referral_id')
      .select(['c.person_id', (eb) => eb.fn.min('r.referred_at').as('first_referred_at')])
      .where('c.service_id', '=', serviceId)
      .groupBy('c.person_id');
    if (ids !== null) q = q.where('c.person_id', 'in', ids);
    for (const row of await q.execute()) dates.set(row.person_id, londonDate(new Date(row.first_referred_at as unknown as string | Date)));
  }
  return dates;
}

function eventInput(today: string) {
  const notFuture = (d: string) => !isRealDate(d) || d <= today;
  return z
    .object({
      offenceOn: z.string().refine(isRealDate, 'Offence date must be a real date').refine(notFuture, 'Offence date cannot be in the future'),
      outcome: z.enum(JUSTICE_EVENT_OUTCOMES, { message: 'Select the outcome: arrest, charge, caution, conviction, acquittal or no further action' }),
      outcomeOn: z.string().refine(isRealDate, 'Outcome date must be a real date').refine(notFuture, 'Outcome date cannot be in the future'),
      notes: z.string().trim().max(500, 'Notes must be 500 characters or fewer'),
    })
    .refine((v) => !isRealDate(v.offenceOn) || !isRealDate(v.outcomeOn) || v.outcomeOn >= v.offenceOn, {
      path: ['outcomeOn'],
      message: 'Outcome date must be the same as or after the offence date',
    });
}

export function createJusticeEvents(db: Kysely<Database>, clock: Clock, audit: AuditService, _cases: CaseRecords) {
  async function personOf(serviceId: string, personId: string, reader: Reader = db): Promise<PersonRow> {
    const person = isUuid(personId) ? await reader.selectFrom('person').selectAll().where('id', '=', personId).where('service_id', '=', serviceId).executeTakeFirst() : undefined;
    if (!person) throw new NotFoundError('person');
    return person;
  }

  /** The people of the service the file's rows may name, with their index dates, and the events they already have. */
  async function candidates(reader: Reader, serviceId: string, rows: Extract<ReturnType<typeof parseReoffendingCsv>, { ok: true }>['rows']) {
    const nhs = [...new Set(rows.flatMap((r) => (r.identifiers.nhsNumber ? [r.identifiers.nhsNumber] : [])))];
    const pnc = [...new Set(rows.flatMap((r) => (r.identifiers.pncId ? [r.identifiers.pncId.toUpperCase()] : [])))];
    const dobs = [...new Set(rows.flatMap((r) => (r.identifiers.dateOfBirth && r.identifiers.givenName && r.identifiers.familyName ? [r.identifiers.dateOfBirth] : [])))];
    const found = new Map<string, PersonRow>();
    for (const [column, values] of [['nhs_number', nhs], ['pnc_id', pnc], ['date_of_birth', dobs]] as const) {
      for (const part of chunks(values)) {
        const rowsFound = await reader.selectFrom('person').selectAll().where('service_id', '=', serviceId).where(column, 'in', part).execute();
        for (const p of rowsFound) found.set(p.id, p);
      }
    }
    const ids = [...found.keys()];
    const indexDates = await indexDatesOf(reader, serviceId, ids);
    const held = new Set<string>();
    for (const part of chunks(ids)) {
      const events = await reader.selectFrom('justice_event').select(['person_id', 'offence_on', 'outcome', 'outcome_on']).where('service_id', '=', serviceId).where('person_id', 'in', part).execute();
      for (const e of events) held.add(heldEventKey(e.person_id, { offenceOn: e.offence_on, outcome: e.outcome, outcomeOn: e.outcome_on }));
    }
    const people: KnownPerson[] = [...found.values()].map((p) => ({
      id: p.id, nhsNumber: p.nhs_number, pncId: p.pnc_id, givenName: p.given_name, familyName: p.family_name, dateOfBirth: p.date_of_birth, indexDate: indexDates.get(p.id) ?? null,
    }));
    return { people, held };
  }

  async function planFor(reader: Reader, serviceId: string, csvText: string): Promise<ImportPreview> {
    const parsed = parseReoffendingCsv(csvText, { today: londonDate(clock.now()) });
    if (!parsed.ok) return parsed;
    const { people, held } = await candidates(reader, serviceId, parsed.rows);
    return { ok: true, ignoredColumns: parsed.ignoredColumns, ...planReoffendingImport(parsed, people, held) };
  }

  return {
    /**
     * A person's justice events, newest offence first, each marked when it proves a re-offence against the index
     * date (the London date of the first referral that led to a case; null when none did). The read is audited.
     */
    async forPerson(actor: Actor, personId: string, origin: RequestOrigin, page = 'list') {
      const serviceId = requireTeamMember(actor, 'Only the Liaison and Diversion team sees justice events');
      const person = await personOf(serviceId, personId);
      const [indexDates, rows] = await Promise.all([
        indexDatesOf(db, serviceId, [person.id]),
        db
          .selectFrom('justice_event as e')
          .innerJoin('app_user as u', 'u.id', 'e.recorded_by')
          .select(['e.id', 'e.offence_on', 'e.outcome', 'e.outcome_on', 'e.source', 'e.import_id', 'e.notes', 'e.recorded_at', 'u.display_name'])
          .where('e.service_id', '=', serviceId)
          .where('e.person_id', '=', person.id)
          .orderBy('e.offence_on', 'desc')
          .orderBy('e.outcome_on', 'desc')
          .execute(),
      ]);
      const indexDate = indexDates.get(person.id) ?? null;
      const events = rows.map((r) => ({ id: r.id, offenceOn: r.offence_on, outcome: r.outcome, outcomeOn: r.outcome_on }));
      const proven = new Set(indexDate === null ? [] : provenReoffences(indexDate, events).map((e) => e.id));
      const views: JusticeEventView[] = rows.map((r) => ({
        id: r.id, offenceOn: r.offence_on, outcome: r.outcome, outcomeOn: r.outcome_on, source: r.source, importId: r.import_id, notes: r.notes,
        recordedBy: r.display_name, recordedAt: r.recorded_at, provenReoffence: proven.has(r.id),
      }));
      await audit.record({ actor }, origin, { action: 'justice_event.viewed', subjectType: 'person', subjectId: person.id, personId: person.id, detail: { page } });
      return { person, indexDate, events: views };
    },

    /**
     * Records an event about a person of the service (practitioners and team managers), audited as
     * 'justice_event.recorded'. Refused: dates not real or in the future, an outcome before its offence, an
     * offence on or before the person's index date (not a re-offence), and an event already held.
     */
    async record(actor: Actor, personId: string, input: JusticeEventInput, origin: RequestOrigin): Promise<string> {
      const { role, serviceId } = actor.grant;
      if ((role !== 'practitioner' && role !== 'team_manager') || !serviceId) throw new ForbiddenError('Only practitioners and team managers record justice events');
      const person = await personOf(serviceId, personId);
      const value = parseOrThrow(eventInput(londonDate(clock.now())), input);
      const indexDate = (await indexDatesOf(db, serviceId, [person.id])).get(person.id) ?? null;
      if (indexDate !== null && precedesIndex(indexDate, value)) {
        throw new ValidationError({
          offenceOn: `Offence date ${britishDate(value.offenceOn)} is on or before ${person.given_name} ${person.family_name}'s index date (${britishDate(indexDate)}), so it is not a re-offence and cannot be recorded here: enter an offence committed after the index date`,
        });
      }
      const already = `This event is already recorded for ${person.given_name} ${person.family_name}: the same offence date, outcome and outcome date`;
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('justice_event')
            .values({
              service_id: serviceId, person_id: person.id, offence_on: value.offenceOn, outcome: value.outcome, outcome_on: value.outcomeOn, source: 'recorded',
              import_id: null, notes: value.notes, recorded_by: actor.userId, recorded_at: clock.now(),
            })
            .onConflict((oc) => oc.columns(['person_id', 'offence_on', 'outcome', 'outcome_on']).doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!row) throw new ValidationError({ offenceOn: already });
          await audit.record({ actor }, origin, {
            action: 'justice_event.recorded', subjectType: 'justice_event', subjectId: row.id, personId: person.id,
            detail: { offenceOn: value.offenceOn, outcome: value.outcome, outcomeOn: value.outcomeOn },
          }, trx);
          return row.id;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw new ValidationError({ offenceOn: already });
        throw error;
      }
    },

    /** What importing the file would do, for a team manager to check: nothing is written but the audit event. */
    async preview(actor: Actor, csvText: string, origin: RequestOrigin): Promise<ImportPreview> {
      const serviceId = requireTeamManager(actor, 'Only a team manager can import justice events');
      const result = await planFor(db, serviceId, csvText);
      if (result.ok) {
        await audit.record({ actor }, origin, {
          action: 'reoffending.previewed', subjectType: 'service', subjectId: serviceId,
          detail: { rowsRead: result.rowsRead, toAdd: result.toAdd.length, alreadyHeld: result.alreadyHeld.length, unmatched: result.unmatched.length, problems: result.problems.length },
        });
      }
      return result;
    },

    /**
     * Reads the file again and imports it in one transaction: a reoffending_import row with its counts, its
     * unmatched lines and its problems, the new justice events, and one audit event ('reoffending.imported')
     * naming the import and the people given events. Events already held are counted, not added again.
     */
    async import(actor: Actor, csvText: string, fileName: string, origin: RequestOrigin): Promise<ImportDone> {
      const serviceId = requireTeamManager(actor, 'Only a team manager can import justice events');
      return db.transaction().execute(async (trx): Promise<ImportDone> => {
        const plan = await planFor(trx, serviceId, csvText);
        if (!plan.ok) return plan;
        const importedAt = clock.now();
        const row = await trx
          .insertInto('reoffending_import')
          .values({
            service_id: serviceId, file_name: fileName.slice(0, 200), imported_by: actor.userId, imported_at: importedAt, rows_read: plan.rowsRead,
            events_added: plan.toAdd.length, already_held: plan.alreadyHeld.length, unmatched: JSON.stringify(plan.unmatched), problems: JSON.stringify(plan.problems),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        let added = 0;
        for (const part of chunks(plan.toAdd, 500)) {
          const inserted = await trx
            .insertInto('justice_event')
            .values(part.map((e) => ({
              service_id: serviceId, person_id: e.personId, offence_on: e.offenceOn, outcome: e.outcome, outcome_on: e.outcomeOn, source: 'imported' as const,
              import_id: row.id, notes: '', recorded_by: actor.userId, recorded_at: importedAt,
            })))
            .onConflict((oc) => oc.columns(['person_id', 'offence_on', 'outcome', 'outcome_on']).doNothing())
            .returning('id')
            .execute();
          added += inserted.length;
        }
        // An event entered by someone else since the file was read is held once, and counted as held.
        const alreadyHeld = plan.alreadyHeld.length + plan.toAdd.length - added;
        if (added !== plan.toAdd.length) await trx.updateTable('reoffending_import').set({ events_added: added, already_held: alreadyHeld }).where('id', '=', row.id).execute();
        await audit.record({ actor }, origin, {
          action: 'reoffending.imported', subjectType: 'reoffending_import', subjectId: row.id,
          detail: { importId: row.id, fileName, rowsRead: plan.rowsRead, eventsAdded: added, alreadyHeld, unmatched: plan.unmatched.length, problems: plan.problems.length, personIds: plan.personIds },
        }, trx);
        return { ok: true, importId: row.id, eventsAdded: added, alreadyHeld, unmatched: plan.unmatched.length, problems: plan.problems.length };
      });
    },

    /** The service's past imports, newest first, with their counts (team managers). */
    async imports(actor: Actor): Promise<ImportSummary[]> {
      const serviceId = requireTeamManager(actor, 'Only a team manager can see imports of justice events');
      const rows = await db
        .selectFrom('reoffending_import as i')
        .innerJoin('app_user as u', 'u.id', 'i.imported_by')
        .selectAll('i')
        .select('u.display_name')
        .where('i.service_id', '=', serviceId)
        .orderBy('i.imported_at', 'desc')
        .execute();
      return rows.map(({ display_name, imported_by: _by, ...r }) => ({ ...r, importedBy: display_name }));
    },

    /** One past import with its unmatched and refused lines (team managers); reading it is audited, as the lines name people. */
    async importDetail(actor: Actor, importId: string, origin: RequestOrigin): Promise<ImportSummary> {
      const serviceId = requireTeamManager(actor, 'Only a team manager can see imports of justice events');
      const row = isUuid(importId)
        ? await db
            .selectFrom('reoffending_import as i')
            .innerJoin('app_user as u', 'u.id', 'i.imported_by')
            .selectAll('i')
            .select('u.display_name')
            .where('i.id', '=', importId)
            .where('i.service_id', '=', serviceId)
            .executeTakeFirst()
        : undefined;
      if (!row) throw new NotFoundError('import');
      await audit.record({ actor }, origin, { action: 'reoffending_import.viewed', subjectType: 'reoffending_import', subjectId: row.id });
      const { display_name, imported_by: _by, ...rest } = row;
      return { ...rest, importedBy: display_name };
    },
  };
}

export type JusticeEvents = ReturnType<typeof createJusticeEvents>;
