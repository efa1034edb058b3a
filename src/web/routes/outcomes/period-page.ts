// A page of figures for a period and a service (the dashboard, equality monitoring): its GET form read, the
// default period when nothing was asked, the service choices, and the errors shown the NHS way.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import type { RequestOrigin } from '../../../services/audit.js';
import { ValidationError, type FieldErrors } from '../../../services/errors.js';
import type { DashboardFilters, ServiceChoice } from '../../../services/outcomes/dashboard.js';
import { dateBoxes, errorSummary, queryFields, readDateBoxes } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';

/** What a page of figures asks of its service. */
export type PeriodFigures<V> = {
  defaultFilters(actor: Actor): Promise<DashboardFilters>;
  grantedServices(actor: Actor): Promise<{ services: ServiceChoice[] }>;
  view(actor: Actor, filters: DashboardFilters, origin: RequestOrigin): Promise<V & { services: ServiceChoice[] }>;
};

/** The figures asked for (null with errors when the form is wrong), the status to answer with, and the form's context. */
export async function readPeriodPage<V>(request: FastifyRequest, figures: PeriodFigures<V>) {
  const actor = requireActor(request);
  const query = queryFields(request);
  const asked = ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'service'].some((k) => k in query);
  const errors: FieldErrors = {};
  const fieldIds: Record<string, string> = {};
  let filters: DashboardFilters;
  let values: Record<string, string>;
  if (!asked) {
    filters = await figures.defaultFilters(actor);
    values = { ...dateBoxes('from', filters.from), ...dateBoxes('to', filters.to), service: filters.serviceId };
  } else {
    const from = readDateBoxes(query, 'from', 'First date', errors, fieldIds);
    const to = readDateBoxes(query, 'to', 'Last date', errors, fieldIds);
    filters = { from: from ?? '', to: to ?? '', serviceId: (query.service ?? '').trim() || 'all' };
    values = query;
  }
  let view: (V & { services: ServiceChoice[] }) | null = null;
  if (Object.keys(errors).length === 0) {
    try {
      view = await figures.view(actor, filters, originOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
      for (const key of Object.keys(error.fieldErrors)) fieldIds[key] ??= `${key}-day`;
    }
  }
  const { services: serviceChoices } = view ?? (await figures.grantedServices(actor));
  const ordered = Object.fromEntries(['from', 'to'].filter((k) => errors[k]).map((k) => [k, errors[k]!]));
  return {
    view,
    status: view ? 200 : 400,
    context: {
      values,
      serviceItems: [
        ...(serviceChoices.length > 1 ? [{ value: 'all', text: 'All your services', selected: values.service === 'all' }] : []),
        ...serviceChoices.map((s) => ({ value: s.id, text: s.name, selected: values.service === s.id })),
      ],
      view,
      errors: view ? null : ordered,
      errorList: view ? [] : errorSummary(ordered, fieldIds),
    },
  };
}
