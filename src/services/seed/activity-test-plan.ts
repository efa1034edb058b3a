// The plan the demo activity tests generate from: every profile's services with invented ids, two practitioners,
// a support worker, a manager, a volunteer and the profile's partner directory. Not a test itself.
import type { ActivityPlan } from './activity.js';
import { getProfile } from './profiles.js';

export const NOW = new Date('2026-11-23T16:40:00Z');

export function planFor(profileName: string, now = NOW): ActivityPlan {
  let serial = 0;
  const profile = getProfile(profileName);
  return {
    profileName,
    now,
    newId: () => `00000000-0000-4000-8000-${String(serial++).padStart(12, '0')}`,
    services: profile.services.map((s) => ({
      id: `service-${s.code}`,
      code: s.code,
      practitioners: [
        { id: `${s.code}-nurse`, displayName: 'Test Nurse', jobTitle: 'Mental health nurse' },
        { id: `${s.code}-yjw`, displayName: 'Test Worker', jobTitle: 'Youth justice practitioner' },
      ],
      team: {
        supportWorkers: [{ id: `${s.code}-support`, displayName: 'Test Support', jobTitle: 'Support worker' }],
        managers: [{ id: `${s.code}-manager`, displayName: 'Test Manager', jobTitle: 'Team manager' }],
        volunteers: [{ id: `${s.code}-volunteer`, displayName: 'Test Volunteer', jobTitle: 'Restorative justice volunteer' }],
        partners: s.partners.map((p, i) => ({ id: `partner-${s.code}-${i}`, name: p.name, pathway: p.pathway, typicalWaitDays: p.typicalWaitDays, workers: i === 0 ? [{ id: `${s.code}-partner`, displayName: 'Test Partner', jobTitle: 'Clinician' }] : [] })),
      },
      sites: s.sites.map((site) => ({
        id: `site-${site.code}`,
        code: site.code,
        siteKind: site.siteKind,
        responseTargetMinutes: site.responseTargetMinutes,
        staff: site.code.endsWith('CS01') || site.code === 'CV-CS1' ? [{ id: 'officer', displayName: 'Test Sergeant', jobTitle: 'Custody sergeant' }] : [],
      })),
    })),
  };
}

