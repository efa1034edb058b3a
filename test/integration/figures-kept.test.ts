// The figures of the dashboard and the quarterly return are kept a short while and shared (services/figures-cache.ts):
// views while nothing changes get the same figures, each view still audited; anything recorded makes the next view
// work them out again at once; after a minute they are worked out again anyway (the first to ask meanwhile given
// those kept, up to two minutes old); the page says when they were.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';
import type { Actor } from '../../src/domain/actor.js';
import { addDays } from '../../src/domain/calendar-date.js';
import { londonDate, londonInstant } from '../../src/domain/london-time.js';
import { fixedClock } from '../../src/services/clock.js';
import { KEEP_FOR_MS } from '../../src/services/figures-cache.js';
import { dateBoxes } from '../../src/web/forms.js';

for (const engine of testEngines()) {
  describe(`figures kept for reports (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let manager: Actor;
    let filters: { from: string; to: string; serviceId: string };
    const referrals = async () => (await t.services.dashboard.view(manager, filters, TEST_ORIGIN)).activity.find((a) => a.label === 'Referrals')!.figure.value;
    const viewsAudited = async () => Number((await t.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'dashboard.viewed').executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestApp(engine, { clock });
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      const today = londonDate(clock.now());
      filters = { from: addDays(today, -90), to: today, serviceId: manager.grant.serviceId! };
    });
    after(() => t?.close());

    test('views while nothing is recorded share the figures worked out first, and each view is audited', async () => {
      const first = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      const audited = await viewsAudited();
      clock.advanceMinutes(0.5);
      const second = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      assert.equal(second.workedOutAt.getTime(), first.workedOutAt.getTime(), 'the same working');
      assert.notEqual(second.workedOutAt.getTime(), clock.now().getTime());
      assert.deepEqual(second.activity, first.activity);
      assert.equal(await viewsAudited(), audited + 1, 'a view of kept figures is audited like any other');
    });

    test('anything recorded makes the next view work the figures out again, at once', async () => {
      const before = await referrals();
      assert.ok(before !== null && before > 0, 'the demo data has referrals in the last 3 months');
      // Move one referral of the period to the day before it: one fewer referral in the period.
      const moved = await t.db.selectFrom('referral').select('id')
        .where('service_id', '=', filters.serviceId)
        .where('referred_at', '>=', londonInstant(filters.from, { hours: 0, minutes: 0 }))
        .where('referred_at', '<', londonInstant(addDays(filters.to, 1), { hours: 0, minutes: 0 }))
        .limit(1).executeTakeFirstOrThrow();
      const dayBefore = londonInstant(addDays(filters.from, -1), { hours: 12, minutes: 0 });
      await t.db.updateTable('referral').set({ referred_at: dayBefore, arrived_at: null }).where('id', '=', moved.id).execute();
      const view = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      assert.equal(view.activity.find((a) => a.label === 'Referrals')!.figure.value, before - 1);
      assert.equal(view.workedOutAt.getTime(), clock.now().getTime(), 'worked out now');
    });

    test('a change made inside a transaction counts once it commits, and one rolled back does not', async () => {
      const first = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      await assert.rejects(t.db.transaction().execute(async (trx) => {
        await trx.updateTable('site').set({ name: 'Renamed and rolled back' }).where('service_id', '=', filters.serviceId).execute();
        throw new Error('stopped');
      }), /stopped/);
      clock.advanceMinutes(0.1);
      const afterRollback = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      assert.ok(afterRollback.referrals.site.rows.every((r) => r.label !== 'Renamed and rolled back'));
      // A refused statement counts as a change (what it did is not known), so this view may be worked out again; either way its figures are the same.
      assert.deepEqual(afterRollback.activity, first.activity);
    });

    test('with nothing recorded, figures are worked out again once a minute has passed, the first to ask meanwhile given those kept', async () => {
      const first = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      clock.set(new Date(first.workedOutAt.getTime() + KEEP_FOR_MS));
      const meanwhile = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      assert.equal(meanwhile.workedOutAt.getTime(), first.workedOutAt.getTime(), 'the kept figures, saying when they were worked out');
      let later = meanwhile;
      for (let i = 0; i < 100 && later.workedOutAt.getTime() !== clock.now().getTime(); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        later = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      }
      assert.equal(later.workedOutAt.getTime(), clock.now().getTime(), 'worked out again meanwhile');
      clock.set(new Date(later.workedOutAt.getTime() + 2 * KEEP_FOR_MS));
      const long = await t.services.dashboard.view(manager, filters, TEST_ORIGIN);
      assert.equal(long.workedOutAt.getTime(), clock.now().getTime(), 'figures twice as old are worked out before they are given');
    });

    test('the quarterly return is kept the same way, and recording anything works it out again', async () => {
      const commissioner = await actorFor(t.services, 'commissioner');
      const quarter = '2026-Q3';
      const first = await t.services.quarterlyReturn.view(commissioner, filters.serviceId, quarter, TEST_ORIGIN);
      clock.advanceMinutes(0.5);
      const again = await t.services.quarterlyReturn.view(commissioner, filters.serviceId, quarter, TEST_ORIGIN);
      assert.equal(again.generatedAt.getTime(), first.generatedAt.getTime());
      assert.equal(again.rows.length, first.rows.length);
      const inQuarter = await t.db.selectFrom('referral').select('id').where('service_id', '=', filters.serviceId)
        .where('referred_at', '>=', new Date('2026-07-01T00:00:00+01:00')).where('referred_at', '<', new Date('2026-10-01T00:00:00+01:00'))
        .limit(1).executeTakeFirstOrThrow();
      await t.db.updateTable('referral').set({ referred_at: new Date('2026-06-15T12:00:00+01:00'), arrived_at: null }).where('id', '=', inQuarter.id).execute();
      const fresh = await t.services.quarterlyReturn.view(commissioner, filters.serviceId, quarter, TEST_ORIGIN);
      assert.equal(fresh.rows.length, first.rows.length - 1);
      assert.equal(fresh.generatedAt.getTime(), clock.now().getTime());
    });

    test('the charts and tables are drawn once for everyone shown the same figures, apart for a reader shown them suppressed, and afresh once anything is recorded', async () => {
      const url = `/dashboard?${new URLSearchParams({ ...dateBoxes('from', filters.from), ...dateBoxes('to', filters.to), service: filters.serviceId })}`;
      const report = (body: string) => body.slice(body.indexOf('<h2 class="nhsuk-heading-m" id="period">'), body.indexOf('</main>'));
      const referralsShown = (body: string) => /<th scope="row" class="nhsuk-table__header">Referrals<\/th><td class="nhsuk-table__cell nhsuk-table__cell--numeric">([^<]*)</.exec(body)?.[1];
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      const practitioner = new Agent(t.app);
      await practitioner.signIn('practitioner');
      const commissioner = new Agent(t.app);
      await commissioner.signIn('commissioner');

      const first = await manager.get(url);
      assert.equal(first.status, 200);
      assert.ok(report(first.body).length > 1000, 'the report is on the page');
      clock.advanceMinutes(0.2);
      const again = await practitioner.get(url);
      assert.equal(report(again.body), report(first.body), 'another of the team is shown the same drawing, worked out at the same time');
      const suppressed = await commissioner.get(url);
      assert.match(report(suppressed.body), /Figures are aggregates/);
      assert.doesNotMatch(report(first.body), /Figures are aggregates/, "the team's drawing is not the commissioner's");

      const before = Number(referralsShown(first.body)?.replace(/,/g, ''));
      assert.ok(before > 0);
      const moved = await t.db.selectFrom('referral').select('id')
        .where('service_id', '=', filters.serviceId)
        .where('referred_at', '>=', londonInstant(filters.from, { hours: 0, minutes: 0 }))
        .where('referred_at', '<', londonInstant(addDays(filters.to, 1), { hours: 0, minutes: 0 }))
        .limit(1).executeTakeFirstOrThrow();
      await t.db.updateTable('referral').set({ referred_at: londonInstant(addDays(filters.from, -1), { hours: 12, minutes: 0 }), arrived_at: null }).where('id', '=', moved.id).execute();
      const after = await manager.get(url);
      assert.equal(Number(referralsShown(after.body)?.replace(/,/g, '')), before - 1, 'the page is drawn again from the new figures');
    });

    test('the dashboard page says when its figures were worked out', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('manager', { role: 'team_manager' });
      const page = await agent.get('/dashboard');
      assert.equal(page.status, 200);
      assert.match(page.body, /<p class="nhsuk-body-s" id="worked-out">Figures as at [^<]*2026[^<]*\. They are worked out again at least every minute/);
    });
  });
}
