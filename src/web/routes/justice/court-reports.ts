// Court reports: the case's reports, starting one for a hearing, the report page where it is drafted, sent for
// sign-off, returned or signed off and issued, its PDF, and the service's reports awaiting sign-off or due soon.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDateParts } from '../../../domain/age.js';
import { addDays } from '../../../domain/calendar-date.js';
import { defaultDueOn, type CourtReportStart } from '../../../domain/court-report-draft.js';
import {
  COURT_REPORT_PURPOSES, COURT_REPORT_PURPOSE_LABELS, COURT_REPORT_SECTIONS, COURT_REPORT_SECTION_LABELS, COURT_REPORT_STATE_LABELS,
  type CourtReportSections, type CourtReportState,
} from '../../../domain/court-report-state.js';
import { LEGAL_BASES, LEGAL_BASIS_LABELS } from '../../../domain/disclosure-basis.js';
import { londonDate } from '../../../domain/london-time.js';
import { CLINICAL_TEAM_ROLES } from '../../../domain/roles.js';
import type { FormValues, LabelledField } from '../../../domain/version-differences.js';
import type { CourtReport, CourtReportListItem } from '../../../services/justice/court-reports.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { dateBoxes, errorSummary, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictView, type ConflictView, WHAT_CHANGED } from '../../version-conflict.js';
import { caseContext } from '../cases/case-context.js';

const team = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
const authors = { access: { roles: ['practitioner', 'team_manager'] } } as const;
type CaseParams = { caseId: string };
type ReportParams = { id: string };

export const STATE_TAG_CLASSES: Record<CourtReportState, string> = {
  draft: 'nhsuk-tag--grey', awaiting_sign_off: 'nhsuk-tag--orange', issued: 'nhsuk-tag--green', superseded: 'nhsuk-tag--white',
};
const SAVED: Record<string, string> = {
  started: 'Court report started: every section is drafted from the case. Check and edit each one.',
  saved: 'Draft saved', submitted: 'Sent to a team manager for sign-off', returned: 'Returned to draft',
  issued: 'Signed off and issued: the report is shared with the court', version: 'New version started from the issued report: edit it, then send it for sign-off',
};
/** What a stale action is told: the other save came first, and what to do now. */
const STALE_MESSAGES = {
  edit: 'Someone else changed this report while you were working on it. What they saved is shown beside what you typed, which has not been saved: check it, then save again.',
  action: 'Someone else changed this report while you were working on it. Nothing has been saved: check the report as it now stands, then try again.',
  unsaved: 'Someone else sent this report for sign-off while you were working on it, so it can no longer be edited. What you typed has not been saved: it is below, to copy into the next version or to give to whoever signs the report off.',
  return: 'Someone else changed this report while you were reading it. It has not been returned: read it as it now stands; what you typed is kept below.',
  issue: 'Someone else changed this report while you were reading it. It has not been signed off: read it as it now stands before you sign it off.',
  issuedMeanwhile: 'Someone else signed off and issued this report while you were reading it: it has been shared with the court, and there is nothing more to do here.',
  returnedMeanwhile: 'Someone else returned this report to draft while you were reading it: it is with its author again. What you did has not been saved.',
} as const;

/** The message for a stale action: for a sign-off or return, what the other user did with the report meanwhile. */
function staleMessage(stale: 'edit' | 'return' | 'issue', fields: Record<string, string>, now: unknown): string {
  if (stale === 'edit') return STALE_MESSAGES[fields.section_background === undefined ? 'action' : 'edit'];
  const state = (now as { report_state?: CourtReportState } | null)?.report_state;
  const typed = stale === 'return' && (fields.reason ?? '').trim() ? ' The reason you typed is below, not saved.' : '';
  if (state === 'issued' || state === 'superseded') return STALE_MESSAGES.issuedMeanwhile + typed;
  if (state === 'draft') return STALE_MESSAGES.returnedMeanwhile + typed;
  return STALE_MESSAGES[stale];
}
const DATE_FIELDS = [
  { name: 'hearingOn', label: 'Date of the hearing' }, { name: 'dueOn', label: 'Date the report is due' },
  { name: 'periodFrom', label: 'Start of the period' }, { name: 'periodTo', label: 'End of the period' },
] as const;
const SECTION_IDS = Object.fromEntries(COURT_REPORT_SECTIONS.map((s) => [s, `section-${s}`]));

/** The questions of the report's editing form after its sections, and the words of the basis choices. */
const EDIT_LABELS = {
  basis: 'Basis for sharing the report with the court',
  legalBasis: 'Legal basis (only when sharing without consent)',
  legalBasisReason: 'Why consent is not relied on (only when sharing without consent)',
} as const;
const BASIS_LABELS = { consent: 'The person’s consent', legal_basis: 'A legal basis, without consent' } as const;

const withLegalBasis = (values: FormValues) => values.basis === 'legal_basis';

/** The report's editing form, question by question: each section, then the basis for sharing it with the court. */
const EDIT_FIELDS: readonly LabelledField[] = [
  ...COURT_REPORT_SECTIONS.map((s) => ({ name: `section_${s}`, label: COURT_REPORT_SECTION_LABELS[s] })),
  { name: 'basis', label: EDIT_LABELS.basis, choices: BASIS_LABELS },
  // A save keeps a legal basis and its reason only when that is the basis chosen.
  { name: 'legalBasis', label: EDIT_LABELS.legalBasis, choices: LEGAL_BASIS_LABELS, onlyWhen: withLegalBasis },
  { name: 'legalBasisReason', label: EDIT_LABELS.legalBasisReason, onlyWhen: withLegalBasis },
];

/** A list row as the tables show it. */
const rowOf = (r: CourtReportListItem) => ({
  ...r, href: `/court-reports/${r.id}`, purposeLabel: COURT_REPORT_PURPOSE_LABELS[r.purpose], stateLabel: COURT_REPORT_STATE_LABELS[r.report_state], tagClass: STATE_TAG_CLASSES[r.report_state],
});

/** The start form's dates (empty when all three boxes are), with any box that cannot be read in `errors` under `<name>-<box>`. */
function readStart(fields: Record<string, string>, errors: FieldErrors): CourtReportStart {
  const dates: Record<string, string> = {};
  for (const { name, label } of DATE_FIELDS) {
    const parts = (['day', 'month', 'year'] as const).map((p) => (fields[`${name}-${p}`] ?? '').trim());
    if (parts.every((p) => p === '')) dates[name] = '';
    else {
      const read = parseDateParts(parts[0]!, parts[1]!, parts[2]!, label);
      if (read.ok) dates[name] = read.date;
      else {
        errors[name] = read.error;
        dates[name] = '';
      }
    }
  }
  return { courtSiteId: fields.courtSiteId ?? '', purpose: fields.purpose ?? '', hearingOn: dates.hearingOn!, dueOn: dates.dueOn!, periodFrom: dates.periodFrom!, periodTo: dates.periodTo! };
}

const sectionsFrom = (fields: Record<string, string>) => Object.fromEntries(COURT_REPORT_SECTIONS.map((s) => [s, fields[`section_${s}`] ?? ''])) as CourtReportSections;

export async function courtReportRoutes(app: FastifyInstance) {
  const { services } = app;
  const savedOf = (request: FastifyRequest) => SAVED[(request.query as Record<string, string | undefined>).saved ?? ''] ?? null;

  app.get<{ Params: CaseParams }>('/cases/:caseId/court-reports', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'court-reports');
    const reports = await services.courtReports.forCase(actor, h.caseEpisode.id);
    return reply.page('pages/court-reports/case-list.njk', {
      title: `Court reports: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'court-reports'),
      reports: reports.map(rowOf),
      mayStart: (actor.grant.role === 'practitioner' || actor.grant.role === 'team_manager') && h.caseEpisode.case_status !== 'closed',
    });
  });

  async function renderNew(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, values: Record<string, string> | null, errors: FieldErrors | null) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'court-report-new');
    const courts = await services.courtReports.courts(actor);
    const today = londonDate(services.clock.now());
    const v = values ?? { ...dateBoxes('periodFrom', londonDate(h.caseEpisode.opened_at)), ...dateBoxes('periodTo', today) };
    const ids: Record<string, string> = { courtSiteId: 'courtSiteId', purpose: 'purpose' };
    for (const { name } of DATE_FIELDS) ids[name] = `${name}-day`;
    return reply.page('pages/court-reports/new.njk', {
      title: `Start a court report: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'court-reports'),
      backHref: `/cases/${h.caseEpisode.id}/court-reports`,
      courtItems: [{ value: '', text: 'Select a court' }, ...courts.map((c) => ({ value: c.id, text: c.name, selected: v.courtSiteId === c.id }))],
      purposeItems: COURT_REPORT_PURPOSES.map((p) => ({ value: p, text: COURT_REPORT_PURPOSE_LABELS[p], checked: v.purpose === p })),
      exampleDue: defaultDueOn(addDays(today, 14), today),
      values: v,
      errors,
      errorList: errorSummary(errors, ids),
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/court-reports/new', { config: authors }, (request, reply) => renderNew(request, reply, null, null));

  app.post<{ Params: CaseParams }>('/cases/:caseId/court-reports/new', { config: authors }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const readErrors: FieldErrors = {};
    const input = readStart(fields, readErrors);
    try {
      const id = await services.courtReports.create(actor, request.params.caseId, input, originOf(request));
      return reply.redirect(`/court-reports/${id}?saved=started`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderNew(request, reply.code(400), fields, { ...error.fieldErrors, ...readErrors });
    }
  });

  /** `compare`: the save was refused as stale, so the page sets the report as saved beside the form as typed. */
  type ReportForm = { values?: Record<string, string>; errors?: FieldErrors; compare?: boolean };

  async function renderReport(request: FastifyRequest<{ Params: ReportParams }>, reply: FastifyReply, form: ReportForm = {}) {
    const actor = requireActor(request);
    const view = await services.courtReports.get(actor, request.params.id, originOf(request));
    const r: CourtReport = view.report;
    const h = await services.cases.header(actor, r.case_id);
    const stored: Record<string, string> = {
      ...Object.fromEntries(COURT_REPORT_SECTIONS.map((s) => [`section_${s}`, r.sections[s] ?? ''])),
      basis: r.basis, legalBasis: r.legal_basis ?? '', legalBasisReason: r.legal_basis_reason,
    };
    const values: Record<string, string> = { ...stored, ...(form.values ?? {}) };
    values.version = String(r.version);
    // Compared only while the form is there to save again (the report may have been sent for sign-off meanwhile).
    const editable = view.actions.includes('edit');
    const conflict: ConflictView | null = form.compare && editable ? conflictView(EDIT_FIELDS, stored, values, r.updated_at) : null;
    const errors = form.compare && !editable ? { form: STALE_MESSAGES.unsaved } : form.errors ?? null;
    // What was typed and can no longer be saved is shown to copy: the sections, when the report was sent for sign-off
    // meanwhile; the reason for returning it, when it was returned or issued meanwhile.
    const reason = (form.values?.reason ?? '').trim();
    const unsaved = form.compare && !editable
      ? COURT_REPORT_SECTIONS.map((s) => ({ label: COURT_REPORT_SECTION_LABELS[s], text: (form.values?.[`section_${s}`] ?? '').trim() })).filter((s) => s.text)
      : reason && form.errors?.form && !view.actions.includes('return') ? [{ label: 'Your reason for returning it to draft', text: reason }] : [];
    const ids = { ...SECTION_IDS, form: 'report-actions', basis: 'basis', legalBasis: 'legalBasis', legalBasisReason: 'legalBasisReason', reason: 'reason' };
    return reply.page('pages/court-reports/show.njk', {
      title: `Court report, version ${r.report_version}: ${view.personName}`,
      ...caseContext(h, services.clock.now(), 'court-reports'),
      backHref: `/cases/${r.case_id}/court-reports`,
      view,
      r,
      base: `/court-reports/${r.id}`,
      purposeLabel: COURT_REPORT_PURPOSE_LABELS[r.purpose],
      stateLabel: COURT_REPORT_STATE_LABELS[r.report_state],
      tagClass: STATE_TAG_CLASSES[r.report_state],
      sections: COURT_REPORT_SECTIONS.map((s) => ({ key: s, id: SECTION_IDS[s], label: COURT_REPORT_SECTION_LABELS[s], text: r.sections[s] ?? '' })),
      versions: view.versions.map((v) => ({ ...v, href: `/court-reports/${v.id}`, current: v.id === r.id, stateLabel: COURT_REPORT_STATE_LABELS[v.state], tagClass: STATE_TAG_CLASSES[v.state] })),
      latestHref: `/court-reports/${view.versions[0]!.id}`,
      may: Object.fromEntries(view.actions.map((a) => [a, true])),
      legalBasisItems: LEGAL_BASES.map((b) => ({ value: b, text: LEGAL_BASIS_LABELS[b], checked: values.legalBasis === b })),
      labels: EDIT_LABELS,
      basisLabels: BASIS_LABELS,
      values,
      errors,
      conflict,
      unsaved,
      errorList: conflict ? [{ text: errors?.form ?? '', href: WHAT_CHANGED }] : unsaved.length ? [{ text: errors?.form ?? '', href: '#not-saved' }] : errorSummary(errors, ids),
      saved: savedOf(request),
    });
  }

  app.get<{ Params: ReportParams }>('/court-reports/:id', { config: team }, (request, reply) => renderReport(request, reply));

  /**
   * Runs an action on the report; field problems and conflicts re-show the page with what was typed. A stale save of
   * the editing form shows the report as saved beside it; a stale return or sign-off says to read the report again.
   */
  async function act(request: FastifyRequest<{ Params: ReportParams }>, reply: FastifyReply, action: (fields: Record<string, string>, version: number) => Promise<string>, stale: 'edit' | 'return' | 'issue' = 'edit') {
    const fields = formFields(request);
    try {
      const version = versionField(fields);
      if (version === null) throw new ValidationError({ form: 'The form was missing its version: reload the page and try again' });
      return reply.redirect(await action(fields, version), 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderReport(request, reply.code(400), { values: fields, errors: error.fieldErrors });
      if (error instanceof ConflictError) {
        return renderReport(request, reply.code(409), { values: fields, errors: { form: staleMessage(stale, fields, error.current) }, compare: stale === 'edit' && fields.section_background !== undefined });
      }
      throw error;
    }
  }

  const editOf = (fields: Record<string, string>) => ({
    sections: sectionsFrom(fields), basis: fields.basis ?? '', legalBasis: fields.legalBasis || null, legalBasisReason: fields.legalBasisReason ?? '',
  });

  app.post<{ Params: ReportParams }>('/court-reports/:id/save', { config: authors }, (request, reply) => act(request, reply, async (fields, version) => {
    await services.courtReports.update(requireActor(request), request.params.id, version, editOf(fields), originOf(request));
    return `/court-reports/${request.params.id}?saved=saved`;
  }));

  app.post<{ Params: ReportParams }>('/court-reports/:id/submit', { config: authors }, (request, reply) => act(request, reply, async (fields, version) => {
    const actor = requireActor(request);
    let current = version;
    // Sent from the editing form: what was typed is saved first.
    if (fields.section_background !== undefined) {
      await services.courtReports.update(actor, request.params.id, version, editOf(fields), originOf(request));
      current = version + 1;
    }
    await services.courtReports.submit(actor, request.params.id, current, originOf(request));
    return `/court-reports/${request.params.id}?saved=submitted`;
  }));

  app.post<{ Params: ReportParams }>('/court-reports/:id/return', { config: authors }, (request, reply) => act(request, reply, async (fields, version) => {
    await services.courtReports.returnToDraft(requireActor(request), request.params.id, version, fields.reason ?? '', originOf(request));
    return `/court-reports/${request.params.id}?saved=returned`;
  }, 'return'));

  app.post<{ Params: ReportParams }>('/court-reports/:id/issue', { config: authors }, (request, reply) => act(request, reply, async (_fields, version) => {
    await services.courtReports.issue(requireActor(request), request.params.id, version, originOf(request));
    return `/court-reports/${request.params.id}?saved=issued`;
  }, 'issue'));

  app.post<{ Params: ReportParams }>('/court-reports/:id/new-version', { config: authors }, (request, reply) => act(request, reply, async () => {
    const id = await services.courtReports.newVersion(requireActor(request), request.params.id, originOf(request));
    return `/court-reports/${id}?saved=version`;
  }));

  app.get<{ Params: ReportParams }>('/court-reports/:id/report.pdf', { config: team }, async (request, reply) => {
    const { bytes, fileName } = await services.courtReports.pdf(requireActor(request), request.params.id, originOf(request));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  app.get('/court-reports', { config: authors }, async (request, reply) => {
    const { awaitingSignOff, dueSoon } = await services.courtReports.forService(requireActor(request), originOf(request));
    return reply.page('pages/court-reports/index.njk', { title: 'Court reports', awaitingSignOff: awaitingSignOff.map(rowOf), dueSoon: dueSoon.map(rowOf) });
  });
}
