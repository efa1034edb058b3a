// The embedded engine's dialect leaves the event loop free between queries: a busy application still reads new requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openEmbeddedClient, wrapEmbedded } from './open.js';

test('between two queries the event loop takes its turn, so work waiting on it runs while a long run of queries goes on', async () => {
  const handle = wrapEmbedded(await openEmbeddedClient({}));
  try {
    await sql`select 1`.execute(handle.db);
    let done = 0;
    let doneWhenLoopTurned: number | null = null;
    // As a new connection's request waits for the loop to read it.
    setImmediate(() => (doneWhenLoopTurned = done));
    // As fifty requests queue their queries one after another, each as the one before is answered.
    await Promise.all(Array.from({ length: 10 }, async () => {
      for (let i = 0; i < 20; i++) {
        await sql`select ${i}::int as n`.execute(handle.db);
        done++;
      }
    }));
    assert.equal(done, 200);
    assert.notEqual(doneWhenLoopTurned, null, 'the loop turned before the queries were all answered');
    assert.ok(doneWhenLoopTurned! < 20, `the loop turned after ${doneWhenLoopTurned} of 200 queries`);
  } finally {
    await handle.close();
  }
});
