// Advice to custody: a short, structured view of whether the person is fit for interview, needs an
// appropriate adult or a healthcare review, and how to manage their risk in custody.

export const FITNESS_FOR_INTERVIEW = ['fit', 'fit_with_support', 'not_fit', 'not_yet_known'] as const;
export type FitnessForInterview = (typeof FITNESS_FOR_INTERVIEW)[number];
export const FITNESS_FOR_INTERVIEW_LABELS: Record<FitnessForInterview, string> = {
  fit: 'Fit for interview',
  fit_with_support: 'Fit for interview with support',
  not_fit: 'Not fit for interview',
  not_yet_known: 'Not yet known',
};

export const CUSTODY_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type CustodyRiskLevel = (typeof CUSTODY_RISK_LEVELS)[number];
export const CUSTODY_RISK_LEVEL_LABELS: Record<CustodyRiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export type CustodyAdvice = {
  fitForInterview: FitnessForInterview;
  fitnessNotes: string;
  appropriateAdultNeeded: boolean;
  riskLevel: CustodyRiskLevel;
  riskManagement: string;
  healthcareReviewNeeded: boolean;
  healthcareReviewReason: string;
  suggestedReferral: string;
};

/** The advice as a form gives it: choices not yet checked, yes/no answers that may be missing. */
export type CustodyAdviceInput = {
  fitForInterview: string;
  fitnessNotes: string;
  appropriateAdultNeeded: boolean | null;
  riskLevel: string;
  riskManagement: string;
  healthcareReviewNeeded: boolean | null;
  healthcareReviewReason: string;
  suggestedReferral: string;
};

const isFitness = (v: string): v is FitnessForInterview => (FITNESS_FOR_INTERVIEW as readonly string[]).includes(v);
const isRiskLevel = (v: string): v is CustodyRiskLevel => (CUSTODY_RISK_LEVELS as readonly string[]).includes(v);

/** Problems with advice to custody, keyed by field, each saying how to put it right; empty when it may be shared. */
export function custodyAdviceProblems(input: CustodyAdviceInput): Record<string, string> {
  const problems: Record<string, string> = {};
  const notes = input.fitnessNotes.trim();
  if (!isFitness(input.fitForInterview)) problems.fitForInterview = 'Select whether the person is fit for interview';
  else if (input.fitForInterview === 'fit_with_support' && !notes) problems.fitnessNotes = 'Say what support the person needs to be interviewed, like breaks every 30 minutes';
  else if (input.fitForInterview === 'not_fit' && !notes) problems.fitnessNotes = 'Say why the person is not fit for interview';
  if (!problems.fitnessNotes && notes.length > 1000) problems.fitnessNotes = 'Notes on fitness for interview must be 1000 characters or fewer';
  if (input.appropriateAdultNeeded === null) problems.appropriateAdultNeeded = 'Select whether an appropriate adult is needed';
  const management = input.riskManagement.trim();
  if (!isRiskLevel(input.riskLevel)) problems.riskLevel = 'Select the risk in custody: low, medium or high';
  else if (input.riskLevel !== 'low' && !management) problems.riskManagement = `Say how to manage a ${input.riskLevel} risk in custody, like checks every 30 minutes`;
  if (!problems.riskManagement && management.length > 2000) problems.riskManagement = 'How to manage the risk must be 2000 characters or fewer';
  const reviewReason = input.healthcareReviewReason.trim();
  if (input.healthcareReviewNeeded === null) problems.healthcareReviewNeeded = 'Select whether a healthcare professional review is needed';
  else if (input.healthcareReviewNeeded && !reviewReason) problems.healthcareReviewReason = 'Say why a healthcare professional review is needed';
  else if (input.healthcareReviewNeeded && reviewReason.length > 1000) problems.healthcareReviewReason = 'Why a review is needed must be 1000 characters or fewer';
  if (input.suggestedReferral.trim().length > 1000) problems.suggestedReferral = 'The suggested referral must be 1000 characters or fewer';
  return problems;
}

/** The advice to store and share, from input with no problems: text trimmed, a review reason only when a review is needed. */
export function custodyAdviceOf(input: CustodyAdviceInput): CustodyAdvice {
  if (Object.keys(custodyAdviceProblems(input)).length > 0) throw new Error('Advice to custody with problems');
  return {
    fitForInterview: input.fitForInterview as FitnessForInterview,
    fitnessNotes: input.fitnessNotes.trim(),
    appropriateAdultNeeded: input.appropriateAdultNeeded === true,
    riskLevel: input.riskLevel as CustodyRiskLevel,
    riskManagement: input.riskManagement.trim(),
    healthcareReviewNeeded: input.healthcareReviewNeeded === true,
    healthcareReviewReason: input.healthcareReviewNeeded ? input.healthcareReviewReason.trim() : '',
    suggestedReferral: input.suggestedReferral.trim(),
  };
}

/** The exact plain text shared with custody: one line per point, empty optional notes left out. */
export function custodyAdviceText(advice: CustodyAdvice): string {
  const withNote = (text: string, note: string) => (note.trim() ? `${text} — ${note.trim()}` : text);
  const lines = [
    `Fit for interview: ${withNote(FITNESS_FOR_INTERVIEW_LABELS[advice.fitForInterview], advice.fitnessNotes)}`,
    `Appropriate adult needed: ${advice.appropriateAdultNeeded ? 'Yes' : 'No'}`,
    `Risk in custody: ${CUSTODY_RISK_LEVEL_LABELS[advice.riskLevel]}${advice.riskManagement.trim() ? `. How to manage it: ${advice.riskManagement.trim()}` : ''}`,
    `Healthcare professional review needed: ${advice.healthcareReviewNeeded ? withNote('Yes', advice.healthcareReviewReason) : 'No'}`,
  ];
  if (advice.suggestedReferral.trim()) lines.push(`Suggested referral: ${advice.suggestedReferral.trim()}`);
  return lines.join('\n');
}
