// The demo database has case work at every stage: the demo worker and support worker hold open cases, the support
// worker has a missed contact to follow up, and every case table has rows that keep the schema's constraints.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { missedContactsToFollowUp } from '../../src/domain/contact-follow-up.js';

const CASE_TABLES = [
  'case_allocation', 'assessment', 'intervention', 'support_plan', 'plan_intervention', 'plan_review', 'case_extension', 'onward_referral',
  'onward_referral_event', 'interim_support', 'contact', 'restorative_session', 'restorative_booking', 'follow_up',
] as const;

for (const engine of testEngines()) {
  describe(`demo cases (${engine})`, () => {
    let t: TestApp;
    let serviceId: string;
    const userId = async (username: string) => (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const openCasesOf = async (username: string) =>
      t.db.selectFrom('case_episode').select(['id', 'plan_agreed_on']).where('service_id', '=', serviceId).where('allocated_to', '=', await userId(username)).where('case_status', '<>', 'closed').execute();

    before(async () => {
      t = await startTestApp(engine);
      serviceId = (await t.db.selectFrom('service').select('id').where('code', '=', 'calder-vale').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('every case table has demo rows', async () => {
      for (const table of CASE_TABLES) {
        const { n } = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.ok(Number(n) > 0, `${table} has rows`);
      }
      const states = await t.db.selectFrom('case_episode').select('case_status').distinct().where('service_id', '=', serviceId).execute();
      assert.deepEqual(states.map((s) => s.case_status).sort(), ['closed', 'closure_requested', 'open']);
      const unallocated = await t.db.selectFrom('case_episode').select('id').where('case_status', '=', 'open').where('allocated_to', 'is', null).execute();
      assert.ok(unallocated.length > 0, 'a few open cases wait for allocation');
    });

    test("the demo practitioner and support worker each hold several open cases, most with a plan", async () => {
      for (const username of ['practitioner', 'support']) {
        const cases = await openCasesOf(username);
        assert.ok(cases.length >= 3, `${username} has ${cases.length} open cases`);
        assert.ok(cases.some((c) => c.plan_agreed_on), `${username} has a case with an agreed plan`);
      }
    });

    test('the support worker has a missed contact to follow up', async () => {
      const ids = (await openCasesOf('support')).map((c) => c.id);
      const contacts = await t.db.selectFrom('contact').select(['id', 'case_id', 'starts_at', 'outcome']).where('case_id', 'in', ids).execute();
      const toFollowUp = ids.filter((id) => missedContactsToFollowUp(contacts.filter((c) => c.case_id === id).map((c) => ({ id: c.id, startsAt: c.starts_at, outcome: c.outcome }))).length > 0);
      assert.ok(toFollowUp.length >= 1);
    });

    test('the volunteer facilitates sessions, and the CAMHS partner has referrals sent to it', async () => {
      const sessions = await t.db.selectFrom('restorative_session').select('id').where('facilitator_id', '=', await userId('volunteer')).execute();
      assert.ok(sessions.length > 0);
      const camhs = await t.db
        .selectFrom('onward_referral as r')
        .innerJoin('partner_organisation as p', 'p.id', 'r.partner_organisation_id')
        .select('r.id')
        .where('p.name', '=', 'Calder Vale CAMHS')
        .where('r.onward_state', '<>', 'draft')
        .execute();
      assert.ok(camhs.length > 0);
    });

    test("the support worker opens one of their cases", async () => {
      const [first] = await openCasesOf('support');
      const agent = new Agent(t.app);
      await agent.signIn('support');
      const page = await agent.get(`/cases/${first!.id}`);
      assert.equal(page.status, 200);
    });
  });
}
