// Shared handling of an administrator's create-or-edit form: show, validate, re-show with errors, refuse stale edits.
import type { FastifyReply } from 'fastify';
import type { LabelledField } from '../../../domain/version-differences.js';
import { ConflictError, ValidationError } from '../../../services/errors.js';
import { errorSummary } from '../../forms.js';
import { conflictView, WHAT_CHANGED } from '../../version-conflict.js';

/** How a stale edit shows the saved record beside the one typed: the form's questions, and the record in the form's names. */
export type Comparison<Row> = { fields: readonly LabelledField[]; valuesOf: (current: Row) => Record<string, unknown> };

/** A form's values as the form posts them: yes or no for a choice of two, blank for nothing. */
function asPosted(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === true ? 'yes' : v === false ? 'no' : v === null || v === undefined ? '' : String(v)]));
}

/**
 * Runs a save; on a validation error or a conflict re-renders the form with the user's input kept. On a conflict,
 * `compare` lists what the other person saved beside what this user typed.
 */
export async function saveOrRerender<Row = unknown>(
  reply: FastifyReply,
  template: string,
  context: Record<string, unknown>,
  save: () => Promise<string>,
  compare?: Comparison<Row>,
): Promise<FastifyReply> {
  try {
    return reply.redirect(await save(), 303);
  } catch (error) {
    if (error instanceof ValidationError) {
      return reply.code(400).page(template, { ...context, errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) });
    }
    if (error instanceof ConflictError) {
      const errors = { form: `${error.message} Your changes are shown below and have not been saved. Check the latest version and save again.` };
      // The form now carries the latest version, so saving again is a deliberate choice made having seen it.
      const current = error.current as (Row & { version?: number; updated_at?: Date }) | null;
      const typed = (context.values ?? {}) as Record<string, unknown>;
      const values = { ...typed, version: current?.version };
      const savedAt = current?.updated_at ?? null;
      const conflict = current && compare ? conflictView(compare.fields, asPosted(compare.valuesOf(current)), asPosted(typed), savedAt) : { savedAt, differences: null, advice: null };
      return reply.code(409).page(template, { ...context, values, conflict, errors, errorList: [{ text: errors.form, href: WHAT_CHANGED }] });
    }
    throw error;
  }
}
