// Demo case work for every case the demo activity opened: allocation, assessment, support plan, onward
// referrals, contacts, restorative sessions, extensions, closure and follow-up. Pure, from a seeded random
// sequence and relative to "now", so the same profile at the same moment gives the same rows.
import type { Insertable, Kysely } from 'kysely';
import type {
  AssessmentTable, CaseAllocationTable, CaseEpisodeTable, CaseExtensionTable, ContactTable, Database, FollowUpTable, InterimSupportTable, InterventionTable,
  OnwardReferralEventTable, OnwardReferralTable, PlanInterventionTable, PlanReviewTable, RestorativeBookingTable, RestorativeSessionTable, SupportPlanTable,
} from '../../db/schema.js';
import { addDays } from '../../domain/calendar-date.js';
import { londonDate, londonInstant } from '../../domain/london-time.js';
import type { OnwardReferralState } from '../../domain/onward-referral-state.js';
import type { Pathway } from '../../domain/pathways.js';
import type { ActivityRows, ActivityService, ActivityUser, Random } from './activity.js';
import { closeCase, followUps, requestClosure, timeClosure } from './case-activity-closure.js';
import { bookSessions, contactsFor, leaveMissedContactsToFollowUp, sessionsFor } from './case-activity-contacts.js';
import { leaveReferralsToActOn, onwardReferralsFor } from './case-activity-onward.js';
import { allocate, assess, planFor } from './case-activity-plan.js';
import { catalogueRows } from './intervention-catalogue.js';
import { emptyJusticeWork, generateJusticeWork, JUSTICE_TABLES, type JusticeRows } from './justice-activity.js';

export type CasePartner = { id: string; name: string; pathway: Pathway; typicalWaitDays: number | null; /** Partner workers who record their side of a referral. */ workers: ActivityUser[] };
/** Who else works a service's cases: support workers, team managers, volunteer facilitators, and the partner directory. */
export type CaseTeam = { supportWorkers: ActivityUser[]; managers: ActivityUser[]; volunteers: ActivityUser[]; partners: CasePartner[] };

export type CaseWorkRows = {
  interventions: Array<Insertable<InterventionTable> & { id: string; name: string }>;
  allocations: Array<Insertable<CaseAllocationTable>>;
  assessments: Array<Insertable<AssessmentTable>>;
  plans: Array<Insertable<SupportPlanTable>>;
  planInterventions: Array<Insertable<PlanInterventionTable> & { id: string; intervention_status: 'planned' | 'booked' | 'completed' | 'not_completed' }>;
  reviews: Array<Insertable<PlanReviewTable>>;
  extensions: Array<Insertable<CaseExtensionTable>>;
  onwardReferrals: Array<Insertable<OnwardReferralTable> & { id: string; case_id: string; onward_state: OnwardReferralState; sent_on: string | null; state_changed_on: string; first_appointment_on: string | null; partner_organisation_id: string }>;
  onwardEvents: Array<Insertable<OnwardReferralEventTable>>;
  interimSupport: Array<Insertable<InterimSupportTable>>;
  contacts: Array<Insertable<ContactTable> & { id: string; case_id: string; starts_at: Date }>;
  sessions: Array<Insertable<RestorativeSessionTable> & { id: string; starts_at: Date; places: number }>;
  bookings: Array<Insertable<RestorativeBookingTable>>;
  followUps: Array<Insertable<FollowUpTable>>;
} & JusticeRows;

export const emptyCaseWork = (): CaseWorkRows => ({
  interventions: [], allocations: [], assessments: [], plans: [], planInterventions: [], reviews: [], extensions: [], onwardReferrals: [], onwardEvents: [],
  interimSupport: [], contacts: [], sessions: [], bookings: [], followUps: [], ...emptyJusticeWork(),
});

/** The tables in the order their rows can be inserted (each after the rows it refers to). */
export const CASE_WORK_TABLES: ReadonlyArray<readonly [keyof CaseWorkRows, keyof Database]> = [
  ['interventions', 'intervention'], ['allocations', 'case_allocation'], ['assessments', 'assessment'], ['plans', 'support_plan'],
  ['planInterventions', 'plan_intervention'], ['reviews', 'plan_review'], ['extensions', 'case_extension'], ['onwardReferrals', 'onward_referral'],
  ['onwardEvents', 'onward_referral_event'], ['interimSupport', 'interim_support'], ['contacts', 'contact'], ['sessions', 'restorative_session'],
  ['bookings', 'restorative_booking'], ['followUps', 'follow_up'], ...JUSTICE_TABLES,
];

export type CaseRow = Insertable<CaseEpisodeTable> & { id: string; opened_at: Date; service_id: string; person_id: string };
export type Needs = Record<string, { need: 'none' | 'low' | 'medium' | 'high'; evidence: string; wants: string }>;

/** What one service's case work is generated from. */
export type CaseWorkContext = {
  rng: Random;
  now: Date;
  today: string;
  newId: () => string;
  service: ActivityService;
  team: CaseTeam;
  rows: CaseWorkRows;
  workers: ActivityUser[];
  managers: ActivityUser[];
  interventions: CaseWorkRows['interventions'];
  /** An instant on a London calendar day at a time of day; never after now unless `future`. */
  at: (date: string, hours: number, minutes?: number, future?: boolean) => Date;
};

/** One case as it is being built. */
export type CaseState = {
  row: CaseRow;
  isChild: boolean;
  female: boolean;
  offence: string;
  findings: Record<string, { finding: string; notes: string }>;
  /** Consent to share with health and care partners, needed to send an onward referral. */
  healthSharing: boolean;
  familyIds: string[];
  openedOn: string;
  /** When work stops: the closure, or now. */
  endAt: Date;
  /** The last date anything is recorded: the closure date, or today. */
  limitOn: string;
  closing: 'closed' | 'requested' | null;
  worker: ActivityUser | null;
  /** Who held the case from when, oldest first. */
  holders: Array<{ user: ActivityUser; from: Date }>;
  needs: Needs | null;
  assessor: ActivityUser | null;
  assessedOn: string | null;
  agreedOn: string | null;
  endsOn: string | null;
  partnersChosen: CasePartner[];
  onward: CaseWorkRows['onwardReferrals'];
  planInterventions: CaseWorkRows['planInterventions'];
  reviews: CaseWorkRows['reviews'];
  contacts: CaseWorkRows['contacts'];
  /** A missed contact is left as the last one, to be followed up. */
  followUpMissed: boolean;
};

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** Adds the case work of one service to `rows.caseWork`, and the closure and plan clock to its cases (changed in place). */
export function generateCaseWork(rng: Random, service: ActivityService, now: Date, newId: () => string, rows: ActivityRows): void {
  const out = rows.caseWork;
  const team = service.team ?? { supportWorkers: [], managers: [], volunteers: [], partners: [] };
  const interventions = catalogueRows(service.id, now).map((r) => ({ ...r, id: newId() }));
  out.interventions.push(...interventions);
  const cases = rows.cases.filter((c) => c.service_id === service.id) as CaseRow[];
  if (cases.length === 0 || service.practitioners.length === 0) return;

  const ctx: CaseWorkContext = {
    rng, now, today: londonDate(now), newId, service, team, rows: out, interventions,
    workers: [...service.practitioners, ...team.supportWorkers],
    managers: team.managers.length > 0 ? team.managers : service.practitioners,
    at: (date, hours, minutes = 0, future = false) => {
      const t = new Date(londonNoon(date) + (hours - 12) * HOUR + minutes * 60_000);
      return !future && t.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : t;
    },
  };
  const people = new Map(rows.people.filter((p) => p.service_id === service.id).map((p) => [p.id, p]));
  const referrals = new Map(rows.referrals.filter((r) => r.service_id === service.id).map((r) => [r.id, r]));
  const screenings = new Map(rows.screenings.filter((s) => s.service_id === service.id).map((s) => [s.referral_id, s]));
  const family = new Map<string, string[]>();
  for (const l of rows.links.filter((l) => l.service_id === service.id)) {
    family.set(l.person_id, [...(family.get(l.person_id) ?? []), l.related_person_id]);
    family.set(l.related_person_id, [...(family.get(l.related_person_id) ?? []), l.person_id]);
  }
  // A closed case ends before the same person's next case opens.
  const nextOpening = new Map<string, Date>();
  const byPerson = new Map<string, CaseRow[]>();
  for (const c of cases) byPerson.set(c.person_id, [...(byPerson.get(c.person_id) ?? []), c]);
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.opened_at.getTime() - b.opened_at.getTime());
    for (let i = 0; i + 1 < list.length; i++) nextOpening.set(list[i]!.id, list[i + 1]!.opened_at);
  }
  // A few open cases, well into their 12 weeks, wait for a manager to sign their closure off.
  const requested = new Set(cases.filter((c) => c.case_status === 'open' && now.getTime() - c.opened_at.getTime() > 70 * DAY).slice(-3).map((c) => c.id));

  const states: CaseState[] = [];
  for (const c of cases) {
    const person = people.get(c.person_id)!;
    const referral = c.referral_id ? referrals.get(c.referral_id) : undefined;
    const screening = c.referral_id ? screenings.get(c.referral_id) : undefined;
    const openedOn = londonDate(c.opened_at);
    const state: CaseState = {
      row: c, isChild: referral ? ageAt(person.date_of_birth, openedOn) < 18 : false, female: person.sex === 'female', offence: referral?.offence_category ?? 'not_known',
      findings: screening ? JSON.parse(screening.findings) : {}, healthSharing: screening ? JSON.parse(screening.consent as string)?.health_sharing?.decision === 'given' : false, familyIds: family.get(c.person_id) ?? [], openedOn, endAt: now, limitOn: ctx.today,
      closing: c.case_status === 'closed' ? 'closed' : requested.has(c.id) ? 'requested' : null, worker: null, holders: [], needs: null, assessor: null, assessedOn: null, contacts: [],
      agreedOn: null, endsOn: null, partnersChosen: [], onward: [], planInterventions: [], reviews: [], followUpMissed: false,
    };
    if (state.closing === 'closed') timeClosure(ctx, state, nextOpening.get(c.id) ?? null);
    allocate(ctx, state);
    assess(ctx, state);
    planFor(ctx, state);
    onwardReferralsFor(ctx, state);
    contactsFor(ctx, state);
    states.push(state);
  }
  sessionsFor(ctx);
  bookSessions(ctx, states);
  for (const s of states) if (s.closing === 'requested') requestClosure(ctx, s);
  for (const s of states) if (s.closing === 'closed') closeCase(ctx, s);
  followUps(ctx, states, rows.referrals.filter((r) => r.service_id === service.id));
  leaveMissedContactsToFollowUp(ctx, states);
  leaveReferralsToActOn(ctx, states);
  generateJusticeWork(ctx, states, rows);
}

const noons = new Map<string, number>();
/** Noon in London on a date (cached: working hours are read from it, as clocks change only in the small hours). */
function londonNoon(date: string): number {
  let t = noons.get(date);
  if (t === undefined) noons.set(date, (t = londonInstant(date, { hours: 12, minutes: 0 }).getTime()));
  return t;
}

/** Whole years of age on a date. */
export function ageAt(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export const dayAfter = (date: string, days: number) => addDays(date, days);
export const minDay = (a: string, b: string) => (a <= b ? a : b);
export const maxDay = (a: string, b: string) => (a >= b ? a : b);

/** Which worker held the case at an instant. */
export function holderAt(state: CaseState, t: Date): ActivityUser | null {
  let who: ActivityUser | null = null;
  for (const h of state.holders) if (h.from.getTime() <= t.getTime()) who = h.user;
  return who ?? state.holders[0]?.user ?? null;
}

/** Each service's support workers, team managers, volunteers and partner organisations (with their partner workers). */
export async function loadCaseTeams(db: Kysely<Database>, serviceIds: readonly string[]): Promise<Map<string, CaseTeam>> {
  const teams = new Map<string, CaseTeam>(serviceIds.map((id) => [id, { supportWorkers: [], managers: [], volunteers: [], partners: [] }]));
  if (serviceIds.length === 0) return teams;
  const grants = await db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['g.role', 'g.service_id', 'g.partner_organisation_id', 'u.id', 'u.display_name', 'u.job_title'])
    .where('g.role', 'in', ['support_worker', 'team_manager', 'volunteer', 'partner_worker'])
    .where('g.service_id', 'in', [...serviceIds])
    .where('u.is_active', '=', true)
    .orderBy('u.username')
    .execute();
  const partners = await db
    .selectFrom('partner_organisation')
    .select(['id', 'service_id', 'name', 'pathway', 'typical_wait_days'])
    .where('service_id', 'in', [...serviceIds])
    .where('is_active', '=', true)
    .orderBy('name')
    .execute();
  for (const p of partners) {
    const workers = grants.filter((g) => g.role === 'partner_worker' && g.partner_organisation_id === p.id).map((g) => ({ id: g.id, displayName: g.display_name, jobTitle: g.job_title }));
    teams.get(p.service_id)!.partners.push({ id: p.id, name: p.name, pathway: p.pathway, typicalWaitDays: p.typical_wait_days, workers });
  }
  for (const g of grants) {
    const team = teams.get(g.service_id!)!;
    const user = { id: g.id, displayName: g.display_name, jobTitle: g.job_title };
    if (g.role === 'support_worker') team.supportWorkers.push(user);
    if (g.role === 'team_manager') team.managers.push(user);
    if (g.role === 'volunteer') team.volunteers.push(user);
  }
  return teams;
}
