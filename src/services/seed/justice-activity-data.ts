// Word lists for the demo justice liaison work: advice to custody, what is shared with the CPS, probation and youth
// justice, requests to share without consent, recommendations to court, the offences and conditions of disposals,
// and the training the team gives. Invented and written without names, so they fit anyone.
import type { LegalBasis } from '../../domain/disclosure-basis.js';

/** Notes on fitness for interview, by the advice given. */
export const FITNESS_NOTES = {
  fit: ['', '', 'Settled and understands what is happening'],
  fit_with_support: [
    'Needs short questions in plain words and a break every 30 minutes',
    'Check understanding of the caution by asking them to explain it back',
    'Allow extra time to answer; give questions one at a time',
  ],
  not_fit: [
    'Acutely distressed and not able to follow questions; review again in four hours',
    'Thoughts disorganised; not able to give a reliable account at present',
  ],
  not_yet_known: ['Intoxicated: reassess once sober', 'Waiting for the healthcare practitioner to review withdrawal'],
} as const;

/** How to manage the risk in custody, by level (low may be left empty). */
export const RISK_MANAGEMENT = {
  low: ['', 'Usual checks'],
  medium: ['Rousing checks every 30 minutes', 'Keep in a cell with CCTV; explain what happens next to reduce distress', 'Intoxicated on arrival: rousing checks until sober'],
  high: ['Constant observation until reviewed by the healthcare practitioner', 'Ligature risk: remove cords and check every 15 minutes', 'Recent self-harm: level 3 observation and no release without a safety plan'],
} as const;

export const HEALTHCARE_REVIEW_REASONS = {
  substance: ['Risk of alcohol withdrawal: review every four hours', 'Daily opiate use: review for withdrawal and medication'],
  selfHarm: ['Recent self-harm; wounds need checking', 'Thoughts of suicide today: needs a mental health review before release'],
  physical: ['Missed insulin today', 'Asthma: has no inhaler with them'],
} as const;

export const SUGGESTED_REFERRALS = {
  full_assessment: ['Full assessment by the Liaison and Diversion team (booked)', 'Full assessment by the team, then the community mental health team if needed'],
  advice_signpost: ['GP appointment this week; recovery service details given', 'Self-referral to talking therapies; details given', 'Drop-in at the recovery hub; leaflet given'],
  no_further_action: [''],
} as const;

/** Information shared with consent, by recipient: who receives it, why, and what (with {name} and {since}). */
export const INFORMATION_SHARES: ReadonlyArray<{ recipient: 'cps' | 'probation' | 'youth_justice'; forChild: boolean; recipientName: string; purpose: string; content: string }> = [
  {
    recipient: 'cps', forChild: false, recipientName: 'CPS Direct, charging lawyer',
    purpose: 'To inform the charging decision',
    content: '{name} has been supported by the Liaison and Diversion team since {since}. The team found mental health needs that are being treated, and {name} is engaging with support. The team suggests an out-of-court disposal with conditions linked to the support plan would be proportionate.',
  },
  {
    recipient: 'cps', forChild: false, recipientName: 'CPS, reviewing lawyer (magistrates\' court unit)',
    purpose: 'To inform the decision on an out-of-court disposal',
    content: '{name} has a learning disability and needs information in plain words. With support from the team since {since}, {name} understood the caution when it was explained back. An appropriate adult was present at interview.',
  },
  {
    recipient: 'probation', forChild: false, recipientName: 'Probation court team, pre-sentence report writer',
    purpose: 'To inform the pre-sentence report',
    content: '{name} has worked with the Liaison and Diversion team since {since}, attending most appointments. Needs identified: low mood and daily alcohol use. Referred to the recovery service; first appointment attended. An alcohol treatment requirement may be suitable.',
  },
  {
    recipient: 'probation', forChild: false, recipientName: 'Probation practitioner, community order supervision',
    purpose: 'To share progress with the supervising probation practitioner',
    content: '{name} has been engaging with the Liaison and Diversion team since {since} and is waiting for the community mental health team. Interim weekly check-ins are in place until the first appointment.',
  },
  {
    recipient: 'youth_justice', forChild: true, recipientName: 'Youth justice service, case manager',
    purpose: 'To inform the youth justice service\'s assessment',
    content: '{name} has been supported by the Liaison and Diversion team since {since}. Speech, language and communication needs were found: use short sentences and check understanding. Referred to speech and language therapy; on the waiting list.',
  },
  {
    recipient: 'youth_justice', forChild: true, recipientName: 'Youth justice service, out-of-court disposal panel',
    purpose: 'To inform the out-of-court disposal panel',
    content: '{name} has worked with the Liaison and Diversion team since {since} and has attended every session so far. The team supports a diversionary outcome with a victim awareness session as part of the plan.',
  },
];

/** Requests to share without consent: the legal basis, why consent is not relied on ({why}: the person's decision), and what would be shared. */
/** `forChild`: only about a child (true), only about an adult (false), or anyone (null). */
export const LEGAL_BASIS_REQUESTS: ReadonlyArray<{ legalBasis: LegalBasis; reason: string; purpose: string; content: string; recipient: 'custody' | 'cps' | 'probation' | 'youth_justice'; recipientName: string; forChild: boolean | null }> = [
  {
    legalBasis: 'serious_harm', recipient: 'custody', recipientName: 'Custody staff', forChild: null,
    reason: '{why}. Custody need to know of the risk of self-harm before release.',
    purpose: 'To keep the person safe on release from custody',
    content: 'Said today they intend to end their life on release. Please do not release without a safety plan agreed with the Liaison and Diversion team.',
  },
  {
    legalBasis: 'safeguarding', recipient: 'youth_justice', recipientName: 'Youth justice service, duty officer', forChild: true,
    reason: '{why}, but there are signs of criminal exploitation and the youth justice service must know to keep them safe.',
    purpose: 'To safeguard a child at risk of criminal exploitation',
    content: 'Found out of area with cash and two phones; says owes money to older people. Referred to children\'s social care today.',
  },
  {
    legalBasis: 'crime_and_disorder_act', recipient: 'probation', recipientName: 'Probation, duty officer', forChild: false,
    reason: '{why}. Sharing is needed to manage the risk to a named partner (Crime and Disorder Act 1998, section 115).',
    purpose: 'To inform the risk management plan',
    content: 'Disclosed continuing contact with the victim despite bail conditions. Domestic abuse service informed.',
  },
  {
    legalBasis: 'serious_harm', recipient: 'cps', recipientName: 'CPS Direct, duty lawyer', forChild: false,
    reason: '{why}. The risk to others is serious and current.',
    purpose: 'To inform the decision on bail',
    content: 'Made threats to harm a neighbour during the screen and carries a knife for protection.',
  },
];

/** Why consent is not relied on, by the person's recorded decision. */
export const CONSENT_NOT_RELIED_ON: Readonly<Record<'refused' | 'lacks_capacity', string>> = {
  refused: 'The person refused consent to sharing with justice agencies',
  lacks_capacity: 'The person lacks capacity to decide about sharing at present (assessed at screening)',
};

export const NOT_APPROVED_REASONS: readonly string[] = [
  'Not serious enough to share without consent: ask the person again at the next contact',
  'The risk can be managed by the team; no need to share with the police at this stage',
];

/** The team's recommendation to court, written by the author over the drafted prompt. */
export const RECOMMENDATIONS: Readonly<Record<'bail' | 'remand' | 'sentence' | 'fitness_to_plead', readonly string[]>> = {
  bail: [
    'The team recommends bail with a condition to keep appointments with the Liaison and Diversion team, who will support attendance at court.',
    'Bail at a settled address would allow the support plan to continue; the team will report any missed appointments.',
  ],
  remand: ['If the court remands, the team asks that prison healthcare is told of the needs above; with consent the team will share the support plan.'],
  sentence: [
    'The team recommends a community order with a mental health treatment requirement; the community mental health team has confirmed it can offer treatment.',
    'A community order with an alcohol treatment requirement would build on the engagement so far; the recovery service can start within two weeks.',
    'A community order with a drug rehabilitation requirement is suggested; the person has agreed to regular testing.',
  ],
  fitness_to_plead: ['The team asks the court to consider a psychiatric report on fitness to plead before the next hearing.'],
};

export const RETURNED_REASONS: readonly string[] = ['Please add the dates of the last three appointments to the support section', 'Options need to say which service would deliver the treatment requirement'];

/** What the person was dealt with for, by offence category. */
export const OFFENCES: Readonly<Record<string, readonly string[]>> = {
  violence: ['Common assault', 'Assault by beating', 'Assault occasioning actual bodily harm'],
  sexual: ['Sexual assault'],
  robbery: ['Robbery of a mobile phone'],
  theft: ['Theft from a shop (groceries worth £48)', 'Theft from a shop (cosmetics worth £120)', 'Theft of a pedal cycle'],
  criminal_damage: ['Criminal damage to a bus shelter', 'Criminal damage to a neighbour\'s car'],
  drugs: ['Possession of cannabis', 'Possession of a class A drug'],
  weapons: ['Possession of a bladed article in a public place'],
  public_order: ['Using threatening words or behaviour (Public Order Act, section 4A)', 'Drunk and disorderly'],
  fraud: ['Fraud by false representation (bank card)'],
  motoring: ['Driving without insurance'],
  breach: ['Breach of a community order'],
  other: ['Malicious communications'],
  not_known: ['Common assault'],
};

export const YOUTH_CONDITIONS: readonly string[] = [
  'Write a letter of apology to the victim',
  'Keep every appointment with the Liaison and Diversion worker for 12 weeks',
  'No contact with the victim',
  'Take part in two sessions with the youth justice service',
];
export const ADULT_CONDITIONS: readonly string[] = [
  'Attend an appointment with the recovery service',
  'Keep every appointment with the Liaison and Diversion worker for 12 weeks',
  'Pay £50 compensation to the victim',
  'Attend the women\'s centre for an initial appointment',
  'No contact with the victim',
];
/** A condition resting on a restorative session in the plan, by the intervention's name. */
export const RESTORATIVE_CONDITIONS: Readonly<Record<string, string>> = {
  'Victim awareness session': 'Attend a victim awareness session',
  'Shop theft session': 'Attend a shop theft session',
};

export const BAIL_CONDITIONS: readonly string[] = [
  'Live and sleep at the address given to the court. Curfew 7pm to 7am. No contact with the complainant.',
  'Report to the police station every Monday and Thursday. Not to enter the town centre. Keep appointments with the Liaison and Diversion team.',
  'Live and sleep at the address given. Not to contact any prosecution witness.',
];
export const DISPOSAL_NOTES: Readonly<Record<string, readonly string[]>> = {
  outcome_22: ['Deferred prosecution: to engage with the Liaison and Diversion plan for 12 weeks', 'Diverted to the youth justice service\'s prevention programme'],
  youth_caution: ['Youth justice service informed; voluntary support offered'],
  community_resolution: ['Apology given to the shop manager', 'Agreed to repair the damage'],
  no_further_action: ['Evidential test not met', 'Not in the public interest to prosecute given the mental health needs found'],
  charge: ['Charged; first appearance at the magistrates\' court'],
  remand: ['Remanded to prison; prison healthcare told of the needs found, with consent'],
  custody: ['Prison healthcare told of the support plan, with consent'],
  community_order: ['Supervised by probation; the team will share progress with consent'],
};

/** Mental health awareness training the team gives, by audience. */
export const TRAINING_TOPICS: Readonly<Record<'police' | 'court' | 'probation' | 'youth_justice', readonly string[]>> = {
  police: [
    'Mental health awareness for custody officers', 'Spotting speech, language and communication needs in custody', 'Autism awareness in custody',
    'Self-harm and suicide risk in custody', 'Learning disability and the appropriate adult', 'Drug and alcohol withdrawal: what to look for',
    'Making a referral to the Liaison and Diversion team',
  ],
  court: ['Vulnerable defendants: mental health and communication needs', 'What a Liaison and Diversion court report can tell the bench', 'Treatment requirements: mental health, drug and alcohol'],
  probation: ['Working with people with learning disabilities on supervision'],
  youth_justice: ['Trauma-informed practice with children in the justice system'],
};
export const TRAINING_NOTES: readonly string[] = ['', '', 'Feedback forms: most found it useful', 'Asked for a follow-up session on autism', 'Two sessions run to cover both shifts', 'Slides and the referral leaflet sent afterwards'];
