// A save refused because someone else saved first: what the conflict page shows of the two versions.
import { versionDifferences, type FieldDifference, type FormValues, type LabelledField } from '../domain/version-differences.js';

/**
 * What pages/_version-conflict.njk shows: when the other version was saved (if the record keeps it), and what differs
 * (null when the page cannot compare the two).
 */
export type ConflictView = { savedAt: Date | null; differences: FieldDifference[] | null; advice: string | null };

/**
 * `theirs` is the saved record in the form's names; `yours` is what the user posted. `advice` is what saving again
 * does, when it is not replacing theirs (a change recorded after theirs, say).
 */
export function conflictView(fields: readonly LabelledField[], theirs: FormValues, yours: FormValues, savedAt: Date | null = null, advice: string | null = null): ConflictView {
  return { savedAt, differences: versionDifferences(fields, theirs, yours), advice };
}

/** Where the comparison stands on the page (pages/_version-conflict.njk), for the error summary to lead to. */
export const WHAT_CHANGED = '#what-changed';

/** A stale save's message, as the form's error and as the error summary's link to the comparison. */
export const conflictErrors = (message: string) => ({ errors: { form: message }, errorList: [{ text: message, href: WHAT_CHANGED }] });
