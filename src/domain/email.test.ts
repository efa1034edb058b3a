import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEmailAddress } from './email.js';

test('an email address needs a name, an @ and a domain with a dot', () => {
  assert.ok(isEmailAddress('team@example.nhs.uk'));
  for (const bad of ['team', 'team@', '@example.org', 'team@example', 'te am@example.org']) assert.equal(isEmailAddress(bad), false, bad);
});
