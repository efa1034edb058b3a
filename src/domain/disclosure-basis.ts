// Disclosures to justice agencies: to whom, on what basis, and the rule that nothing is shared without
// recorded consent, or a recorded legal basis that a team manager approves.
import type { ConsentDecision } from './screening-form.js';

export const DISCLOSURE_RECIPIENTS = ['custody', 'cps', 'court', 'probation', 'youth_justice', 'defence'] as const;
export type DisclosureRecipient = (typeof DISCLOSURE_RECIPIENTS)[number];
export const DISCLOSURE_RECIPIENT_LABELS: Record<DisclosureRecipient, string> = {
  custody: 'Custody sergeant or custody staff',
  cps: 'Crown Prosecution Service',
  court: 'Court',
  probation: 'Probation',
  youth_justice: 'Youth justice service',
  defence: 'Defence solicitor',
};

export const DISCLOSURE_KINDS = ['information', 'custody_advice', 'court_report', 'condition_compliance'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];
export const DISCLOSURE_KIND_LABELS: Record<DisclosureKind, string> = {
  information: 'Information',
  custody_advice: 'Advice to custody',
  court_report: 'Court report',
  condition_compliance: 'Compliance with a condition',
};

export const DISCLOSURE_BASES = ['consent', 'legal_basis'] as const;
export type DisclosureBasis = (typeof DISCLOSURE_BASES)[number];

export const LEGAL_BASES = ['serious_harm', 'safeguarding', 'crime_and_disorder_act', 'court_order'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  serious_harm: 'To prevent serious harm to the person or to others',
  safeguarding: 'To safeguard a child or an adult at risk',
  crime_and_disorder_act: 'Crime and Disorder Act 1998, section 115 (prevention of crime)',
  court_order: 'A court order or another legal duty to share',
};

export const DISCLOSURE_STATUSES = ['awaiting_approval', 'disclosed', 'not_approved'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];
export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, string> = {
  awaiting_approval: 'Awaiting a manager’s approval',
  disclosed: 'Shared',
  not_approved: 'Not approved',
};

/** What the person's record says about consent to share with justice agencies. */
export type JusticeConsent = { decision: ConsentDecision; screeningId: string | null };

export type DisclosureBasisInput = {
  basis: DisclosureBasis | null;
  consent: JusticeConsent;
  legalBasis: LegalBasis | null;
  legalBasisReason: string;
};

/**
 * Problems with the basis of a disclosure, keyed by field (`basis`, `legalBasis`, `legalBasisReason`):
 * empty when it may go ahead (at once for consent; after a manager's approval for a legal basis).
 */
export function disclosureBasisProblems(input: DisclosureBasisInput): Record<string, string> {
  if (!input.basis) return { basis: 'Select the basis for sharing: the person’s consent, or a legal basis for a manager to approve' };
  if (input.basis === 'consent') {
    if (input.consent.decision === 'given' && input.consent.screeningId) return {};
    return { basis: consentMissing(input.consent.decision) };
  }
  const problems: Record<string, string> = {};
  if (!input.legalBasis) problems.legalBasis = 'Select the legal basis for sharing without consent';
  if (!input.legalBasisReason.trim()) problems.legalBasisReason = 'Explain why consent is not relied on (for example, the person lacks capacity or could not be asked)';
  else if (input.legalBasisReason.length > 2000) problems.legalBasisReason = 'The reason must be 2000 characters or fewer';
  return problems;
}

/** Why consent cannot be the basis, in words that say what to do instead. */
export function consentMissing(decision: ConsentDecision): string {
  switch (decision) {
    case 'refused':
      return 'The person refused consent to sharing with justice agencies. Share only on a legal basis that a team manager approves, or do not share';
    case 'lacks_capacity':
      return 'The person lacks capacity to consent to sharing with justice agencies. Record a legal basis for a team manager to approve';
    default:
      return 'No consent to sharing with justice agencies is recorded. Record the person’s consent on their screening, or give a legal basis for a team manager to approve';
  }
}

/** The status a new disclosure takes: consent shares at once; a legal basis waits for a manager, unless a manager makes it. */
export function initialDisclosureStatus(basis: DisclosureBasis, byTeamManager: boolean): DisclosureStatus {
  return basis === 'consent' || byTeamManager ? 'disclosed' : 'awaiting_approval';
}

/** Problems with a manager's decision on a disclosure awaiting approval. */
export function approvalProblems(status: DisclosureStatus, decision: 'approve' | 'refuse', reason: string): Record<string, string> {
  if (status !== 'awaiting_approval') return { decision: 'This disclosure is not waiting for approval' };
  if (decision === 'refuse' && !reason.trim()) return { reason: 'Say why the disclosure is not approved' };
  if (reason.length > 1000) return { reason: 'The reason must be 1000 characters or fewer' };
  return {};
}
