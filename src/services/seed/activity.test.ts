import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOn } from '../../domain/age.js';
import { isValidNhsNumber } from '../../domain/nhs-number.js';
import { parsePncId } from '../../domain/pnc-id.js';
import { stateAfterScreen } from '../../domain/referral-state.js';
import { responseClock } from '../../domain/response-clock.js';
import { screenProblems, type ScreenDraft } from '../../domain/screening-form.js';
import { isEthnicCategory } from '../../domain/ethnicity.js';
import { isNeed, VULNERABILITY_DOMAINS, type DomainFinding } from '../../domain/vulnerability-domains.js';
import { addDays } from '../../domain/calendar-date.js';
import { missedContactsToFollowUp } from '../../domain/contact-follow-up.js';
import { CONTACT_OUTCOMES, engagementIndicator } from '../../domain/engagement.js';
import { londonDate } from '../../domain/london-time.js';
import { canMoveOnward, needsReason, ONWARD_REFERRAL_STATES, waitingTooLong, type OnwardReferralState } from '../../domain/onward-referral-state.js';
import { caseClock } from '../../domain/twelve-week-clock.js';
import { generateActivity, mulberry32, type ActivityRows } from './activity.js';
import { NOW, planFor } from './activity-test-plan.js';
import { PROFILE_NAMES } from './profiles.js';

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

// ---------------------------------------------------------------------------------------------
// Case work: allocation, assessment, plan, onward referrals, contacts, sessions, closure, follow-up.
// ---------------------------------------------------------------------------------------------

const TODAY = londonDate(NOW);
const group = <T, K>(list: readonly T[], key: (x: T) => K) => {
  const map = new Map<K, T[]>();
  for (const x of list) map.set(key(x), [...(map.get(key(x)) ?? []), x]);
  return map;
};

for (const name of PROFILE_NAMES) {
  const rows = generated.get(name)!;
  const work = rows.caseWork;
  const cases = new Map(rows.cases.map((c) => [c.id!, c]));
  const open = rows.cases.filter((c) => c.case_status !== 'closed');
  const plan = planFor(name);

  test(`${name}: most open cases are allocated, every worker has several, a few wait; reallocations give a reason`, () => {
    const allocated = open.filter((c) => c.allocated_to);
    assert.ok(allocated.length / open.length > 0.85 && allocated.length < open.length, `${allocated.length} of ${open.length} open cases allocated`);
    for (const service of plan.services) {
      for (const worker of [...service.practitioners, ...service.team!.supportWorkers]) {
        const n = allocated.filter((c) => c.allocated_to === worker.id).length;
        assert.ok(n >= 3, `${worker.id} has ${n} open cases`);
      }
    }
    const byCase = group(work.allocations, (a) => a.case_id);
    for (const c of rows.cases.filter((c) => c.allocated_to)) {
      const list = byCase.get(c.id!)!;
      assert.equal(list[list.length - 1]!.to_user_id, c.allocated_to, 'the last allocation is the worker');
      assert.ok(list.slice(1).every((a) => a.reason && a.from_user_id), 'a reallocation says why and from whom');
    }
    assert.ok(work.allocations.some((a) => a.from_user_id), 'some reallocations');
  });

  test(`${name}: assessments follow the screen; plans agreed after them, with goals in the person's words and proportionate interventions`, () => {
    const screens = new Map(rows.screenings.map((s) => [s.referral_id, JSON.parse(s.findings) as Record<string, { finding: string }>]));
    const completed = work.assessments.filter((a) => a.assessment_status === 'completed');
    assert.ok(completed.length > work.assessments.length * 0.8 && completed.length < work.assessments.length, 'most completed, some drafts');
    for (const a of completed) {
      const needs = JSON.parse(a.needs as string) as Record<string, { need: string; evidence: string }>;
      const findings = screens.get(cases.get(a.case_id)!.referral_id!)!;
      for (const domain of VULNERABILITY_DOMAINS) {
        assert.ok(needs[domain], `${domain} assessed`);
        if (findings[domain]?.finding === 'identified') assert.ok(needs[domain].need === 'medium' || needs[domain].need === 'high', 'an identified need is medium or high');
        if (!findings[domain] || findings[domain].finding === 'none') assert.equal(needs[domain].need, 'none');
        if (needs[domain].need === 'medium' || needs[domain].need === 'high') assert.ok(needs[domain].evidence, 'evidence for a real need');
      }
    }
    assert.ok(completed.some((a) => (JSON.parse(a.safeguarding as string) as unknown[]).length > 0), 'some safeguarding concerns');
    assert.ok(completed.some((a) => (JSON.parse(a.family as string) as unknown[]).length > 0), 'some family members');
    const assessedOn = new Map(completed.map((a) => [a.case_id, londonDate(a.completed_at as Date)]));
    const referralOffence = new Map(rows.referrals.map((r) => [r.id, r.offence_category]));
    const interventions = new Map(work.interventions.map((i) => [i.id, i]));
    const agreed = work.plans.filter((p) => p.plan_status === 'agreed');
    assert.ok(agreed.length > 0 && work.plans.some((p) => p.plan_status === 'draft'));
    for (const p of agreed) {
      const c = cases.get(p.case_id)!;
      assert.equal(c.plan_agreed_on, p.agreed_on);
      assert.ok(p.agreed_on! > assessedOn.get(p.case_id)! && p.agreed_on! <= TODAY, 'agreed after the assessment');
      const goals = JSON.parse(p.goals as string) as string[];
      assert.ok(goals.length >= 1 && goals.every((g) => g.startsWith('I ')), 'goals in the first person');
      assert.ok(p.exit_strategy, 'an exit strategy from the start');
    }
    for (const pi of work.planInterventions) {
      const i = interventions.get(pi.intervention_id)!;
      assert.equal(i.service_id, pi.service_id, 'from the service catalogue');
      if (i.is_restorative) assert.ok((i.offence_categories as string[]).includes(referralOffence.get(cases.get(pi.case_id)!.referral_id!)!), 'restorative only for its offences');
    }
  });

  test(`${name}: reviews every 14 days, some overdue; extensions approved and pending; cases amber and red`, () => {
    for (const [caseId, reviews] of group(work.reviews, (r) => r.case_id)) {
      const start = cases.get(caseId)!.plan_agreed_on!;
      reviews.forEach((r, i) => assert.equal(r.due_on, addDays(start, 14 * (i + 1))));
    }
    const openIds = new Set(open.map((c) => c.id));
    assert.ok(work.reviews.some((r) => openIds.has(r.case_id) && !r.completed_on && r.due_on < TODAY), 'overdue reviews');
    assert.ok(work.extensions.some((e) => e.decision === 'approved' && e.reason && e.decided_by) && work.extensions.some((e) => e.decision === null), 'approved and pending');
    const extensions = group(work.extensions, (e) => e.case_id);
    const states = open.filter((c) => c.plan_agreed_on).map((c) => {
      const approved = (extensions.get(c.id!) ?? []).filter((e) => e.decision === 'approved').map((e) => ({ approvedOn: e.decided_on!, approvedBy: e.decided_by!, reason: e.reason, newEndOn: e.new_end_on }));
      return caseClock({ planAgreedOn: c.plan_agreed_on!, extensions: approved, closedOn: null }, TODAY).state;
    });
    assert.ok(states.includes('red') && states.includes('amber') && states.includes('on_track'), states.join(','));
  });

  test(`${name}: onward referrals in every state, each a timeline the state machine allows`, () => {
    const seen = new Set(work.onwardReferrals.map((r) => r.onward_state));
    for (const state of ONWARD_REFERRAL_STATES) assert.ok(seen.has(state), `some ${state}`);
    const events = group(work.onwardEvents, (e) => e.onward_referral_id);
    const partners = new Map(plan.services.flatMap((s) => s.team!.partners).map((p) => [p.id, p]));
    let tooLong = 0;
    for (const r of work.onwardReferrals) {
      const list = events.get(r.id)!;
      assert.equal(list[0]!.from_state, null);
      assert.equal(list[0]!.to_state, 'draft');
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1]!, list[i]!];
        assert.equal(b.from_state, a.to_state);
        assert.ok(canMoveOnward(b.from_state as OnwardReferralState, b.to_state as OnwardReferralState), `${b.from_state} → ${b.to_state}`);
        assert.ok(b.occurred_on >= a.occurred_on && (b.recorded_at as Date) >= (a.recorded_at as Date), 'in order');
        if (needsReason(b.to_state as OnwardReferralState)) assert.ok(b.reason, `${b.to_state} with a reason`);
      }
      const last = list[list.length - 1]!;
      assert.equal(r.onward_state, last.to_state);
      assert.equal(r.state_changed_on, last.occurred_on);
      assert.ok(last.occurred_on <= TODAY && (last.recorded_at as Date) <= NOW);
      assert.equal(r.sent_on, list.find((e) => e.to_state === 'sent')?.occurred_on ?? null);
      if (r.sent_on && waitingTooLong(r.sent_on, partners.get(r.partner_organisation_id)!.typicalWaitDays, TODAY, r.onward_state)) tooLong++;
    }
    assert.ok(tooLong > 0, 'some wait longer than the typical wait');
    assert.ok(work.interimSupport.length > 0);
    const consent = new Map(rows.screenings.map((s) => [s.referral_id, JSON.parse(s.consent as string)?.health_sharing?.decision]));
    for (const r of work.onwardReferrals) assert.equal(consent.get(cases.get(r.case_id)!.referral_id!), 'given', 'referred on only with consent to share with health and care partners');
  });

  test(`${name}: contacts with every outcome, none recorded ahead of time; missed contacts to follow up; some cases not engaging`, () => {
    for (const outcome of CONTACT_OUTCOMES) assert.ok(work.contacts.some((c) => c.outcome === outcome), outcome);
    assert.ok(work.contacts.some((c) => c.outcome === null && c.starts_at > NOW), 'booked ahead');
    assert.ok(work.contacts.some((c) => c.contact_kind === 'accompanied_appointment' && c.worker_went_too));
    for (const c of work.contacts) if (c.starts_at > NOW) assert.equal(c.outcome, null, 'no outcome before it happens');
    const byCase = group(work.contacts, (c) => c.case_id);
    const levels = new Set<string>();
    for (const service of plan.services) {
      for (const worker of service.team!.supportWorkers) {
        const missed = open.filter((c) => c.allocated_to === worker.id && missedContactsToFollowUp((byCase.get(c.id!) ?? []).map((x) => ({ id: x.id, startsAt: x.starts_at, outcome: x.outcome ?? null }))).length > 0);
        assert.ok(missed.length >= 1, `${worker.id} has a missed contact to follow up`);
      }
    }
    for (const c of open) levels.add(engagementIndicator((byCase.get(c.id!) ?? []).filter((x) => x.outcome).map((x) => ({ on: londonDate(x.starts_at), outcome: x.outcome! })), TODAY).level);
    assert.ok(levels.has('red') && levels.has('green'), [...levels].join(','));
  });

  test(`${name}: restorative sessions past and upcoming, with bookings from matching plans and attendance for past ones`, () => {
    const sessions = new Map(work.sessions.map((s) => [s.id, s]));
    assert.ok(work.sessions.some((s) => s.starts_at > NOW) && work.sessions.some((s) => s.starts_at < NOW));
    const planInterventions = new Map(work.planInterventions.map((p) => [p.id, p]));
    for (const b of work.bookings) {
      const session = sessions.get(b.session_id)!;
      const pi = planInterventions.get(b.plan_intervention_id)!;
      assert.equal(pi.intervention_id, session.intervention_id);
      assert.equal(pi.case_id, b.case_id);
      assert.ok((b.booked_at as Date) < session.starts_at);
      if (b.attendance) assert.ok(session.starts_at < NOW);
    }
    for (const [id, list] of group(work.bookings, (b) => b.session_id)) assert.ok(list.length <= sessions.get(id)!.places);
    assert.ok(work.bookings.some((b) => b.attendance === 'attended') && work.bookings.some((b) => b.attendance === null));
  });

  test(`${name}: closed cases are whole, with exit statuses and follow-ups; a few closures wait for sign-off`, () => {
    const onward = group(work.onwardReferrals, (r) => r.case_id);
    for (const c of rows.cases) {
      assert.equal(c.case_status === 'closed', !!(c.closed_on && c.closure_reason && c.closed_at), 'case_closed_whole');
      if (c.case_status === 'open') assert.ok(!c.closure_reason);
      if (c.case_status === 'open') continue;
      for (const r of onward.get(c.id!) ?? []) assert.ok(r.exit_status, 'an exit status for each onward referral');
      if (c.case_status === 'closure_requested') {
        assert.ok(c.closure_requested_by && c.closure_requested_at && c.closed_on && !c.closed_at && !c.closure_signed_off_by, 'awaiting sign-off');
        continue;
      }
      assert.ok((c.closed_at as Date) > (c.opened_at as Date) && (c.closed_at as Date) < NOW);
      assert.equal(c.follow_up_due_on, addDays(c.closed_on!, 84));
      assert.ok(c.exit_summary && c.closure_requested_by && (c.closure_requested_at as Date) <= (c.closed_at as Date));
      if (c.closure_reason === 'other') assert.ok(c.closure_details);
    }
    assert.ok(rows.cases.some((c) => c.case_status === 'closure_requested'));
    assert.ok(rows.cases.some((c) => c.closure_signed_off_by) && rows.cases.some((c) => c.case_status === 'closed' && !c.closure_signed_off_by));
    const followed = new Set(work.followUps.map((f) => f.case_id));
    const due = rows.cases.filter((c) => c.case_status === 'closed' && c.follow_up_due_on! <= TODAY);
    assert.ok(due.some((c) => followed.has(c.id!)) && due.some((c) => !followed.has(c.id!)), 'follow-ups done and still due');
    for (const f of work.followUps) assert.ok(f.followed_up_on >= cases.get(f.case_id)!.follow_up_due_on! && f.followed_up_on <= TODAY);
  });
}
