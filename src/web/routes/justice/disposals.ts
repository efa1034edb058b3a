// Justice outcomes of a case: each disposal with its conditions (compliance, and reporting it to the justice agency)
// and unpaid work hours, and the form recording a new one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDateParts } from '../../../domain/age.js';
import { DISCLOSURE_BASES, LEGAL_BASES, type DisclosureBasis, type LegalBasis } from '../../../domain/disclosure-basis.js';
import { COMPLIANCE_LABELS, CONDITION_SLOTS, TREATMENT_REQUIREMENTS, conditionField, type ConditionDraft } from '../../../domain/disposals.js';
import { londonDate } from '../../../domain/london-time.js';
import { isOneOf } from '../../../domain/referral-vocabulary.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import type { DisposalConditionRow } from '../../../db/schema.js';
import type { DisposalInput } from '../../../services/justice/disposals.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { dateBoxes, errorSummary, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictView, WHAT_CHANGED } from '../../version-conflict.js';
import { caseContext } from '../cases/case-context.js';
import { caseTeam, type CaseParams } from '../cases/case-page.js';
import { COMPLIANCE_QUESTIONS, disposalCards, disposalFormChoices, reportChoices, type CardForms } from './disposal-views.js';

type ConditionParams = CaseParams & { conditionId: string };
type DisposalParams = CaseParams & { disposalId: string };

/** Sharing with justice agencies is for practitioners and team managers. */
const reporters = { access: { roles: ['practitioner', 'team_manager'] } } as const;

const SAVED: Record<string, string> = {
  recorded: 'Justice outcome recorded',
  compliance: 'Compliance updated',
  hours: 'Unpaid work hours recorded',
  reported: 'Compliance reported to the justice agency',
  requested: 'Compliance report sent to a team manager for approval: it is shared once approved',
};

/** A date from the three boxes of `name`: '' when all are blank or unreadable (then `errors` says why, and `ids` which box). */
function readDate(fields: Record<string, string>, name: string, label: string, errors: FieldErrors, ids: Record<string, string>): string {
  const [day, month, year] = ['day', 'month', 'year'].map((p) => (fields[`${name}-${p}`] ?? '').trim()) as [string, string, string];
  if (!day && !month && !year) return '';
  const parsed = parseDateParts(day, month, year, label);
  if (parsed.ok) return parsed.date;
  errors[name] = parsed.error;
  ids[name] = `${name}-${parsed.field}`;
  return '';
}

/** The questions of a condition's compliance form. */
const COMPLIANCE_FIELDS: readonly LabelledField[] = [
  { name: 'compliance', label: COMPLIANCE_QUESTIONS.compliance, choices: COMPLIANCE_LABELS },
  // No date is saved while the condition is in progress.
  { name: 'complianceOn', label: COMPLIANCE_QUESTIONS.complianceOn, kind: 'date', onlyWhen: (v) => v.compliance !== 'in_progress' },
];

/** A stored condition in the compliance form's names. */
const complianceValuesOf = (k: DisposalConditionRow): Record<string, string> => ({ compliance: k.compliance, ...(k.compliance_on ? dateBoxes('complianceOn', k.compliance_on) : {}) });

const numberOrNull = (text: string | undefined): number | null => (text ?? '').trim() === '' ? null : Number((text ?? '').trim());

/** The new-outcome form as the service takes it. Details revealed under another kind than the one chosen are not taken. */
function disposalFrom(fields: Record<string, string>, dateErrors: FieldErrors, ids: Record<string, string>): DisposalInput {
  const kind = fields.kind ?? '';
  const sentence = kind === 'sentence';
  const sentenceKind = sentence && fields.sentenceKind ? fields.sentenceKind : null;
  const conditions: Array<ConditionDraft | null> = [];
  for (let n = 1; n <= CONDITION_SLOTS; n += 1) {
    const description = (fields[conditionField(n, 'Description')] ?? '').trim();
    const planInterventionId = fields[conditionField(n, 'PlanInterventionId')] || null;
    const deadlineName = conditionField(n, 'Deadline');
    const anyBox = ['day', 'month', 'year'].some((p) => (fields[`${deadlineName}-${p}`] ?? '').trim() !== '');
    if (!description && !anyBox && !planInterventionId) conditions.push(null);
    else conditions.push({ description, deadlineOn: readDate(fields, deadlineName, `Condition ${n} deadline`, dateErrors, ids), planInterventionId });
  }
  return {
    kind,
    decidedOn: readDate(fields, 'decidedOn', 'Date of the decision', dateErrors, ids),
    decidedBy: (fields.decidedBy ?? '').trim(),
    offence: (fields.offence ?? '').trim(),
    bailConditions: kind === 'bail' ? (fields.bailConditions ?? '').trim() : '',
    sentenceKind,
    treatmentRequirements: sentence ? TREATMENT_REQUIREMENTS.filter((t) => fields[`treatment-${t}`] === 'yes') : [],
    unpaidWorkHours: sentence ? numberOrNull(fields.unpaidWorkHours) : null,
    custodyMonths: sentenceKind === 'custody' ? numberOrNull(fields.custodyMonths) : null,
    notes: (fields.notes ?? '').trim(),
    conditions,
  };
}

/** The service's field errors, with a date's own reading problem (e.g. "must include a month") in place of "Enter the date". */
const withDateErrors = (errors: FieldErrors, dateErrors: FieldErrors): FieldErrors => ({ ...errors, ...dateErrors });

/** The box a date error links to: the one `readDate` found wrong, or the day. */
const dateBox = (ids: Record<string, string>, name: string, id: string): string => `${id}-${(ids[name] ?? 'x-day').split('-').pop()}`;

/** The form's fields from top to bottom, so the error summary reads in the same order. */
const FORM_ORDER = [
  'kind', 'bailConditions', 'sentenceKind', 'custodyMonths', 'treatmentRequirements', 'unpaidWorkHours', 'decidedOn', 'decidedBy', 'offence',
  ...Array.from({ length: CONDITION_SLOTS }, (_, i) => (['Description', 'Deadline', 'PlanInterventionId'] as const).map((part) => conditionField(i + 1, part))).flat(),
  'notes',
];
function inFormOrder(errors: FieldErrors): FieldErrors {
  const ordered: FieldErrors = {};
  for (const key of [...FORM_ORDER, ...Object.keys(errors)]) if (errors[key] !== undefined && ordered[key] === undefined) ordered[key] = errors[key];
  return ordered;
}

export async function disposalRoutes(app: FastifyInstance) {
  const { services } = app;
  const savedOf = (request: FastifyRequest) => SAVED[(request.query as Record<string, string | undefined>).saved ?? ''] ?? null;

  async function renderList(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, forms: CardForms = {}) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'justice-outcomes');
    const now = services.clock.now();
    const disposals = await services.disposals.forCase(actor, h.caseEpisode.id);
    const cards = disposalCards(disposals, `/cases/${h.caseEpisode.id}/justice-outcomes`, now, forms, actor.grant.role);
    return reply.page('pages/disposals/index.njk', {
      title: `Justice outcomes: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, now, 'justice-outcomes'),
      cards,
      questions: COMPLIANCE_QUESTIONS,
      conflict: forms.compliance?.conflict ?? null,
      saved: savedOf(request),
      errorList: forms.errorList ?? [],
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/justice-outcomes', { config: caseTeam }, (request, reply) => renderList(request, reply));

  async function renderNew(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors | null, ids: Record<string, string> = {}) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'justice-outcome-new');
    const planInterventions = await services.disposals.planInterventions(actor, h.caseEpisode.id);
    const linkIds: Record<string, string> = { kind: 'kind', decidedOn: 'decidedOn-day', sentenceKind: 'sentenceKind', treatmentRequirements: 'treatment-mental_health' };
    for (let n = 1; n <= CONDITION_SLOTS; n += 1) linkIds[conditionField(n, 'Deadline')] = `${conditionField(n, 'Deadline')}-day`;
    return reply.page('pages/disposals/new.njk', {
      title: `Record a justice outcome: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'justice-outcomes'),
      backHref: `/cases/${h.caseEpisode.id}/justice-outcomes`,
      ...disposalFormChoices(values, planInterventions),
      values,
      errors,
      errorList: errorSummary(errors, { ...linkIds, ...ids }),
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/justice-outcomes/new', { config: caseTeam }, (request, reply) =>
    renderNew(request, reply, dateBoxes('decidedOn', londonDate(services.clock.now())), null));

  app.post<{ Params: CaseParams }>('/cases/:caseId/justice-outcomes/new', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const dateErrors: FieldErrors = {};
    const ids: Record<string, string> = {};
    const input = disposalFrom(fields, dateErrors, ids);
    try {
      const id = await services.disposals.record(actor, request.params.caseId, input, originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/justice-outcomes?saved=recorded#outcome-${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderNew(request, reply.code(400), fields, inFormOrder(withDateErrors(error.fieldErrors, dateErrors)), ids);
    }
  });

  app.post<{ Params: ConditionParams }>('/cases/:caseId/justice-outcomes/conditions/:conditionId/compliance', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId, conditionId } = request.params;
    const { condition } = await services.disposals.condition(actor, caseId, conditionId);
    const fields = formFields(request);
    const dateErrors: FieldErrors = {};
    const ids: Record<string, string> = {};
    const on = readDate(fields, 'complianceOn', 'Date', dateErrors, ids);
    const compliance = fields.compliance ?? '';
    const fail = (code: number, errors: FieldErrors) => {
      const keyed: FieldErrors = {};
      for (const [k, message] of Object.entries(errors)) keyed[k === 'on' ? `complianceOn-${conditionId}` : `compliance-${conditionId}`] = message;
      const links = { [`complianceOn-${conditionId}`]: dateBox(ids, 'complianceOn', `complianceOn-${conditionId}`) };
      return renderList(request, reply.code(code), { compliance: { conditionId, values: fields, errors: keyed }, errorList: errorSummary(keyed, links) });
    };
    try {
      const version = versionField(fields);
      if (version === null) throw new ConflictError(condition);
      if (dateErrors.complianceOn && (compliance === 'met' || compliance === 'not_met')) throw new ValidationError({ on: dateErrors.complianceOn });
      await services.disposals.updateCompliance(actor, conditionId, version, { compliance, on: compliance === 'in_progress' ? null : on }, originOf(request));
      return reply.redirect(`/cases/${caseId}/justice-outcomes?saved=compliance#condition-${conditionId}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return fail(400, error.fieldErrors);
      if (error instanceof ConflictError) {
        const latest = (error.current as DisposalConditionRow | null) ?? (await services.disposals.condition(actor, caseId, conditionId)).condition;
        const message = 'Someone else updated this condition while you were working on it. What they saved is shown beside your answer, which has not been saved: check it, then save again.';
        const conflict = conflictView(COMPLIANCE_FIELDS, complianceValuesOf(latest), fields, latest.updated_at);
        return renderList(request, reply.code(409), { compliance: { conditionId, values: fields, errors: {}, conflict }, errorList: [{ text: message, href: WHAT_CHANGED }] });
      }
      throw error;
    }
  });

  app.post<{ Params: DisposalParams }>('/cases/:caseId/justice-outcomes/:disposalId/payback-hours', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId, disposalId } = request.params;
    const fields = formFields(request);
    const dateErrors: FieldErrors = {};
    const ids: Record<string, string> = {};
    const workedOn = readDate(fields, 'workedOn', 'Date worked', dateErrors, ids);
    const hoursText = (fields.hours ?? '').trim();
    try {
      await services.disposals.recordPaybackHours(actor, disposalId, { workedOn, hours: hoursText === '' ? Number.NaN : Number(hoursText) }, originOf(request));
      return reply.redirect(`/cases/${caseId}/justice-outcomes?saved=hours#outcome-${disposalId}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = withDateErrors(error.fieldErrors, dateErrors);
      const keyed: FieldErrors = {};
      for (const [k, message] of Object.entries(errors)) keyed[`${k === 'workedOn' ? 'workedOn' : 'hours'}-${disposalId}`] = message;
      const links = { [`workedOn-${disposalId}`]: dateBox(ids, 'workedOn', `workedOn-${disposalId}`) };
      return renderList(request, reply.code(400), { payback: { disposalId, values: fields, errors: keyed }, errorList: errorSummary(keyed, links) });
    }
  });

  async function renderReport(request: FastifyRequest<{ Params: ConditionParams }>, reply: FastifyReply, values: Record<string, string> | null, errors: FieldErrors | null, extra: Record<string, unknown> = {}) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'justice-outcome-report');
    const report = await services.disposals.complianceReport(actor, h.caseEpisode.id, request.params.conditionId);
    const sites = await services.sites.listForService(h.caseEpisode.service_id, { activeOnly: true });
    const shown = values ?? { recipient: report.defaultRecipient, recipientName: '', siteId: '', basis: report.consent.decision === 'given' ? 'consent' : '', legalBasis: '', legalBasisReason: '' };
    if (!values || extra.conflict) shown.version = String(report.condition.version);
    return reply.page('pages/disposals/report.njk', {
      title: `Report compliance: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'justice-outcomes'),
      backHref: `/cases/${h.caseEpisode.id}/justice-outcomes#condition-${report.condition.id}`,
      report,
      personName: `${h.person.given_name} ${h.person.family_name}`,
      ...reportChoices(shown, sites, report),
      values: shown,
      errors,
      errorList: errorSummary(errors, { form: 'report-form' }),
      ...extra,
    });
  }

  app.get<{ Params: ConditionParams }>('/cases/:caseId/justice-outcomes/conditions/:conditionId/report', { config: reporters }, (request, reply) => renderReport(request, reply, null, null));

  app.post<{ Params: ConditionParams }>('/cases/:caseId/justice-outcomes/conditions/:conditionId/report', { config: reporters }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId, conditionId } = request.params;
    const { condition } = await services.disposals.condition(actor, caseId, conditionId);
    const fields = formFields(request);
    const basis = isOneOf(DISCLOSURE_BASES, fields.basis) ? (fields.basis as DisclosureBasis) : null;
    try {
      const version = versionField(fields);
      if (version === null) throw new ConflictError(condition);
      const shared = await services.disposals.reportCompliance(actor, conditionId, {
        version, recipient: fields.recipient ?? '', recipientName: fields.recipientName ?? '', siteId: fields.siteId || null, basis,
        legalBasis: basis === 'legal_basis' && isOneOf(LEGAL_BASES, fields.legalBasis) ? (fields.legalBasis as LegalBasis) : null,
        legalBasisReason: basis === 'legal_basis' ? fields.legalBasisReason ?? '' : '',
      }, originOf(request));
      return reply.redirect(`/cases/${caseId}/justice-outcomes?saved=${shared.disclosure_status === 'disclosed' ? 'reported' : 'requested'}#condition-${conditionId}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderReport(request, reply.code(400), fields, error.fieldErrors);
      if (error instanceof ConflictError) {
        const message = 'Someone else changed this condition while you were working on it. The report below now says where it stands: check it, then share it again.';
        return renderReport(request, reply.code(409), fields, { form: message }, { conflict: true });
      }
      throw error;
    }
  });
}
