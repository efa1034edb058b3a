// Reading onward referrals with their partner service, wait, timeline and interim support.
import type { Kysely, Transaction } from 'kysely';
import type { Database, OnwardReferralRow } from '../../db/schema.js';
import { ONWARD_REFERRAL_STATES, ONWARD_REFERRAL_STATE_LABELS, waitingTooLong, type OnwardReferralState } from '../../domain/onward-referral-state.js';
import { onwardWait } from '../../domain/onward-referral-moves.js';
import { PATHWAY_LABELS, type Pathway } from '../../domain/pathways.js';

type Reader = Kysely<Database> | Transaction<Database>;

export type OnwardPartner = { id: string; name: string; pathway: Pathway; pathwayLabel: string; typicalWaitDays: number | null; contactName: string; contactPhone: string; contactEmail: string };

export type OnwardTimelineEntry = {
  id: string;
  fromState: OnwardReferralState | null;
  fromLabel: string | null;
  toState: OnwardReferralState;
  toLabel: string;
  occurredOn: string;
  reason: string;
  recordedByName: string;
  recordedAt: Date;
};

export type InterimSupportEntry = { id: string; what: string; offeredBy: string; offeredOn: string; takenUp: 'yes' | 'no' | 'not_yet'; notes: string; recordedByName: string };

export type OnwardReferralSummary = {
  referral: OnwardReferralRow;
  stateLabel: string;
  partner: OnwardPartner;
  createdByName: string;
  wait: { days: number; stillWaiting: boolean } | null;
  waitingTooLong: boolean;
};

export type OnwardReferralView = OnwardReferralSummary & { timeline: OnwardTimelineEntry[]; interimSupport: InterimSupportEntry[] };

function baseQuery(reader: Reader) {
  return reader
    .selectFrom('onward_referral as o')
    .innerJoin('partner_organisation as p', 'p.id', 'o.partner_organisation_id')
    .innerJoin('app_user as u', 'u.id', 'o.created_by')
    .selectAll('o')
    .select(['p.name as partner_name', 'p.pathway', 'p.typical_wait_days', 'p.contact_name', 'p.contact_phone', 'p.contact_email', 'u.display_name as created_by_name']);
}
type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function summaryOf(row: BaseRow, today: string): OnwardReferralSummary {
  const { partner_name, pathway, typical_wait_days, contact_name, contact_phone, contact_email, created_by_name, ...referral } = row;
  return {
    referral,
    stateLabel: ONWARD_REFERRAL_STATE_LABELS[referral.onward_state],
    partner: { id: referral.partner_organisation_id, name: partner_name, pathway, pathwayLabel: PATHWAY_LABELS[pathway] ?? pathway, typicalWaitDays: typical_wait_days, contactName: contact_name, contactPhone: contact_phone, contactEmail: contact_email },
    createdByName: created_by_name,
    wait: onwardWait({ sentOn: referral.sent_on, state: referral.onward_state, firstAppointmentOn: referral.first_appointment_on, stateChangedOn: referral.state_changed_on }, today),
    waitingTooLong: referral.sent_on ? waitingTooLong(referral.sent_on, typical_wait_days, today, referral.onward_state) : false,
  };
}

/** One referral by id within a service (no scope beyond the service: callers check the rest). */
export async function onwardSummary(reader: Reader, serviceId: string, id: string, today: string): Promise<OnwardReferralSummary | null> {
  const row = await baseQuery(reader).where('o.id', '=', id).where('o.service_id', '=', serviceId).executeTakeFirst();
  return row ? summaryOf(row, today) : null;
}

/** The referrals of a case, oldest first. */
export async function onwardSummariesOfCase(reader: Reader, caseId: string, today: string): Promise<OnwardReferralSummary[]> {
  const rows = await baseQuery(reader).where('o.case_id', '=', caseId).orderBy('o.created_at').orderBy('o.id').execute();
  return rows.map((r) => summaryOf(r, today));
}

/** Each referral's moves, in the order they happened (same day: in lifecycle order). */
export async function onwardTimelines(reader: Reader, ids: string[]): Promise<Map<string, OnwardTimelineEntry[]>> {
  const byReferral = new Map<string, OnwardTimelineEntry[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byReferral;
  const rows = await reader
    .selectFrom('onward_referral_event as e')
    .innerJoin('app_user as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.onward_referral_id', 'e.from_state', 'e.to_state', 'e.occurred_on', 'e.reason', 'e.recorded_at', 'u.display_name'])
    .where('e.onward_referral_id', 'in', ids)
    .execute();
  const order = (s: OnwardReferralState) => ONWARD_REFERRAL_STATES.indexOf(s);
  rows.sort((a, b) => a.occurred_on.localeCompare(b.occurred_on) || a.recorded_at.getTime() - b.recorded_at.getTime() || order(a.to_state) - order(b.to_state));
  for (const r of rows) {
    byReferral.get(r.onward_referral_id)?.push({
      id: r.id,
      fromState: r.from_state,
      fromLabel: r.from_state ? ONWARD_REFERRAL_STATE_LABELS[r.from_state] : null,
      toState: r.to_state,
      toLabel: ONWARD_REFERRAL_STATE_LABELS[r.to_state],
      occurredOn: r.occurred_on,
      reason: r.reason,
      recordedByName: r.display_name,
      recordedAt: r.recorded_at,
    });
  }
  return byReferral;
}

/** The interim support offered on each referral, in the order it was offered. */
export async function interimSupportOf(reader: Reader, ids: string[]): Promise<Map<string, InterimSupportEntry[]>> {
  const byReferral = new Map<string, InterimSupportEntry[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byReferral;
  const rows = await reader
    .selectFrom('interim_support as i')
    .innerJoin('app_user as u', 'u.id', 'i.recorded_by')
    .select(['i.id', 'i.onward_referral_id', 'i.what', 'i.offered_by', 'i.offered_on', 'i.taken_up', 'i.notes', 'u.display_name'])
    .where('i.onward_referral_id', 'in', ids)
    .orderBy('i.offered_on')
    .orderBy('i.recorded_at')
    .execute();
  for (const r of rows) {
    byReferral.get(r.onward_referral_id)?.push({ id: r.id, what: r.what, offeredBy: r.offered_by, offeredOn: r.offered_on, takenUp: r.taken_up, notes: r.notes, recordedByName: r.display_name });
  }
  return byReferral;
}

/** Summaries with their timelines and interim support. */
export async function onwardViews(reader: Reader, summaries: OnwardReferralSummary[]): Promise<OnwardReferralView[]> {
  const ids = summaries.map((s) => s.referral.id);
  const [timelines, interim] = await Promise.all([onwardTimelines(reader, ids), interimSupportOf(reader, ids)]);
  return summaries.map((s) => ({ ...s, timeline: timelines.get(s.referral.id) ?? [], interimSupport: interim.get(s.referral.id) ?? [] }));
}

/** Referrals sent to a partner organisation (never drafts), with the person's name and date of birth, newest first. */
export async function sentToPartner(reader: Reader, serviceId: string, partnerOrganisationId: string, today: string, id?: string) {
  let q = baseQuery(reader)
    .innerJoin('person as pe', 'pe.id', 'o.person_id')
    .innerJoin('service as s', 's.id', 'o.service_id')
    .select(['pe.given_name', 'pe.family_name', 'pe.date_of_birth', 's.name as service_name'])
    .where('o.service_id', '=', serviceId)
    .where('o.partner_organisation_id', '=', partnerOrganisationId)
    .where('o.sent_on', 'is not', null);
  if (id) q = q.where('o.id', '=', id);
  const rows = await q.orderBy('o.sent_on', 'desc').orderBy('o.id').execute();
  return rows.map(({ given_name, family_name, date_of_birth, service_name, ...row }) => ({
    ...summaryOf(row, today),
    person: { givenName: given_name, familyName: family_name, dateOfBirth: date_of_birth },
    serviceName: service_name,
  }));
}
export type PartnerReferral = Awaited<ReturnType<typeof sentToPartner>>[number];
