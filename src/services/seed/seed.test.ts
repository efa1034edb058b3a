import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPassword } from '../../domain/password-policy.js';
import { PATHWAYS } from '../../domain/pathways.js';
import { ROLES, ROLE_SCOPE } from '../../domain/roles.js';
import { SITE_KINDS, isCourt } from '../../domain/site-kinds.js';
import { partnerInput } from '../directory/partner-directory.js';
import { serviceInput } from '../directory/service-directory.js';
import { siteInput } from '../directory/site-directory.js';
import { DEMO_PASSWORD, PROFILE_NAMES, getProfile, profileProblems, type Profile } from './profiles.js';

const profiles = PROFILE_NAMES.map((name) => getProfile(name));
const clone = (profile: Profile): Profile => structuredClone(profile);

/** Ofcom's numbers kept for drama: none of these rings a real line. */
const DRAMA_PHONE = /^(0113 496 0\d{3}|0114 496 0\d{3}|020 7946 0\d{3})$/;

test('there are three profiles, found by name', () => {
  assert.deepEqual([...PROFILE_NAMES].sort(), ['london', 'national', 'west-yorkshire']);
  for (const name of PROFILE_NAMES) assert.equal(getProfile(name).name, name);
  assert.throws(() => getProfile('manchester'), /no demo profile called "manchester".*west-yorkshire/);
});

for (const profile of profiles) {
  test(`${profile.name}: the profile is consistent`, () => {
    assert.deepEqual(profileProblems(profile), []);
  });

  test(`${profile.name}: codes are unique and valid`, () => {
    const codes = profile.services.map((s) => s.code);
    assert.equal(new Set(codes).size, codes.length, 'service codes are unique');
    for (const service of profile.services) {
      assert.ok(serviceInput.safeParse(service).success, `service ${service.code} passes the service form's rules`);
      const siteCodes = service.sites.map((s) => s.code);
      assert.equal(new Set(siteCodes).size, siteCodes.length, `site codes are unique in ${service.code}`);
      const names = service.partners.map((p) => p.name);
      assert.equal(new Set(names).size, names.length, `partner names are unique in ${service.code}`);
    }
    const usernames = profile.users.map((u) => u.username);
    assert.equal(new Set(usernames).size, usernames.length, 'usernames are unique');
  });

  test(`${profile.name}: sites pass the site rules, with realistic response targets`, () => {
    for (const service of profile.services) {
      for (const site of service.sites) {
        assert.ok(siteInput.safeParse(site).success, `${site.code} passes the site form's rules`);
        assert.equal(site.code, site.code.toUpperCase());
        assert.ok((SITE_KINDS as readonly string[]).includes(site.siteKind));
        if (site.siteKind === 'custody_suite') assert.ok(site.responseTargetMinutes >= 45 && site.responseTargetMinutes <= 60, `${site.code} custody target`);
        if (isCourt(site.siteKind)) assert.ok(site.responseTargetMinutes >= 30 && site.responseTargetMinutes <= 90, `${site.code} court target`);
      }
    }
  });

  test(`${profile.name}: partner organisations pass the partner rules, with fictional contacts`, () => {
    for (const service of profile.services) {
      assert.ok(service.partners.length >= 6 && service.partners.length <= 11, `${service.code} has 6 to 11 partners`);
      for (const partner of service.partners) {
        assert.ok(partnerInput.safeParse(partner).success, `${partner.name} passes the partner form's rules`);
        assert.match(partner.contactPhone, DRAMA_PHONE, `${partner.name} phone is from Ofcom's drama range`);
        assert.match(partner.contactEmail, /@example\.org$/, `${partner.name} email is at example.org`);
        assert.ok((PATHWAYS as readonly string[]).includes(partner.pathway));
      }
    }
    assert.match(profile.services[0]!.contactEmail, /@example\.org$/);
  });

  test(`${profile.name}: every role has a demo user, tied to what exists`, () => {
    const roles = new Set(profile.users.flatMap((u) => u.grants.map((g) => g.role)));
    assert.deepEqual([...roles].sort(), [...ROLES].sort());
    for (const user of profile.users) {
      for (const grant of user.grants) {
        const service = profile.services.find((s) => s.code === grant.service);
        if (grant.service === null) assert.equal(grant.role, 'administrator');
        else assert.ok(service, `${user.username} names an existing service`);
        if (ROLE_SCOPE[grant.role] === 'site') {
          const site = service!.sites.find((s) => s.code === grant.site);
          assert.ok(site, `${user.username} names an existing site`);
          assert.ok(site.siteKind === 'custody_suite' || site.siteKind === 'police_station' || isCourt(site.siteKind), `${user.username} works at a custody suite, police station or court`);
        } else assert.equal(grant.site, undefined);
        if (ROLE_SCOPE[grant.role] === 'partner_organisation')
          assert.ok(service!.partners.some((p) => p.name === grant.partner), `${user.username} names an existing partner organisation`);
        else assert.equal(grant.partner, undefined);
      }
    }
    assert.ok(profile.users.some((u) => u.grants.some((g) => g.role === 'administrator' && g.service === null)), 'an installation administrator');
    const secure = profile.users.find((u) => u.username === 'secure');
    assert.equal(secure?.totpRequired, true, 'secure must set up a second factor');
    assert.ok(secure.grants.some((g) => g.role === 'practitioner'));
  });

  test(`${profile.name}: the demo password passes the policy for every demo user`, () => {
    for (const user of profile.users) assert.deepEqual(checkPassword(DEMO_PASSWORD, { username: user.username, displayName: user.displayName }), [], user.username);
  });
}

test('west-yorkshire: three services of 3 to 5 sites, one Crown court, a service administrator and a user with two roles', () => {
  const profile = getProfile('west-yorkshire');
  assert.equal(profile.services.length, 3);
  for (const service of profile.services) assert.ok(service.sites.length >= 3 && service.sites.length <= 5, service.code);
  assert.equal(profile.services.filter((s) => s.sites.some((t) => t.siteKind === 'crown_court')).length, 1);
  assert.ok(profile.users.some((u) => u.grants.some((g) => g.role === 'administrator' && g.service !== null)));
  assert.ok(
    profile.users.some(
      (u) => u.grants.some((g) => g.role === 'practitioner') && u.grants.some((g) => g.role === 'team_manager') && new Set(u.grants.map((g) => g.service)).size >= 2,
    ),
    'someone is a practitioner in one service and team manager in another',
  );
});

test('london: one service with 10 custody suites, 6 magistrates\' courts and 2 Crown courts', () => {
  const profile = getProfile('london');
  assert.equal(profile.services.length, 1);
  const sites = profile.services[0]!.sites;
  const count = (kind: string) => sites.filter((s) => s.siteKind === kind).length;
  assert.equal(count('custody_suite'), 10);
  assert.equal(count('magistrates_court'), 6);
  assert.equal(count('crown_court'), 2);
  assert.equal(sites.length, 18);
  assert.ok(profile.services[0]!.partners.length >= 9);
});

test('profileProblems finds what would break seeding', () => {
  const base = getProfile('west-yorkshire');

  const twoCodes = clone(base);
  twoCodes.services[1]!.code = twoCodes.services[0]!.code;
  assert.match(profileProblems(twoCodes).join('\n'), /Service code calder-vale is used twice/);

  const twoSites = clone(base);
  twoSites.services[0]!.sites[1]!.code = twoSites.services[0]!.sites[0]!.code;
  assert.match(profileProblems(twoSites).join('\n'), /Site code CV-CS1 is used twice/);

  const badSite = clone(base);
  badSite.users.find((u) => u.username === 'court')!.grants[0]!.site = 'CV-XX9';
  assert.match(profileProblems(badSite).join('\n'), /names site CV-XX9/);

  const communityBase = clone(base);
  communityBase.users.find((u) => u.username === 'court')!.grants[0]!.site = 'CV-CB1';
  assert.match(profileProblems(communityBase).join('\n'), /not a custody suite, police station or court/);

  const badPartner = clone(base);
  badPartner.users.find((u) => u.username === 'partner')!.grants[0]!.partner = 'Nowhere Services';
  assert.match(profileProblems(badPartner).join('\n'), /names partner Nowhere Services/);

  const noVolunteer = clone(base);
  noVolunteer.users = noVolunteer.users.filter((u) => u.username !== 'volunteer');
  assert.match(profileProblems(noVolunteer).join('\n'), /No demo user has the role volunteer/);

  assert.match(profileProblems(base, 'hannah-okafor-demo-2026').join('\n'), /Demo password for practitioner: Password must not contain your name/);
  const custodyUser = clone(base);
  custodyUser.users[0]!.username = 'custody';
  assert.match(profileProblems(custodyUser).join('\n'), /Demo password for custody: Password must not contain your username/);
});
