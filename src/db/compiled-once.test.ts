import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import type { Database } from './schema.js';
import { compiledOnce } from './compiled-once.js';

// Compiles as the engines do; runs nothing.
const db = new Kysely<Database>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});

type Shape = { unallocated: boolean };
type Values = { serviceId: string; workerId: string | null; since: Date | null };

function counted() {
  let builds = 0;
  const query = compiledOnce((shape: Shape, v: Values) => {
    builds++;
    let q = db.selectFrom('case_episode').select('id').where('service_id', '=', v.serviceId).where('opened_at', '>=', v.since);
    q = shape.unallocated ? q.where('allocated_to', 'is', null) : q.where('allocated_to', '=', v.workerId);
    return q;
  });
  return { query, builds: () => builds };
}

test('a query is built twice the first time a shape is met (once to keep, once to check) and never again', () => {
  const { query, builds } = counted();
  const since = new Date('2026-12-01T00:00:00Z');
  const first = query({ unallocated: false }, { serviceId: 's1', workerId: 'w1', since });
  assert.equal(builds(), 2);
  const again = query({ unallocated: false }, { serviceId: 's2', workerId: 'w2', since: null });
  assert.equal(builds(), 2);
  assert.equal(again.sql, first.sql);
  assert.deepEqual(again.parameters, ['s2', null, 'w2']);
  assert.equal(first.parameters[1], since, 'a date is passed on as it is');
  const other = query({ unallocated: true }, { serviceId: 's3', workerId: null, since });
  assert.equal(builds(), 4);
  assert.match(other.sql, /"allocated_to" is null/);
  assert.deepEqual(other.parameters, ['s3', since]);
});

test('the query run is the one a fresh build gives, for every shape', () => {
  const { query } = counted();
  for (const shape of [{ unallocated: false }, { unallocated: true }]) {
    for (const v of [{ serviceId: 'a', workerId: 'b', since: new Date(0) }, { serviceId: "o'brien", workerId: null, since: null }]) {
      const ours = query(shape, v);
      let q = db.selectFrom('case_episode').select('id').where('service_id', '=', v.serviceId).where('opened_at', '>=', v.since);
      q = shape.unallocated ? q.where('allocated_to', 'is', null) : q.where('allocated_to', '=', v.workerId);
      const fresh = q.compile();
      assert.equal(ours.sql, fresh.sql);
      assert.deepEqual(ours.parameters, fresh.parameters);
    }
  }
});

test('a query whose text depends on a value, not only on its shape, is refused the first time', () => {
  const query = compiledOnce((_shape: object, v: { workerId: string | null }) =>
    db.selectFrom('case_episode').select('id').$if(v.workerId === null, (q) => q.where('allocated_to', 'is', null)).$if(v.workerId !== null, (q) => q.where('allocated_to', '=', v.workerId)));
  assert.throws(() => query({}, { workerId: null }), /depends on more than its shape/);
});

test('a value written into the text, or worked with while building, is refused', () => {
  const written = compiledOnce((_shape: object, v: { status: string }) => db.selectFrom('case_episode').select('id').where('case_status', '=', sql.lit(v.status) as never));
  assert.throws(() => written({}, { status: 'open' }), /written into the query text/);
  const workedWith = compiledOnce((_shape: object, v: { name: string }) => db.selectFrom('person').select('id').where('family_name', 'like', `${v.name}%`));
  assert.throws(() => workedWith({}, { name: 'Smyth' }), /worked with while the query was built/);
});
