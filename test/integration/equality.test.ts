// Equality monitoring: each group's count at each stage equals a count made here, referral by referral in plain
// code, from the seeded records; a commissioner sees only suppressed aggregates, never a person's name; bad filters
// are refused by field, a service outside the user's grants is "page not found" (audited), and an empty period says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';
import type { Actor } from '../../src/domain/actor.js';
import { reportingAgeBand } from '../../src/domain/age-bands.js';
import { addDays } from '../../src/domain/calendar-date.js';
import { ethnicGroupOf, ETHNIC_GROUPS } from '../../src/domain/ethnicity.js';
import { londonDate } from '../../src/domain/london-time.js';
import { NotFoundError, ValidationError } from '../../src/services/errors.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

const query = (from: string, to: string, service: string) => {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  return `/equality?from%5Bday%5D=${fd}&from%5Bmonth%5D=${fm}&from%5Byear%5D=${fy}&to%5Bday%5D=${td}&to%5Bmonth%5D=${tm}&to%5Byear%5D=${ty}&service=${service}`;
};

/** Each group's counts at the five stages, made here from the rows one referral at a time. */
async function countsByGroup(db: Kysely<Database>, serviceIds: string[], from: string, to: string): Promise<Map<string, number[]>> {
  const referrals = (await db.selectFrom('referral as r').leftJoin('person as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.referred_at', 'r.subject_date_of_birth', 'p.date_of_birth', 'p.sex', 'p.ethnicity_code'])
    .where('r.service_id', 'in', serviceIds).execute())
    .filter((r) => londonDate(r.referred_at) >= from && londonDate(r.referred_at) <= to);
  const screens = await db.selectFrom('screening').select(['referral_id', 'findings']).where('screening_status', '=', 'completed').where('service_id', 'in', serviceIds).execute();
  const cases = await db.selectFrom('case_episode').select(['id', 'referral_id', 'plan_agreed_on', 'case_status']).where('service_id', 'in', serviceIds).execute();
  const assessed = new Set((await db.selectFrom('assessment').select('case_id').where('assessment_status', '=', 'completed').where('service_id', 'in', serviceIds).execute()).map((a) => a.case_id));
  const engaged = new Set((await db.selectFrom('onward_referral').select('case_id').where('exit_status', '=', 'engaged').where('service_id', 'in', serviceIds).execute()).map((o) => o.case_id));
  const counts = new Map<string, number[]>();
  const add = (group: string, stages: boolean[]) => {
    const c = counts.get(group) ?? [0, 0, 0, 0, 0];
    stages.forEach((reached, k) => (c[k]! += reached ? 1 : 0));
    counts.set(group, c);
  };
  for (const r of referrals) {
    const myScreens = screens.filter((s) => s.referral_id === r.id);
    const screened = myScreens.length > 0;
    const myCases = cases.filter((c) => c.referral_id === r.id && assessed.has(c.id));
    const wasAssessed = screened && myCases.length > 0;
    const supported = wasAssessed && myCases.some((c) => c.plan_agreed_on !== null);
    const atExit = supported && myCases.some((c) => c.plan_agreed_on !== null && c.case_status === 'closed' && engaged.has(c.id));
    const stages = [true, screened, wasAssessed, supported, atExit];
    add('Everyone', stages);
    if (r.sex === 'female') add('Women', stages);
    add(ethnicGroupOf(r.ethnicity_code || '99') ?? 'Not stated or not known', stages);
    const band = reportingAgeBand(r.date_of_birth ?? r.subject_date_of_birth, r.referred_at);
    if (band === 'young_adult') add('Young adults (18 to 24)', stages);
    if (band === 'child') add('Children (10 to 17)', stages);
    if (myScreens.some((s) => ['identified', 'suspected'].includes(s.findings.gangs_exploitation?.finding ?? ''))) add('Gang or exploitation concern at screening', stages);
  }
  return counts;
}

for (const engine of testEngines()) {
  describe(`equality monitoring (${engine})`, () => {
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

    test("a team manager's figures equal counts made here from the seeded rows, with shares and conversions", async () => {
      const view = await t.services.equality.view(manager, { from, to: today, serviceId }, TEST_ORIGIN);
      assert.equal(view.suppressed, false);
      const expected = await countsByGroup(t.db, [serviceId], from, today);
      assert.ok(expected.get('Everyone')![0]! > 20, 'the demo data has referrals in the year');
      assert.ok((expected.get('Everyone')![4] ?? 0) > 0, 'some referrals reached engaged at exit');
      assert.deepEqual(view.rows.map((r) => r.label), ['Women', ...ETHNIC_GROUPS, 'Young adults (18 to 24)', 'Children (10 to 17)', 'Gang or exploitation concern at screening', 'Everyone']);
      for (const row of view.rows) {
        const counts = expected.get(row.label) ?? [0, 0, 0, 0, 0];
        assert.deepEqual(row.cells.map((c) => c.value), counts, row.label);
        if (counts[0]! > 0) assert.equal(row.cells[2]!.share, `${Math.round((100 * counts[2]!) / counts[0]!)}%`, `${row.label} assessed share`);
        if (counts[1]! > 0) assert.equal(row.cells[2]!.conversion, `${Math.round((100 * counts[2]!) / counts[1]!)}%`, `${row.label} screened to assessed`);
      }
      const women = view.rows.find((r) => r.label === 'Women')!;
      const all = expected.get('Everyone')!;
      const w = expected.get('Women')!;
      if (w[0]! > 0 && all[1]! > 0) assert.equal(women.cells[1]!.ratio, (w[1]! / w[0]! / (all[1]! / all[0]!)).toFixed(2));
    });

    test('the page shows both tables, says what "lower" means, and is audited with its filters', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get('/equality');
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1[^>]*>Equality monitoring<\/h1>/);
      assert.match(page.body, /<caption[^>]*>Referrals reaching each stage, by group/);
      assert.match(page.body, /<caption[^>]*>Share going on from the stage before/);
      assert.match(page.body, /<strong>Lower<\/strong> means the group went on less often than everyone else/);
      assert.match(page.body, /<svg [^>]*role="img"/);
      const audited = await t.services.audit.search({ action: 'equality.viewed', username: 'manager', limit: 5 });
      assert.ok(audited.length > 0);
      assert.equal((audited[0]!.detail as { to: string }).to, today);
    });

    test('a commissioner sees suppressed aggregates only: true counts or "*", never 1 to 4, and no names', async () => {
      const commissioner = await actorFor(t.services, 'commissioner');
      const services = (await t.services.equality.grantedServices(commissioner)).services;
      assert.equal(services.length, 3);
      const ids = services.map((s) => s.id);
      let sawHidden = false;
      for (const start of [addDays(today, -364), addDays(today, -30)]) {
        const view = await t.services.equality.view(commissioner, { from: start, to: today, serviceId: 'all' }, TEST_ORIGIN);
        assert.equal(view.suppressed, true);
        const expected = await countsByGroup(t.db, ids, start, today);
        for (const row of view.rows) {
          const counts = expected.get(row.label) ?? [0, 0, 0, 0, 0];
          row.cells.forEach((c, k) => {
            if (c.value === null) {
              assert.equal(c.count, '*');
              sawHidden = true;
            } else assert.equal(c.value, counts[k], `${row.label} stage ${k}`);
            if (counts[k]! >= 1 && counts[k]! <= 4) assert.equal(c.count, '*', `${row.label} stage ${k} has ${counts[k]}`);
            if (c.count === '*') assert.equal(c.share, '*', 'a share built on a hidden count is hidden');
          });
        }
      }
      assert.ok(sawHidden, 'some figure was hidden');

      const agent = new Agent(t.app);
      await agent.signIn('commissioner');
      const page = await agent.get(query(addDays(today, -30), today, 'all'));
      assert.equal(page.status, 200);
      const people = await t.db.selectFrom('person').select(['given_name', 'family_name', 'nhs_number']).where('service_id', 'in', ids).execute();
      for (const p of people) {
        assert.ok(!page.body.includes(`${p.given_name} ${p.family_name}`), `a name is on the page: ${p.given_name} ${p.family_name}`);
        if (p.nhs_number) assert.ok(!page.body.includes(p.nhs_number), 'an NHS number is on the page');
      }
      assert.match(page.body, /Not shown: a number from 1 to 4/, 'the footnote');
    });

    test('bad dates are refused by field with the input kept; a service outside the grants is page not found, audited', async () => {
      await assert.rejects(t.services.equality.view(manager, { from: '2026-03-10', to: '2026-03-01', serviceId }, TEST_ORIGIN), (e: unknown) => e instanceof ValidationError && Boolean(e.fieldErrors.to));
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
      await assert.rejects(t.services.equality.view(manager, { from, to: today, serviceId: elsewhere.id }, TEST_ORIGIN), NotFoundError);
      const refused = await agent.get(query(from, today, elsewhere.id));
      assert.equal(refused.status, 404);
      const audited = await t.services.audit.search({ action: 'equality.refused', username: 'manager', limit: 5 });
      assert.ok(audited.some((e) => e.subject_id === elsewhere.id));
    });

    test('an empty period says so', async () => {
      const view = await t.services.equality.view(manager, { from: '2001-01-01', to: '2001-03-31', serviceId }, TEST_ORIGIN);
      assert.equal(view.empty, true);
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get(query('2001-01-01', '2001-03-31', serviceId));
      assert.match(page.body, /No referrals were made in this period/);
    });
  });
}
