// Administrators manage services, their sites and their partner organisations.
import type { FastifyInstance } from 'fastify';
import { field, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { SITE_KINDS } from '../../../domain/site-kinds.js';
import { PATHWAYS } from '../../../domain/pathways.js';
import { ConflictError } from '../../../services/errors.js';
import { saveOrRerender } from './form-page.js';

const admin = { access: { roles: ['administrator'] } } as const;

type Params = { serviceId?: string; siteId?: string; partnerId?: string };

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
    const values = { id: s.id, version: s.version, code: s.code, name: s.name, provider: s.provider, commissioner: s.commissioner, contactEmail: s.contact_email, isActive: s.is_active };
    return reply.page('pages/admin/service-form.njk', serviceForm(values, { backHref: `/admin/services/${s.id}` }));
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
    });
  });

  // Sites
  const siteForm = (serviceId: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    title: values.id ? 'Change site details' : 'Add a site',
    values,
    serviceId,
    siteKinds: SITE_KINDS,
    backHref: `/admin/services/${serviceId}`,
    ...extra,
  });
  const siteInputFrom = (f: Record<string, string>) => ({ code: field(f, 'code'), name: field(f, 'name'), siteKind: field(f, 'siteKind') as (typeof SITE_KINDS)[number], address: field(f, 'address'), responseTargetMinutes: field(f, 'responseTargetMinutes'), isActive: f.isActive !== 'no' });

  app.get<{ Params: Params }>('/admin/services/:serviceId/sites/new', { config: admin }, async (request, reply) => {
    const s = await services.serviceDirectory.getFor(requireActor(request), request.params.serviceId!);
    return reply.page('pages/admin/site-form.njk', siteForm(s.id, { responseTargetMinutes: 60, isActive: true }, { serviceName: s.name }));
  });

  app.post<{ Params: Params }>('/admin/services/:serviceId/sites/new', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const s = await services.serviceDirectory.getFor(actor, request.params.serviceId!);
    const input = siteInputFrom(formFields(request));
    return saveOrRerender(reply, 'pages/admin/site-form.njk', siteForm(s.id, input, { serviceName: s.name }), async () => {
      await services.sites.create(actor, s.id, input, originOf(request));
      return `/admin/services/${s.id}?saved=site`;
    });
  });

  app.get<{ Params: Params }>('/admin/sites/:siteId/edit', { config: admin }, async (request, reply) => {
    const site = await services.sites.getFor(requireActor(request), request.params.siteId!);
    const values = { id: site.id, version: site.version, code: site.code, name: site.name, siteKind: site.site_kind, address: site.address, responseTargetMinutes: site.response_target_minutes, isActive: site.is_active };
    return reply.page('pages/admin/site-form.njk', siteForm(site.service_id, values));
  });

  app.post<{ Params: Params }>('/admin/sites/:siteId/edit', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const site = await services.sites.getFor(actor, request.params.siteId!);
    const f = formFields(request);
    const version = versionField(f);
    const input = siteInputFrom(f);
    return saveOrRerender(reply, 'pages/admin/site-form.njk', siteForm(site.service_id, { ...input, id: site.id, version: version ?? site.version }), async () => {
      if (version === null) throw new ConflictError(site);
      await services.sites.update(actor, site.id, version, input, originOf(request));
      return `/admin/services/${site.service_id}?saved=site`;
    });
  });

  // Partner organisations
  const partnerForm = (serviceId: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    title: values.id ? 'Change partner organisation' : 'Add a partner organisation',
    values,
    serviceId,
    pathways: PATHWAYS,
    backHref: `/admin/services/${serviceId}`,
    ...extra,
  });
  const partnerInputFrom = (f: Record<string, string>) => ({ name: field(f, 'name'), pathway: field(f, 'pathway') as (typeof PATHWAYS)[number], contactName: field(f, 'contactName'), contactPhone: field(f, 'contactPhone'), contactEmail: field(f, 'contactEmail'), typicalWaitDays: field(f, 'typicalWaitDays'), isActive: f.isActive !== 'no' });

  app.get<{ Params: Params }>('/admin/services/:serviceId/partners/new', { config: admin }, async (request, reply) => {
    const s = await services.serviceDirectory.getFor(requireActor(request), request.params.serviceId!);
    return reply.page('pages/admin/partner-form.njk', partnerForm(s.id, { isActive: true }, { serviceName: s.name }));
  });

  app.post<{ Params: Params }>('/admin/services/:serviceId/partners/new', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const s = await services.serviceDirectory.getFor(actor, request.params.serviceId!);
    const input = partnerInputFrom(formFields(request));
    return saveOrRerender(reply, 'pages/admin/partner-form.njk', partnerForm(s.id, input, { serviceName: s.name }), async () => {
      await services.partners.create(actor, s.id, input, originOf(request));
      return `/admin/services/${s.id}?saved=partner`;
    });
  });

  app.get<{ Params: Params }>('/admin/partners/:partnerId/edit', { config: admin }, async (request, reply) => {
    const p = await services.partners.getFor(requireActor(request), request.params.partnerId!);
    const values = { id: p.id, version: p.version, name: p.name, pathway: p.pathway, contactName: p.contact_name, contactPhone: p.contact_phone, contactEmail: p.contact_email, typicalWaitDays: p.typical_wait_days ?? '', isActive: p.is_active };
    return reply.page('pages/admin/partner-form.njk', partnerForm(p.service_id, values));
  });

  app.post<{ Params: Params }>('/admin/partners/:partnerId/edit', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const p = await services.partners.getFor(actor, request.params.partnerId!);
    const f = formFields(request);
    const version = versionField(f);
    const input = partnerInputFrom(f);
    return saveOrRerender(reply, 'pages/admin/partner-form.njk', partnerForm(p.service_id, { ...input, id: p.id, version: version ?? p.version }), async () => {
      if (version === null) throw new ConflictError(p);
      await services.partners.update(actor, p.id, version, input, originOf(request));
      return `/admin/services/${p.service_id}?saved=partner`;
    });
  });
}
