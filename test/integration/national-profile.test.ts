// The national demo profile at 1/1000 of national volume: the directory, five years of consistent activity, the same
// data again from the same seed (and other data from another), and the dashboard and outcome measures reading it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { migrate } from '../../src/db/migrate.js';
import type { DatabaseHandle } from '../../src/db/open.js';
import { fixedClock } from '../../src/services/clock.js';
import { createServices, type Services } from '../../src/services/index.js';
import { generateNationalActivity } from '../../src/services/seed/national/generate.js';
import { seedNationalProfile } from '../../src/services/seed/national/seed-national.js';
import { nationalVolumes } from '../../src/services/seed/national/volumes.js';
import { addDays } from '../../src/domain/calendar-date.js';
import { openEmptyDatabase, testEngines } from '../support/database.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';
const SCALE = 0.001;
const ACTIVITY_TABLES = ['justice_event', 'court_report', 'disclosure', 'follow_up', 'contact', 'onward_referral_event', 'onward_referral', 'assessment', 'case_allocation', 'case_episode', 'screening', 'referral', 'person'];

const count = async (db: Kysely<Database>, query: ReturnType<typeof sql<{ n: number | string }>>) => Number((await query.execute(db)).rows[0]!.n);

/** A digest of the generated rows that every seeded value feeds into. */
async function digest(db: Kysely<Database>): Promise<string> {
  const row = (await sql<{ d: string }>`
    select md5(
      (select string_agg(id::text || given_name || family_name || coalesce(date_of_birth::text, '') || coalesce(nhs_number, ''), ',' order by id) from person) ||
      (select string_agg(id::text || person_id::text || site_id::text || referred_at::text || source || referral_state, ',' order by id) from referral) ||
      (select string_agg(id::text || findings::text || consent::text, ',' order by id) from screening) ||
      (select string_agg(id::text || opened_at::text || case_status || coalesce(closed_on::text, ''), ',' order by id) from case_episode) ||
      (select coalesce(string_agg(id::text || onward_state || coalesce(sent_on::text, ''), ',' order by id), '') from onward_referral) ||
      (select coalesce(string_agg(id::text || outcome || outcome_on::text, ',' order by id), '') from justice_event)) as d`.execute(db)).rows[0]!;
  return row.d;
}

async function clearActivity(db: Kysely<Database>) {
  for (const table of ACTIVITY_TABLES) await sql`delete from ${sql.table(table)}`.execute(db);
}

for (const engine of testEngines()) {
  describe(`national profile at 1/1000 scale (${engine})`, () => {
    let handle: DatabaseHandle;
    let services: Services;
    let db: Kysely<Database>;
    let firstDigest = '';
    before(async () => {
      handle = await openEmptyDatabase(engine);
      await migrate(handle.db);
      db = handle.db;
      services = createServices(handle, fixedClock(NOW.toISOString()));
      const lines: string[] = [];
      const result = await seedNationalProfile(services, db, { seed: 7, scale: SCALE, now: NOW }, (line) => lines.push(line));
      assert.equal(result.services, 26);
      assert.ok(lines.some((l) => /referrals\s+[\d,]+ rows\s+[\d.]+ s/.test(l)), 'progress names the step, its rows and seconds');
      firstDigest = await digest(db);
    });
    after(async () => {
      await handle?.close();
    });

    test('26 services, about 200 sites, and the referrals the scale asks for, all dealt with over five years', async () => {
      assert.equal(await count(db, sql`select count(*) as n from service`), 26);
      const sites = await count(db, sql`select count(*) as n from site`);
      assert.ok(sites >= 190 && sites <= 230, `${sites} sites`);
      const volumes = nationalVolumes(SCALE);
      assert.equal(await count(db, sql`select count(*) as n from referral`), volumes.referrals);
      assert.equal(await count(db, sql`select count(*) as n from referral where referred_at > ${NOW} or referred_at < ${new Date(NOW.getTime() - 1827 * 86_400_000)}`), 0);
      assert.equal(await count(db, sql`select count(*) as n from referral where referral_state in ('new', 'being_screened')`), 0);
      // Every service has referrals, in rough proportion to its area's size.
      assert.equal(await count(db, sql`select count(distinct service_id) as n from referral`), 26);
      const cases = await count(db, sql`select count(*) as n from case_episode`);
      assert.ok(Math.abs(cases - volumes.expectedCases) <= volumes.expectedCases * 0.25, `${cases} cases, about ${volumes.expectedCases} expected`);
    });

    test('the records hang together: screens for screened referrals, cases from full assessments, events after the index date', async () => {
      assert.equal(await count(db, sql`select count(*) as n from referral r where (r.screened_at is not null) <> exists (select 1 from screening s where s.referral_id = r.id)`), 0);
      assert.equal(await count(db, sql`select count(*) as n from case_episode c join referral r on r.id = c.referral_id where r.referral_state <> 'assessment_needed' or r.service_id <> c.service_id or r.person_id <> c.person_id`), 0);
      assert.equal(await count(db, sql`select count(*) as n from case_episode c join screening s on s.referral_id = c.referral_id where c.opened_at < s.completed_at`), 0);
      assert.equal(await count(db, sql`select count(*) as n from case_episode where case_status = 'closed' and closed_on > ${TODAY}::date`), 0);
      assert.equal(await count(db, sql`select count(*) as n from court_report where report_state = 'issued' and (disclosure_id is null or pdf is null)`), 0);
      assert.equal(await count(db, sql`select count(*) as n from onward_referral o where not exists (select 1 from partner_organisation p where p.id = o.partner_organisation_id and p.service_id = o.service_id)`), 0);
      assert.equal(await count(db, sql`select count(*) as n from case_episode c where not exists (select 1 from role_grant g where g.user_id = c.allocated_to and g.service_id = c.service_id)`), 0);
      // Contacts: on cases with a plan, from the plan to closure (or the week ahead); an outcome on each one past, none ahead.
      assert.ok(await count(db, sql`select count(*) as n from contact where outcome = 'did_not_attend'`) > 0);
      assert.ok(await count(db, sql`select count(*) as n from contact where outcome is null`) > 0, 'open cases have a contact booked ahead');
      assert.equal(await count(db, sql`
        select count(*) as n from contact k join case_episode c on c.id = k.case_id
        where c.plan_agreed_on is null or (k.starts_at at time zone 'Europe/London')::date < c.plan_agreed_on
           or (k.starts_at at time zone 'Europe/London')::date > coalesce(c.closed_on, ${TODAY}::date + 7)
           or (k.outcome is null) <> (k.starts_at >= ${NOW}) or k.worker_id is distinct from c.allocated_to`), 0);
      // A case is marked followed up exactly when its follow-up is recorded (the load runs with triggers off).
      assert.ok(await count(db, sql`select count(*) as n from follow_up`) > 0);
      // Four in five closed cases whose follow-up is due are followed up, with an onward referral or without.
      const due = await count(db, sql`select count(*) as n from case_episode where case_status = 'closed' and follow_up_due_on <= ${TODAY}::date`);
      const followed = await count(db, sql`select count(*) as n from case_episode where case_status = 'closed' and follow_up_due_on <= ${TODAY}::date and followed_up`);
      assert.ok(followed / due > 0.7 && followed / due < 0.9, `${followed} of ${due} followed up`);
      assert.ok(await count(db, sql`select count(*) as n from follow_up f where not exists (select 1 from onward_referral o where o.case_id = f.case_id and o.sent_on is not null)`) > 0);
      assert.equal(await count(db, sql`select count(*) as n from case_episode c where c.followed_up <> exists (select 1 from follow_up f where f.case_id = c.id)`), 0);
      // Justice events fall after the person's first referral and not after today.
      assert.equal(await count(db, sql`
        select count(*) as n from justice_event e
        where e.outcome_on > ${TODAY}::date or e.offence_on <= (select min((r.referred_at at time zone 'Europe/London')::date) from referral r where r.person_id = e.person_id)`), 0);
      assert.ok(await count(db, sql`select count(*) as n from justice_event where outcome = 'conviction'`) > 0);
      // The national evaluation's shares, loosely (a small sample): most screens find a need, most of those mental health.
      const shares = (await sql<{ any_need: number | string; mental: number | string; total: number | string }>`
        select count(*) filter (where exists (select 1 from jsonb_each(findings) f where f.value ->> 'finding' in ('identified', 'suspected'))) as any_need,
               count(*) filter (where findings -> 'mental_health' ->> 'finding' in ('identified', 'suspected')) as mental, count(*) as total from screening`.execute(db)).rows[0]!;
      assert.ok(Number(shares.any_need) / Number(shares.total) > 0.8, 'at least one need in most screens');
      assert.ok(Math.abs(Number(shares.mental) / Number(shares.total) - 0.71) < 0.08, 'about 71% a mental health need');
    });

    test('the same seed gives the same data; another seed gives other data', async () => {
      await clearActivity(db);
      await generateNationalActivity(db, { seed: 7, scale: SCALE, now: NOW, log: () => undefined });
      assert.equal(await digest(db), firstDigest);
      await clearActivity(db);
      await generateNationalActivity(db, { seed: 8, scale: SCALE, now: NOW, log: () => undefined });
      assert.notEqual(await digest(db), firstDigest);
      await clearActivity(db);
      await generateNationalActivity(db, { seed: 7, scale: SCALE, now: NOW, log: () => undefined });
    });

    test('the dashboard and outcome measures read it: a service for its manager, all 26 for the national commissioner', async () => {
      const from = addDays(TODAY, -364);
      const manager = await actorFor(services, 'manager', 'team_manager');
      const view = await services.dashboard.view(manager, { from, to: TODAY, serviceId: manager.grant.serviceId! }, TEST_ORIGIN);
      const referrals = await count(db, sql`select count(*) as n from referral where service_id = ${manager.grant.serviceId}::uuid
        and (referred_at at time zone 'Europe/London')::date between ${from}::date and ${TODAY}::date`);
      assert.equal(view.activity.find((a) => a.label === 'Referrals')!.figure.value, referrals);
      assert.ok(referrals > 0);
      const commissioner = await actorFor(services, 'commissioner');
      const national = await services.dashboard.view(commissioner, { from, to: TODAY, serviceId: 'all' }, TEST_ORIGIN);
      assert.equal(national.services.length, 26);
      const all = await count(db, sql`select count(*) as n from referral where (referred_at at time zone 'Europe/London')::date between ${from}::date and ${TODAY}::date`);
      assert.equal(national.activity.find((a) => a.label === 'Referrals')!.figure.value, all);
      const outcomes = await services.outcomeMeasures.view(manager, { serviceId: manager.grant.serviceId!, from: addDays(TODAY, -4 * 365), to: TODAY, comparison: 'screened_not_supported' }, TEST_ORIGIN);
      assert.equal(outcomes.service.id, manager.grant.serviceId);
    });
  });
}
