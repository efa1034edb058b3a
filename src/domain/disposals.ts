// Disposals: what the justice system decided at each step, the conditions of a conditional caution,
// and the parts of a sentence the team follows (treatment requirements, unpaid work), with the rules for recording each.
import { isRealDate } from './age.js';
import { isOneOf } from './referral-vocabulary.js';
import { sayDate } from './support-plan.js';

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

/** Sentences whose requirements the team follows: treatment requirements and unpaid work. */
export const COMMUNITY_SENTENCES: readonly SentenceKind[] = ['community_order', 'suspended_sentence'];
/** Disposals given only to a child (10 to 17 on the day of the decision). */
export const CHILD_ONLY_DISPOSALS: readonly DisposalKind[] = ['outcome_22', 'youth_caution', 'youth_conditional_caution'];
/** Disposals given only to an adult (18 or over on the day of the decision). */
export const ADULT_ONLY_DISPOSALS: readonly DisposalKind[] = ['adult_conditional_caution'];

/** The form offers this many condition rows; blank rows are left out. */
export const CONDITION_SLOTS = 5;
export const UNPAID_WORK_HOURS = { min: 1, max: 300 } as const;
export const CUSTODY_MONTHS = { min: 1, max: 600 } as const;
export const PAYBACK_HOURS = { min: 0.5, max: 12 } as const;

export const isConditionalDisposal = (kind: DisposalKind): boolean => CONDITIONAL_DISPOSALS.includes(kind);
export const isCommunitySentence = (kind: SentenceKind | null): boolean => kind !== null && COMMUNITY_SENTENCES.includes(kind);

/** The disposal as a sentence says it: "adult conditional caution", "Outcome 22". */
export function disposalInWords(kind: DisposalKind): string {
  const label = DISPOSAL_KIND_LABELS[kind].replace(/ \(.*\)$/, '');
  return kind === 'outcome_22' ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
const withArticle = (words: string): string => `${/^[aeiouAEIOU]/.test(words) ? 'An' : 'A'} ${words}`;
const firstLower = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
const sayHours = (h: number): string => `${h} ${h === 1 ? 'hour' : 'hours'}`;

export type ConditionDraft = {
  description: string;
  /** YYYY-MM-DD, or '' when not given. */
  deadlineOn: string;
  planInterventionId: string | null;
};

export type DisposalDraft = {
  kind: string;
  /** YYYY-MM-DD, or '' when not given. */
  decidedOn: string;
  decidedBy: string;
  offence: string;
  bailConditions: string;
  sentenceKind: string | null;
  treatmentRequirements: string[];
  unpaidWorkHours: number | null;
  custodyMonths: number | null;
  notes: string;
  /** The conditions, in the order of the form's rows; null for a blank row (ignored). */
  conditions: Array<ConditionDraft | null>;
};

/** The name of a field of the nth condition row (from 1), as the form and its errors name it. */
export const conditionField = (n: number, part: 'Description' | 'Deadline' | 'PlanInterventionId'): string => `condition${n}${part}`;

/**
 * Problems with one condition of a caution, keyed `description` and `deadlineOn`: it needs words, and a real
 * deadline on or after the day of the caution (`decidedOn`; not compared when that is not a real date).
 */
export function conditionProblems(condition: ConditionDraft, decidedOn: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const description = condition.description.trim();
  if (description.length < 2) problems.description = 'Enter the condition, like Attend a victim awareness session';
  else if (description.length > 500) problems.description = 'The condition must be 500 characters or fewer';
  if (!condition.deadlineOn) problems.deadlineOn = 'Enter the deadline of the condition';
  else if (!isRealDate(condition.deadlineOn)) problems.deadlineOn = 'The deadline must be a real date';
  else if (isRealDate(decidedOn) && condition.deadlineOn < decidedOn) problems.deadlineOn = `The deadline must be on or after the date of the caution, ${sayDate(decidedOn)}`;
  return problems;
}

function tooLong(value: string, max: number, label: string): string | null {
  return value.trim().length > max ? `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` : null;
}

function outOfRange(value: number, range: { min: number; max: number }, label: string): string | null {
  return Number.isInteger(value) && value >= range.min && value <= range.max ? null : `${label} must be a whole number from ${range.min} to ${range.max}`;
}

function ageProblem(kind: DisposalKind, age: number): string | null {
  if (CHILD_ONLY_DISPOSALS.includes(kind) && (age < 10 || age > 17)) {
    return `${withArticle(disposalInWords(kind))} is only for a child aged 10 to 17, and the person was ${age} on the date of the decision: check the date, or choose another outcome`;
  }
  if (ADULT_ONLY_DISPOSALS.includes(kind) && age < 18) {
    return `${withArticle(disposalInWords(kind))} is only for someone aged 18 or over, and the person was ${age} on the date of the decision: choose a youth conditional caution`;
  }
  return null;
}

function sentenceProblems(input: DisposalDraft, kind: DisposalKind | null): Record<string, string> {
  const problems: Record<string, string> = {};
  const sentenceKind = isOneOf(SENTENCE_KINDS, input.sentenceKind) ? input.sentenceKind : null;
  if (kind === 'sentence' && !sentenceKind) problems.sentenceKind = 'Select the kind of sentence';
  if (kind !== 'sentence' && input.sentenceKind !== null) problems.sentenceKind = 'A kind of sentence is recorded only for a sentence: choose Sentence, or clear it';
  const community = isCommunitySentence(sentenceKind);
  if (input.treatmentRequirements.length > 0) {
    if (!community) problems.treatmentRequirements = 'Treatment requirements are recorded only for a community order or a suspended sentence order';
    else if (!input.treatmentRequirements.every((t) => isOneOf(TREATMENT_REQUIREMENTS, t))) problems.treatmentRequirements = 'Select treatment requirements from the list';
  }
  if (input.unpaidWorkHours !== null) {
    const problem = community ? outOfRange(input.unpaidWorkHours, UNPAID_WORK_HOURS, 'Unpaid work hours') : 'Unpaid work hours are recorded only for a community order or a suspended sentence order';
    if (problem) problems.unpaidWorkHours = problem;
  }
  if (input.custodyMonths !== null) {
    const problem = sentenceKind === 'custody' ? outOfRange(input.custodyMonths, CUSTODY_MONTHS, 'The length of custody in months') : 'A length of custody is recorded only for a custodial sentence';
    if (problem) problems.custodyMonths = problem;
  }
  return problems;
}

/**
 * Problems with a disposal to record, keyed by field: the kind; a real date of decision, not in the future;
 * each kind's own details and no others (conditions only for a conditional caution, and at least one there;
 * bail conditions only for bail; a sentence's kind; treatment requirements and unpaid work (1 to 300 hours)
 * only for a community or suspended sentence order; months of custody only for custody); and an age that fits
 * the kind (`ageAtDecision`, the person's age on the day of the decision: null when not known, and then not checked).
 */
export function disposalProblems(input: DisposalDraft, today: string, ageAtDecision: number | null): Record<string, string> {
  const problems: Record<string, string> = {};
  const kind = isOneOf(DISPOSAL_KINDS, input.kind) ? input.kind : null;
  const age = kind && ageAtDecision !== null ? ageProblem(kind, ageAtDecision) : null;
  if (!kind) problems.kind = 'Select what was decided';
  else if (age) problems.kind = age;
  if (!input.decidedOn) problems.decidedOn = 'Enter the date of the decision';
  else if (!isRealDate(input.decidedOn)) problems.decidedOn = 'The date of the decision must be a real date';
  else if (input.decidedOn > today) problems.decidedOn = 'The date of the decision cannot be in the future';
  const decidedBy = tooLong(input.decidedBy, 200, 'Who decided');
  if (decidedBy) problems.decidedBy = decidedBy;
  const offence = tooLong(input.offence, 500, 'The offence');
  if (offence) problems.offence = offence;
  if (input.bailConditions.trim()) {
    const bail = kind === 'bail' ? tooLong(input.bailConditions, 2000, 'Bail conditions') : 'Bail conditions are recorded only for bail: clear them, or choose Bail';
    if (bail) problems.bailConditions = bail;
  }
  Object.assign(problems, sentenceProblems(input, kind));
  const entered = input.conditions.filter((c): c is ConditionDraft => c !== null);
  const firstRow = Math.max(1, input.conditions.findIndex((c) => c !== null) + 1);
  if (kind && isConditionalDisposal(kind)) {
    if (entered.length === 0) problems[conditionField(1, 'Description')] = `Enter at least one condition of the ${disposalInWords(kind)}, with its deadline`;
    input.conditions.forEach((c, i) => {
      if (c === null) return;
      const found = conditionProblems(c, input.decidedOn);
      if (found.description) problems[conditionField(i + 1, 'Description')] = `Condition ${i + 1}: ${firstLower(found.description)}`;
      if (found.deadlineOn) problems[conditionField(i + 1, 'Deadline')] = `Condition ${i + 1}: ${firstLower(found.deadlineOn)}`;
    });
  } else if (entered.length > 0) {
    problems[conditionField(firstRow, 'Description')] = 'Conditions are recorded only for a youth or adult conditional caution: clear them, or choose the conditional caution';
  }
  const notes = tooLong(input.notes, 2000, 'Notes');
  if (notes) problems.notes = notes;
  return problems;
}

export type ComplianceUpdate = { compliance: string; /** YYYY-MM-DD; null or '' when not given. */ on: string | null };

/**
 * Problems with a change of compliance, keyed `compliance` and `on`: met or not met needs the day it was
 * known, not before the caution (`decidedOn`) and not in the future; in progress takes no date.
 */
export function complianceProblems(update: ComplianceUpdate, decidedOn: string, today: string): Record<string, string> {
  if (!isOneOf(COMPLIANCE_STATES, update.compliance)) return { compliance: 'Select where the condition stands: in progress, met or not met' };
  if (update.compliance === 'in_progress') return {};
  const word = COMPLIANCE_LABELS[update.compliance].toLowerCase();
  if (!update.on) return { on: `Enter the date the condition was ${word}` };
  if (!isRealDate(update.on)) return { on: `The date the condition was ${word} must be a real date` };
  if (update.on < decidedOn) return { on: `The date the condition was ${word} cannot be before the caution, ${sayDate(decidedOn)}` };
  if (update.on > today) return { on: `The date the condition was ${word} cannot be in the future` };
  return {};
}

export type PaybackEntry = { /** YYYY-MM-DD, or '' when not given. */ workedOn: string; hours: number };
export type PaybackOrder = { /** The day the order was made. */ decidedOn: string; hoursOrdered: number; hoursDone: number };

/** Unpaid work hours still to do on an order (never below 0). */
export const paybackHoursLeft = (order: Pick<PaybackOrder, 'hoursOrdered' | 'hoursDone'>): number => Math.max(0, order.hoursOrdered - order.hoursDone);

/**
 * Problems with community payback hours to record against an order, keyed `hours` and `workedOn`: 0.5 to 12
 * hours in half hours, on a day not before the order and not in the future, not taking the total past the hours ordered.
 */
export function paybackProblems(entry: PaybackEntry, order: PaybackOrder, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!Number.isFinite(entry.hours) || entry.hours < PAYBACK_HOURS.min || entry.hours > PAYBACK_HOURS.max || !Number.isInteger(entry.hours * 2)) {
    problems.hours = 'Enter the hours worked, in half hours from 0.5 to 12, like 3.5';
  } else if (order.hoursDone + entry.hours > order.hoursOrdered) {
    const left = paybackHoursLeft(order);
    problems.hours = left === 0
      ? `All ${sayHours(order.hoursOrdered)} of unpaid work ordered are already recorded`
      : `That would make ${sayHours(order.hoursDone + entry.hours)}, more than the ${sayHours(order.hoursOrdered)} ordered: ${sayHours(left)} ${left === 1 ? 'is' : 'are'} left`;
  }
  if (!entry.workedOn) problems.workedOn = 'Enter the date the hours were worked';
  else if (!isRealDate(entry.workedOn)) problems.workedOn = 'The date the hours were worked must be a real date';
  else if (entry.workedOn < order.decidedOn) problems.workedOn = `The date the hours were worked cannot be before the order was made, ${sayDate(order.decidedOn)}`;
  else if (entry.workedOn > today) problems.workedOn = 'The date the hours were worked cannot be in the future';
  return problems;
}

export type ComplianceReportCondition = { description: string; deadlineOn: string; compliance: Compliance; complianceOn: string | null };

/** The words shared with the justice agency: "Condition: Attend a victim awareness session by 14 January 2027 — Met on 9 January 2027". */
export function complianceReportText(condition: ComplianceReportCondition, today: string): string {
  const where = condition.compliance === 'in_progress' || !condition.complianceOn
    ? `In progress on ${sayDate(today)}`
    : `${COMPLIANCE_LABELS[condition.compliance]} on ${sayDate(condition.complianceOn)}`;
  return `Condition: ${condition.description.trim()} by ${sayDate(condition.deadlineOn)} — ${where}`;
}

/** Why a compliance report is shared: "To report compliance with the conditions of the adult conditional caution". */
export const complianceReportPurpose = (kind: DisposalKind): string => `To report compliance with the conditions of the ${disposalInWords(kind)}`;
