import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOn } from '../../domain/age.js';
import { isValidNhsNumber } from '../../domain/nhs-number.js';
import { parsePncId } from '../../domain/pnc-id.js';
import { stateAfterScreen } from '../../domain/referral-state.js';
import { responseClock } from '../../domain/response-clock.js';
import { screenProblems, type ScreenDraft } from '../../domain/screening-form.js';
import { isEthnicCategory } from '../../domain/ethnicity.js';
import { isNeed, type DomainFinding } from '../../domain/vulnerability-domains.js';
import { generateActivity, mulberry32, type ActivityPlan, type ActivityRows } from './activity.js';
import { PROFILE_NAMES, getProfile } from './profiles.js';

const NOW = new Date('2026-11-23T16:40:00Z');

function planFor(profileName: string, now = NOW): ActivityPlan {
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

const generated = new Map<string, ActivityRows>(PROFILE_NAMES.map((name) => [name, generateActivity(planFor(name))]));

test('mulberry32 gives the same sequence for the same seed, in [0, 1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
  }
});

test('the same profile at the same moment gives the same rows', () => {
  assert.deepEqual(generateActivity(planFor('west-yorkshire')), generated.get('west-yorkshire'));
});

for (const name of PROFILE_NAMES) {
  const rows = generated.get(name)!;
  const plan = planFor(name);
  const people = new Map(rows.people.map((p) => [p.id, p]));
  const sites = plan.services.flatMap((s) => s.sites.map((site) => ({ ...site, serviceId: s.id })));
  const siteById = new Map(sites.map((s) => [s.id, s]));

  test(`${name}: about a year of referrals per service, at every site`, () => {
    const expected = name === 'london' ? 2500 : 600;
    for (const service of plan.services) {
      const n = rows.referrals.filter((r) => r.service_id === service.id).length;
      assert.ok(n >= expected * 0.9 && n <= expected * 1.15, `${service.code}: ${n} referrals`);
    }
    for (const site of sites) {
      const n = rows.referrals.filter((r) => r.site_id === site.id).length;
      assert.ok(n >= 5, `${site.code} has ${n} referrals`);
    }
    const custody = rows.referrals.filter((r) => siteById.get(r.site_id as string)!.siteKind === 'custody_suite').length;
    assert.ok(custody / rows.referrals.length > 0.5, 'custody suites are the busiest');
    for (const r of rows.referrals) {
      const kind = siteById.get(r.site_id as string)!.siteKind;
      if (kind === 'magistrates_court' || kind === 'crown_court' || kind === 'youth_court') {
        const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short' }).format(r.referred_at);
        assert.ok(day !== 'Sat' && day !== 'Sun', `court referral on a ${day}`);
      }
    }
  });

  test(`${name}: children about one referral in eight, young adults about one in five, women about one in five`, () => {
    const ages = rows.referrals.flatMap((r) => {
      const dob = r.person_id ? people.get(r.person_id)!.date_of_birth : r.subject_date_of_birth;
      return dob ? [ageOn(dob, r.referred_at)] : [];
    });
    const share = (f: (age: number) => boolean) => ages.filter(f).length / ages.length;
    const children = share((a) => a < 18);
    assert.ok(children >= 0.08 && children <= 0.16, `children ${(children * 100).toFixed(1)}%`);
    const young = share((a) => a >= 18 && a <= 24);
    assert.ok(young >= 0.15 && young <= 0.25, `18-24 ${(young * 100).toFixed(1)}%`);
    assert.ok(ages.every((a) => a >= 10 && a <= 80), 'every age from 10 to 75 or so');
    const women = rows.people.filter((p) => p.sex === 'female').length / rows.people.length;
    assert.ok(women >= 0.15 && women <= 0.27, `women ${(women * 100).toFixed(1)}%`);
    assert.ok(rows.people.every((p) => isEthnicCategory(p.ethnicity_code)));
    assert.ok(rows.people.some((p) => p.ethnicity_code === 'Z') && rows.people.some((p) => p.ethnicity_code === '99'));
  });

  test(`${name}: NHS numbers are valid, in the never-issued 999 range and unique; PNC IDs are valid`, () => {
    const nhs = rows.people.flatMap((p) => (p.nhs_number ? [p.nhs_number] : []));
    assert.ok(nhs.length / rows.people.length > 0.6 && nhs.length / rows.people.length < 0.8, 'about 70% have an NHS number');
    for (const n of nhs) {
      assert.ok(isValidNhsNumber(n), n);
      assert.match(n, /^999/);
    }
    assert.equal(new Set(nhs).size, nhs.length, 'NHS numbers are unique');
    assert.ok(!nhs.includes('9990000018'), 'the worked example number is left for tests');
    const pnc = rows.people.flatMap((p) => (p.pnc_id ? [p.pnc_id] : []));
    assert.ok(pnc.length / rows.people.length > 0.4 && pnc.length / rows.people.length < 0.6, 'about half have a PNC ID');
    for (const id of pnc) assert.deepEqual(parsePncId(id, NOW), { ok: true, value: id });
    for (const service of plan.services) {
      const mine = rows.people.filter((p) => p.service_id === service.id && p.pnc_id).map((p) => p.pnc_id);
      assert.equal(new Set(mine).size, mine.length, `PNC IDs unique in ${service.code}`);
    }
  });

  test(`${name}: arrival before referral, referral before now, screens in order`, () => {
    const yearAgo = NOW.getTime() - 366 * 86_400_000;
    for (const r of rows.referrals) {
      if (r.arrived_at) assert.ok(r.arrived_at <= r.referred_at, 'arrival before referral');
      assert.ok(r.referred_at <= NOW && r.referred_at.getTime() >= yearAgo, 'within the past year');
      if (r.person_id) assert.equal(people.get(r.person_id)?.service_id, r.service_id, 'person of the same service');
      assert.equal(siteById.get(r.site_id as string)?.serviceId, r.service_id, 'site of the same service');
    }
    const referrals = new Map(rows.referrals.map((r) => [r.id, r]));
    for (const s of rows.screenings) {
      const r = referrals.get(s.referral_id)!;
      assert.equal(s.person_id, r.person_id);
      assert.ok((s.started_at as Date) >= r.referred_at && (s.started_at as Date) <= NOW);
      if (s.completed_at) assert.ok((s.completed_at as Date) >= (s.started_at as Date) && (s.completed_at as Date) <= NOW);
    }
  });

  test(`${name}: screens for most past referrals, with needs, consent and outcomes that fit together`, () => {
    const referrals = new Map(rows.referrals.map((r) => [r.id, r]));
    const completed = rows.screenings.filter((s) => s.screening_status === 'completed');
    const past = rows.referrals.filter((r) => r.referral_state !== 'new' && r.referral_state !== 'being_screened');
    assert.ok(completed.length / past.length > 0.8 && completed.length / past.length < 0.9, 'about 85% of past referrals screened');

    const screenedPeople = new Map<string, boolean>();
    let mentalHealth = 0;
    let substance = 0;
    for (const s of completed) {
      const findings = JSON.parse(s.findings) as Record<string, { finding: DomainFinding; notes: string }>;
      const anyNeed = Object.values(findings).some((f) => isNeed(f.finding));
      screenedPeople.set(s.person_id, (screenedPeople.get(s.person_id) ?? false) || anyNeed);
      if (findings.mental_health && isNeed(findings.mental_health.finding)) mentalHealth++;
      if (findings.substance_use && isNeed(findings.substance_use.finding)) substance++;

      const referral = referrals.get(s.referral_id)!;
      assert.equal(referral.referral_state, stateAfterScreen(s.outcome!), 'referral state follows the outcome');
      assert.deepEqual(referral.screened_at, s.completed_at);
      const isChild = ageOn(people.get(s.person_id)!.date_of_birth, referral.referred_at) < 18;
      const draft: ScreenDraft = { formVersion: s.form_version, findings: findings as ScreenDraft['findings'], consent: JSON.parse(s.consent as string), childPathway: s.child_pathway ? JSON.parse(s.child_pathway) : null, outcome: s.outcome };
      assert.deepEqual(screenProblems(draft, { isChild, completing: true }), {}, 'each screen could have been completed on the form');
      assert.equal(s.child_pathway === null, !isChild, "children's pathway answered for children only");
    }
    const withNeed = [...screenedPeople.values()].filter(Boolean).length / screenedPeople.size;
    assert.ok(withNeed >= 0.8, `${(withNeed * 100).toFixed(1)}% of screened people have a need`);
    assert.ok(mentalHealth / completed.length > 0.6 && mentalHealth / completed.length < 0.8, 'about 70% mental health');
    assert.ok(substance / completed.length > 0.4 && substance / completed.length < 0.6, 'about half drug or alcohol use');

    const outcomes = (o: string) => completed.filter((s) => s.outcome === o).length / completed.length;
    assert.ok(outcomes('full_assessment') > 0.38 && outcomes('full_assessment') < 0.52);
    assert.ok(outcomes('advice_signpost') > 0.28 && outcomes('advice_signpost') < 0.42);
    assert.ok(outcomes('no_further_action') > 0.14 && outcomes('no_further_action') < 0.26);

    const consents = completed.map((s) => JSON.parse(s.consent as string) as Record<string, { decision: string; decidedBy: string }>);
    assert.ok(consents.some((c) => c.assessment?.decision === 'refused'), 'some refuse');
    assert.ok(consents.some((c) => c.assessment?.decision === 'lacks_capacity'), 'a few lack capacity');
    assert.ok(consents.filter((c) => c.assessment?.decision === 'given').length / consents.length > 0.8, 'most consent');

    const assessed = new Set(completed.filter((s) => s.outcome === 'full_assessment').map((s) => s.referral_id));
    assert.equal(rows.cases.length, assessed.size, 'one case for each full assessment');
    for (const c of rows.cases) assert.ok(assessed.has(c.referral_id ?? ''));
    const openCases = rows.cases.filter((c) => c.case_status === 'open').map((c) => c.person_id);
    assert.equal(new Set(openCases).size, openCases.length, 'at most one open case per person');
  });

  test(`${name}: today's list at every custody suite has people waiting, some past their target`, () => {
    for (const site of sites.filter((s) => s.siteKind === 'custody_suite')) {
      const waiting = rows.referrals.filter((r) => r.site_id === site.id && (r.referral_state === 'new' || r.referral_state === 'being_screened'));
      assert.ok(waiting.length >= 2 && waiting.length <= 6, `${site.code}: ${waiting.length} waiting`);
      const states = waiting.map((r) => responseClock(r.arrived_at ?? r.referred_at, NOW, site.responseTargetMinutes).state);
      assert.ok(states.includes('red') && states.includes('amber'), `${site.code}: ${states.join(', ')}`);
      for (const r of waiting) {
        assert.ok(NOW.getTime() - r.referred_at.getTime() < 6 * 3_600_000, 'from the last few hours');
        if (r.referral_state === 'being_screened') {
          assert.ok(r.person_id && r.picked_up_by, 'being screened: matched and picked up');
          assert.ok(rows.screenings.some((s) => s.referral_id === r.id && s.screening_status === 'draft'));
        }
      }
    }
    assert.ok(rows.referrals.some((r) => r.referral_state === 'new' && r.person_id === null), 'some still to be matched to a person');
  });

  test(`${name}: repeat contacts, aliases, family links and flags`, () => {
    const perPerson = new Map<string, number>();
    for (const r of rows.referrals) if (r.person_id) perPerson.set(r.person_id, (perPerson.get(r.person_id) ?? 0) + 1);
    assert.ok([...perPerson.values()].filter((n) => n > 1).length > rows.people.length * 0.05, 'some people referred more than once');
    assert.ok(rows.aliases.length > 0 && rows.aliases.length < rows.people.length * 0.1);
    for (const a of rows.aliases) assert.ok(people.has(a.person_id));
    assert.ok(rows.links.some((l) => l.relationship === 'parent'));
    for (const l of rows.links) {
      const child = people.get(l.person_id)!;
      const related = people.get(l.related_person_id)!;
      assert.equal(child.service_id, related.service_id);
      if (l.relationship === 'parent') assert.ok(child.date_of_birth > related.date_of_birth, 'a parent is older');
    }
    for (const flag of ['is_veteran', 'is_care_leaver', 'interpreter_needed'] as const) assert.ok(rows.people.some((p) => p[flag]), flag);
    assert.ok(rows.people.filter((p) => p.interpreter_needed).every((p) => p.first_language && p.first_language !== 'English'));
    assert.ok(rows.people.some((p) => p.known_risk));
    const fullNames = new Set(rows.people.map((p) => `${p.given_name} ${p.family_name}`));
    assert.ok(fullNames.size > rows.people.length * 0.6, 'names are varied');
  });
}
