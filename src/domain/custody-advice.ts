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
