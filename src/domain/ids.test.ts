import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUuid } from './ids.js';

test('only the UUID form is an id', () => {
  assert.ok(isUuid('3f2c1a9e-5b7d-4c2a-9e1f-0a6b8c4d2e71'));
  assert.ok(isUuid('3F2C1A9E-5B7D-4C2A-9E1F-0A6B8C4D2E71'));
  assert.equal(isUuid('3f2c1a9e5b7d4c2a9e1f0a6b8c4d2e71----'), false, 'right length, wrong shape');
  assert.equal(isUuid("1' or 1=1--"), false);
  assert.equal(isUuid(''), false);
});
