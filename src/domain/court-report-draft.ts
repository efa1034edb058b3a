// A court report's first draft, written from the case's facts (the author then edits every section), and the
// checks on the form that starts a report and on the sections before they go for sign-off.
import { AGE_BAND_LABELS, ageBand, ageOn, isRealDate, type AgeBand } from './age.js';
import { addDays, dayNumber, daysBetween } from './calendar-date.js';
import { CONTACT_KIND_LABELS, type ContactKind } from './contact-rules.js';
import {
  COURT_REPORT_PURPOSES, COURT_REPORT_SECTIONS, COURT_REPORT_SECTION_LABELS, type CourtReportPurpose, type CourtReportSections,
} from './court-report-state.js';
import { TREATMENT_REQUIREMENT_LABELS, type TreatmentRequirement } from './disposals.js';
import { CONTACT_OUTCOME_LABELS, ENGAGEMENT_LEVEL_LABELS, engagementIndicator, type ContactOutcome } from './engagement.js';
import { NEED_LEVEL_LABELS, type NeedLevel } from './assessment-form.js';
import { ONWARD_REFERRAL_STATE_LABELS, type OnwardReferralState } from './onward-referral-state.js';
import { CUSTODY_STATUS_LABELS, OFFENCE_CATEGORY_LABELS, REFERRAL_SOURCE_LABELS, isOneOf, CUSTODY_STATUSES, OFFENCE_CATEGORIES, REFERRAL_SOURCES } from './referral-vocabulary.js';
import { PLAN_INTERVENTION_STATUS_LABELS, sayDate, type PlanInterventionStatus } from './support-plan.js';
import { VULNERABILITY_DOMAINS, VULNERABILITY_DOMAIN_LABELS, type VulnerabilityDomain } from './vulnerability-domains.js';

/** Each section fits in the disclosure with the others (20,000 characters in all). */
export const COURT_REPORT_SECTION_MAX = 3800;
/** Text the author must replace before the report goes for sign-off. */
export const TO_COMPLETE = '[To complete:';
/** The drafted support section lists at most this many contacts one by one (all are in the report's table). */
export const CONTACT_LINES_MAX = 40;

/** What the draft is written from: the case as recorded, with no free-text screening notes. */
export type CourtReportFacts = {
  personName: string;
  dateOfBirth: string | null;
  /** The referral the case came from; null for a family member's linked case. */
  referral: { referredOn: string; siteName: string; source: string; offenceCategory: string; custodyStatus: string } | null;
  caseOpenedOn: string;
  /** The full assessment's graded needs (a draft may leave some ungraded); null before one is started. */
  assessment: { completed: boolean; needs: Partial<Record<string, NeedLevel | null>> } | null;
  /** What the screen found, domain by domain (used when there is no assessment yet). */
  screenFindings: Partial<Record<string, string>>;
  interventions: readonly { name: string; status: PlanInterventionStatus }[];
  onwardReferrals: readonly { partnerName: string; state: OnwardReferralState }[];
  /** Contacts of the chosen period, oldest first. */
  contacts: readonly { on: string; kind: ContactKind; outcome: ContactOutcome | null }[];
};

export type CourtReportHearing = { courtName: string; hearingOn: string; purpose: CourtReportPurpose; periodFrom: string; periodTo: string };

const AGE_BAND_WORDS: Record<AgeBand, string> = { child: 'a child', young_adult: 'a young adult', adult: 'an adult' };
/** An unknown code in words, for values recorded before a vocabulary changed. */
const words = (value: string) => value.replace(/_/g, ' ');
const lower = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
const domainLabel = (domain: string) => (isOneOf(VULNERABILITY_DOMAINS, domain) ? VULNERABILITY_DOMAIN_LABELS[domain] : words(domain));

/** Needs found, in the order of the domains: from the assessment when there is one, else from the screen. */
export function identifiedNeeds(facts: Pick<CourtReportFacts, 'assessment' | 'screenFindings'>): { domain: string; level: string }[] {
  const ordered = (keys: string[]) => [...keys].sort((a, b) => domainOrder(a) - domainOrder(b));
  if (facts.assessment) {
    const needs = facts.assessment.needs;
    return ordered(Object.keys(needs)).filter((d) => needs[d] && needs[d] !== 'none').map((d) => ({ domain: d, level: needs[d]! }));
  }
  const found = facts.screenFindings;
  return ordered(Object.keys(found)).filter((d) => found[d] === 'identified' || found[d] === 'suspected').map((d) => ({ domain: d, level: found[d]! }));
}

function domainOrder(domain: string): number {
  const i = (VULNERABILITY_DOMAINS as readonly string[]).indexOf(domain);
  return i < 0 ? VULNERABILITY_DOMAINS.length : i;
}

const levelWords = (level: string) => (level === 'identified' || level === 'suspected' ? level : `${lower(NEED_LEVEL_LABELS[level as NeedLevel] ?? level)} need`);

/** Treatment requirements the needs point to: mental health for a mental health need, drug or alcohol for drug and alcohol use. */
export function suggestedRequirements(needs: readonly { domain: string }[]): TreatmentRequirement[] {
  const has = (d: VulnerabilityDomain) => needs.some((n) => n.domain === d);
  const out: TreatmentRequirement[] = [];
  if (has('mental_health')) out.push('mental_health');
  if (has('substance_use')) out.push('drug', 'alcohol');
  return out;
}

function background(f: CourtReportFacts): string {
  const lines: string[] = [];
  if (f.referral) {
    const r = f.referral;
    lines.push(`${f.personName} was referred to the Liaison and Diversion team on ${sayDate(r.referredOn)} at ${r.siteName}.`);
    lines.push(`How they came to the team: ${lower(isOneOf(REFERRAL_SOURCES, r.source) ? REFERRAL_SOURCE_LABELS[r.source] : words(r.source))}.`);
    const offence = isOneOf(OFFENCE_CATEGORIES, r.offenceCategory) ? OFFENCE_CATEGORY_LABELS[r.offenceCategory] : words(r.offenceCategory);
    const custody = isOneOf(CUSTODY_STATUSES, r.custodyStatus) ? ` (${lower(CUSTODY_STATUS_LABELS[r.custodyStatus])} at the time of the referral)` : '';
    lines.push(`Offence context: ${lower(offence)}${custody}.`);
  } else {
    lines.push(`${f.personName} came to the team as a family member of a person the team supports.`);
  }
  const on = f.referral?.referredOn ?? f.caseOpenedOn;
  const age = f.dateOfBirth && isRealDate(f.dateOfBirth) && daysBetween(f.dateOfBirth, on) >= 0 ? ageOn(f.dateOfBirth, on) : null;
  if (age !== null && age >= 10) {
    const band = ageBand(age);
    lines.push(`Age band at referral: ${AGE_BAND_LABELS[band]} (${AGE_BAND_WORDS[band]}).`);
  } else lines.push('Age band at referral: not known (no date of birth is recorded).');
  lines.push(`The team opened a case on ${sayDate(f.caseOpenedOn)}.`);
  return lines.join('\n');
}

function needsSection(f: CourtReportFacts): string {
  const needs = identifiedNeeds(f);
  const from = f.assessment
    ? f.assessment.completed ? 'From the full assessment:' : 'From the full assessment, which is not yet complete:'
    : 'From the screening (the full assessment has not been done yet):';
  if (needs.length === 0) {
    return f.assessment?.completed ? 'The full assessment found no needs in the areas assessed.' : `${from}\nNo needs have been identified yet.`;
  }
  return [from, ...needs.map((n) => `- ${domainLabel(n.domain)}: ${levelWords(n.level)}`)].join('\n');
}

/** Attended, late, did not attend and cancelled, counted over the contacts of the period. */
export function contactCounts(contacts: CourtReportFacts['contacts']) {
  const count = (...o: ContactOutcome[]) => contacts.filter((c) => c.outcome !== null && o.includes(c.outcome)).length;
  return { attended: count('attended'), late: count('late'), didNotAttend: count('did_not_attend'), cancelled: count('cancelled_by_person', 'cancelled_by_service'), notRecorded: contacts.filter((c) => c.outcome === null).length };
}

function supportSection(f: CourtReportFacts, h: CourtReportHearing): string {
  const lines: string[] = ['Support plan:'];
  if (f.interventions.length === 0) lines.push('No interventions are in the support plan yet.');
  for (const i of f.interventions) lines.push(`- ${i.name}: ${lower(PLAN_INTERVENTION_STATUS_LABELS[i.status])}`);
  lines.push('', 'Onward referrals:');
  if (f.onwardReferrals.length === 0) lines.push('No onward referrals have been made.');
  for (const o of f.onwardReferrals) lines.push(`- ${o.partnerName}: ${lower(ONWARD_REFERRAL_STATE_LABELS[o.state])}`);
  const n = contactCounts(f.contacts);
  const counts = [`${n.attended} attended`, `${n.late} attended late`, `${n.didNotAttend} did not attend`];
  if (n.cancelled) counts.push(`${n.cancelled} cancelled`);
  if (n.notRecorded) counts.push(`${n.notRecorded} not recorded yet`);
  lines.push('', `Contacts from ${sayDate(h.periodFrom)} to ${sayDate(h.periodTo)}: ${counts.join(', ')}.`);
  if (f.contacts.length === 0) lines.push('There were no contacts in this period.');
  for (const c of f.contacts.slice(0, CONTACT_LINES_MAX)) {
    lines.push(`- ${sayDate(c.on)}, ${lower(CONTACT_KIND_LABELS[c.kind])}: ${c.outcome ? lower(CONTACT_OUTCOME_LABELS[c.outcome]) : 'not recorded'}`);
  }
  if (f.contacts.length > CONTACT_LINES_MAX) lines.push(`- and ${f.contacts.length - CONTACT_LINES_MAX} more contacts, listed in the table of the report`);
  const recorded = f.contacts.filter((c) => c.outcome !== null).map((c) => ({ on: c.on, outcome: c.outcome! }));
  const e = engagementIndicator(recorded, h.periodTo);
  lines.push(e.level === 'none'
    ? 'Engagement: no contacts were recorded in the last 4 weeks of the period.'
    : `Engagement: ${lower(ENGAGEMENT_LEVEL_LABELS[e.level])} (in the last 4 weeks of the period, ${e.attended} attended and ${e.missed} missed).`);
  return lines.join('\n');
}

const PURPOSE_OPTIONS: Record<CourtReportPurpose, (name: string) => string> = {
  bail: (name) => `If ${name} is granted bail, the Liaison and Diversion team can continue the support described above while the case goes on.`,
  remand: (name) => `The court may wish to consider whether the support described above, in the community, could be an alternative to remanding ${name} in custody.`,
  sentence: () => 'For sentence, the court may wish to consider a community order with requirements that answer the needs identified.',
  fitness_to_plead: (name) => `The team is concerned about ${name}'s ability to understand the proceedings and take part in them. The court may wish to consider a psychiatric or psychological report on fitness to plead.`,
};

function optionsSection(f: CourtReportFacts, h: CourtReportHearing): { text: string; requirements: TreatmentRequirement[] } {
  const needs = identifiedNeeds(f);
  const requirements = suggestedRequirements(needs);
  const lines = [PURPOSE_OPTIONS[h.purpose](f.personName)];
  const found = (d: string) => {
    const level = needs.find((n) => n.domain === d)!.level;
    return `the needs found include ${lower(domainLabel(d))} (${level === 'identified' || level === 'suspected' ? `${level} at screening` : levelWords(level)})`;
  };
  if (requirements.includes('mental_health')) lines.push(`- ${TREATMENT_REQUIREMENT_LABELS.mental_health}: ${found('mental_health')}.`);
  if (requirements.includes('drug')) {
    lines.push(`- ${TREATMENT_REQUIREMENT_LABELS.drug} or ${lower(TREATMENT_REQUIREMENT_LABELS.alcohol)}, depending on the substance: ${found('substance_use')}.`);
  }
  const communication = needs.filter((n) => ['speech_language_communication', 'learning_disability', 'autism'].includes(n.domain));
  if (communication.length > 0) {
    lines.push(`- Adjustments so that ${f.personName} can take part in the hearing, such as plain language, breaks or an intermediary: needs were identified in ${communication.map((n) => lower(domainLabel(n.domain))).join(' and ')}.`);
  }
  if (requirements.length === 0 && communication.length === 0) lines.push('No treatment requirement is suggested from the needs identified so far.');
  return { text: lines.join('\n'), requirements };
}

/** The first draft of every section, and the treatment requirements it suggests. */
export function draftCourtReport(facts: CourtReportFacts, hearing: CourtReportHearing): { sections: CourtReportSections; requirements: TreatmentRequirement[] } {
  const options = optionsSection(facts, hearing);
  const sections: CourtReportSections = {
    background: background(facts),
    needs: needsSection(facts),
    support: supportSection(facts, hearing),
    options: options.text,
    recommendations: `${TO_COMPLETE} write the team's recommendation to ${hearing.courtName} for the hearing on ${sayDate(hearing.hearingOn)}, drawing on the needs, support and options above.]`,
  };
  for (const key of COURT_REPORT_SECTIONS) sections[key] = sections[key].slice(0, COURT_REPORT_SECTION_MAX);
  return { sections, requirements: options.requirements };
}

/** The report's text as shared with the court: each section under its heading. */
export function courtReportText(sections: CourtReportSections): string {
  return COURT_REPORT_SECTIONS.map((s) => `${COURT_REPORT_SECTION_LABELS[s]}\n${sections[s].trim()}`).join('\n\n');
}

/** Problems with the sections, keyed by section: too long when saving; also empty or unfinished before sign-off. */
export function courtReportSectionProblems(sections: CourtReportSections, forSignOff: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const s of COURT_REPORT_SECTIONS) {
    const name = COURT_REPORT_SECTION_LABELS[s];
    const text = (sections[s] ?? '').trim();
    if (text.length > COURT_REPORT_SECTION_MAX) problems[s] = `${name} must be ${COURT_REPORT_SECTION_MAX.toLocaleString('en-GB')} characters or fewer`;
    else if (forSignOff && text === '') problems[s] = `Enter the ${lower(name)} section before sending the report for sign-off`;
    else if (forSignOff && text.includes(TO_COMPLETE)) problems[s] = `${name} still has text in square brackets to complete: replace it before sending the report for sign-off`;
  }
  return problems;
}

/** Saturday or Sunday. */
const isWeekend = (date: string) => [3, 2].includes(((dayNumber(date) % 7) + 7) % 7);

/** The working day (Monday to Friday) before the hearing, but not before today. */
export function defaultDueOn(hearingOn: string, today: string): string {
  let due = addDays(hearingOn, -1);
  while (isWeekend(due)) due = addDays(due, -1);
  return daysBetween(today, due) < 0 ? (daysBetween(today, hearingOn) >= 0 ? today : due) : due;
}

export type CourtReportStart = {
  courtSiteId: string;
  hearingOn: string;
  /** Empty for the default: the working day before the hearing. */
  dueOn: string;
  purpose: string;
  periodFrom: string;
  periodTo: string;
};

/** Problems with the form that starts a court report, keyed by field; `courtSiteIds` are the service's courts. */
export function courtReportProblems(input: CourtReportStart, today: string, courtSiteIds: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!courtSiteIds.includes(input.courtSiteId)) problems.courtSiteId = 'Select the court the report is for';
  if (!input.hearingOn) problems.hearingOn = 'Enter the date of the hearing';
  else if (!isRealDate(input.hearingOn)) problems.hearingOn = 'Date of the hearing must be a real date';
  else if (daysBetween(today, input.hearingOn) < 0) problems.hearingOn = 'Date of the hearing must be today or in the future';
  if (input.dueOn) {
    if (!isRealDate(input.dueOn)) problems.dueOn = 'Date the report is due must be a real date';
    else if (!problems.hearingOn && daysBetween(input.dueOn, input.hearingOn) < 0) problems.dueOn = 'Date the report is due must be on or before the date of the hearing';
    else if (daysBetween(today, input.dueOn) < 0) problems.dueOn = 'Date the report is due must be today or in the future';
  }
  if (!isOneOf(COURT_REPORT_PURPOSES, input.purpose)) problems.purpose = 'Select what the report is for: bail, remand, sentence or a concern about fitness to plead';
  if (!input.periodFrom) problems.periodFrom = 'Enter the start of the period of contacts to include';
  else if (!isRealDate(input.periodFrom)) problems.periodFrom = 'Start of the period must be a real date';
  if (!input.periodTo) problems.periodTo = 'Enter the end of the period of contacts to include';
  else if (!isRealDate(input.periodTo)) problems.periodTo = 'End of the period must be a real date';
  else if (daysBetween(today, input.periodTo) > 0) problems.periodTo = 'End of the period must be today or earlier';
  if (!problems.periodFrom && !problems.periodTo && daysBetween(input.periodFrom, input.periodTo) < 0) problems.periodFrom = 'Start of the period must be on or before its end';
  return problems;
}
