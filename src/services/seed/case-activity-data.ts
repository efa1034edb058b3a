// Word lists for the demo case work: what assessments find, goals in the person's own words, onward
// referral reasons, contact notes and closure summaries. Invented and written without names, so they fit anyone.
import type { Pathway } from '../../domain/pathways.js';
import type { VulnerabilityDomain } from '../../domain/vulnerability-domains.js';
import type { Phrase } from './activity-data.js';

const child = (text: string): Phrase => ({ text, only: 'child' });
const adult = (text: string): Phrase => ({ text, only: 'adult' });

/** Evidence for a need, as the assessor writes it. */
export const NEED_EVIDENCE: Readonly<Record<VulnerabilityDomain, readonly Phrase[]>> = {
  mental_health: ['Low mood most days for over a year; sleeping badly', 'Panic attacks two or three times a week', adult('Hears voices when stressed; was under the community team two years ago'), child('Tearful and withdrawn at school, says so too')],
  self_harm_suicide: ['Self-harms by cutting when overwhelmed; last time a week ago', 'Passive thoughts of not wanting to wake up; no plan'],
  learning_disability: ['Needs things read and explained; struggles with letters and forms', 'Attended a special school; finds new places hard'],
  autism: ['Diagnosed autistic; changes of plan cause great distress', 'Sensory overload in busy places; needs quiet rooms'],
  adhd: ['Finds it very hard to sit through appointments; forgets dates', 'ADHD diagnosed as a child; no support since'],
  speech_language_communication: ['Did not understand the caution when asked to explain it back', 'Answers "yes" to questions without understanding them'],
  brain_injury: ['Memory problems since a head injury; forgets appointments'],
  substance_use: [adult('Drinks most days; shakes in the morning'), 'Daily cannabis to get to sleep', adult('Uses crack cocaine at weekends, more when money comes in'), child('Cannabis with friends most evenings')],
  physical_health: ['Asthma, not seen a GP for two years', adult('Type 2 diabetes, not taking medication regularly')],
  trauma_abuse: ['Abuse in childhood; finds it hard to trust professionals', 'Witnessed violence at home for years'],
  domestic_abuse: [adult('Ex-partner still turns up at the house; police called twice this year'), adult('Partner controls money and phone'), child('Violence between parents at home; social care involved')],
  housing: [adult('Sofa surfing between friends'), adult('Rent arrears; eviction notice served'), 'Overcrowded home, no room of their own'],
  finance_debt: [adult('Universal Credit sanctioned; borrowing from friends'), adult('Owes money to a doorstep lender')],
  education_training_employment: [child('Excluded from school; on a part-time timetable'), adult('Out of work for two years; would like a job'), child('Left college in the first term')],
  family_caring: [adult('Cares for a parent with dementia'), adult('Two young children; no family nearby'), child('Looks after younger brothers and sisters most evenings')],
  gangs_exploitation: [child('Found out of area with cash and two phones'), 'Says owes money to older people and has to do jobs for them'],
};

/** What the person wants, in their own words. */
export const NEED_WANTS: Readonly<Record<VulnerabilityDomain, readonly Phrase[]>> = {
  mental_health: ['I want to feel less wound up all the time', 'I want someone to talk to who gets it', 'I just want to sleep properly'],
  self_harm_suicide: ['I want to stop hurting myself', 'I want to know who to ring when it gets bad'],
  learning_disability: ['I want people to explain things slowly', 'I want help with letters'],
  autism: ['I want people to tell me what is happening before it happens', 'I want somewhere quiet to meet'],
  adhd: ['I want reminders for my appointments', 'I want to see if medication would help'],
  speech_language_communication: ['I want people to use easier words', 'I want help to understand what the court says'],
  brain_injury: ['I want help remembering things'],
  substance_use: [adult('I want to cut down on the drink'), 'I want to stop smoking weed every day', adult('I want to get a script and get stable')],
  physical_health: ['I want to get registered with a GP', 'I want to sort my inhaler out'],
  trauma_abuse: ['I want to talk about what happened, but not yet', 'I want to feel safe'],
  domestic_abuse: [adult('I want to feel safe in my own home'), adult('I want him to leave me alone'), child('I want the shouting at home to stop')],
  housing: [adult('I want my own place'), adult('I want to keep my flat'), 'I want somewhere I can actually sleep'],
  finance_debt: [adult('I want to get my benefits sorted'), adult('I want to stop owing people money')],
  education_training_employment: [child('I want to get back to college'), child('I want to go back to school full time'), adult('I want a job, anything really'), adult('I want to do my forklift licence')],
  family_caring: [adult('I want to be a better mum'), adult('I want some help with my dad'), child('I want time for myself')],
  gangs_exploitation: [child('I want them to leave me alone'), 'I want to get out of it without getting hurt'],
};

/** Goals in the person's own words, first person, by need. */
export const GOALS: Readonly<Partial<Record<VulnerabilityDomain, readonly Phrase[]>>> = {
  mental_health: ['I want to feel more like myself again', 'I want to see someone about my anxiety', 'I want to sleep better and stop worrying all night'],
  self_harm_suicide: ['I want to find other ways to cope when things get bad', 'I want a plan for when I feel like hurting myself'],
  substance_use: [adult('I want to cut down my drinking to weekends only'), 'I want to stop smoking weed every day', adult('I want to get on a script and stay stable')],
  speech_language_communication: ['I want to understand what people are saying to me in court', 'I want people to know how to talk to me'],
  learning_disability: ['I want help with my letters and forms'],
  autism: ['I want my appointments to be somewhere quiet'],
  education_training_employment: [child('I want to get back to college'), child('I want to go back to school full time'), adult('I want to get a job'), adult('I want to do a course in something practical')],
  housing: [adult('I want a place of my own'), adult('I want to keep my tenancy'), 'I want to stop sofa surfing'],
  finance_debt: [adult('I want to get my benefits sorted out'), adult('I want to pay off what I owe bit by bit')],
  domestic_abuse: [adult('I want to feel safe at home'), adult('I want to know my options')],
  trauma_abuse: ['I want to talk to someone about what happened when I am ready'],
  family_caring: [adult('I want to get my kids back into a routine'), adult('I want some support for looking after my mum')],
  gangs_exploitation: [child('I want to stay away from the people who got me into this'), 'I want to feel safe going out'],
  physical_health: ['I want to register with a GP'],
};
export const GENERAL_GOALS: readonly Phrase[] = ['I want to stay out of trouble', 'I want to keep my appointments', child('I want to make my mum proud'), adult('I want to get my life back on track'), 'I want to understand what happens next with court'];

export const STRENGTHS: readonly Phrase[] = [
  'Honest about what happened and wants things to change', 'Close to a grandparent who is supportive', 'Good at football; plays for a local team',
  'Keeps appointments when reminded by text', adult('Has held down work in the past'), child('Likes art and music; a teacher they trust'), 'A good friend who is a positive influence',
  adult('Devoted to their children'), 'Has stayed off drugs for long spells before', 'Open to help; asked for it at screening',
];
export const RISK_TO_SELF: readonly string[] = [
  'No current thoughts of self-harm; protective factors are family and a pet', 'Self-harm when overwhelmed; safety plan agreed', 'Risk of accidental overdose when using alone',
  'Vulnerable to exploitation by older peers', 'Low risk to self at present', 'Passive suicidal thoughts; crisis numbers given and GP informed',
];
export const RISK_TO_OTHERS: readonly string[] = [
  'No known risk to others beyond the index offence', 'Anger when drinking; one previous assault', 'Low risk to others', 'Carries a knife for protection; talked through the risks',
  'Damage to property when distressed; no violence to people',
];
export const SAFEGUARDING: ReadonlyArray<{ concern: 'child_at_risk' | 'adult_at_risk'; details: string; actionTaken: string; forChild: boolean | null }> = [
  { concern: 'child_at_risk', details: 'Signs of criminal exploitation: found out of area, unexplained money and phones.', actionTaken: "Referred to children's social care and the exploitation hub; youth justice informed.", forChild: true },
  { concern: 'child_at_risk', details: 'Says there is often no food at home and a parent is drinking heavily.', actionTaken: "Referral made to children's social care the same day; school safeguarding lead told.", forChild: true },
  { concern: 'child_at_risk', details: 'Young children at home while the parent is in custody; care arranged informally.', actionTaken: "Checked the children's care with the custody sergeant; children's social care notified.", forChild: false },
  { concern: 'adult_at_risk', details: 'Partner controls money and phone; recent injury explained away.', actionTaken: 'DASH risk assessment done; referral to the domestic abuse service and MARAC.', forChild: false },
  { concern: 'adult_at_risk', details: 'Being "cuckooed": people using the flat to deal drugs.', actionTaken: 'Adult safeguarding referral to the council; neighbourhood police team informed with consent.', forChild: false },
];
export const FAMILY_NOTES: readonly string[] = ['Worried about the arrest; would like advice', 'Would like parenting support', 'Not ready to talk to anyone yet', 'Already supported by early help', 'Struggling with their own mental health', ''];

export const INTERVENTION_RATIONALE: Readonly<Record<string, readonly string[]>> = {
  'Victim awareness session': ['A victim was harmed; the person wants to understand the effect and make amends', 'Proportionate to the offence; agreed with the police as part of the community resolution'],
  'Shop theft session': ['Shop theft offence; a first step before any formal action', 'Repeated shop theft; the person agreed to attend'],
  'Internet safety session': ['Offence committed online; one-to-one session suits better than a group'],
  'Speech and language assessment': ['Communication needs found at assessment; needed before court'],
  'Mental health and wellbeing support': ['Low mood and anxiety; bridges the wait for the mental health team', 'Wants someone to talk to; agreed six sessions'],
  'Education or training support': ['Out of education; wants to get back to learning', 'Wants work; needs help with a CV and applications'],
  'Drug and alcohol brief intervention': ['Substance use linked to the offence', 'Wants to cut down; brief intervention first'],
  'Housing and debt advice': ['Housing at risk; arrears building', 'Money worries behind the offence'],
};

export const EXIT_STRATEGIES: readonly string[] = [
  'By week 12 I will be seeing {partner} on my own, and I know who to call if things slip.',
  'Support ends when I am settled with {partner}; my worker will come to the first appointment with me.',
  'We will step down contact from weekly to fortnightly after week 8, and hand over to {partner}.',
  'By the end I will have a plan for keeping well, and my GP will know what support I have.',
];

export const ONWARD_REASONS: Readonly<Partial<Record<Pathway, readonly string[]>>> = {
  camhs: ['Low mood and self-harm; needs a CAMHS assessment', 'Anxiety stopping them going to school'],
  adult_mental_health: ['Long-standing low mood; not under any service', 'Possible psychosis; needs an assessment'],
  substance_misuse: ['Daily alcohol use; wants to cut down', 'Crack and heroin use; wants a script', 'Daily cannabis use; wants help to stop'],
  speech_and_language: ['Difficulty understanding spoken language; needs a full assessment', 'Communication needs found at court'],
  womens_centre: ['Wants support from other women; isolated', 'Needs a safe place and practical help'],
  housing: ['Sofa surfing; needs housing options advice', 'Eviction notice served; needs help to keep the tenancy'],
  debt_advice: ['Benefit sanction and rent arrears', 'Doorstep loan debts'],
  domestic_abuse: ['Victim of domestic abuse; needs safety planning', 'Controlling partner; wants to know the options'],
  education_employment: ['Wants to get back into education', 'Wants help to find work'],
  learning_disability: ['Possible learning disability; needs an assessment'],
  restorative_justice: ['Wants to put things right with the victim'],
};
export const DECLINE_REASONS: readonly string[] = [
  'Does not meet the service threshold; advice given to see the GP', 'Lives outside the area the service covers', 'Already open to another team in the service',
  'Needs a different service: redirected to the crisis team',
];
export const WITHDRAW_REASONS: readonly string[] = [
  'The person no longer wants this referral', 'The person moved out of the area', 'Need met by another service', 'Sent in error: wrong service chosen',
];
export const INTERIM_SUPPORT: Readonly<Partial<Record<Pathway, readonly string[]>>> = {
  camhs: ['Weekly wellbeing check-ins with the L&D worker', 'School counsellor sessions while waiting'],
  adult_mental_health: ['Weekly check-in calls from the L&D worker', 'Crisis line numbers and a safety plan', 'Talking therapies self-help course'],
  substance_misuse: ['Harm reduction advice and naloxone', 'Drop-in at the recovery café'],
  speech_and_language: ['Communication passport written with the person'],
  housing: ['Emergency night shelter place', 'Help to fill in the housing register form'],
  education_employment: ['Job club at the library on Tuesdays'],
  learning_disability: ['Easy-read information and weekly check-ins'],
};
export const INTERIM_NOTES: readonly string[] = ['Went twice and found it helpful', 'Did not want to go alone', 'Will think about it', ''];

export const REALLOCATION_REASONS: readonly string[] = [
  'Worker on leave for three weeks', 'Better fit: speech and language needs', 'Caseload balancing across the team', 'The person asked for a different worker',
  'Worker moved to the court team',
];
export const EXTENSION_REASONS: readonly string[] = [
  'Waiting for the first CAMHS appointment; stopping now would leave no support in place', 'Court date moved; support needed until sentencing',
  'Housing crisis in week 11; needs to be settled before handover', 'First appointment with the mental health team is two weeks after the 12 weeks end',
];

export const CONTACT_PLACES: Readonly<Record<string, readonly string[]>> = {
  meeting: ['Community base', 'Café in the town centre', 'Library meeting room', 'Youth centre', 'College'],
  phone_call: ['By phone'],
  video_call: ['Video call'],
  home_visit: ['Home'],
  outreach: ['Town centre', 'Night shelter', 'Recovery café'],
};
export const CONTACT_WITH: readonly string[] = ['', '', '', '', 'Mum', 'Key worker', 'Dad', 'Partner', 'Social worker'];
export const CONTACT_NOTES: Readonly<Record<string, readonly string[]>> = {
  attended: ['Went through the plan; goals still right', 'Talked about the court date and what to expect', 'Good session; more settled this week', 'Helped fill in the housing form', 'Low this week; safety plan reviewed', 'Practised what to say at the first appointment'],
  late: ['Twenty minutes late; bus problems', 'Late, so a shorter session'],
  did_not_attend: ['Did not attend; no answer on the phone', 'Not at home at the agreed time; card left', 'Did not attend; text sent to rebook'],
  cancelled_by_person: ['Cancelled by text: unwell', 'Cancelled: had a job interview'],
  cancelled_by_service: ['Worker off sick; rebooked', 'Room not available; rebooked'],
};
export const FUTURE_CONTACT_NOTES: readonly string[] = ['', 'Review of the plan', 'Go with them to the first appointment', 'Check in after court'];

export const SESSION_PLACES: readonly string[] = ['Community base, group room', 'Town hall, committee room 2', 'Youth centre', 'Library meeting room'];
export const REVIEW_NOTES: readonly string[] = [
  'Goals still right; keeping weekly contact', 'Good progress with college; one goal done', 'Still waiting for the mental health team; interim support in place',
  'Missed two contacts; agreed texts the day before', 'Settled in new housing; stepping down to fortnightly',
];

export const CLOSURE_DETAILS: Readonly<Record<string, readonly string[]>> = {
  plan_completed: [''],
  disengaged: ['No contact for four weeks despite calls, texts and a home visit', 'Said they no longer wanted support'],
  moved_away: ['Moved to family in another area; details of local services given'],
  in_custody: ['Remanded in custody; prison healthcare informed with consent'],
  other: ['Now supported by the community mental health team as their main service', 'Case closed on advice of the youth justice service'],
};
export const EXIT_SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  plan_completed: [
    'Plan completed. Attended most contacts, now seeing {partner} without us and knows how to get back in touch.',
    'All goals met or in hand. Handed over to {partner}; the person says things feel more settled.',
  ],
  disengaged: ['Engaged well at first, then stopped answering. Onward referrals left open with the services.'],
  moved_away: ['Moved away before the plan finished; referrals passed on to services in the new area where possible.'],
  in_custody: ['Support ended on remand. Information shared with prison healthcare with consent.'],
  other: ['Support continues through another service; summary shared with them.'],
};
export const FOLLOW_UP_NOTES: readonly string[] = [
  'Still seeing the service every fortnight; doing well', 'Phoned; says things are better and still in college', 'No answer after three calls; letter sent',
  'Stopped going after two months; given the details again', '',
];
