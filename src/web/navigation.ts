// The header navigation each role sees.
import type { Role } from '../domain/roles.js';

export type NavItem = { text: string; href: string };

const ADMIN: NavItem[] = [
  { text: 'Services and sites', href: '/admin/services' },
  { text: 'Users', href: '/admin/users' },
  { text: 'Audit', href: '/admin/audit' },
];

const TODAY: NavItem = { text: "Today's lists", href: '/today' };
const MY_CASES: NavItem = { text: 'My cases', href: '/cases/mine' };
const DUE: NavItem = { text: 'Due', href: '/due' };
const PEOPLE: NavItem = { text: 'People', href: '/people' };
const SESSIONS: NavItem = { text: 'Restorative sessions', href: '/restorative-sessions' };
const COURT_REPORTS: NavItem = { text: 'Court reports', href: '/court-reports' };
const TRAINING: NavItem = { text: 'Training', href: '/training' };
const DASHBOARD: NavItem = { text: 'Dashboard', href: '/dashboard' };
const DIRECTORY: NavItem = { text: 'Sites and partners', href: '/directory' };

export function navigationFor(role: Role | null): NavItem[] {
  const home = { text: 'Home', href: '/' };
  switch (role) {
    case 'administrator':
      return [home, ...ADMIN];
    case 'practitioner':
      return [home, TODAY, MY_CASES, DUE, PEOPLE, COURT_REPORTS, SESSIONS, TRAINING, DIRECTORY];
    case 'support_worker':
      return [home, MY_CASES, DUE, PEOPLE, SESSIONS];
    case 'team_manager':
      return [home, TODAY, { text: 'Team caseloads', href: '/team/caseloads' }, DUE, PEOPLE, COURT_REPORTS, { text: 'Approvals', href: '/disclosures/approvals' }, SESSIONS, TRAINING, DASHBOARD, DIRECTORY];
    case 'custody_court_staff':
      return [home, { text: 'Your referrals and advice', href: '/custody' }];
    case 'partner_worker':
      return [home, { text: 'Referrals to you', href: '/partner/referrals' }];
    case 'volunteer':
      return [home, { text: 'Your sessions', href: '/restorative-sessions/facilitating' }];
    case null:
      return [];
    case 'commissioner':
      return [home, DASHBOARD, { text: 'Outcomes', href: '/outcomes' }, { text: 'Equality', href: '/equality' }, { text: 'Quarterly return', href: '/quarterly-return' }];
    default:
      return [home];
  }
}
