// The four routes of a record that belongs to a service (a site, a partner organisation): add, save, change, save changes.
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import type { RequestOrigin } from '../../../services/audit.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import { ConflictError } from '../../../services/errors.js';
import { formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { saveOrRerender } from './form-page.js';

type Entry = { id: string; version: number; service_id: string };

export type ServiceEntrySpec<Row extends Entry, Input> = {
  /** e.g. 'sites': new ones at /admin/services/:serviceId/sites/new, existing at /admin/sites/:id/edit. */
  plural: string;
  template: string;
  /** The banner key shown on the service page after a save. */
  saved: string;
  newValues: Record<string, unknown>;
  /** The template's context beyond the form's values. */
  page: (serviceId: string, values: Record<string, unknown>, serviceName?: string) => Record<string, unknown>;
  inputFrom: (fields: Record<string, string>) => Input;
  valuesOf: (row: Row) => Record<string, unknown>;
  /** The form's questions, for showing a stale edit beside the saved record. */
  fields: readonly LabelledField[];
  directory: {
    getFor: (actor: Actor, id: string) => Promise<Row>;
    create: (actor: Actor, serviceId: string, input: Input, origin: RequestOrigin) => Promise<unknown>;
    update: (actor: Actor, id: string, version: number, input: Input, origin: RequestOrigin) => Promise<void>;
  };
};

export function serviceEntryRoutes<Row extends Entry, Input extends object>(app: FastifyInstance, spec: ServiceEntrySpec<Row, Input>): void {
  const config = { access: { roles: ['administrator'] } } as const;
  const { services } = app;
  type Params = { serviceId: string; id: string };

  app.get<{ Params: Params }>(`/admin/services/:serviceId/${spec.plural}/new`, { config }, async (request, reply) => {
    const service = await services.serviceDirectory.getFor(requireActor(request), request.params.serviceId);
    return reply.page(spec.template, spec.page(service.id, spec.newValues, service.name));
  });

  app.post<{ Params: Params }>(`/admin/services/:serviceId/${spec.plural}/new`, { config }, async (request, reply) => {
    const actor = requireActor(request);
    const service = await services.serviceDirectory.getFor(actor, request.params.serviceId);
    const input = spec.inputFrom(formFields(request));
    return saveOrRerender(reply, spec.template, spec.page(service.id, input as Record<string, unknown>, service.name), async () => {
      await spec.directory.create(actor, service.id, input, originOf(request));
      return `/admin/services/${service.id}?saved=${spec.saved}`;
    });
  });

  app.get<{ Params: Params }>(`/admin/${spec.plural}/:id/edit`, { config }, async (request, reply) => {
    const row = await spec.directory.getFor(requireActor(request), request.params.id);
    return reply.page(spec.template, spec.page(row.service_id, { id: row.id, version: row.version, ...spec.valuesOf(row) }));
  });

  app.post<{ Params: Params }>(`/admin/${spec.plural}/:id/edit`, { config }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await spec.directory.getFor(actor, request.params.id);
    const fields = formFields(request);
    const version = versionField(fields);
    const input = spec.inputFrom(fields);
    return saveOrRerender(reply, spec.template, spec.page(row.service_id, { ...input, id: row.id, version: version ?? row.version }), async () => {
      if (version === null) throw new ConflictError(row);
      await spec.directory.update(actor, row.id, version, input, originOf(request));
      return `/admin/services/${row.service_id}?saved=${spec.saved}`;
    }, { fields: spec.fields, valuesOf: spec.valuesOf });
  });
}
