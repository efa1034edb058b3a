// Corrections of recorded facts: the record is updated and the old value kept, with the reason and who corrected it,
// in one transaction with its audit entry. And a case's history: corrections, allocations and onward referral changes.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CaseEpisodeRow, Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { amendableFact, correctionReasonProblem, factValueOf, parseFactValue, type AmendableFact, type FactInput, type FactValue } from '../../domain/amendable-facts.js';
import { followUpDueOn } from '../../domain/closure.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { CaseRecords } from './case-records.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyReader = Kysely<any> | Transaction<any>;
type Reader = Kysely<Database> | Transaction<Database>;

const VERSIONED = new Set(['contact', 'assessment', 'case_episode']);
const CLOSURE_FIELDS = new Set(['closure_reason', 'exit_summary', 'closed_on']);

export type CorrectionInput = { value: FactInput; reason: string; /** The value the form showed, as `encodeFactValue` wrote it. */ was: string };

/** A fact's value as the correction form carries it (so a change made meanwhile is noticed). */
export const encodeFactValue = (value: FactValue): string => JSON.stringify(value);

/** After an event's date is corrected, the referral's sent date and date of its last change follow its timeline. */
async function alignOnwardDates(trx: Transaction<Database>, eventId: string): Promise<void> {
  const event = await trx.selectFrom('onward_referral_event').select('onward_referral_id').where('id', '=', eventId).executeTakeFirstOrThrow();
  const timeline = await trx.selectFrom('onward_referral_event').select(['to_state', 'occurred_on']).where('onward_referral_id', '=', event.onward_referral_id).orderBy('recorded_at').execute();
  const last = timeline[timeline.length - 1];
  const sent = timeline.find((e) => e.to_state === 'sent');
  await trx.updateTable('onward_referral').set({ ...(last ? { state_changed_on: last.occurred_on } : {}), ...(sent ? { sent_on: sent.occurred_on } : {}) }).where('id', '=', event.onward_referral_id).execute();
}

export function createAmendments(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  /** The subject's row (its fact column as `value`), if it belongs to the case; otherwise NotFoundError. */
  async function subjectRow(fact: AmendableFact, c: CaseEpisodeRow, subjectId: string, reader: Reader, lock: boolean) {
    if (!isUuid(subjectId)) throw new NotFoundError('record');
    if (fact.link === 'is_case' && subjectId !== c.id) throw new NotFoundError('record');
    const r = reader as unknown as AnyReader;
    let q = r.selectFrom(`${fact.table} as s`).select(`s.${fact.field} as value`).where('s.id', '=', subjectId);
    if (fact.link === 'onward_referral') q = q.innerJoin('onward_referral as o', 'o.id', 's.onward_referral_id').where('o.case_id', '=', c.id);
    else if (fact.link === 'case_id') q = q.where('s.case_id', '=', c.id);
    if (fact.table === 'contact') q = q.select(['s.starts_at', 's.outcome']);
    if (lock) q = q.forUpdate();
    const row = (await q.executeTakeFirst()) as { value: unknown; starts_at?: Date; outcome?: string | null } | undefined;
    if (!row) throw new NotFoundError('record');
    if (fact.table === 'case_episode' && CLOSURE_FIELDS.has(fact.field) && c.case_status === 'open') throw new NotFoundError('record');
    return row;
  }

  function factOf(subjectType: string, field: string): AmendableFact {
    const fact = amendableFact(subjectType, field);
    if (!fact) throw new NotFoundError('fact');
    return fact;
  }

  /** Rules that tie the new value to the rest of the record. */
  function crossCheck(fact: AmendableFact, c: CaseEpisodeRow, row: { starts_at?: Date; outcome?: string | null }, value: FactValue, now: Date): Record<string, string> | null {
    if (fact.table === 'contact' && fact.field === 'outcome' && row.starts_at && row.starts_at > now)
      return { value: 'An outcome can be recorded only once the contact has happened: correct its date and time first' };
    if (fact.table === 'contact' && fact.field === 'starts_at' && row.outcome && value && new Date(value) > now)
      return { 'date-day': 'This contact has an outcome, so its date and time must be in the past' };
    if (fact.table === 'case_episode' && fact.field === 'closed_on' && value && value < londonDate(c.opened_at))
      return { 'date-day': 'Closure date must be on or after the day the case opened' };
    return null;
  }

  return {
    /** The correction page: the fact, its current value (audited read of the case). */
    async correction(actor: Actor, caseId: string, subjectType: string, subjectId: string, field: string, origin: RequestOrigin) {
      const fact = factOf(subjectType, field);
      const c = await cases.get(actor, caseId);
      const row = await subjectRow(fact, c, subjectId, db, false);
      const header = await cases.view(actor, c.id, origin, `correction:${subjectType}.${field}`);
      return { header, fact, current: factValueOf(fact, row.value) };
    },

    /** The latest correction of one fact of the case: its new value, reason and time, or null if it was never corrected. */
    async lastCorrection(actor: Actor, caseId: string, subjectType: string, subjectId: string, field: string) {
      const fact = factOf(subjectType, field);
      const c = await cases.get(actor, caseId);
      if (!isUuid(subjectId)) return null;
      const row = await db.selectFrom('amendment').select(['new_value', 'reason', 'amended_at'])
        .where('case_id', '=', c.id).where('subject_type', '=', fact.subjectType).where('subject_id', '=', subjectId).where('field', '=', fact.field)
        .orderBy('amended_at', 'desc').limit(1).executeTakeFirst();
      return row ? { value: factValueOf(fact, row.new_value), reason: row.reason, amendedAt: row.amended_at } : null;
    },

    /** Corrects one fact with a reason; the amendment keeps the old value. Returns the amendment's id. */
    async correct(actor: Actor, caseId: string, subjectType: string, subjectId: string, field: string, input: CorrectionInput, origin: RequestOrigin): Promise<string> {
      const fact = factOf(subjectType, field);
      const c = await cases.get(actor, caseId);
      await subjectRow(fact, c, subjectId, db, false);
      const now = clock.now();
      const errors: Record<string, string> = {};
      const parsed = parseFactValue(fact, input.value, { instant: now, today: londonDate(now) });
      if (!parsed.ok) errors[parsed.field] = parsed.error;
      const reasonProblem = correctionReasonProblem(input.reason);
      if (reasonProblem) errors.reason = reasonProblem;
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const newValue = (parsed as { value: FactValue }).value;
      const reason = input.reason.trim();
      return db.transaction().execute(async (trx) => {
        const row = await subjectRow(fact, c, subjectId, trx, true);
        const oldValue = factValueOf(fact, row.value);
        if (encodeFactValue(oldValue) !== input.was) throw new ConflictError(oldValue, 'Someone else changed this while you were correcting it. The current value is shown: check it and correct it again if needed.');
        if (oldValue === newValue) throw new ValidationError({ [fact.kind === 'date' || fact.kind === 'datetime' ? 'date-day' : 'value']: `The new ${fact.label.toLowerCase()} is the same as the current one: enter the corrected value` });
        const crossProblem = crossCheck(fact, c, row, newValue, now);
        if (crossProblem) throw new ValidationError(crossProblem);
        const values: Record<string, unknown> = { [fact.field]: fact.kind === 'datetime' && newValue ? new Date(newValue) : newValue };
        if (VERSIONED.has(fact.table)) Object.assign(values, { version: sql`version + 1`, updated_at: now });
        if (fact.table === 'contact' && fact.field === 'outcome') values.outcome_recorded_at = sql`coalesce(outcome_recorded_at, ${now})`;
        if (fact.table === 'case_episode' && fact.field === 'closed_on' && c.case_status === 'closed') {
          const service = await trx.selectFrom('service').select('follow_up_after_days').where('id', '=', c.service_id).executeTakeFirstOrThrow();
          values.follow_up_due_on = followUpDueOn(newValue!, service.follow_up_after_days);
        }
        await (trx as unknown as AnyReader).updateTable(fact.table).set(values).where('id', '=', subjectId).execute();
        if (fact.table === 'onward_referral_event') await alignOnwardDates(trx, subjectId);
        const amendment = await trx.insertInto('amendment').values({
          service_id: c.service_id, person_id: c.person_id, case_id: c.id, subject_type: fact.subjectType, subject_id: subjectId, field: fact.field,
          old_value: JSON.stringify(oldValue), new_value: JSON.stringify(newValue), reason, amended_by: actor.userId, amended_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, {
          action: 'record.corrected', subjectType: fact.subjectType, subjectId, personId: c.person_id, reason,
          detail: { caseId: c.id, field: fact.field, amendmentId: amendment.id },
        }, trx);
        return amendment.id;
      });
    },

    /** The case's history, newest first: corrections, allocations and onward referral changes (audited read). */
    async history(actor: Actor, caseId: string, origin: RequestOrigin) {
      const header = await cases.view(actor, caseId, origin, 'history');
      const id = header.caseEpisode.id;
      const [amendments, allocations, events] = await Promise.all([
        db.selectFrom('amendment as a').innerJoin('app_user as u', 'u.id', 'a.amended_by')
          .select(['a.id', 'a.subject_type', 'a.subject_id', 'a.field', 'a.old_value', 'a.new_value', 'a.reason', 'a.amended_at', 'u.display_name as by_name'])
          .where('a.case_id', '=', id).execute(),
        db.selectFrom('case_allocation as a').innerJoin('app_user as by', 'by.id', 'a.allocated_by').innerJoin('app_user as to', 'to.id', 'a.to_user_id').leftJoin('app_user as from', 'from.id', 'a.from_user_id')
          .select(['a.id', 'a.reason', 'a.allocated_at', 'by.display_name as by_name', 'to.display_name as to_name', 'from.display_name as from_name'])
          .where('a.case_id', '=', id).execute(),
        db.selectFrom('onward_referral_event as e').innerJoin('onward_referral as r', 'r.id', 'e.onward_referral_id').innerJoin('partner_organisation as p', 'p.id', 'r.partner_organisation_id').innerJoin('app_user as u', 'u.id', 'e.recorded_by')
          .select(['e.id', 'e.from_state', 'e.to_state', 'e.occurred_on', 'e.reason', 'e.recorded_at', 'r.id as onward_referral_id', 'p.name as partner_name', 'u.display_name as by_name'])
          .where('r.case_id', '=', id).execute(),
      ]);
      const entries = [
        ...amendments.map((a) => ({ kind: 'amendment' as const, at: a.amended_at, amendment: { ...a, fact: amendableFact(a.subject_type, a.field) } })),
        ...allocations.map((a) => ({ kind: 'allocation' as const, at: a.allocated_at, allocation: a })),
        ...events.map((e) => ({ kind: 'onward' as const, at: e.recorded_at, event: e })),
      ].sort((x, y) => y.at.getTime() - x.at.getTime());
      return { header, entries };
    },
  };
}

export type Amendments = ReturnType<typeof createAmendments>;
