// The roles of DOMAIN.md, what each is scoped to, and the rules that follow from a role.

export const ROLES = [
  'practitioner',
  'support_worker',
  'team_manager',
  'custody_court_staff',
  'partner_worker',
  'volunteer',
  'commissioner',
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  practitioner: 'Practitioner',
  support_worker: 'Support worker',
  team_manager: 'Team manager',
  custody_court_staff: 'Custody or court staff',
  partner_worker: 'Partner service worker',
  volunteer: 'Volunteer facilitator',
  commissioner: 'Commissioner',
  administrator: 'Administrator',
};

/** What a grant of the role is bound to beyond its service. */
export type RoleScope = 'service' | 'site' | 'partner_organisation' | 'installation_or_service';

export const ROLE_SCOPE: Record<Role, RoleScope> = {
  practitioner: 'service',
  support_worker: 'service',
  team_manager: 'service',
  custody_court_staff: 'site',
  partner_worker: 'partner_organisation',
  volunteer: 'service',
  commissioner: 'service',
  administrator: 'installation_or_service',
};

/** The L&D team itself: the only roles that may read clinical detail of a case. */
export const CLINICAL_TEAM_ROLES: readonly Role[] = ['practitioner', 'support_worker', 'team_manager'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function seesClinicalDetail(role: Role): boolean {
  return CLINICAL_TEAM_ROLES.includes(role);
}

/**
 * What a role refused an address that names a record (a case, person, referral, report) is told: the team
 * hears it may not (403); anyone outside it hears there is no such page (404), so a guessed or forwarded
 * address does not confirm that the record exists. Addresses that name no record are refused with 403.
 */
export function refusalStatus(role: Role, routeNamesARecord: boolean): 403 | 404 {
  return routeNamesARecord && !seesClinicalDetail(role) ? 404 : 403;
}

/** A grant as the rules see it. */
export type Grant = {
  role: Role;
  serviceId: string | null;
  siteId: string | null;
  partnerOrganisationId: string | null;
};

/** Checks that a grant names what its role is scoped to; returns plain-English problems (empty when fine). */
export function grantProblems(grant: Grant): string[] {
  const problems: string[] = [];
  const scope = ROLE_SCOPE[grant.role];
  if (scope !== 'installation_or_service' && !grant.serviceId) problems.push('Select the service this role is for');
  if (scope === 'site' && !grant.siteId) problems.push('Select the custody suite or court this person works at');
  if (scope !== 'site' && grant.siteId) problems.push(`A ${ROLE_LABELS[grant.role].toLowerCase()} is not tied to one site`);
  if (scope === 'partner_organisation' && !grant.partnerOrganisationId)
    problems.push('Select the partner organisation this person works for');
  if (scope !== 'partner_organisation' && grant.partnerOrganisationId)
    problems.push(`A ${ROLE_LABELS[grant.role].toLowerCase()} is not tied to a partner organisation`);
  return problems;
}

/** True when an administrator grant covers the given service (a grant with no service covers all). */
export function administersService(grant: Grant, serviceId: string): boolean {
  return grant.role === 'administrator' && (grant.serviceId === null || grant.serviceId === serviceId);
}
