// Disposals: what the justice system decided at each step, the conditions of a conditional caution,
// and the parts of a sentence the team follows (treatment requirements, unpaid work).

export const DISPOSAL_KINDS = [
  'no_further_action', 'community_resolution', 'outcome_22', 'youth_caution', 'youth_conditional_caution',
  'adult_conditional_caution', 'charge', 'bail', 'remand', 'sentence',
] as const;
export type DisposalKind = (typeof DISPOSAL_KINDS)[number];
export const DISPOSAL_KIND_LABELS: Record<DisposalKind, string> = {
  no_further_action: 'No further action',
  community_resolution: 'Community resolution',
  outcome_22: 'Outcome 22 (deferred prosecution or diversion)',
  youth_caution: 'Youth caution',
  youth_conditional_caution: 'Youth conditional caution',
  adult_conditional_caution: 'Adult conditional caution',
  charge: 'Charge',
  bail: 'Bail',
  remand: 'Remand in custody',
  sentence: 'Sentence',
};

/** Disposals that carry conditions, each with a deadline and compliance. */
export const CONDITIONAL_DISPOSALS: readonly DisposalKind[] = ['youth_conditional_caution', 'adult_conditional_caution'];

export const SENTENCE_KINDS = ['community_order', 'suspended_sentence', 'custody', 'fine', 'discharge'] as const;
export type SentenceKind = (typeof SENTENCE_KINDS)[number];
export const SENTENCE_KIND_LABELS: Record<SentenceKind, string> = {
  community_order: 'Community order',
  suspended_sentence: 'Suspended sentence order',
  custody: 'Custody',
  fine: 'Fine',
  discharge: 'Discharge',
};

export const TREATMENT_REQUIREMENTS = ['mental_health', 'drug', 'alcohol'] as const;
export type TreatmentRequirement = (typeof TREATMENT_REQUIREMENTS)[number];
export const TREATMENT_REQUIREMENT_LABELS: Record<TreatmentRequirement, string> = {
  mental_health: 'Mental health treatment requirement',
  drug: 'Drug rehabilitation requirement',
  alcohol: 'Alcohol treatment requirement',
};

export const COMPLIANCE_STATES = ['in_progress', 'met', 'not_met'] as const;
export type Compliance = (typeof COMPLIANCE_STATES)[number];
export const COMPLIANCE_LABELS: Record<Compliance, string> = { in_progress: 'In progress', met: 'Met', not_met: 'Not met' };
