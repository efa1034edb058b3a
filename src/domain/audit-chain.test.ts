// Tests for the tamper-evident audit hash chain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditEventContent,
  type ChainedAuditEvent,
} from './audit-chain.js';

function content(minute: number, action: string, overrides: Partial<AuditEventContent> = {}): AuditEventContent {
  return {
    occurredAt: new Date(Date.UTC(2025, 2, 10, 9, minute)),
    userId: 'u-1',
    username: 'sjones',
    role: 'practitioner',
    serviceId: 's-1',
    action,
    subjectType: 'person',
    subjectId: 'p-42',
    personId: 'p-42',
    reason: 'Screening in custody',
    ipAddress: '10.0.0.7',
    userAgent: 'Mozilla/5.0',
    detail: { fields: ['nhsNumber', 'dateOfBirth'], site: { name: 'Central custody', id: 3 } },
    ...overrides,
  };
}

function chain(contents: AuditEventContent[], startHash = GENESIS_HASH): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  let prevHash = startHash;
  contents.forEach((eventContent, index) => {
    const hash = auditHash(prevHash, eventContent);
    events.push({ id: index + 1, prevHash, hash, ...eventContent });
    prevHash = hash;
  });
  return events;
}

const threeEvents = (): ChainedAuditEvent[] =>
  chain([content(0, 'person.view'), content(1, 'person.update'), content(2, 'disclosure.create')]);

test('the genesis hash is 64 zeros', () => {
  assert.equal(GENESIS_HASH, '0'.repeat(64));
});

test('canonical JSON sorts keys at every depth, whatever order they were written in', () => {
  const one = { b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } };
  const two = { a: { c: 'x', d: [1, { y: null, z: true }] }, b: 1 };
  assert.equal(canonicalJson(one), '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  assert.equal(canonicalJson(one), canonicalJson(two));
});

test('canonical JSON writes dates as ISO strings and drops undefined properties', () => {
  assert.equal(
    canonicalJson({ when: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)), gone: undefined, list: [undefined] }),
    '{"list":[null],"when":"2025-01-02T03:04:05.006Z"}',
  );
  assert.equal(canonicalJson('line\nbreak "quoted"'), '"line\\nbreak \\"quoted\\""');
});

test('canonical JSON refuses values it cannot write faithfully', () => {
  assert.throws(() => canonicalJson(new Map()), TypeError);
  assert.throws(() => canonicalJson({ n: Number.NaN }), TypeError);
  assert.throws(() => canonicalJson({ big: 1n }), TypeError);
  assert.throws(() => canonicalJson(new Date('not a date')), TypeError);
  assert.throws(() => canonicalJson(undefined), TypeError);
});

test('the hash is sha256 hex and depends on the previous hash and on the content', () => {
  const event = content(0, 'person.view');
  const hash = auditHash(GENESIS_HASH, event);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(auditHash(GENESIS_HASH, { ...event }), hash);
  assert.notEqual(auditHash('1'.repeat(64), event), hash);
  assert.notEqual(auditHash(GENESIS_HASH, { ...event, reason: 'Court report' }), hash);
});

test('fields that are not audit content do not change the hash', () => {
  const event = content(0, 'person.view');
  const withExtras = { ...event, id: 99, prevHash: 'x', hash: 'y' };
  assert.equal(auditHash(GENESIS_HASH, withExtras), auditHash(GENESIS_HASH, event));
});

test('a valid chain of three events verifies', () => {
  assert.deepEqual(verifyAuditChain(threeEvents()), { ok: true, checked: 3 });
  assert.deepEqual(verifyAuditChain([]), { ok: true, checked: 0 });
});

test('a chain can be checked a page at a time from the last verified hash', () => {
  const events = threeEvents();
  const firstPage = events.slice(0, 2);
  assert.deepEqual(verifyAuditChain(firstPage), { ok: true, checked: 2 });
  assert.deepEqual(verifyAuditChain(events.slice(2), firstPage[1]?.hash), { ok: true, checked: 1 });
  assert.deepEqual(verifyAuditChain(events.slice(2)), { ok: false, checked: 0, brokenAt: 3, problem: 'broken-link' });
});

test('editing a field of an event is detected at that event', () => {
  const events = threeEvents();
  events[1] = { ...events[1]!, reason: 'Nothing to see here' };
  assert.deepEqual(verifyAuditChain(events), { ok: false, checked: 1, brokenAt: 2, problem: 'hash-mismatch' });

  const nested = threeEvents();
  nested[2] = { ...nested[2]!, detail: { fields: ['nhsNumber'], site: { name: 'Central custody', id: 3 } } };
  assert.deepEqual(verifyAuditChain(nested), { ok: false, checked: 2, brokenAt: 3, problem: 'hash-mismatch' });

  const retimed = threeEvents();
  retimed[0] = { ...retimed[0]!, occurredAt: new Date(retimed[0]!.occurredAt.getTime() + 1) };
  assert.deepEqual(verifyAuditChain(retimed), { ok: false, checked: 0, brokenAt: 1, problem: 'hash-mismatch' });
});

test('editing an event and recomputing its hash breaks the link to the next', () => {
  const events = threeEvents();
  const edited = { ...events[1]!, action: 'person.view' };
  events[1] = { ...edited, hash: auditHash(edited.prevHash, edited) };
  assert.deepEqual(verifyAuditChain(events), { ok: false, checked: 2, brokenAt: 3, problem: 'broken-link' });
});

test('deleting a middle event is detected', () => {
  const events = threeEvents();
  const withoutMiddle = [events[0]!, events[2]!];
  assert.deepEqual(verifyAuditChain(withoutMiddle), { ok: false, checked: 1, brokenAt: 3, problem: 'broken-link' });
});

test('deleting the first event is detected', () => {
  assert.deepEqual(verifyAuditChain(threeEvents().slice(1)), { ok: false, checked: 0, brokenAt: 2, problem: 'broken-link' });
});

test('reordering events is detected', () => {
  const [first, second, third] = threeEvents();
  assert.deepEqual(verifyAuditChain([first!, third!, second!]), { ok: false, checked: 1, brokenAt: 3, problem: 'broken-link' });
});
