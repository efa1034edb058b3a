// The recorded facts that may be corrected with a reason, how each is entered, and how a new value is checked.
import { parseDateParts } from './age.js';
import { CLOSURE_REASONS, CLOSURE_REASON_LABELS, FOLLOW_UP_ANSWERS, FOLLOW_UP_ANSWER_LABELS } from './closure.js';
import { CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS } from './engagement.js';
import { londonInstant, parseTimeOfDay } from './london-time.js';

export type FactKind = 'text' | 'long_text' | 'choice' | 'date' | 'datetime';

/** How the subject is tied to its case: its own case_id, through its onward referral, or it is the case. */
export type CaseLink = 'case_id' | 'onward_referral' | 'is_case';

export type AmendableFact = {
  subjectType: string;
  field: string;
  table: 'contact' | 'onward_referral_event' | 'assessment' | 'case_episode' | 'follow_up' | 'interim_support';
  label: string;
  kind: FactKind;
  link: CaseLink;
  choices?: readonly { value: string; text: string }[];
  maxLength?: number;
  required?: boolean;
  /** Dates and times: may not be later than now. */
  notFuture?: boolean;
};

const choicesOf = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, text: labels[value] }));

export const AMENDABLE_FACTS: readonly AmendableFact[] = [
  { subjectType: 'contact', field: 'starts_at', table: 'contact', label: 'Date and time of the contact', kind: 'datetime', link: 'case_id', required: true },
  { subjectType: 'contact', field: 'place', table: 'contact', label: 'Place of the contact', kind: 'text', link: 'case_id', maxLength: 200 },
  { subjectType: 'contact', field: 'outcome', table: 'contact', label: 'Outcome of the contact', kind: 'choice', link: 'case_id', choices: choicesOf(CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS), required: true },
  { subjectType: 'contact', field: 'notes', table: 'contact', label: 'Notes of the contact', kind: 'long_text', link: 'case_id', maxLength: 4000 },
  { subjectType: 'onward_referral_event', field: 'occurred_on', table: 'onward_referral_event', label: 'Date of the onward referral change', kind: 'date', link: 'onward_referral', required: true, notFuture: true },
  { subjectType: 'assessment', field: 'strengths', table: 'assessment', label: 'Strengths', kind: 'long_text', link: 'case_id', maxLength: 4000 },
  { subjectType: 'assessment', field: 'risk_level', table: 'assessment', label: 'Risk level', kind: 'choice', link: 'case_id', choices: [{ value: 'low', text: 'Low' }, { value: 'medium', text: 'Medium' }, { value: 'high', text: 'High' }], required: true },
  { subjectType: 'assessment', field: 'risk_to_self', table: 'assessment', label: 'Risk to self', kind: 'long_text', link: 'case_id', maxLength: 4000 },
  { subjectType: 'assessment', field: 'risk_to_others', table: 'assessment', label: 'Risk to others', kind: 'long_text', link: 'case_id', maxLength: 4000 },
  { subjectType: 'case_episode', field: 'closure_reason', table: 'case_episode', label: 'Reason for closure', kind: 'choice', link: 'is_case', choices: choicesOf(CLOSURE_REASONS, CLOSURE_REASON_LABELS), required: true },
  { subjectType: 'case_episode', field: 'exit_summary', table: 'case_episode', label: 'Exit summary', kind: 'long_text', link: 'is_case', maxLength: 4000, required: true },
  { subjectType: 'case_episode', field: 'closed_on', table: 'case_episode', label: 'Closure date', kind: 'date', link: 'is_case', required: true, notFuture: true },
  { subjectType: 'follow_up', field: 'new_arrest', table: 'follow_up', label: 'New arrest known', kind: 'choice', link: 'case_id', choices: choicesOf(FOLLOW_UP_ANSWERS, FOLLOW_UP_ANSWER_LABELS), required: true },
  { subjectType: 'follow_up', field: 'notes', table: 'follow_up', label: 'Follow-up notes', kind: 'long_text', link: 'case_id', maxLength: 2000 },
  { subjectType: 'interim_support', field: 'taken_up', table: 'interim_support', label: 'Interim support taken up', kind: 'choice', link: 'onward_referral', choices: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }, { value: 'not_yet', text: 'Not yet' }], required: true },
];

/** The registry entry for a subject type and field, or null when that fact cannot be corrected. */
export function amendableFact(subjectType: string, field: string): AmendableFact | null {
  return AMENDABLE_FACTS.find((f) => f.subjectType === subjectType && f.field === field) ?? null;
}

/** A fact's value as stored in an amendment and compared: dates YYYY-MM-DD, instants ISO 8601, else text. */
export type FactValue = string | null;

/** The stored column value in the amendment's form. */
export function factValueOf(fact: AmendableFact, raw: unknown): FactValue {
  if (raw === null || raw === undefined) return null;
  if (fact.kind === 'datetime') return new Date(raw as string | Date).toISOString();
  return String(raw);
}

/** The form's inputs for a new value: `value` for text and choices, date boxes and `time` for dates and times. */
export type FactInput = { value?: string; day?: string; month?: string; year?: string; time?: string };

export type FactParse = { ok: true; value: FactValue } | { ok: false; error: string; field: string };

const firstLower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/**
 * Reads and checks a new value for a fact. Error `field` is the input's id: `value`, `date-day|month|year`, `time`.
 * `now` is the instant for "not in the future" checks; `today` its London date.
 */
export function parseFactValue(fact: AmendableFact, input: FactInput, now: { instant: Date; today: string }): FactParse {
  if (fact.kind === 'date' || fact.kind === 'datetime') {
    const date = parseDateParts(input.day ?? '', input.month ?? '', input.year ?? '', fact.kind === 'date' ? fact.label : `Date of ${firstLower(fact.label.replace(/^Date and time of /, ''))}`);
    if (!date.ok) return { ok: false, error: date.error, field: `date-${date.field}` };
    if (fact.kind === 'date') {
      if (fact.notFuture && date.date > now.today) return { ok: false, error: `${fact.label} must be today or in the past`, field: 'date-day' };
      return { ok: true, value: date.date };
    }
    const time = (input.time ?? '').trim();
    const clock = parseTimeOfDay(time);
    if (!clock) return { ok: false, error: time ? 'Enter the time as hours and minutes on the 24-hour clock, like 14:30' : 'Enter the time', field: 'time' };
    const instant = londonInstant(date.date, clock);
    if (fact.notFuture && instant > now.instant) return { ok: false, error: `${fact.label} must be in the past`, field: 'date-day' };
    return { ok: true, value: instant.toISOString() };
  }
  const value = (input.value ?? '').trim();
  if (fact.kind === 'choice') {
    if (!fact.choices?.some((c) => c.value === value)) return { ok: false, error: `Select the ${firstLower(fact.label)}`, field: 'value' };
    return { ok: true, value };
  }
  if (fact.required && !value) return { ok: false, error: `Enter the ${firstLower(fact.label)}`, field: 'value' };
  if (fact.maxLength !== undefined && value.length > fact.maxLength) return { ok: false, error: `${fact.label} must be ${fact.maxLength} characters or fewer`, field: 'value' };
  return { ok: true, value };
}

/** The reason for a correction: required, at most 1000 characters. */
export function correctionReasonProblem(reason: string): string | null {
  const r = reason.trim();
  if (!r) return 'Enter the reason for the correction, for example "typed the wrong date"';
  if (r.length > 1000) return 'Reason for the correction must be 1000 characters or fewer';
  return null;
}

/** The label of a choice value, or the value itself. */
export function choiceText(fact: AmendableFact, value: FactValue): string | null {
  if (value === null) return null;
  return fact.choices?.find((c) => c.value === value)?.text ?? value;
}
