// Errors a use case raises for the web and API layers to turn into pages and status codes.

/** Field name → message, in the order the fields appear on the form. */
export type FieldErrors = Record<string, string>;

/** The input breaks a rule: each message names its field and says how to fix it. */
export class ValidationError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super(Object.values(fieldErrors).join('; '));
  }
}

/** The record changed since the user read it: their edit is refused, not merged. */
export class ConflictError<T = unknown> extends Error {
  constructor(readonly current: T, message = 'Someone else changed this record while you were editing it.') {
    super(message);
  }
}

/** The record does not exist, or is outside what the user may see (the two are not told apart). */
export class NotFoundError extends Error {
  constructor(what = 'record') {
    super(`No such ${what}`);
  }
}

/** The user may not do this. */
export class ForbiddenError extends Error {}

/** Maps a unique-constraint violation to a field error, or returns null for any other error. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' ? e.constraint ?? 'unique' : null;
}
