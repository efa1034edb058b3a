// Real ids to put in a declared route's parameters when walking every route: the Calder Vale service, its first
// site and partner, and the support worker's account and grant (account routes act on it, never on a signed-in user).
import type { Services } from '../../src/services/index.js';

export async function routeParams(services: Services): Promise<Record<string, string>> {
  const service = (await services.serviceDirectory.list(null)).find((s) => s.code === 'calder-vale')!;
  const site = (await services.sites.listForService(service.id))[0]!;
  const partner = (await services.partners.listForService(service.id))[0]!;
  const user = (await services.users.findByUsername('support'))!;
  const grant = (await services.users.getUser(user.id)).grants[0]!;
  return { serviceId: service.id, sites: site.id, partners: partner.id, userId: user.id, grantId: grant.id };
}
