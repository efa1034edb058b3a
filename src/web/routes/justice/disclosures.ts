// Disclosures: a case's "Disclosures" section, the form to share information with a justice agency, and a team
// manager's approvals of what a practitioner asked to share on a legal basis.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import { DISCLOSURE_RECIPIENTS, DISCLOSURE_RECIPIENT_LABELS, LEGAL_BASES, LEGAL_BASIS_LABELS, type DisclosureStatus } from '../../../domain/disclosure-basis.js';
import { CLINICAL_TEAM_ROLES } from '../../../domain/roles.js';
import { SITE_KIND_LABELS, type SiteKind } from '../../../domain/site-kinds.js';
import type { DisclosureRow } from '../../../db/schema.js';
import type { DisclosureListItem, JusticeConsentRecord } from '../../../services/justice/disclosures.js';
import type { DisclosureInput } from '../../../services/justice/disclosure-writer.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields, versionField } from '../../forms.js';
import { longDate } from '../../views.js';
import { originOf, requireActor } from '../../request-context.js';
import { caseContext } from '../cases/case-context.js';

type CaseParams = { caseId: string };
type DecisionParams = { disclosureId: string };

const team = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
const sharers = { access: { roles: ['practitioner', 'team_manager'] } } as const;
const managers = { access: { roles: ['team_manager'] } } as const;

export const STATUS_TAG_CLASSES: Record<DisclosureStatus, string> = { disclosed: 'nhsuk-tag--green', awaiting_approval: 'nhsuk-tag--orange', not_approved: 'nhsuk-tag--red' };

/** A disclosure as the tables show it. */
export function disclosureView(d: DisclosureListItem) {
  return { ...d, tagClass: STATUS_TAG_CLASSES[d.disclosure_status] };
}

/** The basis fields of a sharing form as the services take them: a legal basis and its reason only when that basis is chosen. */
export function basisFromForm(fields: Record<string, string>): Pick<DisclosureInput, 'basis' | 'legalBasis' | 'legalBasisReason'> {
  const basis = fields.basis === 'consent' || fields.basis === 'legal_basis' ? fields.basis : null;
  const legal = basis === 'legal_basis';
  return {
    basis,
    legalBasis: legal ? ((LEGAL_BASES as readonly string[]).includes(fields.legalBasis ?? '') ? (fields.legalBasis as DisclosureInput['legalBasis']) : null) : null,
    legalBasisReason: legal ? (fields.legalBasisReason ?? '').trim() : '',
  };
}

/** What the form says up front about the person's consent to sharing with justice agencies. */
export function consentLine(consent: JusticeConsentRecord): { text: string; given: boolean } {
  const on = consent.recordedOn ? ` on ${longDate(consent.recordedOn)}` : '';
  switch (consent.decision) {
    case 'given':
      return { text: `Consent to share with justice agencies: given${on}`, given: true };
    case 'refused':
      return { text: `Consent to share with justice agencies: refused${on}. Share only on a legal basis that a team manager approves, or do not share.`, given: false };
    case 'lacks_capacity':
      return { text: `Consent to share with justice agencies: the person lacked capacity to decide${on}. Share only on a legal basis that a team manager approves.`, given: false };
    default:
      return { text: 'Consent to share with justice agencies: not recorded. Record it on the person’s screen, or share on a legal basis that a team manager approves.', given: false };
  }
}

/** A team manager's decision on a disclosure, as the approvals form offers it, and as a sentence says what was chosen. */
const DECISION_LABELS = { approve: 'Approve: share it now', refuse: 'Do not approve: it is not shared' } as const;
const DECISION_CHOSEN = { approve: 'to approve it', refuse: 'not to approve it' } as const;

/** What another team manager decided first, beside the decision this one made, which was not saved. */
function decidedElsewhere(decided: DisclosureListItem, typed: Record<string, string>) {
  const yours = typed.decision === 'approve' || typed.decision === 'refuse' ? typed.decision : null;
  return {
    byName: decided.decided_by_name ?? 'Another team manager',
    at: decided.decided_at,
    approved: decided.disclosure_status === 'disclosed',
    reason: decided.decision_reason,
    recipientName: decided.recipient_name,
    personName: `${decided.given_name} ${decided.family_name}`,
    personHref: `/people/${decided.person_id}`,
    yours: yours ? DECISION_CHOSEN[yours] : null,
    yourReason: (typed.reason ?? '').trim(),
  };
}

/** The radios of the legal bases, with the one chosen checked. */
export const legalBasisItems = (chosen: string | undefined) => LEGAL_BASES.map((b) => ({ value: b, text: LEGAL_BASIS_LABELS[b], checked: chosen === b }));

export async function disclosureRoutes(app: FastifyInstance) {
  const { services } = app;

  async function renderCaseList(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply) {
    const actor = requireActor(request);
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'disclosures');
    const all = await services.disclosures.forPerson(actor, h.person.id);
    const onCase = all.filter((d) => d.case_id === h.caseEpisode.id);
    const others = all.filter((d) => d.case_id !== h.caseEpisode.id);
    const savedId = (request.query as Record<string, string | undefined>).saved ?? '';
    const saved = all.find((d) => d.id === savedId) ?? null;
    return reply.page('pages/disclosures/case.njk', {
      title: `Disclosures: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'disclosures'),
      onCase: onCase.map(disclosureView),
      others: others.map(disclosureView),
      mayShare: actor.grant.role === 'practitioner' || actor.grant.role === 'team_manager',
      saved: saved ? { status: saved.disclosure_status, recipientName: saved.recipient_name, siteName: saved.site_name } : null,
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/disclosures', { config: team }, (request, reply) => renderCaseList(request, reply));

  async function renderForm(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply, actor: Actor, values: Record<string, string>, errors: FieldErrors | null) {
    const h = await services.cases.view(actor, request.params.caseId, originOf(request), 'disclosure-form');
    const [consent, sites] = await Promise.all([services.disclosures.consentFor(actor, h.person.id), services.disclosures.sharingSites(actor)]);
    return reply.page('pages/disclosures/new.njk', {
      title: `Share information: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'disclosures'),
      consent: consentLine(consent),
      recipientItems: DISCLOSURE_RECIPIENTS.map((r) => ({ value: r, text: DISCLOSURE_RECIPIENT_LABELS[r], checked: values.recipient === r })),
      siteItems: [{ value: '', text: 'None: not shared with a site’s staff' }, ...sites.map((s) => ({ value: s.id, text: `${s.name} (${SITE_KIND_LABELS[s.siteKind as SiteKind]})`, selected: values.siteId === s.id }))],
      legalBasisItems: legalBasisItems(values.legalBasis),
      values,
      errors,
      errorList: errorSummary(errors, { form: 'share-form', caseId: 'share-form', referralId: 'share-form', personId: 'share-form' }),
      backHref: `/cases/${h.caseEpisode.id}/disclosures`,
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId/disclosures/new', { config: sharers }, (request, reply) => renderForm(request, reply, requireActor(request), {}, null));

  async function share(request: FastifyRequest<{ Params: CaseParams }>, reply: FastifyReply) {
    const actor = requireActor(request);
    const c = await services.cases.get(actor, request.params.caseId);
    const fields = formFields(request);
    try {
      const row = await services.disclosures.share(actor, {
        personId: c.person_id,
        caseId: c.id,
        referralId: null,
        recipient: (fields.recipient ?? '') as DisclosureInput['recipient'],
        recipientName: fields.recipientName ?? '',
        siteId: fields.siteId || null,
        content: fields.content ?? '',
        purpose: fields.purpose ?? '',
        ...basisFromForm(fields),
      }, originOf(request));
      return reply.redirect(`/cases/${c.id}/disclosures?saved=${row.id}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderForm(request, reply.code(400), actor, fields, error.fieldErrors);
      throw error;
    }
  }

  // The form posts to the case's disclosures; posting back to the form's own address does the same.
  app.post<{ Params: CaseParams }>('/cases/:caseId/disclosures', { config: sharers }, share);
  app.post<{ Params: CaseParams }>('/cases/:caseId/disclosures/new', { config: sharers }, share);

  type ApprovalsForm = { id: string; values: Record<string, string>; errors: FieldErrors } | null;

  async function renderApprovals(request: FastifyRequest, reply: FastifyReply, form: ApprovalsForm, extra: Record<string, unknown> = {}) {
    const actor = requireActor(request);
    const awaiting = await services.disclosures.awaitingApproval(actor);
    const errors: FieldErrors = {};
    if (form) {
      // Errors about a disclosure no longer in the list (decided meanwhile) are shown for the whole page.
      const listed = awaiting.some((d) => d.id === form.id);
      for (const [key, message] of Object.entries(form.errors)) errors[listed ? `${key}-${form.id}` : 'form'] ??= message;
    }
    const saved = (request.query as Record<string, string | undefined>).saved;
    return reply.page('pages/disclosures/approvals.njk', {
      title: 'Disclosures waiting for your approval',
      awaiting: awaiting.map((d) => {
        const values = form?.id === d.id ? form.values : {};
        return {
          ...disclosureView(d),
          decisionItems: [
            { value: 'approve', text: DECISION_LABELS.approve, checked: values.decision === 'approve' },
            { value: 'refuse', text: DECISION_LABELS.refuse, checked: values.decision === 'refuse' },
          ],
          reason: values.reason ?? '',
        };
      }),
      errors,
      errorList: errorSummary(errors, { form: 'approvals' }),
      saved: saved === 'approved' || saved === 'not-approved' ? saved : null,
      ...extra,
    });
  }

  app.get('/disclosures/approvals', { config: managers }, (request, reply) => renderApprovals(request, reply, null));

  app.post<{ Params: DecisionParams }>('/disclosures/:disclosureId/decision', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const { disclosureId } = request.params;
    const fields = formFields(request);
    // The service checks the disclosure and its version first, then the decision (anything but approve or refuse is refused).
    const decision = (fields.decision ?? '') as 'approve' | 'refuse';
    try {
      await services.disclosures.decide(actor, disclosureId, versionField(fields) ?? 0, decision, fields.reason ?? '', originOf(request));
      return reply.redirect(`/disclosures/approvals?saved=${decision === 'approve' ? 'approved' : 'not-approved'}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderApprovals(request, reply.code(400), { id: disclosureId, values: fields, errors: error.fieldErrors });
      if (error instanceof ConflictError) {
        // Only a decision moves a disclosure on a version, and a decided one is not decided again: there is no form to
        // save again, so the page says what was decided first, and keeps the decision made here in words.
        const latest = error.current as DisclosureRow;
        const decided = latest.disclosure_status === 'awaiting_approval'
          ? null
          : (await services.disclosures.forPerson(actor, latest.person_id)).find((d) => d.id === latest.id) ?? null;
        if (decided) {
          const message = 'Someone else decided on this disclosure while you were reading it. Your decision has not been saved: see what they decided.';
          return renderApprovals(request, reply.code(409), null, {
            errors: {}, errorList: [{ text: message, href: '#decided-elsewhere' }], decidedElsewhere: decidedElsewhere(decided, fields),
          });
        }
        const message = 'Someone else changed this disclosure while you were reading it. Your decision is below and has not been saved: check the disclosure as it now stands, then save your decision again.';
        return renderApprovals(request, reply.code(409), { id: disclosureId, values: fields, errors: {} }, { errors: { form: message }, errorList: [{ text: message, href: `#disclosure-${disclosureId}` }] });
      }
      throw error;
    }
  });
}
