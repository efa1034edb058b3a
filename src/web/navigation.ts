// The header navigation each role sees.
import type { Role } from '../domain/roles.js';

export type NavItem = { text: string; href: string };

const ADMIN: NavItem[] = [
  { text: 'Services and sites', href: '/admin/services' },
  { text: 'Users', href: '/admin/users' },
  { text: 'Audit', href: '/admin/audit' },
];

const TEAM: NavItem[] = [
  { text: "Today's lists", href: '/today' },
  { text: 'People', href: '/people' },
  { text: 'Sites and partners', href: '/directory' },
];

export function navigationFor(role: Role | null): NavItem[] {
  const home = { text: 'Home', href: '/' };
  switch (role) {
    case 'administrator':
      return [home, ...ADMIN];
    case 'practitioner':
    case 'support_worker':
    case 'team_manager':
      return [home, ...TEAM];
    case 'custody_court_staff':
      return [home, { text: 'Your referrals', href: '/custody' }];
    case null:
      return [];
    default:
      return [home];
  }
}
