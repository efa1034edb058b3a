import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missedContactsToFollowUp } from './contact-follow-up.js';

const at = (id: string, iso: string, outcome: string | null) => ({ id, startsAt: new Date(iso), outcome });

test('a did-not-attend with nothing after it needs a follow-up', () => {
  const due = missedContactsToFollowUp([at('a', '2026-11-02T10:00:00Z', 'attended'), at('b', '2026-11-09T10:00:00Z', 'did_not_attend')]);
  assert.deepEqual(due.map((c) => c.id), ['b']);
});

test('booking or holding a later contact clears the follow-up', () => {
  assert.deepEqual(missedContactsToFollowUp([at('b', '2026-11-09T10:00:00Z', 'did_not_attend'), at('c', '2026-11-16T10:00:00Z', null)]), []);
  assert.deepEqual(missedContactsToFollowUp([at('c', '2026-11-16T10:00:00Z', 'attended'), at('b', '2026-11-09T10:00:00Z', 'did_not_attend')]), []);
});

test('no contacts, or a last contact that was attended or cancelled, needs nothing', () => {
  assert.deepEqual(missedContactsToFollowUp([]), []);
  assert.deepEqual(missedContactsToFollowUp([at('a', '2026-11-02T10:00:00Z', 'cancelled_by_person')]), []);
});
