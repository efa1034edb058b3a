// Tests for the pseudonymised person key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PERSON_KEY_LENGTH, personKey } from './quarterly-return-key.js';

test('the key is the leading characters of HMAC-SHA256, as in RFC 4231 test cases 1 and 2', () => {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  assert.equal(personKey('what do ya want for nothing?', 'Jefe'), '5bdcc146bf60754e');
  // RFC 4231 test case 1: key 20 bytes of 0x0b, data "Hi There" (HMAC-SHA-256 b0344c61d8db3853...).
  assert.equal(personKey('Hi There', '\x0b'.repeat(20)), 'b0344c61d8db3853');
  assert.equal(personKey('x', 'y').length, PERSON_KEY_LENGTH);
});

test('the same person and secret give the same key; another secret or person gives another', () => {
  const id = '0b6f8a56-4f1e-4c1e-9f3a-2d4c5e6f7a8b';
  assert.equal(personKey(id, 'secret-one'), personKey(id, 'secret-one'));
  assert.notEqual(personKey(id, 'secret-one'), personKey(id, 'secret-two'));
  assert.notEqual(personKey(id, 'secret-one'), personKey('1b6f8a56-4f1e-4c1e-9f3a-2d4c5e6f7a8b', 'secret-one'));
  assert.ok(!personKey(id, 'secret-one').includes(id.slice(0, 8)));
  assert.throws(() => personKey('', 's'), RangeError);
  assert.throws(() => personKey(id, ''), RangeError);
});
