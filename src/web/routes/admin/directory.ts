// Administrators manage services, their sites and their partner organisations.
import type { FastifyInstance } from 'fastify';
import { field, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { SITE_KINDS, SITE_KIND_LABELS, type SiteKind } from '../../../domain/site-kinds.js';
import { PATHWAYS, PATHWAY_LABELS, type Pathway } from '../../../domain/pathways.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import type { ServiceRow } from '../../../db/schema.js';
import { ConflictError } from '../../../services/errors.js';
import { saveOrRerender } from './form-page.js';
import { serviceEntryRoutes } from './service-entry-routes.js';

const admin = { access: { roles: ['administrator'] } } as const;

type Params = { serviceId?: string };

/** Whether a service, site or partner is in use: the form's yes or no. */
const activeField = (label: string): LabelledField => ({ name: 'isActive', label, choices: { yes: 'Yes', no: 'No, closed' } });

/** The questions of each form, in its order, for showing a stale edit beside the saved record. */
const SERVICE_FIELDS: readonly LabelledField[] = [
  { name: 'name', label: 'Name' },
  { name: 'code', label: 'Short code' },
  { name: 'provider', label: 'Provider' },
  { name: 'commissioner', label: 'Commissioner' },
  { name: 'contactEmail', label: 'Team contact email' },
  activeField('Is the service active?'),
];
const SITE_FIELDS: readonly LabelledField[] = [
  { name: 'name', label: 'Name' },
  { name: 'code', label: 'Site code' },
  { name: 'siteKind', label: 'What kind of site is it?', choices: SITE_KIND_LABELS },
  { name: 'address', label: 'Address' },
  { name: 'responseTargetMinutes', label: 'Response-time target, in minutes' },
  activeField('Is the site in use?'),
];
const PARTNER_FIELDS: readonly LabelledField[] = [
  { name: 'name', label: 'Organisation name' },
  { name: 'pathway', label: 'Pathway', choices: PATHWAY_LABELS },
  { name: 'contactName', label: 'Contact name' },
  { name: 'contactPhone', label: 'Phone' },
  { name: 'contactEmail', label: 'Email for referrals' },
  { name: 'typicalWaitDays', label: 'Typical wait for a first appointment, in days' },
  activeField('Does the team still refer to this organisation?'),
];

const serviceValuesOf = (s: ServiceRow) => ({ id: s.id, version: s.version, code: s.code, name: s.name, provider: s.provider, commissioner: s.commissioner, contactEmail: s.contact_email, isActive: s.is_active });

export async function directoryAdminRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/admin/services', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const list = await services.serviceDirectory.list(actor);
    return reply.page('pages/admin/services.njk', { title: 'Services', services: list, canAdd: actor.grant.serviceId === null });
  });

  // Services
  const serviceForm = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ title: values.id ? 'Change service details' : 'Add a service', values, ...extra });
  const serviceInputFrom = (f: Record<string, string>) => ({ code: field(f, 'code'), name: field(f, 'name'), provider: field(f, 'provider'), commissioner: field(f, 'commissioner'), contactEmail: field(f, 'contactEmail'), isActive: f.isActive !== 'no' });

  app.get('/admin/services/new', { config: admin }, async (_request, reply) => reply.page('pages/admin/service-form.njk', serviceForm({ isActive: true }, { backHref: '/admin/services' })));

  app.post('/admin/services/new', { config: admin }, async (request, reply) => {
    const f = formFields(request);
    const input = serviceInputFrom(f);
    return saveOrRerender(reply, 'pages/admin/service-form.njk', serviceForm(input, { backHref: '/admin/services' }), async () => {
      const row = await services.serviceDirectory.create(requireActor(request), input, originOf(request));
      return `/admin/services/${row.id}?saved=service`;
    });
  });

  app.get<{ Params: Params }>('/admin/services/:serviceId', { config: admin }, async (request, reply) => {
    const service = await services.serviceDirectory.getFor(requireActor(request), request.params.serviceId!);
    const [sites, partners] = await Promise.all([services.sites.listForService(service.id), services.partners.listForService(service.id)]);
    const saved = (request.query as Record<string, unknown>).saved;
    return reply.page('pages/admin/service.njk', { title: service.name, service, sites, partners, saved: typeof saved === 'string' ? saved : null, backHref: '/admin/services' });
  });

  app.get<{ Params: Params }>('/admin/services/:serviceId/edit', { config: admin }, async (request, reply) => {
    const s = await services.serviceDirectory.getFor(requireActor(request), request.params.serviceId!);
    return reply.page('pages/admin/service-form.njk', serviceForm(serviceValuesOf(s), { backHref: `/admin/services/${s.id}` }));
  });

  app.post<{ Params: Params }>('/admin/services/:serviceId/edit', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const s = await services.serviceDirectory.getFor(actor, request.params.serviceId!);
    const f = formFields(request);
    const version = versionField(f);
    const input = serviceInputFrom(f);
    return saveOrRerender(reply, 'pages/admin/service-form.njk', serviceForm({ ...input, id: s.id, version: version ?? s.version }, { backHref: `/admin/services/${s.id}` }), async () => {
      if (version === null) throw new ConflictError(s);
      await services.serviceDirectory.update(actor, s.id, version, input, originOf(request));
      return `/admin/services/${s.id}?saved=service`;
    }, { fields: SERVICE_FIELDS, valuesOf: serviceValuesOf });
  });

  serviceEntryRoutes(app, {
    plural: 'sites',
    template: 'pages/admin/site-form.njk',
    saved: 'site',
    newValues: { responseTargetMinutes: 60, isActive: true },
    page: (serviceId, values, serviceName) => ({ title: values.id ? 'Change site details' : 'Add a site', values, serviceId, serviceName, siteKinds: SITE_KINDS, backHref: `/admin/services/${serviceId}` }),
    inputFrom: (f) => ({ code: field(f, 'code'), name: field(f, 'name'), siteKind: field(f, 'siteKind') as SiteKind, address: field(f, 'address'), responseTargetMinutes: field(f, 'responseTargetMinutes'), isActive: f.isActive !== 'no' }),
    valuesOf: (site) => ({ code: site.code, name: site.name, siteKind: site.site_kind, address: site.address, responseTargetMinutes: site.response_target_minutes, isActive: site.is_active }),
    fields: SITE_FIELDS,
    directory: services.sites,
  });

  serviceEntryRoutes(app, {
    plural: 'partners',
    template: 'pages/admin/partner-form.njk',
    saved: 'partner',
    newValues: { isActive: true },
    page: (serviceId, values, serviceName) => ({ title: values.id ? 'Change partner organisation' : 'Add a partner organisation', values, serviceId, serviceName, pathways: PATHWAYS, backHref: `/admin/services/${serviceId}` }),
    inputFrom: (f) => ({ name: field(f, 'name'), pathway: field(f, 'pathway') as Pathway, contactName: field(f, 'contactName'), contactPhone: field(f, 'contactPhone'), contactEmail: field(f, 'contactEmail'), typicalWaitDays: field(f, 'typicalWaitDays'), isActive: f.isActive !== 'no' }),
    valuesOf: (p) => ({ name: p.name, pathway: p.pathway, contactName: p.contact_name, contactPhone: p.contact_phone, contactEmail: p.contact_email, typicalWaitDays: p.typical_wait_days ?? '', isActive: p.is_active }),
    fields: PARTNER_FIELDS,
    directory: services.partners,
  });
}
