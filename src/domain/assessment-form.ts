// The full assessment: need per vulnerability domain, strengths, risk, safeguarding and family, and what makes it complete.
import { VULNERABILITY_DOMAINS, type DomainFinding, type VulnerabilityDomain } from './vulnerability-domains.js';
import { SCREENING_FORMS, SCREENING_FORM_VERSION } from './screening-form.js';

/** The domains the assessment grades: those of the current screening form, in order. */
export const ASSESSMENT_DOMAINS: readonly VulnerabilityDomain[] = SCREENING_FORMS[SCREENING_FORM_VERSION]?.domains ?? VULNERABILITY_DOMAINS;

export const NEED_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];
export const NEED_LEVEL_LABELS: Record<NeedLevel, string> = { none: 'No need', low: 'Low', medium: 'Medium', high: 'High' };

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const SAFEGUARDING_CONCERNS = ['child_at_risk', 'adult_at_risk'] as const;
export type SafeguardingConcernKind = (typeof SAFEGUARDING_CONCERNS)[number];
export const SAFEGUARDING_CONCERN_LABELS: Record<SafeguardingConcernKind, string> = { child_at_risk: 'A child at risk', adult_at_risk: 'An adult at risk' };

export const FAMILY_OFFERS = ['yes', 'no', 'not_now'] as const;
export type FamilyOffer = (typeof FAMILY_OFFERS)[number];
export const FAMILY_OFFER_LABELS: Record<FamilyOffer, string> = { yes: 'Yes', no: 'No', not_now: 'Not now' };

/** Text limits, the same as the database's where it has one. */
export const ASSESSMENT_LIMITS = { evidence: 2000, wants: 2000, longText: 4000, safeguarding: 2000, familyNotes: 1000, concerns: 20 } as const;

/** One domain's answer; the need level is null until the worker grades it. */
export type NeedAnswer = { need: NeedLevel | null; evidence: string; wants: string };
export type SafeguardingEntry = { concern: SafeguardingConcernKind | null; details: string; actionTaken: string };
export type FamilyEntry = { personId: string; offerSupport: FamilyOffer | null; notes: string };

export type AssessmentDraft = {
  needs: Partial<Record<VulnerabilityDomain, NeedAnswer>>;
  strengths: string;
  riskToSelf: string;
  riskToOthers: string;
  riskLevel: RiskLevel | null;
  safeguarding: SafeguardingEntry[];
  family: FamilyEntry[];
};

/**
 * Where the assessment starts from the screen: a domain screened as no need starts as no need; one identified or
 * suspected starts ungraded with the screen's notes as evidence; a domain not asked starts empty.
 */
export function needsFromScreen(findings: Partial<Record<string, { finding: DomainFinding | string; notes: string }>>): Partial<Record<VulnerabilityDomain, NeedAnswer>> {
  const needs: Partial<Record<VulnerabilityDomain, NeedAnswer>> = {};
  for (const domain of ASSESSMENT_DOMAINS) {
    const screened = findings[domain];
    if (!screened || screened.finding === 'not_asked') continue;
    if (screened.finding === 'none') needs[domain] = { need: 'none', evidence: screened.notes, wants: '' };
    else needs[domain] = { need: null, evidence: screened.notes ? `At screening: ${screened.notes}` : '', wants: '' };
  }
  return needs;
}

const tooLong = (text: string, limit: number) => text.length > limit;

/**
 * Problems that stop an assessment being saved (any time) or completed (`completing`), keyed by the form's field names:
 * `need-<domain>`, `evidence-<domain>`, `wants-<domain>`, `strengths`, `riskToSelf`, `riskToOthers`, `riskLevel`,
 * `safeguarding-<n>-concern|details|actionTaken`, `family-<personId>-offer|notes`, `family`.
 * `labels` names each domain in messages; `familyIds` are the people linked to the person assessed.
 */
export function assessmentProblems(
  draft: AssessmentDraft,
  options: { completing: boolean; familyIds: readonly string[]; labels: Record<string, string> },
): Record<string, string> {
  const problems: Record<string, string> = {};
  const label = (d: string) => options.labels[d] ?? d;
  for (const domain of ASSESSMENT_DOMAINS) {
    const answer = draft.needs[domain];
    if (answer && tooLong(answer.evidence, ASSESSMENT_LIMITS.evidence)) problems[`evidence-${domain}`] = `Evidence for ${label(domain).toLowerCase()} must be ${ASSESSMENT_LIMITS.evidence} characters or fewer`;
    if (answer && tooLong(answer.wants, ASSESSMENT_LIMITS.wants)) problems[`wants-${domain}`] = `What the person wants about ${label(domain).toLowerCase()} must be ${ASSESSMENT_LIMITS.wants} characters or fewer`;
    if (!options.completing) continue;
    if (!answer?.need) problems[`need-${domain}`] = `Select the level of need for ${label(domain).toLowerCase()}`;
    else if ((answer.need === 'medium' || answer.need === 'high') && !answer.evidence.trim() && !problems[`evidence-${domain}`])
      problems[`evidence-${domain}`] = `Enter the evidence for a ${answer.need} need in ${label(domain).toLowerCase()}`;
  }
  for (const domain of Object.keys(draft.needs)) if (!(ASSESSMENT_DOMAINS as readonly string[]).includes(domain)) problems[`need-${domain}`] = `${domain} is not an area this assessment asks about`;

  for (const [field, name] of [['strengths', 'Strengths'], ['riskToSelf', 'Risk to self'], ['riskToOthers', 'Risk to others']] as const) {
    if (tooLong(draft[field], ASSESSMENT_LIMITS.longText)) problems[field] = `${name} must be ${ASSESSMENT_LIMITS.longText} characters or fewer`;
  }

  if (draft.safeguarding.length > ASSESSMENT_LIMITS.concerns) problems.safeguarding = `Record at most ${ASSESSMENT_LIMITS.concerns} safeguarding concerns`;
  draft.safeguarding.forEach((s, i) => {
    const at = `safeguarding-${i}`;
    const n = `safeguarding concern ${i + 1}`;
    if (!s.concern) problems[`${at}-concern`] = `Select whether a child or an adult is at risk in ${n}`;
    if (tooLong(s.details, ASSESSMENT_LIMITS.safeguarding)) problems[`${at}-details`] = `Details of ${n} must be ${ASSESSMENT_LIMITS.safeguarding} characters or fewer`;
    else if (options.completing && !s.details.trim()) problems[`${at}-details`] = `Enter the details of ${n}: who is at risk, and of what`;
    if (tooLong(s.actionTaken, ASSESSMENT_LIMITS.safeguarding)) problems[`${at}-actionTaken`] = `The action taken on ${n} must be ${ASSESSMENT_LIMITS.safeguarding} characters or fewer`;
    else if (options.completing && !s.actionTaken.trim())
      problems[`${at}-actionTaken`] = `Enter the action taken on ${n}, for example a referral to children's or adult social care`;
  });

  const seen = new Set<string>();
  for (const f of draft.family) {
    if (!options.familyIds.includes(f.personId) || seen.has(f.personId)) problems.family = 'Family members must be people linked to this person, each once';
    seen.add(f.personId);
    if (tooLong(f.notes, ASSESSMENT_LIMITS.familyNotes)) problems[`family-${f.personId}-notes`] = `Notes on a family member must be ${ASSESSMENT_LIMITS.familyNotes} characters or fewer`;
  }

  if (options.completing) {
    if (!draft.riskLevel) problems.riskLevel = 'Select the risk level: low, medium or high';
    else if (draft.riskLevel !== 'low' && !draft.riskToSelf.trim() && !draft.riskToOthers.trim() && !problems.riskToSelf)
      problems.riskToSelf = `Describe the risk to self or to others that makes the risk level ${draft.riskLevel}`;
  }
  return problems;
}

/** Safeguarding concerns still waiting for an action: shown as a warning on a draft. */
export const concernsWithoutAction = (entries: readonly SafeguardingEntry[]): number => entries.filter((s) => !s.actionTaken.trim()).length;
