// Reading posted forms and showing their errors the NHS way.
import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../services/errors.js';

/** The posted form as strings only: anything else (arrays, objects, missing) reads as ''. */
export function formFields(request: FastifyRequest): Record<string, string> {
  return stringFields(request.body);
}

/** The query string, read the same way as a form (for search forms sent with GET). */
export function queryFields(request: FastifyRequest): Record<string, string> {
  return stringFields(request.query);
}

function stringFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      // The NHS date input posts dateOfBirth[day]: read it as dateOfBirth-day, the id of its box.
      if (typeof value === 'string') fields[key.replace(/^([\w]+)\[(day|month|year)\]$/, '$1-$2')] = value.slice(0, 10_000);
    }
  }
  return fields;
}

export function field(fields: Record<string, string>, name: string): string {
  return fields[name] ?? '';
}

export function checkbox(fields: Record<string, string>, name: string): boolean {
  return fields[name] === 'yes' || fields[name] === 'true' || fields[name] === 'on';
}

/** The version a form was read at: refused (null) unless a positive whole number. */
export function versionField(fields: Record<string, string>): number | null {
  const v = Number(fields.version);
  return Number.isInteger(v) && v > 0 ? v : null;
}

/** Error summary items, each linking to its field: `fieldIds` maps an error key to the input's id when they differ. */
export function errorSummary(errors: FieldErrors | null | undefined, fieldIds: Record<string, string> = {}) {
  if (!errors) return [];
  return Object.entries(errors).map(([key, text]) => ({ text, href: `#${fieldIds[key] ?? key}` }));
}

/** A calendar date (YYYY-MM-DD) in the three boxes of the NHS date input called `name`. */
export function dateBoxes(name: string, date: string): Record<string, string> {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
}
