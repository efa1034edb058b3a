// The audit trail: append-only, chained by hash, tampering (an edit, or the last events removed) detected, searchable
// by user and by person.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase, testEngines } from '../support/database.js';
import { createServices, type Services } from '../../src/services/index.js';
import { systemClock } from '../../src/services/clock.js';
import type { DatabaseHandle } from '../../src/db/open.js';

const origin = { ipAddress: '127.0.0.1', userAgent: 'test' };

for (const engine of testEngines()) {
  describe(`audit trail (${engine})`, () => {
    let handle: DatabaseHandle;
    let services: Services;
    before(async () => {
      handle = await openTestDatabase(engine);
      services = createServices(handle, systemClock);
    });
    after(() => handle.close());

    test('the seeded trail verifies, and events written at once still form one chain', async () => {
      const personId = '11111111-2222-4333-8444-555555555555';
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => services.audit.record({ userId: null, username: `tester${i % 3}` }, origin, { action: 'person.viewed', subjectType: 'person', subjectId: personId, personId, reason: i === 0 ? 'checking a duplicate' : null })),
      );
      const result = await services.audit.verify();
      assert.equal(result.ok, true);
      assert.ok(result.checked > 20);
      const forPerson = await services.audit.search({ personId });
      assert.equal(forPerson.length, 20);
      assert.equal((await services.audit.search({ username: 'TESTER1' })).length, 7);
    });

    test('events recorded at the same moment are stored together in the order recorded, whole, and one that cannot be stored fails alone', async () => {
      const subjectId = 'batch-' + Date.now();
      const recorded = Array.from({ length: 12 }, (_, i) => services.audit.record({ userId: null, username: 'batcher' }, origin, {
        action: 'person.viewed', subjectType: 'batch', subjectId,
        // One event with a person id that is not an id: the database refuses it, and only its own record fails.
        personId: i === 5 ? 'not-an-id' : null,
        detail: { n: i, text: 'naïve “quotes” <b>&', nested: { list: [1, null, 'x'] } },
      }).then(() => 'stored', (e: Error) => e.message));
      const outcomes = await Promise.all(recorded);
      assert.match(outcomes[5]!, /uuid/);
      assert.deepEqual(outcomes.filter((o) => o === 'stored').length, 11);
      const rows = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', subjectId).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => (r.detail as { n: number }).n), [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
      assert.deepEqual(rows[0]!.detail, { n: 0, text: 'naïve “quotes” <b>&', nested: { list: [1, null, 'x'] } });
      assert.equal(rows[0]!.person_id, null);
      assert.equal(rows[0]!.username, 'batcher');
      for (const [i, r] of rows.entries()) if (i > 0) assert.equal(r.prev_hash, rows[i - 1]!.hash, 'each links to the one stored before it');
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('updating or deleting an event is refused by the database', async () => {
      await assert.rejects(sql`update audit_event set action = 'nothing' where id = 1`.execute(handle.db), /append-only/);
      await assert.rejects(sql`delete from audit_event where id = 1`.execute(handle.db), /append-only/);
      await assert.rejects(sql`truncate audit_event`.execute(handle.db), /append-only/);
    });

    test('removing the last events behind the trigger is detected, though the rest still link up', async () => {
      for (let i = 0; i < 5; i++) await services.audit.record({ userId: null, username: 'tester' }, origin, { action: 'person.searched', detail: { i } });
      assert.equal((await services.audit.verify()).ok, true);
      // The event before the last three.
      const { rows } = await sql<{ id: number }>`select id from audit_event order by id desc limit 1 offset 3`.execute(handle.db);
      const lastKept = Number(rows[0]!.id);
      await sql`alter table audit_event disable trigger audit_event_no_update`.execute(handle.db);
      await sql`delete from audit_event where id > ${lastKept}`.execute(handle.db);
      await sql`alter table audit_event enable trigger audit_event_no_update`.execute(handle.db);
      const result = await services.audit.verify();
      assert.equal(result.ok, false);
      assert.equal(result.problem, 'end-missing');
      assert.equal(Number(result.brokenAt), lastKept);
    });

    test('an edit made behind the trigger is detected at the event edited', async () => {
      await sql`alter table audit_event disable trigger audit_event_no_update`.execute(handle.db);
      await sql`update audit_event set username = 'someone-else' where id = 5`.execute(handle.db);
      await sql`alter table audit_event enable trigger audit_event_no_update`.execute(handle.db);
      const result = await services.audit.verify();
      assert.equal(result.ok, false);
      assert.equal(result.brokenAt, 5);
      assert.equal(result.problem, 'hash-mismatch');
    });
  });
}
