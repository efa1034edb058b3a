// Role grants with the names of the service, site and partner organisation they are for, read the same way everywhere.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Grant, Role } from '../../domain/roles.js';

export type NamedGrant = Grant & { id: string; serviceName: string | null; siteName: string | null; partnerOrganisationName: string | null };

export type GrantRow = {
  id: string;
  user_id: string;
  role: string;
  service_id: string | null;
  site_id: string | null;
  partner_organisation_id: string | null;
  service_name: string | null;
  site_name: string | null;
  partner_name: string | null;
};

/** All grants with their names, by service then role: callers narrow it with `where` on `g.*` or `sv.*`. */
export function grantRows(db: Kysely<Database>) {
  return db
    .selectFrom('role_grant as g')
    .leftJoin('service as sv', 'sv.id', 'g.service_id')
    .leftJoin('site as t', 't.id', 'g.site_id')
    .leftJoin('partner_organisation as p', 'p.id', 'g.partner_organisation_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.service_id', 'g.site_id', 'g.partner_organisation_id', 'sv.name as service_name', 't.name as site_name', 'p.name as partner_name'])
    .orderBy('sv.name')
    .orderBy('g.role');
}

export function toNamedGrant(r: GrantRow): NamedGrant {
  return {
    id: r.id,
    role: r.role as Role,
    serviceId: r.service_id,
    siteId: r.site_id,
    partnerOrganisationId: r.partner_organisation_id,
    serviceName: r.service_name,
    siteName: r.site_name,
    partnerOrganisationName: r.partner_name,
  };
}
