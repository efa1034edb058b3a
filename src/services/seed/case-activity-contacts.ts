// Demo contacts and restorative sessions: roughly weekly contacts with outcomes (future ones booked without),
// accompanied first appointments, missed contacts left to follow up, and sessions with bookings from plans.
import type { ContactOutcome } from '../../domain/engagement.js';
import { londonDate } from '../../domain/london-time.js';
import type { ContactKind } from '../../db/schema.js';
import { DAY, HOUR, dayAfter, holderAt, type CaseState, type CaseWorkContext } from './case-activity.js';
import { CONTACT_NOTES, CONTACT_PLACES, CONTACT_WITH, FUTURE_CONTACT_NOTES, SESSION_PLACES } from './case-activity-data.js';

type Engagement = 'good' | 'patchy' | 'poor';
const OUTCOMES: Record<Engagement, ReadonlyArray<[ContactOutcome, number]>> = {
  good: [['attended', 80], ['late', 10], ['did_not_attend', 4], ['cancelled_by_person', 3], ['cancelled_by_service', 3]],
  patchy: [['attended', 55], ['late', 12], ['did_not_attend', 18], ['cancelled_by_person', 10], ['cancelled_by_service', 5]],
  poor: [['attended', 25], ['late', 10], ['did_not_attend', 45], ['cancelled_by_person', 15], ['cancelled_by_service', 5]],
};
const KINDS: ReadonlyArray<[ContactKind, number]> = [['meeting', 45], ['phone_call', 25], ['home_visit', 12], ['video_call', 6], ['outreach', 6]];

/** A working day: a Saturday or Sunday moves to the Monday. */
function weekday(date: string): string {
  const wd = new Date(`${date}T12:00:00Z`).getUTCDay();
  return wd === 6 ? dayAfter(date, 2) : wd === 0 ? dayAfter(date, 1) : date;
}

function addContact(ctx: CaseWorkContext, s: CaseState, kind: ContactKind, startsAt: Date, fields: { place: string; withWhom: string; wentToo: boolean }): void {
  const { rng, now } = ctx;
  const worker = holderAt(s, startsAt) ?? s.worker!;
  const first = s.holders[0]!.from.getTime();
  const createdAt = new Date(Math.min(now.getTime() - 60_000, Math.max(first, startsAt.getTime() - rng.int(1, 7) * DAY)));
  let outcome: ContactOutcome | null = null;
  if (startsAt.getTime() <= now.getTime() && !(now.getTime() - startsAt.getTime() < 2 * DAY && rng.chance(0.05))) {
    outcome = kind === 'accompanied_appointment' ? 'attended' : rng.weighted(OUTCOMES[engagementOf(s)]);
  }
  const recordedAt = outcome ? new Date(Math.min(now.getTime(), startsAt.getTime() + rng.int(1, 5) * HOUR)) : null;
  const row = {
    id: ctx.newId(), service_id: s.row.service_id, case_id: s.row.id, person_id: s.row.person_id, contact_kind: kind, starts_at: startsAt, place: fields.place,
    with_whom: fields.withWhom, worker_id: worker.id, worker_went_too: fields.wentToo, outcome, notes: outcome ? rng.pick(CONTACT_NOTES[outcome]!) : rng.pick(FUTURE_CONTACT_NOTES),
    outcome_recorded_at: recordedAt, recorded_by: worker.id, version: outcome ? 2 : 1, created_at: createdAt, updated_at: recordedAt ?? createdAt,
  };
  ctx.rows.contacts.push(row);
  s.contacts.push(row);
}

const engagements = new WeakMap<CaseState, Engagement>();
const engagementOf = (s: CaseState): Engagement => engagements.get(s) ?? 'good';

/** Contacts about weekly from allocation to closure (or now, then one or two booked ahead), and accompanied first appointments. */
export function contactsFor(ctx: CaseWorkContext, s: CaseState): void {
  const { rng, now, today } = ctx;
  if (!s.worker || s.holders.length === 0) return;
  engagements.set(s, rng.weighted<Engagement>([['good', 70], ['patchy', 20], ['poor', 10]]));
  const stop = s.closing === 'closed' ? s.endAt.getTime() : now.getTime();
  let day = weekday(dayAfter(londonDate(s.holders[0]!.from), rng.int(1, 4)));
  for (;;) {
    const startsAt = ctx.at(day, rng.int(9, 16), rng.pick([0, 15, 30, 45]), true);
    if (startsAt.getTime() > stop) break;
    const kind = rng.weighted(KINDS);
    addContact(ctx, s, kind, startsAt, { place: rng.pick(CONTACT_PLACES[kind]!), withWhom: rng.pick(CONTACT_WITH), wentToo: false });
    day = weekday(dayAfter(day, rng.int(5, 9)));
  }
  if (s.closing === null) {
    for (let n = rng.int(1, 2); n > 0; n--) {
      if (day <= today) day = weekday(dayAfter(today, rng.int(1, 4)));
      const startsAt = ctx.at(day, rng.int(9, 16), rng.pick([0, 30]), true);
      const kind = rng.weighted(KINDS);
      if (startsAt.getTime() > now.getTime()) addContact(ctx, s, kind, startsAt, { place: rng.pick(CONTACT_PLACES[kind]!), withWhom: '', wentToo: false });
      day = weekday(dayAfter(day, rng.int(5, 9)));
    }
  }
  // The worker goes with the person to some first appointments with a partner service.
  for (const r of s.onward) {
    const on = r.first_appointment_on;
    if (!on || on > (s.closing === null ? dayAfter(today, 21) : s.limitOn) || !rng.chance(0.45)) continue;
    const startsAt = ctx.at(on, rng.int(10, 15), 0, true);
    if (s.closing !== null && startsAt.getTime() > now.getTime()) continue;
    const partner = ctx.team.partners.find((p) => p.id === r.partner_organisation_id)!;
    addContact(ctx, s, 'accompanied_appointment', startsAt, { place: partner.name, withWhom: `First appointment at ${partner.name}`, wentToo: true });
    const last = s.contacts[s.contacts.length - 1]!;
    if (last.outcome && r.onward_state === 'did_not_attend') Object.assign(last, { outcome: 'did_not_attend', notes: rng.pick(CONTACT_NOTES.did_not_attend!) });
  }
}

/** Restorative sessions through the year and the next five weeks, for each restorative intervention in the catalogue. */
export function sessionsFor(ctx: CaseWorkContext): void {
  const { rng, now, today } = ctx;
  for (const intervention of ctx.interventions.filter((i) => i.is_restorative)) {
    const oneToOne = intervention.name.startsWith('Internet');
    const every = oneToOne ? 14 : intervention.name.startsWith('Shop') ? 21 : 14;
    for (let day = dayAfter(today, -364 + rng.int(0, every - 1)); day <= dayAfter(today, 35); day = dayAfter(day, every)) {
      const hour = rng.pick([10, 14, 17]);
      const startsAt = ctx.at(weekday(day), hour, hour === 17 ? 30 : 0, true);
      const createdAt = new Date(Math.min(now.getTime() - 60_000, startsAt.getTime() - 28 * DAY));
      ctx.rows.sessions.push({
        id: ctx.newId(), service_id: ctx.service.id, intervention_id: intervention.id, starts_at: startsAt, place: rng.pick(SESSION_PLACES),
        facilitator_id: ctx.team.volunteers.length > 0 ? rng.pick(ctx.team.volunteers).id : null, places: oneToOne ? 1 : rng.int(8, 12),
        created_by: rng.pick(ctx.managers).id, version: 1, created_at: createdAt, updated_at: createdAt,
      });
    }
  }
}

/** People booked onto the first session with a place after their plan was agreed; attendance recorded for past sessions. */
export function bookSessions(ctx: CaseWorkContext, states: readonly CaseState[]): void {
  const { rng, now } = ctx;
  const sessions = ctx.rows.sessions.filter((x) => x.service_id === ctx.service.id).sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime());
  const restorative = new Set(ctx.interventions.filter((i) => i.is_restorative).map((i) => i.id));
  const taken = new Map<string, number>();
  for (const s of states) {
    const end = s.closing === null ? now.getTime() + 35 * DAY : s.closing === 'requested' ? now.getTime() : s.endAt.getTime();
    for (const pi of s.planInterventions) {
      if (!restorative.has(pi.intervention_id)) continue;
      const from = (pi.added_at as Date).getTime() + 3 * DAY;
      const session = sessions.find((x) => x.intervention_id === pi.intervention_id && x.starts_at.getTime() >= from && x.starts_at.getTime() <= end && (taken.get(x.id) ?? 0) < x.places);
      if (!session) continue;
      taken.set(session.id, (taken.get(session.id) ?? 0) + 1);
      const start = session.starts_at.getTime();
      const bookedAt = new Date(Math.min(now.getTime() - 60_000, start - HOUR, Math.max((pi.added_at as Date).getTime(), start - rng.int(3, 14) * DAY)));
      const recorded = start < now.getTime() - 2 * HOUR && !(now.getTime() - start < 7 * DAY && rng.chance(0.1));
      const attendance = recorded ? (rng.chance(0.85) ? 'attended' : 'did_not_attend') : null;
      pi.intervention_status = attendance === 'attended' ? 'completed' : attendance ? 'planned' : 'booked';
      ctx.rows.bookings.push({
        id: ctx.newId(), service_id: s.row.service_id, session_id: session.id, case_id: s.row.id, person_id: s.row.person_id, plan_intervention_id: pi.id, attendance,
        attendance_recorded_by: attendance ? (session.facilitator_id ?? session.created_by) : null, attendance_recorded_at: attendance ? new Date(Math.min(now.getTime(), start + 2 * HOUR)) : null,
        booked_by: (holderAt(s, bookedAt) ?? s.assessor)!.id, booked_at: bookedAt,
      });
    }
  }
}

/**
 * Some open cases end with a missed contact and nothing booked since, so a follow-up is due (every support worker
 * has at least one); cases waiting for closure sign-off have nothing booked ahead.
 */
export function leaveMissedContactsToFollowUp(ctx: CaseWorkContext, states: readonly CaseState[]): void {
  const { rng, now } = ctx;
  const candidates = states.filter((s) => s.closing === null && s.worker && s.contacts.some((c) => c.starts_at.getTime() <= now.getTime() && c.contact_kind !== 'accompanied_appointment'));
  for (const s of candidates) s.followUpMissed = rng.chance(0.1);
  for (const worker of ctx.team.supportWorkers) {
    const theirs = candidates.filter((s) => s.worker!.id === worker.id);
    if (theirs.length > 0 && !theirs.some((s) => s.followUpMissed)) theirs[0]!.followUpMissed = true;
  }
  const drop = new Set<string>();
  for (const s of states) {
    if (!s.followUpMissed && s.closing !== 'requested') continue;
    const future = s.contacts.filter((c) => c.starts_at.getTime() > now.getTime());
    for (const c of future) drop.add(c.id);
    s.contacts = s.contacts.filter((c) => !drop.has(c.id)).sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime());
    if (!s.followUpMissed) continue;
    const last = s.contacts[s.contacts.length - 1];
    if (!last) continue;
    const recordedAt = new Date(Math.min(now.getTime(), last.starts_at.getTime() + 2 * HOUR));
    Object.assign(last, { outcome: 'did_not_attend', notes: rng.pick(CONTACT_NOTES.did_not_attend!), outcome_recorded_at: recordedAt, version: 2, updated_at: recordedAt });
  }
  if (drop.size > 0) ctx.rows.contacts = ctx.rows.contacts.filter((c) => !drop.has(c.id));
}
