// The contacts page of a case: engagement, the follow-up a missed contact needs, every contact, the booking form,
// and booking restorative sessions from the plan. Shared by the contact and restorative-session routes (each re-shows it with errors).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import { CONTACT_KINDS, CONTACT_KIND_LABELS } from '../../../domain/contact-rules.js';
import { CONTACT_OUTCOME_LABELS, ENGAGEMENT_LEVEL_LABELS, type EngagementLevel } from '../../../domain/engagement.js';
import { londonDate } from '../../../domain/london-time.js';
import { SESSION_ATTENDANCE_LABELS } from '../../../domain/restorative-booking.js';
import type { Services } from '../../../services/index.js';
import type { FieldErrors } from '../../../services/errors.js';
import { errorSummary } from '../../forms.js';
import { longDate } from '../../views.js';
import { originOf } from '../../request-context.js';
import { caseContext } from './case-context.js';
import { momentValues } from './moment-field.js';

export const ENGAGEMENT_TAG_CLASSES: Record<EngagementLevel, string> = { green: 'nhsuk-tag--green', amber: 'nhsuk-tag--orange', red: 'nhsuk-tag--red', none: 'nhsuk-tag--grey' };

const PLAN_STATUS_LABELS = { planned: 'Not booked yet', booked: 'Booked', completed: 'Completed', not_completed: 'Not completed' } as const;

/** Fields of a recorded contact that can be corrected, with the words a link uses. */
const CORRECTABLE = [
  { field: 'starts_at', text: 'date and time' },
  { field: 'place', text: 'place' },
  { field: 'outcome', text: 'outcome' },
  { field: 'notes', text: 'notes' },
] as const;

export type ContactsPageInput = {
  /** Values of the booking form (kept on error). */
  values?: Record<string, string>;
  errors?: FieldErrors;
  saved?: string | null;
};

export async function renderContactsPage(services: Services, request: FastifyRequest, reply: FastifyReply, actor: Actor, caseId: string, input: ContactsPageInput = {}) {
  const h = await services.cases.view(actor, caseId, originOf(request), 'contacts');
  const now = services.clock.now();
  const [{ contacts, engagement, followUp }, workers, restorative] = await Promise.all([
    services.contacts.forCase(actor, caseId),
    services.contacts.workers(actor),
    services.restorativeSessions.forCase(actor, caseId),
  ]);
  const caseOpen = h.caseEpisode.case_status !== 'closed';
  const base = `/cases/${h.caseEpisode.id}`;

  // One entry per restorative plan intervention, with its bookings and, while it is still to book, the sessions on offer.
  const planned = new Map<string, { id: string; name: string; statusLabel: string; canBook: boolean; interventionId: string; bookings: Array<{ startsAt: Date; place: string; attendance: string }> }>();
  for (const r of restorative) {
    const entry = planned.get(r.id) ?? { id: r.id, name: r.intervention_name, statusLabel: PLAN_STATUS_LABELS[r.intervention_status], canBook: caseOpen && r.intervention_status === 'planned', interventionId: r.intervention_id, bookings: [] };
    if (r.booking_id && r.starts_at) entry.bookings.push({ startsAt: r.starts_at, place: r.place ?? '', attendance: r.attendance ? SESSION_ATTENDANCE_LABELS[r.attendance] : 'Not recorded yet' });
    planned.set(r.id, entry);
  }
  const sessions = await services.restorativeSessions.upcomingFor(actor, [...new Set([...planned.values()].filter((p) => p.canBook).map((p) => p.interventionId))]);
  const restorativeItems = [...planned.values()].map((p) => ({
    ...p,
    sessions: sessions.filter((s) => s.interventionId === p.interventionId),
  }));

  const errors = input.errors ?? null;
  const errorIds: Record<string, string> = {};
  for (const key of Object.keys(errors ?? {})) if (key === 'form') errorIds[key] = 'book-contact';
  const defaults = { ...momentValues('starts', now), startsTime: '', kind: '', workerId: actor.userId, workerWentToo: 'no' };

  return reply.page('pages/cases/contacts.njk', {
    title: `Contacts: ${h.person.given_name} ${h.person.family_name}`,
    ...caseContext(h, now, 'contacts'),
    caseOpen,
    engagement: { ...engagement, label: ENGAGEMENT_LEVEL_LABELS[engagement.level], tagClass: ENGAGEMENT_TAG_CLASSES[engagement.level] },
    followUp: followUp ? { name: `${h.person.given_name} ${h.person.family_name}`, on: longDate(londonDate(followUp.startsAt)) } : null,
    contacts: contacts.map((k) => ({
      id: k.id,
      startsAt: k.starts_at,
      kindLabel: CONTACT_KIND_LABELS[k.contact_kind],
      place: k.place,
      withWhom: k.with_whom,
      workerName: k.worker_name,
      workerWentToo: k.worker_went_too,
      outcomeLabel: k.outcome ? CONTACT_OUTCOME_LABELS[k.outcome] : null,
      notes: k.notes,
      upcoming: k.starts_at.getTime() > now.getTime(),
      outcomeHref: `${base}/contacts/${k.id}/outcome`,
      corrections: k.outcome ? Object.fromEntries(CORRECTABLE.map((c) => [c.field, { href: `${base}/corrections/contact/${k.id}/${c.field}`, text: c.text }])) : null,
    })),
    kinds: CONTACT_KINDS.map((k) => ({ value: k, text: CONTACT_KIND_LABELS[k] })),
    workers,
    values: { ...defaults, ...(input.values ?? {}) },
    errors,
    errorList: errorSummary(errors, errorIds),
    restorativeItems,
    saved: input.saved ?? null,
  });
}
