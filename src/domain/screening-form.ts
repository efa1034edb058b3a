// The screening form: its numbered versions, consent and capacity per purpose, and what a screen needs to be complete.
import { DOMAIN_FINDINGS, VULNERABILITY_DOMAINS, isDomainFinding, unansweredRequiredDomains, type DomainFinding, type VulnerabilityDomain } from './vulnerability-domains.js';

/** Bump when the questions change; each screen keeps the version it was made on. */
export const SCREENING_FORM_VERSION = 1;

/** The domains each version of the form asks about, in order. */
export const SCREENING_FORMS: Record<number, { domains: readonly VulnerabilityDomain[] }> = {
  1: { domains: VULNERABILITY_DOMAINS },
};

export const CONSENT_PURPOSES = ['assessment', 'justice_sharing', 'health_sharing', 'evaluation'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  assessment: 'Being assessed by the team',
  justice_sharing: 'Sharing information with police, courts and other justice agencies',
  health_sharing: 'Sharing information with health and care partners',
  evaluation: 'Use of their information for research and evaluation',
};

export const CONSENT_DECISIONS = ['given', 'refused', 'lacks_capacity', 'not_asked'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];
export const CONSENT_DECISION_LABELS: Record<ConsentDecision, string> = {
  given: 'Consent given',
  refused: 'Refused',
  lacks_capacity: 'Lacks capacity to decide',
  not_asked: 'Not asked yet',
};

export const SCREEN_OUTCOMES = ['no_further_action', 'advice_signpost', 'full_assessment'] as const;
export type ScreenOutcome = (typeof SCREEN_OUTCOMES)[number];
export const SCREEN_OUTCOME_LABELS: Record<ScreenOutcome, string> = {
  no_further_action: 'No further action',
  advice_signpost: 'Advice or signposting only',
  full_assessment: 'Full assessment: open a case',
};

export const CHILD_PATHWAY_QUESTIONS = ['appropriateAdult', 'parentCarerContacted', 'youthJusticeInformed'] as const;
export type ChildPathwayQuestion = (typeof CHILD_PATHWAY_QUESTIONS)[number];
export const CHILD_PATHWAY_LABELS: Record<ChildPathwayQuestion, string> = {
  appropriateAdult: 'Is an appropriate adult present or arranged?',
  parentCarerContacted: 'Has a parent or carer been contacted?',
  youthJusticeInformed: 'Has the youth justice service been informed?',
};

export type ScreenDraft = {
  formVersion: number;
  findings: Partial<Record<VulnerabilityDomain, { finding: DomainFinding; notes: string }>>;
  consent: Partial<Record<ConsentPurpose, { decision: ConsentDecision; decidedBy: string; notes: string }>>;
  childPathway: Partial<Record<ChildPathwayQuestion, 'yes' | 'no'>> | null;
  outcome: ScreenOutcome | null;
};

/**
 * Problems that stop a screen being saved (any time) or completed (`completing`), keyed by the form's field names:
 * `finding-<domain>`, `consent-<purpose>`, `decidedBy-<purpose>`, `child-<question>`, `outcome`.
 */
export function screenProblems(draft: ScreenDraft, options: { isChild: boolean; completing: boolean }): Record<string, string> {
  const problems: Record<string, string> = {};
  const form = SCREENING_FORMS[draft.formVersion];
  if (!form) return { form: `This screen was made on version ${draft.formVersion} of the form, which this version of Divert does not know` };
  for (const [domain, answer] of Object.entries(draft.findings)) {
    if (!form.domains.includes(domain as VulnerabilityDomain) || !answer || !isDomainFinding(answer.finding)) problems[`finding-${domain}`] = `Select ${DOMAIN_FINDINGS.join(', ').replace(/_/g, ' ')} for this need`;
    else if (answer.notes.length > 1000) problems[`finding-${domain}`] = 'Notes on a need must be 1000 characters or fewer';
  }
  for (const purpose of CONSENT_PURPOSES) {
    const answer = draft.consent[purpose];
    if (answer?.decision === 'lacks_capacity' && !answer.decidedBy.trim())
      problems[`decidedBy-${purpose}`] = 'Say who decided the person lacks capacity, and their role';
  }
  if (!options.completing) return problems;

  const assessment = draft.consent.assessment?.decision ?? 'not_asked';
  if (assessment === 'not_asked') problems['consent-assessment'] = 'Record whether the person consents to being assessed, refuses, or lacks capacity to decide';
  if (!draft.outcome) problems.outcome = 'Select the outcome of the screen';
  else if (draft.outcome === 'full_assessment' && assessment === 'refused')
    problems.outcome = 'The person refused assessment: choose advice or signposting, or no further action';
  if (options.isChild) {
    const findings = Object.fromEntries(Object.entries(draft.findings).map(([domain, answer]) => [domain, answer?.finding]));
    for (const domain of unansweredRequiredDomains(findings, true)) problems[`finding-${domain}`] = 'For a child, ask about this before completing the screen';
    for (const question of CHILD_PATHWAY_QUESTIONS) {
      if (!draft.childPathway?.[question]) problems[`child-${question}`] = `Answer: ${CHILD_PATHWAY_LABELS[question]}`;
    }
  }
  return problems;
}
