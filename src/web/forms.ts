// Reading posted forms and showing their errors the NHS way.
import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../services/errors.js';
import { parseDateParts } from '../domain/age.js';

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
      // A NUL character is never meant, and PostgreSQL cannot store one in text: it is dropped.
      if (typeof value === 'string') fields[key.replace(/^([\w]+)\[(day|month|year)\]$/, '$1-$2')] = value.replace(/\u0000/g, '').slice(0, 10_000);
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

/**
 * The date in the NHS date input called `name` (boxes `name-day`, `name-month`, `name-year`) as YYYY-MM-DD. On a
 * problem, records it under `name` in `errors`, with the box to link to in `fieldIds`, and returns null. All three
 * boxes blank is a problem too, unless `optional`: then it is null with no problem.
 */
export function readDateBoxes(fields: Record<string, string>, name: string, label: string, errors: FieldErrors, fieldIds: Record<string, string>, options: { optional?: boolean } = {}): string | null {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => (fields[`${name}-${part}`] ?? '').trim()) as [string, string, string];
  if (options.optional && !day && !month && !year) return null;
  const parsed = parseDateParts(day, month, year, label);
  if (parsed.ok) return parsed.date;
  errors[name] = parsed.error;
  fieldIds[name] = `${name}-${parsed.field}`;
  return null;
}
