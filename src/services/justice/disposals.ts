// Disposals of a case: what the justice system decided (with a conditional caution's conditions, linked to work in the
// plan), compliance with each condition and its report to the justice agency, and community payback hours worked.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DisclosureRow, DisposalConditionRow, DisposalRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { ageOn, isRealDate } from '../../domain/age.js';
import type { DisclosureRecipient, DisclosureStatus, LegalBasis, DisclosureBasis } from '../../domain/disclosure-basis.js';
import {
  COMPLIANCE_LABELS, DISPOSAL_KIND_LABELS, SENTENCE_KIND_LABELS, TREATMENT_REQUIREMENT_LABELS, complianceProblems, complianceReportPurpose,
  complianceReportText, conditionField, disposalProblems, isCommunitySentence, isConditionalDisposal, paybackProblems,
  type Compliance, type ConditionDraft, type DisposalDraft, type DisposalKind, type SentenceKind, type TreatmentRequirement,
} from '../../domain/disposals.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { saveVersioned, updateWithVersion } from '../directory/versioned-update.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { CaseRecords } from '../cases/case-records.js';
import { interventionsOf } from '../cases/support-plans.js';
import { justiceConsent, writeDisclosure } from './disclosure-writer.js';

type Reader = Kysely<Database> | Transaction<Database>;

export type DisposalInput = DisposalDraft;

export type ComplianceInput = { compliance: string; /** YYYY-MM-DD; null or '' for none. */ on: string | null };

export type PaybackInput = { /** YYYY-MM-DD, or '' when not given. */ workedOn: string; hours: number };

/** Who the compliance is reported to, and on what basis; `version` is the condition's as the user read it. */
export type ComplianceReportInput = {
  version: number;
  recipient: DisclosureRecipient | string;
  recipientName: string;
  siteId: string | null;
  basis: DisclosureBasis | null;
  legalBasis: LegalBasis | null;
  legalBasisReason: string;
};

export type ConditionView = DisposalConditionRow & {
  complianceLabel: string;
  /** The name of the plan intervention the condition rests on, if any. */
  interventionName: string | null;
  /** The latest report of compliance to the justice agency. */
  reported: { at: Date; status: DisclosureStatus } | null;
};

export type DisposalView = DisposalRow & {
  kindLabel: string;
  sentenceKindLabel: string | null;
  treatmentLabels: string[];
  recordedByName: string;
  conditions: ConditionView[];
  /** Unpaid work: hours recorded so far (0 when the order has none), and each entry, oldest first. */
  paybackHoursDone: number;
  payback: Array<{ workedOn: string; hours: number }>;
};

/** What the compliance report page shows: the condition, the words to be shared, and the person's consent. */
export type ComplianceReportDraft = {
  caseId: string;
  condition: DisposalConditionRow;
  disposal: DisposalRow;
  content: string;
  purpose: string;
  defaultRecipient: DisclosureRecipient;
  consent: Awaited<ReturnType<typeof justiceConsent>>;
};

/** A practitioner or team manager shares with justice agencies; a support worker asks one of them. */
const REPORTERS = ['practitioner', 'team_manager'];

export function createDisposals(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  const today = () => londonDate(clock.now());

  /** The disposals of these cases with their conditions and payback hours, newest decision first. */
  async function listFor(caseIds: string[], serviceId: string): Promise<DisposalView[]> {
    if (caseIds.length === 0) return [];
    const disposals = await db
      .selectFrom('disposal as d')
      .innerJoin('app_user as u', 'u.id', 'd.recorded_by')
      .selectAll('d')
      .select('u.display_name as recorded_by_name')
      .where('d.case_id', 'in', caseIds)
      .where('d.service_id', '=', serviceId)
      .orderBy('d.decided_on', 'desc').orderBy('d.recorded_at', 'desc')
      .execute();
    const ids = disposals.map((d) => d.id);
    const [conditions, payback] = ids.length === 0 ? [[], []] : await Promise.all([
      db.selectFrom('disposal_condition as k')
        .leftJoin('plan_intervention as p', 'p.id', 'k.plan_intervention_id')
        .leftJoin('intervention as i', 'i.id', 'p.intervention_id')
        .leftJoin('disclosure as r', 'r.id', 'k.reported_disclosure_id')
        .selectAll('k')
        .select(['i.name as intervention_name', 'r.requested_at as reported_at', 'r.disclosure_status as reported_status'])
        .where('k.disposal_id', 'in', ids)
        .orderBy('k.deadline_on').orderBy('k.created_at')
        .execute(),
      db.selectFrom('payback_hours').select(['disposal_id', 'worked_on', 'hours']).where('disposal_id', 'in', ids).orderBy('worked_on').orderBy('recorded_at').execute(),
    ]);
    return disposals.map(({ recorded_by_name, ...d }) => {
      const hours = payback.filter((p) => p.disposal_id === d.id).map((p) => ({ workedOn: p.worked_on, hours: Number(p.hours) }));
      return {
        ...d,
        kindLabel: DISPOSAL_KIND_LABELS[d.disposal_kind],
        sentenceKindLabel: d.sentence_kind ? SENTENCE_KIND_LABELS[d.sentence_kind] : null,
        treatmentLabels: d.treatment_requirements.map((t) => TREATMENT_REQUIREMENT_LABELS[t]),
        recordedByName: recorded_by_name,
        conditions: conditions.filter((k) => k.disposal_id === d.id).map(({ intervention_name, reported_at, reported_status, ...k }) => ({
          ...k,
          complianceLabel: COMPLIANCE_LABELS[k.compliance],
          interventionName: intervention_name,
          reported: reported_at && reported_status ? { at: reported_at, status: reported_status } : null,
        })),
        paybackHoursDone: hours.reduce((sum, p) => sum + p.hours, 0),
        payback: hours,
      };
    });
  }

  /** A condition the actor may see, with its disposal and case; NotFoundError otherwise (or when it is not of `caseId`). */
  async function conditionOf(actor: Actor, conditionId: string, caseId?: string, reader: Reader = db) {
    const condition = isUuid(conditionId)
      ? await reader.selectFrom('disposal_condition').selectAll().where('id', '=', conditionId).where('service_id', '=', actor.grant.serviceId ?? '').executeTakeFirst()
      : undefined;
    const disposal = condition ? await reader.selectFrom('disposal').selectAll().where('id', '=', condition.disposal_id).executeTakeFirst() : undefined;
    if (!condition || !disposal?.case_id || (caseId !== undefined && disposal.case_id !== caseId)) throw new NotFoundError('condition');
    const caseEpisode = await cases.get(actor, disposal.case_id, reader);
    return { condition, disposal, caseEpisode };
  }

  const loadCondition = (id: string) => db.selectFrom('disposal_condition').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  return {
    /** The disposals of a case the actor may read (not audited: the page records its read of the case). */
    async forCase(actor: Actor, caseId: string): Promise<DisposalView[]> {
      const c = await cases.get(actor, caseId);
      return listFor([c.id], c.service_id);
    },

    /** The disposals of a person across the cases the actor may read (not audited: the page records its read). */
    async forPerson(actor: Actor, personId: string): Promise<DisposalView[]> {
      if (!isUuid(personId)) return [];
      const own = await cases.forPerson(actor, personId);
      const readable: string[] = [];
      for (const c of own) if (await cases.get(actor, c.id).then(() => true, () => false)) readable.push(c.id);
      return listFor(readable, actor.grant.serviceId ?? '');
    },

    /** The plan interventions a condition of this case may rest on. */
    async planInterventions(actor: Actor, caseId: string) {
      const c = await cases.get(actor, caseId);
      return interventionsOf(db, c.id);
    },

    /** Records a disposal and its conditions in one transaction; returns its id. */
    async record(actor: Actor, caseId: string, input: DisposalInput, origin: RequestOrigin): Promise<string> {
      const c = await cases.get(actor, caseId);
      const person = await db.selectFrom('person').select('date_of_birth').where('id', '=', c.person_id).executeTakeFirstOrThrow();
      const dob = person.date_of_birth;
      const age = dob && isRealDate(input.decidedOn) && input.decidedOn >= dob ? ageOn(dob, input.decidedOn) : null;
      const problems = disposalProblems(input, today(), age);
      const planned = new Set((await interventionsOf(db, c.id)).map((p) => p.id));
      input.conditions.forEach((k, i) => {
        if (k?.planInterventionId && !planned.has(k.planInterventionId)) problems[conditionField(i + 1, 'PlanInterventionId')] = `Condition ${i + 1}: select an intervention from this case’s support plan, or none`;
      });
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const kind = input.kind as DisposalKind;
      const sentenceKind = kind === 'sentence' ? (input.sentenceKind as SentenceKind) : null;
      const community = isCommunitySentence(sentenceKind);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('disposal')
          .values({
            service_id: c.service_id, person_id: c.person_id, case_id: c.id, disposal_kind: kind, decided_on: input.decidedOn,
            decided_by: input.decidedBy.trim(), offence: input.offence.trim(), bail_conditions: kind === 'bail' ? input.bailConditions.trim() : '',
            sentence_kind: sentenceKind, treatment_requirements: community ? [...new Set(input.treatmentRequirements as TreatmentRequirement[])] : [],
            unpaid_work_hours: community ? input.unpaidWorkHours : null, custody_months: sentenceKind === 'custody' ? input.custodyMonths : null,
            notes: input.notes.trim(), recorded_by: actor.userId, recorded_at: now, created_at: now, updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const conditions = isConditionalDisposal(kind) ? input.conditions.filter((k): k is ConditionDraft => k !== null) : [];
        if (conditions.length > 0) {
          await trx.insertInto('disposal_condition').values(conditions.map((k) => ({
            service_id: c.service_id, disposal_id: row.id, description: k.description.trim(), deadline_on: k.deadlineOn,
            plan_intervention_id: k.planInterventionId || null, created_at: now, updated_at: now,
          }))).execute();
        }
        await audit.record({ actor }, origin, {
          action: 'disposal.recorded', subjectType: 'disposal', subjectId: row.id, personId: c.person_id,
          detail: { caseId: c.id, kind, decidedOn: input.decidedOn, sentenceKind, conditions: conditions.length },
        }, trx);
        return row.id;
      });
    },

    /** One condition of a case (for its report page): NotFoundError when out of scope or of another case. */
    async condition(actor: Actor, caseId: string, conditionId: string) {
      const { condition, disposal } = await conditionOf(actor, conditionId, caseId);
      return { condition, disposal };
    },

    /** Records where a condition stands, if it is still at the version the user read. */
    async updateCompliance(actor: Actor, conditionId: string, version: number, input: ComplianceInput, origin: RequestOrigin): Promise<void> {
      const { condition, disposal } = await conditionOf(actor, conditionId);
      if (condition.version !== version) throw new ConflictError(condition);
      const problems = complianceProblems(input, disposal.decided_on, today());
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const compliance = input.compliance as Compliance;
      const on = compliance === 'in_progress' ? null : input.on;
      const now = clock.now();
      await saveVersioned(db, async (trx) => {
        await updateWithVersion(trx, 'disposal_condition', condition.id, version, { compliance, compliance_on: on }, now);
        await audit.record({ actor }, origin, {
          action: 'disposal_condition.compliance_updated', subjectType: 'disposal_condition', subjectId: condition.id, personId: disposal.person_id,
          detail: { caseId: disposal.case_id, disposalId: disposal.id, from: condition.compliance, to: compliance, on },
        }, trx);
      }, () => loadCondition(condition.id));
    },

    /** The report of a condition's compliance as it would be shared, with the person's recorded consent. */
    async complianceReport(actor: Actor, caseId: string, conditionId: string): Promise<ComplianceReportDraft> {
      const { condition, disposal, caseEpisode } = await conditionOf(actor, conditionId, caseId);
      return {
        caseId: caseEpisode.id, condition, disposal,
        content: complianceReportText({ description: condition.description, deadlineOn: condition.deadline_on, compliance: condition.compliance, complianceOn: condition.compliance_on }, today()),
        purpose: complianceReportPurpose(disposal.disposal_kind),
        defaultRecipient: disposal.disposal_kind === 'youth_conditional_caution' ? 'youth_justice' : 'custody',
        consent: await justiceConsent(db, caseEpisode.service_id, disposal.person_id),
      };
    },

    /**
     * Reports a condition's compliance to the justice agency: a disclosure written through the one disclosure writer
     * (consent, or a legal basis a manager approves), remembered on the condition. Returns the disclosure.
     */
    async reportCompliance(actor: Actor, conditionId: string, input: ComplianceReportInput, origin: RequestOrigin): Promise<DisclosureRow> {
      const { condition, disposal, caseEpisode } = await conditionOf(actor, conditionId);
      if (!REPORTERS.includes(actor.grant.role)) throw new ForbiddenError('Only a practitioner or a team manager can report compliance to a justice agency');
      if (condition.version !== input.version) throw new ConflictError(condition);
      if (input.siteId) {
        const site = isUuid(input.siteId) ? await db.selectFrom('site').select('id').where('id', '=', input.siteId).where('service_id', '=', caseEpisode.service_id).executeTakeFirst() : undefined;
        if (!site) throw new ValidationError({ siteId: 'Select a custody suite or court of this service, or none' });
      }
      const now = clock.now();
      const shared: { row?: DisclosureRow } = {};
      await saveVersioned(db, async (trx) => {
        const row = await writeDisclosure(trx, audit, actor, {
          personId: disposal.person_id, caseId: caseEpisode.id, referralId: null, recipient: input.recipient as DisclosureRecipient,
          recipientName: input.recipientName, siteId: input.siteId || null, kind: 'condition_compliance',
          content: complianceReportText({ description: condition.description, deadlineOn: condition.deadline_on, compliance: condition.compliance, complianceOn: condition.compliance_on }, londonDate(now)),
          purpose: complianceReportPurpose(disposal.disposal_kind),
          basis: input.basis, legalBasis: input.legalBasis, legalBasisReason: input.legalBasisReason,
        }, now, origin);
        await updateWithVersion(trx, 'disposal_condition', condition.id, input.version, { reported_disclosure_id: row.id }, now);
        await audit.record({ actor }, origin, {
          action: 'disposal_condition.compliance_reported', subjectType: 'disposal_condition', subjectId: condition.id, personId: disposal.person_id,
          detail: { caseId: caseEpisode.id, disclosureId: row.id, compliance: condition.compliance },
        }, trx);
        shared.row = row;
      }, () => loadCondition(condition.id));
      return shared.row!;
    },

    /** Records community payback hours worked against an order with unpaid work; the total never passes the hours ordered. */
    async recordPaybackHours(actor: Actor, disposalId: string, input: PaybackInput, origin: RequestOrigin): Promise<void> {
      const disposal = isUuid(disposalId)
        ? await db.selectFrom('disposal').selectAll().where('id', '=', disposalId).where('service_id', '=', actor.grant.serviceId ?? '').executeTakeFirst()
        : undefined;
      if (!disposal?.case_id) throw new NotFoundError('disposal');
      const c = await cases.get(actor, disposal.case_id);
      const ordered = disposal.unpaid_work_hours;
      if (ordered === null) throw new ValidationError({ hours: 'This outcome has no unpaid work hours to record against' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        // One recording at a time per order, so two at once cannot both fit under the hours ordered.
        await trx.selectFrom('disposal').select('id').where('id', '=', disposal.id).forUpdate().executeTakeFirstOrThrow();
        const done = await trx.selectFrom('payback_hours').select(sql<number>`coalesce(sum(hours), 0)`.as('total')).where('disposal_id', '=', disposal.id).executeTakeFirstOrThrow();
        const problems = paybackProblems(input, { decidedOn: disposal.decided_on, hoursOrdered: ordered, hoursDone: Number(done.total) }, londonDate(now));
        if (Object.keys(problems).length > 0) throw new ValidationError(problems);
        const row = await trx.insertInto('payback_hours').values({
          service_id: c.service_id, disposal_id: disposal.id, worked_on: input.workedOn, hours: input.hours, recorded_by: actor.userId, recorded_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, {
          action: 'payback_hours.recorded', subjectType: 'disposal', subjectId: disposal.id, personId: disposal.person_id,
          detail: { caseId: c.id, paybackId: row.id, workedOn: input.workedOn, hours: input.hours },
        }, trx);
      });
    },
  };
}

export type Disposals = ReturnType<typeof createDisposals>;
