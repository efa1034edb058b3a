// The team and service dashboard: its figures equal counts made here, row by row in plain code, from the seeded
// records; a commissioner sees only suppressed aggregates, never a person's name or identifier; bad filters are
// refused by field, and a service outside the user's grants is "page not found" (audited).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';
import type { Actor } from '../../src/domain/actor.js';
import { reportingAgeBand } from '../../src/domain/age-bands.js';
import { addDays } from '../../src/domain/calendar-date.js';
import { ethnicGroupOf } from '../../src/domain/ethnicity.js';
import { londonDate } from '../../src/domain/london-time.js';
import { caseClock } from '../../src/domain/twelve-week-clock.js';
import { formatWaiting } from '../../src/domain/response-clock.js';
import { PATHWAY_LABELS, type Pathway } from '../../src/domain/pathways.js';
import { NotFoundError, ValidationError } from '../../src/services/errors.js';
import type { DashboardView } from '../../src/services/outcomes/dashboard.js';

/** Tally of keys, as a plain loop. */
function tally<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

/** The p-th quantile by linear interpolation between closest ranks (Hyndman and Fan's definition 7). */
function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

const shown = (b: { rows: { label: string; count: { value: number | null } }[] }) => new Map(b.rows.map((r) => [r.label, r.count.value]));
const query = (from: string, to: string, service: string) => {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  return `/dashboard?from%5Bday%5D=${fd}&from%5Bmonth%5D=${fm}&from%5Byear%5D=${fy}&to%5Bday%5D=${td}&to%5Bmonth%5D=${tm}&to%5Byear%5D=${ty}&service=${service}`;
};

for (const engine of testEngines()) {
  describe(`dashboard (${engine})`, () => {
    let t: TestApp;
    let manager: Actor;
    let serviceId: string;
    let today: string;
    let from: string;
    before(async () => {
      t = await startTestApp(engine);
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      serviceId = manager.grant.serviceId!;
      today = londonDate(t.services.clock.now());
      from = addDays(today, -364);
    });
    after(() => t.close());

    test("a team manager's figures equal counts made here from the seeded rows", async () => {
      const view = await t.services.dashboard.view(manager, { from, to: today, serviceId }, TEST_ORIGIN);
      assert.equal(view.suppressed, false);
      const inPeriod = (d: Date | null) => d !== null && londonDate(d) >= from && londonDate(d) <= today;

      const referrals = (await t.db
        .selectFrom('referral as r')
        .leftJoin('person as p', 'p.id', 'r.person_id')
        .innerJoin('site as s', 's.id', 'r.site_id')
        .select(['r.id', 's.name as site', 's.response_target_minutes as target', 'r.source', 'r.referred_at', 'r.arrived_at', 'r.subject_date_of_birth', 'p.date_of_birth', 'p.sex', 'p.ethnicity_code'])
        .where('r.service_id', '=', serviceId)
        .execute()).filter((r) => inPeriod(r.referred_at));
      assert.ok(referrals.length > 20, `the demo data has referrals in the year (${referrals.length})`);

      const activity = new Map(view.activity.map((a) => [a.label, a.figure.value]));
      assert.equal(activity.get('Referrals'), referrals.length);
      const screens = await t.db.selectFrom('screening').select(['referral_id', 'completed_at', 'screening_status', 'findings']).where('service_id', '=', serviceId).execute();
      assert.equal(activity.get('Screens completed'), screens.filter((s) => s.screening_status === 'completed' && inPeriod(s.completed_at)).length);
      const cases = await t.db.selectFrom('case_episode').select(['id', 'opened_at', 'closed_on', 'plan_agreed_on', 'case_status']).where('service_id', '=', serviceId).execute();
      assert.equal(activity.get('Cases opened'), cases.filter((c) => inPeriod(c.opened_at)).length);
      // A closure awaiting sign-off carries its closure date, but the case is not closed until it is signed off.
      const closed = cases.filter((c) => c.case_status === 'closed' && c.closed_on !== null && c.closed_on >= from && c.closed_on <= today);
      assert.ok(cases.some((c) => c.case_status === 'closure_requested' && c.closed_on !== null && c.closed_on >= from), 'the demo data has a closure awaiting sign-off in the period');
      assert.equal(activity.get('Cases closed'), closed.length);

      const bySite = tally(referrals, (r) => r.site);
      for (const [label, value] of shown(view.referrals.site)) assert.equal(value, bySite.get(label) ?? 0, `site ${label}`);
      const byBand = tally(referrals, (r) => reportingAgeBand(r.date_of_birth ?? r.subject_date_of_birth, r.referred_at));
      const bandLabels: Record<string, string> = { child: '10 to 17', young_adult: '18 to 24', adult: '25 and over', not_known: 'Not known' };
      for (const [band, label] of Object.entries(bandLabels)) assert.equal(shown(view.referrals.ageBand).get(label), byBand.get(band) ?? 0, `age band ${band}`);
      const bySex = tally(referrals, (r) => r.sex ?? 'not_known');
      assert.equal(shown(view.referrals.sex).get('Female'), bySex.get('female') ?? 0);
      assert.equal(shown(view.referrals.sex).get('Male'), bySex.get('male') ?? 0);
      const byGroup = tally(referrals, (r) => ethnicGroupOf(r.ethnicity_code || '99') ?? 'Not stated or not known');
      for (const [label, value] of shown(view.referrals.ethnicity)) assert.equal(value, byGroup.get(label) ?? 0, `ethnic group ${label}`);
      assert.equal(view.referrals.source.total.value, referrals.length);

      // Needs identified at screen, for referrals in the period.
      const periodIds = new Set(referrals.map((r) => r.id));
      const mentalHealth = screens.filter((s) => s.screening_status === 'completed' && periodIds.has(s.referral_id) && s.findings.mental_health?.finding === 'identified').length;
      assert.equal(view.domains.rows.find((r) => r.label === 'Mental health')!.count.value, mentalHealth);

      // Time to screening: whole minutes from arrival (or referral) to the completed screen.
      const completed = new Map(screens.filter((s) => s.screening_status === 'completed' && s.completed_at).map((s) => [s.referral_id, s.completed_at!]));
      const waits = referrals.filter((r) => completed.has(r.id)).map((r) => ({ site: r.site, target: r.target, minutes: Math.floor((completed.get(r.id)!.getTime() - (r.arrived_at ?? r.referred_at).getTime()) / 60_000) }));
      assert.ok(waits.length > 5);
      const overall = view.response.overall!;
      assert.equal(overall.screened.value, waits.length);
      assert.equal(overall.median, formatWaiting(Math.round(quantile(waits.map((w) => w.minutes), 0.5))));
      assert.equal(overall.p90, formatWaiting(Math.round(quantile(waits.map((w) => w.minutes), 0.9))));
      assert.equal(overall.within.value, waits.filter((w) => w.minutes <= w.target).length);
      for (const row of view.response.sites) {
        const site = waits.filter((w) => w.site === row.label);
        assert.equal(row.screened.value, site.length, row.label);
        assert.equal(row.median, formatWaiting(Math.round(quantile(site.map((w) => w.minutes), 0.5))), row.label);
      }

      // Onward referrals sent in the period, by pathway.
      const onward = (await t.db.selectFrom('onward_referral as o').innerJoin('partner_organisation as p', 'p.id', 'o.partner_organisation_id').select(['p.pathway', 'o.sent_on', 'o.onward_state']).where('o.service_id', '=', serviceId).execute())
        .filter((o) => o.sent_on !== null && o.sent_on >= from && o.sent_on <= today);
      const sentBy = tally(onward, (o) => PATHWAY_LABELS[o.pathway as Pathway]);
      for (const row of view.onward.rows) assert.equal(row.sent.value, sentBy.get(row.label) ?? 0, row.label);
      assert.equal(view.onward.total?.sent.value ?? 0, onward.length);
      const declinedBy = tally(onward.filter((o) => o.onward_state === 'declined'), (o) => PATHWAY_LABELS[o.pathway as Pathway]);
      for (const row of view.onward.rows) assert.equal(row.declined.value, declinedBy.get(row.label) ?? 0, row.label);

      // Cases past 12 weeks today, by the 12-week clock.
      const extensions = await t.db.selectFrom('case_extension as e').innerJoin('app_user as u', 'u.id', 'e.decided_by').select(['e.case_id', 'e.decided_on', 'u.display_name', 'e.reason', 'e.new_end_on']).where('e.service_id', '=', serviceId).where('e.decision', '=', 'approved').execute();
      const past = cases.filter((c) => c.case_status !== 'closed' && caseClock({
        planAgreedOn: c.plan_agreed_on,
        closedOn: null,
        extensions: extensions.filter((e) => e.case_id === c.id).map((e) => ({ approvedOn: e.decided_on!, approvedBy: e.display_name, reason: e.reason, newEndOn: e.new_end_on })),
      }, today).state === 'red').length;
      assert.equal(view.pastTwelveWeeks.total.value, past);
    });

    test('the page draws each chart as accessible SVG with its table, and is audited with its filters', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get('/dashboard');
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1[^>]*>Dashboard<\/h1>/);
      assert.match(page.body, /the last 3 months/);
      const charts = page.body.match(/<svg [^>]*role="img" aria-labelledby="chart-[a-z]+-title chart-[a-z]+-desc"/g) ?? [];
      assert.ok(charts.length >= 7, `${charts.length} charts`);
      assert.match(page.body, /<caption[^>]*>Referrals by site<\/caption>/);
      const main = page.body.slice(page.body.indexOf('<h1'), page.body.indexOf('</main>'));
      assert.ok(!/<script/i.test(main), 'the page content and its charts carry no script');
      const audited = await t.services.audit.search({ action: 'dashboard.viewed', username: 'manager', limit: 5 });
      assert.ok(audited.length > 0);
      assert.equal((audited[0]!.detail as { to: string }).to, today);
    });

    test('a commissioner sees suppressed aggregates only: no name or identifier of any person, "*" for small counts', async () => {
      const commissioner = await actorFor(t.services, 'commissioner');
      const services = (await t.services.dashboard.grantedServices(commissioner)).services;
      assert.equal(services.length, 3);
      // A short period, so that some site has 1 to 4 referrals.
      const all = await t.db.selectFrom('referral as r').innerJoin('site as s', 's.id', 'r.site_id').select(['s.id', 'r.referred_at']).where('r.service_id', 'in', services.map((s) => s.id)).execute();
      let day = today;
      for (let i = 1; i < 60; i++) {
        day = addDays(today, -i);
        const counts = [...tally(all.filter((r) => londonDate(r.referred_at) === day), (r) => r.id).values()];
        if (counts.some((c) => c >= 1 && c <= 4)) break;
      }
      // By site, not by name: the three services share a police HQ custody suite's name, each its own site.
      const raw = tally(all.filter((r) => londonDate(r.referred_at) === day), (r) => r.id);
      const view: DashboardView = await t.services.dashboard.view(commissioner, { from: day, to: day, serviceId: 'all' }, TEST_ORIGIN);
      assert.equal(view.suppressed, true);
      for (const row of view.referrals.site.rows) {
        const n = raw.get(row.key) ?? 0;
        if (n >= 1 && n <= 4) assert.equal(row.count.text, '*', `${row.label} has ${n}`);
        else if (!row.count.hidden) assert.equal(row.count.value, n, row.label);
      }

      const agent = new Agent(t.app);
      await agent.signIn('commissioner');
      for (const url of [query(day, day, 'all'), query(addDays(today, -364), today, 'all'), '/dashboard']) {
        const page = await agent.get(url);
        assert.equal(page.status, 200, url);
        const people = await t.db.selectFrom('person').select(['given_name', 'family_name', 'nhs_number', 'pnc_id']).where('service_id', 'in', services.map((s) => s.id)).execute();
        assert.ok(people.length > 50);
        for (const p of people) {
          assert.ok(!page.body.includes(`${p.given_name} ${p.family_name}`), `a name is on the page: ${p.given_name} ${p.family_name}`);
          if (p.nhs_number) assert.ok(!page.body.includes(p.nhs_number), 'an NHS number is on the page');
          if (p.pnc_id) assert.ok(!page.body.includes(p.pnc_id), 'a PNC ID is on the page');
        }
        assert.match(page.body, /Not shown: a number from 1 to 4/, 'the footnote');
      }
      const small = await agent.get(query(day, day, 'all'));
      assert.match(small.body, /<td class="nhsuk-table__cell nhsuk-table__cell--numeric">\*<\/td>/, 'a small count shows as *');
    });

    test('bad dates are refused by field with the input kept; a service outside the grants is page not found, audited', async () => {
      await assert.rejects(t.services.dashboard.view(manager, { from: '2026-03-10', to: '2026-03-01', serviceId }, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && Boolean(e.fieldErrors.to));
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const backwards = await agent.get(query('2026-03-10', '2026-03-01', serviceId));
      assert.equal(backwards.status, 400);
      assert.match(backwards.body, /There is a problem/);
      assert.match(backwards.body, /href="#to-day">\s*The last date must be the same as or after the first date/);
      assert.match(backwards.body, /name="from\[day\]"[^>]*value="10"/, 'the input is kept');
      const notReal = await agent.get(query('2026-02-31', '2026-03-01', serviceId));
      assert.equal(notReal.status, 400);
      assert.match(notReal.body, /href="#from-[a-z]+">\s*[^<]*First date/);

      const elsewhere = (await t.services.serviceDirectory.list(null)).find((s) => s.code === 'five-towns')!;
      await assert.rejects(t.services.dashboard.view(manager, { from, to: today, serviceId: elsewhere.id }, TEST_ORIGIN), NotFoundError);
      const refused = await agent.get(query(from, today, elsewhere.id));
      assert.equal(refused.status, 404);
      assert.match(refused.body, /Page not found/);
      const audited = await t.services.audit.search({ action: 'dashboard.refused', username: 'manager', limit: 5 });
      assert.ok(audited.some((e) => e.subject_id === elsewhere.id));
    });

    test('an empty period says so', async () => {
      const view = await t.services.dashboard.view(manager, { from: '2001-01-01', to: '2001-03-31', serviceId }, TEST_ORIGIN);
      assert.equal(view.referrals.site.empty, true);
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get(query('2001-01-01', '2001-03-31', serviceId));
      assert.match(page.body, /No referrals in this period/);
      assert.match(page.body, /No onward referrals were sent in this period/);
    });
  });
}
