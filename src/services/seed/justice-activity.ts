// Demo justice liaison work for every demo service, built from the cases and referrals already generated: advice
// to custody (shared with the custody suite at the time of the screen), information shared with the CPS, probation
// and youth justice, requests to share without consent (waiting for a manager, approved, not approved), court
// reports in every state, disposals with their conditions and payback hours, and a year of training given to police
// and court staff. Pure, from its own seeded random sequence, so the case work before it is unchanged.
import type { Insertable } from 'kysely';
import type {
  CourtReportTable, CustodyAdviceTable, Database, DisclosureTable, DisposalConditionTable, DisposalTable, PaybackHoursTable, TrainingSessionTable,
} from '../../db/schema.js';
import { addDays, dayNumber } from '../../domain/calendar-date.js';
import { custodyAdviceText, type CustodyAdvice, type CustodyRiskLevel, type FitnessForInterview } from '../../domain/custody-advice.js';
import type { DisclosureKind, DisclosureRecipient, LegalBasis } from '../../domain/disclosure-basis.js';
import { londonDate } from '../../domain/london-time.js';
import type { ConsentDecision } from '../../domain/screening-form.js';
import { sayDate } from '../../domain/support-plan.js';
import type { CourtReportDocument } from '../justice/court-report-pdf.js';
import { CUSTODY_ADVICE_PURPOSE } from '../justice/custody-advice.js';
import { Random, seedOf, type ActivityRows, type ActivitySite } from './activity.js';
import { ageAt, holderAt, type CaseState, type CaseWorkContext } from './case-activity.js';
import { courtReportsFor } from './justice-activity-courts.js';
import { disposalsFor } from './justice-activity-disposals.js';
import {
  CONSENT_NOT_RELIED_ON, FITNESS_NOTES, HEALTHCARE_REVIEW_REASONS, INFORMATION_SHARES, LEGAL_BASIS_REQUESTS, NOT_APPROVED_REASONS, RISK_MANAGEMENT, SUGGESTED_REFERRALS,
  TRAINING_NOTES, TRAINING_TOPICS,
} from './justice-activity-data.js';
import { getProfile, PROFILE_NAMES } from './profiles.js';

export type JusticeRows = {
  disclosures: Array<Insertable<DisclosureTable> & { id: string }>;
  custodyAdvice: Array<Insertable<CustodyAdviceTable>>;
  courtReports: Array<Insertable<CourtReportTable> & { id: string }>;
  disposals: Array<Insertable<DisposalTable> & { id: string }>;
  disposalConditions: Array<Insertable<DisposalConditionTable>>;
  paybackHours: Array<Insertable<PaybackHoursTable>>;
  trainingSessions: Array<Insertable<TrainingSessionTable>>;
  /** What each issued court report prints: its PDF is rendered (see renderCourtReportPdfs) before the rows are written. */
  courtReportDocuments: Array<{ reportId: string; document: CourtReportDocument }>;
};

export const emptyJusticeWork = (): JusticeRows => ({
  disclosures: [], custodyAdvice: [], courtReports: [], disposals: [], disposalConditions: [], paybackHours: [], trainingSessions: [], courtReportDocuments: [],
});

/** The justice tables in the order their rows can be inserted (after the case work they refer to). */
export const JUSTICE_TABLES: ReadonlyArray<readonly [keyof JusticeRows, keyof Database]> = [
  ['disclosures', 'disclosure'], ['custodyAdvice', 'custody_advice'], ['courtReports', 'court_report'], ['disposals', 'disposal'],
  ['disposalConditions', 'disposal_condition'], ['paybackHours', 'payback_hours'], ['trainingSessions', 'training_session'],
];

type Person = ActivityRows['people'][number];
type Referral = ActivityRows['referrals'][number];
type Screen = ActivityRows['screenings'][number];
type JusticeScreen = { id: string; startedAt: number; decision: ConsentDecision };

/** One service's justice work as it is being built. */
export type JusticeContext = CaseWorkContext & {
  out: JusticeRows;
  states: CaseState[];
  people: Map<string, Person>;
  referrals: Map<string, Referral>;
  serviceName: string;
  siteName: (site: ActivitySite) => string;
  /** The person's latest recorded decision on sharing with justice agencies at an instant, as the disclosure writer reads it. */
  consentAt: (personId: string, at: Date) => { decision: ConsentDecision; screeningId: string | null };
  disclose: (d: DisclosureDraft) => string;
};

export type DisclosureDraft = {
  personId: string;
  caseId?: string | null;
  referralId?: string | null;
  recipient: DisclosureRecipient;
  recipientName: string;
  siteId?: string | null;
  kind: DisclosureKind;
  content: string;
  purpose: string;
  requestedBy: string;
  at: Date;
  /** The screen whose consent it relies on; or a legal basis with its reason and where its approval stands. */
  basis: { screeningId: string } | { legalBasis: LegalBasis; reason: string; decidedBy: string | null; decidedAt: Date | null; notApproved?: string };
};

/** The directory names of a demo service and its sites (the generator is given codes only). */
function directoryNames(serviceCode: string): { service: string; sites: Map<string, string> } {
  for (const name of PROFILE_NAMES) {
    const service = getProfile(name).services.find((s) => s.code === serviceCode);
    if (service) return { service: service.name, sites: new Map(service.sites.map((s) => [s.code, s.name])) };
  }
  return { service: serviceCode, sites: new Map() };
}

/** Adds the justice work of one service to `rows.caseWork`. */
export function generateJusticeWork(caseCtx: CaseWorkContext, states: CaseState[], rows: ActivityRows): void {
  const serviceId = caseCtx.service.id;
  const names = directoryNames(caseCtx.service.code);
  const justiceScreens = new Map<string, JusticeScreen[]>();
  for (const s of rows.screenings) {
    if (s.service_id !== serviceId) continue;
    const decision = (JSON.parse(s.consent as string) as Record<string, { decision?: ConsentDecision } | undefined>).justice_sharing?.decision;
    if (!decision || decision === 'not_asked') continue;
    justiceScreens.set(s.person_id, [...(justiceScreens.get(s.person_id) ?? []), { id: s.id, startedAt: s.started_at.getTime(), decision }]);
  }
  const j: JusticeContext = {
    ...caseCtx,
    rng: new Random(seedOf(`${caseCtx.service.code}/justice`)),
    out: rows.caseWork,
    states,
    people: new Map(rows.people.filter((p) => p.service_id === serviceId).map((p) => [p.id, p])),
    referrals: new Map(rows.referrals.filter((r) => r.service_id === serviceId).map((r) => [r.id, r])),
    serviceName: names.service,
    siteName: (site) => names.sites.get(site.code) ?? site.code,
    consentAt: (personId, at) => {
      let latest: JusticeScreen | null = null;
      for (const s of justiceScreens.get(personId) ?? []) if (s.startedAt <= at.getTime() && (!latest || s.startedAt > latest.startedAt)) latest = s;
      return latest ? { decision: latest.decision, screeningId: latest.id } : { decision: 'not_asked', screeningId: null };
    },
    disclose: (d) => disclose(j, d),
  };
  custodyAdviceFor(j, rows.screenings.filter((s) => s.service_id === serviceId));
  informationShared(j);
  legalBasisRequests(j, rows.screenings.filter((s) => s.service_id === serviceId));
  courtReportsFor(j);
  disposalsFor(j);
  trainingLog(j);
}

function disclose(j: JusticeContext, d: DisclosureDraft): string {
  const id = j.newId();
  const legal = 'legalBasis' in d.basis ? d.basis : null;
  const status = !legal ? 'disclosed' : legal.notApproved ? 'not_approved' : legal.decidedBy ? 'disclosed' : 'awaiting_approval';
  const decidedAt = legal?.decidedAt ?? null;
  j.out.disclosures.push({
    id, service_id: j.service.id, person_id: d.personId, case_id: d.caseId ?? null, referral_id: d.referralId ?? null, recipient: d.recipient, recipient_name: d.recipientName,
    site_id: d.siteId ?? null, disclosure_kind: d.kind, content: d.content, purpose: d.purpose, basis: legal ? 'legal_basis' : 'consent',
    consent_screening_id: legal ? null : (d.basis as { screeningId: string }).screeningId, legal_basis: legal?.legalBasis ?? null, legal_basis_reason: legal?.reason ?? '',
    disclosure_status: status, requested_by: d.requestedBy, requested_at: d.at, decided_by: legal?.decidedBy ?? null, decided_at: decidedAt,
    decision_reason: legal?.notApproved ?? '', disclosed_at: status === 'disclosed' ? (decidedAt ?? d.at) : null,
    version: decidedAt ? 2 : 1, created_at: d.at, updated_at: decidedAt ?? d.at,
  });
  return id;
}

const has = (findings: Record<string, { finding: string }>, domain: string, ...levels: string[]) => levels.includes(findings[domain]?.finding ?? 'none');

/** The advice a practitioner gives custody from what the screen found. */
function adviceFrom(j: JusticeContext, screen: Screen, isChild: boolean): CustodyAdvice {
  const { rng } = j;
  const f = JSON.parse(screen.findings) as Record<string, { finding: string }>;
  const communication = has(f, 'learning_disability', 'identified') || has(f, 'autism', 'identified') || has(f, 'speech_language_communication', 'identified') || has(f, 'brain_injury', 'identified');
  const appropriateAdultNeeded = isChild || communication;
  const intoxicated = has(f, 'substance_use', 'identified') && rng.chance(0.25);
  let fitForInterview: FitnessForInterview = appropriateAdultNeeded ? 'fit_with_support' : 'fit';
  if (intoxicated) fitForInterview = 'not_yet_known';
  else if (has(f, 'mental_health', 'identified') && screen.urgency !== 'routine' && rng.chance(0.35)) fitForInterview = 'not_fit';
  const riskLevel: CustodyRiskLevel = has(f, 'self_harm_suicide', 'identified') ? 'high' : has(f, 'self_harm_suicide', 'suspected') || intoxicated || (has(f, 'mental_health', 'identified') && rng.chance(0.5)) ? 'medium' : 'low';
  const review = intoxicated || has(f, 'substance_use', 'identified') ? HEALTHCARE_REVIEW_REASONS.substance : riskLevel === 'high' ? HEALTHCARE_REVIEW_REASONS.selfHarm : has(f, 'physical_health', 'identified') ? HEALTHCARE_REVIEW_REASONS.physical : null;
  const reviewNeeded = review !== null && rng.chance(0.8);
  return {
    fitForInterview, fitnessNotes: rng.pick(FITNESS_NOTES[fitForInterview]), appropriateAdultNeeded, riskLevel, riskManagement: rng.pick(RISK_MANAGEMENT[riskLevel]),
    healthcareReviewNeeded: reviewNeeded, healthcareReviewReason: reviewNeeded ? rng.pick(review) : '', suggestedReferral: rng.pick(SUGGESTED_REFERRALS[screen.outcome ?? 'no_further_action']),
  };
}

/** Advice to custody for a share of the screens in custody with consent to share: more of the recent ones, given as the screen ends. */
function custodyAdviceFor(j: JusticeContext, screens: Screen[]): void {
  const { rng, now } = j;
  const sites = new Map(j.service.sites.map((s) => [s.id, s]));
  for (const screen of screens) {
    if (screen.screening_status !== 'completed' || !screen.completed_at || !screen.outcome) continue;
    const referral = j.referrals.get(screen.referral_id);
    const site = referral ? sites.get(referral.site_id as string) : undefined;
    if (!referral || !site || (site.siteKind !== 'custody_suite' && site.siteKind !== 'police_station')) continue;
    const consent = j.consentAt(screen.person_id, screen.completed_at);
    if (consent.screeningId !== screen.id || consent.decision !== 'given') continue;
    const recent = now.getTime() - screen.completed_at.getTime() < 45 * 86_400_000;
    if (!rng.chance(recent ? 0.45 : 0.15)) continue;
    const person = j.people.get(screen.person_id)!;
    const advice = adviceFrom(j, screen, ageAt(person.date_of_birth, londonDate(referral.referred_at)) < 18);
    const givenAt = screen.completed_at;
    const disclosureId = j.disclose({
      personId: person.id, referralId: referral.id, recipient: 'custody', recipientName: `Custody staff, ${j.siteName(site)}`, siteId: site.id, kind: 'custody_advice',
      content: custodyAdviceText(advice), purpose: CUSTODY_ADVICE_PURPOSE,
      requestedBy: screen.screened_by, at: givenAt, basis: { screeningId: screen.id },
    });
    j.out.custodyAdvice.push({
      id: j.newId(), service_id: j.service.id, person_id: person.id, referral_id: referral.id, site_id: site.id, fit_for_interview: advice.fitForInterview,
      fitness_notes: advice.fitnessNotes, appropriate_adult_needed: advice.appropriateAdultNeeded, risk_level: advice.riskLevel, risk_management: advice.riskManagement,
      healthcare_review_needed: advice.healthcareReviewNeeded, healthcare_review_reason: advice.healthcareReviewReason, suggested_referral: advice.suggestedReferral,
      disclosure_id: disclosureId, given_by: screen.screened_by, given_at: givenAt,
    });
  }
}

/** The practitioner who acts for a case at an instant: its worker when a practitioner, else the assessor. */
export function authorOf(j: JusticeContext, s: CaseState, at: Date): string {
  const holder = holderAt(s, at);
  return holder && j.service.practitioners.some((p) => p.id === holder.id) ? holder.id : (s.assessor ?? j.rng.pick(j.service.practitioners)).id;
}

/** Information shared with consent with the CPS, probation and youth justice, a few days after an assessment: each kind of share once or twice. */
function informationShared(j: JusticeContext): void {
  const { rng } = j;
  const used = new Set<string>();
  for (const share of [...INFORMATION_SHARES, ...INFORMATION_SHARES.filter(() => rng.chance(0.3))]) {
    for (const s of [...j.states].reverse()) {
      if (used.has(s.row.id) || s.isChild !== share.forChild || !s.assessedOn || !s.assessor || !rng.chance(0.3)) continue;
      const on = addDays(s.assessedOn, rng.int(1, 10));
      if (on > s.limitOn) continue;
      const at = j.at(on, rng.int(10, 16), rng.int(0, 59));
      const consent = j.consentAt(s.row.person_id, at);
      if (consent.decision !== 'given' || !consent.screeningId) continue;
      const person = j.people.get(s.row.person_id)!;
      used.add(s.row.id);
      j.disclose({
        personId: person.id, caseId: s.row.id, recipient: share.recipient, recipientName: share.recipientName, kind: 'information', purpose: share.purpose,
        content: share.content.replaceAll('{name}', `${person.given_name} ${person.family_name}`).replace('{since}', sayDate(s.openedOn)),
        requestedBy: authorOf(j, s, at), at, basis: { screeningId: consent.screeningId },
      });
      break;
    }
  }
}

/** Requests to share without consent, about people screened lately who refused or lacked capacity: most wait for a manager, one was approved, one not. */
function legalBasisRequests(j: JusticeContext, screens: Screen[]): void {
  const { rng, now } = j;
  const candidates = screens
    .filter((s) => s.screening_status === 'completed' && s.completed_at && now.getTime() - s.completed_at.getTime() < 60 * 86_400_000)
    .filter((s) => ['refused', 'lacks_capacity'].includes(j.consentAt(s.person_id, now).decision))
    .slice(-6);
  const plan: Array<'awaiting' | 'approved' | 'not_approved'> = ['awaiting', 'awaiting', 'approved', 'not_approved', 'awaiting', 'awaiting'];
  candidates.forEach((screen, i) => {
    const kind = plan[i]!;
    const referral = j.referrals.get(screen.referral_id)!;
    const site = j.service.sites.find((s) => s.id === referral.site_id)!;
    const inCustody = site.siteKind === 'custody_suite' || site.siteKind === 'police_station';
    const child = ageAt(j.people.get(screen.person_id)!.date_of_birth, londonDate(referral.referred_at)) < 18;
    const options = LEGAL_BASIS_REQUESTS.filter((r) => (r.forChild === null || r.forChild === child) && (r.recipient !== 'custody' || inCustody));
    const request = options[i % options.length]!;
    const at = kind === 'awaiting' ? new Date(Math.max(screen.completed_at!.getTime() + 3_600_000, now.getTime() - rng.int(2, 120) * 3_600_000)) : new Date(screen.completed_at!.getTime() + rng.int(1, 4) * 3_600_000);
    const decidedAt = kind === 'awaiting' ? null : new Date(Math.min(now.getTime() - 60_000, at.getTime() + rng.int(1, 20) * 3_600_000));
    j.disclose({
      personId: screen.person_id, referralId: referral.id, recipient: request.recipient, recipientName: request.recipient === 'custody' ? `Custody staff, ${j.siteName(site)}` : request.recipientName,
      siteId: request.recipient === 'custody' ? site.id : null, kind: 'information', content: request.content, purpose: request.purpose, requestedBy: screen.screened_by, at,
      basis: {
        legalBasis: request.legalBasis, reason: request.reason.replace('{why}', CONSENT_NOT_RELIED_ON[j.consentAt(screen.person_id, now).decision as 'refused' | 'lacks_capacity']), decidedBy: kind === 'awaiting' ? null : rng.pick(j.managers).id, decidedAt,
        notApproved: kind === 'not_approved' ? rng.pick(NOT_APPROVED_REASONS) : undefined,
      },
    });
  });
}

const isWeekend = (date: string) => [3, 2].includes(((dayNumber(date) % 7) + 7) % 7);
/** The same day when a weekday, else the Monday after. */
export const weekdayFrom = (date: string): string => (isWeekend(date) ? weekdayFrom(addDays(date, 1)) : date);

/** Mental health awareness training over the past year: custody and police staff most often, court staff too, by the team. */
function trainingLog(j: JusticeContext): void {
  const { rng, today } = j;
  const trainers = [...new Map([...j.service.practitioners, ...j.managers].map((u) => [u.id, u])).values()];
  const police = j.service.sites.filter((s) => s.siteKind === 'custody_suite' || s.siteKind === 'police_station');
  const courts = j.service.sites.filter((s) => s.siteKind === 'magistrates_court' || s.siteKind === 'youth_court' || s.siteKind === 'crown_court');
  const n = rng.int(10, 16);
  const days = Array.from({ length: n }, () => weekdayFrom(addDays(today, -rng.int(3, 360)))).filter((d) => d < today).sort();
  days.forEach((on, i) => {
    // Police and court staff at least once each, then mostly police.
    const audience = i === 0 && police.length > 0 ? 'police' : i === 1 && courts.length > 0 ? 'court'
      : rng.weighted<'police' | 'court' | 'probation' | 'youth_justice'>([['police', police.length > 0 ? 60 : 0], ['court', courts.length > 0 ? 25 : 0], ['probation', 8], ['youth_justice', 7]]);
    const site = audience === 'police' ? rng.pick(police) : audience === 'court' ? rng.pick(courts) : null;
    const lead = rng.pick(trainers);
    const others = trainers.filter((t) => t.id !== lead.id);
    const second = others.length > 0 && rng.chance(0.35) ? rng.pick(others) : undefined;
    j.out.trainingSessions.push({
      id: j.newId(), service_id: j.service.id, delivered_on: on, audience, site_id: site?.id ?? null, topic: rng.pick(TRAINING_TOPICS[audience]),
      attendees: audience === 'police' ? rng.int(6, 30) : rng.int(4, 18), trainer: second ? `${lead.displayName} and ${second.displayName}` : lead.displayName,
      notes: rng.pick(TRAINING_NOTES), recorded_by: lead.id, recorded_at: j.at(on, rng.int(15, 17), rng.int(0, 59)),
    });
  });
}
