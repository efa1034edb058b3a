// Turns a zod result into the field errors a form shows.
import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '../errors.js';

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  throw new ValidationError(errors);
}
