// Shared handling of an administrator's create-or-edit form: show, validate, re-show with errors, refuse stale edits.
import type { FastifyReply } from 'fastify';
import { ConflictError, ValidationError } from '../../../services/errors.js';
import { errorSummary } from '../../forms.js';

/** Runs a save; on a validation error or a conflict re-renders the form with the user's input kept. */
export async function saveOrRerender(
  reply: FastifyReply,
  template: string,
  context: Record<string, unknown>,
  save: () => Promise<string>,
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
      const current = error.current as { version?: number } | null;
      const values = { ...(context.values as Record<string, unknown>), version: current?.version };
      return reply.code(409).page(template, { ...context, values, conflict: current, errors, errorList: [{ text: errors.form, href: '#main-form' }] });
    }
    throw error;
  }
}
