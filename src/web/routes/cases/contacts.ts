// Contacts of a case: the list with engagement and follow-up, booking a contact, recording what happened at one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import { CONTACT_KINDS, CONTACT_KIND_LABELS, type ContactKind } from '../../../domain/contact-rules.js';
import { CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS, type ContactOutcome } from '../../../domain/engagement.js';
import type { ContactRow } from '../../../db/schema.js';
import type { ContactBooking } from '../../../services/cases/contacts.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictErrors, conflictView } from '../../version-conflict.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import { caseContext } from './case-context.js';
import { caseTeam, type CaseParams } from './case-page.js';
import { renderContactsPage } from './contacts-page.js';
import { readMomentFields } from './moment-field.js';

type ContactParams = CaseParams & { contactId: string };

/** The questions of the form recording what happened at a contact. */
const OUTCOME_LABELS = { outcome: 'What happened?', notes: 'Notes' } as const;
const OUTCOME_FIELDS: readonly LabelledField[] = [
  { name: 'outcome', label: OUTCOME_LABELS.outcome, choices: CONTACT_OUTCOME_LABELS },
  { name: 'notes', label: OUTCOME_LABELS.notes },
];

/** The booking form as the service takes it; problems of reading (a date that is not real) go into `errors`. */
function bookingFrom(fields: Record<string, string>, errors: FieldErrors): ContactBooking {
  const startsAt = readMomentFields(fields, 'starts', 'the contact', errors);
  const kind = (fields.kind ?? '') as ContactKind;
  if (!(CONTACT_KINDS as readonly string[]).includes(kind)) errors.kind = 'Select the kind of contact';
  if (fields.workerWentToo !== 'yes' && fields.workerWentToo !== 'no') errors.workerWentToo = 'Select whether the worker goes with the person';
  return {
    kind,
    startsAt: startsAt ?? new Date(NaN),
    place: (fields.place ?? '').trim(),
    withWhom: (fields.withWhom ?? '').trim(),
    workerId: fields.workerId || null,
    workerWentToo: fields.workerWentToo === 'yes' || kind === 'accompanied_appointment',
    notes: (fields.notes ?? '').trim(),
  };
}

export async function contactRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get<{ Params: CaseParams }>('/cases/:caseId/contacts', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const saved = (request.query as Record<string, string | undefined>).saved ?? null;
    return renderContactsPage(services, request, reply, actor, request.params.caseId, { saved });
  });

  app.post<{ Params: CaseParams }>('/cases/:caseId/contacts', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const readErrors: FieldErrors = {};
    const booking = bookingFrom(fields, readErrors);
    try {
      if (Object.keys(readErrors).length > 0) throw new ValidationError(readErrors);
      await services.contacts.book(actor, request.params.caseId, booking, originOf(request));
      return reply.redirect(`/cases/${request.params.caseId}/contacts?saved=booked`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return renderContactsPage(services, request, reply.code(400), actor, request.params.caseId, { values: fields, errors: { ...readErrors, ...error.fieldErrors } });
      }
      throw error;
    }
  });

  async function renderOutcome(request: FastifyRequest, reply: FastifyReply, actor: Actor, caseId: string, contact: ContactRow, values: Record<string, string>, extra: Record<string, unknown> = {}) {
    const h = await services.cases.view(actor, caseId, originOf(request), 'contact');
    return reply.page('pages/cases/contact-outcome.njk', {
      title: `Record what happened: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, services.clock.now(), 'contacts'),
      contact: { ...contact, kindLabel: CONTACT_KIND_LABELS[contact.contact_kind], outcomeLabel: contact.outcome ? CONTACT_OUTCOME_LABELS[contact.outcome] : null },
      outcomes: CONTACT_OUTCOMES.map((o) => ({ value: o, text: CONTACT_OUTCOME_LABELS[o] })),
      labels: OUTCOME_LABELS,
      values,
      backHref: `/cases/${caseId}/contacts`,
      ...extra,
    });
  }

  app.get<{ Params: ContactParams }>('/cases/:caseId/contacts/:contactId/outcome', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const contact = await services.contacts.get(actor, request.params.caseId, request.params.contactId);
    return renderOutcome(request, reply, actor, request.params.caseId, contact, { outcome: contact.outcome ?? '', notes: contact.notes, version: String(contact.version) });
  });

  app.post<{ Params: ContactParams }>('/cases/:caseId/contacts/:contactId/outcome', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId, contactId } = request.params;
    const contact = await services.contacts.get(actor, caseId, contactId);
    const fields = formFields(request);
    try {
      const version = versionField(fields);
      if (version === null) throw new ConflictError(contact);
      await services.contacts.recordOutcome(actor, caseId, contactId, version, { outcome: (fields.outcome ?? '') as ContactOutcome, notes: (fields.notes ?? '').trim() }, originOf(request));
      return reply.redirect(`/cases/${caseId}/contacts?saved=outcome`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return renderOutcome(request, reply.code(400), actor, caseId, contact, fields, { errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) });
      }
      if (error instanceof ConflictError) {
        const latest = error.current as ContactRow;
        const message = 'Someone else recorded this contact while you were working on it. Your answer is below and has not been saved: check the contact as it now stands and save again.';
        const conflict = conflictView(OUTCOME_FIELDS, { outcome: latest.outcome, notes: latest.notes }, fields, latest.updated_at);
        return renderOutcome(request, reply.code(409), actor, caseId, latest, { ...fields, version: String(latest.version) }, { conflict, ...conflictErrors(message) });
      }
      throw error;
    }
  });
}
