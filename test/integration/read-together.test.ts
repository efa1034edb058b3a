// Several reads run as one statement give, read by read, what each gives alone: the same rows in the same order, with
// instants as dates, dates as text and counts as numbers; an empty read gives an empty list; and a read that fails
// fails the whole, as a lone read would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase, testEngines } from '../support/database.js';
import type { DatabaseHandle } from '../../src/db/open.js';
import { readTogether } from '../../src/db/read-together.js';
import { INSTANT_COLUMNS } from '../../src/db/instant-columns.js';

for (const engine of testEngines()) {
  describe(`reads run together (${engine})`, () => {
    let handle: DatabaseHandle;
    before(async () => (handle = await openTestDatabase(engine)));
    after(async () => handle?.close());

    const reads = () => {
      const { db } = handle;
      return {
        people: db.selectFrom('person').select(['id', 'given_name', 'family_name', 'date_of_birth', 'created_at']).orderBy('family_name').orderBy('id').limit(25),
        cases: db.selectFrom('case_episode').select(['id', 'opened_at', 'plan_agreed_on', 'closure_requested_at', 'version']).orderBy('opened_at', 'desc').limit(25),
        counts: db.selectFrom('referral').select(['service_id', (eb) => eb.fn.countAll<number>().as('referrals')]).groupBy('service_id').orderBy('service_id'),
        nobody: db.selectFrom('person').select(['id', 'created_at']).where('given_name', '=', 'No such name at all'),
      };
    };

    test('each read gives what it gives alone, in its order, with instants as dates', async () => {
      const q = reads();
      const alone = {
        people: await q.people.execute(),
        cases: await q.cases.execute(),
        counts: await q.counts.execute(),
        nobody: await q.nobody.execute(),
      };
      assert.ok(alone.people.length > 10 && alone.cases.length > 10 && alone.counts.length > 0, 'the demo data has people, cases and referrals');
      const together = await readTogether(handle.db, q, { people: ['created_at'], cases: ['opened_at', 'closure_requested_at'], nobody: ['created_at'] });
      assert.deepEqual(together, alone);
      assert.ok(together.cases[0]!.opened_at instanceof Date);
      assert.equal(typeof together.counts[0]!.referrals, 'number');
      assert.deepEqual(together.nobody, []);
    });

    test('an instant not named comes back as text, so a read must name its instants', async () => {
      const { cases } = await readTogether(handle.db, { cases: reads().cases });
      assert.equal(typeof cases[0]!.opened_at, 'string');
    });

    test('the instant columns of each table read whole are those the schema has', async () => {
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type = 'timestamp with time zone' order by table_name, ordinal_position`.execute(handle.db);
      for (const [table, columns] of Object.entries(INSTANT_COLUMNS)) {
        const inSchema = rows.filter((r) => r.table_name === table).map((r) => r.column_name);
        assert.ok(inSchema.length > 0, `${table} is in the schema`);
        assert.deepEqual([...columns].sort(), inSchema.sort(), `the instants of ${table}: add a new column to src/db/instant-columns.ts`);
      }
    });

    test('a person, a referral and a closed case read together are the rows read alone, every instant a date', async () => {
      const { db } = handle;
      const person = await db.selectFrom('person').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow();
      const referral = await db.selectFrom('referral').selectAll().where('arrived_at', 'is not', null).where('screened_at', 'is not', null).limit(1).executeTakeFirstOrThrow();
      const closed = await db.selectFrom('case_episode').selectAll().where('closed_at', 'is not', null).where('allocated_at', 'is not', null).limit(1).executeTakeFirstOrThrow();
      const together = await readTogether(db, {
        person: db.selectFrom('person').selectAll().where('id', '=', person.id),
        referral: db.selectFrom('referral').selectAll().where('id', '=', referral.id),
        closed: db.selectFrom('case_episode').selectAll().where('id', '=', closed.id),
      }, { person: INSTANT_COLUMNS.person, referral: INSTANT_COLUMNS.referral, closed: INSTANT_COLUMNS.case_episode });
      assert.deepEqual(together, { person: [person], referral: [referral], closed: [closed] });
    });

    test('a read that fails fails them all, and the database goes on answering', async () => {
      const broken = handle.db.selectFrom('person').select(sql<number>`1 / 0`.as('never'));
      await assert.rejects(readTogether(handle.db, { people: reads().people, broken }), (error: Error & { code?: string }) => error.code === '22012');
      assert.equal((await readTogether(handle.db, { nobody: reads().nobody })).nobody.length, 0);
    });
  });
}
