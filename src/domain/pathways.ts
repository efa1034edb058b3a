// The pathways of the partner services an L&D team refers people on to.
export const PATHWAYS = [
  'camhs',
  'adult_mental_health',
  'substance_misuse',
  'speech_and_language',
  'womens_centre',
  'housing',
  'debt_advice',
  'domestic_abuse',
  'education_employment',
  'safeguarding',
  'learning_disability',
  'youth_justice',
  'probation',
  'restorative_justice',
  'other',
] as const;

export type Pathway = (typeof PATHWAYS)[number];

export const PATHWAY_LABELS: Record<Pathway, string> = {
  camhs: "Children and young people's mental health (CAMHS)",
  adult_mental_health: 'Adult mental health',
  substance_misuse: 'Drug and alcohol',
  speech_and_language: 'Speech and language therapy',
  womens_centre: "Women's centre",
  housing: 'Housing',
  debt_advice: 'Debt and money advice',
  domestic_abuse: 'Domestic abuse',
  education_employment: 'Education, training and employment',
  safeguarding: 'Safeguarding',
  learning_disability: 'Learning disability and autism',
  youth_justice: 'Youth justice',
  probation: 'Probation',
  restorative_justice: 'Restorative justice',
  other: 'Other',
};

export const isPathway = (value: unknown): value is Pathway =>
  typeof value === 'string' && (PATHWAYS as readonly string[]).includes(value);
