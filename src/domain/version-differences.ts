// Two versions of one record side by side: what someone else saved and what this user typed, field by field.
import { parseDateParts } from './age.js';
import { longDate } from './calendar-date.js';

/** The text shown for a blank answer, unless the field says otherwise. */
export const NOT_GIVEN = 'Not given';

/** One question of a form, as the comparison reads it. */
export type LabelledField = {
  /** The form's field name; for a date, the name of its three boxes (`name-day`, `name-month`, `name-year`). */
  name: string;
  /** The question, as a reader of the comparison alone would understand it. */
  label: string;
  /** A date in the NHS date input's three boxes, shown as "14 February 1996". */
  kind?: 'text' | 'date';
  /** For a choice: the words shown for each value the form posts. */
  choices?: Readonly<Record<string, string>>;
  /** The value a blank answer stands for, as the form shows it (a radio that reads blank as "not asked"). */
  blankMeans?: string;
  /** The words for a blank answer: "Not given" unless said (an unticked box may be "No"). */
  blankText?: string;
  /**
   * For a question that counts only after some answer to another (a legal basis only when sharing without consent):
   * on a side whose answers fail it, the answer is blank, as the form would save it, whatever its boxes still hold.
   */
  onlyWhen?: (values: FormValues) => boolean;
};

export type FieldDifference = { name: string; label: string; theirs: string; yours: string };

/** A form's values: what a form posted, or a stored record in the form's names. */
export type FormValues = Readonly<Record<string, string | null | undefined>>;

/** The answer in a form's values, in a form that compares equal when it means the same. */
function answerOf(field: LabelledField, values: FormValues): string {
  if (field.onlyWhen && !field.onlyWhen(values)) return field.blankMeans ?? '';
  const read = (name: string) => (values[name] ?? '').replace(/\r\n?/g, '\n').trim();
  if (field.kind === 'date') {
    const [day, month, year] = ['day', 'month', 'year'].map((part) => read(`${field.name}-${part}`));
    if (!day && !month && !year) return field.blankMeans ?? '';
    // Read as the form reads it; a date that is not real is compared, and shown, as typed.
    const parsed = parseDateParts(day!, month!, year!);
    return parsed.ok ? parsed.date : `${day}/${month}/${year}`;
  }
  return read(field.name) || (field.blankMeans ?? '');
}

/** How an answer reads in the comparison: a choice by its words, a date written out, text whole. */
function shown(field: LabelledField, answer: string): string {
  if (!answer) return field.blankText ?? NOT_GIVEN;
  if (field.kind === 'date') return longDate(answer) || answer;
  return field.choices?.[answer] ?? answer;
}

/** One field's answer in these values as the comparison shows it: for what was typed and not saved, shown elsewhere on a page. */
export function answerAsShown(field: LabelledField, values: FormValues): string {
  return shown(field, answerOf(field, values));
}

/**
 * The fields, in the form's order, whose saved answer (`theirs`) differs from the one typed (`yours`), each with its
 * label and both answers as a reader sees them. Answers that differ only in surrounding spaces or line endings, or a
 * blank and the value it stands for, are the same.
 */
export function versionDifferences(fields: readonly LabelledField[], theirs: FormValues, yours: FormValues): FieldDifference[] {
  const differences: FieldDifference[] = [];
  for (const field of fields) {
    const [saved, typed] = [answerOf(field, theirs), answerOf(field, yours)];
    if (saved !== typed) differences.push({ name: field.name, label: field.label, theirs: shown(field, saved), yours: shown(field, typed) });
  }
  return differences;
}
